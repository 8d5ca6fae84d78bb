/* SPDX-License-Identifier: MIT */
/* Minimal static xenstore-write over xenstored's unix socket:
 *   xs-write PATH VALUE [PATH VALUE ...] */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

struct msg { uint32_t type, req_id, tx_id, len; };

static int rd(int fd, void *b, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)b + got, n - got);
        if (r <= 0) return -1;
        got += r;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0), i;
    char buf[4096];

    strcpy(a.sun_path, "/run/xenstored/socket");
    if (fd < 0 || connect(fd, (void *)&a, sizeof(a))) { perror("connect"); return 1; }
    for (i = 1; i + 1 < argc; i += 2) {
        size_t pl = strlen(argv[i]) + 1, vl = strlen(argv[i + 1]);
        struct msg m = { 11 /* XS_WRITE */, i, 0, pl + vl };
        memcpy(buf, argv[i], pl);
        memcpy(buf + pl, argv[i + 1], vl);
        if (write(fd, &m, sizeof(m)) != sizeof(m) ||
            write(fd, buf, pl + vl) != (ssize_t)(pl + vl)) { perror("write"); return 1; }
        if (rd(fd, &m, sizeof(m)) || m.len >= sizeof(buf) || rd(fd, buf, m.len)) { perror("read"); return 1; }
        buf[m.len] = 0;
        if (m.type != 11) { fprintf(stderr, "xs-write %s: %s\n", argv[i], buf); return 1; }
    }
    return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * A static xenstore-write for the harness's dom0, which has busybox but
 * no xenstore client: XS_WRITE requests over xenstored's unix socket.
 *   xs-write PATH VALUE [PATH VALUE ...]
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define XS_WRITE    11          /* enum xsd_sockmsg_type, xs_wire.h */
#define XS_SOCKET   "/run/xenstored/socket"

struct xs_msg {
    uint32_t type, req_id, tx_id, len;
};

static int read_all(int fd, void *buf, size_t n)
{
    size_t got = 0;

    while ( got < n )
    {
        ssize_t r = read(fd, (char *)buf + got, n - got);

        if ( r <= 0 )
            return -1;
        got += r;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0), i;
    char buf[4096];

    strcpy(a.sun_path, XS_SOCKET);
    if ( fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) )
    {
        perror("xs-write: " XS_SOCKET);
        return 1;
    }
    for ( i = 1; i + 1 < argc; i += 2 )
    {
        size_t pl = strlen(argv[i]) + 1, vl = strlen(argv[i + 1]);
        struct xs_msg m = { XS_WRITE, i, 0, pl + vl };

        if ( pl + vl > sizeof(buf) )
        {
            fprintf(stderr, "xs-write: %s: too long\n", argv[i]);
            return 1;
        }
        memcpy(buf, argv[i], pl);
        memcpy(buf + pl, argv[i + 1], vl);
        if ( write(fd, &m, sizeof(m)) != sizeof(m) ||
             write(fd, buf, pl + vl) != (ssize_t)(pl + vl) )
        {
            perror("xs-write: write");
            return 1;
        }
        if ( read_all(fd, &m, sizeof(m)) || m.len >= sizeof(buf) ||
             read_all(fd, buf, m.len) )
        {
            perror("xs-write: read");
            return 1;
        }
        buf[m.len] = '\0';
        if ( m.type != XS_WRITE )
        {
            fprintf(stderr, "xs-write: %s: %s\n", argv[i], buf);
            return 1;
        }
    }
    return 0;
}

/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "readfile.h"

int sim_read_file(const char *path, size_t max, char **buf, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *b = NULL;
    size_t n = 0, cap = 0, got;
    int err = 0;

    *buf = NULL;
    *len = 0;
    if ( !f )
        return errno;
    do {
        if ( n + 1 >= cap )
        {
            char *nb;

            if ( cap > max )
            {
                err = EFBIG;
                break;
            }
            cap = cap ? cap * 2 : 16384;
            nb = realloc(b, cap);
            if ( !nb )
            {
                err = ENOMEM;
                break;
            }
            b = nb;
        }
        got = fread(b + n, 1, cap - n - 1, f);
        n += got;
    } while ( got );
    if ( !err && ferror(f) )
        err = EIO;
    if ( !err && n > max )
        err = EFBIG;
    fclose(f);
    if ( err )
    {
        free(b);
        return err;
    }
    b[n] = 0;
    *buf = b;
    *len = n;
    return 0;
}

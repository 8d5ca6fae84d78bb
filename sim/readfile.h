/* SPDX-License-Identifier: MIT */
/*
 * Whole-file reads for the simulator's readers.  Header-only, so that a
 * reader (sim/dmar.c) can be compiled alone into other programs (the
 * corpus benchmark) with no extra source to list.
 */
#ifndef SIM_READFILE_H
#define SIM_READFILE_H

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

/*
 * Read all of path (at most max bytes) into a new buffer, NUL-terminated
 * (*len excludes the NUL; the content may hold NUL bytes).  Returns 0, or
 * an errno value: the open/read error, EFBIG over max, ENOMEM.  *buf is
 * NULL on error; free it otherwise.
 */
static inline int sim_read_file(const char *path, size_t max, char **buf,
                                size_t *len)
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

#endif /* SIM_READFILE_H */

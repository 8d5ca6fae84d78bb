/* SPDX-License-Identifier: MIT */
/*
 * Whole-file reads for the simulator's readers.
 */
#ifndef SIM_READFILE_H
#define SIM_READFILE_H

#include <stddef.h>

/*
 * Read all of path (at most max bytes) into a new buffer, NUL-terminated
 * (*len excludes the NUL; the content may hold NUL bytes).  Returns 0, or
 * an errno value: the open/read error, EFBIG over max, ENOMEM.  *buf is
 * NULL on error; free it otherwise.
 */
int sim_read_file(const char *path, size_t max, char **buf, size_t *len);

#endif /* SIM_READFILE_H */

/* SPDX-License-Identifier: MIT */
/*
 * Hosted back ends for the lr_xs reader and writer (libreserve/xs.h):
 *
 *  - xsh_mem:  an in-memory key/value store (unit tests, fuzzing), which
 *              also holds a parsed `xenstore-ls -f` dump;
 *  - xsh_lx:   libxenstore (xs_open), dom0's view, inside a transaction;
 *  - xsh_hvm:  hvmloader's `const char *xenstore_read(path, default)`
 *              (one static buffer, default when missing or empty), here
 *              emulated over libxenstore; the adapter itself is the code
 *              hvmloader's glue needs.
 *
 * All paths handed to the ops are relative to /local/domain/<domid>/.
 * Hosted only (malloc, stdio); meant to move to sim/ for xen-layout.
 */
#ifndef XS_HOSTED_H
#define XS_HOSTED_H

#include <stdbool.h>
#include <stddef.h>
#include <libreserve/xs.h>

/* --- in-memory store ------------------------------------------------- */

struct xsh_kv {
    char *path;
    char *val;
};

struct xsh_mem {
    struct xsh_kv *kv;
    size_t nr, cap;
    const char *fail_path;      /* reading this path returns LR_E_IO */
    unsigned int reads;         /* ops->read calls so far */
    char last[LR_XS_PATH_MAX];  /* path of the last ops->read */
};

void xsh_mem_init(struct xsh_mem *m);
void xsh_mem_free(struct xsh_mem *m);
/* Set (val != NULL) or delete (val == NULL) one key.  0 or -1 (ENOMEM). */
int xsh_mem_set(struct xsh_mem *m, const char *path, const char *val);
/* Value of path or NULL. */
const char *xsh_mem_get(const struct xsh_mem *m, const char *path);
/* Ops reading and writing m (rm removes path and everything below). */
void xsh_mem_ops(struct xsh_mem *m, struct lr_xs_ops *ops);

/*
 * Load the output of `xenstore-ls -f <prefix>` (lines `path = "value"`,
 * optionally followed by permissions from -p), keeping keys under prefix
 * ("/local/domain/5") with the prefix and its '/' removed, values
 * unescaped as xenstore-ls escapes them.  0, or -1 with a message in
 * err[0 .. errlen) for an unreadable file or a malformed line.
 */
int xsh_dump_load(struct xsh_mem *m, const char *file, const char *prefix,
                  char *err, size_t errlen);

/* --- libxenstore ----------------------------------------------------- */

struct xs_handle;

struct xsh_lx {
    struct xs_handle *h;
    unsigned int domid;
    unsigned int t;             /* xs_transaction_t; 0: none */
    char prefix[32];            /* "/local/domain/<domid>/" */
};

/* Connect (XENSTORED_PATH or the default socket).  0 or -1. */
int xsh_lx_open(struct xsh_lx *x, unsigned int domid);
void xsh_lx_close(struct xsh_lx *x);
void xsh_lx_ops(struct xsh_lx *x, struct lr_xs_ops *ops);

/*
 * What the toolstack does: in one transaction (retried on EAGAIN), remove
 * libreserve/, create it owned by dom0 with read access for the guest
 * (xenstore permissions "n0 r<domid>"; the keys below inherit them),
 * write the schema, and give platform/mmio_hole_size (if present) the
 * same permissions.  Returns the writer's status, or LR_E_IO.
 */
LR_MUST_CHECK enum lr_status xsh_lx_write_input(struct xsh_lx *x,
                                                const struct lr_input *in);

/* --- hvmloader's xenstore_read --------------------------------------- */

/* The shape of hvmloader's function. */
typedef const char *xsh_hvm_read_fn(const char *path, const char *def);

/* Ops over such a function (read-only). */
void xsh_hvm_ops(xsh_hvm_read_fn *fn, struct lr_xs_ops *ops);

/* An emulation of hvmloader's xenstore_read over libxenstore for guest
 * 'domid': relative paths, one static buffer, default on missing/empty. */
int xsh_hvm_emul_open(unsigned int domid);
void xsh_hvm_emul_close(void);
const char *xsh_hvm_emul_read(const char *path, const char *def);

#endif /* XS_HOSTED_H */

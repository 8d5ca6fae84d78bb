/* SPDX-License-Identifier: MIT */
/*
 * The xenstore schema of libreserve (docs/xenstore.md): the toolstack
 * writes one struct lr_input under /local/domain/<domid>/libreserve/, the
 * domain builder and hvmloader read it back.  Store access goes through
 * caller callbacks, so the same code serves libxenstore in dom0,
 * hvmloader's xenstore_read() and a `xenstore-ls -f` dump file.
 *
 * Every path handed to a callback is relative to /local/domain/<domid>/,
 * as hvmloader sees it ("libreserve/reserved/0/base").  The schema needs
 * no directory listing: lists are walked by index up to a count key.
 */
#ifndef LIBRESERVE_XS_H
#define LIBRESERVE_XS_H

#include <stddef.h>
#include <libreserve/status.h>
#include <libreserve/diag.h>
#include <libreserve/layout.h>

/* Schema version this code reads and writes ("libreserve/version"). */
#define LR_XS_VERSION       1

/* Root of the schema, relative to /local/domain/<domid>/. */
#define LR_XS_ROOT          "libreserve"

/* Key libxl already writes for the MMIO hole (bytes, decimal). */
#define LR_XS_MMIO_HOLE     "platform/mmio_hole_size"

/* Longest relative path the schema uses, NUL included. */
#define LR_XS_PATH_MAX      64

/* Value buffer the reader hands to ops->read: longer values are malformed
 * (or, for an owner, cut). */
#define LR_XS_VALUE_MAX     256

struct lr_xs_ops {
    void *ctx;
    /*
     * Read path into buf[0 .. len), NUL-terminated.  Returns LR_OK;
     * LR_E_NOTFOUND if the key is absent or its value is empty (hvmloader
     * cannot tell the two apart, so neither may we); LR_E_NOSPACE if the
     * value needs len bytes or more (buf then holds its first len - 1
     * bytes); anything else (LR_E_IO) if the store failed.
     */
    enum lr_status (*read)(void *ctx, const char *path, char *buf,
                           size_t len);
    /* Write value at path, creating missing parents.  May be NULL for a
     * read-only store (hvmloader, dump files). */
    enum lr_status (*write)(void *ctx, const char *path, const char *value);
    /* Remove path and everything below it; an absent path is LR_OK.  May
     * be NULL: the writer then overwrites in place, and entries beyond the
     * new counts are left behind (the reader ignores them, with a
     * warning). */
    enum lr_status (*rm)(void *ctx, const char *path);
};

/*
 * Read the schema into *in (lr_input_init first, so absent optional keys
 * keep their defaults).  Every problem is one diagnostic in diags (which
 * may be NULL), with the key path and value in its detail.  Returns:
 *  LR_OK          *in is complete; warnings say which relaxed entries
 *                 were skipped and which owners were cut;
 *  LR_E_NOTFOUND  libreserve/version is absent (no schema: an info
 *                 diagnostic; callers fall back to stock behaviour) or a
 *                 required key is absent;
 *  LR_E_PARSE     a value is malformed (junk, overflow, unknown name);
 *  LR_E_INVAL     libreserve/version is not LR_XS_VERSION, or a strict
 *                 reservation has kind "ram";
 *  LR_E_EMPTY, LR_E_WRAP  a strict entry has size 0 or wraps;
 *  LR_E_NOSPACE   a count is over the schema maximum;
 *  LR_E_IO        ops->read failed (reading stops at once).
 * The first failure is returned, but reading goes on so that every
 * problem is reported.  On failure *in is incomplete: do not lay it out.
 */
LR_MUST_CHECK enum lr_status lr_xs_read_input(const struct lr_xs_ops *ops,
                                              struct lr_input *in,
                                              struct lr_diags *diags);

/*
 * Write *in as the schema: removes libreserve/ first when ops->rm is set,
 * writes every key (libreserve/version last, so a reader outside the
 * writer's transaction never takes a half-written schema for a whole
 * one), and platform/mmio_hole_size when the hole is not the default or
 * the store (ops->read, if set) holds another value: the key's presence
 * alone changes stock hvmloader's PCI setup.  Permissions are the store
 * adapter's job (docs/xenstore.md: owner dom0, guest read-only).
 * LR_E_INVAL (and nothing written) if *in cannot be represented: counts
 * over the maxima, unknown kind/policy/strategy/backend, an owner not
 * NUL-terminated, flags other than 0/1, a region covering all 2^64 bytes.
 * Otherwise the first failure of ops->write / ops->rm, or LR_OK.
 */
LR_MUST_CHECK enum lr_status lr_xs_write_input(const struct lr_xs_ops *ops,
                                               const struct lr_input *in);

#endif /* LIBRESERVE_XS_H */

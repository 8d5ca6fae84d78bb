/* SPDX-License-Identifier: MIT */
/*
 * Control of the hosted hvmloader environment (util.h): the xenstore it
 * reads, the console it prints to, BUG() catching.
 */
#ifndef HVM_ENV_H
#define HVM_ENV_H

#include <setjmp.h>
#include <stddef.h>
#include "xs_hosted.h"

/* Empty store, console, arena; BUG() not armed. */
void hvm_env_reset(void);

/* The store xenstore_read() reads (paths relative to the domain). */
struct xsh_mem *hvm_env_store(void);

/* Everything printed since the last reset, NUL-terminated. */
const char *hvm_env_console(void);

/* Make xenstore_read() ask fn (e.g. xsh_hvm_emul_read, over libxenstore)
 * instead of the in-memory store; NULL: back to the store.  Kept across
 * hvm_env_reset(). */
void hvm_env_use_reader(xsh_hvm_read_fn *fn);

/* Bytes handed out by the allocators since the last reset. */
size_t hvm_env_arena_used(void);

/* Where __bug() jumps; NULL: abort().  Use HVM_ENV_CATCH_BUG. */
extern jmp_buf *hvm_env_bug_jmp;
extern unsigned int hvm_env_bugs;

/* Run stmt; evaluates to 1 if it hit BUG(), 0 if it returned. */
#define HVM_ENV_CATCH_BUG(stmt) ({                                  \
    jmp_buf jb_;                                                    \
    volatile int hit_ = 0;                                          \
    hvm_env_bug_jmp = &jb_;                                         \
    if ( setjmp(jb_) == 0 )                                         \
        stmt;                                                       \
    else                                                            \
        hit_ = 1;                                                   \
    hvm_env_bug_jmp = NULL;                                         \
    hit_;                                                           \
})

/* Write m as `xenstore-ls -f` prints it, under /local/domain/<domid>,
 * to file.  0 or -1. */
int hvm_env_dump(const struct xsh_mem *m, unsigned int domid,
                 const char *file);

#endif /* HVM_ENV_H */

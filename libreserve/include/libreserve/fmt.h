/* SPDX-License-Identifier: MIT */
/*
 * Text in and out without libc: a bounded writer into a caller buffer (for
 * hvmloader, whose printf has no %ll) and strict number parsing for values
 * that come from outside (xenstore, command lines).
 */
#ifndef LIBRESERVE_FMT_H
#define LIBRESERVE_FMT_H

#include <stddef.h>
#include <stdint.h>
#include <libreserve/range.h>

/* A writer over buf[0 .. len).  Output past the end is dropped, but pos
 * keeps counting, so a caller can learn the size it needed (like
 * snprintf).  The buffer is NUL-terminated whenever len > 0. */
struct lr_buf {
    char *p;
    size_t len;
    size_t pos;
};

void lr_buf_init(struct lr_buf *b, char *buf, size_t len);
void lr_buf_str(struct lr_buf *b, const char *s);
void lr_buf_char(struct lr_buf *b, char c);
/* "0x" then lower-case hex, at least 'width' digits (0: as few as needed). */
void lr_buf_hex(struct lr_buf *b, uint64_t v, unsigned int width);
/* Unsigned decimal. */
void lr_buf_dec(struct lr_buf *b, uint64_t v);
/* A size for humans: the largest of GiB, MiB, KiB that divides it exactly,
 * else bytes ("256 MiB", "68 KiB", "4097 B"). */
void lr_buf_size(struct lr_buf *b, uint64_t bytes);
/* "0x00000000fc000000-0x00000000fdffffff" (inclusive last, 16 digits). */
void lr_buf_range(struct lr_buf *b, const struct lr_range *r);
/* True if nothing was dropped so far. */
static inline bool lr_buf_ok(const struct lr_buf *b)
{
    return b->len && b->pos < b->len;
}

/* Value of one hex digit ('0'-'9', 'a'-'f', 'A'-'F'), or -1. */
int lr_hex_digit(int c);

/* Parse a whole string as an unsigned 64-bit number: decimal, or hex with
 * a 0x/0X prefix.  No sign, no spaces, no junk, no empty digits.
 * LR_E_PARSE for malformed text, LR_E_WRAP for a value over 2^64 - 1. */
LR_MUST_CHECK enum lr_status lr_parse_u64(const char *s, uint64_t *out);

/* Parse a number with an optional binary suffix K, M, G, T (KiB..TiB), e.g.
 * "512M", "0x40000000", "4G".  Overflow is LR_E_WRAP. */
LR_MUST_CHECK enum lr_status lr_parse_size(const char *s, uint64_t *out);

/* Bounded copy: at most len - 1 bytes, always NUL-terminated when len > 0.
 * Returns strlen(src) so truncation is visible. */
size_t lr_strlcpy(char *dst, const char *src, size_t len);

/* String equality without strcmp (hvmloader has it, libxenguest users may
 * not want it): true if a and b are the same NUL-terminated text. */
bool lr_streq(const char *a, const char *b);

#endif /* LIBRESERVE_FMT_H */

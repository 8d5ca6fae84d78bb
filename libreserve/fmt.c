/* SPDX-License-Identifier: MIT */
#include <libreserve/fmt.h>
#include "lr_libc.h"

void lr_buf_init(struct lr_buf *b, char *buf, size_t len)
{
    b->p = buf;
    b->len = len;
    b->pos = 0;
    if ( len )
        buf[0] = '\0';
}

void lr_buf_char(struct lr_buf *b, char c)
{
    if ( b->len && b->pos + 1 < b->len )
    {
        b->p[b->pos] = c;
        b->p[b->pos + 1] = '\0';
    }
    b->pos++;
}

void lr_buf_str(struct lr_buf *b, const char *s)
{
    if ( !s )
        s = "(null)";
    while ( *s )
        lr_buf_char(b, *s++);
}

void lr_buf_hex(struct lr_buf *b, uint64_t v, unsigned int width)
{
    static const char digits[] = "0123456789abcdef";
    char tmp[16];
    unsigned int n = 0;

    do {
        tmp[n++] = digits[v & 0xf];
        v >>= 4;
    } while ( v && n < 16 );
    if ( width > 16 )
        width = 16;
    while ( n < width )
        tmp[n++] = '0';
    lr_buf_str(b, "0x");
    while ( n )
        lr_buf_char(b, tmp[--n]);
}

void lr_buf_dec(struct lr_buf *b, uint64_t v)
{
    /* Powers of ten by subtraction: no 64-bit division in hvmloader. */
    static const uint64_t pow10[] = {
        10000000000000000000ULL, 1000000000000000000ULL,
        100000000000000000ULL, 10000000000000000ULL, 1000000000000000ULL,
        100000000000000ULL, 10000000000000ULL, 1000000000000ULL,
        100000000000ULL, 10000000000ULL, 1000000000ULL, 100000000ULL,
        10000000ULL, 1000000ULL, 100000ULL, 10000ULL, 1000ULL, 100ULL,
        10ULL, 1ULL,
    };
    bool started = false;
    unsigned int i;

    for ( i = 0; i < LR_ARRAY_SIZE(pow10); i++ )
    {
        char d = '0';

        while ( v >= pow10[i] )
        {
            v -= pow10[i];
            d++;
        }
        if ( d != '0' || started || i == LR_ARRAY_SIZE(pow10) - 1 )
        {
            lr_buf_char(b, d);
            started = true;
        }
    }
}

void lr_buf_size(struct lr_buf *b, uint64_t bytes)
{
    static const struct {
        unsigned int shift;
        const char *unit;
    } units[] = {
        { 40, " TiB" }, { 30, " GiB" }, { 20, " MiB" }, { 10, " KiB" },
    };
    unsigned int i;

    for ( i = 0; i < LR_ARRAY_SIZE(units); i++ )
    {
        uint64_t mask = (1ULL << units[i].shift) - 1;

        if ( bytes && !(bytes & mask) )
        {
            lr_buf_dec(b, bytes >> units[i].shift);
            lr_buf_str(b, units[i].unit);
            return;
        }
    }
    lr_buf_dec(b, bytes);
    lr_buf_str(b, " B");
}

void lr_buf_range(struct lr_buf *b, const struct lr_range *r)
{
    lr_buf_hex(b, r->base, 16);
    lr_buf_char(b, '-');
    lr_buf_hex(b, r->last, 16);
}

int lr_hex_digit(int c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'F' )
        return c - 'A' + 10;
    return -1;
}

/* Parse digits of s up to (not including) end; base 10 or 16. */
static enum lr_status parse_digits(const char *s, const char *end,
                                   bool hex, uint64_t *out)
{
    uint64_t v = 0;

    if ( s == end )
        return LR_E_PARSE;
    for ( ; s < end; s++ )
    {
        int d = lr_hex_digit(*s);

        if ( d < 0 || (!hex && d > 9) )
            return LR_E_PARSE;
        if ( hex )
        {
            if ( v >> 60 )
                return LR_E_WRAP;
            v = (v << 4) | (uint64_t)d;
        }
        else
        {
            /* v * 10 + d without overflow: v * 10 = (v << 3) + (v << 1). */
            /* UINT64_MAX = 1844674407370955161 * 10 + 5 */
            if ( v > 1844674407370955161ULL ||
                 (v == 1844674407370955161ULL && d > 5) )
                return LR_E_WRAP;
            v = (v << 3) + (v << 1) + (uint64_t)d;
        }
    }
    *out = v;
    return LR_OK;
}

enum lr_status lr_parse_u64(const char *s, uint64_t *out)
{
    const char *end;
    bool hex = false;

    if ( !s )
        return LR_E_PARSE;
    if ( s[0] == '0' && (s[1] == 'x' || s[1] == 'X') )
    {
        hex = true;
        s += 2;
    }
    end = s + strlen(s);
    return parse_digits(s, end, hex, out);
}

enum lr_status lr_parse_size(const char *s, uint64_t *out)
{
    size_t n;
    unsigned int shift = 0;
    const char *p;
    bool hex = false;
    uint64_t v;
    enum lr_status st;

    if ( !s || !*s )
        return LR_E_PARSE;
    n = strlen(s);
    switch ( s[n - 1] )
    {
    case 'k': case 'K': shift = 10; break;
    case 'm': case 'M': shift = 20; break;
    case 'g': case 'G': shift = 30; break;
    case 't': case 'T': shift = 40; break;
    }
    p = s;
    if ( p[0] == '0' && (p[1] == 'x' || p[1] == 'X') )
    {
        hex = true;
        p += 2;
    }
    /* A hex number's last digit may be 'b'..'f', never a suffix letter
     * other than those above; K/M/G/T are not hex digits. */
    st = parse_digits(p, s + n - (shift ? 1 : 0), hex, &v);
    if ( st != LR_OK )
        return st;
    if ( shift && (v >> (64 - shift)) )
        return LR_E_WRAP;
    *out = v << shift;
    return LR_OK;
}

size_t lr_strlcpy(char *dst, const char *src, size_t len)
{
    size_t n = strlen(src);

    if ( len )
    {
        size_t c = n < len - 1 ? n : len - 1;

        memcpy(dst, src, c);
        dst[c] = '\0';
    }
    return n;
}

bool lr_streq(const char *a, const char *b)
{
    size_t n = strlen(a);

    return n == strlen(b) && !memcmp(a, b, n);
}

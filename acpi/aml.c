/* SPDX-License-Identifier: MIT */
/*
 * AML builder.  Section numbers refer to ACPI 6.4, chapter 20 (AML
 * grammar) unless they say otherwise.
 */
#include <acpi/aml.h>
#include "../libreserve/lr_libc.h"

enum { KIND_BAD, KIND_LEAF, KIND_BLOCK, KIND_PACKAGE, KIND_ROOT };

#define MAX_ARGS 8

static struct lr_aml_node bad(void)
{
    struct lr_aml_node n = { 0, 0, KIND_BAD, 0, 0 };

    return n;
}

static void fail(struct lr_aml *b, enum lr_status st)
{
    if ( b->err == LR_OK )
        b->err = st;
}

/* fail() for the helpers that answer true / false. */
static bool failed(struct lr_aml *b, enum lr_status st)
{
    fail(b, st);
    return false;
}

void lr_aml_init(struct lr_aml *b, void *buf, size_t cap)
{
    b->buf = buf;
    b->cap = cap > 0x7fffffffu ? 0x7fffffffu : (uint32_t)cap;
    b->len = 0;
    b->err = buf ? LR_OK : LR_E_INVAL;
}

enum lr_status lr_aml_error(const struct lr_aml *b)
{
    return b->err;
}

/* Append raw bytes at the end as a leaf. */
static struct lr_aml_node raw(struct lr_aml *b, const void *p, size_t n)
{
    struct lr_aml_node r = { b->len, (uint32_t)n, KIND_LEAF, 0, 0 };

    if ( b->err != LR_OK )
        return bad();
    if ( n > b->cap - b->len )
    {
        fail(b, LR_E_NOSPACE);
        return bad();
    }
    memcpy(b->buf + b->len, p, n);
    b->len += n;
    return r;
}

static void reverse(uint8_t *p, uint32_t n)
{
    uint32_t i;
    uint8_t t;

    for ( i = 0; i < n / 2; i++ )
    {
        t = p[i];
        p[i] = p[n - 1 - i];
        p[n - 1 - i] = t;
    }
}

/* Swap the adjacent blocks p[0..a) and p[a..a+c). */
static void rotate(uint8_t *p, uint32_t a, uint32_t c)
{
    reverse(p, a);
    reverse(p + a, c);
    reverse(p, a + c);
}

/* Close an open container: patch the element count of a package and
 * insert the PkgLength after the opcode.  Nodes after it move by the
 * PkgLength size, which the function returns. */
static uint32_t seal(struct lr_aml *b, struct lr_aml_node *n)
{
    uint8_t enc[4];
    unsigned int k;
    uint32_t at;

    if ( n->kind != KIND_BLOCK && n->kind != KIND_PACKAGE )
        return 0;
    if ( n->kind == KIND_PACKAGE )
    {
        if ( n->count > 0xff )
        {
            fail(b, LR_E_INVAL);
            return 0;
        }
        b->buf[n->off + n->hdr] = (uint8_t)n->count;
    }
    k = lr_aml_pkglength(n->len - n->hdr, enc);
    if ( k == 0 )
    {
        fail(b, LR_E_NOSPACE);
        return 0;
    }
    if ( k > b->cap - b->len )
    {
        fail(b, LR_E_NOSPACE);
        return 0;
    }
    at = n->off + n->hdr;
    memmove(b->buf + at + k, b->buf + at, b->len - at);
    memcpy(b->buf + at, enc, k);
    b->len += k;
    n->len += k;
    n->kind = KIND_LEAF;
    return k;
}

/* Seal every open container among a[0..n), from the highest offset down
 * so that lower offsets stay valid.  false on error (b->err set). */
static bool seal_args(struct lr_aml *b, struct lr_aml_node *a, unsigned int n)
{
    uint32_t k;
    unsigned int i;

    for ( ;; )
    {
        int best = -1;

        for ( i = 0; i < n; i++ )
            if ( (a[i].kind == KIND_BLOCK || a[i].kind == KIND_PACKAGE) &&
                 (best < 0 || a[i].off > a[best].off) )
                best = i;
        if ( best < 0 )
            return true;
        k = seal(b, &a[best]);
        if ( b->err != LR_OK )
            return false;
        for ( i = 0; i < n; i++ )
            if ( a[i].off > a[best].off )
                a[i].off += k;
    }
}

/* The args tile [*start, b->len) exactly: inside the buffer, no overlap,
 * no gap.  false on error (b->err set). */
static bool args_tile_tail(struct lr_aml *b, const struct lr_aml_node *a,
                           unsigned int n, uint32_t *start)
{
    uint32_t total = 0;
    unsigned int i, j;

    *start = b->len;
    for ( i = 0; i < n; i++ )
    {
        total += a[i].len;
        if ( a[i].off > b->len || a[i].len > b->len - a[i].off )
            return failed(b, LR_E_INVAL);
        if ( a[i].off < *start )
            *start = a[i].off;
    }
    if ( total != b->len - *start )
        return failed(b, LR_E_INVAL);
    for ( i = 0; i < n; i++ )
        for ( j = 0; j < n; j++ )
            if ( i != j && a[i].off < a[j].off + a[j].len &&
                 a[j].off < a[i].off + a[i].len )
                return failed(b, LR_E_INVAL);
    return true;
}

/* Append the op bytes as a[n], then move the pieces into place from
 * start on: the op first, then a[0..n) in order. */
static bool place_op_then_args(struct lr_aml *b, struct lr_aml_node *a,
                               unsigned int n, const uint8_t *op,
                               unsigned int oplen, uint32_t start)
{
    uint32_t cursor = start, pos, k;
    unsigned int i, j;

    if ( oplen > b->cap - b->len )
        return failed(b, LR_E_NOSPACE);
    if ( oplen )
        memcpy(b->buf + b->len, op, oplen);
    a[n].off = b->len;
    a[n].len = oplen;
    b->len += oplen;
    for ( i = 0; i <= n; i++ )
    {
        j = i == 0 ? n : i - 1;
        if ( a[j].len == 0 )
            continue;
        pos = a[j].off;
        if ( pos != cursor )
        {
            rotate(b->buf + cursor, pos - cursor, a[j].len);
            for ( k = 0; k <= n; k++ )
                if ( k != j && a[k].off >= cursor && a[k].off < pos )
                    a[k].off += a[j].len;
            a[j].off = cursor;
        }
        cursor += a[j].len;
    }
    return true;
}

/* The core of every constructor: op bytes followed by args[0..n) in this
 * order.  The args must together be the tail of the buffer, in any order.
 * kind KIND_BLOCK/KIND_PACKAGE makes an open container whose PkgLength
 * goes right after the op bytes. */
static struct lr_aml_node compose(struct lr_aml *b, uint8_t kind,
                                  const uint8_t *op, unsigned int oplen,
                                  const struct lr_aml_node *args,
                                  unsigned int n)
{
    struct lr_aml_node a[MAX_ARGS + 1], r;
    uint32_t start;
    unsigned int i;

    if ( b->err != LR_OK )
        return bad();
    if ( n > MAX_ARGS )
    {
        fail(b, LR_E_INVAL);
        return bad();
    }
    for ( i = 0; i < n; i++ )
    {
        a[i] = args[i];
        if ( a[i].kind == KIND_BAD || a[i].kind == KIND_ROOT )
        {
            fail(b, LR_E_INVAL);
            return bad();
        }
    }
    if ( !seal_args(b, a, n) || !args_tile_tail(b, a, n, &start) ||
         !place_op_then_args(b, a, n, op, oplen, start) )
        return bad();
    r.off = start;
    r.len = b->len - start;
    r.kind = kind;
    r.hdr = (uint8_t)oplen;
    r.count = 0;
    return r;
}

struct lr_aml_node lr_aml_root(struct lr_aml *b)
{
    struct lr_aml_node r = { b->len, 0, KIND_ROOT, 0, 0 };

    return b->err == LR_OK ? r : bad();
}

void lr_aml_append(struct lr_aml *b, struct lr_aml_node *parent,
                   struct lr_aml_node child)
{
    uint32_t k;

    if ( b->err != LR_OK )
        return;
    if ( parent->kind != KIND_BLOCK && parent->kind != KIND_PACKAGE &&
         parent->kind != KIND_ROOT )
    {
        fail(b, LR_E_INVAL);
        return;
    }
    if ( child.kind == KIND_BAD || child.kind == KIND_ROOT )
    {
        fail(b, LR_E_INVAL);
        return;
    }
    k = seal(b, &child);
    if ( b->err != LR_OK )
        return;
    if ( parent->off > child.off )
        parent->off += k;
    if ( parent->off + parent->len == child.off &&
         child.off + child.len == b->len )
        ;
    else if ( child.off + child.len == parent->off &&
              parent->off + parent->len == b->len )
    {
        rotate(b->buf + child.off, child.len, parent->len);
        parent->off = child.off;
    }
    else
    {
        fail(b, LR_E_INVAL);
        return;
    }
    parent->len += child.len;
    if ( parent->kind == KIND_PACKAGE )
        parent->count++;
}

enum lr_status lr_aml_finish(struct lr_aml *b,
                             const struct lr_aml_node *root, size_t *len)
{
    *len = 0;
    if ( b->err == LR_OK &&
         (root->kind != KIND_ROOT || root->off != 0 ||
          root->len != b->len) )
        fail(b, LR_E_INVAL);
    if ( b->err == LR_OK )
        *len = b->len;
    return b->err;
}

/* s20.2.3 Data objects: ZeroOp, OneOp, OnesOp, Byte..QWordPrefix. */
struct lr_aml_node lr_aml_int(struct lr_aml *b, uint64_t v)
{
    uint8_t e[9];

    return raw(b, e, lr_aml_int_encode(v, e));
}

/* s20.2.3 String := StringPrefix AsciiCharList NullChar. */
struct lr_aml_node lr_aml_string(struct lr_aml *b, const char *s)
{
    static const uint8_t prefix = 0x0d;
    struct lr_aml_node r;
    size_t i, n = strlen(s);
    uint8_t nul = 0;

    for ( i = 0; i < n; i++ )
        if ( (uint8_t)s[i] > 0x7f )
        {
            fail(b, LR_E_INVAL);
            return bad();
        }
    r = raw(b, &prefix, 1);
    if ( b->err == LR_OK )
        r.len += raw(b, s, n).len;
    if ( b->err == LR_OK )
        r.len += raw(b, &nul, 1).len;
    return b->err == LR_OK ? r : bad();
}

/* s20.2.2 NameString: optional RootChar or ParentPrefixChars, then a
 * NameSeg, DualNamePrefix + 2 segs or MultiNamePrefix + count + segs. */
struct lr_aml_node lr_aml_name(struct lr_aml *b, const char *path)
{
    uint8_t e[2 + 2 + 4 * 8 + 8];
    unsigned int n = 0, segs = 0, i, len;
    const char *p = path, *q;

    while ( *p == '\\' || *p == '^' )
    {
        /* RootChar only alone and first (no "\\^", no "^\\") */
        if ( n >= 8 || (n && (*p == '\\' || e[0] == '\\')) )
            goto bad;
        e[n++] = (uint8_t)*p++;
    }
    for ( q = p; *q; q++ )
        if ( *q == '.' )
            segs++;
    segs++;
    if ( segs > 8 )
        goto bad;
    if ( segs == 2 )
        e[n++] = 0x2e;
    else if ( segs > 2 )
    {
        e[n++] = 0x2f;
        e[n++] = (uint8_t)segs;
    }
    for ( ; segs; segs-- )
    {
        for ( len = 0; p[len] && p[len] != '.'; len++ )
        {
            char c = p[len];

            if ( len >= 4 ||
                 !((c >= 'A' && c <= 'Z') || c == '_' ||
                   (len && c >= '0' && c <= '9')) )
                goto bad;
        }
        if ( len == 0 )
            goto bad;
        for ( i = 0; i < 4; i++ )
            e[n++] = (uint8_t)(i < len ? p[i] : '_');
        p += len + (p[len] == '.');
    }
    return raw(b, e, n);
 bad:
    fail(b, LR_E_INVAL);
    return bad();
}

/* s20.2.6.2 Local0Op..Local7Op (0x60..0x67). */
struct lr_aml_node lr_aml_local(struct lr_aml *b, unsigned int n)
{
    uint8_t op = (uint8_t)(0x60 + n);

    if ( n > 7 )
    {
        fail(b, LR_E_INVAL);
        return bad();
    }
    return raw(b, &op, 1);
}

/* s20.2.6.1 Arg0Op..Arg6Op (0x68..0x6e). */
struct lr_aml_node lr_aml_arg(struct lr_aml *b, unsigned int n)
{
    uint8_t op = (uint8_t)(0x68 + n);

    if ( n > 6 )
    {
        fail(b, LR_E_INVAL);
        return bad();
    }
    return raw(b, &op, 1);
}

/* s20.2.2 NullName (an omitted Target). */
struct lr_aml_node lr_aml_null(struct lr_aml *b)
{
    static const uint8_t z = 0x00;

    return raw(b, &z, 1);
}

static struct lr_aml_node op1(struct lr_aml *b, uint8_t kind, uint8_t op,
                              const struct lr_aml_node *args, unsigned int n)
{
    return compose(b, kind, &op, 1, args, n);
}

static struct lr_aml_node op2(struct lr_aml *b, uint8_t kind, uint8_t op,
                              const struct lr_aml_node *args, unsigned int n)
{
    uint8_t e[2] = { 0x5b, op };

    return compose(b, kind, e, 2, args, n);
}

/* s20.2.3 DefBuffer := BufferOp PkgLength BufferSize ByteList. */
struct lr_aml_node lr_aml_buffer(struct lr_aml *b, const void *data,
                                 size_t n)
{
    struct lr_aml_node a[2];
    size_t i;

    a[0] = lr_aml_int(b, n);
    if ( data )
        a[1] = raw(b, data, n);
    else
    {
        a[1] = raw(b, "", 0);
        for ( i = 0; i < n && b->err == LR_OK; i++ )
            a[1].len += raw(b, "", 1).len;
    }
    return op1(b, KIND_BLOCK, 0x11, a, 2);
}

struct lr_aml_node lr_aml_buffer_sized(struct lr_aml *b,
                                       struct lr_aml_node size)
{
    return op1(b, KIND_BLOCK, 0x11, &size, 1);
}

/* s20.2.5.4 DefPackage := PackageOp PkgLength NumElements ElementList. */
struct lr_aml_node lr_aml_package(struct lr_aml *b)
{
    struct lr_aml_node count = raw(b, "", 1);

    return op1(b, KIND_PACKAGE, 0x12, &count, 1);
}

bool lr_aml_uuid_bytes(const char *s, uint8_t out[16])
{
    /* ToUUID (ASL s19.6.142): groups 1-3 little-endian, 4-5 as read. */
    static const uint8_t order[16] = {
        3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15
    };
    uint8_t v[16];
    unsigned int i, k = 0;

    if ( strlen(s) != 36 )
        return false;
    for ( i = 0; i < 36; i++ )
    {
        char c = s[i];
        unsigned int d;

        if ( i == 8 || i == 13 || i == 18 || i == 23 )
        {
            if ( c != '-' )
                return false;
            continue;
        }
        if ( c >= '0' && c <= '9' )
            d = c - '0';
        else if ( c >= 'a' && c <= 'f' )
            d = c - 'a' + 10;
        else if ( c >= 'A' && c <= 'F' )
            d = c - 'A' + 10;
        else
            return false;
        if ( k & 1 )
            v[k >> 1] = (uint8_t)(v[k >> 1] | d);
        else
            v[k >> 1] = (uint8_t)(d << 4);
        k++;
    }
    for ( i = 0; i < 16; i++ )
        out[i] = v[order[i]];
    return true;
}

struct lr_aml_node lr_aml_touuid(struct lr_aml *b, const char *uuid)
{
    uint8_t u[16];

    if ( b->err == LR_OK && !lr_aml_uuid_bytes(uuid, u) )
        fail(b, LR_E_INVAL);
    return b->err == LR_OK ? lr_aml_buffer(b, u, 16) : bad();
}

/* s20.2.5.1 DefName := NameOp NameString DataRefObject. */
struct lr_aml_node lr_aml_name_decl(struct lr_aml *b, const char *name,
                                    struct lr_aml_node value)
{
    struct lr_aml_node a[2];

    a[1] = value;
    a[0] = lr_aml_name(b, name);
    return op1(b, KIND_LEAF, 0x08, a, 2);
}

/* s20.2.5.1 DefScope := ScopeOp PkgLength NameString TermList. */
struct lr_aml_node lr_aml_scope(struct lr_aml *b, const char *path)
{
    struct lr_aml_node n = lr_aml_name(b, path);

    return op1(b, KIND_BLOCK, 0x10, &n, 1);
}

/* s20.2.5.2 DefDevice := DeviceOp PkgLength NameString TermList. */
struct lr_aml_node lr_aml_device(struct lr_aml *b, const char *name)
{
    struct lr_aml_node n = lr_aml_name(b, name);

    return op2(b, KIND_BLOCK, 0x82, &n, 1);
}

/* s20.2.5.2 DefMethod := MethodOp PkgLength NameString MethodFlags
 * TermList; flags: ArgCount (2:0), SerializeFlag (3), SyncLevel 0. */
struct lr_aml_node lr_aml_method(struct lr_aml *b, const char *name,
                                 unsigned int nargs, bool serialized)
{
    struct lr_aml_node a[2];
    uint8_t flags = (uint8_t)(nargs | (serialized ? 0x08 : 0));

    if ( nargs > 7 )
    {
        fail(b, LR_E_INVAL);
        return bad();
    }
    a[0] = lr_aml_name(b, name);
    a[1] = raw(b, &flags, 1);
    return op1(b, KIND_BLOCK, 0x14, a, 2);
}

/* s20.2.5.2 DefOpRegion := OpRegionOp NameString RegionSpace
 * RegionOffset RegionLen. */
struct lr_aml_node lr_aml_operation_region(struct lr_aml *b,
                                           const char *name,
                                           enum lr_aml_space space,
                                           struct lr_aml_node offset,
                                           struct lr_aml_node length)
{
    struct lr_aml_node a[4];
    uint8_t sp = (uint8_t)space;

    a[2] = offset;
    a[3] = length;
    a[0] = lr_aml_name(b, name);
    a[1] = raw(b, &sp, 1);
    return op2(b, KIND_LEAF, 0x80, a, 4);
}

/* s20.2.5.2 DefField := FieldOp PkgLength NameString FieldFlags
 * FieldList; flags: AccessType (3:0), NoLock (4 = 0), Preserve (6:5). */
struct lr_aml_node lr_aml_field(struct lr_aml *b, const char *region,
                                enum lr_aml_access access)
{
    struct lr_aml_node a[2];
    uint8_t flags = (uint8_t)access;

    a[0] = lr_aml_name(b, region);
    a[1] = raw(b, &flags, 1);
    return op2(b, KIND_BLOCK, 0x81, a, 2);
}

/* s20.2.5.2 NamedField := NameSeg PkgLength; ReservedField := 0x00
 * PkgLength.  The bit count uses the PkgLength encoding. */
void lr_aml_field_unit(struct lr_aml *b, struct lr_aml_node *field,
                       const char *name, uint32_t bits)
{
    struct lr_aml_node u;
    uint8_t enc[4];
    unsigned int k;

    if ( b->err != LR_OK )
        return;
    if ( bits == 0 )
    {
        fail(b, LR_E_INVAL);
        return;
    }
    /* A field's bit count does not count the PkgLength bytes. */
    k = lr_aml_pkg_encode(bits, enc);
    if ( k == 0 )
    {
        fail(b, LR_E_INVAL);
        return;
    }
    if ( name )
    {
        u = lr_aml_name(b, name);
        if ( b->err == LR_OK && u.len != 4 )
            fail(b, LR_E_INVAL);
    }
    else
        u = raw(b, "", 1);
    if ( b->err == LR_OK )
        u.len += raw(b, enc, k).len;
    lr_aml_append(b, field, u);
}

/* s20.2.5.2 DefCreateDWordField := CreateDWordFieldOp SourceBuff
 * ByteIndex NameString. */
struct lr_aml_node lr_aml_create_dword_field(struct lr_aml *b,
                                             struct lr_aml_node src,
                                             struct lr_aml_node byte_index,
                                             const char *name)
{
    struct lr_aml_node a[3];

    a[0] = src;
    a[1] = byte_index;
    a[2] = lr_aml_name(b, name);
    return op1(b, KIND_LEAF, 0x8a, a, 3);
}

/* s20.2.5.2 DefCreateField := CreateFieldOp SourceBuff BitIndex NumBits
 * NameString. */
struct lr_aml_node lr_aml_create_field(struct lr_aml *b,
                                       struct lr_aml_node src,
                                       struct lr_aml_node bit_index,
                                       struct lr_aml_node num_bits,
                                       const char *name)
{
    struct lr_aml_node a[4];

    a[0] = src;
    a[1] = bit_index;
    a[2] = num_bits;
    a[3] = lr_aml_name(b, name);
    return op2(b, KIND_LEAF, 0x13, a, 4);
}

/* s20.2.5.3 DefIfElse := IfOp PkgLength Predicate TermList DefElse. */
struct lr_aml_node lr_aml_if(struct lr_aml *b, struct lr_aml_node pred)
{
    return op1(b, KIND_BLOCK, 0xa0, &pred, 1);
}

/* s20.2.5.3 DefElse := ElseOp PkgLength TermList. */
struct lr_aml_node lr_aml_else(struct lr_aml *b)
{
    return op1(b, KIND_BLOCK, 0xa1, NULL, 0);
}

/* s20.2.5.3 DefWhile := WhileOp PkgLength Predicate TermList. */
struct lr_aml_node lr_aml_while(struct lr_aml *b, struct lr_aml_node pred)
{
    return op1(b, KIND_BLOCK, 0xa2, &pred, 1);
}

/* s20.2.5.3 DefReturn := ReturnOp ArgObject. */
struct lr_aml_node lr_aml_return(struct lr_aml *b, struct lr_aml_node v)
{
    return op1(b, KIND_LEAF, 0xa4, &v, 1);
}

/* s20.2.5.3 DefBreak := BreakOp. */
struct lr_aml_node lr_aml_break(struct lr_aml *b)
{
    return op1(b, KIND_LEAF, 0xa5, NULL, 0);
}

static struct lr_aml_node expr2(struct lr_aml *b, uint8_t op,
                                struct lr_aml_node x, struct lr_aml_node y)
{
    struct lr_aml_node a[2] = { x, y };

    return op1(b, KIND_LEAF, op, a, 2);
}

static struct lr_aml_node expr3(struct lr_aml *b, uint8_t op,
                                struct lr_aml_node x, struct lr_aml_node y,
                                struct lr_aml_node t)
{
    struct lr_aml_node a[3] = { x, y, t };

    return op1(b, KIND_LEAF, op, a, 3);
}

/* s20.2.5.4 DefStore := StoreOp TermArg SuperName. */
struct lr_aml_node lr_aml_store(struct lr_aml *b, struct lr_aml_node src,
                                struct lr_aml_node dst)
{
    return expr2(b, 0x70, src, dst);
}

/* s20.2.5.4 DefAdd := AddOp Operand Operand Target. */
struct lr_aml_node lr_aml_add(struct lr_aml *b, struct lr_aml_node x,
                              struct lr_aml_node y, struct lr_aml_node t)
{
    return expr3(b, 0x72, x, y, t);
}

/* s20.2.5.4 DefSubtract := SubtractOp Operand Operand Target. */
struct lr_aml_node lr_aml_subtract(struct lr_aml *b, struct lr_aml_node x,
                                   struct lr_aml_node y,
                                   struct lr_aml_node t)
{
    return expr3(b, 0x74, x, y, t);
}

/* s20.2.5.4 DefShiftLeft := ShiftLeftOp Operand ShiftCount Target. */
struct lr_aml_node lr_aml_shift_left(struct lr_aml *b, struct lr_aml_node x,
                                     struct lr_aml_node y,
                                     struct lr_aml_node t)
{
    return expr3(b, 0x79, x, y, t);
}

/* s20.2.5.4 DefShiftRight := ShiftRightOp Operand ShiftCount Target. */
struct lr_aml_node lr_aml_shift_right(struct lr_aml *b,
                                      struct lr_aml_node x,
                                      struct lr_aml_node y,
                                      struct lr_aml_node t)
{
    return expr3(b, 0x7a, x, y, t);
}

/* s20.2.5.4 DefAnd := AndOp Operand Operand Target. */
struct lr_aml_node lr_aml_and(struct lr_aml *b, struct lr_aml_node x,
                              struct lr_aml_node y, struct lr_aml_node t)
{
    return expr3(b, 0x7b, x, y, t);
}

/* s20.2.5.4 DefOr := OrOp Operand Operand Target. */
struct lr_aml_node lr_aml_or(struct lr_aml *b, struct lr_aml_node x,
                             struct lr_aml_node y, struct lr_aml_node t)
{
    return expr3(b, 0x7d, x, y, t);
}

/* s20.2.5.4 DefIncrement := IncrementOp SuperName. */
struct lr_aml_node lr_aml_increment(struct lr_aml *b, struct lr_aml_node x)
{
    return op1(b, KIND_LEAF, 0x75, &x, 1);
}

/* s20.2.5.4 DefLLess := LlessOp Operand Operand. */
struct lr_aml_node lr_aml_lless(struct lr_aml *b, struct lr_aml_node x,
                                struct lr_aml_node y)
{
    return expr2(b, 0x95, x, y);
}

/* s20.2.5.4 DefLGreater := LgreaterOp Operand Operand. */
struct lr_aml_node lr_aml_lgreater(struct lr_aml *b, struct lr_aml_node x,
                                   struct lr_aml_node y)
{
    return expr2(b, 0x94, x, y);
}

/* s20.2.5.4 DefLEqual := LequalOp Operand Operand. */
struct lr_aml_node lr_aml_lequal(struct lr_aml *b, struct lr_aml_node x,
                                 struct lr_aml_node y)
{
    return expr2(b, 0x93, x, y);
}

/* s20.2.5.4 DefLNot := LnotOp Operand. */
struct lr_aml_node lr_aml_lnot(struct lr_aml *b, struct lr_aml_node x)
{
    return op1(b, KIND_LEAF, 0x92, &x, 1);
}

/* s20.2.5.4 DefLAnd := LandOp Operand Operand. */
struct lr_aml_node lr_aml_land(struct lr_aml *b, struct lr_aml_node x,
                               struct lr_aml_node y)
{
    return expr2(b, 0x90, x, y);
}

/* s20.2.5.4 DefLOr := LorOp Operand Operand. */
struct lr_aml_node lr_aml_lor(struct lr_aml *b, struct lr_aml_node x,
                              struct lr_aml_node y)
{
    return expr2(b, 0x91, x, y);
}

/* s20.2.5.4 DefMid := MidOp MidObj TermArg TermArg Target. */
struct lr_aml_node lr_aml_mid(struct lr_aml *b, struct lr_aml_node src,
                              struct lr_aml_node index,
                              struct lr_aml_node len, struct lr_aml_node t)
{
    struct lr_aml_node a[4] = { src, index, len, t };

    return op1(b, KIND_LEAF, 0x9e, a, 4);
}

/* s20.2.5.4 DefConcat := ConcatOp Data Data Target. */
struct lr_aml_node lr_aml_concatenate(struct lr_aml *b,
                                      struct lr_aml_node x,
                                      struct lr_aml_node y,
                                      struct lr_aml_node t)
{
    return expr3(b, 0x73, x, y, t);
}

/* s20.2.5.4 DefSizeOf := SizeOfOp SuperName. */
struct lr_aml_node lr_aml_sizeof(struct lr_aml *b, struct lr_aml_node x)
{
    return op1(b, KIND_LEAF, 0x87, &x, 1);
}

/* s20.2.5.4 DefObjectType := ObjectTypeOp <SimpleName | ...>. */
struct lr_aml_node lr_aml_object_type(struct lr_aml *b,
                                      struct lr_aml_node x)
{
    return op1(b, KIND_LEAF, 0x8e, &x, 1);
}

/* s20.2.5.4 DefIndex := IndexOp BuffPkgStrObj IndexValue Target. */
struct lr_aml_node lr_aml_index(struct lr_aml *b, struct lr_aml_node src,
                                struct lr_aml_node index,
                                struct lr_aml_node t)
{
    return expr3(b, 0x88, src, index, t);
}

/* s20.2.5.4 DefDerefOf := DerefOfOp ObjReference. */
struct lr_aml_node lr_aml_derefof(struct lr_aml *b, struct lr_aml_node x)
{
    return op1(b, KIND_LEAF, 0x83, &x, 1);
}

/* s20.2.5.4 DefToBuffer := ToBufferOp Operand Target. */
struct lr_aml_node lr_aml_to_buffer(struct lr_aml *b, struct lr_aml_node x,
                                    struct lr_aml_node t)
{
    return expr2(b, 0x96, x, t);
}

/* s20.2.5.4 DefToInteger := ToIntegerOp Operand Target. */
struct lr_aml_node lr_aml_to_integer(struct lr_aml *b,
                                     struct lr_aml_node x,
                                     struct lr_aml_node t)
{
    return expr2(b, 0x99, x, t);
}

/* s20.2.5.4 MethodInvocation := NameString TermArgList. */
struct lr_aml_node lr_aml_call(struct lr_aml *b, const char *path,
                               const struct lr_aml_node *args,
                               unsigned int n)
{
    struct lr_aml_node a[MAX_ARGS];
    unsigned int i;

    if ( n > 7 )
    {
        fail(b, LR_E_INVAL);
        return bad();
    }
    a[0] = lr_aml_name(b, path);
    for ( i = 0; i < n; i++ )
        a[i + 1] = args[i];
    return compose(b, KIND_LEAF, NULL, 0, a, n + 1);
}

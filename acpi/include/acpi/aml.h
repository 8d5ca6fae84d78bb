/* SPDX-License-Identifier: MIT */
/*
 * AML builder over a caller buffer (ACPI 6.4 s20, AML encoding).
 *
 * One constructor per ASL term, named after it; terms are composed by
 * nesting calls, so builder code reads like the ASL it emits:
 *
 *   struct lr_aml_node dev = lr_aml_device(b, "NV00");
 *   lr_aml_append(b, &dev, lr_aml_name_decl(b, "_ADR", lr_aml_int(b, 1)));
 *   lr_aml_append(b, &root, dev);
 *
 * Every constructor writes its bytes at the end of the buffer and returns
 * a node naming them; a constructor taking nodes consumes them, and they
 * must be the most recent unconsumed nodes (C leaves the order in which
 * arguments are evaluated open, so their order in the buffer does not
 * matter: the builder reorders them).  Containers (Scope, Device, Method,
 * If, Else, While, Field, Package, Buffer) get their PkgLength when they
 * are appended to their parent.
 *
 * Errors are sticky: the first failure (buffer full, misuse, bad name) is
 * kept, every later call is a no-op, and lr_aml_finish() reports it.
 */
#ifndef ACPI_AML_H
#define ACPI_AML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libreserve/status.h>

struct lr_aml {
    uint8_t *buf;
    uint32_t cap;
    uint32_t len;
    enum lr_status err;
};

/* A term in the buffer: bytes buf[off .. off+len).  Treat as opaque. */
struct lr_aml_node {
    uint32_t off;
    uint32_t len;
    uint8_t kind;   /* leaf, open container, package, root, bad */
    uint8_t hdr;    /* opcode bytes before the PkgLength */
    uint16_t count; /* package elements so far */
};

/* Operation region spaces (ACPI 6.4 s19.6.100). */
enum lr_aml_space {
    LR_AML_SYSTEM_MEMORY = 0,
    LR_AML_SYSTEM_IO = 1,
};

/* Field access types (ACPI 6.4 s19.6.48). */
enum lr_aml_access {
    LR_AML_ANY_ACC = 0,
    LR_AML_BYTE_ACC = 1,
    LR_AML_WORD_ACC = 2,
    LR_AML_DWORD_ACC = 3,
    LR_AML_QWORD_ACC = 4,
    LR_AML_BUFFER_ACC = 5,
};

/* Start building into buf[0..cap). */
void lr_aml_init(struct lr_aml *b, void *buf, size_t cap);
/* The top-level term list: append scopes to it, then lr_aml_finish(). */
struct lr_aml_node lr_aml_root(struct lr_aml *b);
/* Append child to a container (or root); child must be the most recent
 * node and parent the one just before it.  Sets LR_E_INVAL otherwise. */
void lr_aml_append(struct lr_aml *b, struct lr_aml_node *parent,
                   struct lr_aml_node child);
/* The sticky error, LR_OK while all went well. */
enum lr_status lr_aml_error(const struct lr_aml *b);
/* Check that root holds everything built; *len = bytes of AML. */
enum lr_status LR_MUST_CHECK
lr_aml_finish(struct lr_aml *b, const struct lr_aml_node *root,
              size_t *len);

/* Encodings (aml_enc.c), for emitters that write AML without the
 * builder.  Each returns the bytes written to out.
 * s20.2.4 PkgLength: v in 1 to 4 bytes, the fewest that hold it (lead
 * byte: count of following bytes in bits 7:6, and when there are any the
 * low nibble in bits 3:0); 0 if v >= 2^28. */
unsigned int lr_aml_pkg_encode(uint32_t v, uint8_t out[4]);
/* A PkgLength counting its own bytes as well as body's; 0 if too long. */
unsigned int lr_aml_pkglength(uint32_t body, uint8_t out[4]);
/* s20.2.3 an Integer as lr_aml_int() writes it: 1 to 9 bytes. */
unsigned int lr_aml_int_encode(uint64_t v, uint8_t out[9]);

/* Data: integers use the shortest encoding (Zero, One, Ones, Byte..QWord),
 * Ones only for 2^64-1.  Strings are ASCII 1..127 without NUL. */
struct lr_aml_node lr_aml_int(struct lr_aml *b, uint64_t v);
struct lr_aml_node lr_aml_string(struct lr_aml *b, const char *s);
/* Buffer (n) { data } (data NULL: n zero bytes). */
struct lr_aml_node lr_aml_buffer(struct lr_aml *b, const void *data,
                                 size_t n);
/* Buffer (size) {} with a computed size. */
struct lr_aml_node lr_aml_buffer_sized(struct lr_aml *b,
                                       struct lr_aml_node size);
/* Package () {}: append elements (data or names) to it. */
struct lr_aml_node lr_aml_package(struct lr_aml *b);
/* ToUUID ("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"): a 16-byte Buffer. */
struct lr_aml_node lr_aml_touuid(struct lr_aml *b, const char *uuid);
/* Parse a UUID string into its ToUUID byte order; false if malformed. */
bool lr_aml_uuid_bytes(const char *uuid, uint8_t out[16]);

/* Names: "NV00", "_ADR", "\\_SB.NVDR", "^LRD".  Segments shorter than 4
 * are padded with '_'. */
struct lr_aml_node lr_aml_name(struct lr_aml *b, const char *path);
struct lr_aml_node lr_aml_local(struct lr_aml *b, unsigned int n);
struct lr_aml_node lr_aml_arg(struct lr_aml *b, unsigned int n);
/* No target (NullName), for the optional Target of operators. */
struct lr_aml_node lr_aml_null(struct lr_aml *b);

/* Namespace and named objects. */
struct lr_aml_node lr_aml_name_decl(struct lr_aml *b, const char *name,
                                    struct lr_aml_node value);
struct lr_aml_node lr_aml_scope(struct lr_aml *b, const char *path);
struct lr_aml_node lr_aml_device(struct lr_aml *b, const char *name);
struct lr_aml_node lr_aml_method(struct lr_aml *b, const char *name,
                                 unsigned int nargs, bool serialized);
struct lr_aml_node lr_aml_operation_region(struct lr_aml *b,
                                           const char *name,
                                           enum lr_aml_space space,
                                           struct lr_aml_node offset,
                                           struct lr_aml_node length);
/* Field (region, access, NoLock, Preserve) {}: add units with
 * lr_aml_field_unit() (name NULL: reserved bits, Offset-like gap). */
struct lr_aml_node lr_aml_field(struct lr_aml *b, const char *region,
                                enum lr_aml_access access);
void lr_aml_field_unit(struct lr_aml *b, struct lr_aml_node *field,
                       const char *name, uint32_t bits);
struct lr_aml_node lr_aml_create_dword_field(struct lr_aml *b,
                                             struct lr_aml_node src,
                                             struct lr_aml_node byte_index,
                                             const char *name);
struct lr_aml_node lr_aml_create_field(struct lr_aml *b,
                                       struct lr_aml_node src,
                                       struct lr_aml_node bit_index,
                                       struct lr_aml_node num_bits,
                                       const char *name);

/* Statements. */
struct lr_aml_node lr_aml_if(struct lr_aml *b, struct lr_aml_node pred);
struct lr_aml_node lr_aml_else(struct lr_aml *b);
struct lr_aml_node lr_aml_while(struct lr_aml *b, struct lr_aml_node pred);
struct lr_aml_node lr_aml_return(struct lr_aml *b, struct lr_aml_node v);
struct lr_aml_node lr_aml_break(struct lr_aml *b);

/* Expressions: (ASL operand order; t is the Target, lr_aml_null: none). */
struct lr_aml_node lr_aml_store(struct lr_aml *b, struct lr_aml_node src,
                                struct lr_aml_node dst);
struct lr_aml_node lr_aml_add(struct lr_aml *b, struct lr_aml_node x,
                              struct lr_aml_node y, struct lr_aml_node t);
struct lr_aml_node lr_aml_subtract(struct lr_aml *b, struct lr_aml_node x,
                                   struct lr_aml_node y,
                                   struct lr_aml_node t);
struct lr_aml_node lr_aml_shift_left(struct lr_aml *b, struct lr_aml_node x,
                                     struct lr_aml_node y,
                                     struct lr_aml_node t);
struct lr_aml_node lr_aml_shift_right(struct lr_aml *b,
                                      struct lr_aml_node x,
                                      struct lr_aml_node y,
                                      struct lr_aml_node t);
struct lr_aml_node lr_aml_and(struct lr_aml *b, struct lr_aml_node x,
                              struct lr_aml_node y, struct lr_aml_node t);
struct lr_aml_node lr_aml_or(struct lr_aml *b, struct lr_aml_node x,
                             struct lr_aml_node y, struct lr_aml_node t);
struct lr_aml_node lr_aml_increment(struct lr_aml *b, struct lr_aml_node x);
struct lr_aml_node lr_aml_lless(struct lr_aml *b, struct lr_aml_node x,
                                struct lr_aml_node y);
struct lr_aml_node lr_aml_lgreater(struct lr_aml *b, struct lr_aml_node x,
                                   struct lr_aml_node y);
struct lr_aml_node lr_aml_lequal(struct lr_aml *b, struct lr_aml_node x,
                                 struct lr_aml_node y);
struct lr_aml_node lr_aml_lnot(struct lr_aml *b, struct lr_aml_node x);
struct lr_aml_node lr_aml_land(struct lr_aml *b, struct lr_aml_node x,
                               struct lr_aml_node y);
struct lr_aml_node lr_aml_lor(struct lr_aml *b, struct lr_aml_node x,
                              struct lr_aml_node y);
struct lr_aml_node lr_aml_mid(struct lr_aml *b, struct lr_aml_node src,
                              struct lr_aml_node index,
                              struct lr_aml_node len, struct lr_aml_node t);
struct lr_aml_node lr_aml_concatenate(struct lr_aml *b,
                                      struct lr_aml_node x,
                                      struct lr_aml_node y,
                                      struct lr_aml_node t);
struct lr_aml_node lr_aml_sizeof(struct lr_aml *b, struct lr_aml_node x);
struct lr_aml_node lr_aml_object_type(struct lr_aml *b,
                                      struct lr_aml_node x);
struct lr_aml_node lr_aml_index(struct lr_aml *b, struct lr_aml_node src,
                                struct lr_aml_node index,
                                struct lr_aml_node t);
struct lr_aml_node lr_aml_derefof(struct lr_aml *b, struct lr_aml_node x);
struct lr_aml_node lr_aml_to_buffer(struct lr_aml *b, struct lr_aml_node x,
                                    struct lr_aml_node t);
struct lr_aml_node lr_aml_to_integer(struct lr_aml *b,
                                     struct lr_aml_node x,
                                     struct lr_aml_node t);
/* A call of a method by name with n arguments (n <= 7). */
struct lr_aml_node lr_aml_call(struct lr_aml *b, const char *path,
                               const struct lr_aml_node *args,
                               unsigned int n);

#endif /* ACPI_AML_H */

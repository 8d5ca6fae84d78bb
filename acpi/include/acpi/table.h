/* SPDX-License-Identifier: MIT */
/*
 * The 36-byte ACPI system description table header (ACPI 6.4 s5.2.6) and
 * its checksum.  Fields are written byte by byte, little-endian, so the
 * code does not depend on struct packing.
 */
#ifndef ACPI_TABLE_H
#define ACPI_TABLE_H

#include <stddef.h>
#include <stdint.h>

#define LR_ACPI_HEADER_LEN 36

/* Who built a table: copied verbatim into every header (not NUL-ended). */
struct lr_acpi_oem {
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    char creator_id[4];
    uint32_t creator_revision;
};

/* The default identity: OEM "LIBRSV", creator "LRSV". */
extern const struct lr_acpi_oem lr_acpi_oem_default;

/* Write a header for a table of 'len' bytes at buf[0..36) with checksum
 * 0 and then fix the checksum over buf[0..len).  buf must hold len bytes. */
void lr_acpi_header_write(uint8_t *buf, const char sig[4], uint32_t len,
                          uint8_t revision, const struct lr_acpi_oem *oem);

/* Byte sum of buf[0..len) modulo 256: 0 for a valid table. */
uint8_t lr_acpi_checksum(const uint8_t *buf, size_t len);

/* Little-endian loads and stores used by the table code. */
static inline void lr_acpi_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static inline void lr_acpi_put32(uint8_t *p, uint32_t v)
{
    lr_acpi_put16(p, (uint16_t)v);
    lr_acpi_put16(p + 2, (uint16_t)(v >> 16));
}

static inline void lr_acpi_put64(uint8_t *p, uint64_t v)
{
    lr_acpi_put32(p, (uint32_t)v);
    lr_acpi_put32(p + 4, (uint32_t)(v >> 32));
}

static inline uint16_t lr_acpi_get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t lr_acpi_get32(const uint8_t *p)
{
    return lr_acpi_get16(p) | ((uint32_t)lr_acpi_get16(p + 2) << 16);
}

static inline uint64_t lr_acpi_get64(const uint8_t *p)
{
    return lr_acpi_get32(p) | ((uint64_t)lr_acpi_get32(p + 4) << 32);
}

#endif /* ACPI_TABLE_H */

/* SPDX-License-Identifier: MIT */
/*
 * ACPI table header and checksum (ACPI 6.4 s5.2.6).
 */
#include <acpi/table.h>
#include "../libreserve/lr_libc.h"

const struct lr_acpi_oem lr_acpi_oem_default = {
    .oem_id = { 'L', 'I', 'B', 'R', 'S', 'V' },
    .oem_table_id = { 'L', 'R', 'N', 'V', 'D', 'I', 'M', 'M' },
    .oem_revision = 1,
    .creator_id = { 'L', 'R', 'S', 'V' },
    .creator_revision = 1,
};

uint8_t lr_acpi_checksum(const uint8_t *buf, size_t len)
{
    uint8_t sum = 0;
    size_t i;

    for ( i = 0; i < len; i++ )
        sum = (uint8_t)(sum + buf[i]);
    return sum;
}

void lr_acpi_header_write(uint8_t *buf, const char sig[4], uint32_t len,
                          uint8_t revision, const struct lr_acpi_oem *oem)
{
    if ( !oem )
        oem = &lr_acpi_oem_default;
    memcpy(buf, sig, 4);
    lr_acpi_put32(buf + 4, len);
    buf[8] = revision;
    buf[9] = 0;
    memcpy(buf + 10, oem->oem_id, 6);
    memcpy(buf + 16, oem->oem_table_id, 8);
    lr_acpi_put32(buf + 24, oem->oem_revision);
    memcpy(buf + 28, oem->creator_id, 4);
    lr_acpi_put32(buf + 32, oem->creator_revision);
    buf[9] = (uint8_t)(0x100 - lr_acpi_checksum(buf, len));
}

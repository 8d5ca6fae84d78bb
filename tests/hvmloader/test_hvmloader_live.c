/* SPDX-License-Identifier: MIT */
/*
 * Same keys, same bytes, with a real xenstored (run under
 * tests/xenstore/with-xenstored.sh): the toolstack writes each request
 * with libxenstore (transaction, guest read-only permissions), the domain
 * builder reads it back over libxenstore as the libxl patch does, and
 * hvmloader's glue reads it twice: through an emulation of xenstore_read()
 * over libxenstore, and from the output of the real `xenstore-ls -f`.
 * All three must give the same RAM chunks and e820 bytes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "util.h"
#include "libreserve.h"
#include "hvm_env.h"
#include "hvm_fixtures.h"

#undef printf

#define DOMID 5

static struct xsh_lx lx;

/* hvmloader's run: layout and e820 through the glue. */
static void hvm_side(const char *name, const char *how,
                     const struct lr_layout *db,
                     const struct e820entry *db_e820, unsigned int db_nr)
{
    struct e820entry e[E820MAX];
    const struct lr_layout *hv;
    unsigned int nr;

    if ( libreserve_setup() != 1 )
        fail_msg("%s (%s): no schema", name, how);
    hv = libreserve_layout();
    if ( hv->nr_ram != db->nr_ram ||
         memcmp(hv->ram, db->ram, sizeof(db->ram[0]) * db->nr_ram) )
        fail_msg("%s (%s): RAM chunks differ", name, how);
    memset(e, 0, sizeof(e));
    nr = libreserve_e820(e, 16, 0, BIOS_BASE, ACPI_END, NULL, 0);
    if ( nr != db_nr || memcmp(e, db_e820, sizeof(e)) )
        fail_msg("%s (%s): e820 differs", name, how);
    assert_int_equal(hvm_env_bugs, 0);
}

static void test_live_same_bytes(void **state)
{
    static struct lr_input in;
    static struct lr_layout db;
    static struct lr_layout_store db_store;
    struct e820entry db_e820[E820MAX];
    struct lr_xs_ops ops;
    char dump[512], cmd[1024], err[256];
    const char *dir = getenv("LR_XSD_DIR");
    unsigned int db_nr, k;

    lr_layout_init_store(&db, &db_store);
    assert_non_null(dir);
    snprintf(dump, sizeof(dump), "%s/hvmloader-dump.txt", dir);
    for ( k = 0; k < sizeof(cases) / sizeof(cases[0]); k++ )
    {
        cases[k].fill(&in);
        assert_int_equal(xsh_lx_write_input(&lx, &in), LR_OK);

        xsh_lx_ops(&lx, &ops);
        builder_layout(&ops, &db, db_e820, &db_nr);

        hvm_env_reset();
        hvm_env_use_reader(xsh_hvm_emul_read);
        hvm_side(cases[k].name, "xenstore_read", &db, db_e820, db_nr);

        snprintf(cmd, sizeof(cmd), "xenstore-ls -f /local/domain/%u > '%s'",
                 DOMID, dump);
        assert_int_equal(system(cmd), 0);
        hvm_env_use_reader(NULL);
        hvm_env_reset();
        if ( xsh_dump_load(hvm_env_store(), dump, "/local/domain/5", err,
                           sizeof(err)) )
            fail_msg("%s: dump: %s", cases[k].name, err);
        hvm_side(cases[k].name, "xenstore-ls -f", &db, db_e820, db_nr);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_live_same_bytes),
    };
    int rc;

    if ( !getenv("XENSTORED_PATH") || !getenv("LR_XSD_DIR") )
    {
        fprintf(stderr, "run me under tests/xenstore/with-xenstored.sh\n");
        return 1;
    }
    if ( xsh_lx_open(&lx, DOMID) || xsh_hvm_emul_open(DOMID) )
    {
        fprintf(stderr, "cannot connect to xenstored\n");
        return 1;
    }
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    xsh_hvm_emul_close();
    xsh_lx_close(&lx);
    return rc;
}

/* SPDX-License-Identifier: MIT */
/*
 * LD_PRELOAD shim that lets the real xenstored (xen-utils-4.17) run on a
 * machine without Xen, for tests.  It answers the few hypervisor calls the
 * daemon makes (see docs/xenstore.md, "Testing against the real daemon"):
 *
 *  - libxenctrl: the interface opens, and dom0 is the only domain;
 *  - libxenevtchn: a pipe that never becomes readable stands in for the
 *    event channel device, binds hand out small port numbers;
 *  - libxengnttab: opens, but mapping a grant fails (no guests here);
 *  - open(): /proc/xen/xsd_port and /proc/xen/xsd_kva, read once to set up
 *    dom0's ring, are redirected to files in $XENSTORED_RUNDIR that
 *    with-xenstored.sh creates ("1" and a 4096-byte page).
 *
 * The replacements are exported under the version nodes of the real
 * libraries (xsd-shim.map); open() stays unversioned, because only an
 * unversioned definition satisfies xenstored's open@GLIBC_2.2.5.
 *
 * Built without sanitizers: it is loaded into a system binary.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenevtchn.h>
#include <xengnttab.h>

#define EXPORT __attribute__((__visibility__("default")))

/* Any non-NULL pointer will do: the daemon only hands it back to us. */
static char dummy_handle;

static int evtchn_pipe[2] = { -1, -1 };
static evtchn_port_t next_port = 1;

/* --- libxenctrl ------------------------------------------------------ */

EXPORT xc_interface *xc_interface_open(xentoollog_logger *logger,
                                       xentoollog_logger *dombuild_logger,
                                       unsigned open_flags)
{
    return (xc_interface *)&dummy_handle;
}

EXPORT int xc_interface_close(xc_interface *xch)
{
    return 0;
}

/* Only dom0 exists. */
EXPORT int xc_domain_getinfo(xc_interface *xch, uint32_t first_domid,
                             unsigned int max_doms, xc_dominfo_t *info)
{
    if ( first_domid != 0 || max_doms == 0 )
        return 0;
    memset(info, 0, sizeof(*info));
    info->domid = 0;
    info->running = 1;
    return 1;
}

/* --- libxenevtchn ---------------------------------------------------- */

EXPORT xenevtchn_handle *xenevtchn_open(xentoollog_logger *logger,
                                        unsigned int flags)
{
    if ( evtchn_pipe[0] < 0 && pipe(evtchn_pipe) )
        return NULL;
    return (xenevtchn_handle *)&dummy_handle;
}

EXPORT xenevtchn_handle *xenevtchn_fdopen(xentoollog_logger *logger, int fd,
                                          unsigned int flags)
{
    return xenevtchn_open(logger, flags);
}

EXPORT int xenevtchn_fd(xenevtchn_handle *xce)
{
    return evtchn_pipe[0];
}

EXPORT xenevtchn_port_or_error_t xenevtchn_bind_virq(xenevtchn_handle *xce,
                                                     unsigned int virq)
{
    return next_port++;
}

EXPORT xenevtchn_port_or_error_t
xenevtchn_bind_interdomain(xenevtchn_handle *xce, uint32_t domid,
                           evtchn_port_t remote_port)
{
    return next_port++;
}

EXPORT int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port)
{
    return 0;
}

/* Never called while the pipe stays silent; say "nothing pending". */
EXPORT xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce)
{
    errno = EAGAIN;
    return -1;
}

EXPORT int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port)
{
    return 0;
}

EXPORT int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port)
{
    return 0;
}

/* --- libxengnttab ---------------------------------------------------- */

EXPORT xengnttab_handle *xengnttab_open(xentoollog_logger *logger,
                                        unsigned int open_flags)
{
    return (xengnttab_handle *)&dummy_handle;
}

EXPORT int xengnttab_close(xengnttab_handle *xgt)
{
    return 0;
}

EXPORT int xengnttab_set_max_grants(xengnttab_handle *xgt, uint32_t nr)
{
    return 0;
}

EXPORT void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid,
                                     uint32_t ref, int prot)
{
    errno = ENOSYS;
    return NULL;
}

EXPORT int xengnttab_unmap(xengnttab_handle *xgt, void *start_address,
                           uint32_t count)
{
    return 0;
}

/* --- open(): the two /proc/xen files --------------------------------- */

static const char *redirect(const char *path, char *buf, size_t len)
{
    const char *dir = getenv("XENSTORED_RUNDIR");
    const char *name;

    if ( !path || !dir )
        return path;
    if ( !strcmp(path, "/proc/xen/xsd_port") )
        name = "xsd_port";
    else if ( !strcmp(path, "/proc/xen/xsd_kva") )
        name = "xsd_kva";
    else
        return path;
    if ( snprintf(buf, len, "%s/%s", dir, name) >= (int)len )
        return path;
    return buf;
}

EXPORT int open(const char *path, int flags, ...)
{
    static int (*real_open)(const char *, int, ...);
    char buf[4096];
    mode_t mode = 0;

    if ( flags & (O_CREAT | O_TMPFILE) )
    {
        va_list ap;

        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    if ( !real_open )
        real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    if ( !real_open )
    {
        errno = ENOSYS;
        return -1;
    }
    return real_open(redirect(path, buf, sizeof(buf)), flags, mode);
}

/* SPDX-License-Identifier: MIT */
/*
 * e9cat: copy stdin to I/O port 0xE9, byte by byte.
 *
 * Inside an HVM guest this is Xen's debug port: Xen itself (not the device
 * model) collects the bytes and prints each line on its console as
 * "(dN) <line>", like hvmloader's output.  Under nested TCG a port write
 * handled by Xen costs far less than one to the emulated UART, which has to
 * go through the device model in dom0; the guest's /init reports through
 * here.  Built static at test time (tests/xen/mkguest.sh).
 */
#include <stdio.h>
#include <sys/io.h>

int main(void)
{
    int c;

    if ( ioperm(0xe9, 1, 1) != 0 )
    {
        perror("e9cat: ioperm");
        return 1;
    }
    while ( (c = getchar()) != EOF )
        outb((unsigned char)c, 0xe9);
    return 0;
}

/*
 * Test helper for UploadRaceTest: swaps two directory entries atomically
 * (renameat2 RENAME_EXCHANGE) as fast as it can, the way a local user who can
 * write inside an upload target would race the server. Runs until killed.
 * Prints "ready" once the first swap has worked, then the number of swaps when
 * it gets SIGTERM.
 *
 * Usage: exchange PATH-A PATH-B
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static volatile sig_atomic_t stop;

static void on_term(int sig) {
    (void) sig;
    stop = 1;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s PATH-A PATH-B\n", argv[0]);
        return 2;
    }
    signal(SIGTERM, on_term);
    unsigned long swaps = 0;
    while (!stop) {
        if (syscall(SYS_renameat2, AT_FDCWD, argv[1], AT_FDCWD, argv[2], RENAME_EXCHANGE) != 0) {
            perror("renameat2");
            return 1;
        }
        if (++swaps == 1) {
            printf("ready\n");
            fflush(stdout);
        }
    }
    /* leave the entries as they were found: an even number of swaps */
    if (swaps % 2 == 1) {
        syscall(SYS_renameat2, AT_FDCWD, argv[1], AT_FDCWD, argv[2], RENAME_EXCHANGE);
        swaps++;
    }
    printf("%lu\n", swaps);
    return 0;
}

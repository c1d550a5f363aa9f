/*
 * Helpers shared by the fuzz targets: a scratch file the target rewrites on each input
 * (for the APIs that take a path), and a sink FILE for writers.
 */
#ifndef CG_FUZZ_COMMON_H
#define CG_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message: how a target reports a broken invariant to libFuzzer. */
#define FUZZ_CHECK(cond)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);  \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

/*
 * Writes @p data to a scratch file named ...@p suffix (created once per process and
 * removed at exit) and returns its path.
 */
static char fuzz_path_[4096];

static void fuzz_cleanup_(void)
{
    if (fuzz_path_[0])
        unlink(fuzz_path_);
}

static const char *fuzz_scratch(const uint8_t *data, size_t size, const char *suffix)
{
    FILE *fp;

    if (!fuzz_path_[0]) {
        const char *dir = getenv("TMPDIR");
        int fd;
        snprintf(fuzz_path_, sizeof fuzz_path_, "%s/cg-fuzz-XXXXXX%s",
                 dir && *dir ? dir : "/tmp", suffix);
        fd = mkstemps(fuzz_path_, (int)strlen(suffix));
        if (fd < 0) {
            perror("mkstemps");
            abort();
        }
        close(fd);
        atexit(fuzz_cleanup_);
    }
    fp = fopen(fuzz_path_, "wb");
    if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp) != 0) {
        perror(fuzz_path_);
        abort();
    }
    return fuzz_path_;
}

/* A FILE that discards what is written (opened once). */
static FILE *fuzz_null(void)
{
    static FILE *fp;

    if (!fp && !(fp = fopen("/dev/null", "wb"))) {
        perror("/dev/null");
        abort();
    }
    return fp;
}

#endif

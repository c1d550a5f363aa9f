/*
 * Opening and reading many small files with few system calls (Linux io_uring through
 * liburing), for the reader's text files. A system call costs more than opening or
 * reading a file of a few KB, far more in some virtual machines: one io_uring_enter()
 * for a batch of files replaces an open(), a read() and a share of a close() per file.
 */
#ifndef CG_INPUT_URING_H
#define CG_INPUT_URING_H

#include <stddef.h>

typedef struct cg_uring cg_uring_t;

/** Files one batch may hold at most. */
#define CG_URING_BATCH 32

/**
 * A ring for batches, or NULL when io_uring is not there (built without liburing, an
 * old kernel, or forbidden by a seccomp filter or sysctl): the caller then reads files
 * the usual way. Free with cg_input__uring_free.
 */
cg_uring_t *cg_input__uring_new(void);
void cg_input__uring_free(cg_uring_t *u);

/** One file of a batch. The caller sets dir_fd, name, buf and cap; the batch sets got. */
typedef struct {
    int dir_fd;       /**< folder that @p name is relative to (or AT_FDCWD) */
    const char *name; /**< borrowed for the call */
    char *buf;        /**< where the file's first bytes go */
    size_t cap;       /**< bytes asked for (below 2 GB) */
    long got;         /**< bytes read (the file may hold more when got == cap), or
                           -errno when it could not be opened or read */
} cg_uring_file_t;

/**
 * Opens, reads (up to cap bytes of each) and closes the @p n files (at most
 * CG_URING_BATCH, read-only), one system call for the whole batch where the kernel does
 * them at once. The files never take a descriptor of the process (the ring's own table
 * holds them while they are read). Returns 0 when every file has its result in got
 * (each may be an error), or -1 when the ring itself failed: then the buffers may still
 * be written to by requests the kernel had started, so the caller must not free or reuse
 * them, and must not use the ring again (but still frees it).
 */
int cg_input__uring_read(cg_uring_t *u, cg_uring_file_t *f, size_t n);

#endif

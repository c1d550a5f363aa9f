/*
 * Batches of small files read through io_uring (liburing). Each file is one chain of
 * three requests: open it into a slot of the ring's own file table, read its first
 * bytes from that slot, close the slot. The whole batch goes to the kernel in one
 * io_uring_enter(), which runs the requests there and then for files in the page cache.
 * Built without liburing (CG_HAVE_LIBURING unset), cg_input__uring_new returns NULL and
 * files are read the usual way.
 */
#include "1-input/uring.h"

#ifdef CG_HAVE_LIBURING

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <liburing.h>

/* three requests per file; a power of two */
#define RING_ENTRIES 128

struct cg_uring {
    struct io_uring ring;
    pthread_t owner; /* the thread that made the ring, the only one that may submit */
};

cg_uring_t *cg_input__uring_new(void)
{
    cg_uring_t *u = calloc(1, sizeof *u);
    struct io_uring_params p;

    if (!u)
        return NULL;
    /* Completions handed back only when this thread asks for them (Linux 6.1): no
       interrupting the thread to run them while it extracts. Older kernels say EINVAL:
       a ring without it. */
    memset(&p, 0, sizeof p);
    p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
    if (io_uring_queue_init_params(RING_ENTRIES, &u->ring, &p) < 0) {
        memset(&p, 0, sizeof p);
        if (io_uring_queue_init_params(RING_ENTRIES, &u->ring, &p) < 0) {
            free(u); /* ENOSYS, EPERM (disabled or filtered), ENOMEM: read as usual */
            return NULL;
        }
    }
    /* A sparse file table (Linux 5.19): its slots receive the opened files. Kernels that
       have it also open into a slot and let a linked read use the slot it was opened in. */
    if (io_uring_register_files_sparse(&u->ring, CG_URING_BATCH) < 0) {
        io_uring_queue_exit(&u->ring);
        free(u);
        return NULL;
    }
    u->owner = pthread_self();
    return u;
}

void cg_input__uring_free(cg_uring_t *u)
{
    if (!u)
        return;
    io_uring_queue_exit(&u->ring);
    free(u);
}

/* user_data of a request: the file's index and which of its three requests it is */
enum { REQ_OPEN, REQ_READ, REQ_CLOSE };
#define REQ_DATA(i, k) ((uint64_t)(i) << 2 | (uint64_t)(k))

int cg_input__uring_read(cg_uring_t *u, cg_uring_file_t *f, size_t n)
{
    size_t i, want = 3 * n, seen = 0;

    if (n > CG_URING_BATCH || !pthread_equal(u->owner, pthread_self()))
        return -1;
    for (i = 0; i < n; i++) {
        struct io_uring_sqe *e;

        f[i].got = -ECANCELED; /* a request that never completes counts as failed */
        /* open into slot i; if it fails, the read and the close are cancelled */
        e = io_uring_get_sqe(&u->ring);
        io_uring_prep_openat_direct(e, f[i].dir_fd, f[i].name, O_RDONLY, 0, (unsigned)i);
        e->flags |= IOSQE_IO_LINK;
        io_uring_sqe_set_data64(e, REQ_DATA(i, REQ_OPEN));
        /* read from the slot; a short read (the usual case: the whole file) would cut the
           chain with a plain link, the hard link keeps the close */
        e = io_uring_get_sqe(&u->ring);
        io_uring_prep_read(e, (int)i, f[i].buf, (unsigned)f[i].cap, 0);
        e->flags |= IOSQE_FIXED_FILE | IOSQE_IO_HARDLINK;
        io_uring_sqe_set_data64(e, REQ_DATA(i, REQ_READ));
        e = io_uring_get_sqe(&u->ring);
        io_uring_prep_close_direct(e, (unsigned)i);
        io_uring_sqe_set_data64(e, REQ_DATA(i, REQ_CLOSE));
    }
    if (!n)
        return 0;
    while (seen < want) {
        struct io_uring_cqe *c;
        unsigned head, k = 0;
        int rc = io_uring_submit_and_wait(&u->ring, (unsigned)(want - seen));

        if (rc < 0 && rc != -EINTR && rc != -EAGAIN && rc != -EBUSY)
            return -1;
        io_uring_for_each_cqe(&u->ring, head, c)
        {
            uint64_t d = io_uring_cqe_get_data64(c);
            size_t j = (size_t)(d >> 2);
            if (j < n && (d & 3) == REQ_OPEN && c->res < 0)
                f[j].got = c->res;
            else if (j < n && (d & 3) == REQ_READ && f[j].got == -ECANCELED)
                f[j].got = c->res;
            k++;
        }
        io_uring_cq_advance(&u->ring, k);
        seen += k;
    }
    return 0;
}

#else /* built without liburing */

#include <stddef.h>

cg_uring_t *cg_input__uring_new(void)
{
    return NULL;
}

void cg_input__uring_free(cg_uring_t *u)
{
    (void)u;
}

int cg_input__uring_read(cg_uring_t *u, cg_uring_file_t *f, size_t n)
{
    (void)u;
    (void)f;
    (void)n;
    return -1;
}

#endif

/* Big arrays: huge-page hints, giving pages back, moving pages into a file. */
#define _GNU_SOURCE /* O_TMPFILE, mremap */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/mman.h>
#include <unistd.h>

#include "0-util/bigmem.h"

#define HUGE_PAGE ((uintptr_t)2 << 20)

void cg_big_hint(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    uintptr_t a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    uintptr_t e = ((uintptr_t)p + n) & ~(HUGE_PAGE - 1);

    if (p && n >= 2 * HUGE_PAGE && e > a)
        (void)madvise((void *)a, (size_t)(e - a), MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

void *cg_big_alloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    cg_big_hint(p, n);
    return p;
}

/** The whole pages inside the @p n bytes at @p p: [*a, *e). 0 when there is none. */
static int inner_pages(const void *p, size_t n, uintptr_t *a, uintptr_t *e)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);

    *a = ((uintptr_t)p + page - 1) & ~(page - 1);
    *e = ((uintptr_t)p + n) & ~(page - 1);
    return p && *e > *a;
}

void cg_big_drop(void *p, size_t n)
{
    uintptr_t a, e;

    /* only pages wholly inside the block: malloc's headers around it stay */
    if (inner_pages(p, n, &a, &e))
        (void)madvise((void *)a, (size_t)(e - a), MADV_DONTNEED);
}

void cg_big_populate(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
    uintptr_t a, e;

    if (inner_pages(p, n, &a, &e))
        (void)madvise((void *)a, (size_t)(e - a), MADV_POPULATE_WRITE);
#else
    (void)p;
    (void)n;
#endif
}

void cg_heap_release(void)
{
#ifdef __GLIBC__
    (void)malloc_trim(0);
#endif
}

int cg_spill_open(cg_spill_t *s)
{
    s->size = 0;
    s->fd = -1;
#ifdef O_TMPFILE
    {
        const char *dir = getenv("TMPDIR");

        s->fd = open(dir && *dir ? dir : "/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    }
#endif
    return s->fd >= 0 ? 0 : -1;
}

int cg_write_all(int fd, const void *buf, size_t n, long long off)
{
    const unsigned char *b = buf;

    while (n) {
        ssize_t k = off < 0 ? write(fd, b, n) : pwrite(fd, b, n, (off_t)off);

        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        b += k;
        n -= (size_t)k;
        if (off >= 0)
            off += k;
    }
    return 0;
}

int cg_spill_move(cg_spill_t *s, void *p, size_t n)
{
#ifdef MREMAP_FIXED
    uintptr_t a, e;
    size_t len;
    void *m;

    if (s->fd < 0 || !inner_pages(p, n, &a, &e))
        return -1;
    len = (size_t)(e - a);
    /* the file's copy is mapped elsewhere first: a failure leaves the memory as it was */
    if (cg_write_all(s->fd, (void *)a, len, s->size))
        return -1;
    m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, s->fd, (off_t)s->size);
    if (m == MAP_FAILED)
        return -1;
    if (mremap(m, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)a) == MAP_FAILED) {
        munmap(m, len);
        return -1;
    }
    s->size += (long long)len;
    return 0;
#else
    (void)s;
    (void)p;
    (void)n;
    return -1;
#endif
}

void cg_spill_close(cg_spill_t *s)
{
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
}

void cg_spill_forget(void *p, size_t n)
{
    uintptr_t a, e;

    if (inner_pages(p, n, &a, &e))
        (void)mmap((void *)a, (size_t)(e - a), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
}

#define RESTORE_PIECE ((size_t)32 << 20)

/*
 * A fresh anonymous mapping of @p len bytes that starts as far past a huge-page boundary
 * as @p like does, hinted for huge pages. Moved onto @p like by mremap, its huge pages
 * stay huge: the kernel moves a 2 MiB page whole only between addresses that are both
 * on a boundary, and splits it into 4 KiB pages otherwise (the memory then costs a TLB
 * miss per 4 KiB instead of per 2 MiB: writing the edges of the 1 GB benchmark's graph,
 * which reads the node records at random, took 4.7 s of CPU instead of 2.5).
 */
static void *map_like(uintptr_t like, size_t len)
{
    uintptr_t m, want, end;
    void *r = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);

    if (r == MAP_FAILED)
        return r;
    m = (uintptr_t)r;
    want = (m & ~(HUGE_PAGE - 1)) + (like & (HUGE_PAGE - 1));
    if (want < m)
        want += HUGE_PAGE;
    end = m + len + HUGE_PAGE;
    if (want > m)
        munmap(r, (size_t)(want - m));
    if (end > want + len)
        munmap((void *)(want + len), (size_t)(end - want - len));
    cg_big_hint((void *)want, len);
    return (void *)want;
}

int cg_spill_restore(void *p, size_t n)
{
#ifdef MREMAP_FIXED
    uintptr_t a, e;
    size_t len;
    void *m;

    if (!inner_pages(p, n, &a, &e))
        return 0;
    /* piece by piece: the file's pages of a piece leave as its copy arrives, so the
     * memory never holds both copies of more than one piece */
    for (; a < e; a += len) {
        len = e - a < RESTORE_PIECE ? (size_t)(e - a) : RESTORE_PIECE;
        m = map_like(a, len);
        if (m == MAP_FAILED)
            return -1;
#ifdef MADV_POPULATE_READ
        /* the file's pages mapped in one call, not one fault each */
        (void)madvise((void *)a, len, MADV_POPULATE_READ);
#endif
        memcpy(m, (void *)a, len);
        if (mremap(m, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)a) == MAP_FAILED) {
            munmap(m, len); /* the pieces before are back: all of it is still valid */
            return -1;
        }
    }
    return 0;
#else
    (void)p;
    (void)n;
    return -1;
#endif
}

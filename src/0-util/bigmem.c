/* Big arrays: huge-page hints, and giving pages back to the kernel. */
#include <stdint.h>
#include <stdlib.h>
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

void cg_big_drop(void *p, size_t n)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t a = ((uintptr_t)p + page - 1) & ~(page - 1);
    uintptr_t e = ((uintptr_t)p + n) & ~(page - 1);

    /* only pages wholly inside the block: malloc's headers around it stay */
    if (p && e > a)
        (void)madvise((void *)a, (size_t)(e - a), MADV_DONTNEED);
}

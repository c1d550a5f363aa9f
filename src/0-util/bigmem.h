/* Big arrays (millions of records): huge-page hints, and giving pages back. */
#ifndef CG_UTIL_BIGMEM_H
#define CG_UTIL_BIGMEM_H

#include <stddef.h>

/**
 * Asks the kernel for huge pages over the @p n bytes at @p p (a hint, for arrays of
 * millions of records: far fewer page faults and TLB misses). Does nothing when small.
 */
void cg_big_hint(void *p, size_t n);
/** malloc(@p n) with cg_big_hint; free() it. */
void *cg_big_alloc(size_t n);
/**
 * madvise(MADV_DONTNEED) over the pages wholly inside the @p n bytes at @p p: they
 * leave the resident set and read as zeros afterwards. For a forked child giving back
 * its copy of data it will not read (the parent's pages are untouched).
 */
void cg_big_drop(void *p, size_t n);

#endif

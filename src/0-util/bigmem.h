/* Big arrays (millions of records): huge-page hints, giving pages back, moving pages
 * into an unnamed file, and the write loop that moving needs. */
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
/**
 * Faults in the pages wholly inside the @p n bytes at @p p, writable, with one system
 * call (MADV_POPULATE_WRITE; nothing where the kernel lacks it) instead of a page fault
 * per page when they are first written: a fault costs ~10 us in some virtual machines.
 * Their bytes are unchanged.
 */
void cg_big_populate(void *p, size_t n);

/**
 * Writes all @p n bytes of @p buf to @p fd (at offset @p off, or at the file position
 * when @p off is negative), again after a signal or a short write. 0, or -1 (errno).
 */
int cg_write_all(int fd, const void *buf, size_t n, long long off);

/**
 * An unnamed temporary file (O_TMPFILE in $TMPDIR, else /tmp) that memory is moved
 * into: the moved pages keep their addresses and bytes but become the file's, so they
 * leave the resident set until they are touched again (the kernel may write them out
 * under memory pressure). The file goes when the last of its mappings is unmapped.
 */
typedef struct {
    int fd;
    long long size; /**< bytes written so far */
} cg_spill_t;

/** Opens the file. 0, or -1 when it cannot be made (no O_TMPFILE, no room). */
int cg_spill_open(cg_spill_t *s);
/**
 * Moves the whole pages inside the @p n bytes at @p p into @p s's file, mapped shared
 * at the same addresses. 0, or -1 with nothing moved. A later free() or munmap() of the
 * memory unmaps the file's pages like any others.
 */
int cg_spill_move(cg_spill_t *s, void *p, size_t n);
/** Closes the file (the mappings keep it). */
void cg_spill_close(cg_spill_t *s);
/**
 * Brings the pages cg_spill_move moved back into private anonymous memory at the same
 * addresses, with their bytes (copied 32 MB at a time, huge pages hinted): writing to
 * them is then ordinary memory again instead of a page fault into the file per page.
 * 0, or -1 when some could not be brought back (all of the memory is still valid).
 */
int cg_spill_restore(void *p, size_t n);
/**
 * Before a malloc'ed block moved by cg_spill_move is freed: its moved pages become
 * private anonymous memory again (their bytes are lost), so that malloc, which may hand
 * the room out again, never gives out a file's shared pages (a forked child writing
 * there would write into its parent's memory).
 */
void cg_spill_forget(void *p, size_t n);

/**
 * Gives the heap's free memory back to the kernel (glibc: malloc_trim, which also
 * releases free pages inside the heap, not only at its top; elsewhere nothing). After a
 * stage that made and freed millions of small blocks (igraph's per-vertex lists) and
 * before one that needs the room.
 */
void cg_heap_release(void);

#endif

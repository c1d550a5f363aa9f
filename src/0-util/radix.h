/* Radix sorts of 64-bit keys (with or without a payload). */
#ifndef CG_UTIL_RADIX_H
#define CG_UTIL_RADIX_H

#include <stddef.h>
#include <stdint.h>

/** A 64-bit key with a payload, for cg_radix_sort_kv. */
typedef struct {
    uint64_t key;
    uint64_t val;
} cg_kv_t;

/**
 * Sorts @p n pairs by key, stably (equal keys keep their order): a radix sort, O(n) for
 * the bytes the keys use. 0, or -1 on ENOMEM.
 */
int cg_radix_sort_kv(cg_kv_t *a, size_t n);
/** Sorts @p n 64-bit keys (radix). 0, or -1 on ENOMEM. */
int cg_radix_sort_u64(uint64_t *a, size_t n);
/**
 * Sorts @p n strings into strcmp() order: a radix sort on their first 8 bytes, then
 * strcmp() among strings that share those (qsort() with strcmp() alone when there is no
 * memory for the keys).
 */
void cg_sort_strings(char **a, size_t n);

#endif

/* Radix sorts of 64-bit keys: O(n) per key byte in use, stable; and of strings by them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "0-util/bigmem.h"
#include "0-util/radix.h"

/*
 * One least-significant-digit radix sort, written once and instantiated below for bare
 * keys and for (key, payload) pairs; KEY(x) is element x's key. Bytes above the highest
 * one any key uses are not visited, and a pass over a byte every key shares is skipped.
 * Short arrays get an insertion sort (stable too).
 */
#define DEFINE_RADIX_SORT(name, type, KEY)                                                 \
    int name(type *a, size_t n)                                                            \
    {                                                                                      \
        type *tmp, *src = a, *dst, *t;                                                     \
        uint64_t all_or = 0;                                                               \
        size_t i, j, count[256];                                                           \
        unsigned shift;                                                                    \
                                                                                           \
        if (n < 64) {                                                                      \
            for (i = 1; i < n; i++) {                                                      \
                type v = a[i];                                                             \
                                                                                           \
                for (j = i; j > 0 && KEY(a[j - 1]) > KEY(v); j--)                          \
                    a[j] = a[j - 1];                                                       \
                a[j] = v;                                                                  \
            }                                                                              \
            return 0;                                                                      \
        }                                                                                  \
        if (!(tmp = cg_big_alloc(n * sizeof *tmp)))                                        \
            return -1;                                                                     \
        dst = tmp;                                                                         \
        for (i = 0; i < n; i++)                                                            \
            all_or |= KEY(a[i]);                                                           \
        for (shift = 0; shift < 64 && (all_or >> shift); shift += 8) {                     \
            size_t sum = 0;                                                                \
                                                                                           \
            memset(count, 0, sizeof count);                                                \
            for (i = 0; i < n; i++)                                                        \
                count[(KEY(src[i]) >> shift) & 0xff]++;                                    \
            if (count[(KEY(src[0]) >> shift) & 0xff] == n)                                 \
                continue; /* every key has this byte: nothing to do */                     \
            for (i = 0; i < 256; i++) {                                                    \
                size_t c = count[i];                                                       \
                                                                                           \
                count[i] = sum;                                                            \
                sum += c;                                                                  \
            }                                                                              \
            for (i = 0; i < n; i++)                                                        \
                dst[count[(KEY(src[i]) >> shift) & 0xff]++] = src[i];                      \
            t = src;                                                                       \
            src = dst;                                                                     \
            dst = t;                                                                       \
        }                                                                                  \
        if (src != a)                                                                      \
            memcpy(a, src, n * sizeof *a);                                                 \
        free(tmp);                                                                         \
        return 0;                                                                          \
    }

#define PAIR_KEY(x) ((x).key)
#define BARE_KEY(x) (x)

DEFINE_RADIX_SORT(cg_radix_sort_kv, cg_kv_t, PAIR_KEY)
DEFINE_RADIX_SORT(cg_radix_sort_u64, uint64_t, BARE_KEY)

/* The first 8 bytes of @p s (zeros past its end) as a big-endian number: two such keys
   compare as strcmp() compares those bytes. */
static uint64_t prefix_key(const char *s)
{
    uint64_t k = 0;
    int i;

    for (i = 0; i < 8 && s[i]; i++)
        k |= (uint64_t)(unsigned char)s[i] << (56 - 8 * i);
    return k;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void cg_sort_strings(char **a, size_t n)
{
    cg_kv_t *kv;
    size_t i, j;

    if (n < 2)
        return;
    kv = malloc(n * sizeof *kv);
    for (i = 0; kv && i < n; i++) {
        kv[i].key = prefix_key(a[i]);
        kv[i].val = (uint64_t)(uintptr_t)a[i];
    }
    if (!kv || cg_radix_sort_kv(kv, n)) { /* no memory for the keys: strcmp() alone */
        free(kv);
        qsort(a, n, sizeof *a, cmp_str);
        return;
    }
    for (i = 0; i < n; i++)
        a[i] = (char *)(uintptr_t)kv[i].val;
    /* strings that share their first 8 bytes, unless they end within them (and so are
       equal): strcmp() among themselves */
    for (i = 0; i < n; i = j) {
        for (j = i + 1; j < n && kv[j].key == kv[i].key; j++)
            ;
        if (j - i > 1 && (kv[i].key & 0xff))
            qsort(a + i, j - i, sizeof *a, cmp_str);
    }
    free(kv);
}

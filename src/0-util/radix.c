/* Radix sorts of 64-bit keys: O(n) per key byte in use, stable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "0-util/bigmem.h"
#include "0-util/radix.h"

int cg_radix_sort_kv(cg_kv_t *a, size_t n)
{
    cg_kv_t *tmp, *src = a, *dst;
    uint64_t all_or = 0;
    size_t i, count[256];
    unsigned shift;

    if (n < 2)
        return 0;
    if (n < 64) { /* insertion sort: stable */
        for (i = 1; i < n; i++) {
            cg_kv_t v = a[i];
            size_t j = i;

            for (; j > 0 && a[j - 1].key > v.key; j--)
                a[j] = a[j - 1];
            a[j] = v;
        }
        return 0;
    }
    tmp = cg_big_alloc(n * sizeof *tmp);
    if (!tmp)
        return -1;
    dst = tmp;
    for (i = 0; i < n; i++)
        all_or |= a[i].key;
    for (shift = 0; shift < 64 && (all_or >> shift); shift += 8) {
        size_t sum = 0;
        cg_kv_t *t;

        memset(count, 0, sizeof count);
        for (i = 0; i < n; i++)
            count[(src[i].key >> shift) & 0xff]++;
        if (count[(src[0].key >> shift) & 0xff] == n)
            continue; /* every key has this byte: nothing to do */
        for (i = 0; i < 256; i++) {
            size_t c = count[i];

            count[i] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++)
            dst[count[(src[i].key >> shift) & 0xff]++] = src[i];
        t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
    free(tmp);
    return 0;
}

int cg_radix_sort_u64(uint64_t *a, size_t n)
{
    uint64_t *tmp, *src = a, *dst, all_or = 0;
    size_t i, count[256];
    unsigned shift;

    if (n < 2)
        return 0;
    tmp = cg_big_alloc(n * sizeof *tmp);
    if (!tmp)
        return -1;
    dst = tmp;
    for (i = 0; i < n; i++)
        all_or |= a[i];
    for (shift = 0; shift < 64 && (all_or >> shift); shift += 8) {
        size_t sum = 0;
        uint64_t *t;

        memset(count, 0, sizeof count);
        for (i = 0; i < n; i++)
            count[(src[i] >> shift) & 0xff]++;
        if (count[(src[0] >> shift) & 0xff] == n)
            continue;
        for (i = 0; i < 256; i++) {
            size_t c = count[i];

            count[i] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & 0xff]++] = src[i];
        t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
    free(tmp);
    return 0;
}

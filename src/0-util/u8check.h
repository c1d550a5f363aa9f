/* UTF-8 validity as u8_check (libunistring) reports it, faster on ASCII text. */
#ifndef CG_UTIL_U8CHECK_H
#define CG_UTIL_U8CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistr.h>

/**
 * u8_check, 8 bytes at a time over ASCII and u8_check only on each other character:
 * the same answer (NULL, or the start of the first invalid character).
 */
static inline const uint8_t *cg__u8_check(const uint8_t *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        size_t L;
        uint8_t c;
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080ULL)) {
                i += 8;
                continue;
            }
        }
        c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        L = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (L > n - i)
            L = n - i;
        if (u8_check(s + i, L))
            return s + i; /* everything before i is valid, so the first bad character is here */
        i += L;
    }
    return NULL;
}

#endif

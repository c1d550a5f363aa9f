/* Encoding checks: UTF-8 validity (libunistring), NUL bytes, UTF-16 byte-order marks. */
#include <string.h>
#include <unistr.h>

#include "0-util/u8check.h"
#include "1-input/utf8.h"

static size_t line_of(const char *s, size_t off)
{
    size_t line = 1, i;

    for (i = 0; i < off; i++)
        if (s[i] == '\n')
            line++;
    return line;
}

cg_error_t cg_input__check_text(const char *s, size_t len, const char *file, size_t line,
                                cg_errinfo_t *err)
{
    const unsigned char *u = (const unsigned char *)s;
    const uint8_t *bad;
    const char *nul;
    cg_error_t rc;

    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return cg_errinfo_set(err, CG_EINPUT, file, line,
                              "UTF-16 text (byte-order mark found); convert it to UTF-8 "
                              "first, e.g. with iconv -f UTF-16 -t UTF-8");
    nul = memchr(s, '\0', len);
    if (nul) {
        size_t off = (size_t)(nul - s);
        rc = cg_errinfo_set(err, CG_EINPUT, file, line ? line : line_of(s, off),
                            "NUL byte at byte offset %zu: binary data, not text", off);
        if (err) {
            err->offset = off;
            err->has_offset = 1;
        }
        return rc;
    }
    bad = cg__u8_check((const uint8_t *)s, len);
    if (bad) {
        size_t off = (size_t)((const char *)bad - s);
        rc = cg_errinfo_set(err, CG_EINPUT, file, line ? line : line_of(s, off),
                            "invalid UTF-8 at byte offset %zu (byte 0x%02X)", off, u[off]);
        if (err) {
            err->offset = off;
            err->has_offset = 1;
        }
        return rc;
    }
    return CG_OK;
}

/*
 * Text hygiene for every output of stage 5: UTF-8 repair, control characters,
 * truncation and wrapping, DOT-label and XML escaping, terminal column widths, and
 * locale-independent number formatting.
 */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uniwidth.h>

#include "5-export/export_internal.h"

/** "…" (U+2026) in UTF-8. */
#define CG_ELLIPSIS "\xE2\x80\xA6"
#define CG_REPLACEMENT "\xEF\xBF\xBD"

/**
 * Decodes one UTF-8 sequence at @p s (NUL-terminated). Returns its length and stores
 * the code point in *@p cp, or returns 0 when the bytes are not valid UTF-8
 * (overlong forms, surrogates, beyond U+10FFFF, truncated sequences).
 */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
    uint32_t c = s[0], min;
    size_t len, i;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        c &= 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        c &= 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        c &= 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0; /* also stops at the NUL */
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/** What to do with one code point. */
enum { KEEP, DROP, SPACE, REPLACE };

static int classify(uint32_t c, cg_clean_mode_t mode)
{
    int ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C ||
             c == 0x85 || c == 0x2028 || c == 0x2029;

    if (mode == CG_CLEAN_JSON)
        return c == 0x7F ? DROP : KEEP;
    if (c == 0xFFFE || c == 0xFFFF)
        return REPLACE;
    if (mode == CG_CLEAN_DATA) {
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
            return DROP;
        return KEEP;
    }
    if (ws)
        return SPACE;
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
        return DROP;
    /* bidirectional embeddings, overrides and isolates can disguise text */
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        return DROP;
    return KEEP;
}

int cg_export__clean(cg_buf_t *out, const char *s, cg_clean_mode_t mode)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t start = out->len;
    int pending_space = 0;

    if (cg_buf__grow(out, 0))
        return -1;
    while (*p) {
        uint32_t c = 0;
        size_t n = utf8_decode(p, &c);
        int what;
        int rc;

        if (n == 0) {
            what = REPLACE;
            n = 1;
        } else {
            what = classify(c, mode);
        }
        if (what == SPACE && mode == CG_CLEAN_TEXT) {
            pending_space = 1;
            p += n;
            continue;
        }
        if (what == DROP) {
            p += n;
            continue;
        }
        if (pending_space && out->len > start && cg_buf__putc(out, ' '))
            return -1;
        pending_space = 0;
        if (what == SPACE)
            rc = cg_buf__putc(out, ' ');
        else if (what == REPLACE)
            rc = cg_buf__puts(out, CG_REPLACEMENT);
        else
            rc = cg_buf__append(out, p, n);
        if (rc)
            return -1;
        p += n;
    }
    return 0;
}

char *cg_export__clean_dup(const char *s, cg_clean_mode_t mode)
{
    cg_buf_t b = CG_BUF_INIT;

    if (cg_export__clean(&b, s, mode)) {
        cg_buf__free(&b);
        return NULL;
    }
    return cg_buf__detach(&b);
}

/** Byte length of the (valid) UTF-8 sequence starting with @p c. */
static size_t seqlen(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/** Number of code points in @p s. */
static size_t count_chars(const char *s, size_t bytes)
{
    size_t i = 0, n = 0;

    while (i < bytes && s[i]) {
        i += seqlen((unsigned char)s[i]);
        n++;
    }
    return n;
}

/** Byte offset of code point @p k of @p s (or its length). */
static size_t char_offset(const char *s, size_t k)
{
    size_t i = 0;

    while (k-- && s[i])
        i += seqlen((unsigned char)s[i]);
    return i;
}

char *cg_export__truncate(const char *clean, size_t max)
{
    size_t len = strlen(clean), cut, k;
    cg_buf_t b = CG_BUF_INIT;

    if (count_chars(clean, len) <= max)
        return cg__strdup(clean);
    if (max == 0)
        return cg__strdup("");
    cut = char_offset(clean, max - 1);
    /* back up to a space when one is close, so words are not cut */
    for (k = cut; k > 0 && cut - k < 16; k--) {
        if (clean[k - 1] == ' ') {
            if (k - 1 > 0)
                cut = k - 1;
            break;
        }
    }
    while (cut > 0 && clean[cut - 1] == ' ')
        cut--;
    if (cg_buf__append(&b, clean, cut) || cg_buf__puts(&b, CG_ELLIPSIS)) {
        cg_buf__free(&b);
        return NULL;
    }
    return cg_buf__detach(&b);
}

char *cg_export__truncate_left(const char *clean, size_t max)
{
    size_t len = strlen(clean), n = count_chars(clean, len);
    cg_buf_t b = CG_BUF_INIT;

    if (n <= max)
        return cg__strdup(clean);
    if (max == 0)
        return cg__strdup("");
    if (cg_buf__puts(&b, CG_ELLIPSIS) ||
        cg_buf__puts(&b, clean + char_offset(clean, n - (max - 1)))) {
        cg_buf__free(&b);
        return NULL;
    }
    return cg_buf__detach(&b);
}

char *cg_export__wrap(const char *clean, size_t width, size_t max_lines)
{
    cg_buf_t b = CG_BUF_INIT;
    const char *p = clean;
    size_t lines = 0;

    if (width == 0)
        width = 1;
    while (*p == ' ')
        p++;
    while (*p && lines < max_lines) {
        size_t rest = strlen(p), nrest = count_chars(p, rest), take, k, end, next;

        if (lines)
            if (cg_buf__putc(&b, '\n'))
                goto fail;
        lines++;
        if (nrest <= width) {
            if (cg_buf__append(&b, p, rest))
                goto fail;
            p += rest;
            break;
        }
        /* the longest prefix of at most width characters ending before a space */
        take = char_offset(p, width);
        end = 0;
        for (k = take; k > 0; k--) {
            if (p[k] == ' ') {
                end = k;
                break;
            }
        }
        if (end == 0) {
            end = take; /* one long word: split it */
            next = take;
        } else {
            next = end + 1;
        }
        if (lines == max_lines) {
            /* last line: fill it and mark the cut */
            char *t;
            cg_buf_t tmp = CG_BUF_INIT;

            if (cg_buf__append(&tmp, p, char_offset(p, width + 1))) {
                cg_buf__free(&tmp);
                goto fail;
            }
            /* width + 1 characters force the ellipsis */
            t = cg_export__truncate(tmp.data, width);
            cg_buf__free(&tmp);
            if (!t || cg_buf__puts(&b, t)) {
                free(t);
                goto fail;
            }
            free(t);
            p += rest;
            break;
        }
        while (end > 0 && p[end - 1] == ' ')
            end--;
        if (cg_buf__append(&b, p, end))
            goto fail;
        p += next;
        while (*p == ' ')
            p++;
    }
    if (!b.data && cg_buf__grow(&b, 0))
        goto fail;
    return cg_buf__detach(&b);
fail:
    cg_buf__free(&b);
    return NULL;
}

char *cg_export__dot_escape(const char *text)
{
    return cg_export__dot_escape_as(text, 0);
}

char *cg_export__dot_escape_as(const char *text, int tooltip)
{
    cg_buf_t b = CG_BUF_INIT;
    const char *p;
    int rc = cg_buf__grow(&b, strlen(text) + 8);

    for (p = text; !rc && *p; p++) {
        switch (*p) {
        case '\\':
            rc = cg_buf__puts(&b, tooltip ? "\\\\\xE2\x80\x8B" : "\\\\");
            break;
        case '\n':
            rc = cg_buf__puts(&b, "\\n");
            break;
        case '&':
            rc = cg_buf__puts(&b, "&amp;");
            break;
        case '<':
            rc = cg_buf__puts(&b, "&lt;");
            break;
        case '>':
            rc = cg_buf__puts(&b, "&gt;");
            break;
        default:
            rc = cg_buf__putc(&b, *p);
        }
    }
    if (!rc && b.len && b.data[b.len - 1] == '\\')
        rc = cg_buf__putc(&b, ' ');
    if (rc) {
        cg_buf__free(&b);
        return NULL;
    }
    return cg_buf__detach(&b);
}

int cg_export__xml_escape(cg_buf_t *out, const char *clean)
{
    const char *p;
    int rc = cg_buf__grow(out, 0);

    for (p = clean; !rc && *p; p++) {
        switch (*p) {
        case '&':
            rc = cg_buf__puts(out, "&amp;");
            break;
        case '<':
            rc = cg_buf__puts(out, "&lt;");
            break;
        case '>':
            rc = cg_buf__puts(out, "&gt;");
            break;
        case '"':
            rc = cg_buf__puts(out, "&quot;");
            break;
        case '\'':
            rc = cg_buf__puts(out, "&apos;");
            break;
        case '\r':
            /* a literal CR would be normalised away by XML parsers */
            rc = cg_buf__puts(out, "&#13;");
            break;
        default:
            rc = cg_buf__putc(out, *p);
        }
    }
    return rc;
}

int cg_export__xml_put(FILE *fp, const char *s)
{
    cg_buf_t clean = CG_BUF_INIT, esc = CG_BUF_INIT;
    int rc = -1;

    if (cg_export__clean(&clean, s, CG_CLEAN_DATA) || cg_export__xml_escape(&esc, clean.data))
        goto cleanup;
    fputs(esc.data, fp);
    rc = 0;
cleanup:
    cg_buf__free(&clean);
    cg_buf__free(&esc);
    return rc;
}

/** Terminal columns of one code point (0 for combining marks; 1 when unknown). */
static size_t cp_width(uint32_t c)
{
    int w = uc_width((ucs4_t)c, "UTF-8");

    return w < 0 ? 1 : (size_t)w;
}

size_t cg_export__width(const char *clean)
{
    const unsigned char *p = (const unsigned char *)clean;
    size_t w = 0;

    while (*p) {
        uint32_t c = 0xFFFD;
        size_t n = utf8_decode(p, &c);

        w += cp_width(c);
        p += n ? n : 1;
    }
    return w;
}

int cg_export__fit(cg_buf_t *out, const char *clean, size_t cols, int pad)
{
    const unsigned char *p = (const unsigned char *)clean;
    size_t w = cg_export__width(clean), used = 0;

    if (w <= cols) {
        if (cg_buf__puts(out, clean))
            return -1;
        used = w;
    } else if (cols > 0) {
        /* keep characters while they fit in cols - 1, then the ellipsis */
        while (*p) {
            uint32_t c = 0xFFFD;
            size_t n = utf8_decode(p, &c), cw;

            if (!n)
                n = 1;
            cw = cp_width(c);
            if (used + cw > cols - 1)
                break;
            if (cg_buf__append(out, p, n))
                return -1;
            used += cw;
            p += n;
        }
        /* drop a trailing space before the ellipsis */
        if (out->len && out->data[out->len - 1] == ' ' && used > 0) {
            out->data[--out->len] = '\0';
            used--;
        }
        if (cg_buf__puts(out, CG_ELLIPSIS))
            return -1;
        used++;
    }
    while (pad && used < cols) {
        if (cg_buf__putc(out, ' '))
            return -1;
        used++;
    }
    return 0;
}

char *cg_export__fmt_double(char *buf, size_t size, double v, int digits)
{
    const char *dp;
    char *q;

    if (isnan(v)) {
        snprintf(buf, size, "nan");
        return buf;
    }
    if (isinf(v)) {
        snprintf(buf, size, v < 0 ? "-inf" : "inf");
        return buf;
    }
    if (v == 0)
        v = 0; /* no "-0" */
    snprintf(buf, size, "%.*g", digits, v);
    dp = localeconv()->decimal_point;
    if (dp && dp[0] && strcmp(dp, ".") != 0) {
        size_t dl = strlen(dp);

        q = strstr(buf, dp);
        if (q) {
            *q = '.';
            memmove(q + 1, q + dl, strlen(q + dl) + 1);
        }
    }
    return buf;
}

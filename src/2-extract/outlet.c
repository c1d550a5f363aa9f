/*
 * Outlets: the article's own publisher (metadata, URL host, copyright line) and the
 * test for names of news outlets inside the text ("... Post", "news outlet X").
 */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "0-util/buf.h"
#include "2-extract/extract_int.h"
#include "claimgraph/extract.h"

int cg_x__outlet_name(const cg_x_ctx_t *x, size_t ns, size_t ne)
{
    size_t i, n = 0;
    int word = 0, the = 0;

    if (ns >= ne || ne > x->nt)
        return 0;
    if (ns > 0 && x->t[ns - 1].h == cg_lex__hash_lit("the"))
        the = 1;
    for (i = ns; i < ne; i++) {
        const cg_tok_t *t = &x->t[i];
        if (t->kind != CG_T_WORD)
            continue;
        if (t->h == cg_lex__hash_lit("the")) {
            the = 1;
            continue;
        }
        n++;
        if ((t->flags & CG_TF_CAP) && (t->lex & CG_LX_OUTLET_WORD))
            word = 1;
        if ((t->lex & CG_LX_ORG) && !(t->lex & CG_LX_OUTLET_WORD))
            return 0;
    }
    return word && (n >= 2 || the);
}

int cg_x__outlet_described(const cg_x_ctx_t *x, size_t ns)
{
    size_t k;

    for (k = ns; k > 0 && k + 2 > ns; k--) {
        const cg_tok_t *p = &x->t[k - 1];
        if (p->kind == CG_T_WORD && p->h == cg_lex__hash_lit("the"))
            continue;
        if (p->kind == CG_T_WORD && !(p->flags & CG_TF_CAP) && (p->lex & CG_LX_OUTLET_DESC))
            return 1;
        break;
    }
    return 0;
}

/** Host of a URL without "www.", or NULL. */
static char *url_host(const char *url)
{
    const char *p = strstr(url, "://"), *e;

    p = p ? p + 3 : url;
    if (strncmp(p, "www.", 4) == 0)
        p += 4;
    e = p;
    while (*e && *e != '/' && *e != ':' && *e != '?' && *e != '#')
        e++;
    if (e == p || !memchr(p, '.', (size_t)(e - p)))
        return NULL;
    return cg__strndup(p, (size_t)(e - p));
}

static int ci_prefix(const char *s, size_t n, const char *w)
{
    size_t k, m = strlen(w);

    if (n < m)
        return 0;
    for (k = 0; k < m; k++) {
        char c = s[k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[k])
            return 0;
    }
    return 1;
}

/* A "©" (C2 A9) or a "co" in any case ("copyright" starts so) at s[i]; i + 1 < len. */
static int mark_at(const char *s, size_t i)
{
    unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];

    return ((a | 0x20) == 'c' && (b | 0x20) == 'o') || (a == 0xC2 && b == 0xA9);
}

/**
 * Position of the next "©" or "co" (any case) at or after @p i, or @p len: the only
 * places where from_copyright can find a copyright line. Sixteen bytes at a time where
 * SSE2 is there: one quick pass over the text (a search per candidate letter cost more).
 */
static size_t next_mark(const char *s, size_t len, size_t i)
{
#if defined(__SSE2__)
    const __m128i x20 = _mm_set1_epi8(0x20), c = _mm_set1_epi8('c'), o = _mm_set1_epi8('o');
    const __m128i c2 = _mm_set1_epi8((char)0xC2), a9 = _mm_set1_epi8((char)0xA9);

    while (i + 17 <= len) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
        __m128i co = _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(a, x20), c),
                                   _mm_cmpeq_epi8(_mm_or_si128(b, x20), o));
        __m128i cr = _mm_and_si128(_mm_cmpeq_epi8(a, c2), _mm_cmpeq_epi8(b, a9));
        unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(co, cr));
        if (bits)
            return i + (size_t)__builtin_ctz(bits);
        i += 16;
    }
#endif
    for (; i + 1 < len; i++)
        if (mark_at(s, i))
            return i;
    return len;
}

/** Outlet named on a copyright line: "© Copyright 2023 example.com All Rights Reserved". */
static char *from_copyright(const char *s, size_t len)
{
    size_t i;

    for (i = next_mark(s, len, 0); i < len; i = next_mark(s, len, i + 1)) {
        size_t j, st, en;
        int hit = 0;
        unsigned char c0;
        c0 = (unsigned char)s[i];
        if (c0 == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA9) {
            hit = 1;
            j = i + 2;
        } else if ((s[i] == 'C' || s[i] == 'c') && i + 1 < len && (s[i + 1] | 0x20) == 'o' &&
                   ci_prefix(s + i, len - i, "copyright") &&
                   (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n')) {
            hit = 1;
            j = i + 9;
        }
        if (!hit)
            continue;
        /* skip "Copyright", "(c)", years, punctuation */
        for (;;) {
            while (j < len && (s[j] == ' ' || s[j] == '\t'))
                j++;
            if (j < len && ci_prefix(s + j, len - j, "copyright")) {
                j += 9;
                continue;
            }
            if (j + 1 < len && (unsigned char)s[j] == 0xC2 && (unsigned char)s[j + 1] == 0xA9) {
                j += 2;
                continue;
            }
            if (j < len && ((s[j] >= '0' && s[j] <= '9') || s[j] == '-' || s[j] == ',' || s[j] == '(' ||
                            s[j] == ')')) {
                j++;
                continue;
            }
            break;
        }
        st = j;
        en = j;
        /* up to the end of the line, "All Rights", "|" or a full stop after a space */
        while (en < len && en - st < 80 && s[en] != '\n' && s[en] != '|' &&
               !(s[en] == '.' && (en + 1 >= len || s[en + 1] == ' ' || s[en + 1] == '\n')) &&
               !ci_prefix(s + en, len - en, " all rights"))
            en++;
        /* the 80-byte cap may fall inside a UTF-8 sequence: back off to its first byte */
        while (en > st && en < len && ((unsigned char)s[en] & 0xC0) == 0x80)
            en--;
        while (en > st && (s[en - 1] == ' ' || s[en - 1] == ','))
            en--;
        if (en > st && (unsigned char)s[st] >= 'A') {
            /* a domain: only its first word */
            size_t w = st;
            while (w < en && s[w] != ' ')
                w++;
            if (memchr(s + st, '.', w - st))
                en = w;
            return cg__strndup(s + st, en - st);
        }
    }
    return NULL;
}

char *cg_extract_outlet(const cg_article_t *a)
{
    char *o;

    if (!a)
        return NULL;
    if (a->outlet && a->outlet[0])
        return cg__strdup(a->outlet);
    if (a->url && (o = url_host(a->url)) != NULL)
        return o;
    if (a->text)
        return from_copyright(a->text, a->len);
    return NULL;
}

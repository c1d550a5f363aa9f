/*
 * Outlets: the article's own publisher (metadata, URL host, copyright line) and the
 * test for names of news outlets inside the text ("... Post", "news outlet X").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/**
 * Position of the next byte at or after @p i that may start "©" (0xC2) or "copyright"
 * ('c', 'C'), or @p len. Eight bytes at a time: one pass over the text whatever the
 * number of candidates (a search per candidate byte cost more on English text).
 */
static size_t next_mark(const char *s, size_t len, size_t i)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;

    while (i + 8 <= len) {
        uint64_t w, c, b;
        memcpy(&w, s + i, 8);
        c = (w | ones * 0x20) ^ (ones * 'c'); /* a zero byte where 'c' or 'C' is */
        b = w ^ (ones * 0xC2);                /* a zero byte where 0xC2 is */
        if ((((c - ones) & ~c) | ((b - ones) & ~b)) & highs)
            break; /* exact: some byte of the eight is one */
        i += 8;
    }
    while (i < len && s[i] != 'c' && s[i] != 'C' && (unsigned char)s[i] != 0xC2)
        i++;
    return i;
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

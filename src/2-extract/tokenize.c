/*
 * Tokenizer: words (with inner hyphens, apostrophes, dots of abbreviations), numbers,
 * possessive endings, punctuation and quote marks, with UTF-8 byte offsets, and the
 * paragraphs (lines) they belong to. One pass, no allocation per token.
 */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "0-util/buf.h"
#include "2-extract/extract_int.h"

/** Kinds of code point at a position, with their byte length. */
enum { C_SPACE, C_NL, C_ALPHA, C_DIGIT, C_PUNCT, C_DQ, C_SQ_OPEN, C_SQ_CLOSE, C_DASH };

static int classify_mb(const unsigned char *s, size_t len, size_t i, size_t *n)
{
    unsigned char c = s[i];

    *n = 1;
    if (c == '\n')
        return C_NL;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0)
        return C_SPACE;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return C_ALPHA;
    if (c >= '0' && c <= '9')
        return C_DIGIT;
    if (c == '"')
        return C_DQ;
    if (c == '\'')
        return C_SQ_CLOSE; /* straight single: decided by context */
    if (c == '`')
        return C_SQ_OPEN;
    if (c < 0x80)
        return C_PUNCT;
    /* multi-byte */
    if (c >= 0xF0) {
        *n = (i + 4 <= len) ? 4 : len - i;
        return C_ALPHA;
    }
    if (c >= 0xE0) {
        *n = (i + 3 <= len) ? 3 : len - i;
        if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80) {
            unsigned char d = s[i + 2];
            if (d == 0x9C || d == 0x9D || d == 0x9E || d == 0x9F)
                return C_DQ;
            if (d == 0x98 || d == 0x9B)
                return C_SQ_OPEN;
            if (d == 0x99)
                return C_SQ_CLOSE;
            if (d == 0x93 || d == 0x94 || d == 0x95 || d == 0x92)
                return C_DASH;
            if (d <= 0x8B || d == 0xAF || d == 0xA8 || d == 0xA9)
                return d == 0xA8 || d == 0xA9 ? C_NL : C_SPACE;
            return C_PUNCT;
        }
        if (c == 0xE3 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0x80)
            return C_SPACE;
        if (c == 0xEF && i + 2 < len && s[i + 1] == 0xBB && s[i + 2] == 0xBF)
            return C_SPACE; /* BOM */
        return C_ALPHA;
    }
    if (c >= 0xC0) {
        *n = (i + 2 <= len) ? 2 : len - i;
        if (c == 0xC2 && i + 1 < len) {
            unsigned char d = s[i + 1];
            if (d == 0xA0 || d == 0x85)
                return d == 0x85 ? C_NL : C_SPACE;
            if (d == 0xAB || d == 0xBB)
                return C_DQ;
            if (d < 0xC0)
                return C_PUNCT; /* ©, ®, °, ... */
        }
        return C_ALPHA;
    }
    return C_ALPHA; /* stray continuation byte: keep going */
}

/** Kind of each ASCII byte (as classify_mb would say). */
static const unsigned char ascii_kind[128] = {
    C_SPACE, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
    C_PUNCT, C_SPACE, C_NL, C_SPACE, C_SPACE, C_SPACE, C_PUNCT, C_PUNCT,
    C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
    C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
    C_SPACE, C_PUNCT, C_DQ, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_SQ_CLOSE,
    C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
    C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT,
    C_DIGIT, C_DIGIT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
    C_PUNCT, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA,
    C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA,
    C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA,
    C_ALPHA, C_ALPHA, C_ALPHA, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
    C_SQ_OPEN, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA,
    C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA,
    C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA, C_ALPHA,
    C_ALPHA, C_ALPHA, C_ALPHA, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT, C_PUNCT,
};

static inline int classify(const unsigned char *s, size_t len, size_t i, size_t *n)
{
    if (s[i] < 0x80) {
        *n = 1;
        return ascii_kind[s[i]];
    }
    return classify_mb(s, len, i, n);
}

/** 1 for the ASCII letters and digits (a word goes on), 0 for every other byte. */
static const unsigned char word_byte[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

/**
 * The end of the run of ASCII letters and digits (word_byte) that starts at or before
 * @p i: the first index from @p i on whose byte is not one, or @p len. Sixteen bytes at
 * a time where SSE2 is there: a loop per byte ends with a mispredicted branch at
 * nearly every word, and words are most of the text.
 */
static inline size_t alnum_run_end(const unsigned char *s, size_t i, size_t len)
{
#if defined(__SSE2__)
    const __m128i lower = _mm_set1_epi8(0x20);
    const __m128i to_alpha = _mm_set1_epi8((char)(0x80 - 'a')), alpha_lim = _mm_set1_epi8(-128 + 26);
    const __m128i to_digit = _mm_set1_epi8((char)(0x80 - '0')), digit_lim = _mm_set1_epi8(-128 + 10);

    while (i + 16 <= len) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        /* shifted so that the range starts at -128: a signed compare tests it */
        __m128i alpha = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, lower), to_alpha), alpha_lim);
        __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, to_digit), digit_lim);
        unsigned stop = ~(unsigned)_mm_movemask_epi8(_mm_or_si128(alpha, digit)) & 0xFFFFu;
        if (stop)
            return i + (size_t)__builtin_ctz(stop);
        i += 16;
    }
#endif
    while (i < len && word_byte[s[i]])
        i++;
    return i;
}

/** Hash of a word (cg_lex__hash) and its capitalisation flags, in one pass. */
static uint64_t word_hash(const unsigned char *u, size_t len, unsigned *flags)
{
    uint64_t h = 1469598103934665603ULL;
    size_t k, hl = len, nup = 0, nlow = 0;

    if (hl > 1 && u[hl - 1] == '.')
        hl--;
    if ((unsigned)u[0] - 'A' >= 26u) {
        /* not capitalised: no flags to set, so no letters to count (most words) */
        for (k = 0; k < hl; k++) {
            unsigned c = cg_lex__lower[u[k]];
            if (!c) /* ’ or ‘ (or NUL): cg_lex__hash's own way */
                return cg_lex__hash_fn((const char *)u, len);
            h ^= c;
            h *= 1099511628211ULL;
        }
        return h ? h : 1;
    }
    for (k = 0; k < hl; k++) {
        unsigned c = u[k];
        if (c - 'A' < 26u) {
            nup++;
            c += 32;
        } else if (c - 'a' < 26u) {
            nlow++;
        } else if (c == 0xE2) {
            h = cg_lex__hash_fn((const char *)u, len);
            for (; k < len; k++) {
                if ((unsigned)u[k] - 'A' < 26u)
                    nup++;
                else if ((unsigned)u[k] - 'a' < 26u)
                    nlow++;
            }
            goto caps;
        }
        h ^= c;
        h *= 1099511628211ULL;
    }
    h = h ? h : 1;
caps:
    if ((unsigned)u[0] - 'A' < 26u) {
        *flags |= CG_TF_CAP;
        if (nup >= 2 && nlow == 0)
            *flags |= CG_TF_ALLCAP;
    }
    return h;
}

/* Inlined into the tokenizer's loop: a call per token costs more than the work. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int push_tok(cg_x_ctx_t *x, size_t s, size_t e, int kind, unsigned flags)
{
    cg_tok_t *t;
    const unsigned char *u = (const unsigned char *)x->txt + s;

    if (x->nt >= x->tcap && cg__grow_array((void **)&x->t, &x->tcap, x->nt + 1, sizeof *x->t))
        return -1;
    if (x->nt == 0 || (flags & CG_TF_NL)) {
        /* a line break starts a paragraph */
        cg_para_t *p;
        if (x->np >= x->pcap && cg__grow_array((void **)&x->p, &x->pcap, x->np + 1, sizeof *x->p))
            return -1;
        p = &x->p[x->np++];
        memset(p, 0, sizeof *p);
        p->ts = x->nt;
        p->bs = s;
    }
    t = &x->t[x->nt++];
    t->s = (uint32_t)s;
    t->e = (uint32_t)e;
    t->para = (uint32_t)(x->np - 1);
    t->sent = 0;
    t->quote = -1;
    if (kind == CG_T_WORD)
        t->h = word_hash(u, e - s, &flags);
    else
        t->h = cg_lex__hash_fn((const char *)u, e - s);
    t->kind = (uint8_t)kind;
    t->ch = e - s == 1 ? u[0] : 0;
    t->flags = (uint16_t)flags;
    t->lex = (kind == CG_T_WORD || kind == CG_T_POSS || kind == CG_T_PUNCT) ? cg_lex__classes(t->h) : 0;
    return 0;
}

static int is_word_char(int k)
{
    return k == C_ALPHA || k == C_DIGIT;
}

int cg_x__tokenize(cg_x_ctx_t *x)
{
    const unsigned char *s = (const unsigned char *)x->txt;
    size_t len = x->len, i = 0, n;
    unsigned pending = CG_TF_NL;

    /* about one token per five bytes of English: reserve once */
    if (cg__grow_array((void **)&x->t, &x->tcap, len / 5 + 64, sizeof *x->t))
        return -1;

    while (i < len) {
        int k = classify(s, len, i, &n);

        if (k == C_NL) {
            pending |= CG_TF_NL | CG_TF_SPACE;
            if (x->nt)
                x->t[x->nt - 1].flags |= CG_TF_SPACE_AFTER;
            i += n;
            continue;
        }
        if (k == C_SPACE) {
            pending |= CG_TF_SPACE;
            if (x->nt)
                x->t[x->nt - 1].flags |= CG_TF_SPACE_AFTER;
            i += n;
            continue;
        }
        if (is_word_char(k)) {
            size_t st, m;
            int kind;
        word:
            st = i;
            kind = k == C_DIGIT ? CG_T_NUM : CG_T_WORD;
            i += n;
            while (i < len) {
                int k2;
                /* a run of ASCII letters and digits (what classify would say, one at a time) */
                i = alnum_run_end(s, i, len);
                if (i >= len)
                    break;
                k2 = classify(s, len, i, &m);
                if (is_word_char(k2)) {
                    i += m;
                    continue;
                }
                if (i + m < len) {
                    size_t m3;
                    int k3 = classify(s, len, i + m, &m3);
                    unsigned char c = s[i];
                    if (k2 == C_SQ_CLOSE && k3 == C_ALPHA) {
                        /* apostrophe: possessive 's ends the word */
                        if ((s[i + m] == 's' || s[i + m] == 'S') &&
                            (i + m + 1 >= len || !is_word_char(classify(s, len, i + m + 1, &m3))))
                            break;
                        i += m;
                        continue;
                    }
                    if ((c == '-' || c == '.' || c == '/' || c == '@' || c == '&' ||
                         (c == ',' && kind == CG_T_NUM) || (c == ':' && kind == CG_T_NUM)) &&
                        is_word_char(k3)) {
                        if (c == ',' && !(k3 == C_DIGIT))
                            break;
                        i += m;
                        continue;
                    }
                    if (c == '.' && k2 == C_PUNCT && i - st <= 4 &&
                        memchr(s + st, '.', i - st) != NULL && k3 != C_ALPHA) {
                        i += 1; /* last dot of "U.S." */
                        break;
                    }
                }
                if (s[i] == '%' && kind == CG_T_NUM) {
                    i++;
                    continue;
                }
                break;
            }
            if (push_tok(x, st, i, kind, pending))
                return -1;
            pending = 0;
            /* most words are followed by one space and another word: straight to it, as
               the loop would go (the space sets these flags, the ASCII letter or digit
               starts a word), without the loop's dispatch on each of the two */
            if (i + 1 < len && s[i] == ' ' && word_byte[s[i + 1]]) {
                x->t[x->nt - 1].flags |= CG_TF_SPACE_AFTER;
                pending = CG_TF_SPACE;
                i++;
                k = ascii_kind[s[i]];
                n = 1;
                goto word;
            }
            continue;
        }
        if (k == C_SQ_CLOSE && x->nt && !(pending & CG_TF_SPACE) &&
            x->t[x->nt - 1].kind == CG_T_WORD && i + n < len && (s[i + n] == 's' || s[i + n] == 'S')) {
            size_t m3;
            if (i + n + 1 >= len || !is_word_char(classify(s, len, i + n + 1, &m3))) {
                if (push_tok(x, i, i + n + 1, CG_T_POSS, pending))
                    return -1;
                pending = 0;
                i += n + 1;
                continue;
            }
        }
        if (k == C_DQ || k == C_SQ_OPEN || k == C_SQ_CLOSE) {
            unsigned fl = pending;
            size_t w = n;
            if (k == C_DQ)
                fl |= CG_TF_QDOUBLE;
            /* '' and `` used as double quotes */
            if ((s[i] == '\'' || s[i] == '`') && i + 1 < len && s[i + 1] == s[i]) {
                fl |= CG_TF_QDOUBLE;
                w = 2;
            }
            if (k == C_SQ_OPEN && s[i] == 0xE2)
                fl |= CG_TF_QOPEN;
            if (s[i] == '`')
                fl |= CG_TF_QOPEN;
            if (push_tok(x, i, i + w, CG_T_QUOTE, fl))
                return -1;
            pending = 0;
            i += w;
            continue;
        }
        /* punctuation and dashes: one token per code point */
        if (push_tok(x, i, i + n, CG_T_PUNCT, pending))
            return -1;
        pending = 0;
        i += n;
    }
    if (x->nt)
        x->t[x->nt - 1].flags |= CG_TF_SPACE_AFTER;
    /* each paragraph ends where the next begins (every paragraph holds a token) */
    for (n = 0; n < x->np; n++) {
        x->p[n].te = n + 1 < x->np ? x->p[n + 1].ts : x->nt;
        x->p[n].be = x->t[x->p[n].te - 1].e;
    }

    return 0;
}

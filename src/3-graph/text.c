/* Text keys for graph building: normalisation, honorifics, slugs and content ids. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>
#include <unicase.h>

#include "0-util/buf.h"
#include "3-graph/graph_internal.h"
#include "claimgraph/util.h"

/*
 * General honorifics, ranks and offices that may precede a person's name ("Dr", "Lt Gen
 * (R)", "President"). Only words that are never a name on their own belong here: this
 * list must hold no names of people, groups or outlets. Sorted for bsearch.
 */
/* clang-format off */
static const char *const titles[] = {
    "acting", "adm", "admiral", "amb", "ambassador", "bishop", "brig", "brigadier", "capt",
    "captain", "cardinal", "chairman", "chairperson", "chairwoman", "chief", "cmdr", "col",
    "colonel", "commander", "cpl", "dame", "deputy", "dr", "ex", "former", "gen", "general",
    "gov", "governor", "hon", "honorable", "honourable", "imam", "judge", "justice", "lady",
    "lieutenant", "lord", "lt", "maj", "major", "marshal", "mayor", "minister", "miss",
    "mna", "mp", "mpa", "mr", "mrs", "ms", "mx", "pm", "premier", "president", "prime",
    "prof", "professor", "pvt", "r", "rabbi", "rep", "representative", "retd", "retired",
    "rev", "reverend", "sen", "senator", "sergeant", "sgt", "sir", "speaker", "vice",
};
/* clang-format on */

static int cmp_title(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

int cg_graph__is_title(const char *tok, size_t len)
{
    char word[32];

    if (len == 0 || len >= sizeof word)
        return 0;
    memcpy(word, tok, len);
    word[len] = '\0';
    return bsearch(word, titles, sizeof titles / sizeof titles[0], sizeof titles[0], cmp_title) !=
           NULL;
}

static int is_word_char(ucs4_t uc)
{
    return uc_is_general_category_withtable(uc, UC_CATEGORY_MASK_L | UC_CATEGORY_MASK_M |
                                                    UC_CATEGORY_MASK_N);
}

int cg_graph__normalize_into(cg_buf_t *out, const char *s)
{
    cg_buf_t b = *out;
    const uint8_t *p = (const uint8_t *)(s ? s : ""), *end = p + strlen((const char *)p);
    int pending_space = 0;

    b.len = 0;
    if (cg_buf__grow(&b, (size_t)(end - p) + 8))
        goto fail;
    while (p < end) {
        ucs4_t uc;
        int n;

        if (*p < 0x80) {
            /* ASCII: the word characters are [A-Za-z0-9] (lower-cased), as below */
            unsigned char c = *p++;

            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
                if (b.cap - b.len < 3 && cg_buf__grow(&b, 2))
                    goto fail;
                if (pending_space)
                    b.data[b.len++] = ' ';
                b.data[b.len++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
                b.data[b.len] = '\0';
                pending_space = 0;
            } else if (b.len) {
                pending_space = 1;
            }
            continue;
        }
        n = u8_mbtoucr(&uc, p, (size_t)(end - p));
        if (n < 0) {
            /* Not UTF-8: keep the byte as a word character. */
            if ((pending_space && cg_buf__putc(&b, ' ')) || cg_buf__putc(&b, (char)*p))
                goto fail;
            pending_space = 0;
            p++;
            continue;
        }
        if (is_word_char(uc)) {
            uint8_t enc[6];
            int k = u8_uctomb(enc, uc_tolower(uc), (ptrdiff_t)sizeof enc);

            if (k <= 0) {
                memcpy(enc, p, (size_t)n);
                k = n;
            }
            if ((pending_space && cg_buf__putc(&b, ' ')) || cg_buf__append(&b, enc, (size_t)k))
                goto fail;
            pending_space = 0;
        } else if (b.len) {
            pending_space = 1;
        }
        p += n;
    }
    if (!b.data && cg_buf__grow(&b, 0))
        goto fail;
    b.data[b.len] = '\0';
    *out = b;
    return 0;
fail:
    *out = b;
    return -1;
}

char *cg_graph__normalize(const char *s)
{
    cg_buf_t b = CG_BUF_INIT;

    if (cg_graph__normalize_into(&b, s)) {
        cg_buf__free(&b);
        return NULL;
    }
    return cg_buf__detach(&b);
}

int cg_graph__last_word_capitalized(const char *s)
{
    const uint8_t *p = (const uint8_t *)(s ? s : ""), *end = p + strlen((const char *)p);
    ucs4_t first = 0;
    int in_word = 0;

    while (p < end) {
        ucs4_t uc;
        int n = u8_mbtoucr(&uc, p, (size_t)(end - p));

        if (n < 0) {
            n = 1;
            uc = 0xFFFD;
        }
        if (is_word_char(uc)) {
            if (!in_word)
                first = uc;
            in_word = 1;
        } else if (uc != '\'' && uc != 0x2019 && uc != '-') {
            in_word = 0; /* apostrophes and hyphens stay inside a name ("O'Neill") */
        }
        p += n;
    }
    return first && uc_is_upper(first);
}

char *cg_graph__speaker_key(const char *name, int strip_titles)
{
    char *key = cg_graph__normalize(name), *p;

    if (!key || !strip_titles)
        return key;
    /* Drop the leading titles only when a name follows them: a name made of titles
     * alone ("prime minister", "President") is kept whole. */
    for (p = key; *p;) {
        size_t len = strcspn(p, " ");

        if (!cg_graph__is_title(p, len))
            break;
        p += len;
        if (*p == ' ')
            p++;
    }
    if (*p && p != key)
        memmove(key, p, strlen(p) + 1);
    return key;
}

char *cg_graph__outlet_key(const char *name)
{
    char *key = cg_graph__normalize(name);

    if (key && strncmp(key, "the ", 4) == 0)
        memmove(key, key + 4, strlen(key + 4) + 1);
    return key;
}

char *cg_graph__id_from_key(const char *prefix, const char *key)
{
    size_t lp = strlen(prefix), lk = strlen(key), i;
    char *id = malloc(lp + lk + 1);

    if (!id)
        return NULL;
    memcpy(id, prefix, lp);
    for (i = 0; i < lk; i++)
        id[lp + i] = key[i] == ' ' ? '-' : key[i];
    id[lp + lk] = '\0';
    return id;
}

static int is_plain_doc_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '/' ||
           c == '-';
}

char *cg_graph__article_id(const char *doc)
{
    cg_buf_t b = CG_BUF_INIT;
    const unsigned char *p;
    int plain = doc[0] != '\0', dash = 0;
    char hex[24];

    for (p = (const unsigned char *)doc; *p; p++)
        if (!is_plain_doc_char(*p))
            plain = 0;
    if (cg_buf__puts(&b, "article:"))
        goto fail;
    if (plain)
        return cg_buf__puts(&b, doc) ? (cg_buf__free(&b), NULL) : cg_buf__detach(&b);
    /* A readable slug plus a hash of the exact name: '~' never occurs in plain ids. */
    for (p = (const unsigned char *)doc; *p; p++) {
        unsigned char c = *p;

        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (is_plain_doc_char(c) || c >= 0x80) {
            if (cg_buf__putc(&b, (char)c))
                goto fail;
            dash = 0;
        } else if (!dash) {
            if (cg_buf__putc(&b, '-'))
                goto fail;
            dash = 1;
        }
    }
    snprintf(hex, sizeof hex, "~%08llx", cg_hash64(doc, strlen(doc)) & 0xffffffffULL);
    if (cg_buf__puts(&b, hex))
        goto fail;
    return cg_buf__detach(&b);
fail:
    cg_buf__free(&b);
    return NULL;
}

/* Words of a cue that mean the speaker talked to the outlet directly. */
static const char *const interview_words[] = {"interview", "interviewed", "interviews", "speak",
                                              "speaking",  "speaks",      "spoke",      "talking",
                                              "tell",      "telling",     "tells",      "told"};

int cg_graph__cue_is_interview(const char *cue)
{
    char *norm, *tok, *save = NULL;
    int found = 0;

    if (!cue)
        return 0;
    norm = cg_graph__normalize(cue);
    if (!norm)
        return 0;
    for (tok = strtok_r(norm, " ", &save); tok && !found; tok = strtok_r(NULL, " ", &save))
        found = bsearch(tok, interview_words, sizeof interview_words / sizeof interview_words[0],
                        sizeof interview_words[0], cmp_title) != NULL;
    free(norm);
    return found;
}

int cg_graph__speaker_is_unknown(const char *name)
{
    const char *p;

    if (!name)
        return 1;
    for (p = name; *p == ' ' || *p == '\t'; p++)
        ;
    return *p == '\0' || strcmp(name, "unknown") == 0;
}

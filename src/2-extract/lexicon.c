/*
 * Word lists: the files of data/lexicons/ (embedded at build time) parsed into one
 * read-only hash table from word/phrase hash to a bit set of lists. Loaded once by
 * cg_extract_init; only read afterwards, so lookups are thread-safe.
 */
#include <stdlib.h>
#include <string.h>

#include "2-extract/extract_int.h"
#include "2-extract/lexicon_data.h"

/** Which bit each list file sets. */
static const struct {
    const char *name;
    uint32_t bit;
} lex_files[] = {
    {"speech_verbs", CG_LX_SPEECH},
    {"belief_verbs", CG_LX_BELIEF},
    {"weak_cues", CG_LX_WEAK},
    {"phrase_cues", CG_LX_PHRASE_CUE},
    {"according", CG_LX_ACCORDING},
    {"object_verbs", CG_LX_OBJVERB},
    {"source_object_verbs", CG_LX_SRCOBJ},
    {"attribution_nouns", CG_LX_ATTRNOUN},
    {"titles", CG_LX_TITLE},
    {"person_nouns", CG_LX_PERSON},
    {"group_nouns", CG_LX_GROUP},
    {"org_nouns", CG_LX_ORG},
    {"document_nouns", CG_LX_DOC},
    {"outlet_words", CG_LX_OUTLET_WORD},
    {"outlet_descriptors", CG_LX_OUTLET_DESC},
    {"determiners", CG_LX_DET},
    {"prepositions", CG_LX_PREP},
    {"skip_words", CG_LX_SKIP},
    {"pronouns", CG_LX_PRON},
    {"pronouns_male", CG_LX_PRON_M},
    {"pronouns_female", CG_LX_PRON_F},
    {"pronouns_plural", CG_LX_PRON_PL},
    {"pronouns_neuter", CG_LX_PRON_N},
    {"time_words", CG_LX_TIME},
    {"function_words", CG_LX_FUNC},
    {"relative_words", CG_LX_REL},
    {"title_cues", CG_LX_TITLE_CUE},
    {"boilerplate", CG_LX_BOILER},
    {"non_cues", CG_LX_NONCUE},
    {"infinitive_cues", CG_LX_INF},
    {"object_cues", CG_LX_OBJCUE},
};

/* A key (0 = empty) and what it maps to, side by side: most tokens that pass the
   filter below are in a list ("the", "of", "said"), and then key and classes come in
   one cache line instead of one from each of two arrays. */
typedef struct {
    uint64_t key;
    uint32_t bits;
    uint32_t pbits;  /* classes of longer phrases that start with this word sequence */
    uint64_t expand; /* "gen=general": hash of the expansion, 0 none */
} lex_slot_t;

/* Open addressing, load at most one half. */
/* One bit per 64K hash buckets, set for every key: 8 KiB that stay in the L1 cache and
   answer most lookups (words in no list) without touching the table. */
#define LEX_FILTER_BITS 16
static uint64_t lex_filter[(1u << LEX_FILTER_BITS) / 64];
static lex_slot_t *lex_tab;
static size_t lex_cap;
static size_t lex_max_phrase = 1;
static int lex_ready;

uint64_t cg_lex__hash_utf8(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
            c = '\'';
            i += 3;
        } else {
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            i++;
        }
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

/* ASCII lower case of each byte; 0 for 0xE2 (the lead byte of ’ and ‘) and for NUL. */
const unsigned char cg_lex__lower[256] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
    32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
    48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
    64, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 91, 92, 93, 94, 95,
    96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
    128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143,
    144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159,
    160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175,
    176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191,
    192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207,
    208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223,
    224, 225, 0, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239,
    240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255,
};

uint64_t cg_lex__hash_fn(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    uint64_t h = 1469598103934665603ULL;
    size_t i;

    if (len > 1 && u[len - 1] == '.')
        len--;
    for (i = 0; i < len; i++) {
        unsigned c = cg_lex__lower[u[i]];
        if (!c) {
            if (u[i] == 0xE2)
                return cg_lex__hash_utf8(s, len);
            c = 0; /* NUL hashes as itself */
        }
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

static inline size_t filter_bit(uint64_t key)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - LEX_FILTER_BITS));
}

static lex_slot_t *lex_find(uint64_t key)
{
    size_t i = filter_bit(key);

    if (!(lex_filter[i / 64] >> (i % 64) & 1))
        return NULL; /* also when nothing is loaded */
    i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 32) & (lex_cap - 1);
    while (lex_tab[i].key) {
        if (lex_tab[i].key == key)
            return &lex_tab[i];
        i = (i + 1) & (lex_cap - 1);
    }
    return NULL;
}

static lex_slot_t *lex_insert(uint64_t key)
{
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 32) & (lex_cap - 1);

    while (lex_tab[i].key) {
        if (lex_tab[i].key == key)
            return &lex_tab[i];
        i = (i + 1) & (lex_cap - 1);
    }
    lex_tab[i].key = key;
    lex_filter[filter_bit(key) / 64] |= 1ULL << (filter_bit(key) % 64);
    return &lex_tab[i];
}

/** Hashes a space-separated entry into a word-sequence hash; counts its words. When
    @p pbit is set, marks every proper prefix of the entry (a phrase start) with it. */
static uint64_t entry_hash_p(const char *s, size_t len, size_t *nwords, uint32_t pbit)
{
    uint64_t h = 0;
    size_t i = 0, n = 0;

    while (i < len) {
        size_t j;
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        j = i;
        while (j < len && s[j] != ' ' && s[j] != '\t')
            j++;
        if (j > i) {
            uint64_t w = cg_lex__hash(s + i, j - i);
            if (pbit && n) {
                lex_slot_t *ps = lex_insert(h);
                ps->pbits |= pbit;
                ps->bits |= CG_LX_START;
            }
            h = n ? cg_lex__combine(h, w) : w;
            n++;
        }
        i = j;
    }
    *nwords = n;
    return h;
}

static uint64_t entry_hash(const char *s, size_t len, size_t *nwords)
{
    return entry_hash_p(s, len, nwords, 0);
}

static void load_blob(const char *text, size_t len, uint32_t bit)
{
    size_t i = 0;

    while (i < len) {
        size_t j = i, e, n;
        const char *eq;
        uint64_t h;
        lex_slot_t *slot;

        while (j < len && text[j] != '\n')
            j++;
        e = j;
        while (e > i && (text[e - 1] == '\r' || text[e - 1] == ' ' || text[e - 1] == '\t'))
            e--;
        while (i < e && (text[i] == ' ' || text[i] == '\t'))
            i++;
        if (i < e && text[i] != '#') {
            eq = memchr(text + i, '=', e - i);
            if (eq && eq > text + i) {
                size_t nw;
                uint64_t exp = entry_hash(eq + 1, (size_t)(text + e - eq - 1), &nw);
                h = entry_hash_p(text + i, (size_t)(eq - text - i), &n, bit);
                slot = lex_insert(h);
                slot->bits |= bit;
                slot->expand = exp;
            } else {
                h = entry_hash_p(text + i, e - i, &n, bit);
                if (n) {
                    slot = lex_insert(h);
                    slot->bits |= bit;
                    if (n > lex_max_phrase)
                        lex_max_phrase = n;
                }
            }
        }
        i = j + 1;
    }
}

int cg_lex__init(void)
{
    size_t total = 0, i, k;

    if (lex_ready)
        return 0;
    /* an entry of n words adds at most n keys (itself and its phrase prefixes): the
       words in all lists bound the keys */
    for (i = 0; cg_lexicon_blobs[i].name; i++) {
        const char *t = cg_lexicon_blobs[i].text;
        size_t len = cg_lexicon_blobs[i].len;
        for (k = 0; k < len; k++)
            total += (k == 0 || t[k - 1] == ' ' || t[k - 1] == '\t' || t[k - 1] == '\n' ||
                      t[k - 1] == '=') &&
                     !(t[k] == ' ' || t[k] == '\t' || t[k] == '\n' || t[k] == '\r');
    }
    lex_cap = 1024;
    while (lex_cap < total * 2)
        lex_cap *= 2;
    lex_tab = calloc(lex_cap, sizeof *lex_tab);
    if (!lex_tab) {
        cg_lex__free();
        return -1;
    }
    for (i = 0; cg_lexicon_blobs[i].name; i++) {
        for (k = 0; k < sizeof lex_files / sizeof lex_files[0]; k++) {
            if (strcmp(lex_files[k].name, cg_lexicon_blobs[i].name) == 0) {
                load_blob(cg_lexicon_blobs[i].text, cg_lexicon_blobs[i].len, lex_files[k].bit);
                break;
            }
        }
    }
    lex_ready = 1;
    return 0;
}

void cg_lex__free(void)
{
    memset(lex_filter, 0, sizeof lex_filter);
    free(lex_tab);
    lex_tab = NULL;
    lex_cap = 0;
    lex_max_phrase = 1;
    lex_ready = 0;
}

uint32_t cg_lex__classes(uint64_t h)
{
    const lex_slot_t *s = lex_find(h);
    return s ? s->bits : 0;
}

uint32_t cg_lex__classes_prefix(uint64_t h, uint32_t *pbits)
{
    const lex_slot_t *s = lex_find(h);

    if (!s) {
        *pbits = 0;
        return 0;
    }
    *pbits = s->pbits;
    return s->bits;
}

size_t cg_lex__max_phrase(void)
{
    return lex_max_phrase;
}

uint64_t cg_lex__expand(uint64_t h)
{
    const lex_slot_t *s = lex_find(h);
    return s && s->expand ? s->expand : h;
}

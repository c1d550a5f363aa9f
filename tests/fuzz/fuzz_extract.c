/*
 * Fuzz target: article loading and extraction.
 *
 * The input is an article's bytes. It is loaded twice, from the buffer and from a file
 * through the reader, which must agree; when it is valid UTF-8 its claims are
 * extracted, checked (spans inside the text, valid UTF-8 that survives the claims JSON
 * round trip), built into a graph and written as graph.json.
 */
#include <unistr.h>

#include "claimgraph/claimgraph.h"
#include "fuzz_common.h"

/* Articles larger than this are cut: extraction is linear, the fuzzer wants speed. */
#define FUZZ_MAX_INPUT (256 * 1024)

static void check_span(cg_span_t s, size_t len)
{
    FUZZ_CHECK(s.start <= s.end);
    FUZZ_CHECK(s.end <= len);
}

/*
 * Non-zero when the check named @p name is switched off by CG_FUZZ_SKIP (a comma-separated
 * list), so that fuzzing can go on past a known finding until it is fixed.
 */
static int skipped(const char *name)
{
    const char *skip = getenv("CG_FUZZ_SKIP");
    size_t n = strlen(name);

    for (; skip && *skip; skip += strcspn(skip, ","), skip += *skip == ',')
        if (strncmp(skip, name, n) == 0 && (skip[n] == ',' || skip[n] == '\0'))
            return 1;
    return 0;
}

/* Writes @p c as JSON, parses it back, writes it again: both lines must be equal. */
static void roundtrip_claim(const cg_claim_t *c)
{
    char *buf1 = NULL, *buf2 = NULL;
    size_t len1 = 0, len2 = 0;
    cg_claim_t back;
    cg_errinfo_t e;
    FILE *fp;

    fp = open_memstream(&buf1, &len1);
    FUZZ_CHECK(fp);
    if (cg_claim_write_json(fp, c) != CG_OK) {
        fclose(fp);
        free(buf1);
        if (skipped("claim-utf8"))
            return;
        fprintf(stderr, "an extracted claim cannot be written (text not valid UTF-8?)\n");
        abort();
    }
    FUZZ_CHECK(fclose(fp) == 0);
    FUZZ_CHECK(len1 > 0 && buf1[len1 - 1] == '\n');
    FUZZ_CHECK(memchr(buf1, '\n', len1) == buf1 + len1 - 1); /* one line */
    FUZZ_CHECK(cg_claims_line_is_claim(buf1, len1));
    if (cg_claim_parse_json(&back, buf1, len1, "fuzz", 1, &e) != CG_OK) {
        fprintf(stderr, "claim JSON does not parse back: %s\n%s", e.message, buf1);
        abort();
    }
    fp = open_memstream(&buf2, &len2);
    FUZZ_CHECK(fp);
    FUZZ_CHECK(cg_claim_write_json(fp, &back) == CG_OK);
    FUZZ_CHECK(fclose(fp) == 0);
    if (len1 != len2 || memcmp(buf1, buf2, len1) != 0) {
        fprintf(stderr, "claim JSON round trip changed it:\n%s%s", buf1, buf2);
        abort();
    }
    cg_claim_clear(&back);
    free(buf1);
    free(buf2);
}

static void check_claim(const cg_claim_t *c, const cg_article_t *a)
{
    size_t i;

    FUZZ_CHECK(c->doc && strcmp(c->doc, a->doc) == 0);
    FUZZ_CHECK(c->text);
    FUZZ_CHECK(c->speaker_name && c->speaker_name[0]);
    FUZZ_CHECK(c->nspans > 0 && c->spans);
    for (i = 0; i < c->nspans; i++) {
        check_span(c->spans[i], a->len);
        if (i && !skipped("span-order")) /* "byte spans of the text in the file, in order" */
            FUZZ_CHECK(c->spans[i - 1].end <= c->spans[i].start);
    }
    if (c->nspans == 1 && !skipped("span-text")) /* "the words as they stand in the file" */
        FUZZ_CHECK(strlen(c->text) == c->spans[0].end - c->spans[0].start &&
                   memcmp(c->text, a->text + c->spans[0].start, strlen(c->text)) == 0);
    if (c->has_speaker_span)
        check_span(c->speaker_span, a->len);
    if (c->cue_text)
        check_span(c->cue_span, a->len);
    for (i = 0; i < c->nvia; i++)
        FUZZ_CHECK(c->via[i] && c->via[i][0]);
    for (i = 0; i < c->nrelations; i++)
        FUZZ_CHECK(c->relations[i].target_text && c->relations[i].target_speaker);
    roundtrip_claim(c);
}

/* Loads the same bytes through the reader (a file): same verdict, same text. */
static void check_reader(const uint8_t *data, size_t size, const cg_article_t *from_buf)
{
    const char *path = fuzz_scratch(data, size, ".txt");
    const char *in[1];
    cg_reader_t *r;
    cg_article_t *a = NULL;
    cg_errinfo_t e;
    int got;

    in[0] = path;
    FUZZ_CHECK(cg_reader_new(&r, in, 1, NULL, &e) == CG_OK);
    got = cg_reader_next(r, &a, &e);
    if (from_buf) {
        FUZZ_CHECK(got == 1);
        FUZZ_CHECK(a->len == size && memcmp(a->text, data, size) == 0 && a->text[size] == 0);
        FUZZ_CHECK(strcmp(a->doc, path) == 0);
        cg_article_free(a);
    } else {
        FUZZ_CHECK(got == CG_EINPUT);
        FUZZ_CHECK(strcmp(e.file, path) == 0); /* the error names the file */
        FUZZ_CHECK(e.message[0]);
        FUZZ_CHECK(!e.has_offset || e.offset < size);
    }
    FUZZ_CHECK(cg_reader_next(r, &a, &e) == 0);
    cg_reader_free(r);
}

/*
 * The loader's verdict against an independent reference (libunistring's u8_check): text
 * is accepted exactly when it has no UTF-16 byte-order mark, no NUL byte and valid UTF-8,
 * and a refusal names the offset of the first bad byte.
 */
static void check_verdict(const uint8_t *data, size_t size, cg_error_t rc, const cg_errinfo_t *e)
{
    int utf16 = size >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) ||
                              (data[0] == 0xFE && data[1] == 0xFF));
    const uint8_t *nul = memchr(data, 0, size);
    const uint8_t *bad = u8_check(data, size);

    if (rc == CG_OK) {
        FUZZ_CHECK(!utf16 && !nul && !bad);
        return;
    }
    FUZZ_CHECK(rc == CG_EINPUT);
    FUZZ_CHECK(utf16 || nul || bad);
    if (!utf16)
        FUZZ_CHECK(e->has_offset && e->offset == (size_t)((nul ? nul : bad) - data));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    cg_article_t *a = NULL;
    cg_claims_t claims;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    cg_error_t rc;
    char *outlet;
    size_t i;

    if (!ready) {
        FUZZ_CHECK(cg_extract_init() == CG_OK);
        ready = 1;
    }
    if (size > FUZZ_MAX_INPUT)
        size = FUZZ_MAX_INPUT;
    rc = cg_article_from_buffer(&a, "fuzz.txt", (const char *)data, size, &e);
    check_verdict(data, size, rc, &e);
    if (rc != CG_OK) {
        FUZZ_CHECK(strcmp(e.file, "fuzz.txt") == 0 && e.message[0]);
        check_reader(data, size, NULL);
        return 0;
    }
    check_reader(data, size, a);

    outlet = cg_extract_outlet(a);
    if (outlet)
        FUZZ_CHECK(outlet[0]);
    free(outlet);

    cg_claims_init(&claims);
    FUZZ_CHECK(cg_extract_article(&claims, a, &e) == CG_OK);
    for (i = 0; i < claims.count; i++)
        check_claim(&claims.items[i], a);

    FUZZ_CHECK(cg_graph_build(&g, claims.items, claims.count, &e) == CG_OK);
    FUZZ_CHECK(cg_graph_write_json(g, fuzz_null(), &e) == CG_OK || skipped("claim-utf8"));
    cg_graph_free(g);
    cg_claims_destroy(&claims);
    cg_article_free(a);
    return 0;
}

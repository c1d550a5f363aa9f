/*
 * Fuzz target: JSON Lines input — articles (*.jsonl), manifests and claims files.
 *
 * The same bytes are read as a file of articles, as a manifest (applied to those
 * articles), and as a claims file given to `build`. Bad lines must be errors naming
 * the file and the line, and must not stop the lines after them; claims that are
 * accepted must survive a write/read round trip and build into a graph.
 */
#include "claimgraph/claimgraph.h"
#include "fuzz_common.h"

#define FUZZ_MAX_INPUT (256 * 1024)

static size_t count_lines(const uint8_t *data, size_t size)
{
    size_t n = 0, i;

    for (i = 0; i < size; i++)
        n += data[i] == '\n';
    return n + (size && data[size - 1] != '\n');
}

/* Reads @p path as articles (with @p manifest), checking every record and error. */
static void read_articles(const char *path, const char *manifest, size_t nlines)
{
    cg_reader_options_t ro = CG_READER_OPTIONS_INIT;
    const char *in[1];
    cg_reader_t *r = NULL;
    cg_article_t *a;
    cg_errinfo_t e;
    size_t records = 0, last_line = 0;
    int got;

    in[0] = path;
    ro.manifest = manifest;
    if (cg_reader_new(&r, in, 1, &ro, &e) != CG_OK) {
        FUZZ_CHECK(manifest != NULL);            /* only a bad manifest can refuse */
        FUZZ_CHECK(strcmp(e.file, manifest) == 0);
        FUZZ_CHECK(e.line >= 1 && e.line <= nlines);
        return;
    }
    while ((got = cg_reader_next(r, &a, &e)) != 0) {
        FUZZ_CHECK(++records <= nlines);
        if (got < 0) {
            FUZZ_CHECK(got == CG_EINPUT);
            FUZZ_CHECK(strcmp(e.file, path) == 0);
            FUZZ_CHECK(e.line > last_line && e.line <= nlines);
            last_line = e.line;
            continue;
        }
        FUZZ_CHECK(got == 1 && a && a->doc && a->text);
        FUZZ_CHECK(strlen(a->text) == a->len); /* no NUL inside */
        cg_article_free(a);
    }
    cg_reader_free(r);
}

static char *write_claims(const cg_claims_t *list, size_t *len)
{
    char *buf = NULL;
    size_t i;
    FILE *fp = open_memstream(&buf, len);

    FUZZ_CHECK(fp);
    for (i = 0; i < list->count; i++) {
        if (cg_claim_write_json(fp, &list->items[i]) != CG_OK) {
            fprintf(stderr, "an accepted claim cannot be written back\n");
            abort();
        }
    }
    FUZZ_CHECK(fclose(fp) == 0);
    return buf;
}

/* Reads @p path as a claims file; accepted claims round-trip and build a graph. */
static void read_claims(const char *path)
{
    cg_claims_t list, back;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    char *buf1, *buf2;
    size_t len1 = 0, len2 = 0;
    const char *p2;

    cg_claims_init(&list);
    if (cg_claims_read_file(&list, path, &e) != CG_OK) {
        FUZZ_CHECK(strcmp(e.file, path) == 0);
        FUZZ_CHECK(e.message[0]);
        cg_claims_destroy(&list);
        return;
    }
    buf1 = write_claims(&list, &len1);
    p2 = fuzz_scratch((const uint8_t *)buf1, len1, ".jsonl");
    cg_claims_init(&back);
    if (cg_claims_read_file(&back, p2, &e) != CG_OK) {
        fprintf(stderr, "claims written by claimgraph are refused: line %zu: %s\n", e.line,
                e.message);
        abort();
    }
    FUZZ_CHECK(back.count == list.count);
    buf2 = write_claims(&back, &len2);
    FUZZ_CHECK(len1 == len2 && memcmp(buf1, buf2, len1) == 0);
    free(buf1);
    free(buf2);
    cg_claims_destroy(&back);

    if (cg_graph_build(&g, list.items, list.count, &e) == CG_OK) {
        FUZZ_CHECK(cg_graph_write_json(g, fuzz_null(), &e) == CG_OK);
        cg_graph_free(g);
    } else {
        FUZZ_CHECK(e.message[0]);
    }
    cg_claims_destroy(&list);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path;
    size_t nlines;

    if (size > FUZZ_MAX_INPUT)
        size = FUZZ_MAX_INPUT;
    nlines = count_lines(data, size);
    (void)cg_claims_line_is_claim((const char *)data, size);
    path = fuzz_scratch(data, size, ".jsonl");
    (void)cg_pipeline_is_claims_file(path);
    read_articles(path, NULL, nlines);
    read_articles(path, path, nlines);
    read_claims(path);
    return 0;
}

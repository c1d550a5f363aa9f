/*
 * Stage 5 reports: the ranked table (text, JSON, CSV), the community report and the
 * run summary. Scores and communities are set by hand so rankings are known.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "5-export/export_internal.h"
#include "claimgraph/claimgraph.h"
#include "harness.h"

#define NASTY                                                                                      \
    "Eve \x1b[31mRED\x1b[0m \"quoted, with comma\"\r\nnext\x07 \xc2\x9b"                           \
    "2J \xe2\x80\xae rlo \xff end"

static char *sdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void add(cg_claims_t *l, const char *doc, const char *speaker, cg_speaker_kind_t kind,
                const char *text, const char *outlet)
{
    cg_claim_t *c = cg_claims_push(l);

    c->doc = sdup(doc);
    c->type = CG_CLAIM_DIRECT;
    c->text = sdup(text);
    cg_claim_add_span(c, 0, strlen(text));
    c->speaker_name = sdup(speaker);
    c->speaker_kind = kind;
    c->outlet = sdup(outlet);
}

/*
 * Speakers: Alice (3 claims), Bob (2), Carol (1), the nasty one (1), and a wide-character
 * name (1). PageRank of speakers set by hand: Carol > Bob = Alice (tie: by id) > others.
 */
static cg_graph_t *make_graph(int analyse)
{
    cg_claims_t l;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    size_t i, n;

    cg_claims_init(&l);
    add(&l, "a.txt", "Alice Adams", CG_SPEAKER_PERSON, "One.", "Daily");
    add(&l, "a.txt", "Alice Adams", CG_SPEAKER_PERSON, "Two.", "Daily");
    add(&l, "b.txt", "Alice Adams", CG_SPEAKER_PERSON, "Three.", "Weekly");
    add(&l, "a.txt", "Bob Brown", CG_SPEAKER_PERSON, "Four.", "Daily");
    add(&l, "b.txt", "Bob Brown", CG_SPEAKER_PERSON, "Five.", "Weekly");
    add(&l, "b.txt", "Carol Cole", CG_SPEAKER_PERSON, "Six.", "Weekly");
    add(&l, "c.txt", NASTY, CG_SPEAKER_PERSON, "Seven, \"with\" quotes\nand lines.", "Weekly");
    add(&l, "c.txt", "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e Wang", CG_SPEAKER_PERSON, "Eight.",
        "Weekly");
    if (cg_graph_build(&g, l.items, l.count, &e) != CG_OK) {
        fprintf(stderr, "build: %s\n", e.message);
        exit(1);
    }
    cg_claims_destroy(&l);
    if (!analyse)
        return g;
    n = cg_graph_node_count(g);
    for (i = 0; i < n; i++) {
        const cg_node_t *nd = cg_graph_node(g, i);
        cg_scores_t s;

        memset(&s, 0, sizeof s);
        s.pagerank = 0.01;
        if (nd->kind == CG_NODE_SPEAKER) {
            if (strstr(nd->label, "Carol"))
                s.pagerank = 0.5;
            else if (strstr(nd->label, "Alice") || strstr(nd->label, "Bob"))
                s.pagerank = 0.25;
        }
        if (nd->kind == CG_NODE_OUTLET)
            s.pagerank = 0.3;
        s.outdegree = (long)(i % 4);
        cg_graph__set_scores(g, i, &s);
        /* two communities: things of a.txt's world (0) and the rest (1) */
        cg_graph__set_cluster(g, i,
                              (strstr(nd->id, "alice") || strstr(nd->id, "bob") ||
                               strstr(nd->id, "daily") || strstr(nd->id, "a.txt"))
                                  ? 0
                                  : 1);
    }
    {
        cg_analysis_t a;

        memset(&a, 0, sizeof a);
        a.analyzed = 1;
        snprintf(a.method, sizeof a.method, "leiden");
        a.resolution = 1;
        a.seed = 42;
        a.modularity = 0.3125;
        a.nclusters = 2;
        cg_graph__set_analysis(g, &a);
    }
    return g;
}

/** Runs a report into a string (caller frees). */
static char *run(cg_error_t (*fn)(const cg_graph_t *, const void *, FILE *, cg_errinfo_t *),
                 const cg_graph_t *g, const void *arg, cg_error_t *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    cg_errinfo_t e;

    *rc = fn(g, arg, fp, &e);
    fclose(fp);
    return buf;
}

static cg_error_t do_report(const cg_graph_t *g, const void *o, FILE *fp, cg_errinfo_t *e)
{
    return cg_report(g, (const cg_report_options_t *)o, fp, e);
}

static cg_error_t do_summary(const cg_graph_t *g, const void *o, FILE *fp, cg_errinfo_t *e)
{
    (void)o;
    return cg_report_summary(g, fp, e);
}

typedef struct {
    size_t members;
    cg_report_style_t style;
} clusters_args_t;

static cg_error_t do_clusters(const cg_graph_t *g, const void *o, FILE *fp, cg_errinfo_t *e)
{
    const clusters_args_t *a = o;

    return cg_report_clusters(g, a->members, a->style, fp, e);
}

/** No control characters (C0 but \n, DEL, C1), no bidi override, valid UTF-8. */
static int terminal_safe(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    char *clean;
    int ok;

    for (; *p; p++) {
        if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
            return 0;
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9f)
            return 0;
        if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAE)
            return 0;
    }
    clean = cg_export__clean_dup(s, CG_CLEAN_JSON);
    ok = clean && strcmp(clean, s) == 0;
    free(clean);
    return ok;
}

/** Splits @p text into lines (in place); returns the count. */
static size_t lines(char *text, char **out, size_t max)
{
    size_t n = 0;
    char *p = text, *nl;

    while (*p && n < max) {
        out[n++] = p;
        if (!(nl = strchr(p, '\n')))
            break;
        *nl = '\0';
        p = nl + 1;
    }
    return n;
}

/**
 * Parses RFC 4180 CSV: fills @p rows × @p cols (fields malloc'd), returns rows, or -1
 * when a quoted field is malformed. Rows may differ in field count: @p ncols gets each.
 */
static long csv_parse(const char *s, char *fields[][16], size_t ncols[], size_t maxrows)
{
    size_t r = 0, c = 0;
    cg_buf_t f = CG_BUF_INIT;

    if (!*s)
        return 0;
    for (;;) {
        cg_buf__grow(&f, 0);
        f.len = 0;
        f.data[0] = '\0';
        if (*s == '"') {
            s++;
            for (;;) {
                if (!*s)
                    return -1;
                if (*s == '"' && s[1] == '"') {
                    cg_buf__putc(&f, '"');
                    s += 2;
                } else if (*s == '"') {
                    s++;
                    break;
                } else {
                    cg_buf__putc(&f, *s++);
                }
            }
            if (*s && *s != ',' && *s != '\n')
                return -1;
        } else {
            while (*s && *s != ',' && *s != '\n') {
                if (*s == '"')
                    return -1;
                cg_buf__putc(&f, *s++);
            }
        }
        if (r < maxrows && c < 16)
            fields[r][c] = strdup(f.data);
        c++;
        if (*s == ',') {
            s++;
            continue;
        }
        if (r < maxrows)
            ncols[r] = c;
        r++;
        c = 0;
        if (*s == '\n')
            s++;
        if (!*s)
            break;
    }
    cg_buf__free(&f);
    return (long)r;
}

static void csv_free(char *fields[][16], const size_t ncols[], long rows)
{
    long r;
    size_t c;

    for (r = 0; r < rows; r++)
        for (c = 0; c < ncols[r] && c < 16; c++)
            free(fields[r][c]);
}

/* ---- ranked table --------------------------------------------------------------- */

static void test_report_text(void)
{
    cg_graph_t *g = make_graph(1);
    cg_report_options_t o = CG_REPORT_OPTIONS_INIT;
    cg_error_t rc;
    char *out, *ln[64];
    size_t n, i, col = 0;

    out = run(do_report, g, &o, &rc);
    INT_EQ(rc, CG_OK);
    OK(terminal_safe(out));
    n = lines(out, ln, 64);
    /* title, header, one row per speaker (5 < top 10) */
    INT_EQ(n, 2 + 5);
    OK(strncmp(ln[0], "speakers by pagerank", 20) == 0);
    OK(strstr(ln[1], "rank") && strstr(ln[1], "pagerank") && strstr(ln[1], "label") &&
       strstr(ln[1], "id"));
    /* Carol first, then Alice and Bob (equal scores: by id), then the others by id */
    OK(n > 4 && strstr(ln[2], "Carol Cole") && strstr(ln[2], "speaker:carol-cole"));
    OK(n > 4 && strstr(ln[3], "Alice Adams") && strstr(ln[4], "Bob Brown"));
    OK(n > 2 && strstr(ln[2], "0.5") != NULL);
    /* the id column starts at the same display column on every row, wide names too */
    for (i = 1; i < n; i++) {
        const char *id = strstr(ln[i], i == 1 ? "  id" : "  speaker:");
        char *prefix;
        size_t w;

        OK(id != NULL);
        if (!id)
            continue;
        prefix = strndup(ln[i], (size_t)(id - ln[i]));
        w = cg_export__width(prefix);
        free(prefix);
        if (i == 1)
            col = w;
        else
            INT_EQ(w, col);
    }
    /* the hostile name: no escape sequence, no CR, quotes kept */
    {
        int seen = 0;

        for (i = 2; i < n; i++)
            if (strstr(ln[i], "Eve [31mRED[0m \"quoted, with comma\" next 2J rlo")) {
                seen = 1;
                OK(strstr(ln[i], "\xef\xbf\xbd") != NULL); /* invalid byte shown as U+FFFD */
            }
        OK(seen);
    }
    free(out);

    /* --top 2 --kind all --by outdegree */
    o.top = 2;
    o.kind = -1;
    o.by = CG_BY_OUTDEGREE;
    out = run(do_report, g, &o, &rc);
    INT_EQ(rc, CG_OK);
    n = lines(out, ln, 64);
    INT_EQ(n, 4);
    OK(strstr(ln[0], "nodes by outdegree (top 2 of ") != NULL);
    OK(n > 2 && strstr(ln[2], "  3  ") != NULL); /* outdegree 3 is the maximum (i % 4) */
    free(out);

    /* bad options */
    o.kind = 9;
    out = run(do_report, g, &o, &rc);
    INT_EQ(rc, CG_EINVAL);
    free(out);
    cg_graph_free(g);

    /* a graph that was never analysed says so */
    g = make_graph(0);
    o = (cg_report_options_t)CG_REPORT_OPTIONS_INIT;
    out = run(do_report, g, &o, &rc);
    INT_EQ(rc, CG_OK);
    OK(strstr(out, "not analysed") != NULL);
    free(out);
    cg_graph_free(g);
}

static void test_report_csv(void)
{
    cg_graph_t *g = make_graph(1);
    cg_report_options_t o = CG_REPORT_OPTIONS_INIT;
    static char *fields[64][16];
    size_t ncols[64], i;
    cg_error_t rc;
    char *out;
    long rows;
    int seen = 0;

    o.kind = -1;
    o.top = 0;
    o.style = CG_REPORT_CSV;
    out = run(do_report, g, &o, &rc);
    INT_EQ(rc, CG_OK);
    OK(terminal_safe(out)); /* LF line ends, no CR */
    rows = csv_parse(out, fields, ncols, 64);
    INT_EQ(rows, (long)cg_graph_node_count(g) + 1);
    for (i = 0; rows > 0 && i < (size_t)rows; i++)
        INT_EQ(ncols[i], 5);
    if (rows > 0) {
        STR_EQ(fields[0][0], "rank");
        STR_EQ(fields[0][4], "id");
    }
    for (i = 1; rows > 0 && i < (size_t)rows; i++) {
        char rank[32];

        snprintf(rank, sizeof rank, "%zu", i);
        STR_EQ(fields[i][0], rank);
        OK(cg_graph_find(g, fields[i][4]) >= 0 || strstr(fields[i][4], "\xef\xbf\xbd"));
        if (strstr(fields[i][3], "quoted, with comma"))
            seen = 1;
        if (strncmp(fields[i][3], "Seven", 5) == 0)
            STR_EQ(fields[i][3], "Seven, \"with\" quotes and lines.");
    }
    OK(seen);
    /* scores: the first row has the highest pagerank, with '.' as decimal point */
    if (rows > 1)
        STR_EQ(fields[1][1], "0.5");
    csv_free(fields, ncols, rows);
    free(out);
    cg_graph_free(g);
}

static void test_report_json(void)
{
    cg_graph_t *g = make_graph(1);
    cg_report_options_t o = CG_REPORT_OPTIONS_INIT;
    json_error_t je;
    json_t *root, *rows, *v;
    cg_error_t rc;
    char *out;
    size_t i;

    o.style = CG_REPORT_JSON;
    o.top = 3;
    out = run(do_report, g, &o, &rc);
    INT_EQ(rc, CG_OK);
    root = json_loads(out, JSON_REJECT_DUPLICATES, &je);
    OK(root != NULL);
    if (root) {
        STR_EQ(json_string_value(json_object_get(root, "measure")), "pagerank");
        STR_EQ(json_string_value(json_object_get(root, "kind")), "speaker");
        INT_EQ(json_integer_value(json_object_get(root, "total")), 5);
        rows = json_object_get(root, "rows");
        INT_EQ(json_array_size(rows), 3);
        json_array_foreach(rows, i, v)
        {
            INT_EQ(json_integer_value(json_object_get(v, "rank")), i + 1);
            OK(json_is_number(json_object_get(v, "score")));
            OK(cg_graph_find(g, json_string_value(json_object_get(v, "id"))) >= 0);
        }
        STR_EQ(json_string_value(json_object_get(json_array_get(rows, 0), "label")), "Carol Cole");
        json_decref(root);
    }
    /* raw control characters never appear: Jansson escapes them */
    OK(strchr(out, '\x1b') == NULL);
    free(out);
    cg_graph_free(g);
}

/* ---- communities ---------------------------------------------------------------- */

static void test_clusters(void)
{
    cg_graph_t *g = make_graph(1);
    clusters_args_t a = {2, CG_REPORT_TEXT};
    static char *fields[64][16];
    size_t ncols[64], i, size0 = 0, size1 = 0;
    json_error_t je;
    json_t *root, *v;
    cg_error_t rc;
    char *out;
    long rows;

    for (i = 0; i < cg_graph_node_count(g); i++) {
        size0 += cg_graph_node(g, i)->cluster == 0;
        size1 += cg_graph_node(g, i)->cluster == 1;
    }
    out = run(do_clusters, g, &a, &rc);
    INT_EQ(rc, CG_OK);
    OK(terminal_safe(out));
    OK(strstr(out, "2 communities (leiden, modularity 0.3125)") != NULL);
    {
        char want[128];

        snprintf(want, sizeof want, "community 0: %zu nodes", size0);
        OK(strstr(out, want) != NULL);
        snprintf(want, sizeof want, "community 1: %zu nodes", size1);
        OK(strstr(out, want) != NULL);
    }
    /* community 1's top member by pagerank: Carol (0.5) */
    OK(strstr(strstr(out, "community 1:") ? strstr(out, "community 1:") : out, "Carol Cole") !=
       NULL);
    free(out);

    a.style = CG_REPORT_JSON;
    out = run(do_clusters, g, &a, &rc);
    INT_EQ(rc, CG_OK);
    root = json_loads(out, 0, &je);
    OK(root != NULL);
    if (root) {
        json_t *cl = json_object_get(root, "clusters");

        INT_EQ(json_array_size(cl), 2);
        json_array_foreach(cl, i, v)
        {
            json_t *kinds = json_object_get(v, "kinds");
            long sum = 0;
            const char *k;
            json_t *cnt;

            INT_EQ(json_integer_value(json_object_get(v, "id")), i);
            json_object_foreach(kinds, k, cnt) sum += (long)json_integer_value(cnt);
            INT_EQ(sum, json_integer_value(json_object_get(v, "size")));
            OK(json_array_size(json_object_get(v, "members")) <= 2);
        }
        INT_EQ(json_integer_value(json_object_get(json_array_get(cl, 0), "size")), size0);
        STR_EQ(json_string_value(json_object_get(
                   json_array_get(json_object_get(json_array_get(cl, 1), "members"), 0), "label")),
               "Carol Cole");
        json_decref(root);
    }
    free(out);

    a.style = CG_REPORT_CSV;
    out = run(do_clusters, g, &a, &rc);
    INT_EQ(rc, CG_OK);
    OK(terminal_safe(out));
    rows = csv_parse(out, fields, ncols, 64);
    INT_EQ(rows, 1 + 2 * 2); /* header, two members for each of two communities */
    for (i = 0; rows > 0 && i < (size_t)rows; i++)
        INT_EQ(ncols[i], 11);
    csv_free(fields, ncols, rows);
    free(out);

    /* no members: one row per community */
    a.members = 0;
    out = run(do_clusters, g, &a, &rc);
    rows = csv_parse(out, fields, ncols, 64);
    INT_EQ(rows, 3);
    csv_free(fields, ncols, rows);
    free(out);
    cg_graph_free(g);

    /* not analysed */
    g = make_graph(0);
    a.style = CG_REPORT_TEXT;
    out = run(do_clusters, g, &a, &rc);
    INT_EQ(rc, CG_OK);
    OK(strstr(out, "not analysed") != NULL);
    free(out);
    a.style = CG_REPORT_JSON;
    out = run(do_clusters, g, &a, &rc);
    root = json_loads(out, 0, &je);
    OK(root && json_array_size(json_object_get(root, "clusters")) == 0);
    json_decref(root);
    free(out);
    cg_graph_free(g);
}

/* ---- summary -------------------------------------------------------------------- */

static void test_summary(void)
{
    cg_graph_t *g = make_graph(1);
    cg_error_t rc;
    char *out, *p, *q;
    char want[128];

    out = run(do_summary, g, NULL, &rc);
    INT_EQ(rc, CG_OK);
    OK(terminal_safe(out));
    snprintf(want, sizeof want, "%zu nodes: 8 claim, 5 speaker, 3 article, 2 outlet",
             cg_graph_node_count(g));
    OK(strstr(out, want) != NULL);
    snprintf(want, sizeof want, "%zu edges: 8 asserts, 8 reported_in, 3 published_by",
             cg_graph_edge_count(g));
    OK(strstr(out, want) != NULL);
    /* top by pagerank: Carol first */
    p = strstr(out, "top speakers by pagerank\n");
    OK(p != NULL);
    if (p) {
        char first[256];

        p += strlen("top speakers by pagerank\n");
        snprintf(first, sizeof first, "%.*s", (int)strcspn(p, "\n"), p);
        OK(strncmp(first, "    1   0.5  Carol Cole", 23) == 0);
        OK(strstr(p, "Alice Adams") < strstr(p, "Bob Brown"));
    }
    /* top by claims asserted: Alice 3, Bob 2, then the one-claim speakers by id */
    q = strstr(out, "top speakers by claims asserted\n");
    OK(q != NULL);
    if (q) {
        q += strlen("top speakers by claims asserted\n");
        OK(strncmp(q, "    1  3  Alice Adams", 21) == 0);
        OK(strstr(q, "    2  2  Bob Brown") != NULL);
    }
    OK(strstr(out, "communities: 2 (leiden, resolution 1, seed 42), modularity 0.3125") != NULL);
    OK(strstr(out, "community 0: ") != NULL && strstr(out, "community 1: ") != NULL);
    free(out);
    cg_graph_free(g);

    g = make_graph(0);
    out = run(do_summary, g, NULL, &rc);
    INT_EQ(rc, CG_OK);
    OK(strstr(out, "top speakers by pagerank") == NULL);
    OK(strstr(out, "not analysed") != NULL);
    OK(strstr(out, "top speakers by claims asserted") != NULL);
    free(out);
    cg_graph_free(g);

    /* an empty graph */
    INT_EQ(cg_graph_build(&g, NULL, 0, NULL), CG_OK);
    out = run(do_summary, g, NULL, &rc);
    INT_EQ(rc, CG_OK);
    OK(strstr(out, "0 nodes") != NULL);
    free(out);
    cg_graph_free(g);
}

int main(void)
{
    test_report_text();
    test_report_csv();
    test_report_json();
    test_clusters();
    test_summary();
    return TEST_REPORT();
}

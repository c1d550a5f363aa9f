/*
 * Reports: a ranked table of nodes (cg_report) and the communities with their most
 * central members (cg_report_clusters), as aligned text, JSON (Jansson, fixed key
 * order) or CSV (RFC 4180 quoting; lines end with LF, which every CSV reader accepts,
 * so that nothing but printable text reaches a terminal).
 *
 * Text is for terminals: labels and ids are cleaned of control characters, escape
 * sequences and bidirectional overrides (CG_CLEAN_TEXT), cut to fit their column by
 * display width, and padded so columns line up with wide (CJK) characters too.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "5-export/export_internal.h"

/** Width of the label column in text tables. */
#define CG_LABEL_COLS 48

static const char *const kind_plurals[CG_NODE_KIND_COUNT] = {"claims", "speakers", "articles",
                                                             "outlets"};

/* ---- cells ---------------------------------------------------------------------- */

/** Formats a score: an integer for counts, 6 significant digits (text) or 10. */
static char *score_text(char *buf, size_t size, const cg_node_t *n, cg_measure_t by, int digits)
{
    if (cg_export__measure_is_count(by)) {
        snprintf(buf, size, "%ld", (long)cg_node_score(n, by));
        return buf;
    }
    return cg_export__fmt_double(buf, size, cg_node_score(n, by), digits);
}

/** Appends @p s as one CSV field: cleaned, quoted when it holds , " CR or LF. */
static int csv_field(cg_buf_t *b, const char *s)
{
    char *clean = cg_export__clean_dup(s ? s : "", CG_CLEAN_TEXT);
    const char *p;
    int rc;

    if (!clean)
        return -1;
    if (strpbrk(clean, ",\"\r\n") == NULL) {
        rc = cg_buf__puts(b, clean);
    } else {
        rc = cg_buf__putc(b, '"');
        for (p = clean; !rc && *p; p++)
            rc = *p == '"' ? cg_buf__puts(b, "\"\"") : cg_buf__putc(b, *p);
        rc = rc ? rc : cg_buf__putc(b, '"');
    }
    free(clean);
    return rc;
}

/** Appends the CSV fields of @p n (count) separated by commas, and a newline. */
static int csv_row(cg_buf_t *b, const char *const *fields, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if ((i && cg_buf__putc(b, ',')) || csv_field(b, fields[i]))
            return -1;
    return cg_buf__putc(b, '\n');
}

/** Appends @p s cleaned and fitted to @p cols columns (padded when @p pad). */
static int text_cell(cg_buf_t *b, const char *s, size_t cols, int pad)
{
    char *clean = cg_export__clean_dup(s ? s : "", CG_CLEAN_TEXT);
    int rc;

    if (!clean)
        return -1;
    rc = cg_export__fit(b, clean, cols, pad);
    free(clean);
    return rc;
}

/** Appends @p s right-aligned in @p cols columns (ASCII only). */
static int right(cg_buf_t *b, const char *s, size_t cols)
{
    size_t n = strlen(s);

    while (n < cols) {
        if (cg_buf__putc(b, ' '))
            return -1;
        n++;
    }
    return cg_buf__puts(b, s);
}

static cg_error_t flush(cg_buf_t *b, FILE *fp, cg_errinfo_t *err)
{
    if (b->len && fwrite(b->data, 1, b->len, fp) != b->len)
        return cg_errinfo_set(err, CG_EIO, NULL, 0, "writing the report failed");
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    return ferror(fp) ? cg_errinfo_set(err, CG_EIO, NULL, 0, "writing the report failed") : CG_OK;
}

/* ---- ranked table --------------------------------------------------------------- */

/** A table of ranked rows: rank, score, kind, label, id. */
static int ranked_text(cg_buf_t *b, const cg_graph_t *g, const size_t *rows, size_t n,
                       cg_measure_t by, const char *indent)
{
    size_t i, wrank = 4, wscore = strlen(cg_measure_name(by)), wkind = 4;
    char num[64];
    int rc = 0;

    for (i = 0; i < n; i++) {
        const cg_node_t *nd = cg_graph_node(g, rows[i]);
        size_t l;

        snprintf(num, sizeof num, "%zu", i + 1);
        if ((l = strlen(num)) > wrank)
            wrank = l;
        if ((l = strlen(score_text(num, sizeof num, nd, by, 6))) > wscore)
            wscore = l;
        if ((l = strlen(cg_node_kind_name(nd->kind))) > wkind)
            wkind = l;
    }
    rc |= cg_buf__puts(b, indent);
    rc |= right(b, "rank", wrank);
    rc |= cg_buf__puts(b, "  ");
    rc |= right(b, cg_measure_name(by), wscore);
    rc |= cg_buf__puts(b, "  ");
    rc |= text_cell(b, "kind", wkind, 1);
    rc |= cg_buf__puts(b, "  ");
    rc |= text_cell(b, "label", CG_LABEL_COLS, 1);
    rc |= cg_buf__puts(b, "  id\n");
    for (i = 0; i < n && !rc; i++) {
        const cg_node_t *nd = cg_graph_node(g, rows[i]);

        snprintf(num, sizeof num, "%zu", i + 1);
        rc |= cg_buf__puts(b, indent);
        rc |= right(b, num, wrank);
        rc |= cg_buf__puts(b, "  ");
        rc |= right(b, score_text(num, sizeof num, nd, by, 6), wscore);
        rc |= cg_buf__puts(b, "  ");
        rc |= text_cell(b, cg_node_kind_name(nd->kind), wkind, 1);
        rc |= cg_buf__puts(b, "  ");
        rc |= text_cell(b, nd->label, CG_LABEL_COLS, 1);
        rc |= cg_buf__puts(b, "  ");
        rc |= text_cell(b, nd->id, (size_t)-1 / 4, 0);
        rc |= cg_buf__putc(b, '\n');
    }
    return rc ? -1 : 0;
}

/** One ranked row as a JSON object. */
static json_t *ranked_json(const cg_graph_t *g, size_t idx, size_t rank, cg_measure_t by)
{
    const cg_node_t *n = cg_graph_node(g, idx);
    json_t *o = json_object();

    if (!o || json_object_set_new(o, "rank", json_integer((json_int_t)rank)) ||
        json_object_set_new(o, "score", cg_export__json_number(cg_node_score(n, by))) ||
        json_object_set_new(o, "kind", json_string(cg_node_kind_name(n->kind))) ||
        json_object_set_new(o, "label", cg_export__json_string(n->label)) ||
        json_object_set_new(o, "id", cg_export__json_string(n->id)) ||
        (n->cluster >= 0 && json_object_set_new(o, "cluster", json_integer(n->cluster)))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

cg_error_t cg_report(const cg_graph_t *g, const cg_report_options_t *opts, FILE *fp,
                     cg_errinfo_t *err)
{
    cg_report_options_t defaults = CG_REPORT_OPTIONS_INIT;
    size_t *rows = NULL, nrows = 0, i, shown;
    cg_buf_t b = CG_BUF_INIT;
    json_t *root = NULL, *arr = NULL;
    const char *what;
    char num[64];
    cg_error_t rc = CG_ENOMEM;

    if (!g || !fp)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_report: no graph or no stream");
    if (!opts)
        opts = &defaults;
    if ((size_t)opts->by > CG_BY_AUTHORITY || opts->kind < -1 || opts->kind >= CG_NODE_KIND_COUNT)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_report: bad measure or kind");
    if ((rc = cg_export__rank(g, opts->by, opts->kind, NULL, &rows, &nrows)) != CG_OK)
        goto cleanup;
    shown = opts->top && opts->top < nrows ? opts->top : nrows;
    what = opts->kind < 0 ? "nodes" : kind_plurals[opts->kind];
    rc = CG_ENOMEM;
    switch (opts->style) {
    case CG_REPORT_TEXT:
        if (cg_buf__puts(&b, what) || cg_buf__puts(&b, " by ") ||
            cg_buf__puts(&b, cg_measure_name(opts->by)))
            goto cleanup;
        snprintf(num, sizeof num, shown < nrows ? " (top %zu of %zu)" : " (all %zu)",
                 shown < nrows ? shown : nrows, nrows);
        if (cg_buf__puts(&b, num) ||
            (!cg_graph_analysis(g)->analyzed &&
             cg_buf__puts(&b, " - the graph was not analysed: every score is 0")) ||
            cg_buf__putc(&b, '\n'))
            goto cleanup;
        if (ranked_text(&b, g, rows, shown, opts->by, ""))
            goto cleanup;
        break;
    case CG_REPORT_CSV: {
        const char *header[] = {"rank", "score", "kind", "label", "id"};

        if (csv_row(&b, header, 5))
            goto cleanup;
        for (i = 0; i < shown; i++) {
            const cg_node_t *n = cg_graph_node(g, rows[i]);
            char rank[32], score[64];
            const char *f[5];

            snprintf(rank, sizeof rank, "%zu", i + 1);
            f[0] = rank;
            f[1] = score_text(score, sizeof score, n, opts->by, 10);
            f[2] = cg_node_kind_name(n->kind);
            f[3] = n->label;
            f[4] = n->id;
            if (csv_row(&b, f, 5))
                goto cleanup;
            if (b.len > 65536 && (rc = flush(&b, fp, err)) != CG_OK)
                goto cleanup;
            rc = CG_ENOMEM;
        }
        break;
    }
    case CG_REPORT_JSON:
        root = json_object();
        arr = json_array();
        if (!root || !arr ||
            json_object_set_new(root, "measure", json_string(cg_measure_name(opts->by))) ||
            json_object_set_new(root, "kind",
                                json_string(opts->kind < 0
                                                ? "all"
                                                : cg_node_kind_name((cg_node_kind_t)opts->kind))) ||
            json_object_set_new(root, "analyzed", json_boolean(cg_graph_analysis(g)->analyzed)) ||
            json_object_set_new(root, "total", json_integer((json_int_t)nrows)))
            goto cleanup;
        for (i = 0; i < shown; i++)
            if (json_array_append_new(arr, ranked_json(g, rows[i], i + 1, opts->by)))
                goto cleanup;
        rc = json_object_set_new(root, "rows", arr) ? CG_ENOMEM : CG_OK;
        arr = NULL;
        if (rc != CG_OK)
            goto cleanup;
        if (json_dumpf(root, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) || fputc('\n', fp) < 0)
            rc = cg_errinfo_set(err, CG_EIO, NULL, 0, "writing the report failed");
        goto cleanup;
    default:
        rc = cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_report: unknown style");
        goto cleanup;
    }
    rc = flush(&b, fp, err);
cleanup:
    if (rc == CG_ENOMEM)
        cg_errinfo_set(err, rc, NULL, 0, "report: out of memory");
    json_decref(root);
    json_decref(arr);
    cg_buf__free(&b);
    free(rows);
    return rc;
}

/* ---- clusters ------------------------------------------------------------------- */

typedef struct {
    size_t size;
    size_t kinds[CG_NODE_KIND_COUNT];
    size_t *members; /**< node indices, by PageRank */
    size_t nmembers;
} cluster_info_t;

/** Gathers size, kind counts and the top @p members nodes of every community. */
static cg_error_t gather(const cg_graph_t *g, size_t members, cluster_info_t **out, long *count)
{
    long k, n = cg_export__cluster_count(g);
    size_t i, *rank = NULL, nrank = 0;
    cluster_info_t *c = NULL;
    cg_error_t rc = CG_ENOMEM;

    *out = NULL;
    *count = n;
    if (n <= 0)
        return CG_OK;
    if (!(c = calloc((size_t)n, sizeof *c)))
        goto cleanup;
    for (k = 0; k < n; k++)
        if (members && !(c[k].members = malloc(members * sizeof *c[k].members)))
            goto cleanup;
    if ((rc = cg_export__rank(g, CG_BY_PAGERANK, -1, NULL, &rank, &nrank)) != CG_OK)
        goto cleanup;
    for (i = 0; i < nrank; i++) {
        const cg_node_t *nd = cg_graph_node(g, rank[i]);

        if (nd->cluster < 0)
            continue;
        c[nd->cluster].size++;
        c[nd->cluster].kinds[(size_t)nd->kind < CG_NODE_KIND_COUNT ? nd->kind : 0]++;
        if (c[nd->cluster].nmembers < members)
            c[nd->cluster].members[c[nd->cluster].nmembers++] = rank[i];
    }
    *out = c;
    c = NULL;
    rc = CG_OK;
cleanup:
    if (c)
        for (k = 0; k < n; k++)
            free(c[k].members);
    free(c);
    free(rank);
    return rc;
}

static void free_clusters(cluster_info_t *c, long n)
{
    long k;

    if (!c)
        return;
    for (k = 0; k < n; k++)
        free(c[k].members);
    free(c);
}

static int clusters_text(cg_buf_t *b, const cg_graph_t *g, const cluster_info_t *c, long n)
{
    const cg_analysis_t *an = cg_graph_analysis(g);
    char line[256], mod[64];
    long k, shown = 0;
    int rc = 0;

    for (k = 0; k < n; k++)
        shown += c[k].size > 0;
    if (!shown)
        return cg_buf__puts(b, an->analyzed ? "no communities\n"
                                            : "no communities: the graph was not analysed\n");
    snprintf(line, sizeof line, "%ld communities", shown);
    rc |= cg_buf__puts(b, line);
    if (an->analyzed) {
        rc |= cg_buf__puts(b, " (");
        rc |= text_cell(b, an->method, 16, 0);
        snprintf(line, sizeof line, ", modularity %s)",
                 cg_export__fmt_double(mod, sizeof mod, an->modularity, 4));
        rc |= cg_buf__puts(b, line);
    }
    rc |= cg_buf__puts(b, "\n");
    for (k = 0; k < n && !rc; k++) {
        if (!c[k].size)
            continue;
        snprintf(line, sizeof line,
                 "\ncommunity %ld: %zu nodes (%zu claims, %zu speakers, %zu articles, %zu "
                 "outlets)\n",
                 k, c[k].size, c[k].kinds[CG_NODE_CLAIM], c[k].kinds[CG_NODE_SPEAKER],
                 c[k].kinds[CG_NODE_ARTICLE], c[k].kinds[CG_NODE_OUTLET]);
        rc |= cg_buf__puts(b, line);
        if (c[k].nmembers)
            rc |= ranked_text(b, g, c[k].members, c[k].nmembers, CG_BY_PAGERANK, "  ");
    }
    return rc ? -1 : 0;
}

static int clusters_csv(cg_buf_t *b, const cg_graph_t *g, const cluster_info_t *c, long n)
{
    const char *header[] = {"cluster",     "size",         "claims",      "speakers",
                            "articles",    "outlets",      "member_rank", "member_pagerank",
                            "member_kind", "member_label", "member_id"};
    char num[6][32], rank[32], score[64];
    const char *f[11];
    size_t j;
    long k;

    if (csv_row(b, header, 11))
        return -1;
    for (k = 0; k < n; k++) {
        if (!c[k].size)
            continue;
        snprintf(num[0], sizeof num[0], "%ld", k);
        snprintf(num[1], sizeof num[1], "%zu", c[k].size);
        for (j = 0; j < CG_NODE_KIND_COUNT; j++)
            snprintf(num[2 + j], sizeof num[2 + j], "%zu", c[k].kinds[j]);
        /* columns follow the header: claims, speakers, articles, outlets */
        for (j = 0; j < 6; j++)
            f[j] = num[j];
        for (j = 0; j == 0 || j < c[k].nmembers; j++) {
            if (j < c[k].nmembers) {
                const cg_node_t *nd = cg_graph_node(g, c[k].members[j]);

                snprintf(rank, sizeof rank, "%zu", j + 1);
                f[6] = rank;
                f[7] = score_text(score, sizeof score, nd, CG_BY_PAGERANK, 10);
                f[8] = cg_node_kind_name(nd->kind);
                f[9] = nd->label;
                f[10] = nd->id;
            } else {
                f[6] = f[7] = f[8] = f[9] = f[10] = "";
            }
            if (csv_row(b, f, 11))
                return -1;
        }
    }
    return 0;
}

static json_t *clusters_json(const cg_graph_t *g, const cluster_info_t *c, long n)
{
    const cg_analysis_t *an = cg_graph_analysis(g);
    json_t *root = json_object(), *arr = json_array();
    size_t j;
    long k;

    if (!root || !arr || json_object_set_new(root, "analyzed", json_boolean(an->analyzed)))
        goto fail;
    if (an->analyzed &&
        (json_object_set_new(root, "method", cg_export__json_string(an->method)) ||
         json_object_set_new(root, "modularity", cg_export__json_number(an->modularity))))
        goto fail;
    for (k = 0; k < n; k++) {
        json_t *o, *kinds, *mem;

        if (!c[k].size)
            continue;
        o = json_object();
        kinds = json_object();
        mem = json_array();
        if (json_array_append_new(arr, o) || !kinds || !mem ||
            json_object_set_new(o, "id", json_integer(k)) ||
            json_object_set_new(o, "size", json_integer((json_int_t)c[k].size))) {
            json_decref(kinds);
            json_decref(mem);
            goto fail;
        }
        for (j = 0; j < CG_NODE_KIND_COUNT; j++)
            if (json_object_set_new(kinds, cg_node_kind_name((cg_node_kind_t)j),
                                    json_integer((json_int_t)c[k].kinds[j]))) {
                json_decref(kinds);
                json_decref(mem);
                goto fail;
            }
        if (json_object_set_new(o, "kinds", kinds)) {
            json_decref(mem);
            goto fail;
        }
        for (j = 0; j < c[k].nmembers; j++)
            if (json_array_append_new(mem,
                                      ranked_json(g, c[k].members[j], j + 1, CG_BY_PAGERANK))) {
                json_decref(mem);
                goto fail;
            }
        if (json_object_set_new(o, "members", mem))
            goto fail;
    }
    if (json_object_set_new(root, "clusters", arr)) {
        json_decref(root);
        return NULL;
    }
    return root;
fail:
    json_decref(root);
    json_decref(arr);
    return NULL;
}

cg_error_t cg_report_clusters(const cg_graph_t *g, size_t members, cg_report_style_t style,
                              FILE *fp, cg_errinfo_t *err)
{
    cluster_info_t *c = NULL;
    long n = 0;
    cg_buf_t b = CG_BUF_INIT;
    json_t *root;
    cg_error_t rc;

    if (!g || !fp)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_report_clusters: no graph");
    if ((rc = gather(g, members, &c, &n)) != CG_OK)
        goto cleanup;
    rc = CG_ENOMEM;
    switch (style) {
    case CG_REPORT_TEXT:
        if (clusters_text(&b, g, c, n))
            goto cleanup;
        break;
    case CG_REPORT_CSV:
        if (clusters_csv(&b, g, c, n))
            goto cleanup;
        break;
    case CG_REPORT_JSON:
        if (!(root = clusters_json(g, c, n)))
            goto cleanup;
        rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) || fputc('\n', fp) < 0
                 ? cg_errinfo_set(err, CG_EIO, NULL, 0, "writing the report failed")
                 : CG_OK;
        json_decref(root);
        goto cleanup;
    default:
        rc = cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_report_clusters: unknown style");
        goto cleanup;
    }
    rc = flush(&b, fp, err);
cleanup:
    if (rc == CG_ENOMEM)
        cg_errinfo_set(err, rc, NULL, 0, "cluster report: out of memory");
    free_clusters(c, n);
    cg_buf__free(&b);
    return rc;
}

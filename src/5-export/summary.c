/*
 * The summary of a run, as text: what `claimgraph run` prints and saves as report.txt.
 * Counts of nodes per kind and edges per type; the top speakers by PageRank and by the
 * number of claims they assert; the communities with their sizes and main members
 * (speakers and outlets first); modularity. Every label is cleaned for terminals.
 */
#include <stdlib.h>
#include <string.h>

#include "5-export/export_internal.h"

/** Speakers shown in each top list; members named per community. */
#define CG_SUMMARY_TOP 10
#define CG_SUMMARY_MEMBERS 3
#define CG_SUMMARY_COMMUNITIES 20
#define CG_SUMMARY_LABEL_COLS 40

/* qsort without context: the counts for one call. */
static const cg_graph_t *sort_graph;
static const size_t *sort_counts;

static int by_count(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    if (sort_counts[x] != sort_counts[y])
        return sort_counts[x] > sort_counts[y] ? -1 : 1;
    return strcmp(cg_graph_node(sort_graph, x)->id, cg_graph_node(sort_graph, y)->id);
}

/** Appends @p s cleaned for a terminal. */
static int clean_put(cg_buf_t *b, const char *s)
{
    return cg_export__clean(b, s, CG_CLEAN_TEXT);
}

/** Appends "  RANK  SCORE  LABEL  id" with the label cleaned and fitted. */
static int line(cg_buf_t *b, size_t rank, const char *score, size_t wscore, const cg_node_t *n)
{
    char num[32];
    size_t len = strlen(score);
    char *label = cg_export__clean_dup(n->label, CG_CLEAN_TEXT);
    char *id = cg_export__clean_dup(n->id, CG_CLEAN_TEXT);
    int rc = !label || !id;

    snprintf(num, sizeof num, "  %3zu  ", rank);
    rc |= cg_buf__puts(b, num);
    while (!rc && len++ < wscore)
        rc |= cg_buf__putc(b, ' ');
    rc |= cg_buf__puts(b, score);
    rc |= cg_buf__puts(b, "  ");
    if (label)
        rc |= cg_export__fit(b, label, CG_SUMMARY_LABEL_COLS, 1);
    rc |= cg_buf__puts(b, "  ");
    if (id)
        rc |= cg_buf__puts(b, id);
    rc |= cg_buf__putc(b, '\n');
    free(label);
    free(id);
    return rc ? -1 : 0;
}

static int counts(cg_buf_t *b, const cg_graph_t *g)
{
    size_t nn = cg_graph_node_count(g), ne = cg_graph_edge_count(g), i;
    size_t kinds[CG_NODE_KIND_COUNT] = {0}, types[CG_EDGE_TYPE_COUNT] = {0};
    char s[128];
    int rc = 0;

    for (i = 0; i < nn; i++)
        kinds[(size_t)cg_graph_node(g, i)->kind % CG_NODE_KIND_COUNT]++;
    for (i = 0; i < ne; i++)
        types[(size_t)cg_graph_edge(g, i)->type % CG_EDGE_TYPE_COUNT]++;
    snprintf(s, sizeof s, "%zu nodes:", nn);
    rc |= cg_buf__puts(b, s);
    for (i = 0; i < CG_NODE_KIND_COUNT; i++) {
        snprintf(s, sizeof s, "%s %zu %s", i ? "," : "", kinds[i],
                 cg_node_kind_name((cg_node_kind_t)i));
        rc |= cg_buf__puts(b, s);
    }
    snprintf(s, sizeof s, "\n%zu edges:", ne);
    rc |= cg_buf__puts(b, s);
    for (i = 0; i < CG_EDGE_TYPE_COUNT; i++) {
        snprintf(s, sizeof s, "%s %zu %s", i ? "," : "", types[i],
                 cg_edge_type_name((cg_edge_type_t)i));
        rc |= cg_buf__puts(b, s);
    }
    rc |= cg_buf__putc(b, '\n');
    return rc ? -1 : 0;
}

static int top_by_pagerank(cg_buf_t *b, const cg_graph_t *g)
{
    size_t *rows = NULL, n = 0, i, w = 0, shown;
    char num[64];
    int rc = 0;

    if (!cg_graph_analysis(g)->analyzed)
        return 0;
    if (cg_export__rank(g, CG_BY_PAGERANK, CG_NODE_SPEAKER, NULL, &rows, &n) != CG_OK)
        return -1;
    shown = n < CG_SUMMARY_TOP ? n : CG_SUMMARY_TOP;
    rc |= cg_buf__puts(b, "\ntop speakers by pagerank\n");
    for (i = 0; i < shown; i++) {
        size_t l = strlen(
            cg_export__fmt_double(num, sizeof num, cg_graph_node(g, rows[i])->scores.pagerank, 4));
        w = l > w ? l : w;
    }
    for (i = 0; i < shown && !rc; i++) {
        const cg_node_t *nd = cg_graph_node(g, rows[i]);

        rc |= line(b, i + 1, cg_export__fmt_double(num, sizeof num, nd->scores.pagerank, 4), w, nd);
    }
    if (!shown)
        rc |= cg_buf__puts(b, "  (no speakers)\n");
    free(rows);
    return rc ? -1 : 0;
}

/** Speakers ranked by the number of claims they assert (asserts edges). */
static int top_by_claims(cg_buf_t *b, const cg_graph_t *g)
{
    size_t nn = cg_graph_node_count(g), ne = cg_graph_edge_count(g), i, n = 0, w = 1, shown;
    size_t *count = calloc(nn ? nn : 1, sizeof *count),
           *rows = malloc((nn ? nn : 1) * sizeof *rows);
    char num[32];
    int rc = 0;

    if (!count || !rows) {
        rc = -1;
        goto cleanup;
    }
    for (i = 0; i < ne; i++) {
        const cg_edge_t *e = cg_graph_edge(g, i);

        if (e->type == CG_EDGE_ASSERTS)
            count[e->source]++;
    }
    for (i = 0; i < nn; i++)
        if (cg_graph_node(g, i)->kind == CG_NODE_SPEAKER && count[i])
            rows[n++] = i;
    sort_graph = g;
    sort_counts = count;
    qsort(rows, n, sizeof *rows, by_count);
    shown = n < CG_SUMMARY_TOP ? n : CG_SUMMARY_TOP;
    rc |= cg_buf__puts(b, "\ntop speakers by claims asserted\n");
    for (i = 0; i < shown; i++) {
        size_t l = (size_t)snprintf(num, sizeof num, "%zu", count[rows[i]]);
        w = l > w ? l : w;
    }
    for (i = 0; i < shown && !rc; i++) {
        snprintf(num, sizeof num, "%zu", count[rows[i]]);
        rc |= line(b, i + 1, num, w, cg_graph_node(g, rows[i]));
    }
    if (!shown)
        rc |= cg_buf__puts(b, "  (no attributed claims)\n");
cleanup:
    free(count);
    free(rows);
    return rc ? -1 : 0;
}

static int communities(cg_buf_t *b, const cg_graph_t *g)
{
    const cg_analysis_t *an = cg_graph_analysis(g);
    long k, n = cg_export__cluster_count(g);
    size_t i, *rank = NULL, nrank = 0, *size = NULL, *named = NULL, pass;
    cg_buf_t *names = NULL;
    char s[160], mod[64], res[64];
    int rc = 0;

    if (!an->analyzed)
        return cg_buf__puts(b, "\ncommunities: not computed (the graph was not analysed)\n");
    snprintf(s, sizeof s, "\ncommunities: %ld (", n > 0 ? n : 0);
    rc |= cg_buf__puts(b, s);
    rc |= clean_put(b, an->method);
    snprintf(s, sizeof s, ", resolution %s, seed %lu), modularity %s\n",
             cg_export__fmt_double(res, sizeof res, an->resolution, 4), an->seed,
             cg_export__fmt_double(mod, sizeof mod, an->modularity, 4));
    rc |= cg_buf__puts(b, s);
    if (n <= 0 || rc)
        return rc ? -1 : 0;
    size = calloc((size_t)n, sizeof *size);
    named = calloc((size_t)n, sizeof *named);
    names = calloc((size_t)n, sizeof *names);
    if (!size || !named || !names ||
        cg_export__rank(g, CG_BY_PAGERANK, -1, NULL, &rank, &nrank) != CG_OK) {
        rc = -1;
        goto cleanup;
    }
    for (i = 0; i < nrank; i++)
        if (cg_graph_node(g, rank[i])->cluster >= 0)
            size[cg_graph_node(g, rank[i])->cluster]++;
    /* main members: speakers and outlets by PageRank, then anything else */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < nrank && !rc; i++) {
            const cg_node_t *nd = cg_graph_node(g, rank[i]);
            int who = nd->kind == CG_NODE_SPEAKER || nd->kind == CG_NODE_OUTLET;
            char *label;

            if (nd->cluster < 0 || named[nd->cluster] >= CG_SUMMARY_MEMBERS || (pass == 0) != who ||
                (pass == 1 && named[nd->cluster] > 0))
                continue;
            if (!(label = cg_export__clean_dup(nd->label, CG_CLEAN_TEXT))) {
                rc = -1;
                break;
            }
            rc |= named[nd->cluster] ? cg_buf__puts(&names[nd->cluster], "; ") : 0;
            rc |= cg_export__fit(&names[nd->cluster], label, 30, 0);
            named[nd->cluster]++;
            free(label);
        }
    }
    for (k = 0; k < n && k < CG_SUMMARY_COMMUNITIES && !rc; k++) {
        if (!size[k])
            continue;
        snprintf(s, sizeof s, "  community %ld: %zu nodes - ", k, size[k]);
        rc |= cg_buf__puts(b, s);
        rc |= cg_buf__puts(b, names[k].data ? names[k].data : "");
        rc |= cg_buf__putc(b, '\n');
    }
    if (n > CG_SUMMARY_COMMUNITIES) {
        snprintf(s, sizeof s, "  ... and %ld more (claimgraph clusters lists them all)\n",
                 n - CG_SUMMARY_COMMUNITIES);
        rc |= cg_buf__puts(b, s);
    }
cleanup:
    if (names)
        for (k = 0; k < n; k++)
            cg_buf__free(&names[k]);
    free(names);
    free(named);
    free(size);
    free(rank);
    return rc ? -1 : 0;
}

cg_error_t cg_report_summary(const cg_graph_t *g, FILE *fp, cg_errinfo_t *err)
{
    cg_buf_t b = CG_BUF_INIT;
    cg_error_t rc = CG_OK;

    if (!g || !fp)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_report_summary: no graph");
    if (counts(&b, g) || top_by_pagerank(&b, g) || top_by_claims(&b, g) || communities(&b, g)) {
        rc = cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "summary: out of memory");
        goto cleanup;
    }
    if (fwrite(b.data, 1, b.len, fp) != b.len || ferror(fp))
        rc = cg_errinfo_set(err, CG_EIO, NULL, 0, "writing the summary failed");
cleanup:
    cg_buf__free(&b);
    return rc;
}

/*
 * graph.json out (schema/graph.schema.json).
 *
 * The document's framing is written by hand and each node and edge is dumped on its
 * own line (json_dumpb, one fwrite each), so a graph of millions of nodes never becomes one giant
 * json_t. Keys come in a fixed order; reals are printed with 10 significant digits
 * (JSON_REAL_PRECISION), which also makes write -> read -> write byte-identical;
 * weights that are whole numbers are written as integers; NaN and infinities (which
 * JSON cannot hold) are written as 0.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "0-util/buf.h"
#include "3-graph/graph_internal.h"
#include "claimgraph/claims.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(10))

/** Adds @p val under @p key; remembers the first failure (NULL value) in @p bad. */
static void put(json_t *obj, const char *key, json_t *val, const char **bad)
{
    if (!val) {
        if (!*bad)
            *bad = key;
        return;
    }
    if (json_object_set_new(obj, key, val) && !*bad)
        *bad = key;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *real(double v)
{
    if (!isfinite(v) || v == 0.0)
        v = 0.0; /* also turns -0 into 0 */
    return json_real(v);
}

/** Whole numbers as integers (weights are counts), anything else as a real. */
static json_t *number(double v)
{
    if (isfinite(v) && v == floor(v) && fabs(v) < 9007199254740992.0)
        return json_integer((json_int_t)v);
    return real(v);
}

static json_t *span(cg_span_t s)
{
    return json_pack("[II]", (json_int_t)s.start, (json_int_t)s.end);
}

static json_t *evidence_json(const cg_evidence_t *e, const char **bad)
{
    json_t *o = json_object(), *spans = json_array();
    size_t i;

    if (!o || !spans) {
        json_decref(o);
        json_decref(spans);
        *bad = "evidence";
        return NULL;
    }
    put(o, "doc", json_string(e->doc ? e->doc : ""), bad);
    put(o, "type", json_string(cg_claim_type_name(e->type)), bad);
    for (i = 0; i < e->nspans; i++)
        if (json_array_append_new(spans, span(e->spans[i])) && !*bad)
            *bad = "spans";
    put(o, "spans", spans, bad);
    put(o, "cue", str_or_null(e->cue), bad);
    put(o, "cue_span", e->cue ? span(e->cue_span) : json_null(), bad);
    put(o, "mention", str_or_null(e->mention), bad);
    return o;
}

static json_t *node_json(const cg_node_t *n, const char **bad)
{
    json_t *o = json_object(), *arr, *scores;
    size_t i;

    if (!o)
        return NULL;
    put(o, "id", json_string(n->id), bad);
    put(o, "kind", json_string(cg_node_kind_name(n->kind)), bad);
    put(o, "label", json_string(n->label ? n->label : ""), bad);
    switch (n->kind) {
    case CG_NODE_SPEAKER:
        put(o, "speaker_kind", json_string(cg_speaker_kind_name(n->speaker_kind)), bad);
        arr = json_array();
        for (i = 0; arr && i < n->naliases; i++)
            if (json_array_append_new(arr, json_string(n->aliases[i])) && !*bad)
                *bad = "aliases";
        put(o, "aliases", arr, bad);
        break;
    case CG_NODE_CLAIM:
        put(o, "text", json_string(n->label ? n->label : ""), bad);
        put(o, "claim_type", json_string(cg_claim_type_name(n->claim_type)), bad);
        arr = json_array();
        for (i = 0; arr && i < n->nevidence; i++)
            if (json_array_append_new(arr, evidence_json(&n->evidence[i], bad)) && !*bad)
                *bad = "evidence";
        put(o, "evidence", arr, bad);
        break;
    case CG_NODE_ARTICLE:
        put(o, "doc", json_string(n->label ? n->label : ""), bad);
        put(o, "url", str_or_null(n->url), bad);
        put(o, "date", str_or_null(n->date), bad);
        put(o, "author", str_or_null(n->author), bad);
        break;
    case CG_NODE_OUTLET:
        put(o, "name", json_string(n->label ? n->label : ""), bad);
        break;
    }
    put(o, "cluster", json_integer(n->cluster), bad);
    scores = json_object();
    if (scores) {
        put(scores, "pagerank", real(n->scores.pagerank), bad);
        put(scores, "betweenness", real(n->scores.betweenness), bad);
        put(scores, "indegree", json_integer(n->scores.indegree), bad);
        put(scores, "outdegree", json_integer(n->scores.outdegree), bad);
        put(scores, "hub", real(n->scores.hub), bad);
        put(scores, "authority", real(n->scores.authority), bad);
    }
    put(o, "scores", scores, bad);
    return o;
}

static json_t *edge_json(const cg_graph_t *g, const cg_edge_t *e, const char **bad)
{
    json_t *o = json_object();

    if (!o)
        return NULL;
    put(o, "source", json_string(g->nodes[e->source].id), bad);
    put(o, "target", json_string(g->nodes[e->target].id), bad);
    put(o, "type", json_string(cg_edge_type_name(e->type)), bad);
    put(o, "weight", number(e->weight), bad);
    return o;
}

static json_t *analysis_json(const cg_analysis_t *a, const char **bad)
{
    json_t *o = json_object();

    if (!o)
        return NULL;
    put(o, "method", json_string(a->method), bad);
    put(o, "resolution", real(a->resolution), bad);
    put(o, "seed", json_integer((json_int_t)a->seed), bad);
    put(o, "modularity", real(a->modularity), bad);
    put(o, "clusters", json_integer(a->nclusters), bad);
    return o;
}

/** Encodes @p j into @p scratch (grown as needed) with json_dumpb. Returns the size, 0 on error. */
static size_t encode(json_t *j, cg_buf_t *scratch)
{
    size_t n = json_dumpb(j, scratch->data, scratch->cap, DUMP_FLAGS);

    if (n && n > scratch->cap) {
        if (cg_buf__grow(scratch, n))
            return 0;
        n = json_dumpb(j, scratch->data, scratch->cap, DUMP_FLAGS);
    }
    return n;
}

/**
 * Writes @p j (stolen) on its own line; NULL @p j or a @p bad field is an error. One
 * buffered fwrite per element: much faster than json_dumpf's write per token.
 */
static cg_error_t emit(FILE *fp, cg_buf_t *scratch, json_t *j, const char *bad, const char *what,
                       size_t index, const char *id, int comma, cg_errinfo_t *err)
{
    cg_error_t rc = CG_OK;
    size_t n;

    if (!j || bad) {
        json_decref(j);
        if (!bad)
            return cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "out of memory writing JSON");
        return cg_errinfo_set(err, CG_EINPUT, NULL, 0,
                              "%s[%zu] (%s): field \"%s\" cannot be encoded (not valid UTF-8?)",
                              what, index, id ? id : "?", bad);
    }
    n = encode(j, scratch);
    json_decref(j);
    if (!n)
        return cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "out of memory writing JSON");
    if (fputs("    ", fp) == EOF || fwrite(scratch->data, 1, n, fp) != n ||
        fputs(comma ? ",\n" : "\n", fp) == EOF)
        rc = cg_errinfo_set(err, CG_EIO, NULL, 0, "write error");
    return rc;
}

cg_error_t cg_graph_write_json(const cg_graph_t *g, FILE *fp, cg_errinfo_t *err)
{
    size_t i;
    cg_error_t rc = CG_OK;
    const char *bad = NULL;
    cg_buf_t scratch = CG_BUF_INIT;

    cg_errinfo_clear(err);
    if (!g || !fp)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_graph_write_json: bad arguments");
    fputs("{\n  \"format\": \"claimgraph-graph\",\n  \"version\": 1,\n  \"analysis\": ", fp);
    if (g->analysis.analyzed) {
        json_t *a = analysis_json(&g->analysis, &bad);

        if (!a || bad || json_dumpf(a, fp, DUMP_FLAGS)) {
            json_decref(a);
            return cg_errinfo_set(err, bad ? CG_EINPUT : CG_EIO, NULL, 0,
                                  "cannot write the analysis summary");
        }
        json_decref(a);
    } else {
        fputs("null", fp);
    }
    fputs(g->nnodes ? ",\n  \"nodes\": [\n" : ",\n  \"nodes\": [", fp);
    for (i = 0; i < g->nnodes; i++) {
        json_t *j;

        bad = NULL;
        j = node_json(&g->nodes[i], &bad);
        rc = emit(fp, &scratch, j, bad, "nodes", i, g->nodes[i].id, i + 1 < g->nnodes, err);
        if (rc)
            goto cleanup;
    }
    fputs(g->nnodes ? "  ],\n" : "],\n", fp);
    fputs(g->nedges ? "  \"edges\": [\n" : "  \"edges\": [", fp);
    for (i = 0; i < g->nedges; i++) {
        json_t *j;

        bad = NULL;
        j = edge_json(g, &g->edges[i], &bad);
        rc = emit(fp, &scratch, j, bad, "edges", i, NULL, i + 1 < g->nedges, err);
        if (rc)
            goto cleanup;
    }
    fputs(g->nedges ? "  ]\n}\n" : "]\n}\n", fp);
    if (ferror(fp))
        rc = cg_errinfo_set(err, CG_EIO, NULL, 0, "write error");

cleanup:
    cg_buf__free(&scratch);
    return rc;
}

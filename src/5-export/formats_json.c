/*
 * JSON for visualisers, written with Jansson in a fixed key order, one node or edge per
 * line (Jansson has no streaming encoder: we write the framing and dump one element at
 * a time, so memory stays one element beyond the graph).
 *
 * Cytoscape.js: {"elements":{"nodes":[{"data":{...}}],"edges":[{"data":{...}}]}}.
 * Communities are compound parent nodes "cluster:<k>" listed before the nodes, and a
 * node of community k has "parent":"cluster:<k>". Every edge end is a listed node.
 *
 * D3 / networkx node-link: {"directed":true,"multigraph":...,"graph":{...},
 * "nodes":[{"id":...}],"links":[{"source":id,"target":id,...}]}. "multigraph" is true
 * only when two edges join the same ordered pair (they then carry "key": their type),
 * as networkx.node_link_graph expects.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "5-export/export_internal.h"

json_t *cg_export__json_string(const char *s)
{
    char *clean = cg_export__clean_dup(s ? s : "", CG_CLEAN_JSON);
    json_t *j;

    if (!clean)
        return NULL;
    j = json_string(clean);
    free(clean);
    return j;
}

json_t *cg_export__json_number(double v)
{
    if (!isfinite(v))
        return json_null();
    if (v == floor(v) && fabs(v) < 9.0e15)
        return json_integer((json_int_t)v);
    return json_real(v);
}

cg_error_t cg_export__json_put(json_t *j, FILE *fp)
{
    int rc;

    if (!j)
        return CG_ENOMEM;
    rc = json_dumpf(j, fp, JSON_COMPACT | JSON_REAL_PRECISION(10));
    json_decref(j);
    return rc == 0 && !ferror(fp) ? CG_OK : CG_EIO;
}

/** obj[key] = value (stolen); returns -1 when value is NULL or on failure. */
static int put(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new(obj, key, value) == 0 ? 0 : -1;
}

/** {"data": @p d}, stealing @p d (NULL gives NULL). */
static json_t *wrap_data(json_t *d)
{
    json_t *o;

    if (!d)
        return NULL;
    if (!(o = json_object())) {
        json_decref(d);
        return NULL;
    }
    return json_object_set_new(o, "data", d) == 0 ? o : (json_decref(o), NULL);
}

/** Adds the fields every node-like record shares, after "id"/"label"/"kind". */
static int node_fields(json_t *o, const cg_node_t *n, int analyzed)
{
    size_t i;
    int rc = 0;

    switch (n->kind) {
    case CG_NODE_SPEAKER: {
        json_t *aliases = json_array();

        rc |= put(o, "speaker_kind", json_string(cg_speaker_kind_name(n->speaker_kind)));
        for (i = 0; aliases && i < n->naliases; i++)
            if (json_array_append_new(aliases, cg_export__json_string(n->aliases[i])))
                rc = -1;
        rc |= put(o, "aliases", aliases);
        break;
    }
    case CG_NODE_CLAIM:
        rc |= put(o, "claim_type", json_string(cg_claim_type_name(n->claim_type)));
        rc |= put(o, "evidence", json_integer((json_int_t)n->nevidence));
        break;
    case CG_NODE_ARTICLE:
        if (n->url)
            rc |= put(o, "url", cg_export__json_string(n->url));
        if (n->date)
            rc |= put(o, "date", cg_export__json_string(n->date));
        if (n->author)
            rc |= put(o, "author", cg_export__json_string(n->author));
        break;
    case CG_NODE_OUTLET:
        break;
    }
    if (n->cluster >= 0)
        rc |= put(o, "cluster", json_integer(n->cluster));
    if (analyzed) {
        rc |= put(o, "pagerank", cg_export__json_number(n->scores.pagerank));
        rc |= put(o, "betweenness", cg_export__json_number(n->scores.betweenness));
        rc |= put(o, "hub", cg_export__json_number(n->scores.hub));
        rc |= put(o, "authority", cg_export__json_number(n->scores.authority));
        rc |= put(o, "indegree", json_integer(n->scores.indegree));
        rc |= put(o, "outdegree", json_integer(n->scores.outdegree));
    }
    return rc ? -1 : 0;
}

/** Writes @p s and reports a write error. */
static cg_error_t raw(FILE *fp, const char *s)
{
    return fputs(s, fp) < 0 ? CG_EIO : CG_OK;
}

static cg_error_t fail(cg_error_t rc, const char *what, cg_errinfo_t *err)
{
    return cg_errinfo_set(err, rc, NULL, 0, "%s: %s", what,
                          rc == CG_EIO ? "write error" : cg_strerror(rc));
}

cg_error_t cg_export__cytoscape(const cg_graph_t *g, FILE *fp, cg_errinfo_t *err)
{
    size_t i, nn = cg_graph_node_count(g), ne = cg_graph_edge_count(g), *sizes = NULL;
    long k, nclusters = cg_export__cluster_count(g);
    int analyzed = cg_graph_analysis(g)->analyzed, first = 1;
    char buf[64];
    cg_error_t rc = CG_ENOMEM;

    if (nclusters > 0 && !(sizes = calloc((size_t)nclusters, sizeof *sizes)))
        goto cleanup;
    for (i = 0; i < nn; i++)
        if (cg_graph_node(g, i)->cluster >= 0)
            sizes[cg_graph_node(g, i)->cluster]++;
    if ((rc = raw(fp, "{\"elements\":{\"nodes\":[")) != CG_OK)
        goto cleanup;
    for (k = 0; k < nclusters; k++) {
        char label[64];
        json_t *d;

        if (!sizes[k])
            continue;
        rc = CG_ENOMEM;
        snprintf(buf, sizeof buf, "cluster:%ld", k);
        snprintf(label, sizeof label, "community %ld", k);
        d = json_object();
        if (!d || put(d, "id", json_string(buf)) || put(d, "label", json_string(label)) ||
            put(d, "kind", json_string("cluster")) || put(d, "cluster", json_integer(k)) ||
            put(d, "size", json_integer((json_int_t)sizes[k]))) {
            json_decref(d);
            goto cleanup;
        }
        if ((rc = raw(fp, first ? "\n" : ",\n")) != CG_OK ||
            (rc = cg_export__json_put(wrap_data(d), fp)) != CG_OK)
            goto cleanup;
        first = 0;
    }
    for (i = 0; i < nn; i++) {
        const cg_node_t *n = cg_graph_node(g, i);
        json_t *d = json_object();

        rc = CG_ENOMEM;
        snprintf(buf, sizeof buf, "cluster:%ld", n->cluster);
        if (!d || put(d, "id", cg_export__json_string(n->id)) ||
            put(d, "label", cg_export__json_string(n->label)) ||
            put(d, "kind", json_string(cg_node_kind_name(n->kind))) ||
            (n->cluster >= 0 && put(d, "parent", json_string(buf))) ||
            node_fields(d, n, analyzed)) {
            json_decref(d);
            goto cleanup;
        }
        if ((rc = raw(fp, first ? "\n" : ",\n")) != CG_OK ||
            (rc = cg_export__json_put(wrap_data(d), fp)) != CG_OK)
            goto cleanup;
        first = 0;
    }
    if ((rc = raw(fp, "\n],\"edges\":[")) != CG_OK)
        goto cleanup;
    for (i = 0; i < ne; i++) {
        const cg_edge_t *e = cg_graph_edge(g, i);
        const char *src = cg_graph_node(g, e->source)->id, *dst = cg_graph_node(g, e->target)->id;
        const char *type = cg_edge_type_name(e->type);
        json_t *d = json_object();
        cg_buf_t id = CG_BUF_INIT;

        rc = CG_ENOMEM;
        if (cg_buf__puts(&id, src) || cg_buf__puts(&id, " ") || cg_buf__puts(&id, type) ||
            cg_buf__puts(&id, " ") || cg_buf__puts(&id, dst) || !d ||
            put(d, "id", cg_export__json_string(id.data)) ||
            put(d, "source", cg_export__json_string(src)) ||
            put(d, "target", cg_export__json_string(dst)) || put(d, "type", json_string(type)) ||
            put(d, "weight", cg_export__json_number(e->weight))) {
            json_decref(d);
            cg_buf__free(&id);
            goto cleanup;
        }
        cg_buf__free(&id);
        if ((rc = raw(fp, i ? ",\n" : "\n")) != CG_OK ||
            (rc = cg_export__json_put(wrap_data(d), fp)) != CG_OK)
            goto cleanup;
    }
    rc = raw(fp, "\n]}}\n");
cleanup:
    free(sizes);
    return rc == CG_OK ? CG_OK : fail(rc, "Cytoscape.js export", err);
}

cg_error_t cg_export__nodelink(const cg_graph_t *g, FILE *fp, cg_errinfo_t *err)
{
    size_t i, nn = cg_graph_node_count(g), ne = cg_graph_edge_count(g);
    const cg_analysis_t *an = cg_graph_analysis(g);
    int multigraph = 0;
    json_t *head = NULL;
    char *text = NULL;
    cg_error_t rc = CG_ENOMEM;

    for (i = 1; i < ne; i++) {
        const cg_edge_t *a = cg_graph_edge(g, i - 1), *b = cg_graph_edge(g, i);

        if (a->source == b->source && a->target == b->target)
            multigraph = 1;
    }
    {
        json_t *graph = json_object();

        head = json_object();
        if (!head || !graph || put(head, "directed", json_true()) ||
            put(head, "multigraph", json_boolean(multigraph)) ||
            put(graph, "name", json_string("claimgraph")) ||
            put(graph, "analyzed", json_boolean(an->analyzed))) {
            json_decref(graph);
            goto cleanup;
        }
        if (an->analyzed && (put(graph, "method", cg_export__json_string(an->method)) ||
                             put(graph, "resolution", cg_export__json_number(an->resolution)) ||
                             put(graph, "seed", json_integer((json_int_t)an->seed)) ||
                             put(graph, "modularity", cg_export__json_number(an->modularity)) ||
                             put(graph, "clusters", json_integer(an->nclusters)))) {
            json_decref(graph);
            goto cleanup;
        }
        if (put(head, "graph", graph))
            goto cleanup;
    }
    /* the head object without its closing brace, then the arrays */
    if (!(text = json_dumps(head, JSON_COMPACT | JSON_REAL_PRECISION(10))))
        goto cleanup;
    text[strlen(text) - 1] = '\0';
    if ((rc = raw(fp, text)) != CG_OK || (rc = raw(fp, ",\"nodes\":[")) != CG_OK)
        goto cleanup;
    for (i = 0; i < nn; i++) {
        const cg_node_t *n = cg_graph_node(g, i);
        json_t *o = json_object();

        rc = CG_ENOMEM;
        if (!o || put(o, "id", cg_export__json_string(n->id)) ||
            put(o, "label", cg_export__json_string(n->label)) ||
            put(o, "kind", json_string(cg_node_kind_name(n->kind))) ||
            node_fields(o, n, an->analyzed)) {
            json_decref(o);
            goto cleanup;
        }
        if ((rc = raw(fp, i ? ",\n" : "\n")) != CG_OK || (rc = cg_export__json_put(o, fp)))
            goto cleanup;
    }
    if ((rc = raw(fp, "\n],\"links\":[")) != CG_OK)
        goto cleanup;
    for (i = 0; i < ne; i++) {
        const cg_edge_t *e = cg_graph_edge(g, i);
        json_t *o = json_object();

        rc = CG_ENOMEM;
        if (!o || put(o, "source", cg_export__json_string(cg_graph_node(g, e->source)->id)) ||
            put(o, "target", cg_export__json_string(cg_graph_node(g, e->target)->id)) ||
            put(o, "type", json_string(cg_edge_type_name(e->type))) ||
            put(o, "weight", cg_export__json_number(e->weight)) ||
            (multigraph && put(o, "key", json_string(cg_edge_type_name(e->type))))) {
            json_decref(o);
            goto cleanup;
        }
        if ((rc = raw(fp, i ? ",\n" : "\n")) != CG_OK || (rc = cg_export__json_put(o, fp)))
            goto cleanup;
    }
    rc = raw(fp, "\n]}\n");
cleanup:
    json_decref(head);
    free(text);
    return rc == CG_OK ? CG_OK : fail(rc, "node-link export", err);
}

/*
 * graph.json in. The input is treated as hostile: every value is type-checked, unknown
 * keys are refused, and every error names the file and either the line and column (JSON
 * syntax, from Jansson, which also refuses duplicate keys and nesting deeper than 2048
 * levels) or the JSON path of the bad value ("nodes[3].kind"). Dangling edge ends,
 * duplicate node ids and duplicate edges are CG_EINPUT errors.
 *
 * Optional on input (with defaults), though always written: label when the kind's own
 * text field is present (text/doc/name, which must then equal label), speaker_kind
 * ("unknown"), aliases, claim_type ("direct"), evidence, url/date/author, cluster (-1),
 * scores (zeros), an edge's weight (1), "edges" and "analysis".
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "0-util/buf.h"
#include "3-graph/graph_internal.h"
#include "claimgraph/claims.h"

typedef struct {
    const char *file;
    cg_errinfo_t *err;
} reader_t;

/** A CG_EINPUT error whose message starts with the JSON path @p where. */
static cg_error_t fail(reader_t *r, const char *where, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static cg_error_t fail(reader_t *r, const char *where, const char *fmt, ...)
{
    char msg[400];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cg_errinfo_set(r->err, CG_EINPUT, r->file, 0, "%s: %s", where, msg);
}

static cg_error_t oom(reader_t *r)
{
    return cg_errinfo_set(r->err, CG_ENOMEM, r->file, 0, "out of memory reading the graph");
}

static const char *type_name(const json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
        return "an integer";
    case JSON_REAL:
        return "a real number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        return "null";
    }
    return "a value";
}

/** Refuses keys of @p obj that are not in the NULL-terminated @p allowed list. */
static cg_error_t check_keys(reader_t *r, json_t *obj, const char *where,
                             const char *const *allowed)
{
    const char *key;
    json_t *value;
    size_t i;

    json_object_foreach(obj, key, value)
    {
        for (i = 0; allowed[i] && strcmp(allowed[i], key) != 0; i++)
            ;
        if (!allowed[i])
            return fail(r, where, "unknown key \"%.80s\"", key);
    }
    return CG_OK;
}

/* ---- typed getters: absent member = NULL/default; errors name "<where>.<key>" ------- */

/** "<where>.<key>" (or "<key>" at the root) into @p buf. */
static const char *join(char *buf, size_t size, const char *where, const char *key)
{
    if (strcmp(where, "(root)") == 0)
        snprintf(buf, size, "%s", key);
    else
        snprintf(buf, size, "%s.%s", where, key);
    return buf;
}

static cg_error_t get_string(reader_t *r, json_t *obj, const char *where, const char *key,
                             int required, int nullable, const char **out)
{
    json_t *v = json_object_get(obj, key);
    char path[320];

    *out = NULL;
    if (!v || (nullable && json_is_null(v))) {
        if (!v && required)
            return fail(r, join(path, sizeof path, where, key), "missing");
        return CG_OK;
    }
    if (!json_is_string(v))
        return fail(r, join(path, sizeof path, where, key), "must be a string%s, not %s",
                    nullable ? " or null" : "", type_name(v));
    *out = json_string_value(v);
    return CG_OK;
}

static cg_error_t get_number(reader_t *r, json_t *obj, const char *where, const char *key,
                             int required, double *out)
{
    json_t *v = json_object_get(obj, key);
    char path[320];

    if (!v)
        return required ? fail(r, join(path, sizeof path, where, key), "missing") : CG_OK;
    if (!json_is_number(v))
        return fail(r, join(path, sizeof path, where, key), "must be a number, not %s",
                    type_name(v));
    *out = json_number_value(v);
    if (!isfinite(*out))
        return fail(r, join(path, sizeof path, where, key), "must be finite");
    return CG_OK;
}

static cg_error_t get_integer(reader_t *r, json_t *obj, const char *where, const char *key,
                              int required, json_int_t min, json_int_t max, json_int_t *out)
{
    json_t *v = json_object_get(obj, key);
    char path[320];

    if (!v)
        return required ? fail(r, join(path, sizeof path, where, key), "missing") : CG_OK;
    if (!json_is_integer(v))
        return fail(r, join(path, sizeof path, where, key), "must be an integer, not %s",
                    type_name(v));
    *out = json_integer_value(v);
    if (*out < min || *out > max)
        return fail(r, join(path, sizeof path, where, key), "%lld is out of range",
                    (long long)*out);
    return CG_OK;
}

/** An enum-valued string member, parsed with @p parse; @p def when absent. */
static cg_error_t get_enum(reader_t *r, json_t *obj, const char *where, const char *key,
                           int required, int (*parse)(const char *), int def, int *out)
{
    const char *s;
    char path[320];
    cg_error_t rc = get_string(r, obj, where, key, required, 0, &s);

    if (rc)
        return rc;
    *out = def;
    if (!s)
        return CG_OK;
    *out = parse(s);
    if (*out < 0)
        return fail(r, join(path, sizeof path, where, key), "unknown value \"%.80s\"", s);
    return CG_OK;
}

static cg_error_t dup_string(reader_t *r, const char *s, char **out)
{
    *out = NULL;
    if (!s)
        return CG_OK;
    *out = cg__strdup(s);
    return *out ? CG_OK : oom(r);
}

static cg_error_t read_span(reader_t *r, json_t *v, const char *where, cg_span_t *out)
{
    json_t *a, *b;

    if (!json_is_array(v) || json_array_size(v) != 2)
        return fail(r, where, "a span must be an array of two integers");
    a = json_array_get(v, 0);
    b = json_array_get(v, 1);
    if (!json_is_integer(a) || !json_is_integer(b))
        return fail(r, where, "a span must be an array of two integers");
    if (json_integer_value(a) < 0 || json_integer_value(b) < json_integer_value(a))
        return fail(r, where, "a span needs 0 <= start <= end");
    out->start = (size_t)json_integer_value(a);
    out->end = (size_t)json_integer_value(b);
    return CG_OK;
}

/* ---- nodes ------------------------------------------------------------------------ */

static const char *const evidence_keys[] = {"doc",      "type",    "spans", "cue",
                                            "cue_span", "mention", NULL};

static cg_error_t read_evidence(reader_t *r, json_t *j, const char *where, cg_evidence_t *e)
{
    char sub[256];
    const char *doc, *cue, *mention;
    json_t *spans, *cue_span;
    int type;
    size_t i;
    cg_error_t rc;

    if (!json_is_object(j))
        return fail(r, where, "evidence must be an object, not %s", type_name(j));
    if ((rc = check_keys(r, j, where, evidence_keys)) ||
        (rc = get_string(r, j, where, "doc", 1, 0, &doc)) ||
        (rc = get_enum(r, j, where, "type", 1, cg_claim_type_parse, 0, &type)) ||
        (rc = get_string(r, j, where, "cue", 0, 1, &cue)) ||
        (rc = get_string(r, j, where, "mention", 0, 1, &mention)))
        return rc;
    e->type = (cg_claim_type_t)type;
    if ((rc = dup_string(r, doc, &e->doc)) || (rc = dup_string(r, cue, &e->cue)) ||
        (rc = dup_string(r, mention, &e->mention)))
        return rc;
    spans = json_object_get(j, "spans");
    if (spans) {
        snprintf(sub, sizeof sub, "%s.spans", where);
        if (!json_is_array(spans))
            return fail(r, sub, "must be an array, not %s", type_name(spans));
        if (json_array_size(spans)) {
            e->spans = calloc(json_array_size(spans), sizeof *e->spans);
            if (!e->spans)
                return oom(r);
        }
        for (i = 0; i < json_array_size(spans); i++) {
            snprintf(sub, sizeof sub, "%s.spans[%zu]", where, i);
            if ((rc = read_span(r, json_array_get(spans, i), sub, &e->spans[i])))
                return rc;
            e->nspans = i + 1;
        }
    }
    cue_span = json_object_get(j, "cue_span");
    if (cue_span && !json_is_null(cue_span)) {
        snprintf(sub, sizeof sub, "%s.cue_span", where);
        if (!cue)
            return fail(r, sub, "given without a cue");
        if ((rc = read_span(r, cue_span, sub, &e->cue_span)))
            return rc;
    }
    return CG_OK;
}

static cg_error_t read_scores(reader_t *r, json_t *j, const char *where, cg_scores_t *s)
{
    static const char *const keys[] = {"pagerank", "betweenness", "indegree", "outdegree",
                                       "hub",      "authority",   NULL};
    json_int_t in = 0, out = 0;
    cg_error_t rc;

    if (!json_is_object(j))
        return fail(r, where, "scores must be an object, not %s", type_name(j));
    if ((rc = check_keys(r, j, where, keys)) ||
        (rc = get_number(r, j, where, "pagerank", 0, &s->pagerank)) ||
        (rc = get_number(r, j, where, "betweenness", 0, &s->betweenness)) ||
        (rc = get_integer(r, j, where, "indegree", 0, 0, LONG_MAX, &in)) ||
        (rc = get_integer(r, j, where, "outdegree", 0, 0, LONG_MAX, &out)) ||
        (rc = get_number(r, j, where, "hub", 0, &s->hub)) ||
        (rc = get_number(r, j, where, "authority", 0, &s->authority)))
        return rc;
    s->indegree = (long)in;
    s->outdegree = (long)out;
    return CG_OK;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static cg_error_t read_speaker(reader_t *r, json_t *j, const char *where, cg_node_t *n)
{
    static const char *const keys[] = {"id",      "kind",    "label",  "speaker_kind",
                                       "aliases", "cluster", "scores", NULL};
    char sub[256];
    json_t *aliases;
    int kind;
    size_t i;
    cg_error_t rc;

    if ((rc = check_keys(r, j, where, keys)) ||
        (rc = get_enum(r, j, where, "speaker_kind", 0, cg_speaker_kind_parse, CG_SPEAKER_UNKNOWN,
                       &kind)))
        return rc;
    n->speaker_kind = (cg_speaker_kind_t)kind;
    aliases = json_object_get(j, "aliases");
    if (!aliases)
        return CG_OK;
    snprintf(sub, sizeof sub, "%s.aliases", where);
    if (!json_is_array(aliases))
        return fail(r, sub, "must be an array, not %s", type_name(aliases));
    if (json_array_size(aliases)) {
        n->aliases = calloc(json_array_size(aliases), sizeof *n->aliases);
        if (!n->aliases)
            return oom(r);
    }
    for (i = 0; i < json_array_size(aliases); i++) {
        json_t *a = json_array_get(aliases, i);

        if (!json_is_string(a)) {
            snprintf(sub, sizeof sub, "%s.aliases[%zu]", where, i);
            return fail(r, sub, "must be a string, not %s", type_name(a));
        }
        if ((rc = dup_string(r, json_string_value(a), &n->aliases[i])))
            return rc;
        n->naliases = i + 1;
    }
    if (n->naliases > 1)
        qsort(n->aliases, n->naliases, sizeof *n->aliases, cmp_cstr);
    return CG_OK;
}

static cg_error_t read_claim(reader_t *r, json_t *j, const char *where, cg_node_t *n)
{
    static const char *const keys[] = {"id",       "kind",    "label",  "text", "claim_type",
                                       "evidence", "cluster", "scores", NULL};
    char sub[128];
    json_t *ev;
    int type;
    size_t i;
    cg_error_t rc;

    if ((rc = check_keys(r, j, where, keys)) ||
        (rc = get_enum(r, j, where, "claim_type", 0, cg_claim_type_parse, CG_CLAIM_DIRECT, &type)))
        return rc;
    n->claim_type = (cg_claim_type_t)type;
    ev = json_object_get(j, "evidence");
    if (!ev)
        return CG_OK;
    snprintf(sub, sizeof sub, "%s.evidence", where);
    if (!json_is_array(ev))
        return fail(r, sub, "must be an array, not %s", type_name(ev));
    if (json_array_size(ev)) {
        n->evidence = calloc(json_array_size(ev), sizeof *n->evidence);
        if (!n->evidence)
            return oom(r);
    }
    for (i = 0; i < json_array_size(ev); i++) {
        snprintf(sub, sizeof sub, "%s.evidence[%zu]", where, i);
        n->nevidence = i + 1;
        if ((rc = read_evidence(r, json_array_get(ev, i), sub, &n->evidence[i])))
            return rc;
    }
    return CG_OK;
}

static cg_error_t read_article(reader_t *r, json_t *j, const char *where, cg_node_t *n)
{
    static const char *const keys[] = {"id",   "kind",   "label",   "doc",    "url",
                                       "date", "author", "cluster", "scores", NULL};
    const char *url, *date, *author;
    cg_error_t rc;

    if ((rc = check_keys(r, j, where, keys)) || (rc = get_string(r, j, where, "url", 0, 1, &url)) ||
        (rc = get_string(r, j, where, "date", 0, 1, &date)) ||
        (rc = get_string(r, j, where, "author", 0, 1, &author)) ||
        (rc = dup_string(r, url, &n->url)) || (rc = dup_string(r, date, &n->date)) ||
        (rc = dup_string(r, author, &n->author)))
        return rc;
    return CG_OK;
}

static cg_error_t read_outlet(reader_t *r, json_t *j, const char *where, cg_node_t *n)
{
    static const char *const keys[] = {"id", "kind", "label", "name", "cluster", "scores", NULL};

    (void)n;
    return check_keys(r, j, where, keys);
}

/** The kind's own copy of the label ("text", "doc", "name"), or NULL for speakers. */
static const char *label_twin(cg_node_kind_t kind)
{
    switch (kind) {
    case CG_NODE_CLAIM:
        return "text";
    case CG_NODE_ARTICLE:
        return "doc";
    case CG_NODE_OUTLET:
        return "name";
    case CG_NODE_SPEAKER:
        break;
    }
    return NULL;
}

static cg_error_t read_node(reader_t *r, json_t *j, size_t index, cg_node_t *n)
{
    char where[64], sub[96];
    const char *id, *label, *twin_key, *twin = NULL;
    json_t *scores;
    json_int_t cluster = -1;
    int kind;
    cg_error_t rc;

    snprintf(where, sizeof where, "nodes[%zu]", index);
    if (!json_is_object(j))
        return fail(r, where, "a node must be an object, not %s", type_name(j));
    if ((rc = get_string(r, j, where, "id", 1, 0, &id)) ||
        (rc = get_enum(r, j, where, "kind", 1, cg_node_kind_parse, 0, &kind)))
        return rc;
    if (!id[0])
        return fail(r, join(sub, sizeof sub, where, "id"), "must not be empty");
    n->kind = (cg_node_kind_t)kind;
    twin_key = label_twin(n->kind);
    if ((rc = get_string(r, j, where, "label", !twin_key, 0, &label)))
        return rc;
    if (twin_key) {
        if ((rc = get_string(r, j, where, twin_key, 0, 0, &twin)))
            return rc;
        if (!label && !twin)
            return fail(r, join(sub, sizeof sub, where, "label"), "missing");
        if (label && twin && strcmp(label, twin) != 0)
            return fail(r, join(sub, sizeof sub, where, twin_key), "differs from \"label\"");
        if (!label)
            label = twin;
    }
    if ((rc = dup_string(r, id, &n->id)) || (rc = dup_string(r, label, &n->label)))
        return rc;
    switch (n->kind) {
    case CG_NODE_SPEAKER:
        rc = read_speaker(r, j, where, n);
        break;
    case CG_NODE_CLAIM:
        rc = read_claim(r, j, where, n);
        break;
    case CG_NODE_ARTICLE:
        rc = read_article(r, j, where, n);
        break;
    case CG_NODE_OUTLET:
        rc = read_outlet(r, j, where, n);
        break;
    }
    if (rc || (rc = get_integer(r, j, where, "cluster", 0, -1, LONG_MAX, &cluster)))
        return rc;
    n->cluster = (long)cluster;
    scores = json_object_get(j, "scores");
    if (scores) {
        snprintf(sub, sizeof sub, "%s.scores", where);
        if ((rc = read_scores(r, scores, sub, &n->scores)))
            return rc;
    }
    return CG_OK;
}

/* ---- edges, analysis, document ------------------------------------------------------ */

static cg_error_t read_edge(reader_t *r, json_t *j, size_t index, cg_graph_t *g)
{
    static const char *const keys[] = {"source", "target", "type", "weight", NULL};
    char where[64], sub[96];
    const char *source, *target;
    long s, t;
    int type;
    double weight = 1.0;
    cg_error_t rc;

    snprintf(where, sizeof where, "edges[%zu]", index);
    if (!json_is_object(j))
        return fail(r, where, "an edge must be an object, not %s", type_name(j));
    if ((rc = check_keys(r, j, where, keys)) ||
        (rc = get_string(r, j, where, "source", 1, 0, &source)) ||
        (rc = get_string(r, j, where, "target", 1, 0, &target)) ||
        (rc = get_enum(r, j, where, "type", 1, cg_edge_type_parse, 0, &type)) ||
        (rc = get_number(r, j, where, "weight", 0, &weight)))
        return rc;
    if (!(weight > 0))
        return fail(r, join(sub, sizeof sub, where, "weight"), "must be positive");
    s = cg_graph_find(g, source);
    if (s < 0)
        return fail(r, join(sub, sizeof sub, where, "source"),
                    "refers to an undefined node \"%.120s\"", source);
    t = cg_graph_find(g, target);
    if (t < 0)
        return fail(r, join(sub, sizeof sub, where, "target"),
                    "refers to an undefined node \"%.120s\"", target);
    if (cg_graph__push_edge(g, (size_t)s, (size_t)t, (cg_edge_type_t)type, weight))
        return oom(r);
    return CG_OK;
}

static cg_error_t read_analysis(reader_t *r, json_t *j, cg_analysis_t *a)
{
    static const char *const keys[] = {"method",     "resolution", "seed",
                                       "modularity", "clusters",   NULL};
    const char *method;
    json_int_t seed = 0, clusters = 0;
    cg_error_t rc;

    if (json_is_null(j))
        return CG_OK;
    if (!json_is_object(j))
        return fail(r, "analysis", "must be an object or null, not %s", type_name(j));
    if ((rc = check_keys(r, j, "analysis", keys)) ||
        (rc = get_string(r, j, "analysis", "method", 1, 0, &method)) ||
        (rc = get_number(r, j, "analysis", "resolution", 1, &a->resolution)) ||
        (rc = get_integer(r, j, "analysis", "seed", 1, 0, LLONG_MAX, &seed)) ||
        (rc = get_number(r, j, "analysis", "modularity", 1, &a->modularity)) ||
        (rc = get_integer(r, j, "analysis", "clusters", 1, 0, LONG_MAX, &clusters)))
        return rc;
    if (strcmp(method, "leiden") != 0 && strcmp(method, "louvain") != 0)
        return fail(r, "analysis.method", "unknown method \"%.80s\"", method);
    snprintf(a->method, sizeof a->method, "%s", method);
    a->seed = (unsigned long)seed;
    a->nclusters = (long)clusters;
    a->analyzed = 1;
    return CG_OK;
}

static cg_error_t read_document(reader_t *r, json_t *root, cg_graph_t *g)
{
    static const char *const keys[] = {"format", "version", "analysis", "nodes", "edges", NULL};
    const char *format;
    json_int_t version = 0;
    json_t *nodes, *edges, *analysis;
    size_t i;
    cg_error_t rc;

    if (!json_is_object(root))
        return fail(r, "(root)", "a graph must be a JSON object, not %s", type_name(root));
    if ((rc = check_keys(r, root, "(root)", keys)) ||
        (rc = get_string(r, root, "(root)", "format", 1, 0, &format)) ||
        (rc = get_integer(r, root, "(root)", "version", 1, LLONG_MIN, LLONG_MAX, &version)))
        return rc;
    if (strcmp(format, "claimgraph-graph") != 0)
        return fail(r, "format", "expected \"claimgraph-graph\", found \"%.80s\"", format);
    if (version != 1)
        return fail(r, "version", "unsupported version %lld (this reader knows 1)",
                    (long long)version);
    nodes = json_object_get(root, "nodes");
    if (!nodes)
        return fail(r, "nodes", "missing");
    if (!json_is_array(nodes))
        return fail(r, "nodes", "must be an array, not %s", type_name(nodes));
    for (i = 0; i < json_array_size(nodes); i++) {
        cg_node_t *n = cg_graph__push_node(g);

        if (!n)
            return oom(r);
        if ((rc = read_node(r, json_array_get(nodes, i), i, n)))
            return rc;
    }
    if ((rc = cg_graph__finish(g, CG_GRAPH__EDGES_REJECT, r->file, r->err)))
        return rc;
    edges = json_object_get(root, "edges");
    if (edges && !json_is_array(edges))
        return fail(r, "edges", "must be an array, not %s", type_name(edges));
    for (i = 0; edges && i < json_array_size(edges); i++)
        if ((rc = read_edge(r, json_array_get(edges, i), i, g)))
            return rc;
    if ((rc = cg_graph__finish(g, CG_GRAPH__EDGES_REJECT, r->file, r->err)))
        return rc;
    analysis = json_object_get(root, "analysis");
    if (analysis && (rc = read_analysis(r, analysis, &g->analysis)))
        return rc;
    return CG_OK;
}

cg_error_t cg_graph_read_json(cg_graph_t **out, const char *path, cg_errinfo_t *err)
{
    reader_t r;
    json_error_t jerr;
    json_t *root = NULL;
    cg_graph_t *g = NULL;
    cg_error_t rc = CG_OK;
    int is_stdin;

    cg_errinfo_clear(err);
    if (!out || !path)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_graph_read_json: bad arguments");
    *out = NULL;
    r.file = path;
    r.err = err;
    is_stdin = strcmp(path, "-") == 0;
    root = is_stdin ? json_loadf(stdin, JSON_REJECT_DUPLICATES, &jerr)
                    : json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        if (json_error_code(&jerr) == json_error_cannot_open_file) {
            rc = cg_errinfo_set(err, CG_EIO, path, 0, "%s", jerr.text);
        } else if (json_error_code(&jerr) == json_error_out_of_memory) {
            rc = oom(&r);
        } else {
            rc = cg_errinfo_set(err, CG_EINPUT, path, jerr.line > 0 ? (size_t)jerr.line : 0, "%s",
                                jerr.text);
            if (err) {
                err->column = jerr.column > 0 ? (size_t)jerr.column : 0;
                err->offset = jerr.position;
                err->has_offset = 1;
            }
        }
        goto cleanup;
    }
    g = cg_graph__new();
    if (!g) {
        rc = oom(&r);
        goto cleanup;
    }
    rc = read_document(&r, root, g);
    if (rc)
        goto cleanup;
    *out = g;
    g = NULL;

cleanup:
    json_decref(root);
    cg_graph_free(g);
    return rc;
}

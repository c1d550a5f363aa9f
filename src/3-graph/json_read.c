/*
 * graph.json in. The input is treated as hostile: every value is type-checked, unknown
 * keys are refused, and every error names the file and either the line and column (JSON
 * syntax) or the JSON path of the bad value ("nodes[3].kind", with the line where that
 * node or edge starts). Dangling edge ends, duplicate node ids, duplicate edges and
 * duplicate keys are CG_EINPUT errors.
 *
 * Big graphs: the document's framing (the top-level object and the "nodes" and "edges"
 * arrays) is scanned here, and Jansson decodes one node or edge at a time
 * (json_loadb with JSON_DISABLE_EOF_CHECK), so a graph of millions of nodes never
 * becomes one giant json_t (whose memory would be ten times the file's size). Jansson
 * still checks each value's syntax, refuses duplicate keys and stops at 2048 levels of
 * nesting; the framing scanner does not recurse. A regular file is mapped rather than
 * copied, and the pages already read are given back as the reading goes on; the nodes'
 * strings go into the graph's pool, and edge ends are found through a hash table.
 *
 * Optional on input (with defaults), though always written: label when the kind's own
 * text field is present (text/doc/name, which must then equal label), speaker_kind
 * ("unknown"), aliases, claim_type ("direct"), evidence, url/date/author, cluster (-1),
 * scores (zeros), an edge's weight (1), "edges" and "analysis".
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "0-util/buf.h"
#include "3-graph/graph_internal.h"
#include "claimgraph/claims.h"
#include "claimgraph/util.h"

typedef struct {
    const char *file;
    cg_errinfo_t *err;
    const char *buf; /**< the whole document */
    size_t len;
    size_t pos;  /**< scanning position */
    size_t elem; /**< offset of the node or edge being read ... */
    int in_elem; /**< ... when this is set */
    cg_graph__pool_t *pool; /**< the graph's: every string and array of its nodes */
    int mapped;             /**< buf is a read-only mapping of the file */
    size_t released;        /**< bytes of buf given back to the kernel (mapped only) */
    uint32_t *slots;        /**< node index + 1 by hash of the id (0 = empty) */
    size_t nslots;          /**< a power of two, or 0 before the nodes are read */
} reader_t;

/** 1-based line and column (in characters) of byte @p off. */
static void locate(const reader_t *r, size_t off, size_t *line, size_t *column)
{
    size_t i, l = 1, c = 1;

    for (i = 0; i < off && i < r->len; i++) {
        unsigned char ch = (unsigned char)r->buf[i];

        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *column = c;
}

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

    size_t line = 0, column = 0;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (r->in_elem)
        locate(r, r->elem, &line, &column);
    cg_errinfo_set(r->err, CG_EINPUT, r->file, line, "%s: %s", where, msg);
    if (r->err)
        r->err->column = column;
    return CG_EINPUT;
}

/** A syntax error at byte @p off. */
static cg_error_t syntax(reader_t *r, size_t off, const char *msg)
{
    size_t line, column;

    locate(r, off, &line, &column);
    cg_errinfo_set(r->err, CG_EINPUT, r->file, line, "%s", msg);
    if (r->err) {
        r->err->column = column;
        r->err->offset = off;
        r->err->has_offset = 1;
    }
    return CG_EINPUT;
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
    *out = cg_graph__pool_strndup(r->pool, s, strlen(s));
    return *out ? CG_OK : oom(r);
}

/** @p n zeroed elements of @p size bytes in the graph's pool, or NULL on ENOMEM. */
static void *pool_calloc(reader_t *r, size_t n, size_t size)
{
    void *p = n <= SIZE_MAX / size ? cg_graph__pool_alloc(r->pool, n * size, 16) : NULL;

    if (p)
        memset(p, 0, n * size);
    return p;
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
            e->spans = pool_calloc(r, json_array_size(spans), sizeof *e->spans);
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
        n->aliases = pool_calloc(r, json_array_size(aliases), sizeof *n->aliases);
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
        n->evidence = pool_calloc(r, json_array_size(ev), sizeof *n->evidence);
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

/*
 * Edge ends are looked up by id in a hash table built once the nodes are read: a binary
 * search over millions of ids costs some twenty string comparisons, each a cache miss.
 */
static cg_error_t index_nodes(reader_t *r, const cg_graph_t *g)
{
    size_t i, nslots = 16;

    if (g->nnodes >= UINT32_MAX)
        return oom(r);
    while (nslots < 2 * g->nnodes)
        nslots *= 2;
    free(r->slots);
    r->slots = calloc(nslots, sizeof *r->slots);
    r->nslots = r->slots ? nslots : 0;
    if (!r->slots)
        return oom(r);
    for (i = 0; i < g->nnodes; i++) {
        const char *id = g->nodes[i].id;
        size_t k = (size_t)cg_hash64(id, strlen(id)) & (nslots - 1);

        while (r->slots[k])
            k = (k + 1) & (nslots - 1);
        r->slots[k] = (uint32_t)i + 1;
    }
    return CG_OK;
}

/** The index of the node with @p id, or -1. */
static long find_node(const reader_t *r, const cg_graph_t *g, const char *id)
{
    size_t k;

    if (!r->nslots)
        return cg_graph_find(g, id);
    k = (size_t)cg_hash64(id, strlen(id)) & (r->nslots - 1);
    for (; r->slots[k]; k = (k + 1) & (r->nslots - 1))
        if (strcmp(g->nodes[r->slots[k] - 1].id, id) == 0)
            return (long)r->slots[k] - 1;
    return -1;
}

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
    s = find_node(r, g, source);
    if (s < 0)
        return fail(r, join(sub, sizeof sub, where, "source"),
                    "refers to an undefined node \"%.120s\"", source);
    t = find_node(r, g, target);
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

/* ---- the document's framing ---------------------------------------------------------- */

static void skip_ws(reader_t *r)
{
    while (r->pos < r->len && (r->buf[r->pos] == ' ' || r->buf[r->pos] == '\t' ||
                               r->buf[r->pos] == '\n' || r->buf[r->pos] == '\r'))
        r->pos++;
}

/** Decodes one JSON value at the scanning position (Jansson checks its syntax). */
static cg_error_t next_value(reader_t *r, json_t **out)
{
    json_error_t jerr;

    *out = json_loadb(r->buf + r->pos, r->len - r->pos,
                      JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &jerr);
    if (!*out) {
        if (json_error_code(&jerr) == json_error_out_of_memory)
            return oom(r);
        return syntax(r, r->pos + (jerr.position > 0 ? (size_t)jerr.position : 0), jerr.text);
    }
    r->pos += (size_t)jerr.position;
    return CG_OK;
}

/** Expects @p c (after whitespace) and steps over it. */
static cg_error_t expect(reader_t *r, char c, const char *msg)
{
    skip_ws(r);
    if (r->pos >= r->len || r->buf[r->pos] != c)
        return syntax(r, r->pos < r->len ? r->pos + 1 : r->pos, msg);
    r->pos++;
    return CG_OK;
}

/*
 * A mapped document's pages already read leave the resident set every RELEASE_STEP
 * bytes (a 3 GB graph.json would otherwise stay resident to the end); they are read
 * again from the file if an error message needs a line number.
 */
#define RELEASE_STEP ((size_t)64 << 20)

static void release_read(reader_t *r)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), upto;

    if (!r->mapped || r->pos - r->released < RELEASE_STEP)
        return;
    upto = r->pos & ~(page - 1);
    (void)madvise((void *)(uintptr_t)(r->buf + r->released), upto - r->released,
                  MADV_DONTNEED);
    r->released = upto;
}

typedef cg_error_t (*element_fn)(reader_t *r, json_t *j, size_t index, cg_graph_t *g);

static cg_error_t node_element(reader_t *r, json_t *j, size_t index, cg_graph_t *g)
{
    cg_node_t *n = cg_graph__push_node(g);

    return n ? read_node(r, j, index, n) : oom(r);
}

/** Reads the array at the scanning position element by element. */
static cg_error_t stream_array(reader_t *r, const char *name, element_fn fn, cg_graph_t *g)
{
    json_t *j;
    size_t index = 0;
    cg_error_t rc;

    skip_ws(r);
    if (r->pos < r->len && r->buf[r->pos] != '[') {
        if ((rc = next_value(r, &j)))
            return rc;
        rc = fail(r, name, "must be an array, not %s", type_name(j));
        json_decref(j);
        return rc;
    }
    if ((rc = expect(r, '[', "'[' expected")))
        return rc;
    skip_ws(r);
    if (r->pos < r->len && r->buf[r->pos] == ']') {
        r->pos++;
        return CG_OK;
    }
    for (;;) {
        skip_ws(r);
        r->elem = r->pos;
        if ((rc = next_value(r, &j)))
            return rc;
        r->in_elem = 1;
        rc = fn(r, j, index++, g);
        r->in_elem = 0;
        json_decref(j);
        release_read(r);
        if (rc)
            return rc;
        skip_ws(r);
        if (r->pos < r->len && r->buf[r->pos] == ',') {
            r->pos++;
            continue;
        }
        return expect(r, ']', "',' or ']' expected");
    }
}

/** Edges given before the nodes (hand-written files): read once the nodes are known. */
static cg_error_t deferred_edges(reader_t *r, json_t *edges, cg_graph_t *g)
{
    size_t i;
    cg_error_t rc;

    if (!json_is_array(edges))
        return fail(r, "edges", "must be an array, not %s", type_name(edges));
    for (i = 0; i < json_array_size(edges); i++)
        if ((rc = read_edge(r, json_array_get(edges, i), i, g)))
            return rc;
    return CG_OK;
}

/**
 * Clusters are numbered 0.. by size, so a number is below the node count, or below the
 * analysis' cluster count for a view cut from a bigger graph. Larger numbers are refused
 * (exports size their tables by them).
 */
static cg_error_t check_clusters(reader_t *r, const cg_graph_t *g)
{
    long limit = g->nnodes > (size_t)LONG_MAX ? LONG_MAX : (long)g->nnodes;
    size_t i;

    if (g->analysis.analyzed && g->analysis.nclusters > limit)
        limit = g->analysis.nclusters;
    for (i = 0; i < g->nnodes; i++)
        if (g->nodes[i].cluster >= limit)
            return fail(r, "nodes",
                        "node \"%.120s\" is in cluster %ld, but the graph has %zu "
                        "nodes and %ld clusters",
                        g->nodes[i].id, g->nodes[i].cluster, g->nnodes,
                        g->analysis.analyzed ? g->analysis.nclusters : 0L);
    return CG_OK;
}

enum { KEY_FORMAT, KEY_VERSION, KEY_ANALYSIS, KEY_NODES, KEY_EDGES, KEY_COUNT };

static cg_error_t read_document(reader_t *r, cg_graph_t *g)
{
    static const char *const keys[KEY_COUNT] = {"format", "version", "analysis", "nodes", "edges"};
    json_t *values[KEY_COUNT] = {NULL}, *key = NULL, *root;
    int seen[KEY_COUNT] = {0}, k;
    json_int_t version = 0;
    size_t key_at;
    char msg[160];
    cg_error_t rc = CG_OK;

    skip_ws(r);
    if (r->pos < r->len && r->buf[r->pos] != '{') {
        /* not an object: say what it is (or where its syntax breaks) */
        if ((rc = next_value(r, &root)))
            return rc;
        rc = fail(r, "(root)", "a graph must be a JSON object, not %s", type_name(root));
        json_decref(root);
        return rc;
    }
    if ((rc = expect(r, '{', "'{' expected: a graph is a JSON object")))
        return rc;
    skip_ws(r);
    if (r->pos < r->len && r->buf[r->pos] == '}')
        r->pos++;
    else {
        for (;;) {
            skip_ws(r);
            key_at = r->pos;
            if (r->pos >= r->len || r->buf[r->pos] != '"') {
                rc = syntax(r, r->pos + (r->pos < r->len), "string or '}' expected");
                goto cleanup;
            }
            if ((rc = next_value(r, &key)))
                goto cleanup;
            for (k = 0; k < KEY_COUNT && strcmp(keys[k], json_string_value(key)) != 0; k++)
                ;
            if (k == KEY_COUNT) {
                rc = fail(r, "(root)", "unknown key \"%.80s\"", json_string_value(key));
                goto cleanup;
            }
            if (seen[k]) {
                snprintf(msg, sizeof msg, "duplicate object key \"%s\"", keys[k]);
                rc = syntax(r, key_at + 1, msg);
                goto cleanup;
            }
            seen[k] = 1;
            json_decref(key);
            key = NULL;
            if ((rc = expect(r, ':', "':' expected")))
                goto cleanup;
            if (k == KEY_NODES) {
                if ((rc = stream_array(r, "nodes", node_element, g)) ||
                    (rc = cg_graph__finish(g, CG_GRAPH__EDGES_REJECT, r->file, r->err)) ||
                    (rc = index_nodes(r, g)))
                    goto cleanup;
            } else if (k == KEY_EDGES && seen[KEY_NODES]) {
                if ((rc = stream_array(r, "edges", read_edge, g)))
                    goto cleanup;
            } else if ((rc = next_value(r, &values[k]))) {
                goto cleanup;
            }
            skip_ws(r);
            if (r->pos < r->len && r->buf[r->pos] == ',') {
                r->pos++;
                continue;
            }
            if ((rc = expect(r, '}', "',' or '}' expected")))
                goto cleanup;
            break;
        }
    }
    skip_ws(r);
    if (r->pos < r->len) {
        rc = syntax(r, r->pos + 1, "end of file expected");
        goto cleanup;
    }

    if (!values[KEY_FORMAT]) {
        rc = fail(r, "format", "missing");
        goto cleanup;
    }
    if (!json_is_string(values[KEY_FORMAT]) ||
        strcmp(json_string_value(values[KEY_FORMAT]), "claimgraph-graph") != 0) {
        rc = fail(r, "format", "expected \"claimgraph-graph\"");
        goto cleanup;
    }
    if (!values[KEY_VERSION] || !json_is_integer(values[KEY_VERSION])) {
        rc = fail(r, "version", values[KEY_VERSION] ? "must be an integer" : "missing");
        goto cleanup;
    }
    version = json_integer_value(values[KEY_VERSION]);
    if (version != 1) {
        rc = fail(r, "version", "unsupported version %lld (this reader knows 1)",
                  (long long)version);
        goto cleanup;
    }
    if (!seen[KEY_NODES]) {
        rc = fail(r, "nodes", "missing");
        goto cleanup;
    }
    /* the nodes were read, so their index is built (edges given first wait for it) */
    if (values[KEY_EDGES] && (rc = deferred_edges(r, values[KEY_EDGES], g)))
        goto cleanup;
    if ((rc = cg_graph__finish(g, CG_GRAPH__EDGES_REJECT, r->file, r->err)))
        goto cleanup;
    if (values[KEY_ANALYSIS] && (rc = read_analysis(r, values[KEY_ANALYSIS], &g->analysis)))
        goto cleanup;
    rc = check_clusters(r, g);

cleanup:
    json_decref(key);
    for (k = 0; k < KEY_COUNT; k++)
        json_decref(values[k]);
    return rc;
}

/** Reads all of @p path ("-": stdin) into @p b. */
static cg_error_t slurp(const char *path, cg_buf_t *b, cg_errinfo_t *err)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char chunk[65536];
    struct stat st;
    size_t n;
    cg_error_t rc = CG_OK;

    if (!fp)
        return cg_errinfo_set(err, CG_EIO, path, 0, "cannot open: %s", strerror(errno));
    /* one allocation for a regular file (no copies while growing) */
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        cg_buf__grow(b, (size_t)st.st_size)) {
        rc = cg_errinfo_set(err, CG_ENOMEM, path, 0, "out of memory reading the file");
        goto cleanup;
    }
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (cg_buf__append(b, chunk, n)) {
            rc = cg_errinfo_set(err, CG_ENOMEM, path, 0, "out of memory reading the file");
            break;
        }
    }
    if (!rc && ferror(fp))
        rc = cg_errinfo_set(err, CG_EIO, path, 0, "read error: %s", strerror(errno));
cleanup:
    if (fp != stdin)
        fclose(fp);
    return rc;
}

/*
 * A regular file is mapped (read-only, private) rather than copied into memory; other
 * inputs ("-", pipes) are read whole. @p *map_len is set when @p b was not used.
 */
static cg_error_t open_document(const char *path, cg_buf_t *b, const char **data,
                                size_t *len, size_t *map_len, cg_errinfo_t *err)
{
    struct stat st;
    int fd;
    void *m;

    *map_len = 0;
    if (strcmp(path, "-") != 0 && (fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
            (uintmax_t)st.st_size <= SIZE_MAX) {
            m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
            if (m != MAP_FAILED) {
                close(fd);
                (void)madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL);
                *data = m;
                *len = *map_len = (size_t)st.st_size;
                return CG_OK;
            }
        }
        close(fd);
    }
    {
        cg_error_t rc = slurp(path, b, err);

        *data = b->data ? b->data : "";
        *len = b->len;
        return rc;
    }
}

cg_error_t cg_graph_read_json(cg_graph_t **out, const char *path, cg_errinfo_t *err)
{
    reader_t r;
    cg_buf_t b = CG_BUF_INIT;
    cg_graph_t *g = NULL;
    const char *data = "";
    size_t len = 0, map_len = 0;
    cg_error_t rc;

    cg_errinfo_clear(err);
    if (!out || !path)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_graph_read_json: bad arguments");
    *out = NULL;
    memset(&r, 0, sizeof r);
    rc = open_document(path, &b, &data, &len, &map_len, err);
    if (rc)
        goto cleanup;
    r.file = path;
    r.err = err;
    r.buf = data;
    r.len = len;
    r.mapped = map_len > 0;
    g = cg_graph__new();
    if (!g) {
        rc = oom(&r);
        goto cleanup;
    }
    g->pooled = 1; /* strings and arrays in the graph's pool: one free, no per-string malloc */
    r.pool = &g->pool;
    rc = read_document(&r, g);
    if (rc)
        goto cleanup;
    *out = g;
    g = NULL;

cleanup:
    if (map_len)
        munmap((void *)(uintptr_t)data, map_len);
    cg_buf__free(&b);
    free(r.slots);
    cg_graph_free(g);
    return rc;
}

/*
 * graph.json out (schema/graph.schema.json).
 *
 * Written by hand into a buffer that is flushed with one fwrite per 1 MiB, byte for byte
 * what Jansson's json_dumpb(JSON_COMPACT | JSON_REAL_PRECISION(10)) gave for one node or
 * edge per line: strings escape only '"', '\\' and control characters (\b \f \n \r \t,
 * else \u00XX in upper-case hex), UTF-8 stays as it is; integers as %lld; reals as %.10g
 * with ".0" added when that reads as an integer and the exponent without '+' or leading
 * zeros (which also makes write -> read -> write byte-identical); weights that are whole
 * numbers are written as integers; NaN and infinities (which JSON cannot hold) are
 * written as 0. A string that is not valid UTF-8 (which json_string refused) fails the
 * whole write, naming the node or edge and the field.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "0-util/cpus.h"
#include "0-util/jsonesc.h"
#include "0-util/u8check.h"
#include "3-graph/graph_internal.h"
#include "claimgraph/claims.h"

#define OUT_CHUNK ((size_t)1 << 20)

/* Nodes' strings lie all over memory: fetching the next ones while writing the current
   one keeps the writer from waiting on each cache miss. */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/** Starts fetching what node @p n will need. */
static void prefetch_node(const cg_node_t *n)
{
    PREFETCH(n->id);
    PREFETCH(n->label);
    if (n->kind == CG_NODE_CLAIM && n->nevidence) {
        PREFETCH(n->evidence[0].doc);
        PREFETCH(n->evidence[0].spans);
        PREFETCH(n->evidence[0].mention);
    }
}

typedef struct {
    FILE *fp;
    char *data;      /* pending output */
    size_t len, cap;
    size_t mark;     /* start of the element being encoded */
    const char *bad; /* first field that could not be encoded */
    int oom, io;
} wr_t;

/** Makes room for @p n more bytes; 0, or -1 (out of memory, remembered). */
static int wr_room(wr_t *w, size_t n)
{
    size_t cap;
    char *p;

    if (w->cap - w->len >= n)
        return 0;
    if (w->oom)
        return -1;
    cap = w->cap ? w->cap : OUT_CHUNK;
    while (cap - w->len < n)
        cap *= 2;
    p = realloc(w->data, cap);
    if (!p) {
        w->oom = 1;
        return -1;
    }
    w->data = p;
    w->cap = cap;
    return 0;
}

/** Appends @p n bytes. */
static void wr_lit(wr_t *w, const char *s, size_t n)
{
    if (wr_room(w, n))
        return;
    memcpy(w->data + w->len, s, n);
    w->len += n;
}

#define WR_LIT(w, s) wr_lit((w), (s), sizeof(s) - 1)

/** Writes out what is pending before the element being encoded. */
static void wr_flush(wr_t *w)
{
    if (w->mark && !w->io && fwrite(w->data, 1, w->mark, w->fp) != w->mark)
        w->io = 1;
    memmove(w->data, w->data + w->mark, w->len - w->mark);
    w->len -= w->mark;
    w->mark = 0;
}

/** Ends an element: it is kept, and the buffer flushed once it holds a chunk (when it
 *  writes to a file: a block's buffer keeps everything). */
static void wr_commit(wr_t *w)
{
    w->mark = w->len;
    if (w->fp && w->len >= OUT_CHUNK)
        wr_flush(w);
}

/** A JSON integer (json_integer: %lld). */
static void wr_int(wr_t *w, long long v)
{
    char tmp[24], *e = tmp + sizeof tmp, *q = e;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

    do {
        *--q = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--q = '-';
    wr_lit(w, q, (size_t)(e - q));
}

/** A JSON string; NULL or invalid UTF-8 marks field @p key bad (json_string gave NULL). */
static void wr_str(wr_t *w, const char *s, const char *key)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len;

    if (!s || cg__u8_check(u, len = strlen(s))) {
        if (!w->bad)
            w->bad = key;
        return;
    }
    if (wr_room(w, len + 2))
        return;
    w->data[w->len++] = '"';
    for (;;) {
        size_t n = cg__json_plain_run(u);
        char seq[6];

        if (wr_room(w, n + 1))
            return;
        memcpy(w->data + w->len, u, n);
        w->len += n;
        u += n;
        if (!*u)
            break;
        wr_lit(w, seq, cg__json_escape_byte(*u++, seq));
    }
    if (!wr_room(w, 1))
        w->data[w->len++] = '"';
}

/** A string, or null when @p s is NULL. */
static void wr_opt_str(wr_t *w, const char *s, const char *key)
{
    if (s)
        wr_str(w, s, key);
    else
        WR_LIT(w, "null");
}

/**
 * %.10g as Jansson then rewrote it (".0" when it reads as an integer, the exponent
 * without '+' or leading zeros), without printf: the value scaled to ten digits by a
 * power of ten (one rounding), used only when it is not within 1e-4 of a rounding tie,
 * so the digits are the correctly rounded ones printf gives. Returns the length, or 0
 * when printf must decide. @p v is finite and not 0.
 */
static size_t fast_g10(char *out, double v)
{
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    double a = fabs(v), sc, fl, fr;
    int e = (int)floor(log10(a)), k, i, nd, tries;
    unsigned long long m;
    char d[10], *o = out;

    for (tries = 0;; tries++) {
        k = 9 - e;
        if (k > 22 || k < -22 || tries > 2)
            return 0;
        sc = k >= 0 ? a * p10[k] : a / p10[-k];
        if (sc < 1e9)
            e--;
        else if (sc >= 1e10)
            e++;
        else
            break;
    }
    fl = floor(sc);
    fr = sc - fl;
    if (fabs(fr - 0.5) < 1e-4)
        return 0;
    m = (unsigned long long)fl + (fr > 0.5);
    if (m >= 10000000000ULL) {
        m /= 10;
        e++;
    }
    for (i = 9; i >= 0; i--) {
        d[i] = (char)('0' + m % 10);
        m /= 10;
    }
    for (nd = 10; nd > 1 && d[nd - 1] == '0'; nd--)
        ; /* significant digits once trailing zeros go */
    if (v < 0)
        *o++ = '-';
    if (e < -4 || e >= 10) {
        int x = e < 0 ? -e : e;
        char ex[4];
        int ne = 0;

        *o++ = d[0];
        if (nd > 1) {
            *o++ = '.';
            for (i = 1; i < nd; i++)
                *o++ = d[i];
        }
        *o++ = 'e';
        if (e < 0)
            *o++ = '-';
        do {
            ex[ne++] = (char)('0' + x % 10);
            x /= 10;
        } while (x);
        while (ne)
            *o++ = ex[--ne];
    } else if (e >= 0) {
        for (i = 0; i <= e; i++)
            *o++ = d[i];
        *o++ = '.';
        if (nd > e + 1)
            for (i = e + 1; i < nd; i++)
                *o++ = d[i];
        else
            *o++ = '0';
    } else {
        *o++ = '0';
        *o++ = '.';
        for (i = 0; i < -e - 1; i++)
            *o++ = '0';
        for (i = 0; i < nd; i++)
            *o++ = d[i];
    }
    return (size_t)(o - out);
}

/** A real as Jansson's jsonp_dtostr printed it with precision 10; NaN, inf and -0 as 0. */
static void wr_real(wr_t *w, double v)
{
    char buf[64], *start, *end;
    int n;
    size_t len;

    if (!isfinite(v) || v == 0.0) {
        WR_LIT(w, "0.0");
        return;
    }
    if ((len = fast_g10(buf, v))) {
        wr_lit(w, buf, len);
        return;
    }
    n = snprintf(buf, sizeof buf - 3, "%.10g", v);
    if (n < 0 || (size_t)n >= sizeof buf - 3) {
        WR_LIT(w, "0.0");
        return;
    }
    len = (size_t)n;
    if (!strchr(buf, '.') && !strchr(buf, 'e')) {
        buf[len++] = '.';
        buf[len++] = '0';
        buf[len] = '\0';
    }
    start = strchr(buf, 'e');
    if (start) {
        start++;
        end = start + 1;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, len - (size_t)(end - buf) + 1);
            len -= (size_t)(end - start);
        }
    }
    wr_lit(w, buf, len);
}

/** Whole numbers as integers (weights are counts), anything else as a real. */
static void wr_number(wr_t *w, double v)
{
    if (isfinite(v) && v == floor(v) && fabs(v) < 9007199254740992.0)
        wr_int(w, (long long)v);
    else
        wr_real(w, v);
}

static void wr_span(wr_t *w, cg_span_t s)
{
    WR_LIT(w, "[");
    wr_int(w, (long long)s.start);
    WR_LIT(w, ",");
    wr_int(w, (long long)s.end);
    WR_LIT(w, "]");
}

static void wr_evidence(wr_t *w, const cg_evidence_t *e)
{
    size_t i;

    WR_LIT(w, "{\"doc\":");
    wr_str(w, e->doc ? e->doc : "", "doc");
    WR_LIT(w, ",\"type\":\"");
    wr_lit(w, cg_claim_type_name(e->type), strlen(cg_claim_type_name(e->type)));
    WR_LIT(w, "\",\"spans\":[");
    for (i = 0; i < e->nspans; i++) {
        if (i)
            WR_LIT(w, ",");
        wr_span(w, e->spans[i]);
    }
    WR_LIT(w, "],\"cue\":");
    wr_opt_str(w, e->cue, "cue");
    WR_LIT(w, ",\"cue_span\":");
    if (e->cue)
        wr_span(w, e->cue_span);
    else
        WR_LIT(w, "null");
    WR_LIT(w, ",\"mention\":");
    wr_opt_str(w, e->mention, "mention");
    WR_LIT(w, "}");
}

/** Writes a name from a fixed table (never needs escaping) as a JSON string. */
static void wr_name(wr_t *w, const char *s)
{
    WR_LIT(w, "\"");
    wr_lit(w, s, strlen(s));
    WR_LIT(w, "\"");
}

static void wr_node(wr_t *w, const cg_node_t *n)
{
    size_t i;

    WR_LIT(w, "{\"id\":");
    wr_str(w, n->id, "id");
    WR_LIT(w, ",\"kind\":");
    wr_name(w, cg_node_kind_name(n->kind));
    WR_LIT(w, ",\"label\":");
    wr_str(w, n->label ? n->label : "", "label");
    switch (n->kind) {
    case CG_NODE_SPEAKER:
        WR_LIT(w, ",\"speaker_kind\":");
        wr_name(w, cg_speaker_kind_name(n->speaker_kind));
        WR_LIT(w, ",\"aliases\":[");
        for (i = 0; i < n->naliases; i++) {
            if (i)
                WR_LIT(w, ",");
            wr_str(w, n->aliases[i], "aliases");
        }
        WR_LIT(w, "]");
        break;
    case CG_NODE_CLAIM:
        WR_LIT(w, ",\"text\":");
        wr_str(w, n->label ? n->label : "", "text");
        WR_LIT(w, ",\"claim_type\":");
        wr_name(w, cg_claim_type_name(n->claim_type));
        WR_LIT(w, ",\"evidence\":[");
        for (i = 0; i < n->nevidence; i++) {
            if (i)
                WR_LIT(w, ",");
            wr_evidence(w, &n->evidence[i]);
        }
        WR_LIT(w, "]");
        break;
    case CG_NODE_ARTICLE:
        WR_LIT(w, ",\"doc\":");
        wr_str(w, n->label ? n->label : "", "doc");
        WR_LIT(w, ",\"url\":");
        wr_opt_str(w, n->url, "url");
        WR_LIT(w, ",\"date\":");
        wr_opt_str(w, n->date, "date");
        WR_LIT(w, ",\"author\":");
        wr_opt_str(w, n->author, "author");
        break;
    case CG_NODE_OUTLET:
        WR_LIT(w, ",\"name\":");
        wr_str(w, n->label ? n->label : "", "name");
        break;
    }
    WR_LIT(w, ",\"cluster\":");
    wr_int(w, n->cluster);
    WR_LIT(w, ",\"scores\":{\"pagerank\":");
    wr_real(w, n->scores.pagerank);
    WR_LIT(w, ",\"betweenness\":");
    wr_real(w, n->scores.betweenness);
    WR_LIT(w, ",\"indegree\":");
    wr_int(w, n->scores.indegree);
    WR_LIT(w, ",\"outdegree\":");
    wr_int(w, n->scores.outdegree);
    WR_LIT(w, ",\"hub\":");
    wr_real(w, n->scores.hub);
    WR_LIT(w, ",\"authority\":");
    wr_real(w, n->scores.authority);
    WR_LIT(w, "}}");
}

static void wr_edge(wr_t *w, const cg_graph_t *g, const cg_edge_t *e)
{
    WR_LIT(w, "{\"source\":");
    wr_str(w, g->nodes[e->source].id, "source");
    WR_LIT(w, ",\"target\":");
    wr_str(w, g->nodes[e->target].id, "target");
    WR_LIT(w, ",\"type\":");
    wr_name(w, cg_edge_type_name(e->type));
    WR_LIT(w, ",\"weight\":");
    wr_number(w, e->weight);
    WR_LIT(w, "}");
}

static void wr_analysis(wr_t *w, const cg_analysis_t *a)
{
    char method[sizeof a->method + 1];

    memcpy(method, a->method, sizeof a->method);
    method[sizeof a->method] = '\0';
    WR_LIT(w, "{\"method\":");
    wr_str(w, method, "method");
    WR_LIT(w, ",\"resolution\":");
    wr_real(w, a->resolution);
    WR_LIT(w, ",\"seed\":");
    wr_int(w, (long long)a->seed);
    WR_LIT(w, ",\"modularity\":");
    wr_real(w, a->modularity);
    WR_LIT(w, ",\"clusters\":");
    wr_int(w, a->nclusters);
    WR_LIT(w, "}");
}

/** The error for a failed element (bad field or out of memory), or CG_OK. */
static cg_error_t check(wr_t *w, const char *what, size_t index, const char *id,
                        cg_errinfo_t *err)
{
    if (w->bad)
        return cg_errinfo_set(err, CG_EINPUT, NULL, 0,
                              "%s[%zu] (%s): field \"%s\" cannot be encoded (not valid UTF-8?)",
                              what, index, id ? id : "?", w->bad);
    if (w->oom)
        return cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "out of memory writing JSON");
    return CG_OK;
}

/* ---- blocks of elements, formatted on several threads -------------------------- */

/*
 * The nodes and then the edges are cut into blocks of BLOCK elements. Threads (this one
 * and up to MAX_THREADS - 1 more) format blocks into their own buffers, at most WINDOW
 * blocks ahead of the one being written; this thread writes them in order. Each block is
 * formatted exactly as the sequential writer would, so the output is the same bytes.
 */
#define BLOCK 4096
#define WINDOW 8
#define MAX_THREADS 2

typedef struct {
    wr_t w;          /* its text; w.mark ends the last good element */
    size_t bad;      /* element that failed (its index in the whole sequence), or none */
    int ready;
} block_t;

typedef struct {
    const cg_graph_t *g;
    size_t nblocks, node_blocks; /* blocks in all; how many hold nodes */
    size_t next;                 /* next block to format */
    size_t written;              /* blocks written so far */
    block_t slots[WINDOW];       /* block b lives in slots[b % WINDOW] */
    int stop;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} pipe_t;

/** Node @p i, indented, with the separator that follows it. */
static void wr_node_line(wr_t *w, const cg_graph_t *g, size_t i)
{
    if (i + 16 < g->nnodes)
        PREFETCH(g->nodes[i + 16].evidence);
    if (i + 8 < g->nnodes)
        prefetch_node(&g->nodes[i + 8]);
    WR_LIT(w, "    ");
    wr_node(w, &g->nodes[i]);
    if (i + 1 < g->nnodes)
        WR_LIT(w, ",\n");
    else
        WR_LIT(w, "\n");
}

/** Edge @p i, indented, with the separator that follows it. */
static void wr_edge_line(wr_t *w, const cg_graph_t *g, size_t i)
{
    if (i + 32 < g->nedges) {
        PREFETCH(&g->nodes[g->edges[i + 32].source]);
        PREFETCH(&g->nodes[g->edges[i + 32].target]);
    }
    if (i + 16 < g->nedges) {
        PREFETCH(g->nodes[g->edges[i + 16].source].id);
        PREFETCH(g->nodes[g->edges[i + 16].target].id);
    }
    WR_LIT(w, "    ");
    wr_edge(w, g, &g->edges[i]);
    if (i + 1 < g->nedges)
        WR_LIT(w, ",\n");
    else
        WR_LIT(w, "\n");
}

/** Formats block @p b into @p k (emptied first); stops at the first element that fails. */
static void format_block(const pipe_t *p, size_t b, block_t *k)
{
    const cg_graph_t *g = p->g;
    int nodes = b < p->node_blocks;
    size_t first = (nodes ? b : b - p->node_blocks) * BLOCK;
    size_t end = first + BLOCK, i;

    if (end > (nodes ? g->nnodes : g->nedges))
        end = nodes ? g->nnodes : g->nedges;
    k->w.len = k->w.mark = 0;
    k->w.bad = NULL;
    k->w.oom = 0;
    k->bad = (size_t)-1;
    for (i = first; i < end; i++) {
        if (nodes)
            wr_node_line(&k->w, g, i);
        else
            wr_edge_line(&k->w, g, i);
        if (k->w.bad || k->w.oom) {
            k->bad = i;
            break;
        }
        wr_commit(&k->w);
    }
}

/** Formats blocks until there are none left or the writer stops. */
static void *format_loop(void *arg)
{
    pipe_t *p = arg;

    pthread_mutex_lock(&p->mu);
    for (;;) {
        size_t b;

        while (!p->stop && p->next < p->nblocks && p->next >= p->written + WINDOW)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->stop || p->next >= p->nblocks)
            break;
        b = p->next++;
        pthread_mutex_unlock(&p->mu);
        format_block(p, b, &p->slots[b % WINDOW]);
        pthread_mutex_lock(&p->mu);
        p->slots[b % WINDOW].ready = 1;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/** How many threads to format with: the CPUs this process may use, at most MAX_THREADS. */
static int format_threads(size_t nblocks)
{
    int n = cg_usable_cpus();

    if (nblocks < 4)
        return 1;
    return n > MAX_THREADS ? MAX_THREADS : n;
}

/**
 * Writes every block in order through @p w (whose pending text comes first), the
 * section break after the last node block. Formats blocks itself while the next one to
 * write is not ready. CG_OK, or the error of the first element that failed (the
 * elements before it are written).
 */
static cg_error_t write_blocks(pipe_t *p, wr_t *w, cg_errinfo_t *err)
{
    const cg_graph_t *g = p->g;
    cg_error_t rc = CG_OK;
    size_t b;

    for (b = 0; b < p->nblocks && !rc; b++) {
        block_t *k = &p->slots[b % WINDOW];

        pthread_mutex_lock(&p->mu);
        while (!k->ready) {
            if (p->next < p->nblocks && p->next < p->written + WINDOW) {
                size_t mine = p->next++;

                pthread_mutex_unlock(&p->mu);
                format_block(p, mine, &p->slots[mine % WINDOW]);
                pthread_mutex_lock(&p->mu);
                p->slots[mine % WINDOW].ready = 1;
                pthread_cond_broadcast(&p->cv);
            } else {
                pthread_cond_wait(&p->cv, &p->mu);
            }
        }
        pthread_mutex_unlock(&p->mu);

        wr_lit(w, k->w.data, k->w.mark);
        if (k->bad != (size_t)-1) {
            w->bad = k->w.bad;
            w->oom |= k->w.oom;
            wr_commit(w);
            if (b < p->node_blocks)
                rc = check(w, "nodes", k->bad, g->nodes[k->bad].id, err);
            else
                rc = check(w, "edges", k->bad, NULL, err);
            break;
        }
        if (b + 1 == p->node_blocks && g->nedges)
            WR_LIT(w, "  ],\n  \"edges\": [\n");
        else if (b + 1 == p->node_blocks)
            WR_LIT(w, "  ],\n  \"edges\": [");
        if ((rc = check(w, "graph", 0, NULL, err)))
            break;
        wr_commit(w);

        pthread_mutex_lock(&p->mu);
        k->ready = 0;
        p->written = b + 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return rc;
}

/** The nodes and edges of @p g through @p w, formatted on up to MAX_THREADS threads. */
static cg_error_t write_elements(const cg_graph_t *g, wr_t *w, cg_errinfo_t *err)
{
    pipe_t *p = calloc(1, sizeof *p);
    pthread_t tid[MAX_THREADS];
    int nthreads, started = 0, i;
    cg_error_t rc;

    if (!p)
        return cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "out of memory writing JSON");
    p->g = g;
    p->node_blocks = (g->nnodes + BLOCK - 1) / BLOCK;
    p->nblocks = p->node_blocks + (g->nedges + BLOCK - 1) / BLOCK;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    nthreads = format_threads(p->nblocks);
    for (i = 1; i < nthreads; i++)
        if (pthread_create(&tid[started], NULL, format_loop, p) == 0)
            started++; /* fewer threads only make it slower */
    rc = write_blocks(p, w, err);
    for (i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    for (i = 0; i < WINDOW; i++)
        free(p->slots[i].w.data);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    free(p);
    return rc;
}

cg_error_t cg_graph_write_json(const cg_graph_t *g, FILE *fp, cg_errinfo_t *err)
{
    cg_error_t rc = CG_OK;
    wr_t w;

    cg_errinfo_clear(err);
    if (!g || !fp)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_graph_write_json: bad arguments");
    memset(&w, 0, sizeof w);
    w.fp = fp;
    WR_LIT(&w, "{\n  \"format\": \"claimgraph-graph\",\n  \"version\": 1,\n  \"analysis\": ");
    if (g->analysis.analyzed) {
        wr_analysis(&w, &g->analysis);
        if (w.bad || w.oom) {
            rc = cg_errinfo_set(err, w.bad ? CG_EINPUT : CG_ENOMEM, NULL, 0,
                                "cannot write the analysis summary");
            goto cleanup;
        }
    } else {
        WR_LIT(&w, "null");
    }
    if (g->nnodes)
        WR_LIT(&w, ",\n  \"nodes\": [\n");
    else
        WR_LIT(&w, ",\n  \"nodes\": [],\n  \"edges\": [");
    if (!g->nnodes && g->nedges)
        WR_LIT(&w, "\n");
    wr_commit(&w);
    if ((rc = write_elements(g, &w, err)))
        goto cleanup;
    if (g->nedges)
        WR_LIT(&w, "  ]\n}\n");
    else
        WR_LIT(&w, "]\n}\n");
    if ((rc = check(&w, "graph", 0, NULL, err)))
        goto cleanup;
    wr_commit(&w);
    wr_flush(&w);
    if (w.io || ferror(fp))
        rc = cg_errinfo_set(err, CG_EIO, NULL, 0, "write error");

cleanup:
    if (rc && w.mark)
        wr_flush(&w); /* the elements before the bad one, as before */
    free(w.data);
    return rc;
}

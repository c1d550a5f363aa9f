/*
 * claimgraph — stage 3: the provenance graph.
 *
 * Nodes: claim, speaker, article, outlet. Edges (directed):
 *   speaker  --asserts-->      claim
 *   claim    --reported_in-->  article
 *   article  --published_by--> outlet
 *   speaker  --spoke_to-->     outlet   (an interview: "told <outlet>")
 *   claim    --relayed_by-->   outlet   (an intermediary: "as reported by <outlet>")
 *   claim    --disputes-->     claim
 *   claim    --responds_to-->  claim
 *
 * Node ids are derived from content ("speaker:<slug>", "claim:<hash>", ...), so the
 * same input always gives the same ids. Nodes are sorted by id and edges by
 * (source, target, type), so output is deterministic whatever the input order.
 * A claim seen several times (repeated in one article, or in several articles) is one
 * node with several evidence records. Speakers named differently across articles
 * (full name in one, surname in another) are merged into one node.
 *
 * Ids: "speaker:<words of the name without leading honorifics, joined by '-'>",
 * "outlet:<words of the name, a leading 'the' dropped>", "article:<doc>" (or
 * "article:<slug>~<8 hex>" when the doc name has characters outside [a-z0-9._/-]),
 * "claim:<16 hex of the hash of the speaker id and the normalised text>".
 * Speaker merging: names equal once leading honorifics are dropped ("Dr X Y" = "X Y";
 * a name made only of titles, "prime minister", is kept whole) are one speaker; a
 * one-word name of a person (or unknown kind) joins the one multi-word person name
 * ending with that word ("Y" -> "X Y") when both are capitalised like names, and
 * stays apart when there are several. Organisations and documents never join persons. The label is the most frequent full form (then the longest), the
 * other names are aliases. Claims whose speaker is "unknown" get no speaker node and
 * no asserts edge; they are keyed by their document, so anonymous claims from
 * different articles are not merged. Everything depends only on the multiset of
 * claims: building from shards in any order gives byte-identical graph.json.
 */
#ifndef CLAIMGRAPH_GRAPH_H
#define CLAIMGRAPH_GRAPH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "claims.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { CG_NODE_CLAIM, CG_NODE_SPEAKER, CG_NODE_ARTICLE, CG_NODE_OUTLET } cg_node_kind_t;

typedef enum {
    CG_EDGE_ASSERTS,
    CG_EDGE_REPORTED_IN,
    CG_EDGE_PUBLISHED_BY,
    CG_EDGE_SPOKE_TO,
    CG_EDGE_RELAYED_BY,
    CG_EDGE_DISPUTES,
    CG_EDGE_RESPONDS_TO
} cg_edge_type_t;

#define CG_NODE_KIND_COUNT 4
#define CG_EDGE_TYPE_COUNT 7

/** Where a claim was seen. */
typedef struct {
    char *doc;
    cg_claim_type_t type;
    cg_span_t *spans;
    size_t nspans;
    char *cue;          /**< NULL when none */
    cg_span_t cue_span; /**< valid when cue != NULL */
    char *mention;      /**< speaker mention at this claim, or NULL */
} cg_evidence_t;

/** Analysis results attached to a node (filled by cg_analyze). */
typedef struct {
    double pagerank;
    double betweenness;
    double hub;
    double authority;
    long indegree;
    long outdegree;
} cg_scores_t;

/**
 * A node. Read-only to callers; owned by the graph. The kind-specific fields share
 * memory (an anonymous union, 112 bytes a node instead of 144): read only those of the
 * node's kind — aliases for speakers, evidence for claims, url/date/author for articles.
 */
typedef struct {
    char *id;
    char *label;                    /**< display name: speaker/outlet name, claim text,
                                         article doc (or title) */
    cg_node_kind_t kind;
    cg_speaker_kind_t speaker_kind; /**< speakers */
    cg_claim_type_t claim_type;     /**< claims: of the first evidence */
    union {
        struct {                    /* speaker */
            char **aliases;         /**< other names seen for this speaker, sorted */
            size_t naliases;
        };
        struct {                    /* claim */
            cg_evidence_t *evidence;
            size_t nevidence;
        };
        struct {                    /* article */
            char *url, *date, *author; /**< NULL when unknown */
        };
    };
    /* analysis */
    long cluster;                   /**< -1 before analysis */
    cg_scores_t scores;
} cg_node_t;

typedef struct {
    uint32_t source; /**< node index (32 bits: 24 bytes an edge instead of 32) */
    uint32_t target; /**< node index */
    cg_edge_type_t type;
    double weight; /**< number of evidence records supporting the edge */
} cg_edge_t;

/** Graph-level analysis summary. */
typedef struct {
    int analyzed;
    char method[16];     /**< "leiden" or "louvain" */
    double resolution;
    unsigned long seed;
    double modularity;
    long nclusters;
} cg_analysis_t;

typedef struct cg_graph cg_graph_t;

/**
 * A compact set of claims for graph building: every string (document, text, speaker
 * name and mention, cue, outlets, relation targets) is stored once, however many claims
 * use it, and each claim is a small fixed-size record. Claims are added one at a time
 * (copied), so a corpus never has to be held as cg_claim_t lists. Not thread-safe.
 * Caller frees with cg_claimset_free.
 */
typedef struct cg_claimset cg_claimset_t;

/** A new empty set, or NULL when out of memory. */
cg_claimset_t *cg_claimset_new(void);
void cg_claimset_free(cg_claimset_t *set);
/** Number of claims added. */
size_t cg_claimset_count(const cg_claimset_t *set);
/**
 * Copies claim @p c into @p set. Returns CG_OK, CG_EINVAL (no doc or text, or spans
 * missing) or CG_ENOMEM. Amortised O(size of the claim).
 */
cg_error_t cg_claimset_add(cg_claimset_t *set, const cg_claim_t *c);

/**
 * Builds a graph from the claims of @p set (the same graph cg_graph_build gives for
 * them). The graph takes over the set's strings, which leaves @p set empty (still to
 * be freed with cg_claimset_free). Caller frees *@p out with cg_graph_free().
 * O(total claim size · log).
 */
cg_error_t cg_graph_build_set(cg_graph_t **out, cg_claimset_t *set, cg_errinfo_t *err);

/**
 * Builds a graph from @p n claims. Claims are not modified or retained.
 * Caller frees with cg_graph_free(). O(total claim size · log).
 */
cg_error_t cg_graph_build(cg_graph_t **out, const cg_claim_t *claims, size_t n, cg_errinfo_t *err);

void cg_graph_free(cg_graph_t *g);

size_t cg_graph_node_count(const cg_graph_t *g);
size_t cg_graph_edge_count(const cg_graph_t *g);
/** Borrowed; valid until the graph is freed. @p i must be < node count. */
const cg_node_t *cg_graph_node(const cg_graph_t *g, size_t i);
const cg_edge_t *cg_graph_edge(const cg_graph_t *g, size_t i);
/** Index of the node with @p id, or -1. O(log n). */
long cg_graph_find(const cg_graph_t *g, const char *id);
const cg_analysis_t *cg_graph_analysis(const cg_graph_t *g);

const char *cg_node_kind_name(cg_node_kind_t k);
const char *cg_edge_type_name(cg_edge_type_t t);
int cg_node_kind_parse(const char *s);
int cg_edge_type_parse(const char *s);

/**
 * Writes the graph as JSON (schema/graph.schema.json), fixed key order, to @p fp: one
 * node or edge per line, reals with 10 significant digits, so that write -> read ->
 * write gives identical bytes. Memory beyond the graph: one node at a time.
 * Returns CG_OK, CG_EIO (write error), CG_EINPUT (a string that is not UTF-8) or
 * CG_ENOMEM.
 */
cg_error_t cg_graph_write_json(const cg_graph_t *g, FILE *fp, cg_errinfo_t *err);

/**
 * Reads a graph.json written by cg_graph_write_json (or by hand; "-" reads stdin).
 * Every error names the file, and the line/column for JSON syntax errors or the JSON
 * path for a bad value ("nodes[3].kind", with the line where that node starts).
 * Dangling edge ends, duplicate ids, duplicate edges, unknown keys and wrong types are
 * errors (CG_EINPUT); an unreadable file is CG_EIO. Nodes and edges are decoded one at
 * a time: memory is about the file's size plus the graph. Caller frees *@p out.
 */
cg_error_t cg_graph_read_json(cg_graph_t **out, const char *path, cg_errinfo_t *err);

/**
 * Returns a new graph holding only the nodes whose @p keep flag is set, and the edges
 * between them (analysis values are copied). Caller frees.
 */
cg_error_t cg_graph_subgraph(cg_graph_t **out, const cg_graph_t *g, const unsigned char *keep);

/**
 * The graph's edges followed both ways, as compressed rows: the neighbours of node i are
 * adj[start[i]] .. adj[start[i + 1] - 1], in edge order (start has n + 1 entries, adj
 * 2 * edges). Both malloc'ed (caller frees); 0, or -1 on ENOMEM (both NULL).
 */
int cg_graph__undirected_adjacency(const cg_graph_t *g, size_t **start, size_t **adj);

/* Mutators used by the analysis stage. */
void cg_graph__set_cluster(cg_graph_t *g, size_t i, long cluster);
void cg_graph__set_scores(cg_graph_t *g, size_t i, const cg_scores_t *s);
void cg_graph__set_analysis(cg_graph_t *g, const cg_analysis_t *a);
/**
 * For a forked child process that reads only @p g's node count and edges: gives the
 * pages of the node array and of the strings pool back to the kernel, so that they
 * leave the child's resident set (the parent's copy is untouched). The nodes read as
 * zeros afterwards; the child must not free @p g.
 */
void cg_graph__drop_node_pages(cg_graph_t *g);
/** The same for the edge array (read as zeros afterwards). */
void cg_graph__drop_edge_pages(cg_graph_t *g);

/**
 * Moves the strings and arrays of a big pooled graph (texts, ids, evidence) and its node
 * records into an unnamed temporary file mapped at the same addresses, so that they
 * leave the resident set while the analysis, which never reads the strings and reads
 * the nodes' kinds only at its start, runs; writing the graph reads them back. Only for
 * pooled graphs (built or read) whose strings take at least CG_GRAPH_SPILL_MIN bytes.
 * 0 when moved, -1 when not (the graph is unchanged and valid either way).
 */
int cg_graph__spill_texts(cg_graph_t *g);
/**
 * After cg_graph__spill_texts moved the node records: gives their pages back to the
 * kernel (they stay in the file and come back when read or written). Else nothing.
 */
void cg_graph__release_nodes(cg_graph_t *g);
/**
 * Brings moved node records back into ordinary memory (one copy; before every node is
 * written to, which page by page in the file costs a fault each). Else nothing.
 */
void cg_graph__restore_nodes(cg_graph_t *g);
/**
 * Brings everything cg_graph__spill_texts moved (strings and arrays, node records) back
 * into ordinary memory, with huge pages where they fit, once the analysis is done:
 * writing the graph then reads them at random (claims are written in id order, not in
 * the order their texts were stored; edges name both their nodes) at the cost of
 * ordinary memory: at 1 GB the write took ~0.9 s less (~1.5 s of CPU) than through the
 * file's 4 KiB pages, for ~1.1 s spent bringing them back, and reads them back in order
 * rather than at random should the kernel have written the file out. What cannot be
 * brought back stays in the file (still valid).
 */
void cg_graph__restore_texts(cg_graph_t *g);
#ifndef CG_GRAPH_SPILL_MIN /* (a build may lower it to test the move on small graphs) */
#define CG_GRAPH_SPILL_MIN ((size_t)256 << 20)
#endif

#ifdef __cplusplus
}
#endif
#endif

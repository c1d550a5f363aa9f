/*
 * Views: the part of a graph to export. Filters apply in this order: one community
 * (--cluster), then the neighbourhood of one node (--ego, --depth: breadth-first over
 * edges in both directions, inside the community when one is chosen), then the N most
 * central of the nodes left (--top, --by; ties by id). The result is a new graph made
 * by cg_graph_subgraph, so node and edge order stay the graph's.
 */
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <uninorm.h>

#include "5-export/export_internal.h"

/** Non-zero when @p a and @p b are equal ignoring case (Unicode full case folding). */
static int same_name(const char *a, const char *b)
{
    int result = 1;

    if (!a || !b)
        return 0;
    if (u8_casecmp((const uint8_t *)a, strlen(a), (const uint8_t *)b, strlen(b), NULL, UNINORM_NFC,
                   &result) != 0)
        return strcmp(a, b) == 0; /* not UTF-8: exact match only */
    return result == 0;
}

/** Preference among nodes whose label matches: speakers, then outlets, articles, claims. */
static int kind_rank(cg_node_kind_t k)
{
    switch (k) {
    case CG_NODE_SPEAKER:
        return 0;
    case CG_NODE_OUTLET:
        return 1;
    case CG_NODE_ARTICLE:
        return 2;
    case CG_NODE_CLAIM:
        return 3;
    }
    return 4;
}

/**
 * Finds the ego node: @p name as an id, else as a label (case-insensitively), else as
 * a speaker alias. Among several label matches the preferred kind wins; two matches of
 * the same kind are ambiguous. Returns the index, -1 when nothing matches, -2 when
 * ambiguous (with the candidates in @p err).
 */
static long find_ego(const cg_graph_t *g, const char *name, cg_errinfo_t *err)
{
    size_t i, j, nn = cg_graph_node_count(g);
    long best = -1, id = cg_graph_find(g, name);
    int best_rank = 99, ties = 0, pass;

    if (id >= 0)
        return id;
    for (pass = 0; pass < 2 && best < 0; pass++) {
        for (i = 0; i < nn; i++) {
            const cg_node_t *n = cg_graph_node(g, i);
            int match = 0, r;

            if (pass == 0) {
                match = same_name(n->label, name);
            } else if (n->kind == CG_NODE_SPEAKER) {
                for (j = 0; j < n->naliases && !match; j++)
                    match = same_name(n->aliases[j], name);
            }
            if (!match)
                continue;
            r = kind_rank(n->kind);
            if (r < best_rank) {
                best = (long)i;
                best_rank = r;
                ties = 0;
            } else if (r == best_rank) {
                ties++;
            }
        }
    }
    if (best >= 0 && ties) {
        char *shown = cg_export__clean_dup(name, CG_CLEAN_TEXT);
        char *first = cg_export__clean_dup(cg_graph_node(g, (size_t)best)->id, CG_CLEAN_TEXT);

        cg_errinfo_set(err, CG_EINVAL, NULL, 0,
                       "--ego \"%s\" matches %d %ss (the first is \"%s\"): give a node id",
                       shown ? shown : "?", ties + 1,
                       cg_node_kind_name(cg_graph_node(g, (size_t)best)->kind),
                       first ? first : "?");
        free(shown);
        free(first);
        return -2;
    }
    return best;
}

/**
 * Keeps (in @p keep) only the nodes within @p depth edges of @p start, following edges
 * both ways through nodes already kept. O(V + E).
 */
static cg_error_t keep_ego(const cg_graph_t *g, size_t start, int depth, unsigned char *keep)
{
    size_t nn = cg_graph_node_count(g), i, head = 0, tail = 0, *deg = NULL, *adj = NULL;
    size_t *queue = malloc((nn + 1) * sizeof *queue);
    int *dist = malloc((nn + 1) * sizeof *dist);
    cg_error_t rc = CG_ENOMEM;

    /* neighbours in both directions */
    if (!queue || !dist || cg_graph__undirected_adjacency(g, &deg, &adj))
        goto cleanup;
    for (i = 0; i < nn; i++)
        dist[i] = -1;
    dist[start] = 0;
    queue[tail++] = start;
    while (head < tail) {
        size_t u = queue[head++], k;

        if (dist[u] >= depth)
            continue;
        for (k = deg[u]; k < deg[u + 1]; k++) {
            size_t v = adj[k];

            if (keep[v] && dist[v] < 0) {
                dist[v] = dist[u] + 1;
                queue[tail++] = v;
            }
        }
    }
    for (i = 0; i < nn; i++)
        keep[i] = dist[i] >= 0;
    rc = CG_OK;
cleanup:
    free(deg);
    free(adj);
    free(queue);
    free(dist);
    return rc;
}

cg_error_t cg_view(cg_graph_t **out, const cg_graph_t *g, const cg_view_options_t *opts,
                   cg_errinfo_t *err)
{
    cg_view_options_t defaults = CG_VIEW_OPTIONS_INIT;
    size_t i, nn, nkeep, *rank = NULL, nrank = 0;
    unsigned char *keep = NULL;
    cg_error_t rc = CG_ENOMEM;

    if (!out || !g)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "cg_view: no graph");
    *out = NULL;
    if (!opts)
        opts = &defaults;
    if (opts->depth < 0)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "--depth must not be negative");
    if ((size_t)opts->by > CG_BY_AUTHORITY)
        return cg_errinfo_set(err, CG_EINVAL, NULL, 0, "unknown centrality measure");
    nn = cg_graph_node_count(g);
    keep = malloc(nn ? nn : 1);
    if (!keep)
        goto cleanup;
    memset(keep, 1, nn ? nn : 1);

    if (opts->cluster >= 0) {
        long nclusters = cg_export__cluster_count(g);
        size_t found = 0;

        for (i = 0; i < nn; i++) {
            keep[i] = cg_graph_node(g, i)->cluster == opts->cluster;
            found += keep[i];
        }
        if (!found) {
            rc = nclusters <= 0
                     ? cg_errinfo_set(err, CG_EINVAL, NULL, 0,
                                      "no community %ld: the graph has no communities (it "
                                      "was not analysed)",
                                      opts->cluster)
                     : cg_errinfo_set(err, CG_EINVAL, NULL, 0,
                                      "no community %ld: the graph has communities 0 to %ld",
                                      opts->cluster, nclusters - 1);
            goto cleanup;
        }
    }

    if (opts->ego) {
        long ego = find_ego(g, opts->ego, err);

        if (ego < 0) {
            if (ego == -1) {
                char *shown = cg_export__clean_dup(opts->ego, CG_CLEAN_TEXT);

                cg_errinfo_set(err, CG_EINVAL, NULL, 0,
                               "--ego: no node has the id, name or alias \"%s\"",
                               shown ? shown : "?");
                free(shown);
            }
            rc = CG_EINVAL;
            goto cleanup;
        }
        if (!keep[ego]) {
            char *shown = cg_export__clean_dup(cg_graph_node(g, (size_t)ego)->id, CG_CLEAN_TEXT);

            rc = cg_errinfo_set(err, CG_EINVAL, NULL, 0,
                                "--ego: node \"%s\" is not in community %ld", shown ? shown : "?",
                                opts->cluster);
            free(shown);
            goto cleanup;
        }
        if ((rc = keep_ego(g, (size_t)ego, opts->depth, keep)) != CG_OK)
            goto cleanup;
    }

    if (opts->top) {
        for (nkeep = 0, i = 0; i < nn; i++)
            nkeep += keep[i];
        if (opts->top < nkeep) {
            if ((rc = cg_export__rank(g, opts->by, -1, keep, &rank, &nrank)) != CG_OK)
                goto cleanup;
            memset(keep, 0, nn);
            for (i = 0; i < opts->top && i < nrank; i++)
                keep[rank[i]] = 1;
        }
    }

    rc = cg_graph_subgraph(out, g, keep);
    if (rc != CG_OK)
        cg_errinfo_set(err, rc, NULL, 0, "cannot make the view: %s", cg_strerror(rc));
cleanup:
    free(keep);
    free(rank);
    return rc;
}

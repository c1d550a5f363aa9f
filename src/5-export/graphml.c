/*
 * GraphML (http://graphml.graphdrawing.org/), written by hand: every id and value is
 * cleaned (valid UTF-8, no characters XML forbids) and XML-escaped. Keys are declared
 * once; a node carries data only for the fields it has. Node and edge order are the
 * graph's, so output is deterministic. Numbers use '.' whatever the locale.
 */
#include <stdio.h>

#include "5-export/export_internal.h"

typedef struct {
    const char *id;
    const char *domain; /**< "node" or "edge" */
    const char *type;   /**< GraphML attr.type */
} graphml_key_t;

static const graphml_key_t keys[] = {
    {"label", "node", "string"},        {"kind", "node", "string"},
    {"speaker_kind", "node", "string"}, {"aliases", "node", "string"},
    {"claim_type", "node", "string"},   {"evidence", "node", "int"},
    {"url", "node", "string"},          {"date", "node", "string"},
    {"author", "node", "string"},       {"cluster", "node", "long"},
    {"pagerank", "node", "double"},     {"betweenness", "node", "double"},
    {"hub", "node", "double"},          {"authority", "node", "double"},
    {"indegree", "node", "long"},       {"outdegree", "node", "long"},
    {"type", "edge", "string"},         {"weight", "edge", "double"},
};

/** <data key="KEY">VALUE</data>, VALUE escaped. 0 or -1 (ENOMEM). */
static int data(FILE *fp, const char *indent, const char *key, const char *value)
{
    fprintf(fp, "%s<data key=\"%s\">", indent, key);
    if (cg_export__xml_put(fp, value))
        return -1;
    fputs("</data>\n", fp);
    return 0;
}

static int data_num(FILE *fp, const char *indent, const char *key, double v)
{
    char num[64];

    return data(fp, indent, key, cg_export__fmt_double(num, sizeof num, v, 10));
}

static int write_node(FILE *fp, const cg_node_t *n, int analyzed)
{
    const char *in = "      ";
    int rc = 0;
    size_t i;

    fputs("    <node id=\"", fp);
    rc |= cg_export__xml_put(fp, n->id);
    fputs("\">\n", fp);
    rc |= data(fp, in, "label", n->label ? n->label : "");
    rc |= data(fp, in, "kind", cg_node_kind_name(n->kind));
    switch (n->kind) {
    case CG_NODE_SPEAKER:
        rc |= data(fp, in, "speaker_kind", cg_speaker_kind_name(n->speaker_kind));
        if (n->naliases) {
            cg_buf_t b = CG_BUF_INIT;

            for (i = 0; i < n->naliases; i++)
                if ((i && cg_buf__puts(&b, "; ")) || cg_buf__puts(&b, n->aliases[i]))
                    rc = -1;
            rc |= b.data ? data(fp, in, "aliases", b.data) : -1;
            cg_buf__free(&b);
        }
        break;
    case CG_NODE_CLAIM:
        rc |= data(fp, in, "claim_type", cg_claim_type_name(n->claim_type));
        rc |= data_num(fp, in, "evidence", (double)n->nevidence);
        break;
    case CG_NODE_ARTICLE:
        if (n->url)
            rc |= data(fp, in, "url", n->url);
        if (n->date)
            rc |= data(fp, in, "date", n->date);
        if (n->author)
            rc |= data(fp, in, "author", n->author);
        break;
    case CG_NODE_OUTLET:
        break;
    }
    if (n->cluster >= 0)
        rc |= data_num(fp, in, "cluster", (double)n->cluster);
    if (analyzed) {
        rc |= data_num(fp, in, "pagerank", n->scores.pagerank);
        rc |= data_num(fp, in, "betweenness", n->scores.betweenness);
        rc |= data_num(fp, in, "hub", n->scores.hub);
        rc |= data_num(fp, in, "authority", n->scores.authority);
        rc |= data_num(fp, in, "indegree", (double)n->scores.indegree);
        rc |= data_num(fp, in, "outdegree", (double)n->scores.outdegree);
    }
    fputs("    </node>\n", fp);
    return rc;
}

cg_error_t cg_export__graphml(const cg_graph_t *g, FILE *fp, cg_errinfo_t *err)
{
    size_t i, nn = cg_graph_node_count(g), ne = cg_graph_edge_count(g);
    int analyzed = cg_graph_analysis(g)->analyzed, rc = 0;

    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
          "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
          "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
          fp);
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
        fprintf(fp, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n", keys[i].id,
                keys[i].domain, keys[i].id, keys[i].type);
    fputs("  <graph id=\"claimgraph\" edgedefault=\"directed\">\n", fp);
    for (i = 0; i < nn && !rc; i++)
        rc = write_node(fp, cg_graph_node(g, i), analyzed);
    for (i = 0; i < ne && !rc; i++) {
        const cg_edge_t *e = cg_graph_edge(g, i);

        fprintf(fp, "    <edge id=\"e%zu\" source=\"", i);
        rc |= cg_export__xml_put(fp, cg_graph_node(g, e->source)->id);
        fputs("\" target=\"", fp);
        rc |= cg_export__xml_put(fp, cg_graph_node(g, e->target)->id);
        fputs("\">\n", fp);
        rc |= data(fp, "      ", "type", cg_edge_type_name(e->type));
        rc |= data_num(fp, "      ", "weight", e->weight);
        fputs("    </edge>\n", fp);
    }
    fputs("  </graph>\n</graphml>\n", fp);
    if (rc)
        return cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "GraphML export: out of memory");
    if (ferror(fp))
        return cg_errinfo_set(err, CG_EIO, NULL, 0, "GraphML export: write error");
    return CG_OK;
}

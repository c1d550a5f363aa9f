/*
 * GEXF 1.3 (https://gexf.net/, Gephi's format), written by hand with every id and
 * value cleaned and XML-escaped. Node attributes are declared once and given per node
 * as attvalues; nodes are coloured by kind (viz:color). The edge type is the edge's
 * label and an attribute. Deterministic: graph order, no dates in <meta>.
 */
#include <stdio.h>

#include "claimgraph/claimgraph.h"
#include "5-export/export_internal.h"

typedef struct {
    const char *id;
    const char *type; /**< GEXF 1.3 attribute type */
} gexf_attr_t;

static const gexf_attr_t node_attrs[] = {
    {"kind", "string"},       {"speaker_kind", "string"}, {"aliases", "liststring"},
    {"claim_type", "string"}, {"evidence", "integer"},    {"url", "string"},
    {"date", "string"},       {"author", "string"},       {"cluster", "long"},
    {"pagerank", "double"},   {"betweenness", "double"},  {"hub", "double"},
    {"authority", "double"},  {"indegree", "long"},       {"outdegree", "long"},
};

/** Node colours by kind (claim, speaker, article, outlet), as in the DOT output. */
static const unsigned char kind_rgb[CG_NODE_KIND_COUNT][3] = {
    {0x9e, 0x9e, 0x9e}, {0x5b, 0x8d, 0xef}, {0x6c, 0xc0, 0x6c}, {0xf5, 0x9f, 0x42}};

/** <attvalue for="KEY" value="VALUE"/>, VALUE escaped. 0 or -1 (ENOMEM). */
static int attvalue(FILE *fp, const char *key, const char *value)
{
    int rc;

    fprintf(fp, "          <attvalue for=\"%s\" value=\"", key);
    rc = cg_export__xml_put(fp, value);
    fputs("\"/>\n", fp);
    return rc;
}

static int attvalue_num(FILE *fp, const char *key, double v)
{
    char num[64];

    return attvalue(fp, key, cg_export__fmt_double(num, sizeof num, v, 10));
}

static int write_node(FILE *fp, const cg_node_t *n, int analyzed)
{
    const unsigned char *rgb = kind_rgb[(size_t)n->kind < CG_NODE_KIND_COUNT ? n->kind : 0];
    int rc = 0;
    size_t i;

    fputs("      <node id=\"", fp);
    rc |= cg_export__xml_put(fp, n->id);
    fputs("\" label=\"", fp);
    rc |= cg_export__xml_put(fp, n->label ? n->label : "");
    fputs("\">\n        <attvalues>\n", fp);
    rc |= attvalue(fp, "kind", cg_node_kind_name(n->kind));
    switch (n->kind) {
    case CG_NODE_SPEAKER:
        rc |= attvalue(fp, "speaker_kind", cg_speaker_kind_name(n->speaker_kind));
        if (n->naliases) {
            /* liststring: "a|b|c" */
            cg_buf_t b = CG_BUF_INIT;

            for (i = 0; i < n->naliases; i++)
                if ((i && cg_buf__putc(&b, '|')) || cg_buf__puts(&b, n->aliases[i]))
                    rc = -1;
            rc |= b.data ? attvalue(fp, "aliases", b.data) : -1;
            cg_buf__free(&b);
        }
        break;
    case CG_NODE_CLAIM:
        rc |= attvalue(fp, "claim_type", cg_claim_type_name(n->claim_type));
        rc |= attvalue_num(fp, "evidence", (double)n->nevidence);
        break;
    case CG_NODE_ARTICLE:
        if (n->url)
            rc |= attvalue(fp, "url", n->url);
        if (n->date)
            rc |= attvalue(fp, "date", n->date);
        if (n->author)
            rc |= attvalue(fp, "author", n->author);
        break;
    case CG_NODE_OUTLET:
        break;
    }
    if (n->cluster >= 0)
        rc |= attvalue_num(fp, "cluster", (double)n->cluster);
    if (analyzed) {
        rc |= attvalue_num(fp, "pagerank", n->scores.pagerank);
        rc |= attvalue_num(fp, "betweenness", n->scores.betweenness);
        rc |= attvalue_num(fp, "hub", n->scores.hub);
        rc |= attvalue_num(fp, "authority", n->scores.authority);
        rc |= attvalue_num(fp, "indegree", (double)n->scores.indegree);
        rc |= attvalue_num(fp, "outdegree", (double)n->scores.outdegree);
    }
    fprintf(fp,
            "        </attvalues>\n"
            "        <viz:color r=\"%u\" g=\"%u\" b=\"%u\"/>\n"
            "      </node>\n",
            rgb[0], rgb[1], rgb[2]);
    return rc;
}

cg_error_t cg_export__gexf(const cg_graph_t *g, FILE *fp, cg_errinfo_t *err)
{
    size_t i, nn = cg_graph_node_count(g), ne = cg_graph_edge_count(g);
    int analyzed = cg_graph_analysis(g)->analyzed, rc = 0;

    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\"\n"
          "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
          "    xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\"\n"
          "    version=\"1.3\">\n"
          "  <meta>\n"
          "    <creator>claimgraph " CLAIMGRAPH_VERSION "</creator>\n"
          "    <description>who said what: speakers, claims, articles, outlets</description>\n"
          "  </meta>\n"
          "  <graph defaultedgetype=\"directed\" mode=\"static\">\n"
          "    <attributes class=\"node\" mode=\"static\">\n",
          fp);
    for (i = 0; i < sizeof node_attrs / sizeof node_attrs[0]; i++)
        fprintf(fp, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", node_attrs[i].id,
                node_attrs[i].id, node_attrs[i].type);
    fputs("    </attributes>\n"
          "    <attributes class=\"edge\" mode=\"static\">\n"
          "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
          "    </attributes>\n",
          fp);
    fprintf(fp, "    <nodes count=\"%zu\">\n", nn);
    for (i = 0; i < nn && !rc; i++)
        rc = write_node(fp, cg_graph_node(g, i), analyzed);
    fprintf(fp, "    </nodes>\n    <edges count=\"%zu\">\n", ne);
    for (i = 0; i < ne && !rc; i++) {
        const cg_edge_t *e = cg_graph_edge(g, i);
        const char *type = cg_edge_type_name(e->type);
        char w[64];

        fprintf(fp, "      <edge id=\"%zu\" source=\"", i);
        rc |= cg_export__xml_put(fp, cg_graph_node(g, e->source)->id);
        fputs("\" target=\"", fp);
        rc |= cg_export__xml_put(fp, cg_graph_node(g, e->target)->id);
        fprintf(fp,
                "\" label=\"%s\" weight=\"%s\">\n"
                "        <attvalues>\n"
                "          <attvalue for=\"type\" value=\"%s\"/>\n"
                "        </attvalues>\n"
                "      </edge>\n",
                type, cg_export__fmt_double(w, sizeof w, e->weight, 10), type);
    }
    fputs("    </edges>\n  </graph>\n</gexf>\n", fp);
    if (rc)
        return cg_errinfo_set(err, CG_ENOMEM, NULL, 0, "GEXF export: out of memory");
    if (ferror(fp))
        return cg_errinfo_set(err, CG_EIO, NULL, 0, "GEXF export: write error");
    return CG_OK;
}

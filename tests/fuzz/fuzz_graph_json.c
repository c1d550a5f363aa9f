/*
 * Fuzz target: reading graph.json back (what export, report and clusters do).
 *
 * The input is a graph.json file. When it is refused, the error must name the file.
 * When it is accepted, writing it out and reading that back must give the same bytes,
 * and every report, view and non-rendering export must succeed on it; small graphs
 * are analysed again as `clusters` does.
 */
#include "claimgraph/claimgraph.h"
#include "fuzz_common.h"

#define FUZZ_MAX_INPUT (512 * 1024)
/* igraph's betweenness is O(VE): analyse only small graphs, the fuzzer wants speed. */
#define MAX_ANALYZE_NODES 200

static char *write_json(const cg_graph_t *g, size_t *len)
{
    char *buf = NULL;
    cg_errinfo_t e;
    FILE *fp = open_memstream(&buf, len);

    FUZZ_CHECK(fp);
    if (cg_graph_write_json(g, fp, &e) != CG_OK) {
        fprintf(stderr, "cannot write an accepted graph: %s\n", e.message);
        abort();
    }
    FUZZ_CHECK(fclose(fp) == 0);
    return buf;
}

/* Read back what we wrote: same graph, same bytes. */
static void check_roundtrip(const cg_graph_t *g)
{
    size_t len1 = 0, len2 = 0;
    char *buf1 = write_json(g, &len1), *buf2;
    const char *path = fuzz_scratch((const uint8_t *)buf1, len1, ".json");
    cg_graph_t *back = NULL;
    cg_errinfo_t e;

    if (cg_graph_read_json(&back, path, &e) != CG_OK) {
        char msg[1200];
        fprintf(stderr, "graph.json written by claimgraph is refused: %s\n",
                cg_errinfo_format(&e, msg, sizeof msg));
        abort();
    }
    FUZZ_CHECK(cg_graph_node_count(back) == cg_graph_node_count(g));
    FUZZ_CHECK(cg_graph_edge_count(back) == cg_graph_edge_count(g));
    buf2 = write_json(back, &len2);
    if (len1 != len2 || memcmp(buf1, buf2, len1) != 0) {
        fprintf(stderr, "graph.json round trip changed the bytes\n");
        abort();
    }
    free(buf1);
    free(buf2);
    cg_graph_free(back);
}

static void check_structure(const cg_graph_t *g)
{
    size_t n = cg_graph_node_count(g), m = cg_graph_edge_count(g), i;

    for (i = 0; i < n; i++) {
        const cg_node_t *nd = cg_graph_node(g, i);
        FUZZ_CHECK(nd->id && nd->label);
        FUZZ_CHECK(cg_graph_find(g, nd->id) == (long)i);
        if (i)
            FUZZ_CHECK(strcmp(cg_graph_node(g, i - 1)->id, nd->id) < 0);
    }
    for (i = 0; i < m; i++) {
        const cg_edge_t *ed = cg_graph_edge(g, i);
        FUZZ_CHECK(ed->source < n && ed->target < n);
    }
}

static void check_outputs(const cg_graph_t *g)
{
    static const cg_format_t formats[] = {CG_FORMAT_DOT,     CG_FORMAT_JSON,
                                          CG_FORMAT_GRAPHML, CG_FORMAT_GEXF,
                                          CG_FORMAT_CYTOSCAPE, CG_FORMAT_NODELINK};
    cg_export_options_t eo = CG_EXPORT_OPTIONS_INIT;
    cg_report_options_t ro = CG_REPORT_OPTIONS_INIT;
    cg_view_options_t vo = CG_VIEW_OPTIONS_INIT;
    cg_graph_t *view = NULL;
    cg_errinfo_t e;
    size_t i;

    for (i = 0; i < sizeof formats / sizeof *formats; i++) {
        if (cg_export(g, formats[i], &eo, fuzz_null(), &e) != CG_OK) {
            fprintf(stderr, "export %s failed on an accepted graph: %s\n",
                    cg_format_name(formats[i]), e.message);
            abort();
        }
    }
    ro.kind = -1;
    ro.top = 0;
    for (i = 0; i < 3; i++) {
        ro.style = (cg_report_style_t)i;
        ro.by = (cg_measure_t)(i * 2);
        FUZZ_CHECK(cg_report(g, &ro, fuzz_null(), &e) == CG_OK);
        FUZZ_CHECK(cg_report_clusters(g, 3, (cg_report_style_t)i, fuzz_null(), &e) == CG_OK);
    }
    FUZZ_CHECK(cg_report_summary(g, fuzz_null(), &e) == CG_OK);

    vo.top = 3;
    FUZZ_CHECK(cg_view(&view, g, &vo, &e) == CG_OK);
    FUZZ_CHECK(cg_graph_node_count(view) <= 3);
    FUZZ_CHECK(cg_export(view, CG_FORMAT_DOT, &eo, fuzz_null(), &e) == CG_OK);
    cg_graph_free(view);
    view = NULL;
    if (cg_graph_node_count(g) > 0) {
        vo.top = 0;
        vo.ego = cg_graph_node(g, 0)->id;
        vo.depth = 2;
        FUZZ_CHECK(cg_view(&view, g, &vo, &e) == CG_OK);
        FUZZ_CHECK(cg_graph_node_count(view) >= 1);
        cg_graph_free(view);
        view = NULL;
        vo.ego = NULL;
        vo.cluster = cg_graph_node(g, 0)->cluster;
        if (vo.cluster >= 0 && cg_view(&view, g, &vo, &e) == CG_OK)
            cg_graph_free(view);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cg_analyze_options_t ao = CG_ANALYZE_OPTIONS_INIT;
    cg_graph_t *g = NULL;
    cg_errinfo_t e;
    const char *path;
    cg_error_t rc;

    if (size > FUZZ_MAX_INPUT)
        size = FUZZ_MAX_INPUT;
    path = fuzz_scratch(data, size, ".json");
    rc = cg_graph_read_json(&g, path, &e);
    if (rc != CG_OK) {
        FUZZ_CHECK(rc == CG_EINPUT);
        FUZZ_CHECK(g == NULL);
        FUZZ_CHECK(strcmp(e.file, path) == 0); /* the error names the file */
        FUZZ_CHECK(e.message[0]);
        return 0;
    }
    check_structure(g);
    check_roundtrip(g);
    check_outputs(g);
    if (cg_graph_node_count(g) <= MAX_ANALYZE_NODES) {
        rc = cg_analyze(g, &ao, &e);
        FUZZ_CHECK(rc == CG_OK);
        FUZZ_CHECK(cg_graph_analysis(g)->analyzed);
        check_roundtrip(g);
        FUZZ_CHECK(cg_report_clusters(g, 3, CG_REPORT_JSON, fuzz_null(), &e) == CG_OK);
    }
    cg_graph_free(g);
    return 0;
}

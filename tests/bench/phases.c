/*
 * claimgraph-bench-phases — `claimgraph build` split into its phases, for the benchmark:
 * the same library calls (cg_pipeline_collect_set, cg_graph_build_set, cg_analyze_timed,
 * cg_graph_write_json), each timed, with the resident memory after each phase and the
 * peak, and the parts of the analysis (Leiden, PageRank, HITS, betweenness; the
 * centrality runs in a child process on large graphs: its peak memory is reported
 * apart). With --svg FILE it then draws a view of the --top N most central nodes
 * (default 300, by PageRank) as SVG with the layout engine claimgraph picks, in the same
 * process, so that large graphs need not be read back from graph.json. Betweenness is
 * on, as in `claimgraph build`; --no-betweenness turns it off.
 *
 *   claimgraph-bench-phases [-j N] [--no-betweenness] [--svg FILE] [--top N]
 *                           -o GRAPH.json INPUT...
 *
 * Prints one JSON object on standard output. Exit status 0, 1 on failure, 2 on usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "claimgraph/claimgraph.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A field of /proc/self/status in MB ("VmRSS", "VmHWM"); -1 when unknown. */
static double status_mb(const char *key)
{
    FILE *fp = fopen("/proc/self/status", "r");
    char line[256];
    size_t n = strlen(key);
    double v = -1;

    if (!fp)
        return -1;
    while (fgets(line, sizeof line, fp))
        if (!strncmp(line, key, n) && line[n] == ':')
            v = atof(line + n + 1) / 1024.0;
    fclose(fp);
    return v;
}

/*
 * The peak resident memory since the last call, in MB, then the peak is reset (Linux:
 * "5" into /proc/self/clear_refs), so that each phase reports its own peak.
 */
static double phase_peak_mb(void)
{
    double v = status_mb("VmHWM");
    FILE *fp = fopen("/proc/self/clear_refs", "w");

    if (fp) {
        fputs("5", fp);
        fclose(fp);
    }
    return v;
}

static int fail(const char *what, const cg_errinfo_t *e)
{
    char msg[1200];
    cg_errinfo_format(e, msg, sizeof msg);
    fprintf(stderr, "claimgraph-bench-phases: %s: %s\n", what, msg);
    return 1;
}

/* The peak resident memory of the largest child process reaped so far, in MB. */
static double children_peak_mb(void)
{
    struct rusage ru;

    if (getrusage(RUSAGE_CHILDREN, &ru) != 0)
        return -1;
    return (double)ru.ru_maxrss / 1024.0;
}

int main(int argc, char **argv)
{
    cg_pipeline_options_t po = CG_PIPELINE_OPTIONS_INIT;
    cg_analyze_options_t ao = CG_ANALYZE_OPTIONS_INIT;
    cg_view_options_t vo = CG_VIEW_OPTIONS_INIT;
    cg_export_options_t eo = CG_EXPORT_OPTIONS_INIT;
    cg_analyze_stats_t st;
    const char **inputs = calloc((size_t)argc, sizeof *inputs), *out = NULL, *svg = NULL;
    size_t ninputs = 0, nbad = 0, nclaims;
    cg_claimset_t *claims = cg_claimset_new();
    cg_graph_t *g = NULL, *v = NULL;
    cg_errinfo_t e;
    double t0, t_collect, t_build, t_free, t_analyze, t_write, t_view = -1, t_svg = -1;
    double m_collect, m_build, m_free, m_analyze, m_peak;
    double p_collect, p_build, p_analyze, p_write;
    FILE *fp;
    int i;

    cg_reexec_with_huge_pages(argv); /* as `claimgraph build` does */
    vo.top = 300;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-j") && i + 1 < argc)
            po.threads = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--no-betweenness"))
            ao.betweenness = 0;
        else if (!strcmp(argv[i], "--no-side"))
            ao.side = -1;
        else if (!strcmp(argv[i], "--svg") && i + 1 < argc)
            svg = argv[++i];
        else if (!strcmp(argv[i], "--top") && i + 1 < argc)
            vo.top = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (argv[i][0] != '-' || !strcmp(argv[i], "-"))
            inputs[ninputs++] = argv[i];
        else
            ninputs = 0, i = argc;
    }
    if (!inputs || !ninputs || !out) {
        fputs("usage: claimgraph-bench-phases [-j N] [--no-betweenness] [--svg FILE] [--top N] "
              "-o GRAPH.json INPUT...\n",
              stderr);
        return 2;
    }
    if (!claims)
        return 1;
    t0 = now();
    if (cg_pipeline_collect_set(claims, inputs, ninputs, &po, NULL, NULL, &nbad, &e))
        return fail("collect", &e);
    t_collect = now();
    m_collect = status_mb("VmRSS");
    p_collect = phase_peak_mb();
    nclaims = cg_claimset_count(claims);
    if (cg_graph_build_set(&g, claims, &e))
        return fail("build", &e);
    t_build = now();
    m_build = status_mb("VmRSS");
    p_build = phase_peak_mb();
    cg_claimset_free(claims);
    t_free = now();
    m_free = status_mb("VmRSS");
    if (cg_analyze_timed(g, &ao, &st, &e))
        return fail("analyze", &e);
    t_analyze = now();
    m_analyze = status_mb("VmRSS");
    p_analyze = phase_peak_mb();
    if (!(fp = fopen(out, "wb")))
        return 1;
    if (cg_graph_write_json(g, fp, &e))
        return fail("write", &e);
    if (fclose(fp))
        return 1;
    t_write = now();
    p_write = phase_peak_mb();
    m_peak = p_collect > p_build ? p_collect : p_build;
    m_peak = p_analyze > m_peak ? p_analyze : m_peak;
    m_peak = p_write > m_peak ? p_write : m_peak;
    if (svg) {
        double t = now();
        if (cg_view(&v, g, &vo, &e))
            return fail("view", &e);
        t_view = now() - t;
        if (!(fp = fopen(svg, "wb")))
            return 1;
        t = now();
        if (cg_export(v, CG_FORMAT_SVG, &eo, fp, &e))
            return fail("svg", &e);
        if (fclose(fp))
            return 1;
        t_svg = now() - t;
    }
    printf("{\"claims\":%zu,\"bad_inputs\":%zu,\"nodes\":%zu,\"edges\":%zu,\"betweenness\":%d,"
           "\"collect_s\":%.3f,\"build_s\":%.3f,\"free_claims_s\":%.3f,\"analyze_s\":%.3f,"
           "\"write_s\":%.3f,\"total_s\":%.3f,\"rss_after_collect_mb\":%.1f,"
           "\"rss_after_build_mb\":%.1f,\"rss_after_free_claims_mb\":%.1f,"
           "\"rss_after_analyze_mb\":%.1f,\"peak_rss_mb\":%.1f,\"side_process\":%d,"
           "\"side_peak_rss_mb\":%.1f,\"views_s\":%.3f,\"leiden_s\":%.3f,\"pagerank_s\":%.3f,"
           "\"hits_s\":%.3f,\"betweenness_s\":%.3f,\"leiden_ready_s\":%.3f,"
           "\"pagerank_ready_s\":%.3f,\"modularity\":%.4f,\"clusters\":%ld,"
           "\"view_nodes\":%zu,\"view_edges\":%zu,\"view_s\":%.3f,\"layout\":\"%s\","
           "\"svg_s\":%.3f,\"peak_collect_mb\":%.1f,\"peak_build_mb\":%.1f,"
           "\"peak_analyze_mb\":%.1f,\"peak_write_mb\":%.1f}\n",
           nclaims, nbad, cg_graph_node_count(g), cg_graph_edge_count(g), ao.betweenness,
           t_collect - t0, t_build - t_collect, t_free - t_build, t_analyze - t_free,
           t_write - t_analyze, t_write - t0, m_collect, m_build, m_free, m_analyze, m_peak,
           st.side, st.side ? children_peak_mb() : 0.0, st.views, st.communities, st.pagerank,
           st.hits, st.betweenness, st.communities_ready, st.pagerank_ready,
           cg_graph_analysis(g)->modularity,
           cg_graph_analysis(g)->nclusters, v ? cg_graph_node_count(v) : 0,
           v ? cg_graph_edge_count(v) : 0, t_view,
           v ? cg_export_default_layout(cg_graph_node_count(v), cg_graph_edge_count(v)) : "",
           t_svg, p_collect, p_build, p_analyze, p_write);
    cg_graph_free(v);
    cg_graph_free(g);
    free(inputs);
    return 0;
}

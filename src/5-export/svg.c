/*
 * SVG rendered in-process with libgvc.
 *
 * libgvc finds its layout and render plugins through the "config6a" file in its plugin
 * folder (/usr/lib/x86_64-linux-gnu/graphviz on Debian), written by libgvc6's install
 * script or `dot -c`. When that file is missing, a context knows no layout engine and
 * gvLayout fails ("Layout type: "dot" not recognized"). We check for the engine first
 * and, when it is not known, load the plugin libraries ourselves ($GVBINDIR, then the
 * "graphviz" folder beside libgvc, then the library path) and register them with
 * gvAddLibrary, which is what gvContextPlugins does for builtins linked into a program;
 * and we open the font dictionary that such a context lacks (see open_font_dict). Text
 * widths then come from Graphviz's built-in font metrics (no pango plugin).
 *
 * The SVG has no active content: Graphviz XML-escapes every label and tooltip (ours are
 * cleaned and entity-escaped first, see escape.c), and we set no URL/href attributes.
 */
#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/gvc.h>

#include "5-export/export_internal.h"

/** Plugin libraries to load when libgvc has no configuration, and their symbols. */
static const struct {
    const char *file;
    const char *symbol;
} gv_plugins[] = {
    {"libgvplugin_core.so.6", "gvplugin_core_LTX_library"},
    {"libgvplugin_dot_layout.so.6", "gvplugin_dot_layout_LTX_library"},
    {"libgvplugin_neato_layout.so.6", "gvplugin_neato_layout_LTX_library"},
};

#define CG_NPLUGINS (sizeof gv_plugins / sizeof gv_plugins[0])

/** Libraries found by load_plugins(); kept loaded for the life of the process. */
static gvplugin_library_t *gv_loaded[CG_NPLUGINS];
static int gv_load_tried;

/** Non-zero when plugin list @p kind of @p gvc names @p name. */
static int has_plugin(GVC_t *gvc, const char *kind, const char *name)
{
    int i, n = 0, found = 0;
    char **list = gvPluginList(gvc, kind, &n, NULL);

    for (i = 0; list && i < n; i++) {
        /* entries may carry a ":package" suffix */
        size_t len = strcspn(list[i], ":");

        if (strlen(name) == len && strncmp(list[i], name, len) == 0)
            found = 1;
        free(list[i]);
    }
    free(list);
    return found;
}

/** Non-zero when plugin list @p kind of @p gvc is not empty. */
static int has_any_plugin(GVC_t *gvc, const char *kind)
{
    int i, n = 0;
    char **list = gvPluginList(gvc, kind, &n, NULL);

    for (i = 0; list && i < n; i++)
        free(list[i]);
    free(list);
    return n > 0;
}

/**
 * libgvc 2.42's gvconfig() returns early when config6a is missing, before it opens the
 * context's font dictionary, and the first label then dereferences NULL in
 * textspan_size. textfont_dict_open() is exported by libgvc but not declared in its
 * headers: look it up at run time, so a libgvc without it still links.
 */
static void open_font_dict(GVC_t *gvc)
{
    union {
        void *p;
        void *(*fn)(GVC_t *);
    } sym;

    sym.p = dlsym(RTLD_DEFAULT, "textfont_dict_open");
    if (sym.p)
        sym.fn(gvc);
}

/** The "graphviz" plugin folder beside the libgvc in use, into @p buf. 0 or -1. */
static int plugin_dir_beside_libgvc(char *buf, size_t size)
{
    Dl_info info;
    const char *slash;
    union {
        GVC_t *(*fn)(void);
        void *p;
    } sym;

    sym.fn = gvContext;
    if (!dladdr(sym.p, &info) || !info.dli_fname || !(slash = strrchr(info.dli_fname, '/')))
        return -1;
    snprintf(buf, size, "%.*s/graphviz", (int)(slash - info.dli_fname), info.dli_fname);
    return 0;
}

/** Opens plugin library @p file from $GVBINDIR, beside libgvc, or the library path. */
static void *open_plugin(const char *file)
{
    const char *env = getenv("GVBINDIR");
    char dir[1024], path[1200];
    void *h = NULL;

    if (env && env[0]) {
        snprintf(path, sizeof path, "%s/%s", env, file);
        h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    }
    if (!h && plugin_dir_beside_libgvc(dir, sizeof dir) == 0) {
        snprintf(path, sizeof path, "%s/%s", dir, file);
        h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    }
    if (!h)
        h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    return h;
}

static void load_plugins(void)
{
    size_t i;

    if (gv_load_tried)
        return;
    gv_load_tried = 1;
    for (i = 0; i < CG_NPLUGINS; i++) {
        void *h = open_plugin(gv_plugins[i].file);

        if (h)
            gv_loaded[i] = (gvplugin_library_t *)dlsym(h, gv_plugins[i].symbol);
    }
}

/**
 * The process's Graphviz context, created on first use and kept: the pango text-layout
 * plugin of 2.42 caches a pointer to the last font name, which lives in the context's
 * font dictionary, so freeing a context and creating another makes the next text
 * measurement read freed memory (found with AddressSanitizer). One long-lived context
 * is also what Graphviz recommends. Returns it when it knows layout @p engine and the
 * svg renderer (loading the plugin libraries ourselves when libgvc's configuration is
 * missing), NULL otherwise.
 */
static GVC_t *shared_context(const char *engine)
{
    static GVC_t *gvc;
    static int added;
    size_t i;

    if (!gvc && !(gvc = gvContext()))
        return NULL;
    if (has_plugin(gvc, "layout", engine) && has_plugin(gvc, "render", "svg"))
        return gvc;
    if (!added) {
        int configless = !has_any_plugin(gvc, "layout");

        added = 1;
        load_plugins();
        for (i = 0; i < CG_NPLUGINS; i++)
            if (gv_loaded[i])
                gvAddLibrary(gvc, gv_loaded[i]);
        if (configless)
            open_font_dict(gvc);
    }
    if (has_plugin(gvc, "layout", engine) && has_plugin(gvc, "render", "svg"))
        return gvc;
    return NULL;
}

cg_error_t cg_export__svg(const cg_graph_t *g, const cg_export_options_t *opts, FILE *fp,
                          cg_errinfo_t *err)
{
    const char *layout = opts ? opts->layout : NULL;
    const char *engine =
        layout ? layout : cg_export_default_layout(cg_graph_node_count(g), cg_graph_edge_count(g));
    Agraph_t *ag = NULL;
    GVC_t *gvc = NULL;
    char *data = NULL;
    unsigned int len = 0;
    int laid_out = 0;
    cg_error_t rc;
    const char *what = "rendering SVG failed";

    /* community boxes only where the engine keeps them apart; borders show them anyway */
    rc = cg_export__dot_build(&ag, g, engine,
                              cg_export__engine_draws_clusters(engine) ? CG_DOT_CLUSTERS : 0u, err);
    if (rc != CG_OK)
        return rc;
    cg_export__gv_errors_begin();
    rc = CG_EGRAPHVIZ;
    if (!(gvc = shared_context(engine))) {
        what = "Graphviz has no layout plugin for this engine or no SVG renderer (is "
               "libgvc's config6a missing? `dot -c` writes it)";
        goto cleanup;
    }
    if (gvLayout(gvc, ag, engine) != 0) {
        what = "Graphviz layout failed";
        goto cleanup;
    }
    laid_out = 1;
    if (gvRenderData(gvc, ag, "svg", &data, &len) != 0 || !data) {
        what = "Graphviz could not render SVG";
        goto cleanup;
    }
    if (fwrite(data, 1, len, fp) != len || ferror(fp)) {
        rc = cg_errinfo_set(err, CG_EIO, NULL, 0, "writing SVG failed");
        goto cleanup;
    }
    rc = CG_OK;
cleanup:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, ag);
    if (ag)
        agclose(ag);
    if (rc == CG_EIO)
        return cg_export__gv_errors_end(CG_OK, NULL, NULL), rc;
    return cg_export__gv_errors_end(rc, what, err);
}

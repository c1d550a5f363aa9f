/*
 * Default options for the sanitizer runtimes, linked into every executable of a
 * CG_SANITIZE (or CG_FUZZ) build, so that ctest, CI and a developer running a binary
 * by hand see the same reports. ASAN_OPTIONS / LSAN_OPTIONS / UBSAN_OPTIONS given in
 * the environment still win.
 *
 * LeakSanitizer records allocation stacks with the fast unwinder, which stops at the
 * first library built without frame pointers: a leak inside Graphviz shows only
 * "gmalloc (libgvc.so)" or "agalloc (libcgraph.so)". The leaks below live inside
 * Graphviz 2.42 and its font stack (reproduced with Debian's own `dot -Tsvg`), so they
 * are suppressed by library; valgrind.supp suppresses the same ones by function, with
 * full stacks, and .ci/run's valgrind pass over `claimgraph run` is what checks
 * claimgraph's own use of Graphviz (agclose, gvFreeLayout, gvFreeRenderData).
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);
const char *__ubsan_default_options(void);

const char *__lsan_default_suppressions(void)
{
    return "leak:libcgraph.so\n"
           "leak:libgvc.so\n"
           "leak:libgvplugin_\n"
           "leak:libfontconfig.so\n"
           "leak:libpango\n"
           "leak:libglib-2.0.so\n"
           "leak:libcairo.so\n";
}

const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}

const char *__ubsan_default_options(void)
{
    return "print_stacktrace=1";
}

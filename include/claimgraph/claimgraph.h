/*
 * claimgraph — who said what, where, and through whom.
 *
 * The pipeline, one header per stage:
 *   article.h  (1) read articles from files, folders, JSON Lines, stdin
 *   extract.h  (2) find attributed claims and resolve their speakers
 *   claims.h       claim records and their JSON Lines form
 *   graph.h    (3) build the provenance graph; graph.json in and out
 *   analyze.h  (4) communities and centrality with igraph
 *   export.h   (5) DOT, SVG, JSON and visualiser formats; reports
 *   pipeline.h     the stages 1-2 driver: many inputs, worker threads
 *   eval.h         score claims against gold annotations (claims or spans)
 *   util.h         atomic output files and other helpers the CLI shares
 */
#ifndef CLAIMGRAPH_H
#define CLAIMGRAPH_H

#define CLAIMGRAPH_VERSION "0.1.0"

#include "error.h"
#include "article.h"
#include "claims.h"
#include "extract.h"
#include "graph.h"
#include "analyze.h"
#include "export.h"
#include "pipeline.h"
#include "eval.h"
#include "util.h"

#endif

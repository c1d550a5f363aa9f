/* How many CPUs this process may run on. */
#ifndef CG_UTIL_CPUS_H
#define CG_UTIL_CPUS_H

/** The CPUs in this process's affinity mask (at least 1; 1 when unknown). */
int cg_usable_cpus(void);

#endif

/* How many CPUs this process may run on (its affinity mask, e.g. under taskset). */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include <sched.h>

#include "0-util/cpus.h"

int cg_usable_cpus(void)
{
    cpu_set_t set;
    int n;

    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return 1;
    n = CPU_COUNT(&set);
    return n > 0 ? n : 1;
}

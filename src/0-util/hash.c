/* Content hashing for stable ids (xxHash from Debian's libxxhash). */
#include <xxhash.h>

#include "claimgraph/util.h"

unsigned long long cg_hash64(const void *data, size_t len)
{
    return (unsigned long long)XXH3_64bits(data, len);
}

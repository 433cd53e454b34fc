// SPDX-License-Identifier: GPL-2.0
/*
 * The content tag of a page (content.h's page_checksum()), checked when a
 * page comes back from swap.  Apart from the generators in content.c, so
 * that what uses only those links no hashing library.
 */
#include "content.h"

#include <xxhash.h>
#ifdef __x86_64__
/* XXH3_64bits as the host's widest vectors allow (AVX2, AVX-512), chosen
 * at run time: Debian builds the library with its x86 dispatcher */
#include <xxh_x86dispatch.h>
#endif

/*
 * XXH3 (xxHash, from Debian's libxxhash): made for checksumming buffers at
 * memory speed.  bench_content times it against the FNV chains it replaced.
 */
u64 page_checksum(const u8 *page)
{
	u64 sum = XXH3_64bits(page, PAGE_SIZE);

#ifdef __x86_64__
	/*
	 * The library's AVX-512 routine returns without vzeroupper: the upper
	 * halves of the vector registers stay dirty, and every SSE instruction
	 * after it (the model is built for SSE2) pays for that.  bench_zswap
	 * saw zswap_store() take 0.3-0.4 us a page more; clear them here.
	 */
	if (__builtin_cpu_supports("avx"))
		__asm__ volatile("vzeroupper");
#endif
	return sum;
}

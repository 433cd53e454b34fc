/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compression algorithms as the kernel's crypto API offers them to zswap
 * (crypto/lzo.c, crypto/lz4.c, crypto/lz4hc.c, crypto/zstd.c), running the
 * real userspace libraries.  One struct zcomp is one transform with its own
 * work memory, like a crypto_acomp tfm plus its per-CPU context.
 */
#ifndef MEMCGLAB_LIB_COMPRESS_H
#define MEMCGLAB_LIB_COMPRESS_H

#include <stddef.h>

#include "lib/compiler.h"

/*
 * The buffer zswap compresses into is two pages long (6.8-6.17), although
 * it declares only PAGE_SIZE of it to the algorithm: an algorithm that does
 * not check the declared room (the kernel's LZO1X-1) may run past it.
 * Destination buffers given to zcomp_compress() must be at least this big
 * for a source of up to PAGE_SIZE bytes.
 */
#define ZCOMP_DST_BUF_SIZE	(2 * PAGE_SIZE)

struct zcomp;

/*
 * Is @name a compressor the model can run?  0 if so; -ENOENT for a kernel
 * algorithm the model does not implement (lzo-rle, deflate, 842: a crypto
 * module that cannot be found); -EINVAL for any other name.
 */
int zcomp_available(const char *name);

/* Allocate a transform; the errors are those of zcomp_available(), or -ENOMEM. */
int zcomp_create(struct zcomp **out, const char *name);
void zcomp_destroy(struct zcomp *zc);
const char *zcomp_name(const struct zcomp *zc);

/*
 * Compress @srclen bytes.  *@dstlen is the room declared to the algorithm on
 * entry (zswap 6.12 declares PAGE_SIZE) and the compressed length on return.
 * @dst must really hold ZCOMP_DST_BUF_SIZE bytes (see above).  Failure is
 * -EINVAL, as every 6.12 crypto compressor reports it, including "the output
 * does not fit in the declared room" (lz4, lz4hc, zstd).
 */
int zcomp_compress(struct zcomp *zc, const void *src, size_t srclen,
		   void *dst, size_t *dstlen);

/*
 * Decompress into @dst of *@dstlen bytes; on return *@dstlen is the length
 * produced.  Corrupt or truncated input, or output that would not fit,
 * is -EINVAL.
 */
int zcomp_decompress(struct zcomp *zc, const void *src, size_t srclen,
		     void *dst, size_t *dstlen);

#endif

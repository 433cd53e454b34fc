// SPDX-License-Identifier: GPL-2.0
/*
 * The compressors zswap can use, run through the real libraries: liblzo2,
 * liblz4 and libzstd.  Models the 6.12 crypto "scomp" algorithms
 * crypto/lzo.c, crypto/lz4.c, crypto/lz4hc.c and crypto/zstd.c as zswap
 * reaches them through crypto_acomp: same algorithm, same level, same
 * handling of the declared output room, same error codes (-EINVAL for every
 * failure).
 *
 * Differences from the kernel:
 *  - the kernel carries its own copies of the libraries (lib/lzo with a
 *    13-bit LZO1X-1 dictionary where liblzo2 uses 14 bits, lib/lz4 1.8.x,
 *    lib/zstd 1.5.x), so a page may compress to a few bytes more or less
 *    than on a real 6.12 kernel; the formats are the same;
 *  - "lzo-rle" (the kernel's own run-length LZO1X variant, built with
 *    CONFIG_CRYPTO_LZO) is not in liblzo2 and is refused with -ENOENT, as a
 *    missing crypto module would be; so are "deflate" and "842";
 *  - sources longer than PAGE_SIZE are refused (scomp allows 128 KiB).
 */
#include "compress.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <lzo/lzo1x.h>
#include <lz4.h>
#include <lz4hc.h>
#define ZSTD_STATIC_LINKING_ONLY	/* ZSTD_getParams() */
#define ZSTD_DISABLE_DEPRECATE_WARNINGS	/* ZSTD_compress_advanced() */
#include <zstd.h>

/* crypto/zstd.c: level 3, parameters chosen for an unknown source size */
#define ZCOMP_ZSTD_LEVEL	3
/* crypto/lz4hc.c: LZ4HC_DEFAULT_CLEVEL */
#define ZCOMP_LZ4HC_LEVEL	9
/* crypto/lz4.c calls LZ4_compress_default(): acceleration 1 */
#define ZCOMP_LZ4_ACCEL		1

struct zcomp;

struct zcomp_ops {
	const char *name;
	int (*init)(struct zcomp *zc);
	void (*exit)(struct zcomp *zc);
	int (*compress)(struct zcomp *zc, const void *src, size_t slen,
			void *dst, size_t *dlen);
	int (*decompress)(struct zcomp *zc, const void *src, size_t slen,
			  void *dst, size_t *dlen);
};

struct zcomp {
	const struct zcomp_ops *ops;
	void *wrkmem;			/* lzo dictionary, lz4/lz4hc state */
	ZSTD_CCtx *cctx;
	ZSTD_DCtx *dctx;
	ZSTD_parameters zparams;
};

/* ---- lzo: LZO1X-1 ---- */

static int lzo_init_ctx(struct zcomp *zc)
{
	if (lzo_init() != LZO_E_OK)
		return -EINVAL;
	zc->wrkmem = malloc(LZO1X_1_MEM_COMPRESS);
	return zc->wrkmem ? 0 : -ENOMEM;
}

/*
 * LZO1X-1 takes no output bound: like the 6.12 kernel's, it may write past
 * the declared room (up to srclen + srclen / 16 + 67 bytes), which is why
 * the destination is two pages long.
 */
static int lzo_compress_page(struct zcomp *zc, const void *src, size_t slen,
			     void *dst, size_t *dlen)
{
	lzo_uint out = *dlen;

	if (lzo1x_1_compress(src, slen, dst, &out, zc->wrkmem) != LZO_E_OK)
		return -EINVAL;
	*dlen = out;
	return 0;
}

static int lzo_decompress_page(struct zcomp *zc, const void *src, size_t slen,
			       void *dst, size_t *dlen)
{
	lzo_uint out = *dlen;

	if (lzo1x_decompress_safe(src, slen, dst, &out, NULL) != LZO_E_OK)
		return -EINVAL;
	*dlen = out;
	return 0;
}

/* ---- lz4 and lz4hc ---- */

static int lz4_init_ctx(struct zcomp *zc)
{
	zc->wrkmem = malloc(LZ4_sizeofState());
	return zc->wrkmem ? 0 : -ENOMEM;
}

static int lz4hc_init_ctx(struct zcomp *zc)
{
	zc->wrkmem = malloc(LZ4_sizeofStateHC());
	return zc->wrkmem ? 0 : -ENOMEM;
}

static int lz4_compress_page(struct zcomp *zc, const void *src, size_t slen,
			     void *dst, size_t *dlen)
{
	int out = LZ4_compress_fast_extState(zc->wrkmem, src, dst, (int)slen,
					     (int)*dlen, ZCOMP_LZ4_ACCEL);

	if (out <= 0)
		return -EINVAL;
	*dlen = out;
	return 0;
}

static int lz4hc_compress_page(struct zcomp *zc, const void *src, size_t slen,
			       void *dst, size_t *dlen)
{
	int out = LZ4_compress_HC_extStateHC(zc->wrkmem, src, dst, (int)slen,
					     (int)*dlen, ZCOMP_LZ4HC_LEVEL);

	if (out <= 0)
		return -EINVAL;
	*dlen = out;
	return 0;
}

static int lz4_decompress_page(struct zcomp *zc, const void *src, size_t slen,
			       void *dst, size_t *dlen)
{
	int out = LZ4_decompress_safe(src, dst, (int)slen, (int)*dlen);

	if (out < 0)
		return -EINVAL;
	*dlen = out;
	return 0;
}

/* ---- zstd ---- */

static int zstd_init_ctx(struct zcomp *zc)
{
	/* as zstd_get_params(ZSTD_DEF_LEVEL, 0): source size unknown */
	zc->zparams = ZSTD_getParams(ZCOMP_ZSTD_LEVEL, 0, 0);
	zc->cctx = ZSTD_createCCtx();
	zc->dctx = ZSTD_createDCtx();
	return zc->cctx && zc->dctx ? 0 : -ENOMEM;
}

static void zstd_exit_ctx(struct zcomp *zc)
{
	ZSTD_freeCCtx(zc->cctx);
	ZSTD_freeDCtx(zc->dctx);
}

/*
 * The kernel's zstd_compress_cctx() is ZSTD_compress_advanced() with the
 * parameters fixed at init; ZSTD_compress2() would instead shrink the
 * tables to the 4 KiB source and compress slightly differently.
 */
static int zstd_compress_page(struct zcomp *zc, const void *src, size_t slen,
			      void *dst, size_t *dlen)
{
	size_t out = ZSTD_compress_advanced(zc->cctx, dst, *dlen, src, slen,
					    NULL, 0, zc->zparams);

	if (ZSTD_isError(out))
		return -EINVAL;
	*dlen = out;
	return 0;
}

static int zstd_decompress_page(struct zcomp *zc, const void *src, size_t slen,
				void *dst, size_t *dlen)
{
	size_t out = ZSTD_decompressDCtx(zc->dctx, dst, *dlen, src, slen);

	if (ZSTD_isError(out))
		return -EINVAL;
	*dlen = out;
	return 0;
}

static const struct zcomp_ops zcomp_algs[] = {
	{ "lzo", lzo_init_ctx, NULL, lzo_compress_page, lzo_decompress_page },
	{ "lz4", lz4_init_ctx, NULL, lz4_compress_page, lz4_decompress_page },
	{ "lz4hc", lz4hc_init_ctx, NULL, lz4hc_compress_page, lz4_decompress_page },
	{ "zstd", zstd_init_ctx, zstd_exit_ctx, zstd_compress_page,
	  zstd_decompress_page },
};

/* Kernel compressors the model cannot run: "module not found". */
static const char *const zcomp_missing[] = { "lzo-rle", "deflate", "842" };

static const struct zcomp_ops *zcomp_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(zcomp_algs); i++)
		if (!strcmp(zcomp_algs[i].name, name))
			return &zcomp_algs[i];
	return NULL;
}

int zcomp_available(const char *name)
{
	size_t i;

	if (!name)
		return -EINVAL;
	if (zcomp_find(name))
		return 0;
	for (i = 0; i < ARRAY_SIZE(zcomp_missing); i++)
		if (!strcmp(zcomp_missing[i], name))
			return -ENOENT;
	return -EINVAL;
}

void zcomp_destroy(struct zcomp *zc)
{
	if (!zc)
		return;
	if (zc->ops->exit)
		zc->ops->exit(zc);
	free(zc->wrkmem);
	free(zc);
}

int zcomp_create(struct zcomp **out, const char *name)
{
	struct zcomp *zc;
	int err;

	*out = NULL;
	err = zcomp_available(name);
	if (err)
		return err;
	zc = calloc(1, sizeof(*zc));
	if (!zc)
		return -ENOMEM;
	zc->ops = zcomp_find(name);
	err = zc->ops->init(zc);
	if (err)
		goto fail;
	*out = zc;
	return 0;
fail:
	zcomp_destroy(zc);
	return err;
}

const char *zcomp_name(const struct zcomp *zc)
{
	return zc->ops->name;
}

int zcomp_compress(struct zcomp *zc, const void *src, size_t srclen,
		   void *dst, size_t *dstlen)
{
	if (!srclen || srclen > PAGE_SIZE || !*dstlen)
		return -EINVAL;
	/* a declared room beyond the real buffer would let lz4/zstd overrun it */
	if (*dstlen > ZCOMP_DST_BUF_SIZE)
		*dstlen = ZCOMP_DST_BUF_SIZE;
	return zc->ops->compress(zc, src, srclen, dst, dstlen);
}

int zcomp_decompress(struct zcomp *zc, const void *src, size_t srclen,
		     void *dst, size_t *dstlen)
{
	if (!srclen || !*dstlen)
		return -EINVAL;
	return zc->ops->decompress(zc, src, srclen, dst, dstlen);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for mm/zsmalloc.c: the 6.12 size-class table with
 * CONFIG_ZSMALLOC_CHAIN_SIZE=8 (checked against hand computations below),
 * error returns, pool growth and shrink in whole zspages with the machine's
 * free pages and nr_zspages following, object bytes kept intact across the
 * frame boundary of a zspage, huge objects taking a frame each, compaction,
 * and the debugfs "classes" table.
 *
 * Hand computation (4 KiB pages).  An object of n bytes needs n + 8 (its
 * handle); the slot is ceil((need - 32) / 16), 0 for need <= 32, and slot
 * i nominally holds 32 + 16 i bytes.  A class of size s uses 1 frame if s
 * is a power of two, otherwise the first k in 1..8 minimising
 * (k * 4096) mod s, and holds floor(k * 4096 / s) objects.  Building from
 * slot 254 down, a slot whose (k, objects) equals the previous class's
 * shares that class.
 *
 *  slot   0, 32 B:   power of two                          -> 1 frame, 128
 *  slot   1, 48 B:   waste 16, 32, 0                       -> 3 frames, 256
 *  slot   5, 112 B:  waste 64, 16, 80, 32, 96, 48, 0       -> 7 frames, 256
 *                    (zs_malloc(100): need 108, slot 5)
 *  slot  11, 208 B:  waste 144, 80, 16, 160, 96, 32, 176, 112
 *                                                          -> 3 frames, 59
 *  slot  62, 1024 B: power of two                          -> 1 frame, 4
 *  slot  61, 1008 B: waste 64, 128, ... 512                -> 1 frame, 4:
 *                    same as slot 62, merged into it
 *  slot 134, 2176 B: waste 1920, 1664, ... 384, 128        -> 8 frames, 15
 *  slot 127, 2064 B: waste 2032, 2000, ... 1840, 1808      -> 8 frames, 15;
 *                    so are 128..133: all merged into 134 (zs_malloc(2048)
 *                    needs 2056, slot 127, and gets a 2176-byte slot)
 *  slot 225, 3632 B: waste 464, 928, ... 3248, then 80 (9 * 3632 = 32688)
 *                                                          -> 8 frames, 9
 *  slot 226, 3648 B: waste 448, 896, ... 3584 (9 objects need 32832 bytes)
 *                    -> 1 frame, 1 object: huge, merged with slot 254
 *  slot 254, 4096 B: power of two                          -> 1 frame, 1
 *
 * So the huge range starts above 3632: huge_class_size = 3632 - 7 = 3625
 * (the 3264 often quoted is for the old chain of 4).  A script running the
 * same algorithm counts 119 distinct classes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "lib/strbuf.h"
#include "mm/debug.h"
#include "mm/page_alloc.h"
#include "mm/vmstat.h"
#include "mm/zsmalloc.h"
#include "fixture.h"
#include "tap.h"

#define NOWAIT	(GFP_NOWAIT | __GFP_NORETRY | __GFP_NOWARN)

static struct machine *new_machine(bool content_model)
{
	const struct machine_config cfg = {
		.memory_bytes = 64ull << 20,
		.nr_cpus = 2,
		.nr_nodes = 1,
		.disk_bytes = 16ull << 20,
		.seed = 1,
		.content_model = content_model,
	};

	return machine_create(&cfg);
}

static unsigned long nr_zspages(struct machine *m)
{
	return global_zone_page_state(m, NR_ZSPAGES);
}

static void expect_class(struct zs_pool *pool, unsigned int idx, int size,
			 int pages, int objs)
{
	struct zs_class_info ci;

	if (!ok(!zs_class_info(pool, idx, &ci), "class %u has a row", idx))
		return;
	is_long(ci.size, size, "class %u: size", idx);
	is_long(ci.pages_per_zspage, pages, "class %u: pages per zspage", idx);
	is_long(ci.objs_per_zspage, objs, "class %u: objects per zspage", idx);
}

static void test_class_table(struct zs_pool *pool)
{
	struct zs_class_info ci;
	unsigned int i, distinct = 0;

	is_long(ZS_SIZE_CLASSES, 255, "255 size-class slots");
	expect_class(pool, 0, 32, 1, 128);
	expect_class(pool, 1, 48, 3, 256);
	expect_class(pool, 5, 112, 7, 256);
	expect_class(pool, 11, 208, 3, 59);
	expect_class(pool, 62, 1024, 1, 4);
	expect_class(pool, 134, 2176, 8, 15);
	expect_class(pool, 225, 3632, 8, 9);
	expect_class(pool, 254, 4096, 1, 1);

	is_long(zs_lookup_class_index(pool, 1 + 8), 0, "1 byte: class 0");
	is_long(zs_lookup_class_index(pool, 24 + 8), 0, "24 bytes: class 0");
	is_long(zs_lookup_class_index(pool, 25 + 8), 1, "25 bytes: class 1");
	is_long(zs_lookup_class_index(pool, 100 + 8), 5, "100 bytes: class 5");
	is_long(zs_lookup_class_index(pool, 1000 + 8), 62,
		"1000 bytes: slot 61, merged into class 62");
	is_long(zs_class_info(pool, 61, &ci), -ENOENT, "slot 61 has no row");
	is_long(zs_lookup_class_index(pool, 2048 + 8), 134,
		"2048 bytes: slot 127, merged into class 134");
	for (i = 127; i < 134; i++)
		if (zs_lookup_class_index(pool, 32 + 16 * i) != 134)
			break;
	is_long(i, 134, "slots 127..133 all share class 134");
	is_long(zs_huge_class_size(pool), 3625, "huge class size 3625");
	is_long(zs_lookup_class_index(pool, 3624 + 8), 225, "3624 bytes: class 225");
	is_long(zs_lookup_class_index(pool, 3625 + 8), 254, "3625 bytes: huge class");
	is_long(zs_lookup_class_index(pool, 4096 + 8), 254, "4096 bytes: huge class");

	for (i = 0; i < ZS_SIZE_CLASSES; i++)
		distinct += !zs_class_info(pool, i, &ci);
	is_long(distinct, 119, "119 distinct classes");
}

static void test_errors(struct zs_pool *pool)
{
	unsigned long h;

	h = zs_malloc(pool, 0, NOWAIT);
	ok(zs_handle_is_err(h), "size 0 fails");
	is_long(zs_handle_err(h), -EINVAL, "size 0: -EINVAL");
	h = zs_malloc(pool, PAGE_SIZE + 1, NOWAIT);
	is_long(zs_handle_err(h), -ENOSPC, "4097 bytes: -ENOSPC");
	zs_free(pool, 0);
	zs_free(pool, h);
	is_long(zs_get_total_pages(pool), 0, "failed allocations take no pages");
}

/* 100-byte objects: class 5, 256 per 7-frame zspage. */
static void test_growth(struct machine *m, struct zs_pool *pool)
{
	unsigned long free0 = global_free_pages(m), h[257];
	struct zs_class_info ci;
	int i;

	h[0] = zs_malloc(pool, 100, NOWAIT);
	ok(!zs_handle_is_err(h[0]) && h[0], "first object allocated");
	is_long(zs_get_total_pages(pool), 7, "first object: a 7-frame zspage");
	is_long(free0 - global_free_pages(m), 7, "machine lost 7 free pages");
	is_long(nr_zspages(m), 7, "nr_zspages 7");
	for (i = 1; i < 128; i++)
		h[i] = zs_malloc(pool, 100, NOWAIT);
	zs_class_info(pool, 5, &ci);
	is_long(ci.zspages[6], 1, "128 of 256 used: 50%% lands in group 6");
	for (; i < 256; i++)
		h[i] = zs_malloc(pool, 100, NOWAIT);
	is_long(zs_get_total_pages(pool), 7, "256 objects fit one zspage");
	h[256] = zs_malloc(pool, 100, NOWAIT);
	is_long(zs_get_total_pages(pool), 14, "257th object: a second zspage");
	is_long(free0 - global_free_pages(m), 14, "machine lost 14 free pages");
	zs_class_info(pool, 5, &ci);
	is_long(ci.objs_allocated, 512, "512 objects allocated");
	is_long(ci.objs_inuse, 257, "257 in use");
	is_long(ci.zspages[ZS_INUSE_RATIO_100], 1, "one full zspage");
	is_long(ci.zspages[ZS_INUSE_RATIO_10], 1, "one at 1/256: group 10%%");
	is_long(ci.freeable, 0, "nothing to compact");

	zs_free(pool, h[256]);
	is_long(zs_get_total_pages(pool), 7, "emptied zspage freed at once");
	is_long(free0 - global_free_pages(m), 7, "its frames went back");
	for (i = 0; i < 256; i++)
		zs_free(pool, h[i]);
	is_long(zs_get_total_pages(pool), 0, "all freed: no pages");
	is_long(global_free_pages(m), free0, "free pages restored");
	is_long(nr_zspages(m), 0, "nr_zspages 0");
}

static void pattern(u8 *buf, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (u8)(seed * 131 + i * 7 + (i >> 8));
}

static bool object_is(struct zs_pool *pool, unsigned long h, size_t len,
		      unsigned int seed)
{
	u8 want[PAGE_SIZE], got[PAGE_SIZE];

	pattern(want, len, seed);
	memset(got, 0, len);
	zs_obj_read(pool, h, got, len);
	return !memcmp(want, got, len);
}

static void put_object(struct zs_pool *pool, unsigned long h, size_t len,
		       unsigned int seed)
{
	u8 buf[PAGE_SIZE];

	pattern(buf, len, seed);
	zs_obj_write(pool, h, buf, len);
}

/*
 * zs_obj_read_begin() hands out the object in place when it lies within one
 * frame, and a copy in the caller's buffer when it straddles two.
 */
static void test_read_begin(struct zs_pool *pool, const unsigned long *h)
{
	u8 local[PAGE_SIZE], want[104];
	const u8 *p;

	memset(local, 0, sizeof(local));
	p = zs_obj_read_begin(pool, h[34], local);
	pattern(want, sizeof(want), 34);
	ok(p && p != local && !memcmp(p, want, sizeof(want)),
	   "read_begin: object 34, within a frame, is read in place");
	p = zs_obj_read_begin(pool, h[36], local);
	pattern(want, sizeof(want), 36);
	ok(p == local && !memcmp(p, want, sizeof(want)),
	   "read_begin: object 36, across frames, comes back copied whole");
}

/*
 * The kernel's order: freed objects come back last-freed first, then the
 * zspage's never-used ones in index order.  Class 5 objects are 112 bytes
 * apart and the first few lie in frame 0, so their addresses show it.
 */
static void test_free_order(struct zs_pool *pool)
{
	u8 local[PAGE_SIZE];
	const u8 *at[5], *again[3];
	unsigned long h[5], g[3];
	int i;

	for (i = 0; i < 5; i++) {
		h[i] = zs_malloc(pool, 100, NOWAIT);
		at[i] = zs_obj_read_begin(pool, h[i], local);
	}
	ok(at[1] - at[0] == 112 && at[4] - at[0] == 4 * 112,
	   "order: a new zspage hands out objects in index order");
	zs_free(pool, h[1]);
	zs_free(pool, h[3]);
	for (i = 0; i < 3; i++) {
		g[i] = zs_malloc(pool, 100, NOWAIT);
		again[i] = zs_obj_read_begin(pool, g[i], local);
	}
	ok(again[0] == at[3] && again[1] == at[1],
	   "order: freed objects come back last-freed first");
	ok(again[2] == at[4] + 112, "order: then the next never-used one");
	zs_free(pool, h[0]);
	zs_free(pool, h[2]);
	zs_free(pool, h[4]);
	for (i = 0; i < 3; i++)
		zs_free(pool, g[i]);
	is_long(zs_get_total_pages(pool), 0, "order: pool empty again");
}

/*
 * Class 5 objects sit at 112 i in the zspage: object 36 covers bytes 4032
 * to 4143 and object 73 bytes 8176 to 8287, each across a frame boundary.
 * Payloads are 104 bytes (112 minus the handle).
 */
static void test_span_bytes(struct machine *m, struct zs_pool *pool)
{
	unsigned long h[256], bugs = m->nr_bugs;
	int i, bad = 0;

	for (i = 0; i < 256; i++) {
		h[i] = zs_malloc(pool, 100, NOWAIT);
		put_object(pool, h[i], 104, i);
	}
	for (i = 0; i < 256; i++)
		bad += !object_is(pool, h[i], 104, i);
	is_long(bad, 0, "all 256 objects intact, straddling ones included");
	ok(object_is(pool, h[36], 104, 36) && object_is(pool, h[73], 104, 73),
	   "objects 36 and 73 (across frames) read back");

	for (i = 1; i < 256; i += 2)
		zs_free(pool, h[i]);
	for (i = 1; i < 256; i += 2) {
		h[i] = zs_malloc(pool, 100, NOWAIT);
		put_object(pool, h[i], 104, 1000 + i);
	}
	is_long(zs_get_total_pages(pool), 7, "freed slots reused in place");
	for (bad = 0, i = 0; i < 256; i++)
		bad += !object_is(pool, h[i], 104, i & 1 ? 1000 + i : i);
	is_long(bad, 0, "after free and reuse, every object intact");

	test_read_begin(pool, h);

	printf("# expected on stderr: a BUG for a 105-byte write\n");
	put_object(pool, h[0], 105, 5);
	is_long(m->nr_bugs, bugs + 1, "writing past an object is a model bug");
	ok(object_is(pool, h[0], 104, 0), "and writes nothing");
	m->nr_bugs = bugs;
	for (i = 0; i < 256; i++)
		zs_free(pool, h[i]);
	is_long(zs_get_total_pages(pool), 0, "span test: pool empty again");
}

static void test_huge(struct machine *m, struct zs_pool *pool)
{
	unsigned long free0 = global_free_pages(m), h[4], h225;
	struct zs_class_info ci;
	int i;

	for (i = 0; i < 3; i++)
		h[i] = zs_malloc(pool, 3625 + i, NOWAIT);
	h[3] = zs_malloc(pool, PAGE_SIZE, NOWAIT);
	is_long(zs_get_total_pages(pool), 4, "4 huge objects: 4 pages");
	is_long(free0 - global_free_pages(m), 4, "one frame each");
	zs_class_info(pool, 254, &ci);
	is_long(ci.objs_inuse, 4, "all in the 4096 class");
	put_object(pool, h[3], PAGE_SIZE, 77);
	ok(object_is(pool, h[3], PAGE_SIZE, 77), "a whole page stored as-is");
	put_object(pool, h[0], 3625, 78);
	ok(object_is(pool, h[0], 3625, 78), "a 3625-byte object intact");

	h225 = zs_malloc(pool, 3624, NOWAIT);
	is_long(zs_get_total_pages(pool), 12, "3624 bytes: class 225's 8 frames");
	put_object(pool, h225, 3624, 79);
	ok(object_is(pool, h225, 3624, 79), "a class-225 object intact");
	zs_free(pool, h225);
	for (i = 0; i < 4; i++)
		zs_free(pool, h[i]);
	is_long(zs_get_total_pages(pool), 0, "huge objects freed");
	is_long(global_free_pages(m), free0, "their frames went back");
}

/*
 * 1024 objects of 100 bytes fill 4 zspages (28 frames).  Keeping one in 4
 * leaves each zspage 25% used; compaction moves three zspages' survivors
 * into the fourth: (1024 - 256) / 256 * 7 = 21 frames freed.
 */
static void test_compact(struct zs_pool *pool)
{
	static unsigned long h[1024];
	struct zs_pool_stats st;
	int i, bad = 0;

	for (i = 0; i < 1024; i++) {
		h[i] = zs_malloc(pool, 100, NOWAIT);
		put_object(pool, h[i], 104, 5000 + i);
	}
	is_long(zs_get_total_pages(pool), 28, "1024 objects: 28 frames");
	for (i = 0; i < 1024; i++)
		if (i % 4)
			zs_free(pool, h[i]);
	is_long(zs_get_total_pages(pool), 28, "sparse zspages stay");
	is_long(zs_compactable_pages(pool), 21, "21 frames compactable");
	is_long(zs_compact(pool), 21, "compaction frees 21 frames");
	is_long(zs_get_total_pages(pool), 7, "one zspage left");
	is_long(zs_compactable_pages(pool), 0, "nothing more to compact");
	zs_pool_stats(pool, &st);
	is_long(st.pages_compacted, 21, "pages_compacted 21");
	for (i = 0; i < 1024; i += 4)
		bad += !object_is(pool, h[i], 104, 5000 + i);
	is_long(bad, 0, "moved objects intact, through their old handles");
	for (i = 0; i < 1024; i += 4)
		zs_free(pool, h[i]);
	is_long(zs_get_total_pages(pool), 0, "compacted pool emptied");
}

static const char *find_row(const char *text, const char *prefix)
{
	const char *line = text;

	while (line && *line) {
		if (!strncmp(line, prefix, strlen(prefix)))
			return line;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return NULL;
}

static void test_stats_show(struct zs_pool *pool)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned long g[11], alloc, used, pages, freeable;
	unsigned long h = zs_malloc(pool, 100, NOWAIT);
	const char *row;
	int ppz, n;

	zs_stats_size_show(pool, &sb);
	ok(sb.buf && !strncmp(sb.buf, " class  size       10%       20%", 32),
	   "classes: header");
	row = find_row(sb.buf, "     5   112 ");
	ok(row != NULL, "classes: a row for class 5");
	n = row ? sscanf(row + 13,
			 "%lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %d %lu",
			 &g[0], &g[1], &g[2], &g[3], &g[4], &g[5], &g[6], &g[7],
			 &g[8], &g[9], &g[10], &alloc, &used, &pages, &ppz,
			 &freeable) : 0;
	is_long(n, 16, "classes: 16 numbers after class and size");
	ok(n == 16 && g[0] == 1 && alloc == 256 && used == 1 && pages == 7 &&
	   ppz == 7 && freeable == 0,
	   "class 5: one zspage at 10%%, 256 allocated, 1 used, 7 pages");
	ok(find_row(sb.buf, " Total ") != NULL, "classes: a Total row");
	ok(find_row(sb.buf, "     6   128 ") != NULL &&
	   !find_row(sb.buf, "    61  1008 "),
	   "merged slots have no row");
	sb_release(&sb);
	zs_free(pool, h);
}

static void test_destroy_live(struct machine *m)
{
	unsigned long free0 = global_free_pages(m), bugs = m->nr_bugs;
	struct zs_pool *pool = zs_create_pool(m, "leaky");

	zs_malloc(pool, 100, NOWAIT);
	zs_malloc(pool, 4000, NOWAIT);
	is_long(free0 - global_free_pages(m), 8, "two classes, 8 frames");
	printf("# expected on stderr: two BUGs for classes left non-empty\n");
	zs_destroy_pool(pool);
	is_long(m->nr_bugs, bugs + 2, "destroying a non-empty pool is a bug per class");
	is_long(global_free_pages(m), free0, "and its frames are returned");
	is_long(nr_zspages(m), 0, "nr_zspages 0");
	m->nr_bugs = bugs;
}

/*
 * Has this process written the host page behind @p?  Its pagemap entry is
 * present and exclusive (a page only read maps the shared zero page,
 * which is not).  -1 if the pagemap cannot be read.
 */
static int host_written(const void *p)
{
	long size = sysconf(_SC_PAGESIZE);
	off_t at = (off_t)((uintptr_t)p / size) * 8;
	int fd = open("/proc/self/pagemap", O_RDONLY);
	u64 e = 0;
	int ret = -1;

	if (fd >= 0 && pread(fd, &e, sizeof(e), at) == sizeof(e))
		ret = (e >> 63 & 1) && (e >> 56 & 1);
	if (fd >= 0)
		close(fd);
	return ret;
}

/*
 * content=model: objects whose bytes zswap never writes (a described page)
 * leave their zspage's frames untouched: the pool costs the host nothing
 * for them.  An object that is written (a page of real bytes) is kept, and
 * compaction moves it intact; the pool's frames and sizes are as above.
 */
static void test_heads_aside(void)
{
	struct machine *m = new_machine(true);
	struct zs_pool *pool = m ? zs_create_pool(m, "model") : NULL;
	static u8 copy[PAGE_SIZE];
	unsigned long h[1024], first;
	int i, bad = 0, touched = 0;

	if (!ok(pool != NULL, "content=model: pool created"))
		return;
	for (i = 0; i < 1024; i++)
		h[i] = zs_malloc(pool, 100, NOWAIT);
	is_long(zs_get_total_pages(pool), 28, "content=model: 28 frames");
	first = global_free_pages(m);
	for (i = 0; i < 1024; i++) {
		const void *at = zs_obj_read_begin(pool, h[i], copy);

		if (at != copy)
			touched += host_written(at);
	}
	is_long(touched, 0, "no object without bytes wrote to its frame");
	for (i = 0; i < 1024; i += 4)
		put_object(pool, h[i], 104, 7000 + i);
	for (i = 0; i < 1024; i++)
		if (i % 4)
			zs_free(pool, h[i]);
	is_long(zs_compact(pool), 21, "content=model: compaction frees 21");
	for (i = 0; i < 1024; i += 4)
		bad += !object_is(pool, h[i], 104, 7000 + i);
	is_long(bad, 0, "written objects moved intact");
	for (i = 0; i < 1024; i += 4)
		zs_free(pool, h[i]);
	is_long(global_free_pages(m), first + 28, "all frames back");
	zs_destroy_pool(pool);
	is_long(m->nr_bugs, 0, "content=model: no model bugs");
	destroy_machine(m);
}

int main(void)
{
	struct machine *m = new_machine(false);
	struct strbuf why = STRBUF_INIT;
	struct zs_pool *pool;

	if (!ok(m != NULL, "machine boots"))
		return done_testing();
	pool = zs_create_pool(m, "zswap0");
	if (!ok(pool != NULL, "pool created"))
		return done_testing();
	is_str(zs_pool_name(pool), "zswap0", "pool name");

	test_class_table(pool);
	test_errors(pool);
	test_growth(m, pool);
	test_free_order(pool);
	test_span_bytes(m, pool);
	test_huge(m, pool);
	test_compact(pool);
	test_stats_show(pool);
	is_long(mm_verify(m, &why), 0, "mm_verify after the pool's work");
	if (why.len)
		printf("# %s\n", why.buf);
	zs_destroy_pool(pool);
	test_destroy_live(m);
	is_long(m->nr_bugs, 0, "no model bugs");
	sb_release(&why);
	destroy_machine(m);
	test_heads_aside();
	return done_testing();
}

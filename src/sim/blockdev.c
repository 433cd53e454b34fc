// SPDX-License-Identifier: GPL-2.0
/*
 * A block device backed by an unlinked temporary file in $TMPDIR (or /tmp).
 * Sparse: only written blocks take host disk space, and a discard gives
 * theirs back.  Consecutive writes are gathered and reach the file by one
 * pwrite (a plugged queue's merge); a block that could not be written
 * reads back as EIO, never as other bytes.  Reads are synchronous
 * (their virtual-time cost comes from the machine's cost table); writes
 * may be submitted asynchronously and complete as events (blockdev.h).
 */
#define _GNU_SOURCE	/* fallocate() */
#include "blockdev.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/bitops.h"
#include "lib/list.h"
#include "sim/content.h"

static size_t desc_bytes(const struct blockdev *bdev)
{
	return bdev->nr_blocks * sizeof(struct page_desc);
}

int blockdev_open(struct blockdev *bdev, u64 bytes, bool describe)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	void *desc;

	memset(bdev, 0, sizeof(*bdev));
	snprintf(path, sizeof(path), "%s/memcglab-bdev-XXXXXX",
		 dir && *dir ? dir : "/tmp");
	bdev->fd = mkstemp(path);
	if (bdev->fd < 0)
		return -errno;
	unlink(path);
	bdev->nr_blocks = bytes >> PAGE_SHIFT;
	if (!describe || !bdev->nr_blocks)
		return 0;
	desc = mmap(NULL, desc_bytes(bdev), PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (desc == MAP_FAILED)
		return -ENOMEM;
	bdev->desc = desc;
	return 0;
}

void blockdev_close(struct blockdev *bdev)
{
	if (bdev->desc)
		munmap(bdev->desc, desc_bytes(bdev));
	bdev->desc = NULL;
	if (bdev->clock)
		sim_event_cancel(bdev->clock, &bdev->done);
	free(bdev->q);
	bdev->q = NULL;
	/* the file goes with what was gathered for it */
	free(bdev->wbuf);
	bdev->wbuf = NULL;
	bdev->wnr = 0;
	free(bdev->lost);
	bdev->lost = NULL;
	free(bdev->rbuf);
	bdev->rbuf = NULL;
	bdev->rnr = 0;
	bdev->nr = bdev->alloc = bdev->head = 0;
	if (bdev->fd >= 0)
		close(bdev->fd);
	bdev->fd = -1;
}

/* should_fail_bio(): an injected I/O error */
static bool fail_bio(struct blockdev *bdev)
{
	return bdev->make_it_fail && bdev->should_fail &&
	       bdev->should_fail(bdev, PAGE_SIZE);
}

static int pwrite_all(int fd, const u8 *buf, size_t len, off_t off)
{
	while (len) {
		ssize_t n = pwrite(fd, buf, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -EIO;
		buf += n;
		len -= n;
		off += n;
	}
	return 0;
}

/* The host could not hold @block: it reads back as EIO until rewritten. */
static void mark_lost(struct blockdev *bdev, u64 block)
{
	if (!bdev->lost)
		bdev->lost = calloc(BITS_TO_LONGS(bdev->nr_blocks),
				    sizeof(long));
	if (!bdev->lost)
		abort();	/* the host is out of memory */
	__set_bit(block, bdev->lost);
}

static bool is_lost(const struct blockdev *bdev, u64 block)
{
	return bdev->lost && test_bit(block, bdev->lost);
}

/* Blocks [@block, @block + @nr) change in the file: forget them read. */
static void drop_readahead(struct blockdev *bdev, u64 block, u64 nr)
{
	if (bdev->rnr && block < bdev->rstart + bdev->rnr &&
	    bdev->rstart < block + nr)
		bdev->rnr = 0;
}

void blockdev_flush(struct blockdev *bdev)
{
	unsigned int i;

	if (!bdev->wnr)
		return;
	drop_readahead(bdev, bdev->wstart, bdev->wnr);
	if (pwrite_all(bdev->fd, bdev->wbuf, (size_t)bdev->wnr * PAGE_SIZE,
		       (off_t)(bdev->wstart << PAGE_SHIFT)))
		/* one by one: only what the host refuses is lost */
		for (i = 0; i < bdev->wnr; i++)
			if (pwrite_all(bdev->fd, bdev->wbuf + i * PAGE_SIZE,
				       PAGE_SIZE, (off_t)((bdev->wstart + i)
							  << PAGE_SHIFT)))
				mark_lost(bdev, bdev->wstart + i);
	bdev->wnr = 0;
}

static bool gathered(const struct blockdev *bdev, u64 block)
{
	return bdev->wnr && block >= bdev->wstart &&
	       block < bdev->wstart + bdev->wnr;
}

/* Gather @buf for @block, after the held run if it is the next one. */
static void gather(struct blockdev *bdev, u64 block, const void *buf)
{
	if (!gathered(bdev, block) &&
	    (block != bdev->wstart + bdev->wnr || bdev->wnr == BLK_WBATCH))
		blockdev_flush(bdev);
	if (!bdev->wnr)
		bdev->wstart = block;
	if (block == bdev->wstart + bdev->wnr)
		bdev->wnr++;
	memcpy(bdev->wbuf + (block - bdev->wstart) * PAGE_SIZE, buf,
	       PAGE_SIZE);
}

int blockdev_write(struct blockdev *bdev, u64 block, const void *buf)
{
	if (block >= bdev->nr_blocks)
		return -ENOSPC;
	if (fail_bio(bdev))
		return -EIO;
	if (!bdev->wbuf)
		bdev->wbuf = malloc(BLK_WBATCH * PAGE_SIZE);
	if (!bdev->wbuf)
		abort();	/* the host is out of memory */
	gather(bdev, block, buf);
	drop_readahead(bdev, block, 1);
	if (is_lost(bdev, block))
		__clear_bit(block, bdev->lost);
	if (bdev->desc)
		bdev->desc[block] = (struct page_desc){ .kind = PD_RAW };
	bdev->writes++;
	return 0;
}

int blockdev_write_desc(struct blockdev *bdev, u64 block,
			const struct page_desc *d)
{
	if (block >= bdev->nr_blocks)
		return -ENOSPC;
	if (fail_bio(bdev))
		return -EIO;
	bdev->desc[block] = *d;
	bdev->writes++;
	return 0;
}

/* A PD_RAW block is then read with blockdev_read(), which counts it. */
int blockdev_read_desc(struct blockdev *bdev, u64 block, struct page_desc *d)
{
	if (block >= bdev->nr_blocks)
		return -EIO;
	*d = bdev->desc[block];
	if (d->kind == PD_RAW)
		return 0;
	if (fail_bio(bdev))
		return -EIO;
	bdev->reads++;
	return 0;
}

/* pread that reads past the end of the file as zeroes */
static int pread_zero(int fd, u8 *buf, size_t len, off_t off)
{
	ssize_t n = pread(fd, buf, len, off);

	if (n < 0)
		return -EIO;
	if ((size_t)n < len)
		memset(buf + n, 0, len - n);
	return 0;
}

/* @block follows the last read: the window from it on, by one pread. */
static int fill_window(struct blockdev *bdev, u64 block)
{
	unsigned int nr = min((u64)BLK_WBATCH, bdev->nr_blocks - block);

	if (!bdev->rbuf)
		bdev->rbuf = malloc(BLK_WBATCH * PAGE_SIZE);
	if (!bdev->rbuf)
		abort();	/* the host is out of memory */
	bdev->rnr = 0;
	if (pread_zero(bdev->fd, bdev->rbuf, (size_t)nr * PAGE_SIZE,
		       (off_t)(block << PAGE_SHIFT)))
		return -EIO;
	bdev->rstart = block;
	bdev->rnr = nr;
	return 0;
}

static bool in_window(const struct blockdev *bdev, u64 block)
{
	return bdev->rnr && block >= bdev->rstart &&
	       block < bdev->rstart + bdev->rnr;
}

/*
 * The newest bytes of @block: held for writing, read ahead, or in the
 * file (a block held for writing is never in the window: see gather()).
 */
int blockdev_read(struct blockdev *bdev, u64 block, void *buf)
{
	const u8 *from = NULL;
	int err = 0;

	if (block >= bdev->nr_blocks || fail_bio(bdev) || is_lost(bdev, block))
		return -EIO;
	if (gathered(bdev, block))
		from = bdev->wbuf + (block - bdev->wstart) * PAGE_SIZE;
	else if (!in_window(bdev, block) && block == bdev->rlast + 1)
		err = fill_window(bdev, block);
	if (!from && in_window(bdev, block))
		from = bdev->rbuf + (block - bdev->rstart) * PAGE_SIZE;
	if (from)
		memcpy(buf, from, PAGE_SIZE);
	else if (!err)
		err = pread_zero(bdev->fd, buf, PAGE_SIZE,
				 (off_t)(block << PAGE_SHIFT));
	if (err)
		return err;
	bdev->rlast = block;
	bdev->reads++;
	return 0;
}

void blockdev_discard(struct blockdev *bdev, u64 block, u64 nr)
{
	drop_readahead(bdev, block, nr);
	if (bdev->wnr && block < bdev->wstart + bdev->wnr &&
	    bdev->wstart < block + nr)
		blockdev_flush(bdev);
	/* a file system without holes keeps the blocks: nothing depends on it */
	(void)fallocate(bdev->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			(off_t)(block << PAGE_SHIFT), (off_t)(nr << PAGE_SHIFT));
}

/* ---- asynchronous requests ---- */

static struct blk_inflight *inflight_at(struct blockdev *bdev, unsigned int i)
{
	return &bdev->q[(bdev->head + i) % bdev->alloc];
}

/* Grow the ring, keeping the queue's order. */
static void inflight_grow(struct blockdev *bdev)
{
	unsigned int alloc = bdev->alloc ? bdev->alloc * 2 : 64, i;
	struct blk_inflight *q = malloc(alloc * sizeof(*q));

	if (!q)
		abort();	/* the host is out of memory */
	for (i = 0; i < bdev->nr; i++)
		q[i] = *inflight_at(bdev, i);
	free(bdev->q);
	bdev->q = q;
	bdev->alloc = alloc;
	bdev->head = 0;
}

/* Take the oldest request off the queue and tell its owner. */
static void complete_one(struct blockdev *bdev)
{
	struct blk_inflight rq = *inflight_at(bdev, 0);

	bdev->head = (bdev->head + 1) % bdev->alloc;
	bdev->nr--;
	bdev->end_io(bdev, rq.private, 0);
}

static void blockdev_arm(struct blockdev *bdev)
{
	if (bdev->nr)
		sim_event_schedule(bdev->clock, &bdev->done,
				   inflight_at(bdev, 0)->when);
}

/* The completion interrupt: every request due by now, in order. */
static void blockdev_done_fn(struct sim_event *ev)
{
	struct blockdev *bdev = container_of(ev, struct blockdev, done);

	while (bdev->nr && inflight_at(bdev, 0)->when <= bdev->clock->now)
		complete_one(bdev);
	blockdev_arm(bdev);
}

void blockdev_set_async(struct blockdev *bdev, struct sim_clock *clock,
			blk_end_io_fn end_io, void *owner)
{
	bdev->owner = owner;
	bdev->clock = clock;
	bdev->end_io = end_io;
	sim_event_init(&bdev->done, blockdev_done_fn);
}

/* The device transfers one more request: when it completes. */
static u64 blockdev_queue(struct blockdev *bdev, u64 transfer_ns,
			  u64 latency_ns)
{
	u64 start = max(bdev->busy_until, bdev->clock->now);

	bdev->busy_until = start + transfer_ns;
	return bdev->busy_until + latency_ns;
}

u64 blockdev_queue_read(struct blockdev *bdev, u64 transfer_ns,
			u64 latency_ns)
{
	return blockdev_queue(bdev, transfer_ns, latency_ns);
}

int blockdev_submit_read(struct blockdev *bdev, u64 block, void *buf,
			 u64 transfer_ns, u64 latency_ns, u64 *done_at)
{
	int err = blockdev_read(bdev, block, buf);

	*done_at = err ? 0 : blockdev_queue(bdev, transfer_ns, latency_ns);
	return err;
}

void blockdev_submit(struct blockdev *bdev, u64 transfer_ns, u64 latency_ns,
		     void *private)
{
	if (bdev->nr == bdev->alloc)
		inflight_grow(bdev);
	*inflight_at(bdev, bdev->nr) = (struct blk_inflight){
		.when = blockdev_queue(bdev, transfer_ns, latency_ns),
		.private = private,
	};
	if (!bdev->nr++)
		blockdev_arm(bdev);
}

int blockdev_submit_write(struct blockdev *bdev, u64 block, const void *buf,
			  u64 transfer_ns, u64 latency_ns, void *private)
{
	int err = blockdev_write(bdev, block, buf);

	if (!err)
		blockdev_submit(bdev, transfer_ns, latency_ns, private);
	return err;
}

void blockdev_drain(struct blockdev *bdev)
{
	while (bdev->nr)
		complete_one(bdev);
	if (bdev->clock)
		sim_event_cancel(bdev->clock, &bdev->done);
}

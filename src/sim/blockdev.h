/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Block devices (drivers/block): a real host file holds every block written,
 * so data that leaves memory for the disk or swap really leaves, and is
 * read back and checked.
 *
 * Asynchronous writes (blk-mq, reduced): the bytes go to the host file when
 * the request is submitted; the request completes later, in submission
 * order, a latency after the device has transferred everything queued
 * before it and the block itself.  Reads move their bytes at once too and
 * take their turn in the queue; the reader is told when it completes.  Completion is an event of the machine's
 * clock that calls the owner's end_io with the cookie it submitted, as a
 * bio's bi_end_io is called from the completion interrupt.
 */
#ifndef MEMCGLAB_SIM_BLOCKDEV_H
#define MEMCGLAB_SIM_BLOCKDEV_H

#include "lib/compiler.h"
#include "sim/clock.h"

/* The block layer's unit (include/linux/blk_types.h, blkdev.h). */
#define SECTOR_SHIFT		9
#define PAGE_SECTORS		(1U << (PAGE_SHIFT - SECTOR_SHIFT))

struct blockdev;
struct page_desc;

/* A request's completion: @err is 0 or the negative errno of the I/O. */
typedef void (*blk_end_io_fn)(struct blockdev *bdev, void *private, int err);

struct blk_inflight {
	u64 when;		/* completion time, virtual ns */
	void *private;		/* the submitter's cookie */
};

struct blockdev {
	int fd;			/* an unlinked host temporary file */
	u64 nr_blocks;		/* capacity in 4 KiB blocks */
	/*
	 * content=model: each block's descriptor (reserved, backed as used);
	 * a block written with bytes is PD_RAW and has them in the file
	 */
	struct page_desc *desc;
	u64 next_free;		/* simple allocator for file data */
	/*
	 * Written blocks not yet in the host file: consecutive ones, copied
	 * here at blockdev_write() and written to the file by one pwrite
	 * when the run ends (a block not next, or BLK_WBATCH of them), as
	 * a plugged request queue merges them.  Reads see them here.
	 */
	u8 *wbuf;
	u64 wstart;		/* the first block held */
	unsigned int wnr;	/* blocks held */
	/*
	 * Read ahead: a read that follows the one before it in the file
	 * takes BLK_WBATCH blocks by one pread; reads of the next ones come
	 * from here.  Writes and discards of them drop the window.
	 */
	u8 *rbuf;
	u64 rstart, rlast;
	unsigned int rnr;
	/* blocks whose host write failed: they read back as EIO */
	unsigned long *lost;
	u64 reads, writes;	/* blocks transferred */

	/* asynchronous requests: a FIFO, completed by one event */
	struct sim_clock *clock;
	blk_end_io_fn end_io;
	void *owner;		/* for end_io: whose device this is */
	struct sim_event done;
	u64 busy_until;		/* when the device has transferred all queued */
	struct blk_inflight *q;
	unsigned int head, nr, alloc;

	/*
	 * Fault injection (fail_make_request): with make_it_fail set, every
	 * read and write first asks @should_fail, and fails with EIO if it
	 * says so, as submit_bio_noacct() fails a bio.
	 */
	bool make_it_fail;
	bool (*should_fail)(struct blockdev *bdev, unsigned int bytes);
	void *fail_arg;
};

/* Blocks gathered into one host write: SWAP_CLUSTER_MAX, reclaim's batch. */
#define BLK_WBATCH		32

/* @describe: the device keeps descriptors of pages (content=model). */
int blockdev_open(struct blockdev *bdev, u64 bytes, bool describe);
void blockdev_close(struct blockdev *bdev);
int blockdev_write(struct blockdev *bdev, u64 block, const void *buf);
int blockdev_read(struct blockdev *bdev, u64 block, void *buf);
/* Write the gathered blocks to the host file now. */
void blockdev_flush(struct blockdev *bdev);
/*
 * Blocks [@block, @block + @nr) hold nothing any more: give their host
 * disk space back (a discard).  They read as zeroes until written again.
 */
void blockdev_discard(struct blockdev *bdev, u64 block, u64 nr);
/* content=model: a described page to @block, and what @block holds. */
int blockdev_write_desc(struct blockdev *bdev, u64 block,
			const struct page_desc *d);
int blockdev_read_desc(struct blockdev *bdev, u64 block, struct page_desc *d);

/* Complete asynchronous requests as events of @clock, through @end_io. */
void blockdev_set_async(struct blockdev *bdev, struct sim_clock *clock,
			blk_end_io_fn end_io, void *owner);
/*
 * Queue a write request whose block was written (blockdev_write(), or
 * blockdev_write_desc()).  The device transfers one request at a time,
 * @transfer_ns each, in submission order; each completes @latency_ns
 * after its transfer.  A write that failed is not queued: end_io is
 * called only for what was submitted.
 */
void blockdev_submit(struct blockdev *bdev, u64 transfer_ns, u64 latency_ns,
		     void *private);
/*
 * Write @buf to @block now and queue the request: blockdev_write(), then
 * blockdev_submit().  A failed write is not queued: its errno is returned
 * and end_io is never called for it.
 */
int blockdev_submit_write(struct blockdev *bdev, u64 block, const void *buf,
			  u64 transfer_ns, u64 latency_ns, void *private);
/*
 * Queue a read request whose block was read (blockdev_read(), or
 * blockdev_read_desc()): the device transfers it after what is queued,
 * and it completes at the time returned (a reader waits until then;
 * nothing is called back).
 */
u64 blockdev_queue_read(struct blockdev *bdev, u64 transfer_ns,
			u64 latency_ns);
/*
 * Read @block into @buf now and queue the request: returns 0 or the
 * errno, and in *done_at when the device completes it (0 on error).
 */
int blockdev_submit_read(struct blockdev *bdev, u64 block, void *buf,
			 u64 transfer_ns, u64 latency_ns, u64 *done_at);
/* Requests in flight, and when the last of them completes. */
static inline unsigned int blockdev_inflight(const struct blockdev *bdev)
{
	return bdev->nr;
}
/* Complete every request now, whatever its time (teardown). */
void blockdev_drain(struct blockdev *bdev);

#endif

// SPDX-License-Identifier: GPL-2.0
/*
 * sim/blockdev.c's asynchronous writes: the bytes reach the device at
 * submission, requests complete in order, each a latency after the
 * device has transferred it and everything before it, as events of the
 * clock; a drain completes what is left.
 */
#include <errno.h>
#include <string.h>

#include "sim/blockdev.h"
#include "sim/clock.h"
#include "tap.h"

struct log {
	int nr;
	long cookie[8];
	u64 when[8];
	struct sim_clock *clock;
};

static void end_io(struct blockdev *bdev, void *private, int err)
{
	struct log *log = bdev->owner;

	if (log->nr < 8) {
		log->cookie[log->nr] = (long)private;
		log->when[log->nr] = log->clock->now;
		log->nr++;
	}
}

int main(void)
{
	struct sim_clock clock;
	struct blockdev bdev;
	struct log log = { .clock = &clock };
	unsigned char page[PAGE_SIZE], back[PAGE_SIZE];
	long i;

	clock_init(&clock);
	is_long(blockdev_open(&bdev, 64 * PAGE_SIZE, false), 0,
		"open a 64-block device");
	blockdev_set_async(&bdev, &clock, end_io, &log);
	memset(page, 0x5a, sizeof(page));
	/* three requests: transfer 10 ns each, latency 100 ns */
	for (i = 1; i <= 3; i++)
		is_long(blockdev_submit_write(&bdev, i, page, 10, 100, (void *)i),
			0, "submit request %ld", i);
	is_long(blockdev_inflight(&bdev), 3, "three in flight");
	is_long(blockdev_read(&bdev, 2, back), 0, "the bytes are there at once");
	ok(!memcmp(page, back, PAGE_SIZE), "and read back the same");
	clock_run_until(&clock, 109);
	is_long(log.nr, 0, "nothing completes before transfer + latency");
	clock_run_until(&clock, 125);
	is_long(log.nr, 2, "the first two complete at 110 and 120");
	is_long(log.when[0], 110, "first at 110");
	is_long(log.when[1], 120, "second at 120");
	is_long(log.cookie[0] * 10 + log.cookie[1], 12, "in submission order");
	/* the device was idle since 30: a new request starts now */
	is_long(blockdev_submit_write(&bdev, 4, page, 10, 100, (void *)4L), 0,
		"submit a fourth at 125");
	clock_run_until(&clock, 1000);
	is_long(log.nr, 4, "all four complete");
	is_long(log.when[3], 235, "the fourth 10 + 100 ns after 125");
	is_long(blockdev_submit_write(&bdev, 64, page, 10, 100, NULL), -ENOSPC,
		"a block past the end is refused, not queued");
	is_long(blockdev_submit_write(&bdev, 5, page, 10, 100, (void *)5L), 0,
		"submit a fifth");
	blockdev_drain(&bdev);
	is_long(log.nr, 5, "a drain completes it at once");
	is_long(blockdev_inflight(&bdev), 0, "nothing in flight");
	blockdev_close(&bdev);
	clock_release(&clock);
	return done_testing();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The content of RAM frames, real or described (frame.h).  A described
 * frame's descriptor lives in pm->desc, by pfn; it is all the page is
 * until something needs its bytes (a word stored into it, fill=bytes=),
 * which makes them real in the frame for good (PD_RAW).
 */
#include "frame.h"

#include <string.h>

static struct page_desc *desc_of(const struct physmem *pm, const void *page)
{
	return &pm->desc[((const u8 *)page - pm->base) >> PAGE_SHIFT];
}

const struct page_desc *frame_desc(const struct physmem *pm, const void *page)
{
	const struct page_desc *d;

	if (!frame_model(pm))
		return NULL;
	d = desc_of(pm, page);
	return d->kind == PD_RAW ? NULL : d;
}

void frame_set_desc(struct physmem *pm, void *page, const struct page_desc *d)
{
	if (frame_model(pm))
		*desc_of(pm, page) = *d;
}

static void set_raw(struct physmem *pm, void *page)
{
	struct page_desc raw = { .kind = PD_RAW };

	frame_set_desc(pm, page, &raw);
}

u8 *frame_bytes(struct physmem *pm, void *page)
{
	const struct page_desc *d = frame_desc(pm, page);

	if (d) {
		desc_materialise(d, page, pm->text);
		set_raw(pm, page);
	}
	return page;
}

void frame_zero(struct physmem *pm, void *page)
{
	static const struct page_desc zero = { .kind = PD_ZERO };

	if (frame_model(pm))
		*desc_of(pm, page) = zero;
	else
		memset(page, 0, PAGE_SIZE);
}

void frame_zero_range(struct physmem *pm, void *page, size_t from, size_t to)
{
	const struct page_desc *d = frame_desc(pm, page);

	if (d && d->kind == PD_ZERO)
		return;
	if (!from && to == PAGE_SIZE)
		frame_zero(pm, page);
	else
		memset(frame_bytes(pm, page) + from, 0, to - from);
}

void frame_copy(struct physmem *pm, void *dst, const void *src)
{
	const struct page_desc *d = frame_desc(pm, src);

	if (d) {
		frame_set_desc(pm, dst, d);
		return;
	}
	memcpy(dst, src, PAGE_SIZE);
	set_raw(pm, dst);
}

int frame_fill(struct physmem *pm, void *page, const struct fill *f, u64 key)
{
	if (frame_model(pm)) {
		struct page_desc *d = desc_of(pm, page);
		struct page_desc next = *d;

		if (desc_fill(&next, f, key)) {
			*d = next;
			return 0;
		}
	}
	return fill_page(f, frame_bytes(pm, page), key);
}

void frame_store(struct physmem *pm, void *page, size_t off, const void *buf,
		 size_t len)
{
	memcpy(frame_bytes(pm, page) + off, buf, len);
}

void frame_load(struct physmem *pm, const void *page)
{
	/* the load itself: nothing depends on it; described bytes are nowhere */
	if (!frame_desc(pm, page))
		(void)*(const volatile u8 *)page;
}

bool frame_zero_filled(struct physmem *pm, const void *page)
{
	const struct page_desc *d = frame_desc(pm, page);
	const u64 *w = page;
	size_t i;

	if (d)
		return desc_zero_filled(d);
	for (i = 0; i < PAGE_SIZE / sizeof(*w); i++)
		if (w[i])
			return false;
	return true;
}

/*
 * A page of zeroes has one tag however it is held: a stored word of zero
 * leaves a PD_RAW page of zeroes, which the swap zeromap gives back as
 * PD_ZERO.  No other page changes how it is held on a round trip.
 */
u64 frame_tag(struct physmem *pm, const void *page)
{
	static const u8 zeroes[PAGE_SIZE];
	const struct page_desc *d = frame_desc(pm, page);

	if (d && d->kind == PD_ZERO)
		page = zeroes;
	else if (d)
		return desc_tag(d);
	return page_checksum(page);
}

int frame_write_block(struct physmem *pm, const void *page,
		      struct blockdev *bdev, u64 block)
{
	const struct page_desc *d = frame_desc(pm, page);

	return d ? blockdev_write_desc(bdev, block, d) :
		   blockdev_write(bdev, block, page);
}

int frame_read_block(struct physmem *pm, void *page, struct blockdev *bdev,
		     u64 block)
{
	struct page_desc d;
	int err;

	if (!frame_model(pm))
		return blockdev_read(bdev, block, page);
	err = blockdev_read_desc(bdev, block, &d);
	if (err)
		return err;
	if (d.kind != PD_RAW) {
		frame_set_desc(pm, page, &d);
		return 0;
	}
	set_raw(pm, page);
	return blockdev_read(bdev, block, page);
}

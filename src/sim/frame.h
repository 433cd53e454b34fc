/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a frame of RAM holds, and moving it: the CPU's stores and loads of
 * whole pages, copies, and the block I/O that carries a page to a device
 * and back.  With content=real (the default) a frame holds its bytes and
 * these are memset, memcpy, pwrite and pread.  With content=model a frame
 * of user data holds a descriptor of its bytes (sim/content.h) and the
 * bytes exist nowhere, so a page costs no host memory and no generation:
 * a device keeps the descriptor too.  Only a page no descriptor can name
 * (PD_RAW) keeps real bytes, in the frame and on the device.
 *
 * Pages are named by their address in the arena, as physical addresses;
 * in content=model the bytes at that address are not the page's unless it
 * is PD_RAW.  Frames the kernel uses for itself (page tables, slabs,
 * zspages) hold real bytes in both modes and never pass through here.
 */
#ifndef MEMCGLAB_SIM_FRAME_H
#define MEMCGLAB_SIM_FRAME_H

#include "sim/blockdev.h"
#include "sim/content.h"
#include "sim/physmem.h"

static inline bool frame_model(const struct physmem *pm)
{
	return pm->desc;
}

/*
 * The descriptor of @page, or NULL when its bytes are real: content=real,
 * or a PD_RAW page.
 */
const struct page_desc *frame_desc(const struct physmem *pm,
				   const void *page);
/* @page now holds what @d names (content=model; PD_RAW: the bytes are in
 * the frame already). */
void frame_set_desc(struct physmem *pm, void *page, const struct page_desc *d);
/* The bytes of @page, made real if only described (it becomes PD_RAW). */
u8 *frame_bytes(struct physmem *pm, void *page);

/* clear_page(), and the bytes [@from, @to) of it */
void frame_zero(struct physmem *pm, void *page);
void frame_zero_range(struct physmem *pm, void *page, size_t from, size_t to);
/* copy_page() */
void frame_copy(struct physmem *pm, void *dst, const void *src);
/* A program writes @f's bytes for @key: 0, or fill_page()'s error. */
int frame_fill(struct physmem *pm, void *page, const struct fill *f, u64 key);
/* A program stores @len bytes at @off, or loads from the page. */
void frame_store(struct physmem *pm, void *page, size_t off, const void *buf,
		 size_t len);
void frame_load(struct physmem *pm, const void *page);

bool frame_zero_filled(struct physmem *pm, const void *page);
/* The content tag checked on read-back: page_checksum(), or desc_tag(). */
u64 frame_tag(struct physmem *pm, const void *page);

/* The page to block @block of @bdev and back: blockdev_write() and read. */
int frame_write_block(struct physmem *pm, const void *page,
		      struct blockdev *bdev, u64 block);
int frame_read_block(struct physmem *pm, void *page, struct blockdev *bdev,
		     u64 block);

#endif

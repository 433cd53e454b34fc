// SPDX-License-Identifier: GPL-2.0
/*
 * The shape the three pinning drivers share, the model's own file: a
 * process opens the driver's file and registers a range of its memory;
 * the driver charges its counter (pin_dev_internal.h's ops), pins the
 * pages with FOLL_LONGTERM (mm/gup.c) and keeps them, with a reference
 * to the owning mm, until the deregistration ioctl or the release of the
 * file's last descriptor.  The pins so outlive munmap(), and the process
 * itself while a forked child keeps the descriptor.  Differences: one
 * registration a file; pins go in the pinning task's context only.
 */
#include "drivers/pin_dev_internal.h"

#include <errno.h>
#include <stdlib.h>

#include "include/file.h"
#include "kernel/pins.h"
#include "mm/mm.h"

static const struct pin_acct_ops *const acct_ops[NR_PIN_DRIVERS] = {
	[PIN_DRIVER_RDMA]	= &ib_umem_acct_ops,
	[PIN_DRIVER_VFIO]	= &vfio_acct_ops,
	[PIN_DRIVER_IO_URING]	= &io_uring_acct_ops,
};

/* The driver's charge: its own counter, or with pins=cgroup its vm_account. */
static int pin_buf_charge(struct pin_buf *buf, struct task_struct *t)
{
	if (buf->acct_on)
		return vm_account_pinned(&buf->acct, buf->npages);
	return acct_ops[buf->drv]->charge(buf, t);
}

static void pin_buf_uncharge(struct pin_buf *buf)
{
	if (buf->acct_on)
		vm_unaccount_pinned(&buf->acct, buf->npages);
	else
		acct_ops[buf->drv]->uncharge(buf);
}

static void pin_buf_unregister(struct machine *m, struct pin_buf *buf)
{
	if (!buf->folios)
		return;
	smemcg_pin_return(m, &buf->borrows);
	unpin_user_pages(m, buf->folios, buf->npages);
	pin_buf_uncharge(buf);
	free(buf->folios);
	buf->folios = NULL;
}

static void pin_dev_release(struct file *file)
{
	struct pin_buf *buf = file->private_data;

	pin_buf_unregister(file->machine, buf);
	if (buf->acct_on)
		vm_account_release(&buf->acct);
	mmdrop(buf->mm);
	free(buf);
}

static const struct file_operations pin_dev_fops[NR_PIN_DRIVERS] = {
	[PIN_DRIVER_RDMA]	= { .name = "uverbs", .release = pin_dev_release },
	[PIN_DRIVER_VFIO]	= { .name = "vfio", .release = pin_dev_release },
	[PIN_DRIVER_IO_URING]	= { .name = "io_uring",
				    .release = pin_dev_release },
};

/*
 * pins=smemcg: the pinned pages of smemcgs are borrowed by the pinner's
 * memcg (the pin limit, pins.max, counts them with the others); a
 * failure undoes the pins and the driver's charge.
 */
static int pin_buf_borrow(struct pin_buf *buf, struct task_struct *t)
{
	int err;

	if (t->machine->policy.pins != 2)
		return 0;
	err = smemcg_pin_borrow(t, buf->folios, buf->npages, &buf->borrows);
	if (err) {
		unpin_user_pages(t->machine, buf->folios, buf->npages);
		pin_buf_uncharge(buf);
	}
	return err;
}

/* Charge and pin, in the driver's order; all or nothing. */
static int pin_buf_fill(struct pin_buf *buf, struct task_struct *t,
			struct vm_area_struct *vma, unsigned long start)
{
	const struct pin_acct_ops *ops = acct_ops[buf->drv];
	long got;
	int err;

	if (ops->charge_first) {
		err = pin_buf_charge(buf, t);
		if (err)
			return err;
	}
	got = pin_user_pages_vma(vma, start, buf->npages,
				 FOLL_WRITE | FOLL_LONGTERM, buf->folios);
	if (got < 0) {
		if (ops->charge_first)
			pin_buf_uncharge(buf);
		return got;
	}
	if (!ops->charge_first) {
		err = pin_buf_charge(buf, t);
		if (err) {
			unpin_user_pages(t->machine, buf->folios, buf->npages);
			return err;
		}
	}
	return pin_buf_borrow(buf, t);
}

static struct pin_buf *pin_buf_alloc(struct task_struct *t,
				     enum pin_driver drv, unsigned long npages)
{
	struct pin_buf *buf = calloc(1, sizeof(*buf));

	if (!buf)
		return NULL;
	buf->folios = calloc(npages ? npages : 1, sizeof(*buf->folios));
	if (!buf->folios) {
		free(buf);
		return NULL;
	}
	buf->drv = drv;
	buf->npages = npages;
	buf->mm = t->mm;
	mmgrab(buf->mm);
	if (pins_cgroup_enabled(t->machine)) {
		buf->acct_on = true;
		vm_account_init(&buf->acct, t, acct_ops[drv]->vm_account_flags);
	}
	return buf;
}

int pin_dev_register(struct task_struct *t, enum pin_driver drv,
		     struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	struct pin_buf *buf;
	struct file *file;
	int err, fd;

	if (drv >= NR_PIN_DRIVERS || !t->mm || start >= end)
		return -EINVAL;
	buf = pin_buf_alloc(t, drv, (end - start) >> PAGE_SHIFT);
	if (!buf)
		return -ENOMEM;
	file = alloc_file(t->machine, &pin_dev_fops[drv], buf);
	if (!file) {
		if (buf->acct_on)
			vm_account_release(&buf->acct);
		mmdrop(buf->mm);
		free(buf->folios);
		free(buf);
		return -ENOMEM;
	}
	err = pin_buf_fill(buf, t, vma, start);
	if (err) {
		free(buf->folios);
		buf->folios = NULL;
		fput(file);
		return err;
	}
	fd = fd_install_new(t, file);
	if (fd < 0)
		fput(file);
	return fd;
}

int pin_dev_unregister(struct task_struct *t, int fd)
{
	struct file *file = fget_raw(t, fd);

	if (!file)
		return -EBADF;
	if (file->f_op->release != pin_dev_release)
		return -EINVAL;
	pin_buf_unregister(t->machine, file->private_data);
	return 0;
}

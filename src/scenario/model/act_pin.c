// SPDX-License-Identifier: GPL-2.0
/*
 * The model backend's pin actions (issue 12): `pin` opens a pinning
 * driver's file and registers a range (drivers/pin_dev.h), `unpin` is
 * the deregistration ioctl and the close of the descriptor, `close`
 * closes the descriptor alone (the pins go with the file's last
 * descriptor: a forked child may keep them), and `setrlimit memlock`.
 * A pin's name is its descriptor's, kept on the driver's file.
 */
#include "scenario/model/internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/pin_dev.h"
#include "include/file.h"
#include "kernel/task.h"

static const enum pin_driver drivers[] = {
	[SCN_PIN_RDMA] = PIN_DRIVER_RDMA,
	[SCN_PIN_VFIO] = PIN_DRIVER_VFIO,
	[SCN_PIN_IO_URING] = PIN_DRIVER_IO_URING,
};

int scn_model_pin(struct scn_rt *rt, struct scn_proc *p,
		  const struct scn_action *a)
{
	struct task_struct *t = scn_model_task(p);
	struct vm_area_struct *vma = scn_model_region(t, a->pin.region);
	unsigned long start, end;
	int fd;

	if (!vma)
		return -EFAULT;
	scn_model_range(vma, &a->pin.range, &start, &end);
	if (scn_rt_check_ops(rt, (end - start) >> PAGE_SHIFT, "pages"))
		return -E2BIG;
	fd = pin_dev_register(t, drivers[a->pin.via], vma, start, end);
	if (fd < 0)
		return fd;
	fget_raw(t, fd)->f_name = strdup(a->pin.pin);
	return 0;
}

int scn_model_unpin(struct scn_rt *rt, struct scn_proc *p,
		    const struct scn_action *a)
{
	struct task_struct *t = scn_model_task(p);
	const char *name = a->kind == SCN_ACT_CLOSE ? a->close.pin
						    : a->unpin.pin;
	int fd = fd_by_name(t, name), err = 0;

	if (fd < 0)
		return -EBADF;
	if (a->kind == SCN_ACT_UNPIN)
		err = pin_dev_unregister(t, fd);
	return err ?: close_fd(t, fd);
}

int scn_model_setrlimit(struct scn_rt *rt, struct scn_proc *p,
			const struct scn_action *a)
{
	unsigned long v = a->setrlimit.bytes == UINT64_MAX ? RLIM_INFINITY :
			  (unsigned long)a->setrlimit.bytes;
	struct rlimit new = { v, v };

	return do_prlimit_memlock(scn_model_task(p), &new);
}

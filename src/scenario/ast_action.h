/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The actions of a scenario's processes in the syntax tree (docs/scenario.md,
 * "Actions"): what `NAME: ACTION ...` parses to, with every argument
 * already checked and converted, as the rest of ast.h.  Part of ast.h, which
 * includes it where its types are known: include scenario/ast.h instead.
 */
#ifndef MEMCGLAB_SCENARIO_AST_H
#error "include scenario/ast.h, which includes this"
#endif
#ifndef MEMCGLAB_SCENARIO_AST_ACTION_H
#define MEMCGLAB_SCENARIO_AST_ACTION_H

enum scn_action_kind {
	SCN_ACT_EXIT,		/* exit */
	SCN_ACT_MMAP,		/* mmap REGION anon|file|shmem|memfd ... */
	SCN_ACT_TOUCH,		/* touch REGION [OFF LEN] [read|write] [fill=] */
	SCN_ACT_WRITE,		/* write PATH SIZE [OFFSET] */
	SCN_ACT_READ,		/* read PATH [OFFSET LENGTH] */
	SCN_ACT_TRUNCATE,	/* truncate PATH SIZE */
	SCN_ACT_MLOCK,		/* mlock REGION [OFFSET LENGTH] */
	SCN_ACT_MUNLOCK,	/* munlock REGION [OFFSET LENGTH] */
	SCN_ACT_MADVISE,	/* madvise REGION ADVICE [OFFSET LENGTH] */
	SCN_ACT_MUNMAP,		/* munmap REGION */
	SCN_ACT_PIN,		/* pin REGION [OFF LEN] as PIN [via DRIVER] */
	SCN_ACT_UNPIN,		/* unpin PIN */
	SCN_ACT_DENTRIES,	/* dentries N [negative|positive] */
	SCN_ACT_ACCESS,		/* access REGION pattern= ops= [rate=] [write=] */
	SCN_ACT_REPLAY,		/* replay TRACEFILE */
	SCN_ACT_SHMCTL,		/* shmctl REGION lock|unlock */
	SCN_ACT_CLEAR_REFS,	/* clear_refs N: to /proc/self/clear_refs */
	SCN_ACT_MPROTECT,	/* mprotect REGION none|read|write */
	SCN_ACT_UFFD,		/* uffd open|close|register|unregister|wp|unwp */
	SCN_ACT_PAGEMAP_SCAN,	/* pagemap_scan REGION [OFF LEN] [ARG=V...] */
	SCN_ACT_CLOSE,		/* close PIN: the pin's descriptor */
	SCN_ACT_SETRLIMIT,	/* setrlimit memlock SIZE|unlimited */
	SCN_ACT_NR_KINDS
};

/* The driver a pin goes through: each charges its own counter. */
enum scn_pin_via {
	SCN_PIN_RDMA,		/* RDMA memory registration: mm->pinned_vm */
	SCN_PIN_VFIO,		/* vfio type1 DMA map: mm->locked_vm */
	SCN_PIN_IO_URING,	/* io_uring buffers: user->locked_vm */
};

enum scn_mmap_kind {
	SCN_MMAP_ANON,		/* MAP_PRIVATE|MAP_ANONYMOUS */
	SCN_MMAP_FILE,		/* a file on the simulated disk filesystem */
	SCN_MMAP_SHMEM,		/* a tmpfs file, MAP_SHARED */
	SCN_MMAP_MEMFD,		/* memfd_create + MAP_SHARED */
	SCN_MMAP_SYSV,		/* shmget(IPC_PRIVATE) + shmat */
};

enum scn_touch_mode {
	SCN_TOUCH_WRITE,	/* store to each page (the default) */
	SCN_TOUCH_READ,		/* load from each page */
};

/* What a write touch stores in each page: it decides compressibility. */
enum scn_fill {
	/*
	 * The default: a zero byte stored in each page, which stays
	 * zero-filled, exactly as the selftests' alloc_anon (`*ptr = 0`);
	 * 6.12 swaps such pages out through the zeromap, without I/O.
	 */
	SCN_FILL_ZERO,
	SCN_FILL_SPARSE,	/* one non-zero byte per page, the rest zero */
	SCN_FILL_TEXT,		/* English-like text, compresses about 3:1 */
	SCN_FILL_RANDOM,	/* random bytes from the seed: incompressible */
	SCN_FILL_RATIO,		/* compresses to about .ratio of a page */
	/*
	 * test_zswap's attempt_writeback(): byte i of every page is i % 256
	 * for i < 2048, then 0 (the page's first half counts up).
	 */
	SCN_FILL_HALF_ASCENDING,
	/* .stride.byte at every .stride.step-th byte of the region, from its
	 * first, the rest 0: `for (i = 0; i < size; i += 4095) mem[i] = 'a'` */
	SCN_FILL_STRIDE,
	/* the byte at region offset off is .bytes(off) % 256 */
	SCN_FILL_BYTES,
};

enum scn_advice {
	SCN_MADV_PAGEOUT,	/* MADV_PAGEOUT */
	SCN_MADV_COLD,		/* MADV_COLD */
	SCN_MADV_DONTNEED,	/* MADV_DONTNEED */
	SCN_MADV_WILLNEED,	/* MADV_WILLNEED */
	SCN_MADV_REMOVE,	/* MADV_REMOVE: punch a hole in shmem */
};

/* mprotect's protections */
#define SCN_PROT_READ	BIT(0)
#define SCN_PROT_WRITE	BIT(1)

enum scn_uffd_op {
	SCN_UFFD_OPEN,		/* userfaultfd(2) + UFFDIO_API with features */
	SCN_UFFD_CLOSE,		/* close(2): registrations go */
	SCN_UFFD_REGISTER,	/* UFFDIO_REGISTER with modes */
	SCN_UFFD_UNREGISTER,	/* UFFDIO_UNREGISTER */
	SCN_UFFD_WP,		/* UFFDIO_WRITEPROTECT mode WP */
	SCN_UFFD_UNWP,		/* UFFDIO_WRITEPROTECT mode 0 */
};

enum scn_dentry_kind {
	SCN_DENTRY_NEGATIVE,	/* look up missing names (the default) */
	SCN_DENTRY_POSITIVE,	/* create files */
};

enum scn_pattern {
	SCN_PATTERN_UNIFORM,	/* uniformly random pages */
	SCN_PATTERN_SEQ,	/* pages in order, wrapping around */
	SCN_PATTERN_ZIPF,	/* Zipf-distributed pages, parameter .theta */
};

struct scn_action {
	enum scn_action_kind kind;
	const char *proc;	/* the acting process (before the colon) */
	bool background;	/* `&`: only for touch, access and replay */
	union {
		/* MMAP */
		struct {
			const char *region;	/* new region name */
			enum scn_mmap_kind kind;
			/* FILE, SHMEM: absolute path; ANON, MEMFD: NULL */
			const char *path;
			u64 size;		/* bytes, > 0 */
			/* MAP_SHARED: FILE (default) unless `private`,
			 * always for SHMEM/MEMFD, never for ANON */
			bool shared;
		} mmap;
		/* TOUCH */
		struct {
			const char *region;
			struct scn_range range;
			enum scn_touch_mode mode;
			enum scn_fill fill;	/* ZERO for reads */
			double ratio;		/* FILL_RATIO: 0..1; else 0 */
			struct {
				u64 step;	/* > 0 */
				unsigned int byte; /* 0..255 */
			} stride;		/* FILL_STRIDE */
			/* FILL_BYTES: an expression of off, no files */
			const struct scn_expr *bytes;
		} touch;
		/* WRITE: write(2) SIZE bytes at OFFSET (page cache) */
		struct {
			const char *path;	/* absolute path */
			u64 size;		/* bytes, > 0 */
			u64 offset;		/* bytes, default 0 */
		} write;
		/* READ: read(2) a range of a file (whole file by default) */
		struct {
			const char *path;	/* absolute path */
			struct scn_range range;
		} read;
		/* TRUNCATE: ftruncate(PATH, size) */
		struct {
			const char *path;	/* absolute path */
			u64 size;		/* bytes, may be 0 */
		} truncate;
		/* MLOCK, MUNLOCK */
		struct {
			const char *region;
			struct scn_range range;
		} mlock;
		/* MADVISE */
		struct {
			const char *region;
			enum scn_advice advice;
			struct scn_range range;
		} madvise;
		/* MUNMAP (the whole region; the name is free again after) */
		struct {
			const char *region;
		} munmap;
		/* PIN: a driver's long-term pin_user_pages of a range */
		struct {
			const char *region;
			struct scn_range range;
			const char *pin;	/* new pin name, per process */
			enum scn_pin_via via;	/* default RDMA */
		} pin;
		/* UNPIN: the deregistration ioctl, then close */
		struct {
			const char *pin;
		} unpin;
		/* CLOSE: close the pin's descriptor alone */
		struct {
			const char *pin;
		} close;
		/* SETRLIMIT: RLIMIT_MEMLOCK, soft and hard */
		struct {
			u64 bytes;		/* U64_MAX: unlimited */
		} setrlimit;
		/* DENTRIES */
		struct {
			u64 count;		/* names, > 0 */
			enum scn_dentry_kind kind;
		} dentries;
		/* ACCESS */
		struct {
			const char *region;
			enum scn_pattern pattern;
			double theta;		/* ZIPF: (0, 100]; else 0 */
			u64 ops;		/* page accesses, > 0 */
			u64 rate;		/* accesses per second; 0 = no limit */
			double write_fraction;	/* 0..1 share of stores, default 0 */
		} access;
		/* REPLAY */
		struct {
			/* host path as written; relative to the scenario's
			 * directory when not absolute */
			const char *path;
		} replay;
		/* SHMCTL: SHM_LOCK or SHM_UNLOCK of a sysv region */
		struct {
			const char *region;
			bool lock;
		} shmctl;
		/* CLEAR_REFS: the value written (any integer: 1..5 are valid) */
		struct {
			s64 value;
		} clear_refs;
		/* MPROTECT: the whole region */
		struct {
			const char *region;
			unsigned long prot;	/* SCN_PROT_* */
		} mprotect;
		/* UFFD: the process's one userfaultfd */
		struct {
			enum scn_uffd_op op;
			const char *region;	/* REGISTER..UNWP; else NULL */
			struct scn_range range;
			/* OPEN: UFFD_FEATURE_* bits; REGISTER: mode bits */
			u64 bits;
		} uffd;
		/* PAGEMAP_SCAN: ioctl on the process's own pagemap */
		struct {
			const char *region;
			struct scn_range range;	/* whole: the region */
			bool vec;		/* a vector was given */
			u64 vec_len, max_pages, flags;
			u64 mask, inverted, anyof, ret_mask;
		} scan;
	};
};

#endif

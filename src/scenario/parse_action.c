// SPDX-License-Identifier: GPL-2.0
/*
 * Process actions, `NAME: ACTION ARGS...`: mmap, touch, file I/O, mlock,
 * madvise, pins, dentries, access and replay, and the table of them.
 */
#include "parser_internal.h"

#include <errno.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Process actions: NAME: ACTION ARGS... [&] [=> ERRNO].  ps->tok[0] is
 * the action word; @p the acting process.
 */

static const char *const map_types[] = { "shared", "private" };

static int act_exit(struct parser *ps, struct scn_stmt *st,
		    struct proc_decl *p)
{
	return ps->n == 1 ? 0 : scn_usage(ps);
}

static int mmap_args(struct parser *ps, struct scn_action *a,
		     struct region_decl *r)
{
	const struct scn_token *t = ps->tok;
	bool has_path = a->mmap.kind == SCN_MMAP_FILE ||
			a->mmap.kind == SCN_MMAP_SHMEM;
	size_t want = has_path ? 5 : 4;
	int ret;
	bool typed = a->mmap.kind == SCN_MMAP_FILE ||
		     a->mmap.kind == SCN_MMAP_ANON;

	if (ps->n != want && !(typed && ps->n == want + 1))
		return scn_usage(ps);
	if (has_path) {
		ret = scn_get_file_path(ps, &t[3], &a->mmap.path);
		if (ret)
			return ret;
	}
	ret = scn_get_positive_size(ps, &t[want - 1], "mmap size", &a->mmap.size);
	if (ret)
		return ret;
	if (r && !scn_deferred(ps, t[want - 1].text)) {
		r->size = a->mmap.size;
		r->size_text = scn_pstrdup(ps, t[want - 1].text);
	}
	a->mmap.shared = a->mmap.kind != SCN_MMAP_ANON;
	if (ps->n == want + 1 && scn_tok_is(&t[want], "private"))
		a->mmap.shared = false;
	else if (ps->n == want + 1 && scn_tok_is(&t[want], "shared"))
		a->mmap.shared = true;
	else if (ps->n == want + 1)
		return scn_perr_choice(ps, t[want].text, map_types, 2,
				       "unknown mapping type '%s'", t[want].text);
	return 0;
}

static int act_mmap(struct parser *ps, struct scn_stmt *st,
		    struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	struct region_decl *r = NULL;
	int kind, ret;

	if (ps->n < 3)
		return scn_usage(ps);
	ret = scn_check_new_name(ps, &ps->tok[1], "region");
	if (ret)
		return ret;
	if (scn_find_region(p, ps->tok[1].text) && !ps->instance)
		return scn_perr(ps, "process '%s' already has a region '%s'",
				p->name, ps->tok[1].text);
	a->mmap.region = scn_pstrdup(ps, ps->tok[1].text);
	if (!st->expect_errno)
		r = scn_add_region(p, a->mmap.region);
	kind = scn_tok_lookup(&ps->tok[2], scn_mmap_kind_names,
			      ARRAY_SIZE(scn_mmap_kind_names));
	if (kind < 0)
		return scn_perr_choice(ps, ps->tok[2].text, scn_mmap_kind_names,
				       ARRAY_SIZE(scn_mmap_kind_names),
				       "unknown mapping kind '%s'",
				       ps->tok[2].text);
	a->mmap.kind = kind;
	return mmap_args(ps, a, r);
}

/* stride=STEP:BYTE */
static int fill_stride(struct parser *ps, struct scn_action *a, const char *v)
{
	const char *colon = strchr(v, ':');
	u64 step = 0, byte = 0;

	if (scn_deferred(ps, v)) {
		a->touch.stride.step = 1;
		return 0;
	}
	if (!colon || scn_parse_uint(scn_pstrndup(ps, v, colon - v), &step) ||
	    !step || scn_parse_uint(colon + 1, &byte) || byte > 255)
		return scn_perr(ps, "invalid stride '%s' (expected STEP:BYTE, a positive step and a byte 0-255, e.g. stride=4095:97)",
				v);
	a->touch.stride.step = step;
	a->touch.stride.byte = byte;
	return 0;
}

/* The value of fill=NAME=VALUE, for the patterns that take one. */
static int fill_value(struct parser *ps, struct scn_action *a, const char *name,
		      const char *v)
{
	struct scn_expr *e;
	int ret;

	switch (a->touch.fill) {
	case SCN_FILL_RATIO:
		return scn_get_fraction(ps, v, "ratio", &a->touch.ratio);
	case SCN_FILL_STRIDE:
		return fill_stride(ps, a, v);
	default:
		ret = scn_get_expr_text(ps, v, EXPR_CMP | EXPR_OFF, &e);
		a->touch.bytes = e;
		return ret;
	}
}

/* fill=zero|sparse|text|random|half_ascending|ratio=R|stride=S:B|bytes=E */
static int touch_fill(struct parser *ps, struct scn_action *a, const char *v)
{
	static const char *const examples[] = {
		[SCN_FILL_RATIO] = "ratio=0.3", [SCN_FILL_STRIDE] = "stride=4095:97",
		[SCN_FILL_BYTES] = "\"bytes=off % 256\"",
	};
	const char *eq = strchr(v, '=');
	const char *name = eq ? scn_pstrndup(ps, v, eq - v) : v;
	int i = scn_word_lookup(name, scn_fill_names, ARRAY_SIZE(scn_fill_names));
	bool takes = i == SCN_FILL_RATIO || i == SCN_FILL_STRIDE ||
		     i == SCN_FILL_BYTES;

	if (i < 0)
		return scn_perr_choice(ps, name, scn_fill_names, ARRAY_SIZE(scn_fill_names),
				       "unknown fill pattern '%s'", v);
	a->touch.fill = i;
	if (!takes && eq)
		return scn_perr(ps, "fill pattern '%s' takes no value", name);
	if (!takes)
		return 0;
	if (!eq)
		return scn_perr(ps, "fill=%s needs a value, e.g. fill=%s", name,
				examples[i]);
	return fill_value(ps, a, name, eq + 1);
}

/* One word after touch REGION: a number, read|write or fill=. */
static int touch_word(struct parser *ps, struct scn_action *a,
		      const struct scn_token *t, const struct scn_token **nums,
		      size_t *nnum, unsigned int *seen)
{
	static const char *const words[] = { "read", "write", "fill" };
	int mode = scn_tok_lookup(t, words, 2);

	if (scn_is_number_word(t)) {
		if (*nnum == 2)
			return scn_perr(ps, "too many numbers: touch takes OFFSET LENGTH");
		nums[(*nnum)++] = t;
		return 0;
	}
	if (mode >= 0) {
		if (*seen & BIT(0))
			return scn_perr(ps, "touch takes one of read or write");
		*seen |= BIT(0);
		a->touch.mode = mode ? SCN_TOUCH_WRITE : SCN_TOUCH_READ;
		return 0;
	}
	/* fill= may be quoted: a byte expression has blanks */
	if (strncmp(t->text, "fill=", 5))
		return scn_perr_choice(ps, t->text, words, 3,
				       "unknown touch argument '%s'", t->text);
	if (*seen & BIT(1))
		return scn_perr(ps, "duplicate fill=");
	*seen |= BIT(1);
	return touch_fill(ps, a, t->text + 5);
}

/* NAME: ACTION REGION [WORD...]: the region, or NULL after a message. */
static struct region_decl *region_arg(struct parser *ps, struct proc_decl *p)
{
	if (ps->n < 2) {
		scn_usage(ps);
		return NULL;
	}
	return scn_get_region(ps, p, &ps->tok[1]);
}

static int act_touch(struct parser *ps, struct scn_stmt *st,
		     struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	const struct scn_token *nums[2];
	struct region_decl *r;
	unsigned int seen = 0;
	size_t i, nnum = 0;
	int ret;

	r = region_arg(ps, p);
	if (!r)
		return -EINVAL;
	a->touch.region = r->name;
	for (i = 2; i < ps->n; i++) {
		ret = touch_word(ps, a, &ps->tok[i], nums, &nnum, &seen);
		if (ret)
			return ret;
	}
	if (nnum == 1)
		return scn_perr(ps, "touch needs both OFFSET and LENGTH");
	if (a->touch.mode == SCN_TOUCH_READ && (seen & BIT(1)))
		return scn_perr(ps, "fill= only applies to write touches");
	return scn_get_range(ps, nnum ? nums[0] : NULL, r, &a->touch.range);
}

static int act_write(struct parser *ps, struct scn_stmt *st,
		     struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	int ret;

	if (ps->n != 3 && ps->n != 4)
		return scn_usage(ps);
	ret = scn_get_file_path(ps, &ps->tok[1], &a->write.path);
	if (!ret)
		ret = scn_get_positive_size(ps, &ps->tok[2], "write size",
					    &a->write.size);
	if (!ret && ps->n == 4)
		ret = scn_get_size(ps, &ps->tok[3], &a->write.offset);
	return ret;
}

static int act_read(struct parser *ps, struct scn_stmt *st,
		    struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	int ret;

	if (ps->n != 2 && ps->n != 4)
		return scn_usage(ps);
	ret = scn_get_file_path(ps, &ps->tok[1], &a->read.path);
	if (ret)
		return ret;
	return scn_get_range(ps, ps->n == 4 ? &ps->tok[2] : NULL, NULL,
			     &a->read.range);
}

static int act_truncate(struct parser *ps, struct scn_stmt *st,
			struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	int ret;

	if (ps->n != 3)
		return scn_usage(ps);
	ret = scn_get_file_path(ps, &ps->tok[1], &a->truncate.path);
	if (ret)
		return ret;
	return scn_get_size(ps, &ps->tok[2], &a->truncate.size);
}

static int act_mlock(struct parser *ps, struct scn_stmt *st,
		     struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	struct region_decl *r;

	if (ps->n != 2 && ps->n != 4)
		return scn_usage(ps);
	r = scn_get_region(ps, p, &ps->tok[1]);
	if (!r)
		return -EINVAL;
	a->mlock.region = r->name;
	return scn_get_range(ps, ps->n == 4 ? &ps->tok[2] : NULL, r,
			     &a->mlock.range);
}

static int act_madvise(struct parser *ps, struct scn_stmt *st,
		       struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	struct region_decl *r;
	int adv;

	if (ps->n != 3 && ps->n != 5)
		return scn_usage(ps);
	r = scn_get_region(ps, p, &ps->tok[1]);
	if (!r)
		return -EINVAL;
	a->madvise.region = r->name;
	adv = scn_tok_lookup(&ps->tok[2], scn_advice_names, ARRAY_SIZE(scn_advice_names));
	if (adv < 0)
		return scn_perr_choice(ps, ps->tok[2].text, scn_advice_names,
				       ARRAY_SIZE(scn_advice_names),
				       "unknown madvise advice '%s'",
				       ps->tok[2].text);
	a->madvise.advice = adv;
	return scn_get_range(ps, ps->n == 5 ? &ps->tok[3] : NULL, r,
			     &a->madvise.range);
}

static int act_munmap(struct parser *ps, struct scn_stmt *st,
		      struct proc_decl *p)
{
	struct region_decl *r;

	if (ps->n != 2)
		return scn_usage(ps);
	r = scn_get_region(ps, p, &ps->tok[1]);
	if (!r)
		return -EINVAL;
	st->action.munmap.region = r->name;
	if (!st->expect_errno)
		scn_del_region(p, r);
	return 0;
}

/* "via DRIVER" after a pin's name; RDMA without it. */
static int pin_via(struct parser *ps, size_t i, enum scn_pin_via *via)
{
	int v;

	*via = SCN_PIN_RDMA;
	if (i == ps->n)
		return 0;
	if (i + 2 != ps->n || !scn_tok_is(&ps->tok[i], "via"))
		return scn_usage(ps);
	v = scn_tok_lookup(&ps->tok[i + 1], scn_pin_via_names,
			   ARRAY_SIZE(scn_pin_via_names));
	if (v < 0)
		return scn_perr_choice(ps, ps->tok[i + 1].text,
				       scn_pin_via_names,
				       ARRAY_SIZE(scn_pin_via_names),
				       "unknown pin driver '%s'",
				       ps->tok[i + 1].text);
	*via = v;
	return 0;
}

static int act_pin(struct parser *ps, struct scn_stmt *st,
		   struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	struct region_decl *r;
	size_t as = ps->n > 4 && scn_tok_is(&ps->tok[4], "as") ? 4 : 2;
	int ret;

	if (ps->n < as + 2 || !scn_tok_is(&ps->tok[as], "as"))
		return scn_usage(ps);
	r = scn_get_region(ps, p, &ps->tok[1]);
	if (!r)
		return -EINVAL;
	a->pin.region = r->name;
	ret = scn_get_range(ps, as == 4 ? &ps->tok[2] : NULL, r,
			    &a->pin.range);
	if (!ret)
		ret = pin_via(ps, as + 2, &a->pin.via);
	if (!ret)
		ret = scn_check_new_name(ps, &ps->tok[as + 1], "pin");
	if (ret)
		return ret;
	if (scn_find_pin(p, ps->tok[as + 1].text) >= 0 && !ps->instance)
		return scn_perr(ps, "process '%s' already has a pin '%s'", p->name,
				ps->tok[as + 1].text);
	a->pin.pin = scn_pstrdup(ps, ps->tok[as + 1].text);
	if (st->expect_errno)
		return 0;
	p->pins = scn_grow(p->pins, &p->cpins, p->npins + 1,
			   sizeof(*p->pins));
	p->pins[p->npins++] = a->pin.pin;
	return 0;
}

/* unpin PIN and close PIN: the name is free again after either. */
static int act_unpin(struct parser *ps, struct scn_stmt *st,
		     struct proc_decl *p)
{
	const char **name = st->action.kind == SCN_ACT_CLOSE ?
			    &st->action.close.pin : &st->action.unpin.pin;
	int i;

	if (ps->n != 2)
		return scn_usage(ps);
	i = scn_find_pin(p, ps->tok[1].text);
	if (i < 0 && ps->instance) {
		*name = scn_pstrdup(ps, ps->tok[1].text);
		return 0;
	}
	if (i < 0)
		return scn_perr_hint(ps, scn_suggest_names(ps->tok[1].text,
							   p->pins, p->npins,
							   sizeof(*p->pins)),
				     "process '%s' has no pin '%s'", p->name,
				     ps->tok[1].text);
	*name = p->pins[i];
	if (!st->expect_errno)
		p->pins[i] = p->pins[--p->npins];
	return 0;
}

/* setrlimit memlock SIZE|unlimited: soft and hard limit at once */
static int act_setrlimit(struct parser *ps, struct scn_stmt *st,
			 struct proc_decl *p)
{
	if (ps->n != 3 || !scn_tok_is(&ps->tok[1], "memlock"))
		return scn_usage(ps);
	if (scn_tok_is(&ps->tok[2], "unlimited")) {
		st->action.setrlimit.bytes = UINT64_MAX;
		return 0;
	}
	return scn_get_size(ps, &ps->tok[2], &st->action.setrlimit.bytes);
}

static int act_dentries(struct parser *ps, struct scn_stmt *st,
			struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	int kind, ret;

	if (ps->n != 2 && ps->n != 3)
		return scn_usage(ps);
	ret = scn_get_count(ps, ps->tok[1].text, "dentry count", &a->dentries.count);
	if (ret || ps->n == 2)
		return ret;
	kind = scn_tok_lookup(&ps->tok[2], scn_dentry_names, ARRAY_SIZE(scn_dentry_names));
	if (kind < 0)
		return scn_perr_choice(ps, ps->tok[2].text, scn_dentry_names,
				       ARRAY_SIZE(scn_dentry_names),
				       "unknown dentry kind '%s'", ps->tok[2].text);
	a->dentries.kind = kind;
	return 0;
}

/* pattern=uniform|seq|zipf:THETA */
static int access_pattern(struct parser *ps, struct scn_action *a,
			  const char *v)
{
	const char *colon = strchr(v, ':');
	const char *name = colon ? scn_pstrndup(ps, v, colon - v) : v;
	int i = scn_word_lookup(name, scn_pattern_names, ARRAY_SIZE(scn_pattern_names));
	struct scn_decimal d;
	const char *end;

	if (i < 0)
		return scn_perr_choice(ps, name, scn_pattern_names,
				       ARRAY_SIZE(scn_pattern_names),
				       "unknown access pattern '%s'", v);
	a->access.pattern = i;
	if (i != SCN_PATTERN_ZIPF)
		return colon ? scn_perr(ps, "access pattern '%s' takes no parameter",
					name) : 0;
	if (!colon)
		return scn_perr(ps, "zipf needs a parameter, e.g. pattern=zipf:0.99");
	if (scn_deferred(ps, colon + 1)) {
		a->access.theta = 1;
		return 0;
	}
	if (scn_parse_decimal(colon + 1, &end, &d) || *end || !d.mant ||
	    scn_decimal_double(&d) > SCN_MAX_THETA)
		return scn_perr(ps, "invalid zipf parameter '%s' (expected a number above 0, at most 100)",
				colon + 1);
	a->access.theta = scn_decimal_double(&d);
	return 0;
}

/* rate=N/s */
static int access_rate(struct parser *ps, struct scn_action *a, const char *v)
{
	size_t len = strlen(v);

	if (len < 3 || strcmp(v + len - 2, "/s"))
		return scn_perr(ps, "invalid rate '%s' (expected N/s, e.g. 1M/s)", v);
	return scn_get_count(ps, scn_pstrndup(ps, v, len - 2), "rate", &a->access.rate);
}

static const char *const access_keys[] = { "pattern", "ops", "rate", "write" };

static int access_option(struct parser *ps, struct scn_action *a,
			 const struct scn_token *t, unsigned int *seen)
{
	const char *val;
	int i = scn_get_option(ps, t, access_keys, ARRAY_SIZE(access_keys),
			       "access option", seen, &val);

	if (i < 0)
		return i;
	switch (i) {
	case 0:
		return access_pattern(ps, a, val);
	case 1:
		return scn_get_count(ps, val, "ops count", &a->access.ops);
	case 2:
		return access_rate(ps, a, val);
	default:
		return scn_get_fraction(ps, val, "write fraction",
					&a->access.write_fraction);
	}
}

static int act_access(struct parser *ps, struct scn_stmt *st,
		      struct proc_decl *p)
{
	struct scn_action *a = &st->action;
	struct region_decl *r;
	unsigned int seen = 0;
	size_t i;
	int ret;

	r = region_arg(ps, p);
	if (!r)
		return -EINVAL;
	a->access.region = r->name;
	for (i = 2; i < ps->n; i++) {
		ret = access_option(ps, a, &ps->tok[i], &seen);
		if (ret)
			return ret;
	}
	if (!(seen & BIT(0)))
		return scn_perr(ps, "access needs pattern=uniform|seq|zipf:THETA");
	if (!(seen & BIT(1)))
		return scn_perr(ps, "access needs ops=N");
	return 0;
}

static int act_replay(struct parser *ps, struct scn_stmt *st,
		      struct proc_decl *p)
{
	if (ps->n != 2)
		return scn_usage(ps);
	if (!ps->tok[1].len)
		return scn_perr(ps, "empty trace file name");
	st->action.replay.path = scn_pstrdup(ps, ps->tok[1].text);
	return 0;
}

static const struct action_desc actions[SCN_ACT_NR_KINDS] = {
	[SCN_ACT_EXIT] = { SCN_ACT_EXIT, act_exit, "NAME: exit", 0 },
	[SCN_ACT_MMAP] = { SCN_ACT_MMAP, act_mmap,
		"NAME: mmap REGION anon SIZE [shared|private] | mmap REGION memfd|sysv SIZE | mmap REGION shmem PATH SIZE | mmap REGION file PATH SIZE [shared|private]",
		0 },
	[SCN_ACT_TOUCH] = { SCN_ACT_TOUCH, act_touch,
		"NAME: touch REGION [OFFSET LENGTH] [read|write] [fill=zero|sparse|text|random|half_ascending|ratio=R|stride=STEP:BYTE|bytes=EXPR] [&]",
		AD_BG },
	[SCN_ACT_WRITE] = { SCN_ACT_WRITE, act_write,
		"NAME: write PATH SIZE [OFFSET]", 0 },
	[SCN_ACT_READ] = { SCN_ACT_READ, act_read,
		"NAME: read PATH [OFFSET LENGTH]", 0 },
	[SCN_ACT_TRUNCATE] = { SCN_ACT_TRUNCATE, act_truncate,
		"NAME: truncate PATH SIZE", 0 },
	[SCN_ACT_MLOCK] = { SCN_ACT_MLOCK, act_mlock,
		"NAME: mlock REGION [OFFSET LENGTH] [&]", AD_BG },
	[SCN_ACT_MUNLOCK] = { SCN_ACT_MUNLOCK, act_mlock,
		"NAME: munlock REGION [OFFSET LENGTH]", 0 },
	[SCN_ACT_MADVISE] = { SCN_ACT_MADVISE, act_madvise,
		"NAME: madvise REGION pageout|cold|dontneed|willneed|remove [OFFSET LENGTH]",
		0 },
	[SCN_ACT_MUNMAP] = { SCN_ACT_MUNMAP, act_munmap,
		"NAME: munmap REGION", 0 },
	[SCN_ACT_PIN] = { SCN_ACT_PIN, act_pin,
		"NAME: pin REGION [OFFSET LENGTH] as PIN [via rdma|vfio|io_uring]",
		0 },
	[SCN_ACT_UNPIN] = { SCN_ACT_UNPIN, act_unpin, "NAME: unpin PIN", 0 },
	[SCN_ACT_DENTRIES] = { SCN_ACT_DENTRIES, act_dentries,
		"NAME: dentries N [negative|positive]", 0 },
	[SCN_ACT_ACCESS] = { SCN_ACT_ACCESS, act_access,
		"NAME: access REGION pattern=uniform|seq|zipf:THETA ops=N [rate=N/s] [write=FRACTION] [&]",
		AD_BG },
	[SCN_ACT_REPLAY] = { SCN_ACT_REPLAY, act_replay,
		"NAME: replay TRACEFILE [&]", AD_BG },
	[SCN_ACT_SHMCTL] = { SCN_ACT_SHMCTL, scn_act_shmctl,
		"NAME: shmctl REGION lock|unlock", 0 },
	[SCN_ACT_CLEAR_REFS] = { SCN_ACT_CLEAR_REFS, scn_act_clear_refs,
		"NAME: clear_refs N", 0 },
	[SCN_ACT_MPROTECT] = { SCN_ACT_MPROTECT, scn_act_mprotect,
		"NAME: mprotect REGION none|read|write", 0 },
	[SCN_ACT_UFFD] = { SCN_ACT_UFFD, scn_act_uffd,
		"NAME: uffd open [FEATURE...] | uffd close | uffd register REGION [OFFSET LENGTH] missing|wp... | uffd unregister|wp|unwp REGION [OFFSET LENGTH]",
		0 },
	[SCN_ACT_PAGEMAP_SCAN] = { SCN_ACT_PAGEMAP_SCAN, scn_act_pagemap_scan,
		"NAME: pagemap_scan REGION [OFFSET LENGTH] [vec=N|nullvec=N] [flags=F,...] [max_pages=N] [mask=C,...] [inverted=C,...] [anyof=C,...] [return=C,...]",
		0 },
	[SCN_ACT_CLOSE] = { SCN_ACT_CLOSE, act_unpin, "NAME: close PIN", 0 },
	[SCN_ACT_SETRLIMIT] = { SCN_ACT_SETRLIMIT, act_setrlimit,
		"NAME: setrlimit memlock SIZE|unlimited", 0 },
};

const struct action_desc *scn_find_action(struct parser *ps,
					  const struct scn_token *t)
{
	int i = scn_tok_lookup(t, scn_action_names, SCN_ACT_NR_KINDS);

	if (i >= 0)
		return &actions[i];
	scn_perr_choice(ps, t->text, scn_action_names, SCN_ACT_NR_KINDS,
			"unknown action '%s'", t->text);
	return NULL;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The guest configuration file (config.h): written by the host, parsed by
 * the guest's PID 1.  Pure string work, no system calls, so that the host
 * library and the static guest binary both compile it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest/config.h"

void guest_config_init(struct guest_config *c)
{
	memset(c, 0, sizeof(*c));
	c->timeout_s = 600;
	strcpy(c->cwd, "/");
}

/* A value fits on one line of the file and in a field of size n. */
static int value_ok(const char *s, size_t n)
{
	return s && strlen(s) < n && !strchr(s, '\n') && !strchr(s, '\r');
}

/* KEY=VALUE with KEY of letters, digits, '_', '-' and inner dots. */
static int knob_ok(const char *kv, size_t n)
{
	const char *eq = value_ok(kv, n) ? strchr(kv, '=') : NULL;
	const char *p;

	if (!eq || eq == kv || kv[0] == '.' || eq[-1] == '.')
		return 0;
	for (p = kv; p < eq; p++) {
		if (!(p[0] >= 'a' && p[0] <= 'z') &&
		    !(p[0] >= 'A' && p[0] <= 'Z') &&
		    !(p[0] >= '0' && p[0] <= '9') && !strchr("_-.", p[0]))
			return 0;
		if (p[0] == '.' && p[1] == '.')
			return 0;
	}
	return 1;
}

static int add(char *slot, size_t n, int *count, int max, const char *s)
{
	if (*count >= max)
		return -E2BIG;
	if (!value_ok(s, n))
		return -EINVAL;
	strcpy(slot, s);
	(*count)++;
	return 0;
}

int guest_config_add_module(struct guest_config *c, const char *name)
{
	if (!name || !*name || strchr(name, '/'))
		return -EINVAL;
	return add(c->modules[c->nr_modules % GUEST_MAX_MODULES],
		   sizeof(c->modules[0]), &c->nr_modules, GUEST_MAX_MODULES,
		   name);
}

int guest_config_add_sysctl(struct guest_config *c, const char *kv)
{
	if (!knob_ok(kv, GUEST_STR))
		return -EINVAL;
	return add(c->sysctls[c->nr_sysctls % GUEST_MAX_KNOBS], GUEST_STR,
		   &c->nr_sysctls, GUEST_MAX_KNOBS, kv);
}

int guest_config_add_param(struct guest_config *c, const char *kv)
{
	const char *dot = kv ? strchr(kv, '.') : NULL;

	if (!knob_ok(kv, GUEST_STR) || !dot || dot > strchr(kv, '='))
		return -EINVAL;
	return add(c->params[c->nr_params % GUEST_MAX_KNOBS], GUEST_STR,
		   &c->nr_params, GUEST_MAX_KNOBS, kv);
}

int guest_config_add_arg(struct guest_config *c, const char *arg)
{
	return add(c->args[c->nr_args % GUEST_MAX_ARGS], GUEST_ARG_STR,
		   &c->nr_args, GUEST_MAX_ARGS, arg);
}

struct out {
	char *buf;
	size_t size, len;
	int err;
};

__attribute__((format(printf, 2, 3)))
static void emit(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->err)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->size - o->len)
		o->err = -ENOSPC;
	else
		o->len += n;
}

static void emit_list(struct out *o, const char *key, const char *base,
		      size_t stride, int n)
{
	int i;

	for (i = 0; i < n; i++)
		emit(o, "%s %s\n", key, base + i * stride);
}

int guest_config_write(const struct guest_config *c, char *buf, size_t size)
{
	struct out o = { buf, size, 0, 0 };

	if (!size)
		return -ENOSPC;
	if (!value_ok(c->cgroup2, GUEST_STR) || !value_ok(c->cwd, GUEST_STR) ||
	    !value_ok(c->root, GUEST_STR) ||
	    !value_ok(c->swap_dev, 32) || !value_ok(c->data_dev, 32) ||
	    c->timeout_s <= 0 || c->nr_args < 1)
		return -EINVAL;
	emit(&o, "%s\ncgroup2 %s\n", GUEST_CONFIG_MAGIC, c->cgroup2);
	emit_list(&o, "module", c->modules[0], sizeof(c->modules[0]),
		  c->nr_modules);
	if (c->swap_dev[0])
		emit(&o, "swap %s\n", c->swap_dev);
	if (c->data_dev[0])
		emit(&o, "data %s\n", c->data_dev);
	emit_list(&o, "sysctl", c->sysctls[0], GUEST_STR, c->nr_sysctls);
	emit_list(&o, "param", c->params[0], GUEST_STR, c->nr_params);
	if (c->root[0])
		emit(&o, "root %s\n", c->root);
	emit(&o, "cwd %s\ntimeout %d\n", c->cwd, c->timeout_s);
	emit_list(&o, "arg", c->args[0], GUEST_ARG_STR, c->nr_args);
	return o.err ? o.err : (int)o.len;
}

static int copy_field(char *dst, size_t n, const char *v)
{
	if (!value_ok(v, n))
		return -EINVAL;
	strcpy(dst, v);
	return 0;
}

static int parse_timeout(struct guest_config *c, const char *v)
{
	char *end;
	long t = strtol(v, &end, 10);

	if (*v < '0' || *v > '9' || *end || t <= 0 || t > 1000000)
		return -EINVAL;
	c->timeout_s = t;
	return 0;
}

/* One "key value" line; -EINVAL for a bad value, -ENOENT for a bad key. */
static int parse_line(struct guest_config *c, const char *key, const char *v)
{
	if (!strcmp(key, "cgroup2"))
		return copy_field(c->cgroup2, sizeof(c->cgroup2), v);
	if (!strcmp(key, "module"))
		return guest_config_add_module(c, v);
	if (!strcmp(key, "swap"))
		return copy_field(c->swap_dev, sizeof(c->swap_dev), v);
	if (!strcmp(key, "data"))
		return copy_field(c->data_dev, sizeof(c->data_dev), v);
	if (!strcmp(key, "sysctl"))
		return guest_config_add_sysctl(c, v);
	if (!strcmp(key, "param"))
		return guest_config_add_param(c, v);
	if (!strcmp(key, "root"))
		return copy_field(c->root, sizeof(c->root), v);
	if (!strcmp(key, "cwd"))
		return copy_field(c->cwd, sizeof(c->cwd), v);
	if (!strcmp(key, "timeout"))
		return parse_timeout(c, v);
	if (!strcmp(key, "arg"))
		return guest_config_add_arg(c, v);
	return -ENOENT;
}

static int parse_fail(char *err, size_t errlen, int line, const char *why,
		      const char *key)
{
	snprintf(err, errlen, "line %d: %s '%s'", line, why, key);
	return -EINVAL;
}

int guest_config_parse(struct guest_config *c, const char *text,
		       char *err, size_t errlen)
{
	char line[GUEST_ARG_STR + 64], *v;
	int nr = 0, ret;
	size_t n;

	guest_config_init(c);
	while (*text) {
		n = strcspn(text, "\n");
		if (n >= sizeof(line))
			return parse_fail(err, errlen, nr + 1, "too long:", "");
		memcpy(line, text, n);
		line[n] = '\0';
		text += n + (text[n] == '\n');
		if (++nr == 1) {
			if (strcmp(line, GUEST_CONFIG_MAGIC))
				return parse_fail(err, errlen, nr,
						  "not a version 1 config:",
						  line);
			continue;
		}
		v = strchr(line, ' ');
		if (!v)
			return parse_fail(err, errlen, nr, "no value for", line);
		*v++ = '\0';
		ret = parse_line(c, line, v);
		if (ret == -ENOENT)
			return parse_fail(err, errlen, nr, "unknown key", line);
		if (ret)
			return parse_fail(err, errlen, nr, "bad value for", line);
	}
	if (nr == 0 || c->nr_args < 1)
		return parse_fail(err, errlen, nr, "no payload:", "arg");
	return 0;
}

static int knob_path(const char *kv, char *path, size_t size,
		     const char **value, const char *fmt_dir, int is_param)
{
	const char *eq = strchr(kv, '='), *dot = strchr(kv, '.');
	int klen, mlen, n, i;

	if (!knob_ok(kv, GUEST_STR) || (is_param && (!dot || dot > eq)))
		return -EINVAL;
	klen = eq - kv;
	mlen = dot - kv;
	if (is_param)
		n = snprintf(path, size, "/sys/module/%.*s/parameters/%.*s",
			     mlen, kv, klen - mlen - 1, dot + 1);
	else
		n = snprintf(path, size, "%s%.*s", fmt_dir, klen, kv);
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	if (!is_param)	/* sysctl names use dots for directories */
		for (i = strlen(fmt_dir); path[i]; i++)
			if (path[i] == '.')
				path[i] = '/';
	*value = eq + 1;
	return 0;
}

int guest_sysctl_path(const char *kv, char *path, size_t size,
		      const char **value)
{
	return knob_path(kv, path, size, value, "/proc/sys/", 0);
}

int guest_param_path(const char *kv, char *path, size_t size,
		     const char **value)
{
	return knob_path(kv, path, size, value, NULL, 1);
}

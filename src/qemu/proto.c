// SPDX-License-Identifier: GPL-2.0
/*
 * Parse the guest's protocol lines and classify a run (proto.h).  The
 * order of the checks is the order of trust: a panic on the console beats
 * everything, then whether PID 1 came up and finished its setup, then how
 * the payload ended.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest/protocol.h"
#include "qemu/proto.h"

#define PANIC_TEXT	"Kernel panic - not syncing"

void guest_proto_init(struct guest_proto *p)
{
	memset(p, 0, sizeof(*p));
}

/* The number after "key=" in the words of s, or dflt. */
static long long word_value(const char *s, const char *key, long long dflt)
{
	size_t klen = strlen(key);
	const char *w;

	for (w = s; (w = strstr(w, key)); w += klen)
		if ((w == s || w[-1] == ' ') && w[klen] == '=')
			return strtoll(w + klen + 1, NULL, 10);
	return dflt;
}

static void parse_exit(struct guest_proto *p, const char *s)
{
	if (!strncmp(s, "timeout", 7)) {
		p->exit = PROTO_EXIT_TIMEOUT;
	} else if (!strncmp(s, "code=", 5)) {
		p->exit = PROTO_EXIT_CODE;
		p->value = word_value(s, "code", -1);
	} else {
		p->exit = PROTO_EXIT_SIGNAL;
		p->value = word_value(s, "signal", -1);
	}
	p->pid = word_value(s, "pid", -1);
	p->ms = word_value(s, "ms", -1);
	p->oom_kill = word_value(s, "oom_kill", 0);
}

static int parse_marker(struct guest_proto *p, const char *s)
{
	if (!strcmp(s, "HELLO"))
		p->hello = 1;
	else if (!strncmp(s, "READY", 5)) {
		p->ready = 1;
		snprintf(p->ready_info, sizeof(p->ready_info), "%s",
			 s[5] ? s + 6 : "");
	} else if (!strncmp(s, "FAIL ", 5))
		snprintf(p->fail, sizeof(p->fail), "%s", s + 5);
	else if (!strncmp(s, "EXIT ", 5))
		parse_exit(p, s + 5);
	else if (!strcmp(s, "DONE"))
		p->done = 1;
	else
		return 0;
	return 'M';
}

int guest_proto_feed(struct guest_proto *p, const char *line,
		     const char **text)
{
	size_t mlen = strlen(GUEST_MARK);

	if ((line[0] == 'o' || line[0] == 'e') && line[1] == ' ') {
		*text = line + 2;
		return line[0];
	}
	if (!strncmp(line, GUEST_MARK, mlen) && parse_marker(p, line + mlen))
		return 'M';
	if (!p->bad_lines++)
		snprintf(p->first_bad, sizeof(p->first_bad), "%s", line);
	return 0;
}

/* The console line holding needle, into out. */
static int console_line(const char *console, const char *needle,
			char *out, size_t n)
{
	const char *hit = console ? strstr(console, needle) : NULL;
	const char *start;

	if (!hit)
		return 0;
	for (start = hit; start > console && start[-1] != '\n'; start--)
		;
	snprintf(out, n, "%.*s", (int)strcspn(start, "\r\n"), start);
	return 1;
}

static int oom_killed(const struct guest_proto *p, const char *console)
{
	char needle[64];

	if (p->exit != PROTO_EXIT_SIGNAL || p->value != 9)
		return 0;
	snprintf(needle, sizeof(needle), "Killed process %d (", p->pid);
	return (console && strstr(console, needle)) || p->oom_kill > 0;
}

static enum guest_verdict payload_verdict(const struct guest_proto *p,
					  const char *console, char *msg,
					  size_t n)
{
	switch (p->exit) {
	case PROTO_EXIT_TIMEOUT:
		snprintf(msg, n, "the payload ran past its timeout and was "
			 "killed after %lld ms", p->ms);
		return GUEST_TIMEOUT;
	case PROTO_EXIT_SIGNAL:
		if (oom_killed(p, console)) {
			snprintf(msg, n, "the OOM killer killed the payload "
				 "(pid %d)", p->pid);
			return GUEST_OOM;
		}
		snprintf(msg, n, "the payload was killed by signal %d",
			 p->value);
		return GUEST_KILLED;
	default:
		if (!p->done)
			snprintf(msg, n, "the guest did not power off cleanly");
		return GUEST_EXITED;
	}
}

static enum guest_verdict no_ready(const struct guest_proto *p,
				   enum host_stop stop, const char *qemu_err,
				   char *msg, size_t n)
{
	if (p->fail[0])
		snprintf(msg, n, "guest setup failed: %s", p->fail);
	else if (stop == HOST_STOP_BOOT)
		snprintf(msg, n, "no READY from the guest within the boot "
			 "timeout (%s)", p->hello ? "PID 1 started" :
			 "PID 1 never started");
	else if (!p->hello)
		snprintf(msg, n, "qemu stopped before the guest's PID 1 "
			 "started%s%.600s", qemu_err && *qemu_err ? ": " : "",
			 qemu_err ? qemu_err : "");
	else
		snprintf(msg, n, "the guest stopped during its setup");
	return GUEST_BOOT_FAILED;
}

enum guest_verdict guest_classify(const struct guest_proto *p,
				  const char *console, enum host_stop stop,
				  const char *qemu_err, char *msg, size_t n)
{
	char line[512];

	msg[0] = '\0';
	if (console_line(console, PANIC_TEXT, line, sizeof(line))) {
		snprintf(msg, n, "%s", line);
		return GUEST_PANIC;
	}
	if (!p->ready)
		return no_ready(p, stop, qemu_err, msg, n);
	if (p->exit != PROTO_EXIT_NONE)
		return payload_verdict(p, console, msg, n);
	if (stop == HOST_STOP_RUN) {
		snprintf(msg, n, "no EXIT from the guest within the payload's "
			 "timeout and the host's margin");
		return GUEST_TIMEOUT;
	}
	if (p->fail[0])
		snprintf(msg, n, "the payload could not start: %s", p->fail);
	else
		snprintf(msg, n, "the guest stopped while the payload ran, "
			 "without a panic on the console");
	return GUEST_LOST;
}

void text_tail(const char *text, int nr, struct strbuf *out)
{
	size_t len = strlen(text), i = len;
	int lines = 0;

	if (i && text[i - 1] == '\n')
		i--;
	while (i > 0) {
		if (text[i - 1] == '\n' && ++lines == nr)
			break;
		i--;
	}
	for (; i < len; i++)
		if (text[i] != '\r')
			sb_add(out, text + i, 1);
}

const char *guest_verdict_name(enum guest_verdict v)
{
	static const char *const names[] = {
		[GUEST_EXITED] = "exited",
		[GUEST_KILLED] = "killed",
		[GUEST_OOM] = "oom-killed",
		[GUEST_TIMEOUT] = "timeout",
		[GUEST_PANIC] = "kernel-panic",
		[GUEST_BOOT_FAILED] = "boot-failed",
		[GUEST_LOST] = "guest-lost",
		[GUEST_HOST_ERROR] = "host-error",
	};

	return v <= GUEST_HOST_ERROR ? names[v] : "?";
}

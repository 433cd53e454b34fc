// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test for qemu/proto.c: transcripts of the guest protocol (as
 * src/guest writes them) and console texts (as Linux 6.12 prints them)
 * classified into the runner's verdicts: a normal end, a setup failure, a
 * boot that never reached PID 1, a panic, an OOM kill of the payload, a
 * kill by another signal, the guest's and the host's timeouts, a guest
 * lost mid-run.
 */
#include <string.h>

#include "guest/protocol.h"
#include "qemu/proto.h"
#include "tap.h"

#define M GUEST_MARK

static const char ready[] = M "READY kernel=6.12.118+deb12-amd64 cpus=2";
static const char oom_console[] =
	"[   40.1] Memory cgroup out of memory: Killed process 97 (t) "
	"total-vm:5000kB\r\n";
static const char panic_console[] =
	"[    9.0] sysrq: Trigger a crash\r\n"
	"[    9.1] Kernel panic - not syncing: sysrq triggered crash\r\n";

static struct guest_proto feed(const char *const lines[])
{
	struct guest_proto p;
	const char *text;
	int i;

	guest_proto_init(&p);
	for (i = 0; lines[i]; i++)
		guest_proto_feed(&p, lines[i], &text);
	return p;
}

static enum guest_verdict verdict(const char *const lines[],
				  const char *console, enum host_stop stop,
				  char *msg)
{
	struct guest_proto p = feed(lines);

	return guest_classify(&p, console, stop, "qemu: oops", msg, 512);
}

static void lines(void)
{
	struct guest_proto p;
	const char *text = NULL;

	guest_proto_init(&p);
	is_long(guest_proto_feed(&p, "o ok 1 test", &text), 'o', "stdout line");
	is_str(text, "ok 1 test", "its text");
	is_long(guest_proto_feed(&p, "e warn", &text), 'e', "stderr line");
	is_long(guest_proto_feed(&p, M "HELLO", &text), 'M', "marker");
	is_long(guest_proto_feed(&p, "garbage", &text), 0, "not protocol");
	is_long(p.bad_lines, 1, "counted");
	is_str(p.first_bad, "garbage", "first bad line kept");
	guest_proto_feed(&p, ready, &text);
	is_str(p.ready_info, "kernel=6.12.118+deb12-amd64 cpus=2",
	       "READY's words kept");
	guest_proto_feed(&p, M "EXIT code=3 pid=42 ms=1234 oom_kill=2", &text);
	ok(p.exit == PROTO_EXIT_CODE && p.value == 3 && p.pid == 42 &&
	   p.ms == 1234 && p.oom_kill == 2, "EXIT code=3 pid=42 ms=1234");
}

static void verdicts(void)
{
	const char *normal[] = { M "HELLO", ready, "o x",
				 M "EXIT code=0 pid=9 ms=5 oom_kill=0",
				 M "DONE", NULL };
	const char *setup[] = { M "HELLO", M "FAIL disk: no disk vda", M "DONE",
				NULL };
	const char *nothing[] = { NULL };
	const char *oom[] = { M "HELLO", ready,
			      M "EXIT signal=9 pid=97 ms=5 oom_kill=1", NULL };
	const char *term[] = { M "HELLO", ready,
			       M "EXIT signal=15 pid=97 ms=5 oom_kill=0", NULL };
	const char *gto[] = { M "HELLO", ready,
			      M "EXIT timeout pid=97 ms=600000 oom_kill=0",
			      M "DONE", NULL };
	const char *running[] = { M "HELLO", ready, "o still here", NULL };
	char msg[512];

	is_long(verdict(normal, "", HOST_STOP_NONE, msg), GUEST_EXITED,
		"normal end: exited");
	is_long(verdict(setup, "", HOST_STOP_NONE, msg), GUEST_BOOT_FAILED,
		"FAIL before READY: boot failed");
	ok(strstr(msg, "no disk vda") != NULL, "with the guest's reason");
	is_long(verdict(nothing, "", HOST_STOP_NONE, msg), GUEST_BOOT_FAILED,
		"qemu gone before HELLO: boot failed");
	ok(strstr(msg, "qemu: oops") != NULL, "with qemu's stderr");
	is_long(verdict(nothing, "", HOST_STOP_BOOT, msg), GUEST_BOOT_FAILED,
		"no READY in time: boot failed");
	is_long(verdict(running, panic_console, HOST_STOP_NONE, msg),
		GUEST_PANIC, "panic on the console: kernel panic");
	ok(strstr(msg, "sysrq triggered crash") != NULL, "with its line");
	is_long(verdict(nothing, panic_console, HOST_STOP_NONE, msg),
		GUEST_PANIC, "a panic while booting is a panic too");
	is_long(verdict(oom, oom_console, HOST_STOP_NONE, msg), GUEST_OOM,
		"SIGKILL + 'Killed process 97 (': OOM");
	is_long(verdict(term, oom_console, HOST_STOP_NONE, msg), GUEST_KILLED,
		"SIGTERM: killed, not OOM");
	is_long(verdict(gto, "", HOST_STOP_NONE, msg), GUEST_TIMEOUT,
		"guest's own timeout");
	is_long(verdict(running, "", HOST_STOP_RUN, msg), GUEST_TIMEOUT,
		"no EXIT in the host's time: timeout");
	is_long(verdict(running, "", HOST_STOP_NONE, msg), GUEST_LOST,
		"qemu gone mid-run without a panic: lost");
}

static void tail(void)
{
	struct strbuf sb = STRBUF_INIT;

	text_tail("a\r\nb\r\nc\r\n", 2, &sb);
	is_str(sb.buf, "b\nc\n", "last two lines, \\r removed");
	sb_reset(&sb);
	text_tail("only\n", 5, &sb);
	is_str(sb.buf, "only\n", "fewer lines than asked");
	sb_release(&sb);
	is_str(guest_verdict_name(GUEST_OOM), "oom-killed", "verdict name");
}

int main(void)
{
	lines();
	verdicts();
	tail();
	return done_testing();
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's side of the guest protocol (src/guest/protocol.h): a parser
 * fed one line at a time, and the classification of a finished run into a
 * verdict from what the protocol said, what the console showed and
 * whether the host had to stop the machine.  Pure functions, so that the
 * unit tests drive them with transcripts.
 */
#ifndef MEMCGLAB_QEMU_PROTO_H
#define MEMCGLAB_QEMU_PROTO_H

#include "qemu/qemu.h"

enum proto_exit { PROTO_EXIT_NONE, PROTO_EXIT_CODE, PROTO_EXIT_SIGNAL,
		  PROTO_EXIT_TIMEOUT };

struct guest_proto {
	int hello, ready, done;
	enum proto_exit exit;
	int value;		/* exit code or signal */
	int pid;
	long long ms;
	long oom_kill;
	char ready_info[1024];
	char fail[1024];	/* "stage: why" of a FAIL line */
	int bad_lines;
	char first_bad[256];
};

/* What the host observed about qemu besides the protocol. */
enum host_stop { HOST_STOP_NONE, HOST_STOP_BOOT, HOST_STOP_RUN,
		 HOST_STOP_POWEROFF };

void guest_proto_init(struct guest_proto *p);
/*
 * One line, without its newline.  Returns 'o' or 'e' for a payload line
 * (*text is its text), 'M' for a protocol marker, 0 for a line that is
 * not part of the protocol (counted in bad_lines).
 */
int guest_proto_feed(struct guest_proto *p, const char *line,
		     const char **text);
/*
 * The verdict of a run from the protocol state, the console's text
 * (may be NULL), how the host stopped qemu, and qemu's stderr (may be
 * NULL); message explains anything but a normal exit.
 */
enum guest_verdict guest_classify(const struct guest_proto *p,
				  const char *console, enum host_stop stop,
				  const char *qemu_err, char *message,
				  size_t n);
/* The last nr lines of text, \r removed, into out. */
void text_tail(const char *text, int nr, struct strbuf *out);

#endif

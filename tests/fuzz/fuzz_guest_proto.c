// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the host's side of the guest protocol
 * (qemu/proto.c): the lines a guest writes on its serial port and the
 * console's text, bytes from outside the model.  The input is split at a
 * NUL: before it, the serial output, fed line by line as qemu.c feeds it;
 * after it, the console, given to guest_classify() with each way the host
 * can have stopped qemu.  What must hold: no crash or sanitizer report; a
 * payload line's text is the line after its "o " or "e "; a verdict has a
 * name, and anything but a clean exit has a message that fits its buffer;
 * text_tail() never returns more than it was given.
 *
 *   make fuzz && mkdir -p build-fuzz/guest_proto &&
 *   build-fuzz/fuzz_guest_proto -max_total_time=1800 -timeout=20 \
 *	build-fuzz/guest_proto tests/fuzz/corpus/guest_proto
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "qemu/proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void feed(struct guest_proto *p, char *serial)
{
	char *line, *save = NULL;
	const char *text;
	int kind;

	for (line = strtok_r(serial, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		text = NULL;
		kind = guest_proto_feed(p, line, &text);
		if ((kind == 'o' || kind == 'e') && text != line + 2)
			abort();
		if (kind && kind != 'o' && kind != 'e' && kind != 'M')
			abort();
	}
}

static void classify(const struct guest_proto *p, const char *console)
{
	static const enum host_stop stops[] = {
		HOST_STOP_NONE, HOST_STOP_BOOT, HOST_STOP_RUN,
		HOST_STOP_POWEROFF,
	};
	char msg[256];
	size_t i;

	for (i = 0; i < 4; i++) {
		enum guest_verdict v = guest_classify(p, console, stops[i],
						      console, msg,
						      sizeof(msg));

		if (!guest_verdict_name(v) || strlen(msg) >= sizeof(msg))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 2), *console;
	struct strbuf tail = STRBUF_INIT;
	struct guest_proto p;

	if (!buf)
		abort();
	memcpy(buf, data, size);
	buf[size] = buf[size + 1] = '\0';
	console = buf + strlen(buf) + 1;	/* after the first NUL */
	guest_proto_init(&p);
	text_tail(console, 1 + size % 20, &tail);
	if (tail.len > strlen(console))
		abort();
	sb_release(&tail);
	feed(&p, buf);
	classify(&p, console);
	free(buf);
	return 0;
}

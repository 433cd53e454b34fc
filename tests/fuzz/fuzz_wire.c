// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the observation lines of `memcglab compare`
 * (guest/exec/wire.c): what the guest executor prints with --observe and
 * what `compare --from FILE` reads back from a saved kernel run, so bytes
 * from outside the model.  The input is that output, any bytes.  What
 * must hold: no crash or sanitizer report; at most one observation a
 * line; a line that is not an observation is skipped; an event or error
 * has its text and a text never holds a newline it was not escaped to;
 * unescaping never grows the text.
 *
 *   make fuzz && mkdir -p build-fuzz/wire &&
 *   build-fuzz/fuzz_wire -max_total_time=1800 -timeout=20 \
 *	build-fuzz/wire tests/fuzz/corpus/wire
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest/exec/wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_obs(const struct wire_obs *o, size_t size)
{
	switch (o->kind) {
	case WIRE_EVENT:
	case WIRE_ERROR:
		if (!o->text)
			abort();
		break;
	case WIRE_READ:
		break;
	default:
		if (o->text)
			abort();
		break;
	}
	if (o->text && strlen(o->text) > size)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *u;
	struct wire_list l = { 0 };
	size_t i, lines = 1;

	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; i < size; i++)
		lines += text[i] == '\n';
	wire_parse(text, &l);
	if (l.n > lines)
		abort();
	for (i = 0; i < l.n; i++)
		check_obs(&l.v[i], size);
	wire_list_release(&l);
	u = wire_unescape((const char *)data, size);
	if (strlen(u) > size)
		abort();
	free(u);
	free(text);
	return 0;
}

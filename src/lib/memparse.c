// SPDX-License-Identifier: GPL-2.0
/*
 * memparse() (lib/cmdline.c) and strstrip() (lib/string.c), written from
 * their documented behaviour.  Integer parsing is lib/kstrtox.c's.
 *
 * Differences from the kernel: character classes use the kernel's own
 * ctype table (so 0xa0 counts as space, as in lib/ctype.c) instead of the
 * host's locale-dependent <ctype.h>.
 */
#include <string.h>

#include "memparse.h"
#include "kstrtox.h"

/* Kernel ctype: \t \n \v \f \r, space and Latin-1 NBSP. */
static bool kisspace(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0;
}

static unsigned int suffix_shift(char c)
{
	switch (c | 0x20) {
	case 'k':
		return 10;
	case 'm':
		return 20;
	case 'g':
		return 30;
	case 't':
		return 40;
	case 'p':
		return 50;
	case 'e':
		return 60;
	default:
		return 0;
	}
}

/*
 * The suffix is looked at even when no digit was read, as in the kernel:
 * "K" alone parses as 0 with the K consumed.  Shifts are not checked for
 * overflow, so "16E" wraps to 0.
 */
unsigned long long memparse(const char *ptr, char **retptr)
{
	unsigned long long ret;
	unsigned int shift;
	char *end;

	ret = simple_strtoull(ptr, &end, 0);
	shift = suffix_shift(*end);
	if (shift) {
		ret <<= shift;
		end++;
	}
	if (retptr)
		*retptr = end;
	return ret;
}

char *strstrip(char *s)
{
	size_t len = strlen(s);

	while (len && kisspace(s[len - 1]))
		len--;
	s[len] = '\0';
	while (kisspace(*s))
		s++;
	return s;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * UTF-8 validation, for output formats that must hold only valid UTF-8
 * (JSON, XML/HTML) whatever bytes a scenario puts in a name or a file.
 */
#ifndef MEMCGLAB_LIB_UTF8_H
#define MEMCGLAB_LIB_UTF8_H

#include <stddef.h>

/* U+FFFD, the replacement character, in UTF-8. */
#define UTF8_REPLACEMENT	"\xef\xbf\xbd"

/*
 * Length of the well-formed UTF-8 sequence at @s (at most @n bytes, n > 0),
 * or 0 if it is not one: overlong forms, surrogates and code points above
 * U+10FFFF are not.
 */
size_t utf8_len(const unsigned char *s, size_t n);

#endif

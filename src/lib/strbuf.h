/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A growable text buffer: what seq_file is to the kernel's show() handlers.
 */
#ifndef MEMCGLAB_LIB_STRBUF_H
#define MEMCGLAB_LIB_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

#define STRBUF_INIT { NULL, 0, 0 }

void sb_init(struct strbuf *sb);
void sb_release(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_add(struct strbuf *sb, const char *data, size_t len);
void sb_puts(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Detach the buffer; the caller frees it.  Never NULL. */
char *sb_detach(struct strbuf *sb);

#endif

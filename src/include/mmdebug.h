/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VM_BUG_ON_FOLIO (include/linux/mmdebug.h): a broken invariant of a
 * folio, reported with the folio's state as dump_page() prints it.
 */
#ifndef MEMCGLAB_INCLUDE_MMDEBUG_H
#define MEMCGLAB_INCLUDE_MMDEBUG_H

#include "include/bug.h"
#include "include/memory_model.h"

#define VM_BUG_ON_FOLIO(m, cond, folio)					\
	({								\
		const struct folio *__f = (folio);			\
		MODEL_BUG_ON(m, cond, "folio pfn %#lx flags %#lx "	\
			     "refcount %d mapcount %d memcg_data %#lx",	\
			     folio_pfn(m, __f), __f->flags,		\
			     __f->_refcount, folio_mapcount(__f),	\
			     __f->memcg_data);				\
	})

#endif

/* base_internal.h (internal): what src/ shares beyond concord/base.h.
 *
 * concord__fatal is the one place where the library writes to stderr
 * itself: out of memory and broken internal invariants (data compiled into
 * the library that does not load, a dependency without its built-in
 * defaults).  It prints "concord: MESSAGE" and aborts.  Problems in the
 * input never come here: they go to a concord_diag (concord/base.h). */
#ifndef CONCORD_BASE_INTERNAL_H
#define CONCORD_BASE_INTERNAL_H

_Noreturn void concord__fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

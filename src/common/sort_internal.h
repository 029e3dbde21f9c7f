/* sort_internal.h (internal): type-specific in-place sorts for hot arrays
 * of structs, with the comparison inlined (glibc qsort is a merge sort that
 * calls a comparator through a pointer for every step: at a million
 * articles it was the largest single cost of explain).
 *
 * CONCORD__SORT_DEFINE(name, T, LESS) defines
 *     static void name(T *a, size_t n);
 * an introsort (quicksort, median of three; insertion sort below 16
 * elements; heapsort past 2 log2 n levels, so no input is quadratic) that
 * orders a by LESS(x, y), a macro or function of two `const T *` that is
 * true when *x goes strictly before *y.
 *
 * Not stable: use it only where LESS is a total order of the elements
 * (or elements it ties are identical in every field that is read later),
 * so that the result is the one any correct sort gives.  No allocation,
 * no global state: thread-safe.  concord_sort_u64 (concord/base.h) sorts
 * plain 64-bit keys (radix sort past a few hundred). */
#ifndef CONCORD_SORT_INTERNAL_H
#define CONCORD_SORT_INTERNAL_H

#include <stddef.h>

#define CONCORD__SORT_DEFINE(name, T, LESS)                                                        \
    static void name##_sift(T *a, size_t root, size_t n)                                           \
    {                                                                                              \
        T v = a[root];                                                                             \
        for (;;) {                                                                                 \
            size_t c = 2 * root + 1;                                                               \
            if (c >= n)                                                                            \
                break;                                                                             \
            if (c + 1 < n && LESS(&a[c], &a[c + 1]))                                               \
                c++;                                                                               \
            if (!LESS(&v, &a[c]))                                                                  \
                break;                                                                             \
            a[root] = a[c];                                                                        \
            root = c;                                                                              \
        }                                                                                          \
        a[root] = v;                                                                               \
    }                                                                                              \
    static void name##_heap(T *a, size_t n)                                                        \
    {                                                                                              \
        for (size_t k = n / 2; k-- > 0;)                                                           \
            name##_sift(a, k, n);                                                                  \
        for (size_t end = n; end-- > 1;) {                                                         \
            T t = a[0];                                                                            \
            a[0] = a[end];                                                                         \
            a[end] = t;                                                                            \
            name##_sift(a, 0, end);                                                                \
        }                                                                                          \
    }                                                                                              \
    static void name##_intro(T *a, size_t n, unsigned depth)                                       \
    {                                                                                              \
        while (n > 16) {                                                                           \
            if (depth-- == 0) {                                                                    \
                name##_heap(a, n);                                                                 \
                return;                                                                            \
            }                                                                                      \
            size_t mid = n / 2;                                                                    \
            T t;                                                                                   \
            if (LESS(&a[mid], &a[0])) {                                                            \
                t = a[mid], a[mid] = a[0], a[0] = t;                                               \
            }                                                                                      \
            if (LESS(&a[n - 1], &a[0])) {                                                          \
                t = a[n - 1], a[n - 1] = a[0], a[0] = t;                                           \
            }                                                                                      \
            if (LESS(&a[n - 1], &a[mid])) {                                                        \
                t = a[n - 1], a[n - 1] = a[mid], a[mid] = t;                                       \
            }                                                                                      \
            T pivot = a[mid];                                                                      \
            size_t i = 0, j = n - 1;                                                               \
            for (;;) {                                                                             \
                while (LESS(&a[i], &pivot))                                                        \
                    i++;                                                                           \
                while (LESS(&pivot, &a[j]))                                                        \
                    j--;                                                                           \
                if (i >= j)                                                                        \
                    break;                                                                         \
                t = a[i], a[i] = a[j], a[j] = t;                                                   \
                i++;                                                                               \
                j--;                                                                               \
            }                                                                                      \
            size_t left = j + 1; /* a[0..j] <= pivot <= a[j+1..n) */                               \
            if (left < n - left) {                                                                 \
                name##_intro(a, left, depth);                                                      \
                a += left;                                                                         \
                n -= left;                                                                         \
            } else {                                                                               \
                name##_intro(a + left, n - left, depth);                                           \
                n = left;                                                                          \
            }                                                                                      \
        }                                                                                          \
        for (size_t i = 1; i < n; i++) {                                                           \
            T v = a[i];                                                                            \
            size_t j = i;                                                                          \
            while (j > 0 && LESS(&v, &a[j - 1])) {                                                 \
                a[j] = a[j - 1];                                                                   \
                j--;                                                                               \
            }                                                                                      \
            a[j] = v;                                                                              \
        }                                                                                          \
    }                                                                                              \
    static void name(T *a, size_t n)                                                               \
    {                                                                                              \
        unsigned depth = 0;                                                                        \
        for (size_t m = n; m > 1; m >>= 1)                                                         \
            depth += 2;                                                                            \
        if (n > 1)                                                                                 \
            name##_intro(a, n, depth);                                                             \
    }

#endif

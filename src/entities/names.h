/*
 * names.h — the comparison key of a name, so that the ways one name is
 * written meet: case, diacritics, hyphens and apostrophes, ordinals
 * (28e, 28ème, 28th), and the transliteration conventions of French,
 * English and German for Ukrainian and Russian names (ou/u, tch/ch,
 * j/zh, ï/i, iy/y/yy, kh/h, ie/ye...).
 */
#ifndef VL_ENTITIES_NAMES_H
#define VL_ENTITIES_NAMES_H

#include <stddef.h>

/*
 * Write the key of `len` bytes of UTF-8 into out (at most cap - 1 bytes,
 * NUL-terminated); returns the key's length, or 0 when the name has no
 * letter or digit. Words are separated by one space. Pure, thread-safe.
 */
size_t vl__name_key(const char *s, size_t len, char *out, size_t cap);

/*
 * Is this a name as a text would write it? Latin script (accents
 * allowed), starting with a capital letter, and not an all-capitals code
 * of four letters or fewer (an airport code such as IEV). GeoNames lists
 * romanisations that no text uses ("ji fu", "kyyf"): the gazetteer and
 * `veille eval variants` keep only the names this accepts. 1 or 0; pure.
 */
int vl__name_written(const char *s, size_t len);

#endif

/*
 * fuzz_parsers.c - the libFuzzer targets for every parser of
 * fuzz_targets.h, one executable each: built with FUZZ_DECK, FUZZ_EPUB,
 * FUZZ_OPF, FUZZ_XHTML, FUZZ_INI or FUZZ_PIC defined (tests/fuzz/CMakeLists.txt):
 *   make fuzz                 (each for FUZZ_TIME seconds on its corpus)
 *   build-fuzz/tests/fuzz/fuzz_epub -max_total_time=60 tests/fuzz/corpus/epub
 */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int bad = 0;
#if defined(FUZZ_DECK)
    static lb *l;
    if (!l)
        l = lb_new();
    bad = fuzz_deck(data, size, l);
#elif defined(FUZZ_EPUB)
    bad = fuzz_epub(data, size);
#elif defined(FUZZ_OPF)
    bad = fuzz_epub_part(data, size, true);
#elif defined(FUZZ_XHTML)
    bad = fuzz_epub_part(data, size, false);
#elif defined(FUZZ_INI)
    bad = fuzz_ini(data, size);
#elif defined(FUZZ_PIC)
    bad = fuzz_pic(data, size);
#else
#error "define one of FUZZ_DECK, FUZZ_EPUB, FUZZ_OPF, FUZZ_XHTML, FUZZ_INI, FUZZ_PIC"
#endif
    if (bad)
        abort(); /* a broken invariant is a finding, like a crash */
    return 0;
}

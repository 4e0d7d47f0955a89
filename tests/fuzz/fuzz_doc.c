/*
 * fuzz_doc - libFuzzer target for the Markdown + front matter parser and
 * the layout engine (fake metrics).  Build and run:
 *   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DMADOGUCHI_FUZZ=ON
 *   cmake --build build-fuzz --target fuzz_doc
 *   build-fuzz/tests/fuzz/fuzz_doc -max_total_time=60 tests/data/doc
 * test_fuzz (ctest) runs the same body on seeded mutations without clang.
 */
#include "fuzz_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static lb *l;
    if (!l)
        l = lb_new();
    fuzz_one((const char *)data, size, l);
    return 0;
}

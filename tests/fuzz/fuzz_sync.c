/*
 * fuzz_sync - libFuzzer target for the export body reader (sync_parse):
 * whoever has the office's public key can seal any body, so after the
 * container opens the bytes are still hostile.  Any input must give a
 * file or a message, never a crash.  Build and run as fuzz_doc.c says:
 *   cmake --build build-fuzz --target fuzz_sync
 *   build-fuzz/tests/fuzz/fuzz_sync -max_total_time=60
 * test_merge (ctest) runs seeded mutations of a real body without clang.
 */
#include <stdint.h>

#include "../../app/core/sync.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sync_file *f = NULL;
    char err[256];
    if (sync_parse(data, size, &f, err, sizeof err) && f->n > SYNC_MAX_REVS)
        __builtin_trap();
    sync_file_free(f);
    return 0;
}

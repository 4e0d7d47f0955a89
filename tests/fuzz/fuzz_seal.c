/*
 * fuzz_seal - libFuzzer target for the sealed-container reader (seal.h):
 * any bytes, read with a fixed office key, must give a status and never
 * crash, leak or read out of bounds.  Build and run as fuzz_doc.c says:
 *   cmake --build build-fuzz --target fuzz_seal
 *   build-fuzz/tests/fuzz/fuzz_seal -max_total_time=60
 * The seed (tests/fuzz/corpus/seal) is a two-note export sealed to the key
 * made from the all-zero seed below (format 2: signed by the kiosk key of
 * crypto_sign seed {1}); tests/fuzz/corpus/sync is its body.  test_seal (ctest) flips every byte
 * and cuts at every length of a real container without clang.
 */
#include <sodium.h>
#include <stdint.h>

#include "../../app/core/seal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static seal_office o;
    if (!o.has_sk) {
        static const unsigned char seed[crypto_box_SEEDBYTES];
        if (sodium_init() < 0)
            return 0;
        crypto_box_seed_keypair(o.pk, o.sk, seed);
        o.has_sk = true;
    }
    strbuf plain;
    strbuf_init(&plain);
    seal_status st = seal_read(&o, data, size, &plain);
    if (st != SEAL_OK && plain.len != 0)
        __builtin_trap(); /* nothing of a refused file is handed out */
    strbuf_fini(&plain);
    return 0;
}

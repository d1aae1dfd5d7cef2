/* fuzz_config.c - libFuzzer target over config_parse (bench.toml -> struct
 * config): any input must either load, and then free cleanly, or be
 * rejected with a message. Assumes, as config.h says, that config_parse
 * leaves nothing to free when it fails (the leak checker tells if not).
 *
 * Built with -fsanitize=fuzzer when DLBENCH_FUZZ is ON; otherwise linked
 * with replay_main.c to replay the seed corpus in every test run. */
#include "matrix/config.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct config cfg;
    char err[512];

    memset(&cfg, 0, sizeof cfg);
    err[0] = '\0';
    if (config_parse((const char *)data, size, "fuzz/bench.toml", &cfg, err, sizeof err) == 0) {
        /* Touch what every command reads first. */
        FUZZ_ASSERT(cfg.run.repetitions >= 1);
        for (size_t i = 0; i < cfg.n_impls; i++)
            FUZZ_ASSERT(cfg.impls[i].name != NULL);
        config_free(&cfg);
    } else {
        FUZZ_ASSERT(err[0] != '\0');
    }
    return 0;
}

// The TOML configuration file (issue 18 item 1; src/core/config.cpp over toml++): the input is the
// file. Every key's type and range checks run, then what the server derives from a loaded
// configuration without opening anything (the audit key's path from the database URL). Crash: a
// sanitizer report or an assert; a refused file is an answer.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    kl::Config config;
    auto loaded = kl::load_config_text(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml", config);
    if (!loaded) return 0;
    const std::string key_path = kl::audit_signing_key_path(config);
    if (key_path.empty()) __builtin_trap();  // the server would open "" as its signing key
    return 0;
}

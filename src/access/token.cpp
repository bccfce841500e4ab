#include "access/token.h"

#include <sodium.h>

#include <array>
#include <mutex>

#include "core/assert.h"
#include "core/ids.h"

namespace kl::access {

std::string new_token() { return random_hex(token_bytes); }

std::string sha256_hex(std::string_view text) {
    static std::once_flag once;
    std::call_once(once, [] { KL_ASSERT(sodium_init() >= 0); });
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

bool is_token_shaped(std::string_view text) {
    if (text.size() != token_hex_chars) return false;
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    // The lengths are not secret (every token has the same length); the contents are.
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace kl::access

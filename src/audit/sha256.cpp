#include "audit/sha256.h"

#include <sodium.h>

#include <array>
#include <mutex>

#include "core/assert.h"

namespace kl::audit {

std::string sha256_hex(std::string_view bytes) {
    static std::once_flag once;
    std::call_once(once, [] { KL_ASSERT(sodium_init() >= 0); });
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(digest.size() * 2);
    for (unsigned char byte : digest) {
        out += hex[byte >> 4];
        out += hex[byte & 0x0f];
    }
    return out;
}

const std::string& zero_hash() {
    static const std::string zeros(64, '0');
    return zeros;
}

}  // namespace kl::audit

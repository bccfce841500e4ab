#include "audit/sha256.h"

#include <sodium.h>

#include <array>
#include <fstream>
#include <vector>
#include <mutex>

#include "core/assert.h"

namespace kl::audit {

namespace {

void init_sodium() {
    static std::once_flag once;
    std::call_once(once, [] { KL_ASSERT(sodium_init() >= 0); });
}

std::string hex_of(const std::array<unsigned char, crypto_hash_sha256_BYTES>& digest) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(digest.size() * 2);
    for (unsigned char byte : digest) {
        out += hex[byte >> 4];
        out += hex[byte & 0x0f];
    }
    return out;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    init_sodium();
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return hex_of(digest);
}

std::optional<std::string> sha256_file_hex(const std::string& path) {
    init_sodium();
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::vector<char> block(1 << 20);
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        const auto got = in.gcount();
        if (got > 0) crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(block.data()), static_cast<size_t>(got));
    }
    if (in.bad()) return std::nullopt;
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&state, digest.data());
    return hex_of(digest);
}

const std::string& zero_hash() {
    static const std::string zeros(64, '0');
    return zeros;
}

}  // namespace kl::audit

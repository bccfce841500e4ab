#pragma once
// Opaque secrets (session and CSRF tokens): random bytes from libsodium, hex-encoded; stored only as
// their SHA-256 so a copy of the database does not hold live credentials.

#include <cstddef>
#include <string>
#include <string_view>

namespace kl::access {

// 32 random bytes = 256 bits: not guessable, and 64 hex characters on the wire.
inline constexpr size_t token_bytes = 32;
inline constexpr size_t token_hex_chars = token_bytes * 2;

std::string new_token();
// SHA-256 of the bytes of `text`, lowercase hex (64 characters).
std::string sha256_hex(std::string_view text);
// True when `text` is exactly token_hex_chars lowercase hex digits; anything else is not ours.
bool is_token_shaped(std::string_view text);
// Compares in time independent of where the inputs differ (libsodium sodium_memcmp).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace kl::access

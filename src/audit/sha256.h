#pragma once
// SHA-256 (libsodium) as lowercase hex, for the audit chain and ledger body hashes.

#include <string>
#include <string_view>

namespace kl::audit {

std::string sha256_hex(std::string_view bytes);
// 64 zeros: the previous hash of the first row.
const std::string& zero_hash();

}  // namespace kl::audit

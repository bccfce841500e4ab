#pragma once
// SHA-256 (libsodium) as lowercase hex, for the audit chain and ledger body hashes.

#include <optional>
#include <string>
#include <string_view>

namespace kl::audit {

std::string sha256_hex(std::string_view bytes);
// The SHA-256 of a file's bytes, read in blocks (a backup of gigabytes is never held in memory);
// nullopt when the file cannot be read.
std::optional<std::string> sha256_file_hex(const std::string& path);
// 64 zeros: the previous hash of the first row.
const std::string& zero_hash();

}  // namespace kl::audit

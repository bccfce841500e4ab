#pragma once
// Password hashing: argon2id through libsodium's crypto_pwhash_str, which writes the algorithm, its
// parameters and a random salt into the stored string, so hashes made with older settings still
// verify and can be upgraded at the next sign-in (password_needs_rehash).

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"

namespace kl::access {

inline constexpr size_t password_chars_min = 10;
inline constexpr size_t password_chars_max = 256;
// Bytes, not characters: bounds the hashing work a caller can ask for (4 bytes per code point at most).
inline constexpr size_t password_bytes_max = password_chars_max * 4;

// argon2id work factors. Production uses libsodium's "interactive" profile (2 passes, 64 MiB);
// tests opt into the cheapest legal setting explicitly through the services' options, never through
// a global switch, so a production binary cannot be weakened by an environment variable.
struct PasswordCost {
    unsigned long long ops = 0;
    size_t memory_bytes = 0;

    static PasswordCost interactive();
    static PasswordCost cheapest_for_tests();
};

// Fails with resource_exhausted when the memory for the hash cannot be had.
Result<std::string> hash_password(std::string_view password, const PasswordCost& cost);
// True only when `hash` is a well-formed argon2 string and the password matches it.
bool verify_password(std::string_view hash, std::string_view password);
// True when the stored hash was made with other parameters than `cost` (or is not argon2id).
bool password_needs_rehash(std::string_view hash, const PasswordCost& cost);

// Each argon2id hash takes its full memory cost while it runs (64 MiB interactive), so the number
// run at once is capped: with 32 worker threads all signing in, memory stays at cap × 64 MiB instead
// of 2 GiB. Callers beyond the cap wait their turn.
inline constexpr int password_hashes_concurrent_max = 4;

class PasswordHasher {
public:
    explicit PasswordHasher(PasswordCost cost) : cost_(cost) {}

    Result<std::string> hash(std::string_view password);
    bool verify(std::string_view hash, std::string_view password);
    bool needs_rehash(std::string_view hash) const { return password_needs_rehash(hash, cost_); }
    const PasswordCost& cost() const { return cost_; }

private:
    class Slot;
    PasswordCost cost_;
    std::mutex mutex_;
    std::condition_variable released_;
    int running_ = 0;
};

}  // namespace kl::access

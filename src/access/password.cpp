#include "access/password.h"

#include <sodium.h>

#include <cstring>
#include <mutex>

namespace kl::access {

namespace {
void ensure_sodium() {
    static std::once_flag once;
    std::call_once(once, [] { KL_ASSERT(sodium_init() >= 0); });
}

// crypto_pwhash_str_verify reads a NUL-terminated string; a stored hash is copied into one of the
// exact buffer size libsodium expects, so a malformed or overlong value is refused, never overrun.
bool copy_hash(std::string_view hash, char (&out)[crypto_pwhash_STRBYTES]) {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    if (hash.find('\0') != std::string_view::npos) return false;
    std::memset(out, 0, sizeof out);
    std::memcpy(out, hash.data(), hash.size());
    return true;
}

// libsodium's needs_rehash reads only the parameters, and its base64 decoder accepts some truncated
// digests. Our hashes always carry a 16-byte salt and a 32-byte digest, unpadded base64: 22 and 43
// characters after the last two '$'.
bool has_full_salt_and_digest(std::string_view hash) {
    const auto digest_start = hash.rfind('$');
    if (digest_start == std::string_view::npos || digest_start == 0) return false;
    const auto salt_start = hash.rfind('$', digest_start - 1);
    if (salt_start == std::string_view::npos) return false;
    return hash.size() - digest_start - 1 == 43 && digest_start - salt_start - 1 == 22;
}
}  // namespace

PasswordCost PasswordCost::interactive() {
    return PasswordCost{crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::cheapest_for_tests() {
    return PasswordCost{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Result<std::string> hash_password(std::string_view password, const PasswordCost& cost) {
    ensure_sodium();
    KL_ASSERT(cost.ops >= crypto_pwhash_OPSLIMIT_MIN && cost.memory_bytes >= crypto_pwhash_MEMLIMIT_MIN);
    KL_ASSERT(password.size() <= password_bytes_max);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops, cost.memory_bytes,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return fail(ErrorCode::resource_exhausted, "not enough memory to hash the password; try again");
    }
    return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
    ensure_sodium();
    if (password.size() > password_bytes_max) return false;
    char stored[crypto_pwhash_STRBYTES];
    if (!copy_hash(hash, stored)) return false;
    return crypto_pwhash_str_verify(stored, password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view hash, const PasswordCost& cost) {
    ensure_sodium();
    char stored[crypto_pwhash_STRBYTES];
    if (!copy_hash(hash, stored) || !has_full_salt_and_digest(hash)) return true;
    // Non-zero means other parameters (1) or not an argon2id string at all (-1): both need a new hash.
    return crypto_pwhash_argon2id_str_needs_rehash(stored, cost.ops, cost.memory_bytes) != 0;
}

// Holds one of the hashing slots for its lifetime.
class PasswordHasher::Slot {
public:
    explicit Slot(PasswordHasher& owner) : owner_(owner) {
        std::unique_lock lock(owner_.mutex_);
        owner_.released_.wait(lock, [&] { return owner_.running_ < password_hashes_concurrent_max; });
        ++owner_.running_;
    }
    ~Slot() {
        {
            std::lock_guard lock(owner_.mutex_);
            --owner_.running_;
        }
        owner_.released_.notify_one();
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

private:
    PasswordHasher& owner_;
};

Result<std::string> PasswordHasher::hash(std::string_view password) {
    Slot slot(*this);
    return hash_password(password, cost_);
}

bool PasswordHasher::verify(std::string_view hash, std::string_view password) {
    Slot slot(*this);
    return verify_password(hash, password);
}

}  // namespace kl::access

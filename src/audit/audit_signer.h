#pragma once
// The key that anchors the audit chain outside the database. The chain's SHA-256 links are unkeyed,
// so anyone who can write the database can rewrite a row and recompute every later hash (and the
// month seals). An Ed25519 signature (libsodium crypto_sign) over a checkpoint (row, head hash, time)
// or a seal can only be made with the secret key, which lives in a file outside the database; a
// checkpoint an auditor downloaded and kept proves later that the chain still has that head.
//
// The key file holds the 32-byte Ed25519 seed as 64 hex digits. It is created with mode 0600 on
// first start when absent, and refused when others may read it (as ssh refuses its keys).

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace kl::audit {

inline constexpr std::string_view signature_algorithm = "ed25519";

class AuditSigner {
public:
    // Reads the key in `path`, or creates one there (and its directory) when the file is absent.
    static Result<std::unique_ptr<AuditSigner>> load_or_create(const std::string& path);
    // Reads the key in `path`; not_found when there is none (verification never makes a key).
    static Result<std::unique_ptr<AuditSigner>> load(const std::string& path);
    // A key from a 32-byte seed given as 64 hex digits (tests; the key file's content).
    static Result<std::unique_ptr<AuditSigner>> from_seed_hex(std::string_view seed_hex);

    ~AuditSigner();
    AuditSigner(const AuditSigner&) = delete;
    AuditSigner& operator=(const AuditSigner&) = delete;

    const std::string& public_key_hex() const { return public_key_hex_; }
    // The detached signature of `message`, as 128 hex digits.
    std::string sign_hex(std::string_view message) const;

private:
    AuditSigner() = default;

    unsigned char secret_key_[64] = {};  // libsodium's secret key: seed ‖ public key
    std::string public_key_hex_;
};

// True when `signature_hex` is a valid Ed25519 signature of `message` under `public_key_hex`;
// false for any malformed key or signature.
bool signature_valid(std::string_view public_key_hex, std::string_view message, std::string_view signature_hex);

}  // namespace kl::audit

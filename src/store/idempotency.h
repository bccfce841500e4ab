#pragma once
// Idempotency-Key storage (Stripe-style): the first answer to (scope, key) is stored with a hash of
// the request; a retry with the same hash gets that answer again, another body gets a conflict.
// Used inside the same write transaction as the change it protects, so the stored answer and the
// change commit together or not at all.

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace kl::store {

inline constexpr size_t idempotency_key_chars_max = 255;

struct StoredReply {
    int status = 0;
    std::string content_type;
    std::string body;
};

// scope: who and where, e.g. "<user id> POST /api/v1/orders"; request_hash: SHA-256 hex of the body.
// Returns the stored reply for a repeat, nullopt for a new key, `conflict` when the key was used with
// another request.
Result<std::optional<StoredReply>> find_reply(Tx& tx, const std::string& scope, const std::string& key,
                                              const std::string& request_hash);
Result<void> remember_reply(Tx& tx, const std::string& scope, const std::string& key,
                            const std::string& request_hash, const StoredReply& reply, int64_t now_ms);

}  // namespace kl::store

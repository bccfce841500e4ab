#pragma once
// Idempotency-Key storage (Stripe-style): the first answer to (scope, key) is stored with a hash of
// the request; a retry with the same hash gets that answer again, another body gets a conflict.
// Used inside the same write transaction as the change it protects, so the stored answer and the
// change commit together or not at all.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace kl::store {

inline constexpr size_t idempotency_key_chars_max = 255;

struct StoredReply {
    int status = 0;
    std::string content_type;
    std::string body;
};

// scope: whose keys, e.g. "user:<id>" (the HTTP pipeline's; before it compared targets it wrote
// "<user id> POST <route pattern>"); request_hash: what the key names, e.g. hashes of the request's
// target and body. Returns the stored reply for a repeat, nullopt for a new key, `conflict` when the key was used with
// another request.
Result<std::optional<StoredReply>> find_reply(Tx& tx, const std::string& scope, const std::string& key,
                                              const std::string& request_hash);
// A key's recorded first use: the scope it was recorded under, the hash of the request it answered,
// and that answer.
struct KeyUse {
    std::string scope;
    std::string request_hash;
    StoredReply reply;
};

// Every recorded use of `key` under one of `scopes` (a caller that changed how it writes scopes
// also looks under the old ones), for callers that tell apart why a request differs.
Result<std::vector<KeyUse>> find_key_uses(Tx& tx, const std::vector<std::string>& scopes, const std::string& key);

Result<void> remember_reply(Tx& tx, const std::string& scope, const std::string& key,
                            const std::string& request_hash, const StoredReply& reply, int64_t now_ms);

}  // namespace kl::store

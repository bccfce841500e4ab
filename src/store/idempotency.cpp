#include "store/idempotency.h"

namespace kl::store {

namespace {

// The key comes from a request header, so it is input: checked here with a clear error, whatever
// the caller checked before.
Result<void> check_key(const std::string& key) {
    if (key.empty()) return fail_field("Idempotency-Key", ProblemCode::required, "must not be empty");
    if (key.size() > idempotency_key_chars_max) {
        return fail_field("Idempotency-Key", ProblemCode::above_max, "must be at most " + std::to_string(idempotency_key_chars_max) +
                                                 " characters");
    }
    for (const unsigned char c : key) {
        // Visible ASCII only, as Stripe accepts: keeps the key printable in logs and unambiguous in SQL.
        if (c < 0x21 || c > 0x7e) return fail_field("Idempotency-Key", ProblemCode::invalid_value, "must hold visible ASCII characters only");
    }
    return ok();
}

}  // namespace

Result<std::optional<StoredReply>> find_reply(Tx& tx, const std::string& scope, const std::string& key,
                                              const std::string& request_hash) {
    KL_TRY_ASSIGN(std::vector<KeyUse> uses, find_key_uses(tx, {scope}, key));
    if (uses.empty()) return std::optional<StoredReply>();
    if (uses[0].request_hash != request_hash) {
        return fail(ErrorCode::conflict, "this Idempotency-Key was already used with a different request");
    }
    return std::optional<StoredReply>(std::move(uses[0].reply));
}

Result<std::vector<KeyUse>> find_key_uses(Tx& tx, const std::vector<std::string>& scopes, const std::string& key) {
    KL_TRY(check_key(key));
    std::vector<KeyUse> uses;
    if (scopes.empty()) return uses;
    // One statement for every scope (each an index probe of the primary key): it runs inside the
    // write job of every request with a key, on the single writer.
    Params params{key};
    std::string in;
    for (const std::string& scope : scopes) {
        params.emplace_back(scope);
        in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    KL_TRY_ASSIGN(Rows rows, tx.query("SELECT scope, request_hash, status, content_type, body FROM idempotency_keys "
                                      "WHERE key = $1 AND scope IN (" + in + ")",
                                      params));
    // In the order of `scopes`, as the caller ranks them.
    for (const std::string& scope : scopes) {
        for (const Row& row : rows) {
            if (row.text_view(0) != scope) continue;
            uses.push_back(KeyUse{scope, row.text("request_hash"),
                                  StoredReply{static_cast<int>(row.i64("status")), row.text("content_type"), row.text("body")}});
        }
    }
    return uses;
}

Result<void> remember_reply(Tx& tx, const std::string& scope, const std::string& key, const std::string& request_hash,
                            const StoredReply& reply, int64_t now_ms) {
    KL_TRY(check_key(key));
    // A stored reply is replayed as is, so only a real HTTP status may be stored.
    KL_ASSERT(reply.status >= 100 && reply.status <= 599);
    KL_TRY(tx.execute("INSERT INTO idempotency_keys (scope, key, request_hash, status, content_type, body, "
                      "created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                      {scope, key, request_hash, static_cast<int64_t>(reply.status), reply.content_type, reply.body,
                       now_ms}));
    return ok();
}

}  // namespace kl::store

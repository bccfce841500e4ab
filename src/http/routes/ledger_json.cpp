#include "http/routes/ledger_json.h"

#include <cctype>

#include "http/json_body.h"
#include "http/routes/route_kit.h"

namespace kl::http::ledger_json {

namespace {

constexpr size_t ledger_name_chars_max = 16;
constexpr size_t flag_names_max = 8;

json flags_array(const std::vector<std::string>& names) { return json(names); }

// A 128-bit id: 32 hex digits in either case (stored lowercase); absent means the zero id.
std::string read_id(FieldReader& reader, const json& object, const std::string& name, bool required) {
    auto text = reader.opt_text(name, ledger::id_hex_chars);
    if (!text) {
        if (required && (!object.contains(name) || object[name].is_null())) reader.add_error(name, ProblemCode::required, "is required");
        return ledger::zero_id();
    }
    std::string id = *text;
    for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!ledger::is_id(id)) {
        reader.add_error(name, ProblemCode::bad_format, "must be 32 hexadecimal digits (a 128-bit id)");
        return ledger::zero_id();
    }
    return id;
}

template <typename Parse>
int64_t read_flags(FieldReader& reader, const json& object, const std::string& prefix, Parse parse) {
    if (!object.contains("flags") || object["flags"].is_null()) return 0;
    const json& flags = object["flags"];
    if (!flags.is_array() || flags.size() > flag_names_max) {
        reader.add_error("flags", ProblemCode::wrong_type, "must be an array of flag names");
        return 0;
    }
    int64_t out = 0;
    for (size_t i = 0; i < flags.size(); ++i) {
        auto flag = flags[i].is_string() ? parse(flags[i].get<std::string>()) : std::nullopt;
        if (!flag) {
            reader.add_error("flags/" + std::to_string(i), ProblemCode::unknown_reference, "is not a flag name");
            continue;
        }
        out |= *flag;
    }
    (void)prefix;
    return out;
}

Result<const json*> read_batch(const json& body, const std::string& name, size_t items_max) {
    // Unknown fields are refused by allow_only like on every other route, so the answer lists the
    // one field this body has, and is given together with a problem of the array itself.
    FieldReader reader(body);
    reader.allow_only({name});
    const json* items = body.contains(name) && body[name].is_array() ? &body[name] : nullptr;
    if (items == nullptr) {
        reader.add_error(name, ProblemCode::wrong_type, "must be an array");
    } else if (items->empty() || items->size() > items_max) {
        reader.add_error(name, ProblemCode::invalid_value, "must hold 1 to " + std::to_string(items_max) + " items");
    }
    KL_TRY(reader.finish());
    return items;
}

}  // namespace

json account_json(const ledger::Account& a) {
    return {{"id", a.id},
            {"ledger", a.ledger},
            {"code", a.code},
            {"flags", flags_array(ledger::account_flag_names(a.flags))},
            {"name", a.name},
            {"user_data", a.user_data},
            {"debits_pending", a.debits_pending},
            {"debits_posted", a.debits_posted},
            {"credits_pending", a.credits_pending},
            {"credits_posted", a.credits_posted},
            {"created_at", format_utc_iso8601(a.created_ms)}};
}

json transfer_json(const ledger::StoredTransfer& t, const std::optional<ledger::PendingRecord>& pending) {
    json out = {{"id", t.id},
                {"seq", t.seq},
                {"debit_account_id", t.debit_account_id},
                {"credit_account_id", t.credit_account_id},
                {"amount", t.amount},
                {"pending_id", t.pending_id},
                {"ledger", t.ledger},
                {"code", t.code},
                {"flags", flags_array(ledger::transfer_flag_names(t.flags))},
                {"timeout_s", t.timeout_s},
                {"user_data", t.user_data},
                {"created_at", format_utc_iso8601(t.created_ms)}};
    if (pending) out["pending_state"] = std::string(to_string(pending->state));
    return out;
}

json transfer_results_json(const std::vector<ledger::TransferOutcome>& outcomes) {
    json results = json::array();
    size_t ok = 0;
    for (size_t i = 0; i < outcomes.size(); ++i) {
        const auto& o = outcomes[i];
        json item = {{"index", i}, {"id", o.id}, {"result", std::string(to_string(o.result))}};
        if (ledger::is_success(o.result)) {
            item["amount"] = o.amount;
            ++ok;
        }
        if (o.replayed) item["replayed"] = true;
        results.push_back(std::move(item));
    }
    return {{"results", std::move(results)}, {"succeeded", ok}, {"failed", outcomes.size() - ok}};
}

json account_results_json(const std::vector<ledger::AccountOutcome>& outcomes) {
    json results = json::array();
    for (size_t i = 0; i < outcomes.size(); ++i) {
        results.push_back({{"index", i}, {"id", outcomes[i].id}, {"result", std::string(to_string(outcomes[i].result))}});
    }
    return {{"results", std::move(results)}};
}

json node_json(const funds::FundsNode& node) {
    json accounts = json::array();
    for (const auto& a : node.accounts) {
        accounts.push_back({{"account_id", a.account_id},
                            {"role", a.role},
                            {"ledger", a.ledger},
                            {"flags", flags_array(ledger::account_flag_names(a.flags))},
                            {"debits_posted", a.debits_posted},
                            {"credits_posted", a.credits_posted},
                            {"debits_pending", a.debits_pending},
                            {"credits_pending", a.credits_pending},
                            {"balance_fen", a.balance}});
    }
    return {{"level", node.level},
            {"county_code", node.county_code},
            {"project_id", node.project_id},
            {"payee_org_id", node.payee_org_id},
            {"accounts", std::move(accounts)}};
}

namespace {
json breaks_json(const std::vector<audit::Break>& breaks) {
    json out = json::array();
    for (const auto& b : breaks) {
        out.push_back({{"kind", b.kind}, {"seq", b.seq}, {"record_type", b.record_type}, {"record_id", b.record_id}, {"detail", b.detail}});
    }
    return out;
}
}  // namespace

json verify_json(const ledger::VerifyReport& r) {
    json breaks = breaks_json(r.chain.breaks);
    for (auto& b : breaks_json(r.ledger_breaks)) breaks.push_back(std::move(b));
    return {{"ok", r.ok()},
            {"audit_rows", r.chain.rows},
            {"seals", r.chain.seals},
            {"checkpoints", r.chain.checkpoints},
            {"head_hash", r.chain.head_hash},
            {"accounts", r.accounts},
            {"transfers", r.transfers},
            {"breaks", std::move(breaks)}};
}

json audit_row_json(const audit::AuditRow& row) {
    return {{"seq", row.seq},
            {"at", format_utc_iso8601(row.at_ms)},
            {"actor", row.event.actor},
            {"action", row.event.action},
            {"record_type", row.event.record_type},
            {"record_id", row.event.record_id},
            {"body", row.event.body},
            {"body_hash", row.body_hash},
            {"prev_hash", row.prev_hash},
            {"hash", row.hash}};
}

json seal_json(const audit::Seal& s) {
    return {{"month", s.month},
            {"last_seq", s.last_seq},
            {"last_hash", s.last_hash},
            {"seal_hash", s.seal_hash},
            {"sealed_at", format_utc_iso8601(s.sealed_ms)},
            {"sealed_at_ms", s.sealed_ms},
            {"actor", s.actor},
            {"public_key", s.public_key},
            {"signature", s.signature}};
}

// at_ms is what the signature covers; `at` is the same instant for people.
json checkpoint_json(const audit::Checkpoint& c) {
    return {{"seq", c.seq},
            {"head_hash", c.head_hash},
            {"at", format_utc_iso8601(c.at_ms)},
            {"at_ms", c.at_ms},
            {"reason", c.reason},
            {"public_key", c.public_key},
            {"signature", c.signature}};
}

json public_key_json(const std::string& public_key_hex) {
    return {{"algorithm", audit::signature_algorithm}, {"public_key", public_key_hex}};
}

Result<std::vector<ledger::Transfer>> decode_transfers(const json& body) {
    KL_TRY_ASSIGN(const json* items, read_batch(body, "transfers", ledger::transfers_per_batch_max));
    std::vector<ledger::Transfer> out;
    out.reserve(items->size());
    std::vector<FieldError> errors;
    for (size_t i = 0; i < items->size(); ++i) {
        const std::string prefix = "transfers/" + std::to_string(i) + "/";
        const json& item = (*items)[i];
        if (!item.is_object()) {
            errors.push_back(FieldError{prefix.substr(0, prefix.size() - 1), ProblemCode::wrong_type, "must be an object"});
            continue;
        }
        FieldReader reader(item, prefix);
        reader.allow_only({"id", "debit_account_id", "credit_account_id", "amount", "pending_id", "ledger", "code", "flags",
                           "timeout_s", "user_data"});
        ledger::Transfer t;
        t.id = read_id(reader, item, "id", true);
        t.debit_account_id = read_id(reader, item, "debit_account_id", false);
        t.credit_account_id = read_id(reader, item, "credit_account_id", false);
        t.pending_id = read_id(reader, item, "pending_id", false);
        t.amount = reader.opt_integer("amount", 0, ledger::amount_max).value_or(0);
        t.ledger = reader.opt_text("ledger", ledger_name_chars_max).value_or("");
        t.code = reader.opt_integer("code", 0, ledger::code_max).value_or(0);
        t.flags = read_flags(reader, item, prefix, ledger::parse_transfer_flag);
        t.timeout_s = reader.opt_integer("timeout_s", 0, ledger::timeout_s_max).value_or(0);
        t.user_data = reader.opt_text("user_data", ledger::user_data_chars_max).value_or("");
        auto done = reader.finish();
        if (!done) {
            for (const auto& f : done.error().fields) errors.push_back(f);
            if (errors.size() > 100) break;  // enough to fix; the answer stays small
        }
        out.push_back(std::move(t));
    }
    if (!errors.empty()) return fail(Error{ErrorCode::invalid_argument, errors.front().field + ": " + errors.front().message, errors});
    return out;
}

Result<std::vector<ledger::NewAccount>> decode_accounts(const json& body) {
    KL_TRY_ASSIGN(const json* items, read_batch(body, "accounts", ledger::accounts_per_batch_max));
    std::vector<ledger::NewAccount> out;
    std::vector<FieldError> errors;
    for (size_t i = 0; i < items->size(); ++i) {
        const std::string prefix = "accounts/" + std::to_string(i) + "/";
        const json& item = (*items)[i];
        if (!item.is_object()) {
            errors.push_back(FieldError{prefix.substr(0, prefix.size() - 1), ProblemCode::wrong_type, "must be an object"});
            continue;
        }
        FieldReader reader(item, prefix);
        reader.allow_only({"id", "ledger", "code", "flags", "name", "user_data"});
        ledger::NewAccount a;
        a.id = read_id(reader, item, "id", true);
        a.ledger = reader.text("ledger", 1, ledger_name_chars_max);
        if (!a.ledger.empty() && !ledger::is_ledger_name(a.ledger)) reader.add_error("ledger", ProblemCode::not_one_of, "must be cash, quota or commitment");
        a.code = reader.integer("code", 1, ledger::code_max);
        a.flags = read_flags(reader, item, prefix, ledger::parse_account_flag);
        a.name = reader.text("name", 1, ledger::account_name_chars_max);
        a.user_data = reader.opt_text("user_data", ledger::user_data_chars_max).value_or("");
        auto done = reader.finish();
        if (!done) {
            for (const auto& f : done.error().fields) errors.push_back(f);
            if (errors.size() > 100) break;
        }
        out.push_back(std::move(a));
    }
    if (!errors.empty()) return fail(Error{ErrorCode::invalid_argument, errors.front().field + ": " + errors.front().message, errors});
    return out;
}

namespace {
// A 128-bit id as the ledger writes it (ledger::is_id).
json id_schema() { return {{"type", "string"}, {"pattern", "^[0-9a-fA-F]{32}$"}}; }
}  // namespace

void add_ledger_schemas(Router& router) {
    json account = {{"type", "object"},
                    {"properties",
                     {{"id", id_schema()}, {"ledger", {{"type", "string"}, {"enum", {"cash", "quota", "commitment"}}}}, {"code", integer_schema()},
                      {"flags", array_of(string_schema())}, {"name", string_schema()}, {"user_data", string_schema()},
                      {"debits_pending", integer_schema()}, {"debits_posted", integer_schema()}, {"credits_pending", integer_schema()},
                      {"credits_posted", integer_schema()}, {"created_at", string_schema()}}}};
    router.add_schema("Account", account.dump());
    json new_account = {{"type", "object"},
                        {"required", {"id", "ledger", "code", "name"}},
                        {"additionalProperties", false},
                        {"properties",
                         {{"id", id_schema()}, {"ledger", {{"type", "string"}, {"enum", {"cash", "quota", "commitment"}}}},
                          {"code", {{"type", "integer"}, {"minimum", 1}, {"maximum", ledger::code_max}}},
                          {"flags", {{"type", "array"}, {"items", {{"type", "string"}, {"enum", {"debits_must_not_exceed_credits", "credits_must_not_exceed_debits", "zero_balance"}}}}}},
                          {"name", {{"type", "string"}, {"minLength", 1}, {"maxLength", ledger::account_name_chars_max}}},
                          {"user_data", {{"type", "string"}, {"maxLength", ledger::user_data_chars_max}}}}}};
    router.add_schema("AccountBatch", json{{"type", "object"}, {"required", {"accounts"}},
                                           {"properties", {{"accounts", {{"type", "array"}, {"minItems", 1}, {"maxItems", ledger::accounts_per_batch_max}, {"items", new_account}}}}}}.dump());
    json result = {{"type", "object"}, {"properties", {{"index", integer_schema()}, {"id", id_schema()}, {"result", string_schema()}, {"amount", integer_schema()}, {"replayed", {{"type", "boolean"}}}}}};
    router.add_schema("AccountResults", json{{"type", "object"}, {"properties", {{"results", {{"type", "array"}, {"items", result}}}}}}.dump());
    router.add_schema("AccountPage", page_of("Account").dump());
    json transfer = {{"type", "object"},
                     {"properties",
                      {{"id", id_schema()}, {"seq", integer_schema()}, {"debit_account_id", id_schema()}, {"credit_account_id", id_schema()},
                       {"amount", integer_schema()}, {"pending_id", id_schema()}, {"ledger", string_schema()}, {"code", integer_schema()},
                       {"flags", array_of(string_schema())}, {"timeout_s", integer_schema()}, {"user_data", string_schema()},
                       {"created_at", string_schema()}, {"pending_state", {{"type", "string"}, {"enum", {"pending", "posted", "voided", "expired"}}}}}}};
    router.add_schema("Transfer", transfer.dump());
    json new_transfer = {{"type", "object"},
                         {"required", {"id"}},
                         {"additionalProperties", false},
                         {"properties",
                          {{"id", id_schema()}, {"debit_account_id", id_schema()}, {"credit_account_id", id_schema()},
                           {"amount", {{"type", "integer"}, {"minimum", 0}, {"maximum", ledger::amount_max}}}, {"pending_id", id_schema()},
                           {"ledger", {{"type", "string"}, {"enum", {"cash", "quota", "commitment"}}}},
                           {"code", {{"type", "integer"}, {"minimum", 0}, {"maximum", ledger::code_max}}},
                           {"flags", {{"type", "array"}, {"items", {{"type", "string"}, {"enum", {"linked", "pending", "post_pending_transfer", "void_pending_transfer", "balancing_debit", "balancing_credit"}}}}}},
                           {"timeout_s", {{"type", "integer"}, {"minimum", 0}, {"maximum", ledger::timeout_s_max}}},
                           {"user_data", {{"type", "string"}, {"maxLength", ledger::user_data_chars_max}}}}}};
    router.add_schema("TransferBatch", json{{"type", "object"}, {"required", {"transfers"}},
                                            {"properties", {{"transfers", {{"type", "array"}, {"minItems", 1}, {"maxItems", ledger::transfers_per_batch_max}, {"items", new_transfer}}}}}}.dump());
    router.add_schema("TransferResults", json{{"type", "object"}, {"properties", {{"results", {{"type", "array"}, {"items", result}}}, {"succeeded", integer_schema()}, {"failed", integer_schema()}}}}.dump());
    router.add_schema("TransferPage", page_of("Transfer").dump());
}


}  // namespace kl::http::ledger_json

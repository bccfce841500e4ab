#include "http/routes/ledger_routes.h"

#include <nlohmann/json.hpp>

#include "access/page_cursor.h"
#include "access/permissions.h"
#include "funds/funds_service.h"
#include "http/json_body.h"
#include "http/routes/ledger_json.h"
#include "http/routes/route_support.h"
#include "ledger/ledger_service.h"
#include "ledger/ledger_verify.h"

namespace kl::http {

namespace {

using nlohmann::json;
using namespace ledger_json;

constexpr size_t ledger_limit_digits_max = 4;
constexpr size_t ledger_query_text_chars_max = 64;

Result<int> ledger_read_limit(const Request& request) {
    auto text = request.query_param("limit");
    if (!text) return access::page_limit_default;
    const bool digits = !text->empty() && text->size() <= ledger_limit_digits_max &&
                        text->find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoi(*text) < access::page_limit_min || std::stoi(*text) > access::page_limit_max)
        return fail_field("limit", "must be an integer between 1 and 200");
    return std::stoi(*text);
}

Result<std::optional<std::string>> ledger_read_cursor(const Request& request) {
    auto cursor = request.query_param("cursor");
    if (!cursor || cursor->empty()) return std::optional<std::string>();
    return access::decode_optional_cursor(cursor);
}

Result<std::optional<int64_t>> read_time(const Request& request, const std::string& name) {
    auto text = request.query_param(name);
    if (!text || text->empty()) return std::optional<int64_t>();
    int64_t ms = 0;
    if (text->size() > ledger_query_text_chars_max || !parse_utc_iso8601(*text, ms))
        return fail_field(name, "must be a UTC time as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
    return std::optional<int64_t>(ms);
}

Route ledger_route(Method method, std::string pattern, std::string tag, std::string summary, std::string request_schema,
            std::string response_schema, int status, Handler handler, std::vector<std::pair<std::string, std::string>> query = {}) {
    Route out = documented_route(method, std::move(pattern), std::move(tag), std::move(summary), std::move(request_schema),
                                 std::move(response_schema), status, std::move(handler), std::move(query));
    out.doc.idempotency_key = method == Method::post;
    return out;
}

std::string ledger_ref(const std::string& name) { return json({{"$ref", "#/components/schemas/" + name}}).dump(); }

// ---- ledger --------------------------------------------------------------------------------------

Response create_accounts(ledger::LedgerService& ledger, Request& request) {
    auto accounts = decode_body(request, decode_accounts);
    if (!accounts) return error_response(accounts.error());
    auto results = ledger.create_accounts(request.principal, *accounts);
    if (!results) return error_response(results.error());
    return json_response(200, account_results_json(*results));
}

Response create_transfers(ledger::LedgerService& ledger, Request& request) {
    auto transfers = decode_body(request, decode_transfers);
    if (!transfers) return error_response(transfers.error());
    auto results = ledger.create_transfers(request.principal, *transfers);
    if (!results) return error_response(results.error());
    return json_response(200, transfer_results_json(*results));
}

Response list_accounts(ledger::LedgerService& ledger, Request& request) {
    ledger::AccountFilter filter;
    auto limit = ledger_read_limit(request);
    if (!limit) return error_response(limit.error());
    auto cursor = ledger_read_cursor(request);
    if (!cursor) return error_response(cursor.error());
    filter.limit = *limit;
    filter.after_id = *cursor;
    if (auto name = request.query_param("ledger"); name && !name->empty()) {
        if (!ledger::is_ledger_name(*name)) return error_response(Error::invalid("ledger", "must be cash, quota or commitment"));
        filter.ledger = *name;
    }
    auto accounts = ledger.list_accounts(request.principal, filter);
    if (!accounts) return error_response(accounts.error());
    json out = {{"items", json::array()}, {"next_cursor", nullptr}};
    for (const auto& a : *accounts) out["items"].push_back(account_json(a));
    if (static_cast<int>(accounts->size()) == *limit) out["next_cursor"] = access::encode_cursor(accounts->back().id);
    return json_response(200, out);
}

Response get_account(ledger::LedgerService& ledger, Request& request) {
    auto account = ledger.get_account(request.principal, request.param("id"));
    if (!account) return error_response(account.error());
    return json_response(200, account_json(*account));
}

Response account_history(ledger::LedgerService& ledger, Request& request) {
    ledger::HistoryQuery query;
    query.account_id = request.param("id");
    auto limit = ledger_read_limit(request);
    if (!limit) return error_response(limit.error());
    auto cursor = ledger_read_cursor(request);
    if (!cursor) return error_response(cursor.error());
    auto from = read_time(request, "from");
    if (!from) return error_response(from.error());
    auto to = read_time(request, "to");
    if (!to) return error_response(to.error());
    query.limit = *limit;
    query.from_ms = from->value_or(0);
    query.to_ms = to->value_or(INT64_MAX);
    if (*cursor) {
        if (cursor->value().find_first_not_of("0123456789") != std::string::npos || cursor->value().size() > 18)
            return error_response(Error::invalid("cursor", "is not a cursor of this list"));
        query.after_seq = std::stoll(cursor->value());
    }
    auto transfers = ledger.history(request.principal, query);
    if (!transfers) return error_response(transfers.error());
    json out = {{"items", json::array()}, {"next_cursor", nullptr}};
    for (const auto& t : *transfers) out["items"].push_back(transfer_json(t));
    if (static_cast<int>(transfers->size()) == *limit) out["next_cursor"] = access::encode_cursor(std::to_string(transfers->back().seq));
    return json_response(200, out);
}

Response get_transfer(ledger::LedgerService& ledger, Request& request) {
    auto view = ledger.get_transfer(request.principal, request.param("id"));
    if (!view) return error_response(view.error());
    return json_response(200, transfer_json(view->transfer, view->pending));
}

// ---- funds ---------------------------------------------------------------------------------------

struct FundsOp {
    std::string id;
    int64_t amount_fen = 0;
    std::string county_code, project_id, payee_org_id;
};

Result<FundsOp> decode_op(const json& body, const std::vector<std::string>& extra) {
    FieldReader reader(body);
    std::vector<std::string> allowed = {"id", "amount_fen"};
    allowed.insert(allowed.end(), extra.begin(), extra.end());
    reader.allow_only(allowed);
    FundsOp op;
    op.id = reader.text("id", ledger::id_hex_chars, ledger::id_hex_chars);
    for (char& c : op.id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!op.id.empty() && !ledger::is_id(op.id)) reader.add_error("id", "must be 32 hexadecimal digits (a 128-bit id)");
    op.amount_fen = reader.integer("amount_fen", 1, ledger::amount_max);
    for (const auto& name : extra) {
        std::string value = reader.text(name, 1, funds::project_id_chars_max);
        if (name == "county_code") op.county_code = value;
        if (name == "project_id") op.project_id = value;
        if (name == "payee_org_id") op.payee_org_id = value;
    }
    KL_TRY(reader.finish());
    return op;
}

Response op_done(const Result<std::string>& done) {
    if (!done) return error_response(done.error());
    return json_response(201, json{{"id", *done}});
}

template <typename Run>
Response funds_op(Request& request, const std::vector<std::string>& extra, Run run) {
    auto op = decode_body(request, [&](const json& body) { return decode_op(body, extra); });
    if (!op) return error_response(op.error());
    return op_done(run(*op));
}

void add_funds_schemas(Router& router) {
    auto op_schema = [](std::vector<std::string> extra) {
        json props = {{"id", {{"type", "string"}, {"pattern", "^[0-9a-fA-F]{32}$"}}},
                      {"amount_fen", {{"type", "integer"}, {"minimum", 1}, {"maximum", ledger::amount_max}}}};
        json required = {"id", "amount_fen"};
        for (const auto& name : extra) {
            props[name] = {{"type", "string"}, {"minLength", 1}, {"maxLength", funds::project_id_chars_max}};
            required.push_back(name);
        }
        return json{{"type", "object"}, {"required", required}, {"properties", props}, {"additionalProperties", false}}.dump();
    };
    router.add_schema("FundsReceipt", op_schema({}));
    router.add_schema("FundsCountyAllocation", op_schema({"county_code"}));
    router.add_schema("FundsProjectAllocation", op_schema({"project_id"}));
    router.add_schema("FundsRefund", op_schema({"project_id", "payee_org_id"}));
    router.add_schema("FundsOperation", json{{"type", "object"}, {"required", {"id"}}, {"properties", {{"id", {{"type", "string"}}}}}}.dump());
    router.add_schema("FundsSweep", json{{"type", "object"},
                                         {"properties",
                                          {{"projects", {{"type", "integer"}}},
                                           {"amount_fen", {{"type", "integer"}}},
                                           {"expired_pendings", {{"type", "integer"}}}}}}
                                        .dump());
    json balance = {{"type", "object"},
                    {"properties",
                     {{"account_id", {{"type", "string"}}}, {"role", {{"type", "string"}}}, {"ledger", {{"type", "string"}}},
                      {"flags", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                      {"debits_posted", {{"type", "integer"}}}, {"credits_posted", {{"type", "integer"}}},
                      {"debits_pending", {{"type", "integer"}}}, {"credits_pending", {{"type", "integer"}}},
                      {"balance_fen", {{"type", "integer"}}}}}};
    json node = {{"type", "object"},
                 {"properties",
                  {{"level", {{"type", "string"}, {"enum", {"programme", "front_command", "county", "project", "payee"}}}},
                   {"county_code", {{"type", "string"}}}, {"project_id", {{"type", "string"}}}, {"payee_org_id", {{"type", "string"}}},
                   {"accounts", {{"type", "array"}, {"items", balance}}}}}};
    router.add_schema("FundsTree", json{{"type", "object"}, {"properties", {{"nodes", {{"type", "array"}, {"items", node}}}}}}.dump());
}

// ---- audit ---------------------------------------------------------------------------------------

Result<void> require_audit_read(const std::optional<access::Principal>& actor) {
    return access::require_role(actor, {access::Role::auditor, access::Role::fund_officer, access::Role::admin});
}

// The cursor of the audit lists (events, checkpoints): the chain row to continue before.
Result<std::optional<int64_t>> read_seq_cursor(const Request& request) {
    KL_TRY_ASSIGN(auto cursor, ledger_read_cursor(request));
    if (!cursor) return std::optional<int64_t>();
    if (cursor->find_first_not_of("0123456789") != std::string::npos || cursor->size() > 18)
        return fail(Error::invalid("cursor", "is not a cursor of this list"));
    return std::optional<int64_t>(std::stoll(*cursor));
}

Response verify(ledger::LedgerService& ledger, Request& request) {
    if (auto allowed = require_audit_read(request.principal); !allowed) return error_response(allowed.error());
    auto report = ledger.store().read([&](store::Tx& tx) { return ledger::verify_all(tx, ledger.audit()); });
    if (!report) return error_response(report.error());
    return json_response(200, verify_json(*report));
}

Response list_events(ledger::LedgerService& ledger, Request& request) {
    if (auto allowed = require_audit_read(request.principal); !allowed) return error_response(allowed.error());
    auto limit = ledger_read_limit(request);
    if (!limit) return error_response(limit.error());
    auto before = read_seq_cursor(request);
    if (!before) return error_response(before.error());
    auto text = [&](const std::string& name) -> std::optional<std::string> {
        auto value = request.query_param(name);
        if (!value || value->empty()) return std::nullopt;
        return value->substr(0, ledger_query_text_chars_max);
    };
    auto rows = ledger.store().read([&](store::Tx& tx) {
        return ledger.audit().list(tx, *limit, *before, text("record_type"), text("record_id"));
    });
    if (!rows) return error_response(rows.error());
    json out = {{"items", json::array()}, {"next_cursor", nullptr}};
    for (const auto& row : *rows) out["items"].push_back(audit_row_json(row));
    if (static_cast<int>(rows->size()) == *limit) out["next_cursor"] = access::encode_cursor(std::to_string(rows->back().seq));
    return json_response(200, out);
}

Response seal(ledger::LedgerService& ledger, Request& request) {
    if (auto allowed = access::require_role(request.principal, {access::Role::fund_officer, access::Role::admin}); !allowed)
        return error_response(allowed.error());
    auto month = decode_body(request, [](const json& body) -> Result<std::string> {
        FieldReader reader(body);
        reader.allow_only({"month"});
        std::string text = reader.text("month", 7, 7);
        KL_TRY(reader.finish());
        return text;
    });
    if (!month) return error_response(month.error());
    auto sealed = ledger.store().write([&](store::Tx& tx) {
        return ledger.audit().seal_month(tx, *month, ledger::actor_name(request.principal));
    });
    if (!sealed) return error_response(sealed.error());
    return json_response(201, seal_json(*sealed));
}

Response list_seals(ledger::LedgerService& ledger, Request& request) {
    if (auto allowed = require_audit_read(request.principal); !allowed) return error_response(allowed.error());
    auto seals = ledger.store().read([&](store::Tx& tx) { return ledger.audit().seals(tx); });
    if (!seals) return error_response(seals.error());
    json out = {{"items", json::array()}};
    for (const auto& s : *seals) out["items"].push_back(seal_json(s));
    return json_response(200, out);
}

// The key that signs checkpoints and seals: published, so anyone may check what an auditor keeps.
Response get_audit_public_key(ledger::LedgerService& ledger) {
    const audit::AuditSigner* signer = ledger.audit().signer();
    if (!signer) return error_response(Error{ErrorCode::not_found, "the audit trail has no signing key", {}});
    return json_response(200, public_key_json(signer->public_key_hex()));
}

Response list_checkpoints(ledger::LedgerService& ledger, Request& request) {
    if (auto allowed = require_audit_read(request.principal); !allowed) return error_response(allowed.error());
    auto limit = ledger_read_limit(request);
    if (!limit) return error_response(limit.error());
    auto before = read_seq_cursor(request);
    if (!before) return error_response(before.error());
    auto page = ledger.store().read([&](store::Tx& tx) { return ledger.audit().checkpoints(tx, *limit, *before); });
    if (!page) return error_response(page.error());
    const audit::AuditSigner* signer = ledger.audit().signer();
    json out = public_key_json(signer ? signer->public_key_hex() : std::string());
    out["items"] = json::array();
    for (const auto& c : *page) out["items"].push_back(checkpoint_json(c));
    out["next_cursor"] = static_cast<int>(page->size()) == *limit ? json(access::encode_cursor(std::to_string(page->back().seq))) : json();
    return json_response(200, out);
}

// On demand: an auditor about to download takes a fresh checkpoint of the head first. The route has
// no parameters, so a body other than none or {} is refused rather than ignored.
Response take_checkpoint(ledger::LedgerService& ledger, Request& request) {
    if (auto allowed = require_audit_read(request.principal); !allowed) return error_response(allowed.error());
    if (request.body.find_first_not_of(" \t\r\n") != std::string::npos) {
        auto empty = decode_body(request, [](const json& body) -> Result<void> {
            FieldReader reader(body);
            reader.allow_only({});
            return reader.finish();
        });
        if (!empty) return error_response(empty.error());
    }
    auto taken = ledger.store().write([&](store::Tx& tx) { return ledger.audit().checkpoint(tx, "request"); });
    if (!taken) return error_response(taken.error());
    json out = checkpoint_json(*taken);
    return json_response(201, out);
}

const std::vector<std::pair<std::string, std::string>> ledger_page_params = {{"limit", "page size, 1 to 200 (default 50)"},
                                                                      {"cursor", "next_cursor of the previous page"}};

}  // namespace

void add_ledger_routes(Router& router, ledger::LedgerService& ledger) {
    add_ledger_schemas(router);
    auto& l = ledger;
    router.add(ledger_route(Method::post, "/api/v1/ledger/accounts", "ledger", "Create accounts (up to 8,000; a result per account)",
                     ledger_ref("AccountBatch"), ledger_ref("AccountResults"), 200, [&l](Request& r) { return create_accounts(l, r); }));
    router.add(ledger_route(Method::get, "/api/v1/ledger/accounts", "ledger", "Accounts with their balances", "", ledger_ref("AccountPage"), 200,
                     [&l](Request& r) { return list_accounts(l, r); },
                     {{"ledger", "cash, quota or commitment"}, ledger_page_params[0], ledger_page_params[1]}));
    router.add(ledger_route(Method::get, "/api/v1/ledger/accounts/{id}", "ledger", "One account and its balances", "", ledger_ref("Account"), 200,
                     [&l](Request& r) { return get_account(l, r); }));
    router.add(ledger_route(Method::get, "/api/v1/ledger/accounts/{id}/transfers", "ledger", "An account's transfers in a time range", "",
                     ledger_ref("TransferPage"), 200, [&l](Request& r) { return account_history(l, r); },
                     {{"from", "UTC time, inclusive"}, {"to", "UTC time, exclusive"}, ledger_page_params[0], ledger_page_params[1]}));
    router.add(ledger_route(Method::post, "/api/v1/ledger/transfers", "ledger",
                     "Create transfers (up to 8,000, one transaction; linked chains all-or-nothing; a result per transfer)",
                     ledger_ref("TransferBatch"), ledger_ref("TransferResults"), 200, [&l](Request& r) { return create_transfers(l, r); }));
    router.add(ledger_route(Method::get, "/api/v1/ledger/transfers/{id}", "ledger", "One transfer (with its pending state)", "",
                     ledger_ref("Transfer"), 200, [&l](Request& r) { return get_transfer(l, r); }));
}

void add_funds_routes(Router& router, funds::FundsService& funds) {
    add_funds_schemas(router);
    auto& f = funds;
    router.add(ledger_route(Method::post, "/api/v1/funds/receipts", "funds", "Receive aid funds into the master account",
                     ledger_ref("FundsReceipt"), ledger_ref("FundsOperation"), 201, [&f](Request& r) {
                         return funds_op(r, {}, [&](const FundsOp& op) { return f.receive_funds(r.principal, op.id, op.amount_fen); });
                     }));
    router.add(ledger_route(Method::post, "/api/v1/funds/quota-grants", "funds", "Grant spending quota to the Front Command",
                     ledger_ref("FundsReceipt"), ledger_ref("FundsOperation"), 201, [&f](Request& r) {
                         return funds_op(r, {}, [&](const FundsOp& op) { return f.grant_quota(r.principal, op.id, op.amount_fen); });
                     }));
    router.add(ledger_route(Method::post, "/api/v1/funds/county-allocations", "funds", "Allocate quota to a county",
                     ledger_ref("FundsCountyAllocation"), ledger_ref("FundsOperation"), 201, [&f](Request& r) {
                         return funds_op(r, {"county_code"}, [&](const FundsOp& op) {
                             return f.allocate_county_quota(r.principal, op.id, op.county_code, op.amount_fen);
                         });
                     }));
    router.add(ledger_route(Method::post, "/api/v1/funds/project-allocations", "funds", "Allocate more quota to a project",
                     ledger_ref("FundsProjectAllocation"), ledger_ref("FundsOperation"), 201, [&f](Request& r) {
                         return funds_op(r, {"project_id"}, [&](const FundsOp& op) {
                             return f.allocate_project_quota(r.principal, op.id, op.project_id, op.amount_fen);
                         });
                     }));
    router.add(ledger_route(Method::post, "/api/v1/funds/refunds", "funds", "Record a refund from a payee (swept back the same day)",
                     ledger_ref("FundsRefund"), ledger_ref("FundsOperation"), 201, [&f](Request& r) {
                         return funds_op(r, {"project_id", "payee_org_id"}, [&](const FundsOp& op) {
                             return f.record_refund(r.principal, op.id, op.project_id, op.payee_org_id, op.amount_fen);
                         });
                     }));
    router.add(ledger_route(Method::post, "/api/v1/funds/sweeps", "funds", "Sweep refunds back to the master and expire due pendings", "",
                     ledger_ref("FundsSweep"), 200, [&f](Request& r) {
                         auto report = f.sweep(r.principal);
                         if (!report) return error_response(report.error());
                         return json_response(200, json{{"projects", report->projects},
                                                        {"amount_fen", report->amount_fen},
                                                        {"expired_pendings", report->expired_pendings}});
                     }));
    router.add(ledger_route(Method::get, "/api/v1/funds/tree", "funds", "The account tree with balances (a county officer: its county)", "",
                     ledger_ref("FundsTree"), 200, [&f](Request& r) {
                         std::optional<std::string> county = r.query_param("county");
                         if (county && county->empty()) county.reset();
                         auto nodes = f.tree(r.principal, county);
                         if (!nodes) return error_response(nodes.error());
                         json out = {{"nodes", json::array()}};
                         for (const auto& node : *nodes) out["nodes"].push_back(node_json(node));
                         return json_response(200, out);
                     },
                     {{"county", "one county's node and its projects (a county officer: its own)"}}));
}

void add_audit_routes(Router& router, ledger::LedgerService& ledger) {
    auto& l = ledger;
    router.add(ledger_route(Method::get, "/api/v1/audit/verify", "audit", "Recompute the audit chain and the ledger invariants", "",
                     ledger_ref("VerifyReport"), 200, [&l](Request& r) { return verify(l, r); }));
    router.add(ledger_route(Method::get, "/api/v1/audit/events", "audit", "The audit trail, newest first", "", ledger_ref("AuditPage"), 200,
                     [&l](Request& r) { return list_events(l, r); },
                     {{"record_type", "e.g. ledger.transfer"}, {"record_id", "the record's id"}, ledger_page_params[0], ledger_page_params[1]}));
    router.add(ledger_route(Method::post, "/api/v1/audit/seals", "audit", "Seal a month that has ended", ledger_ref("SealRequest"), ledger_ref("Seal"), 201,
                     [&l](Request& r) { return seal(l, r); }));
    router.add(ledger_route(Method::get, "/api/v1/audit/seals", "audit", "Sealed months", "", ledger_ref("SealList"), 200,
                     [&l](Request& r) { return list_seals(l, r); }));
    Route key = documented_route(Method::get, "/api/v1/audit/public-key", "audit",
                                 "The Ed25519 public key that signs audit checkpoints and seals", "", ledger_ref("AuditPublicKey"),
                                 200, [&l](Request&) { return get_audit_public_key(l); }, {}, Access::open);
    key.blocking = false;  // in memory only
    router.add(std::move(key));
    router.add(ledger_route(Method::get, "/api/v1/audit/checkpoints", "audit",
                     "Signed checkpoints of the audit chain, newest first (keep them; kashlink verify --checkpoints FILE)", "",
                     ledger_ref("CheckpointPage"), 200, [&l](Request& r) { return list_checkpoints(l, r); },
                     {ledger_page_params[0], ledger_page_params[1]}));
    router.add(documented_route(Method::post, "/api/v1/audit/checkpoints", "audit",
                                "Sign a checkpoint of the chain's head now (the last one when the head has not moved)", "",
                                ledger_ref("Checkpoint"), 201, [&l](Request& r) { return take_checkpoint(l, r); }));
}

}  // namespace kl::http

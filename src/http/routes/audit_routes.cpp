// Routes of the audit trail (/api/v1/audit/…): decode → ledger::AuditService (which checks roles and
// opens the transaction) → encode.
#include <nlohmann/json.hpp>

#include <memory>

#include "http/json_body.h"
#include "http/routes/ledger_json.h"
#include "http/routes/ledger_routes.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"
#include "ledger/audit_service.h"
#include "ledger/ledger_service.h"

namespace kl::http {

namespace {

using nlohmann::json;
using namespace ledger_json;

// record_type and record_id filters longer than this name nothing (ids are at most 64 characters).
constexpr size_t audit_filter_chars_max = 64;
// A month to seal is written YYYY-MM.
constexpr size_t month_chars = 7;

// A record_type or record_id filter, cut to what could name something.
std::optional<std::string> filter_text(QueryReader& query, const std::string& name) {
    auto value = query.text(name);
    if (value && value->size() > audit_filter_chars_max) value->resize(audit_filter_chars_max);
    return value;
}

// The audit lists (events, checkpoints) page by chain row: the cursor is the row to continue before.
Response list_events(ledger::AuditService& audit, Request& request) {
    QueryReader reader(request);
    ledger::AuditEventQuery query;
    query.limit = reader.limit();
    query.cursor_seq = reader.parsed("cursor", parse_seq_cursor);
    query.record_type = filter_text(reader, "record_type");
    query.record_id = filter_text(reader, "record_id");
    query.window = read_list_window(reader, store::PageOrder::newest_first);
    if (auto decoded = reader.finish(); !decoded) return error_response(decoded.error());
    auto rows = audit.events(request.principal, query);
    if (!rows) return error_response(rows.error());
    const auto next = rows->empty() ? std::nullopt : seq_cursor_after(rows->size(), query.limit, rows->back().seq);
    return json_response(200, page_json(*rows, next, audit_row_json));
}

Result<std::string> decode_seal(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"month"});
    std::string month = reader.text("month", month_chars, month_chars);
    KL_TRY(reader.finish());
    return month;
}

Response seal(ledger::AuditService& audit, Request& request) {
    auto month = decode_body(request, decode_seal);
    if (!month) return error_response(month.error());
    return reply(audit.seal(request.principal, *month), 201, seal_json);
}

Response list_seals(ledger::AuditService& audit, Request& request) {
    return list_reply(audit.seals(request.principal), seal_json);
}

Response list_checkpoints(ledger::AuditService& audit, Request& request) {
    QueryReader reader(request);
    const int limit = reader.limit();
    const auto before = reader.parsed("cursor", parse_seq_cursor);
    if (auto decoded = reader.finish(); !decoded) return error_response(decoded.error());
    auto page = audit.checkpoints(request.principal, limit, before);
    if (!page) return error_response(page.error());
    const auto& items = page->checkpoints;
    json out = public_key_json(page->public_key_hex);
    out["items"] = json::array();
    for (const auto& c : items) out["items"].push_back(checkpoint_json(c));
    const auto next = items.empty() ? std::nullopt : seq_cursor_after(items.size(), limit, items.back().seq);
    out["next_cursor"] = next ? json(*next) : json();
    return json_response(200, out);
}

// On demand: an auditor about to download takes a fresh checkpoint of the head first. The route has
// no parameters, so a body other than none or {} is refused rather than ignored.
Response take_checkpoint(ledger::AuditService& audit, Request& request) {
    if (request.body.find_first_not_of(" \t\r\n") != std::string::npos) {
        auto empty = decode_body(request, [](const json& body) -> Result<void> {
            FieldReader reader(body);
            reader.allow_only({});
            return reader.finish();
        });
        if (!empty) return error_response(empty.error());
    }
    return reply(audit.take_checkpoint(request.principal), 201, checkpoint_json);
}

// ---- schemas ---------------------------------------------------------------------------------------

void add_checkpoint_schemas(Router& router) {
    const json hex = {{"type", "string"}, {"pattern", "^[0-9a-f]*$"}};
    const json key = {{"algorithm", {{"type", "string"}, {"enum", {"ed25519"}}}},
                      {"public_key", {{"type", "string"}, {"pattern", "^[0-9a-f]{64}$"}, {"description", "hex Ed25519 public key"}}}};
    router.add_schema("AuditPublicKey", json{{"type", "object"}, {"required", {"algorithm", "public_key"}}, {"properties", key}}.dump());
    json checkpoint = {{"type", "object"},
                       {"required", {"seq", "head_hash", "at_ms", "reason", "public_key", "signature"}},
                       {"description", "The chain's row seq had hash head_hash at at_ms: Ed25519 signature over "
                                       "audit::checkpoint_message (src/audit/audit_trail.h)"},
                       {"properties",
                        {{"seq", integer_schema()}, {"head_hash", hex}, {"at", string_schema()}, {"at_ms", integer_schema()},
                         {"reason", {{"type", "string"}, {"enum", {"appends", "seal", "daily", "request"}}}},
                         {"public_key", hex}, {"signature", hex}}}};
    router.add_schema("Checkpoint", checkpoint.dump());
    json page = page_of("Checkpoint");
    for (const auto& item : key.items()) page["properties"][item.key()] = item.value();
    router.add_schema("CheckpointPage", page.dump());
}

void add_audit_schemas(Router& router) {
    json brk = {{"type", "object"}, {"properties", {{"kind", string_schema()}, {"seq", integer_schema()}, {"record_type", string_schema()}, {"record_id", string_schema()}, {"detail", string_schema()}}}};
    router.add_schema("VerifyReport", json{{"type", "object"},
                                           {"properties", {{"ok", {{"type", "boolean"}}}, {"audit_rows", integer_schema()}, {"seals", integer_schema()}, {"checkpoints", integer_schema()}, {"head_hash", string_schema()},
                                                           {"accounts", integer_schema()}, {"transfers", integer_schema()}, {"breaks", {{"type", "array"}, {"items", brk}}}}}}.dump());
    json event = {{"type", "object"},
                  {"properties", {{"seq", integer_schema()}, {"at", string_schema()}, {"actor", string_schema()}, {"action", string_schema()},
                                  {"record_type", string_schema()}, {"record_id", string_schema()}, {"body", string_schema()},
                                  {"body_hash", string_schema()}, {"prev_hash", string_schema()}, {"hash", string_schema()}}}};
    router.add_schema("AuditEvent", event.dump());
    router.add_schema("AuditPage", page_of("AuditEvent").dump());
    router.add_schema("SealRequest", json{{"type", "object"}, {"required", {"month"}}, {"additionalProperties", false},
                                          {"properties", {{"month", {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}$"}}}}}}.dump());
    json seal = {{"type", "object"}, {"properties", {{"month", string_schema()}, {"last_seq", integer_schema()}, {"last_hash", string_schema()},
                                                     {"seal_hash", string_schema()}, {"sealed_at", string_schema()}, {"sealed_at_ms", integer_schema()},
                                                     {"actor", string_schema()}, {"public_key", string_schema()}, {"signature", string_schema()}}}};
    router.add_schema("Seal", seal.dump());
    router.add_schema("SealList", json{{"type", "object"}, {"properties", {{"items", {{"type", "array"}, {"items", ref_schema("Seal")}}}}}}.dump());
    add_checkpoint_schemas(router);
}

}  // namespace

void add_audit_routes(Router& router, ledger::LedgerService& ledger) {
    add_audit_schemas(router);
    // The routes share one service for the router's lifetime.
    auto service = std::make_shared<ledger::AuditService>(ledger.store(), ledger.audit());
    router.add(documented_route(Method::get, "/api/v1/audit/verify", "audit", "Recompute the audit chain and the ledger invariants", "",
                                ref("VerifyReport"), 200,
                                [service](Request& r) { return reply(service->verify(r.principal), 200, verify_json); }));
    QueryDocs event_filters = {{"record_type", "e.g. ledger.transfer"}, {"record_id", "the record's id"}};
    for (auto& param : list_window_params("the action, record type, record id or the acting user's name or username",
                                          "day of the event", store::PageOrder::newest_first)) {
        event_filters.push_back(std::move(param));
    }
    router.add(documented_route(Method::get, "/api/v1/audit/events", "audit", "The audit trail, newest first", "", ref("AuditPage"), 200,
                                [service](Request& r) { return list_events(*service, r); }, with_page(event_filters)));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/audit/seals", "audit", "Seal a month that has ended",
                                                     ref("SealRequest"), ref("Seal"), 201,
                                                     [service](Request& r) { return seal(*service, r); })));
    router.add(documented_route(Method::get, "/api/v1/audit/seals", "audit", "Sealed months", "", ref("SealList"), 200,
                                [service](Request& r) { return list_seals(*service, r); }));
    Route key = documented_route(Method::get, "/api/v1/audit/public-key", "audit",
                                 "The Ed25519 public key that signs audit checkpoints and seals", "", ref("AuditPublicKey"), 200,
                                 [service](Request&) { return reply(service->public_key_hex(), 200, public_key_json); }, {},
                                 Access::open);
    key.blocking = false;  // in memory only
    router.add(std::move(key));
    router.add(documented_route(Method::get, "/api/v1/audit/checkpoints", "audit",
                                "Signed checkpoints of the audit chain, newest first (keep them; kashlink verify --checkpoints FILE)",
                                "", ref("CheckpointPage"), 200, [service](Request& r) { return list_checkpoints(*service, r); },
                                page_query_docs()));
    router.add(documented_route(Method::post, "/api/v1/audit/checkpoints", "audit",
                                "Sign a checkpoint of the chain's head now (the last one when the head has not moved)", "",
                                ref("Checkpoint"), 201, [service](Request& r) { return take_checkpoint(*service, r); }));
}

}  // namespace kl::http

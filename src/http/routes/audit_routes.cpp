// Routes of the audit trail (/api/v1/audit/…): decode → ledger::AuditService (which checks roles and
// opens the transaction) → encode.
#include <nlohmann/json.hpp>

#include <memory>

#include "access/page_cursor.h"
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

// A seq cursor is a row number: 18 digits hold any int64 the chain can reach.
constexpr size_t seq_cursor_digits_max = 18;
// record_type and record_id filters longer than this name nothing (ids are at most 64 characters).
constexpr size_t audit_filter_chars_max = 64;
// A month to seal is written YYYY-MM.
constexpr size_t month_chars = 7;

// The cursor of the audit lists (events, checkpoints): the chain row to continue before.
Result<std::optional<int64_t>> read_seq_cursor(const Request& request) {
    KL_TRY_ASSIGN(auto cursor, access::decode_optional_cursor(read_cursor(request)));
    if (!cursor) return std::optional<int64_t>();
    if (cursor->find_first_not_of("0123456789") != std::string::npos || cursor->size() > seq_cursor_digits_max)
        return fail(Error::invalid("cursor", "is not a cursor of this list"));
    return std::optional<int64_t>(std::stoll(*cursor));
}

std::optional<std::string> filter_text(const Request& request, const std::string& name) {
    auto value = request.query_param(name);
    if (!value || value->empty()) return std::nullopt;
    return value->substr(0, audit_filter_chars_max);
}

std::optional<std::string> seq_cursor_after(size_t items, int limit, int64_t last_seq) {
    if (static_cast<int>(items) != limit) return std::nullopt;
    return access::encode_cursor(std::to_string(last_seq));
}

Response list_events(ledger::AuditService& audit, Request& request) {
    ledger::AuditEventQuery query;
    auto limit = read_limit(request);
    if (!limit) return error_response(limit.error());
    auto before = read_seq_cursor(request);
    if (!before) return error_response(before.error());
    query.limit = *limit;
    query.before_seq = *before;
    query.record_type = filter_text(request, "record_type");
    query.record_id = filter_text(request, "record_id");
    auto rows = audit.events(request.principal, query);
    if (!rows) return error_response(rows.error());
    const auto next = rows->empty() ? std::nullopt : seq_cursor_after(rows->size(), *limit, rows->back().seq);
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
    return reply(audit.seals(request.principal), 200, [](const std::vector<audit::Seal>& seals) {
        json out = {{"items", json::array()}};
        for (const auto& s : seals) out["items"].push_back(seal_json(s));
        return out;
    });
}

Response list_checkpoints(ledger::AuditService& audit, Request& request) {
    auto limit = read_limit(request);
    if (!limit) return error_response(limit.error());
    auto before = read_seq_cursor(request);
    if (!before) return error_response(before.error());
    auto page = audit.checkpoints(request.principal, *limit, *before);
    if (!page) return error_response(page.error());
    const auto& items = page->checkpoints;
    json out = public_key_json(page->public_key_hex);
    out["items"] = json::array();
    for (const auto& c : items) out["items"].push_back(checkpoint_json(c));
    const auto next = items.empty() ? std::nullopt : seq_cursor_after(items.size(), *limit, items.back().seq);
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

}  // namespace

void add_audit_routes(Router& router, ledger::LedgerService& ledger) {
    // The routes share one service for the router's lifetime.
    auto service = std::make_shared<ledger::AuditService>(ledger.store(), ledger.audit());
    router.add(documented_route(Method::get, "/api/v1/audit/verify", "audit", "Recompute the audit chain and the ledger invariants", "",
                                ref("VerifyReport"), 200,
                                [service](Request& r) { return reply(service->verify(r.principal), 200, verify_json); }));
    router.add(documented_route(Method::get, "/api/v1/audit/events", "audit", "The audit trail, newest first", "", ref("AuditPage"), 200,
                                [service](Request& r) { return list_events(*service, r); },
                                with_page({{"record_type", "e.g. ledger.transfer"}, {"record_id", "the record's id"}})));
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

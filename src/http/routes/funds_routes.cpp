// Routes of the three-level zero-balance funds structure (/api/v1/funds/…): thin handlers over
// funds::FundsService, which checks roles and scopes a county officer to its county.
#include <nlohmann/json.hpp>

#include <cctype>

#include "funds/funds_service.h"
#include "http/json_body.h"
#include "http/routes/ledger_json.h"
#include "http/routes/ledger_routes.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"
#include "ledger/ledger_types.h"

namespace kl::http {

namespace {

using nlohmann::json;
using namespace ledger_json;

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
    if (!op.id.empty() && !ledger::is_id(op.id)) reader.add_error("id", ProblemCode::bad_format, "must be 32 hexadecimal digits (a 128-bit id)");
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

}  // namespace

void add_funds_routes(Router& router, funds::FundsService& funds) {
    add_funds_schemas(router);
    auto& f = funds;
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/funds/receipts", "funds", "Receive aid funds into the master account",
                     ref("FundsReceipt"), ref("FundsOperation"), 201, [&f](Request& r) {
                         return funds_op(r, {}, [&](const FundsOp& op) { return f.receive_funds(r.principal, op.id, op.amount_fen); });
                     })));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/funds/quota-grants", "funds", "Grant spending quota to the Front Command",
                     ref("FundsReceipt"), ref("FundsOperation"), 201, [&f](Request& r) {
                         return funds_op(r, {}, [&](const FundsOp& op) { return f.grant_quota(r.principal, op.id, op.amount_fen); });
                     })));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/funds/county-allocations", "funds", "Allocate quota to a county",
                     ref("FundsCountyAllocation"), ref("FundsOperation"), 201, [&f](Request& r) {
                         return funds_op(r, {"county_code"}, [&](const FundsOp& op) {
                             return f.allocate_county_quota(r.principal, op.id, op.county_code, op.amount_fen);
                         });
                     })));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/funds/project-allocations", "funds", "Allocate more quota to a project",
                     ref("FundsProjectAllocation"), ref("FundsOperation"), 201, [&f](Request& r) {
                         return funds_op(r, {"project_id"}, [&](const FundsOp& op) {
                             return f.allocate_project_quota(r.principal, op.id, op.project_id, op.amount_fen);
                         });
                     })));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/funds/refunds", "funds", "Record a refund from a payee (swept back the same day)",
                     ref("FundsRefund"), ref("FundsOperation"), 201, [&f](Request& r) {
                         return funds_op(r, {"project_id", "payee_org_id"}, [&](const FundsOp& op) {
                             return f.record_refund(r.principal, op.id, op.project_id, op.payee_org_id, op.amount_fen);
                         });
                     })));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/funds/sweeps", "funds", "Sweep refunds back to the master and expire due pendings", "",
                     ref("FundsSweep"), 200, [&f](Request& r) {
                         auto report = f.sweep(r.principal);
                         if (!report) return error_response(report.error());
                         return json_response(200, json{{"projects", report->projects},
                                                        {"amount_fen", report->amount_fen},
                                                        {"expired_pendings", report->expired_pendings}});
                     })));
    router.add(documented_route(Method::get, "/api/v1/funds/tree", "funds", "The account tree with balances (a county officer: its county)", "",
                     ref("FundsTree"), 200, [&f](Request& r) {
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

}  // namespace kl::http

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
#include "store/page.h"

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

// ---- ledger transfers, their accounts named ---------------------------------------------------------

json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json account_naming_json(const std::string& id, const std::map<std::string, funds::AccountNaming>& namings) {
    const auto found = namings.find(id);
    if (found == namings.end()) return json{{"id", id}, {"name", nullptr}, {"level", nullptr}};
    const funds::AccountNaming& n = found->second;
    return json{{"id", id},
                {"name", n.ledger_name},
                {"level", text_or_null(n.level)},
                {"role", text_or_null(n.role)},
                {"county_code", text_or_null(n.county_code)},
                {"project_id", text_or_null(n.project_id)},
                {"project_name", text_or_null(n.project_name)},
                {"payee_org_id", text_or_null(n.payee_org_id)},
                {"payee_name", text_or_null(n.payee_name)},
                {"payee_name_en", text_or_null(n.payee_name_en)}};
}

Result<std::string> parse_account_id(std::string_view text, const std::string& field) {
    if (!ledger::is_id(text)) return fail_field(field, ProblemCode::bad_format, "must be a ledger account id (32 hexadecimal digits)");
    return std::string(text);
}

Result<std::string> parse_ledger_name(std::string_view text, const std::string& field) {
    if (!ledger::is_ledger_name(text)) return fail_field(field, ProblemCode::not_one_of, "must be cash, quota or commitment");
    return std::string(text);
}

Result<int64_t> parse_transfer_flag_filter(std::string_view text, const std::string& field) {
    if (auto flag = ledger::parse_transfer_flag(text)) return *flag;
    return fail_field(field, ProblemCode::invalid_value, "must be a transfer flag: linked, pending, post_pending_transfer, void_pending_transfer, "
                             "balancing_debit or balancing_credit");
}

// The filters of GET /api/v1/ledger/transfers; every bad one named at once.
Result<ledger::TransferListQuery> read_transfer_query(const Request& request) {
    ledger::TransferListQuery q;
    QueryReader query(request);
    q.limit = query.limit();
    q.account_id = query.parsed("account", parse_account_id);
    q.from_ms = query.parsed("from", parse_utc_time).value_or(0);
    q.to_ms = query.parsed("to", parse_utc_time).value_or(INT64_MAX);
    q.ledger = query.parsed("ledger", parse_ledger_name);
    q.code = query.integer("code", 1, ledger::code_max);
    q.flags_set = query.parsed("flag", parse_transfer_flag_filter).value_or(0);
    q.before_seq = query.parsed("cursor", parse_seq_cursor);
    KL_TRY(query.finish());
    KL_TRY(store::check_page_limit(q.limit));
    return q;
}

Response list_transfers(funds::FundsService& funds, Request& request) {
    auto query = read_transfer_query(request);
    if (!query) return error_response(query.error());
    QueryReader search(request);
    const std::optional<std::string> q = read_search(search);  // from/to here are UTC times (read_transfer_query)
    if (auto decoded = search.finish(); !decoded) return error_response(decoded.error());
    auto page = funds.transfer_page(actor_of(request), *query, q);
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->items, page->next_cursor, [&](const ledger::StoredTransfer& t) {
        json item = transfer_json(t);
        item["debit_account"] = account_naming_json(t.debit_account_id, page->accounts);
        item["credit_account"] = account_naming_json(t.credit_account_id, page->accounts);
        return item;
    }));
}

void add_named_transfer_schemas(Router& router) {
    const json text = nullable(string_schema());
    json naming = object_schema(json::array({"id", "name", "level"}),
                                {{"id", string_schema()}, {"name", nullable(string_schema())},
                                 {"level", nullable(enum_of({"programme", "front_command", "county", "project", "payee"}))},
                                 {"role", text}, {"county_code", text}, {"project_id", text}, {"project_name", text},
                                 {"payee_org_id", text}, {"payee_name", text}, {"payee_name_en", text}});
    naming["description"] = "A ledger account: its node and role in the funds structure and the names of its project and payee (level null: not a funds account)";
    router.add_schema("NamedAccount", naming.dump());
    json transfer = {{"allOf", json::array({ref_schema("Transfer"),
                                            object_schema(json::array({"debit_account", "credit_account"}),
                                                          {{"debit_account", ref_schema("NamedAccount")}, {"credit_account", ref_schema("NamedAccount")}})})}};
    router.add_schema("NamedTransfer", transfer.dump());
    router.add_schema("NamedTransferPage", page_of("NamedTransfer").dump());
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
    add_named_transfer_schemas(router);
    router.add(documented_route(Method::get, "/api/v1/ledger/transfers", "ledger",
                     "Every transfer, newest first, its accounts named (fund officer, auditor); amounts in fen", "", ref("NamedTransferPage"), 200,
                     [&f](Request& r) { return list_transfers(f, r); },
                     with_page({{"q", "text found in the name of either account: its county, project or payee organisation (any case; "
                                      "at most " + std::to_string(list_search_chars_max) + " characters)"},
                                {"account", "a ledger account id, on either side"},
                                {"from", "UTC time, inclusive"},
                                {"to", "UTC time, exclusive"},
                                {"ledger", "cash, quota or commitment"},
                                {"code", "the transfer code (1 receipt, 3 disbursement, 11–14 quota, 20 refund, 21 sweep)"},
                                {"flag", "a flag every listed transfer carries: linked, pending, post_pending_transfer, void_pending_transfer…"}})));
}

}  // namespace kl::http

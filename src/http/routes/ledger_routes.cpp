#include "http/routes/ledger_routes.h"

#include <nlohmann/json.hpp>

#include "access/page_cursor.h"
#include "http/json_body.h"
#include "http/routes/ledger_json.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"
#include "ledger/ledger_service.h"

namespace kl::http {

namespace {

using nlohmann::json;
using namespace ledger_json;

// A history cursor is a row number: 18 digits hold any int64 the ledger reaches.
constexpr size_t seq_cursor_digits_max = 18;

Result<std::optional<std::string>> read_id_cursor(const Request& request) {
    return access::decode_optional_cursor(read_cursor(request));
}

Result<std::optional<int64_t>> read_time(const Request& request, const std::string& name) {
    auto text = request.query_param(name);
    if (!text || text->empty()) return std::optional<int64_t>();
    KL_TRY_ASSIGN(int64_t ms, parse_utc_time(*text, name));
    return std::optional<int64_t>(ms);
}

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
    auto limit = read_limit_in_range(request);
    if (!limit) return error_response(limit.error());
    auto cursor = read_id_cursor(request);
    if (!cursor) return error_response(cursor.error());
    filter.limit = *limit;
    filter.after_id = *cursor;
    if (auto name = request.query_param("ledger"); name && !name->empty()) {
        if (!ledger::is_ledger_name(*name)) return error_response(Error::invalid("ledger", ProblemCode::not_one_of, "must be cash, quota or commitment"));
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
    auto limit = read_limit_in_range(request);
    if (!limit) return error_response(limit.error());
    auto cursor = read_id_cursor(request);
    if (!cursor) return error_response(cursor.error());
    auto from = read_time(request, "from");
    if (!from) return error_response(from.error());
    auto to = read_time(request, "to");
    if (!to) return error_response(to.error());
    query.limit = *limit;
    query.from_ms = from->value_or(0);
    query.to_ms = to->value_or(INT64_MAX);
    if (*cursor) {
        if (cursor->value().find_first_not_of("0123456789") != std::string::npos || cursor->value().size() > seq_cursor_digits_max)
            return error_response(Error::invalid("cursor", ProblemCode::unknown_reference, "is not a cursor of this list"));
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

}  // namespace

void add_ledger_routes(Router& router, ledger::LedgerService& ledger) {
    add_ledger_schemas(router);
    auto& l = ledger;
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/ledger/accounts", "ledger", "Create accounts (up to 8,000; a result per account)",
                     ref("AccountBatch"), ref("AccountResults"), 200, [&l](Request& r) { return create_accounts(l, r); })));
    router.add(documented_route(Method::get, "/api/v1/ledger/accounts", "ledger", "Accounts with their balances", "", ref("AccountPage"), 200,
                     [&l](Request& r) { return list_accounts(l, r); },
                     with_page({{"ledger", "cash, quota or commitment"}})));
    router.add(documented_route(Method::get, "/api/v1/ledger/accounts/{id}", "ledger", "One account and its balances", "", ref("Account"), 200,
                     [&l](Request& r) { return get_account(l, r); }));
    router.add(documented_route(Method::get, "/api/v1/ledger/accounts/{id}/transfers", "ledger", "An account's transfers in a time range", "",
                     ref("TransferPage"), 200, [&l](Request& r) { return account_history(l, r); },
                     with_page({{"from", "UTC time, inclusive"}, {"to", "UTC time, exclusive"}})));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/ledger/transfers", "ledger",
                     "Create transfers (up to 8,000, one transaction; linked chains all-or-nothing; a result per transfer)",
                     ref("TransferBatch"), ref("TransferResults"), 200, [&l](Request& r) { return create_transfers(l, r); })));
    router.add(documented_route(Method::get, "/api/v1/ledger/transfers/{id}", "ledger", "One transfer (with its pending state)", "",
                     ref("Transfer"), 200, [&l](Request& r) { return get_transfer(l, r); }));
}

}  // namespace kl::http

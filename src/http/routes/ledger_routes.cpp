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

Result<std::optional<std::string>> read_id_cursor(const Request& request) {
    return access::decode_optional_cursor(read_cursor(request));
}

// ---- ledger --------------------------------------------------------------------------------------

Response create_accounts(ledger::LedgerService& ledger, Request& request) {
    auto accounts = decode_body(request, decode_accounts);
    if (!accounts) return error_response(accounts.error());
    return reply(ledger.create_accounts(request.principal, *accounts), 200, account_results_json);
}

Response create_transfers(ledger::LedgerService& ledger, Request& request) {
    auto transfers = decode_body(request, decode_transfers);
    if (!transfers) return error_response(transfers.error());
    return reply(ledger.create_transfers(request.principal, *transfers), 200, transfer_results_json);
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
    const bool full = !accounts->empty() && static_cast<int>(accounts->size()) == *limit;
    const auto next = full ? std::optional<std::string>(access::encode_cursor(accounts->back().id)) : std::nullopt;
    return json_response(200, page_json(*accounts, next, [](const ledger::Account& a) { return account_json(a); }));
}

Response get_account(ledger::LedgerService& ledger, Request& request) {
    auto account = ledger.get_account(request.principal, request.param("id"));
    if (!account) return error_response(account.error());
    return json_response(200, account_json(*account));
}

// The query parameters of an account's history, as documented and as read: any other is refused.
const QueryDocs& history_params() {
    static const QueryDocs params =
        with_page({{"from", "UTC time, inclusive: YYYY-MM-DD (its midnight) or YYYY-MM-DDTHH:MM:SSZ"},
                   {"to", "UTC time, exclusive: YYYY-MM-DD (its midnight) or YYYY-MM-DDTHH:MM:SSZ"}});
    return params;
}

// The filters of GET /api/v1/ledger/accounts/{id}/transfers; every bad one named at once.
Result<ledger::HistoryQuery> read_history_query(const Request& request) {
    ledger::HistoryQuery q;
    q.account_id = request.param("id");
    QueryReader query(request);
    q.limit = query.limit();
    q.after_seq = query.parsed("cursor", parse_seq_cursor);
    q.from_ms = query.parsed("from", parse_utc_time).value_or(0);
    q.to_ms = query.parsed("to", parse_utc_time).value_or(INT64_MAX);
    KL_TRY(query.finish());
    KL_TRY(store::check_page_limit(q.limit));
    return q;
}

Response account_history(ledger::LedgerService& ledger, Request& request) {
    auto query = read_history_query(request);
    if (!query) return error_response(query.error());
    auto transfers = ledger.history(request.principal, *query);
    if (!transfers) return error_response(transfers.error());
    const auto next = transfers->empty() ? std::nullopt : seq_cursor_after(transfers->size(), query->limit, transfers->back().seq);
    return json_response(200, page_json(*transfers, next, [](const ledger::StoredTransfer& t) { return transfer_json(t); }));
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
    router.add(documented_route(Method::get, "/api/v1/ledger/accounts/{id}/transfers", "ledger",
                     "An account's transfers in a time range, oldest first (other parameters are refused)", "",
                     ref("TransferPage"), 200, [&l](Request& r) { return account_history(l, r); }, history_params()));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/ledger/transfers", "ledger",
                     "Create transfers (up to 8,000, one transaction; linked chains all-or-nothing; a result per transfer)",
                     ref("TransferBatch"), ref("TransferResults"), 200, [&l](Request& r) { return create_transfers(l, r); })));
    router.add(documented_route(Method::get, "/api/v1/ledger/transfers/{id}", "ledger", "One transfer (with its pending state)", "",
                     ref("Transfer"), 200, [&l](Request& r) { return get_transfer(l, r); }));
}

}  // namespace kl::http

#include "funds/funds_service.h"

#include <map>
#include <set>

#include "access/permissions.h"
#include "catalog/catalog_access.h"
#include "catalog/reference_data.h"
#include "funds/funds_accounts.h"
#include "funds/funds_repo.h"
#include "store/page.h"

namespace kl::funds {

namespace {

using access::Role;
using ledger::Transfer;
using ledger::TransferResult;
namespace tf = ledger::transfer_flags;

const char* const county_roles[] = {"zba", "quota", "allotable"};
const char* const project_roles[] = {"zba", "quota", "refunds"};

Transfer leg(const std::string& op_id, int index, const AccountKey& debit, const AccountKey& credit, int64_t amount,
             const std::string& ledger_name, int64_t code) {
    Transfer t;
    t.id = leg_id(op_id, index);
    t.debit_account_id = account_id_of(debit);
    t.credit_account_id = account_id_of(credit);
    t.amount = amount;
    t.pending_id = ledger::zero_id();
    t.ledger = ledger_name;
    t.code = code;
    t.flags = tf::linked;
    t.user_data = op_id;
    return t;
}

Result<void> check_op(const std::string& op_id, int64_t amount_fen, const std::string& amount_field = "amount_fen") {
    if (!ledger::is_id(op_id) || ledger::is_zero_id(op_id)) return fail_field("id", ProblemCode::bad_format, "must be 32 lowercase hex digits, not all zero");
    if (amount_fen <= 0 || amount_fen > ledger::amount_max)
        return fail_field(amount_field, ProblemCode::invalid_value, "must be a positive number of fen up to " + std::to_string(ledger::amount_max));
    return ok();
}

Result<void> check_county(store::Tx& tx, std::string_view county_code, const std::string& field = "county_code") {
    KL_TRY_ASSIGN(std::optional<catalog::County> county, catalog::find_county(tx, std::string(county_code)));
    if (!county) return fail_field(field, ProblemCode::unknown_reference, "is not one of the programme's counties");
    return ok();
}

// The county a project's accounts were opened under; not_found when it has none.
Result<std::string> project_county(store::Tx& tx, std::string_view project_id) {
    KL_TRY_ASSIGN(std::optional<std::string> county, find_project_county(tx, project_id));
    if (!county) return fail(ErrorCode::not_found, "project " + std::string(project_id) + " has no accounts");
    return std::move(*county);
}

Error failed_with(ErrorCode code, const std::string& field, ProblemCode problem, const std::string& message,
                  ProblemParams params = {}) {
    Error error{code, field + ": " + message, {}, problem, params};
    error.fields.emplace_back(field, problem, message, std::move(params));
    return error;
}

// What a refused debit names for a reader: the account, its level and subject (from user_data,
// "county:shache"), what it holds and what was asked, so that a console says "县 莎车 的额度不足
// (可用 ¥x, 需 ¥y)" in its own words.
ProblemParams exceeded_params(const std::optional<ledger::Account>& account, const std::string& fallback_name,
                              int64_t asked_fen, const std::string& ledger_code) {
    ProblemParams params{{"account", account ? account->name : fallback_name}, {"amount_fen", asked_fen},
                         {"ledger_code", ledger_code}};
    if (!account) return params;
    const auto colon = account->user_data.find(':');
    if (colon != std::string::npos) {
        const std::string level = account->user_data.substr(0, colon);
        params.emplace_back("level", level);
        if (level == "county" || level == "project" || level == "payee") {
            params.emplace_back(level == "payee" ? "org_id" : level == "county" ? "county" : "project_id",
                                account->user_data.substr(colon + 1));
        }
    }
    params.emplace_back("available_fen", account->credits_posted - account->debits_posted - account->debits_pending);
    return params;
}

}  // namespace

Result<void> require_funds_write(const std::optional<access::Principal>& actor) {
    return access::require_role(actor, {Role::fund_officer});
}

Result<std::string> FundsService::run_chain(store::Tx& tx, const std::string& op_id, std::vector<Transfer> legs,
                                            const std::string& actor, const std::string& amount_field) {
    legs.back().flags &= ~tf::linked;
    KL_TRY_ASSIGN(auto outcomes, ledger_.create_transfers(tx, legs, actor));
    size_t failed = outcomes.size();
    for (size_t i = 0; i < outcomes.size(); ++i) {
        if (!ledger::is_success(outcomes[i].result) && outcomes[i].result != TransferResult::linked_event_failed) failed = i;
    }
    if (failed == outcomes.size()) return op_id;
    const TransferResult result = outcomes[failed].result;
    const std::string code(to_string(result));
    KL_TRY_ASSIGN(auto account, ledger_.find_account(tx, legs[failed].debit_account_id));
    const std::string name = account ? account->name : legs[failed].debit_account_id;
    switch (result) {
        case TransferResult::exceeds_credits:
            return fail(failed_with(ErrorCode::failed_precondition, amount_field, ProblemCode::quota_exceeded,
                                    "exceeds what " + name + " holds (" + code + ")",
                                    exceeded_params(account, name, legs[failed].amount, code)));
        case TransferResult::debit_account_closed:
        case TransferResult::credit_account_closed:
            return fail(failed_with(ErrorCode::failed_precondition, "project_id", ProblemCode::accounts_closed,
                                    "its accounts are closed (" + code + ")"));
        case TransferResult::id_already_failed:
            return fail(failed_with(ErrorCode::conflict, "id", ProblemCode::idempotency_key_reused,
                                    "was used for another operation that failed (" + code + ")"));
        case TransferResult::debit_account_not_found:
        case TransferResult::credit_account_not_found:
            return fail(ErrorCode::not_found, "an account of this operation does not exist (" + code + ")");
        default:
            if (code.starts_with("exists_with_different")) {
                return fail(failed_with(ErrorCode::conflict, "id", ProblemCode::idempotency_key_reused,
                                        "was used for another operation (" + code + ")"));
            }
            return fail(ErrorCode::failed_precondition, "the ledger refused the operation: " + code);
    }
}

Result<void> FundsService::ensure_structure(store::Tx& tx, const std::string& actor) {
    std::vector<AccountKey> keys = {programme_key("master"), programme_key("cash_source"), programme_key("quota_source"),
                                    programme_key("quota_spent"), front_command_key("zba"), front_command_key("quota"),
                                    front_command_key("allotable")};
    KL_TRY_ASSIGN(std::vector<catalog::County> counties, catalog::load_counties(tx));
    for (const auto& county : counties) {
        for (const char* role : county_roles) keys.push_back(county_key(county.code, role));
    }
    return ensure_accounts(tx, ledger_, keys, actor);
}

Result<std::string> FundsService::receive_funds(store::Tx& tx, const std::string& op_id, int64_t amount_fen,
                                                const std::string& actor) {
    KL_TRY(check_op(op_id, amount_fen));
    KL_TRY(ensure_structure(tx, actor));
    return run_chain(tx, op_id, {leg(op_id, 0, programme_key("cash_source"), programme_key("master"), amount_fen, "cash", codes::receipt)},
                     actor, "amount_fen");
}

Result<std::string> FundsService::grant_quota(store::Tx& tx, const std::string& op_id, int64_t amount_fen,
                                              const std::string& actor) {
    KL_TRY(check_op(op_id, amount_fen));
    KL_TRY(ensure_structure(tx, actor));
    return run_chain(tx, op_id,
                     {leg(op_id, 0, programme_key("quota_source"), front_command_key("quota"), amount_fen, "quota", codes::quota_grant),
                      leg(op_id, 1, programme_key("quota_source"), front_command_key("allotable"), amount_fen, "quota", codes::quota_grant)},
                     actor, "amount_fen");
}

Result<std::string> FundsService::allocate_county_quota(store::Tx& tx, const std::string& op_id, const std::string& county_code,
                                                        int64_t amount_fen, const std::string& actor) {
    KL_TRY(check_op(op_id, amount_fen));
    KL_TRY(check_county(tx, county_code));
    KL_TRY(ensure_structure(tx, actor));
    return run_chain(tx, op_id,
                     {leg(op_id, 0, front_command_key("allotable"), county_key(county_code, "quota"), amount_fen, "quota", codes::quota_allocation),
                      leg(op_id, 1, programme_key("quota_source"), county_key(county_code, "allotable"), amount_fen, "quota", codes::quota_allocation)},
                     actor, "amount_fen");
}

Result<std::string> FundsService::allocate_project_quota(store::Tx& tx, const std::string& op_id, const std::string& project_id,
                                                         int64_t amount_fen, const std::string& actor) {
    KL_TRY(check_op(op_id, amount_fen));
    KL_TRY_ASSIGN(const std::string county, project_county(tx, project_id));
    return run_chain(tx, op_id,
                     {leg(op_id, 0, county_key(county, "allotable"), project_key(county, project_id, "quota"), amount_fen, "quota",
                          codes::quota_allocation)},
                     actor, "amount_fen");
}

Result<std::map<std::string, int64_t>> FundsService::quota_arrived_by_project(store::Tx& tx) {
    return project_quota_credits(tx);
}

Result<void> FundsService::open_project_accounts(store::Tx& tx, std::string_view project_id, std::string_view county_code,
                                                 int64_t budget_fen) {
    if (project_id.empty() || project_id.size() > project_id_chars_max)
        return fail_field("project_id", ProblemCode::out_of_range, "must be 1–" + std::to_string(project_id_chars_max) + " characters");
    if (budget_fen < 0 || budget_fen > ledger::amount_max) return fail_field("budget_fen", ProblemCode::invalid_value, "must be 0 or a positive number of fen");
    KL_TRY(check_county(tx, county_code));
    const std::string project(project_id), county(county_code);
    KL_TRY_ASSIGN(std::optional<std::string> opened_under, find_project_county(tx, project));
    if (opened_under && *opened_under != county)
        return fail_field("county_code", ProblemCode::invalid_value, "project " + project + " has accounts under county " + *opened_under);
    KL_TRY(ensure_structure(tx, "funds"));
    std::vector<AccountKey> keys;
    for (const char* role : project_roles) keys.push_back(project_key(county, project, role));
    KL_TRY(ensure_accounts(tx, ledger_, keys, "funds"));
    if (budget_fen == 0) return ok();
    // The opening allocation's id depends on the project only: opening twice allocates once; a
    // second opening with another budget is a conflict rather than a silent second allocation.
    const std::string op_id = derived_id("kashlink/funds/open/" + project);
    auto allocated = run_chain(tx, op_id,
                               {leg(op_id, 0, county_key(county, "allotable"), project_key(county, project, "quota"), budget_fen,
                                    "quota", codes::quota_allocation)},
                               "funds", "budget_fen");
    if (!allocated) return fail(std::move(allocated).error());
    return ok();
}

Result<std::string> FundsService::pay_contractor(store::Tx& tx, const PaymentOrder& order) {
    if (!ledger::is_id(order.payment_id) || ledger::is_zero_id(order.payment_id))
        return fail_field("payment_id", ProblemCode::bad_format, "must be 32 lowercase hex digits, not all zero");
    if (order.payee_org_id.empty() || order.payee_org_id.size() > org_id_chars_max)
        return fail_field("payee_org_id", ProblemCode::out_of_range, "must be 1–" + std::to_string(org_id_chars_max) + " characters");
    if (order.amount_fen <= 0 || order.amount_fen > ledger::amount_max) return fail_field("amount_fen", ProblemCode::invalid_value, "must be a positive number of fen");
    KL_TRY_ASSIGN(const std::string county, project_county(tx, order.project_id));
    if (county != order.county_code) return fail_field("county_code", ProblemCode::invalid_value, "project " + order.project_id + " belongs to " + county);
    KL_TRY(ensure_accounts(tx, ledger_, {payee_key(order.payee_org_id)}, order.actor));
    const std::string& id = order.payment_id;
    const int64_t a = order.amount_fen;
    const std::string& p = order.project_id;
    return run_chain(tx, id,
                     {leg(id, 0, programme_key("master"), front_command_key("zba"), a, "cash", codes::disbursement),
                      leg(id, 1, front_command_key("zba"), county_key(county, "zba"), a, "cash", codes::disbursement),
                      leg(id, 2, county_key(county, "zba"), project_key(county, p, "zba"), a, "cash", codes::disbursement),
                      leg(id, 3, project_key(county, p, "zba"), payee_key(order.payee_org_id), a, "cash", codes::disbursement),
                      leg(id, 4, project_key(county, p, "quota"), programme_key("quota_spent"), a, "quota", codes::quota_consumption),
                      leg(id, 5, county_key(county, "quota"), programme_key("quota_spent"), a, "quota", codes::quota_consumption),
                      leg(id, 6, front_command_key("quota"), programme_key("quota_spent"), a, "quota", codes::quota_consumption)},
                     order.actor, "amount_fen");
}

Result<std::string> FundsService::record_refund(store::Tx& tx, const std::string& op_id, const std::string& project_id,
                                                const std::string& payee_org_id, int64_t amount_fen, const std::string& actor) {
    KL_TRY(check_op(op_id, amount_fen));
    KL_TRY_ASSIGN(const std::string county, project_county(tx, project_id));
    KL_TRY_ASSIGN(auto payee, ledger_.find_account(tx, account_id_of(payee_key(payee_org_id))));
    if (!payee) return fail_field("payee_org_id", ProblemCode::invalid_value, "has never been paid by the programme");
    return run_chain(tx, op_id,
                     {leg(op_id, 0, payee_key(payee_org_id), project_key(county, project_id, "refunds"), amount_fen, "cash", codes::refund)},
                     actor, "amount_fen");
}

Result<SweepReport> FundsService::sweep(store::Tx& tx, const std::string& actor) {
    SweepReport report;
    KL_TRY_ASSIGN(report.expired_pendings, ledger_.expire_due(tx, actor));
    KL_TRY_ASSIGN(std::vector<HeldRefunds> held, held_refunds(tx));
    for (const auto& refunds : held) {
        const std::string& p = refunds.project_id;
        const std::string& c = refunds.county_code;
        const int64_t a = refunds.held_fen;
        // The id names the refunds account's state, so a repeated sweep of the same refunds is a no-op.
        const std::string id = derived_id("kashlink/funds/sweep/" + p + "/" + std::to_string(refunds.credits_posted));
        KL_TRY(run_chain(tx, id,
                         {leg(id, 0, project_key(c, p, "refunds"), project_key(c, p, "zba"), a, "cash", codes::sweep),
                          leg(id, 1, project_key(c, p, "zba"), county_key(c, "zba"), a, "cash", codes::sweep),
                          leg(id, 2, county_key(c, "zba"), front_command_key("zba"), a, "cash", codes::sweep),
                          leg(id, 3, front_command_key("zba"), programme_key("master"), a, "cash", codes::sweep),
                          leg(id, 4, programme_key("quota_spent"), project_key(c, p, "quota"), a, "quota", codes::quota_return),
                          leg(id, 5, programme_key("quota_spent"), county_key(c, "quota"), a, "quota", codes::quota_return),
                          leg(id, 6, programme_key("quota_spent"), front_command_key("quota"), a, "quota", codes::quota_return)},
                         actor, "amount_fen"));
        ++report.projects;
        report.amount_fen += a;
    }
    return report;
}

Result<bool> FundsService::project_settled(store::Tx& tx, std::string_view project_id) {
    KL_TRY_ASSIGN(const std::string county, project_county(tx, project_id));
    const std::string p(project_id);
    KL_TRY_ASSIGN(auto accounts, ledger_.lookup_accounts(tx, {account_id_of(project_key(county, p, "zba")),
                                                              account_id_of(project_key(county, p, "quota")),
                                                              account_id_of(project_key(county, p, "refunds"))}));
    if (accounts.size() != 3) return fail(ErrorCode::internal, "project " + p + " is missing accounts");
    for (const auto& a : accounts) {
        if (a.debits_pending != 0 || a.credits_pending != 0) return false;
    }
    const auto& zba = accounts[0];
    const auto& refunds = accounts[2];
    return zba.debits_posted == zba.credits_posted && refunds.debits_posted == refunds.credits_posted;
}

Result<void> FundsService::close_project_accounts(store::Tx& tx, std::string_view project_id) {
    KL_TRY_ASSIGN(const bool settled, project_settled(tx, project_id));
    if (!settled) {
        return fail(failed_with(ErrorCode::failed_precondition, "project_id", ProblemCode::invalid_value,
                                "has refunds not yet swept or transfers pending; it closes only at zero with nothing pending"));
    }
    KL_TRY_ASSIGN(const std::string county, project_county(tx, project_id));
    const std::string p(project_id);
    KL_TRY_ASSIGN(auto found, ledger_.find_account(tx, account_id_of(project_key(county, p, "quota"))));
    if (!found) return fail(ErrorCode::internal, "project " + p + " has no quota account");
    const ledger::Account quota = *found;
    const int64_t unused = quota.credits_posted - quota.debits_posted;
    if (unused > 0 && !quota.has(ledger::account_flags::closed)) {
        const std::string id = derived_id("kashlink/funds/close/" + p);
        KL_TRY(run_chain(tx, id, {leg(id, 0, project_key(county, p, "quota"), county_key(county, "allotable"), unused, "quota", codes::quota_return)},
                         "funds", "amount_fen"));
    }
    for (const char* role : project_roles) {
        KL_TRY(ledger_.close_account(tx, account_id_of(project_key(county, p, role)), "funds"));
    }
    return ok();
}

Result<std::vector<FundsNode>> FundsService::tree(store::Tx& tx, const std::optional<std::string>& county) {
    KL_TRY_ASSIGN(std::vector<FundsAccountRow> rows, funds_account_rows(tx, county));
    std::vector<FundsNode> nodes;
    for (const auto& row : rows) {
        const AccountKey& key = row.key;
        if (nodes.empty() || nodes.back().level != key.level || nodes.back().county_code != key.county_code ||
            nodes.back().project_id != key.project_id || nodes.back().payee_org_id != key.payee_org_id) {
            nodes.push_back(FundsNode{key.level, key.county_code, key.project_id, key.payee_org_id, {}});
        }
        ledger::Account a;
        a.debits_posted = row.debits_posted;
        a.credits_posted = row.credits_posted;
        AccountBalance balance{row.account_id, key.role, row.ledger, row.flags, row.debits_posted, row.credits_posted,
                               row.debits_pending, row.credits_pending, normal_balance(key.role, a)};
        nodes.back().accounts.push_back(std::move(balance));
    }
    return nodes;
}

// ---- principal-facing ---------------------------------------------------------------------------

Result<std::string> FundsService::receive_funds(const std::optional<access::Principal>& actor, const std::string& op_id,
                                                int64_t amount_fen) {
    KL_TRY(require_funds_write(actor));
    return store_.write([&](store::Tx& tx) { return receive_funds(tx, op_id, amount_fen, ledger::actor_name(actor)); });
}

Result<std::string> FundsService::grant_quota(const std::optional<access::Principal>& actor, const std::string& op_id,
                                              int64_t amount_fen) {
    KL_TRY(require_funds_write(actor));
    return store_.write([&](store::Tx& tx) { return grant_quota(tx, op_id, amount_fen, ledger::actor_name(actor)); });
}

Result<std::string> FundsService::allocate_county_quota(const std::optional<access::Principal>& actor, const std::string& op_id,
                                                        const std::string& county_code, int64_t amount_fen) {
    KL_TRY(require_funds_write(actor));
    return store_.write(
        [&](store::Tx& tx) { return allocate_county_quota(tx, op_id, county_code, amount_fen, ledger::actor_name(actor)); });
}

Result<std::string> FundsService::allocate_project_quota(const std::optional<access::Principal>& actor, const std::string& op_id,
                                                         const std::string& project_id, int64_t amount_fen) {
    KL_TRY(require_funds_write(actor));
    return store_.write(
        [&](store::Tx& tx) { return allocate_project_quota(tx, op_id, project_id, amount_fen, ledger::actor_name(actor)); });
}

Result<std::string> FundsService::record_refund(const std::optional<access::Principal>& actor, const std::string& op_id,
                                                const std::string& project_id, const std::string& payee_org_id,
                                                int64_t amount_fen) {
    KL_TRY(require_funds_write(actor));
    return store_.write([&](store::Tx& tx) {
        return record_refund(tx, op_id, project_id, payee_org_id, amount_fen, ledger::actor_name(actor));
    });
}

Result<SweepReport> FundsService::sweep(const std::optional<access::Principal>& actor) {
    KL_TRY(require_funds_write(actor));
    return store_.write([&](store::Tx& tx) { return sweep(tx, ledger::actor_name(actor)); });
}

Result<std::vector<FundsNode>> FundsService::tree(const std::optional<access::Principal>& actor,
                                                  const std::optional<std::string>& county) {
    if (actor) {
        KL_TRY(access::require_role(*actor, {Role::fund_officer, Role::auditor, Role::county_officer}));
    }
    return store_.read([&](store::Tx& tx) -> Result<std::vector<FundsNode>> {
        if (county) {
            KL_TRY(check_county(tx, *county, "county"));
        }
        std::optional<std::string> scope = county;
        if (actor && actor->role == Role::county_officer) {
            KL_TRY_ASSIGN(std::string own, catalog::require_county_officer(tx, *actor));
            KL_TRY(catalog::check_county_filter(tx, actor, county));  // the rule every county list shares
            scope = own;
        }
        return tree(tx, scope);
    });
}

Result<TransferPage> FundsService::transfer_page(const std::optional<access::Principal>& actor,
                                                 ledger::TransferListQuery query, const std::optional<std::string>& search) {
    KL_TRY(ledger::require_ledger_read(actor));
    return store_.read([&](store::Tx& tx) -> Result<TransferPage> {
        TransferPage page;
        if (search && !search->empty()) {
            KL_TRY_ASSIGN(query.any_account_ids, accounts_named(tx, *search));
        }
        KL_TRY_ASSIGN(page.items, ledger_.list_transfers(tx, query));
        page.next_cursor = store::finish_page(page.items, query.limit,
                                              [](const ledger::StoredTransfer& t) { return std::to_string(t.seq); });
        std::set<std::string> ids;
        for (const auto& t : page.items) ids.insert({t.debit_account_id, t.credit_account_id});
        KL_TRY_ASSIGN(page.accounts, account_namings(tx, std::vector<std::string>(ids.begin(), ids.end())));
        return page;
    });
}

}  // namespace kl::funds

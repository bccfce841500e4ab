#include "funds/funds_repo.h"

#include "store/sql.h"

namespace kl::funds {

Result<void> insert_funds_account(store::Tx& tx, const std::string& account_id, const AccountKey& key) {
    KL_TRY(tx.execute("INSERT INTO funds_accounts (account_id, role, level, county_code, project_id, payee_org_id) "
                      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (account_id) DO NOTHING",
                      {account_id, key.role, key.level, key.county_code, key.project_id, key.payee_org_id}));
    return ok();
}

Result<std::optional<std::string>> find_project_county(store::Tx& tx, std::string_view project_id) {
    return store::query_first_text(tx, "SELECT county_code FROM funds_accounts WHERE project_id = $1 AND role = 'zba'",
                                   {std::string(project_id)});
}

Result<std::map<std::string, int64_t>> project_quota_credits(store::Tx& tx) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT f.project_id, a.credits_posted FROM funds_accounts f "
                                             "JOIN ledger_accounts a ON a.id = f.account_id "
                                             "WHERE f.level = 'project' AND f.role = 'quota'"));
    std::map<std::string, int64_t> arrived;
    for (const auto& row : rows) arrived[row.text("project_id")] += row.i64("credits_posted");
    return arrived;
}

Result<std::vector<HeldRefunds>> held_refunds(store::Tx& tx) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT f.project_id, f.county_code, a.credits_posted - a.debits_posted AS held, a.credits_posted "
                           "FROM funds_accounts f JOIN ledger_accounts a ON a.id = f.account_id "
                           "WHERE f.role = 'refunds' AND a.credits_posted - a.debits_posted > 0 ORDER BY f.project_id"));
    std::vector<HeldRefunds> held;
    for (const auto& row : rows) {
        held.push_back({row.text("project_id"), row.text("county_code"), row.i64("held"), row.i64("credits_posted")});
    }
    return held;
}

Result<std::vector<FundsAccountRow>> funds_account_rows(store::Tx& tx, const std::optional<std::string>& county) {
    std::string sql = "SELECT f.account_id, f.role, f.level, f.county_code, f.project_id, f.payee_org_id, a.ledger, a.flags, "
                      "a.debits_posted, a.credits_posted, a.debits_pending, a.credits_pending FROM funds_accounts f "
                      "JOIN ledger_accounts a ON a.id = f.account_id";
    store::Params params;
    if (county) {
        sql += " WHERE f.county_code = $1";
        params.push_back(*county);
    }
    sql += " ORDER BY CASE f.level WHEN 'programme' THEN 0 WHEN 'front_command' THEN 1 WHEN 'county' THEN 2 "
           "WHEN 'project' THEN 3 ELSE 4 END, f.county_code, f.project_id, f.payee_org_id, f.role";
    KL_TRY_ASSIGN(store::Rows rows, tx.query(sql, params));
    std::vector<FundsAccountRow> out;
    for (const auto& row : rows) {
        FundsAccountRow account;
        account.key = AccountKey{row.text("level"), row.text("county_code"), row.text("project_id"),
                                 row.text("payee_org_id"), row.text("role")};
        account.account_id = row.text("account_id");
        account.ledger = row.text("ledger");
        account.flags = row.i64("flags");
        account.debits_posted = row.i64("debits_posted");
        account.credits_posted = row.i64("credits_posted");
        account.debits_pending = row.i64("debits_pending");
        account.credits_pending = row.i64("credits_pending");
        out.push_back(std::move(account));
    }
    return out;
}

namespace {
// Ids per `IN (…)` list: a page names at most 2 × page_limit_max accounts, so one or two queries.
constexpr size_t named_accounts_per_query_max = 200;
}  // namespace

Result<std::map<std::string, AccountNaming>> account_namings(store::Tx& tx, const std::vector<std::string>& ids) {
    const std::string select =
        "SELECT a.id, a.name, f.level, f.role, f.county_code, f.project_id, f.payee_org_id, p.name AS project_name, "
        "o.name AS payee_name, o.name_en AS payee_name_en FROM ledger_accounts a LEFT JOIN funds_accounts f ON f.account_id = a.id "
        "LEFT JOIN projects p ON p.id = f.project_id AND f.project_id <> '' "
        "LEFT JOIN organisations o ON o.id = f.payee_org_id AND f.payee_org_id <> '' WHERE a.id";
    std::map<std::string, AccountNaming> out;
    KL_TRY(store::query_by_ids(tx, select, "", {}, ids, named_accounts_per_query_max, [&](const store::Row& row) -> Result<void> {
        AccountNaming naming;
        naming.account_id = row.text("id");
        naming.ledger_name = row.text("name");
        naming.level = row.opt_text("level").value_or("");
        naming.role = row.opt_text("role").value_or("");
        naming.county_code = row.opt_text("county_code").value_or("");
        naming.project_id = row.opt_text("project_id").value_or("");
        naming.project_name = row.opt_text("project_name").value_or("");
        naming.payee_org_id = row.opt_text("payee_org_id").value_or("");
        naming.payee_name = row.opt_text("payee_name").value_or("");
        naming.payee_name_en = row.opt_text("payee_name_en").value_or("");
        out.emplace(naming.account_id, std::move(naming));
        return ok();
    }));
    return out;
}

Result<std::vector<std::string>> accounts_named(store::Tx& tx, const std::string& text) {
    store::SqlQuery query;
    const std::string pattern = query.bind(store::contains_pattern(text));
    std::string any;
    for (const char* column : {"a.name", "c.name_zh", "c.name_en", "p.name", "o.name", "o.name_en"}) {
        any += (any.empty() ? "" : " OR ") + store::like_condition(std::string("COALESCE(") + column + ", '')", pattern);
    }
    const std::string sql =
        "SELECT a.id FROM ledger_accounts a LEFT JOIN funds_accounts f ON f.account_id = a.id "
        "LEFT JOIN counties c ON c.code = f.county_code "
        "LEFT JOIN projects p ON p.id = f.project_id AND f.project_id <> '' "
        "LEFT JOIN organisations o ON o.id = f.payee_org_id AND f.payee_org_id <> '' WHERE " + any +
        " ORDER BY a.id LIMIT " + query.bind(static_cast<int64_t>(named_accounts_found_max + 1));
    KL_TRY_ASSIGN(store::Rows rows, tx.query(sql, query.params()));
    if (rows.size() > named_accounts_found_max) {
        return fail(Error::invalid("q", ProblemCode::too_many, "names more than " + std::to_string(named_accounts_found_max) +
                                                                   " accounts; search for a narrower name"));
    }
    std::vector<std::string> ids;
    ids.reserve(rows.size());
    for (const auto& row : rows) ids.push_back(row.text(0));
    return ids;
}

}  // namespace kl::funds

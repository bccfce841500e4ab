#include "funds/funds_accounts.h"

#include "audit/sha256.h"
#include "funds/funds_repo.h"

namespace kl::funds {

namespace af = ledger::account_flags;

AccountKey programme_key(std::string role) { return AccountKey{"programme", "", "", "", std::move(role)}; }
AccountKey front_command_key(std::string role) { return AccountKey{"front_command", "", "", "", std::move(role)}; }
AccountKey county_key(std::string county_code, std::string role) {
    return AccountKey{"county", std::move(county_code), "", "", std::move(role)};
}
AccountKey project_key(std::string county_code, std::string project_id, std::string role) {
    return AccountKey{"project", std::move(county_code), std::move(project_id), "", std::move(role)};
}
AccountKey payee_key(std::string payee_org_id) { return AccountKey{"payee", "", "", std::move(payee_org_id), "payee"}; }

std::string derived_id(std::string_view text) { return audit::sha256_hex(text).substr(0, ledger::id_hex_chars); }

std::string account_id_of(const AccountKey& key) {
    // A project's accounts do not depend on its county, so a lookup by project id alone finds them.
    const std::string county = key.level == "project" ? "" : key.county_code;
    return derived_id("kashlink/funds/account/" + key.level + "/" + county + "/" + key.project_id + "/" +
                      key.payee_org_id + "/" + key.role);
}

std::string leg_id(const std::string& op_id, int leg) {
    if (leg == 0) return op_id;
    return derived_id("kashlink/funds/leg/" + op_id + "/" + std::to_string(leg));
}

namespace {

std::string node_name(const AccountKey& key) {
    if (key.level == "programme") return "Programme";
    if (key.level == "front_command") return "Front Command";
    if (key.level == "county") return "County " + key.county_code;
    if (key.level == "project") return "Project " + key.project_id;
    return "Payee " + key.payee_org_id;
}

}  // namespace

ledger::NewAccount account_spec(const AccountKey& key) {
    ledger::NewAccount spec;
    spec.id = account_id_of(key);
    spec.user_data = key.level + ":" + (key.level == "project" ? key.project_id : key.level == "payee" ? key.payee_org_id : key.county_code);
    struct Role {
        const char* role;
        const char* ledger;
        int64_t code;
        int64_t flags;
        const char* label;
    };
    static const Role roles[] = {
        {"master", "cash", 10, af::debits_must_not_exceed_credits, "master cash (municipal aid fund)"},
        {"cash_source", "cash", 1, 0, "appropriations received"},
        {"quota_source", "quota", 2, 0, "quota appropriated"},
        {"quota_spent", "quota", 3, 0, "quota spent"},
        {"zba", "cash", 20, af::zero_balance, "zero-balance account"},
        {"quota", "quota", 21, af::debits_must_not_exceed_credits, "spending quota"},
        {"allotable", "quota", 22, af::debits_must_not_exceed_credits, "quota not yet allocated"},
        {"refunds", "cash", 23, af::debits_must_not_exceed_credits, "refunds to sweep"},
        {"payee", "cash", 40, af::debits_must_not_exceed_credits, "paid to payee"},
    };
    for (const auto& role : roles) {
        if (key.role == role.role) {
            spec.ledger = role.ledger;
            spec.code = role.code;
            spec.flags = role.flags;
            spec.name = node_name(key) + " " + role.label;
            return spec;
        }
    }
    KL_ASSERT(false && "unknown funds account role");
    return spec;
}

Result<void> ensure_accounts(store::Tx& tx, ledger::LedgerService& ledger, const std::vector<AccountKey>& keys,
                             const std::string& actor) {
    std::vector<ledger::NewAccount> specs;
    for (const auto& key : keys) specs.push_back(account_spec(key));
    KL_TRY_ASSIGN(auto outcomes, ledger.create_accounts(tx, specs, actor));
    for (size_t i = 0; i < outcomes.size(); ++i) {
        if (outcomes[i].result != ledger::AccountResult::ok && outcomes[i].result != ledger::AccountResult::exists) {
            return fail(ErrorCode::internal, "funds account " + specs[i].name + ": " + std::string(to_string(outcomes[i].result)));
        }
        if (outcomes[i].result != ledger::AccountResult::ok) continue;
        const auto& key = keys[i];
        KL_TRY(insert_funds_account(tx, specs[i].id, key));
    }
    return ok();
}

int64_t normal_balance(const std::string& role, const ledger::Account& a) {
    const bool debit_normal = role == "cash_source" || role == "quota_source" || role == "quota_spent";
    const int64_t credit_balance = a.credits_posted - a.debits_posted;
    return debit_normal ? -credit_balance : credit_balance;
}

}  // namespace kl::funds

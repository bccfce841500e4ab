#pragma once
// The SQL of the funds structure inside a caller's transaction: the funds_accounts rows that say
// which node each ledger account belongs to, and the balances read through them. No permission
// checks (FundsService checks first); the ledger's own rows are the ledger's (ledger_repo.h).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "funds/funds_accounts.h"
#include "store/store.h"

namespace kl::funds {

// Records which node and role ledger account `account_id` is; a second call is a no-op.
Result<void> insert_funds_account(store::Tx& tx, const std::string& account_id, const AccountKey& key);

// The county a project's accounts were opened under, if it has accounts.
Result<std::optional<std::string>> find_project_county(store::Tx& tx, std::string_view project_id);

// All the quota ever allocated to each project (its quota account's posted credits), by project id.
Result<std::map<std::string, int64_t>> project_quota_credits(store::Tx& tx);

// A project's refunds account holding money not yet swept.
struct HeldRefunds {
    std::string project_id;
    std::string county_code;
    int64_t held_fen = 0;
    int64_t credits_posted = 0;  // names the account's state: a sweep's id derives from it
};
// Every refunds account above zero, by project id.
Result<std::vector<HeldRefunds>> held_refunds(store::Tx& tx);

// One account of the structure with its ledger totals (fen).
struct FundsAccountRow {
    AccountKey key;
    std::string account_id;
    std::string ledger;
    int64_t flags = 0;
    int64_t debits_posted = 0, credits_posted = 0, debits_pending = 0, credits_pending = 0;
};
// Programme, front command, counties, projects, payees in that order, each node's accounts by role;
// `county` limits it to that county's node and its projects.
Result<std::vector<FundsAccountRow>> funds_account_rows(store::Tx& tx, const std::optional<std::string>& county);

// What a ledger account is, in words a person reads: its node and role in the structure, and the
// names of the project and payee organisation it belongs to (empty for other levels). An account the
// funds structure did not open has an empty level and only the ledger's own name.
struct AccountNaming {
    std::string account_id;
    std::string ledger_name;  // the ledger account's own name (English, for the command line)
    std::string level;        // programme, front_command, county, project, payee; empty: not a funds account
    std::string role;
    std::string county_code;
    std::string project_id;
    std::string project_name;
    std::string payee_org_id;
    std::string payee_name;
    std::string payee_name_en;  // empty when the organisation has no English name
};
// The naming of each of `ids` that exists, by account id.
Result<std::map<std::string, AccountNaming>> account_namings(store::Tx& tx, const std::vector<std::string>& ids);

// A search of the transfer list finds at most this many accounts; a wider one is refused (naming q)
// rather than sent as an unbounded IN list.
inline constexpr size_t named_accounts_found_max = 2'000;
// The ids of the accounts whose ledger name, county (either language), project or payee organisation
// (either language) contains `text` (any case, as store/sql.h contains_pattern); invalid_argument
// naming `q` (too_many) beyond named_accounts_found_max.
Result<std::vector<std::string>> accounts_named(store::Tx& tx, const std::string& text);

}  // namespace kl::funds

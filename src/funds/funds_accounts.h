#pragma once
// The funds structure's accounts: what each role is on the ledger (ledger, code, flags), how its id
// is derived (SHA-256 of its key, first 128 bits, so every process finds the same account without a
// lookup table), and the funds_accounts rows that say which node an account belongs to.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "ledger/ledger_service.h"
#include "store/store.h"

namespace kl::funds {

// Transfer codes (IATI transaction types where one fits: 1 incoming funds, 3 disbursement).
namespace codes {
inline constexpr int64_t receipt = 1;
inline constexpr int64_t disbursement = 3;
inline constexpr int64_t quota_grant = 11;
inline constexpr int64_t quota_allocation = 12;
inline constexpr int64_t quota_consumption = 13;
inline constexpr int64_t quota_return = 14;
inline constexpr int64_t refund = 20;
inline constexpr int64_t sweep = 21;
}  // namespace codes

struct AccountKey {
    std::string level;  // programme, front_command, county, project, payee
    std::string county_code;
    std::string project_id;
    std::string payee_org_id;
    std::string role;   // master, cash_source, quota_source, quota_spent, zba, quota, allotable, refunds, payee
};

AccountKey programme_key(std::string role);
AccountKey front_command_key(std::string role);
AccountKey county_key(std::string county_code, std::string role);
AccountKey project_key(std::string county_code, std::string project_id, std::string role);
AccountKey payee_key(std::string payee_org_id);

std::string account_id_of(const AccountKey& key);
// The id of leg `leg` of operation `op_id`: leg 0 is the operation id itself.
std::string leg_id(const std::string& op_id, int leg);
// A 128-bit id derived from a text (operations the programme starts itself: opening, sweeps).
std::string derived_id(std::string_view text);

ledger::NewAccount account_spec(const AccountKey& key);
// Creates the ledger accounts and their funds_accounts rows; existing ones are left as they are.
Result<void> ensure_accounts(store::Tx& tx, ledger::LedgerService& ledger, const std::vector<AccountKey>& keys,
                             const std::string& actor);

// The normal-side balance of an account of `role` (see AccountBalance::balance).
int64_t normal_balance(const std::string& role, const ledger::Account& account);

}  // namespace kl::funds

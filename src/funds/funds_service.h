#pragma once
// The programme's three-level zero-balance structure (国库集中支付, funds-anchors.md §1) on the ledger.
//
// Accounts (ids derived from their role, funds_accounts.h):
//   programme     master cash account (municipal aid fund, may not go below 0), the cash source
//                 (Shanghai's appropriations, outside the programme), the quota source and the
//                 quota-spent sink
//   front command zero-balance cash account, spending quota, allotable quota
//   each county   zero-balance cash account, spending quota, allotable quota
//   each project  zero-balance cash account, spending quota, refunds-received account
//   each payee    the cash paid to that organisation (refunds may not exceed it)
//
// Quota (用款额度) is a separate ledger from cash. A level's `quota` is what may be spent under it
// (granted minus spent); its `allotable` is what it has not yet passed down. Granting quota to the
// front command credits both; allocating to a county moves front command allotable → county quota
// (and credits the county's allotable); allocating to a project moves county allotable → project
// quota. All quota accounts refuse to go below zero, so no level can pass down more than it got.
//
// A payment to a contractor is ONE linked chain (all or nothing):
//   cash   master → FC zba → county zba → project zba → payee
//   quota  project quota → spent, county quota → spent, FC quota → spent
// so every zero-balance account is back at 0 when the chain ends (the ledger checks it), and the
// quota is consumed at every level: an overpayment is refused by the first level whose quota is short.
//
// Refunds land in the project's refunds account (not its zba, which stays at 0 after every chain);
// `sweep` returns each project's refunds up the chain to the master and restores the quota it
// consumed, in one chain per project. `kashlink funds sweep` runs it; so does the server at the end
// of each day (Shanghai), see FundsService::sweep.
//
// Operation ids: every write takes a client-chosen 128-bit id (32 hex) that is the ledger transfer
// id of its first leg; the other legs' ids derive from it, so a retry is idempotent and a changed
// retry is a conflict.
//
// Who: fund officers write; fund officers and auditors read everything; a county officer reads its
// county's accounts and its projects' only; other roles see nothing.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/principal.h"
#include "core/clock.h"
#include "core/result.h"
#include "funds/funds_repo.h"
#include "ledger/ledger_service.h"
#include "store/store.h"

namespace kl::funds {

inline constexpr size_t project_id_chars_max = 64;
inline constexpr size_t org_id_chars_max = 64;

struct PaymentOrder {
    std::string payment_id;  // 128-bit idempotency id, 32 hex characters
    std::string project_id;
    std::string county_code;
    std::string payee_org_id;
    int64_t amount_fen = 0;
    std::string actor = "funds";  // who the audit trail names (a user id); defaulted for callers that omit it
};

// One account of the tree with its balances (fen).
struct AccountBalance {
    std::string account_id;
    std::string role;      // master, cash_source, zba, quota, allotable, refunds, payee, quota_source, quota_spent
    std::string ledger;
    int64_t flags = 0;
    int64_t debits_posted = 0, credits_posted = 0, debits_pending = 0, credits_pending = 0;
    // The balance on the side the account normally holds: credits − debits for master, quota,
    // allotable, refunds, payee; debits − credits for the sources and the spent sink.
    int64_t balance = 0;
};

struct FundsNode {
    std::string level;  // programme, front_command, county, project, payee
    std::string county_code;
    std::string project_id;
    std::string payee_org_id;
    std::vector<AccountBalance> accounts;
};

// A page of ledger transfers, newest first, with every account they name (by account id).
struct TransferPage {
    std::vector<ledger::StoredTransfer> items;
    std::map<std::string, AccountNaming> accounts;
    std::optional<std::string> next_cursor;  // store/page.h: the last item's seq
};

struct SweepReport {
    int64_t projects = 0;
    int64_t amount_fen = 0;
    int64_t expired_pendings = 0;
};

class FundsService {
public:
    FundsService(store::Store& store, const Clock& clock, ledger::LedgerService& ledger)
        : store_(store), clock_(clock), ledger_(ledger) {}

    // ---- for the projects module, inside the caller's transaction ------------------------------
    // Creates the project's accounts (idempotent) and allocates budget_fen of the county's quota to
    // it. failed_precondition (naming budget_fen) when the county has not that much quota left.
    Result<void> open_project_accounts(store::Tx& tx, std::string_view project_id, std::string_view county_code,
                                       int64_t budget_fen);
    // Pays through the linked chain; returns the chain id (= payment_id). invalid_argument naming the
    // field for malformed orders; not_found when the project has no accounts; failed_precondition
    // naming amount_fen when quota or master cash is short (the refusal is remembered under the
    // payment id when the caller commits), conflict when the id was used for another payment.
    Result<std::string> pay_contractor(store::Tx& tx, const PaymentOrder& order);
    // The project's zero-balance and refunds accounts are at zero and nothing is pending on any of
    // its accounts.
    Result<bool> project_settled(store::Tx& tx, std::string_view project_id);
    // Returns the project's unused quota to its county and closes its accounts; failed_precondition
    // unless settled. Idempotent.
    Result<void> close_project_accounts(store::Tx& tx, std::string_view project_id);

    // ---- the programme, inside a transaction (actor names the audit rows) -----------------------
    Result<void> ensure_structure(store::Tx& tx, const std::string& actor);
    Result<std::string> receive_funds(store::Tx& tx, const std::string& op_id, int64_t amount_fen, const std::string& actor);
    Result<std::string> grant_quota(store::Tx& tx, const std::string& op_id, int64_t amount_fen, const std::string& actor);
    Result<std::string> allocate_county_quota(store::Tx& tx, const std::string& op_id, const std::string& county_code,
                                              int64_t amount_fen, const std::string& actor);
    Result<std::string> allocate_project_quota(store::Tx& tx, const std::string& op_id, const std::string& project_id,
                                               int64_t amount_fen, const std::string& actor);
    Result<std::string> record_refund(store::Tx& tx, const std::string& op_id, const std::string& project_id,
                                      const std::string& payee_org_id, int64_t amount_fen, const std::string& actor);
    Result<SweepReport> sweep(store::Tx& tx, const std::string& actor);
    // Every node; `county` limits it to that county's node and its projects.
    Result<std::vector<FundsNode>> tree(store::Tx& tx, const std::optional<std::string>& county);
    // Funds arrived per project: all the quota ever allocated to it (its quota account's posted
    // credits), by project id; projects without accounts are absent.
    Result<std::map<std::string, int64_t>> quota_arrived_by_project(store::Tx& tx);

    // ---- for a principal (the HTTP routes), each in its own transaction ------------------------
    Result<std::string> receive_funds(const std::optional<access::Principal>& actor, const std::string& op_id, int64_t amount_fen);
    Result<std::string> grant_quota(const std::optional<access::Principal>& actor, const std::string& op_id, int64_t amount_fen);
    Result<std::string> allocate_county_quota(const std::optional<access::Principal>& actor, const std::string& op_id,
                                              const std::string& county_code, int64_t amount_fen);
    Result<std::string> allocate_project_quota(const std::optional<access::Principal>& actor, const std::string& op_id,
                                               const std::string& project_id, int64_t amount_fen);
    Result<std::string> record_refund(const std::optional<access::Principal>& actor, const std::string& op_id,
                                      const std::string& project_id, const std::string& payee_org_id, int64_t amount_fen);
    Result<SweepReport> sweep(const std::optional<access::Principal>& actor);
    // `county` narrows the tree to one county's node and its projects (invalid_argument naming
    // `county` when unknown); a county officer sees only its own (permission_denied for another).
    Result<std::vector<FundsNode>> tree(const std::optional<access::Principal>& actor,
                                        const std::optional<std::string>& county = std::nullopt);
    // Every transfer of the programme, newest first, its accounts named (fund officers and auditors,
    // as the ledger's reads; permission_denied for the rest). query.limit within store/page.h's range.
    // `search`: only transfers with an account on either side whose name contains it (funds_repo.h
    // accounts_named: the ledger name, county, project or payee).
    Result<TransferPage> transfer_page(const std::optional<access::Principal>& actor, ledger::TransferListQuery query,
                                       const std::optional<std::string>& search = std::nullopt);

private:
    // Runs one chain of legs; ok with the first leg's id, or the failure mapped to an Error.
    Result<std::string> run_chain(store::Tx& tx, const std::string& op_id, std::vector<ledger::Transfer> legs,
                                  const std::string& actor, const std::string& amount_field);

    store::Store& store_;
    const Clock& clock_;
    ledger::LedgerService& ledger_;
};

Result<void> require_funds_write(const std::optional<access::Principal>& actor);

}  // namespace kl::funds

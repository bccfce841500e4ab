#pragma once
// The ledger's data model, after TigerBeetle (docs/reference/account.md, transfer.md): accounts on
// a ledger with a code and flags and four running totals; immutable transfers of one debit and one
// credit on the same ledger, identified by a client-chosen 128-bit id that is also the idempotency
// key. Amounts are integer fen (int64, > 0); ids are 32 lowercase hex digits, never all zero.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kl::ledger {

inline constexpr size_t transfers_per_batch_max = 8000;
inline constexpr size_t accounts_per_batch_max = 8000;
inline constexpr size_t id_hex_chars = 32;
inline constexpr size_t account_name_chars_max = 200;
inline constexpr size_t user_data_chars_max = 200;
// 10^15 fen = 10 trillion yuan: far above any programme, far below int64 overflow when summed.
inline constexpr int64_t amount_max = 1'000'000'000'000'000;
inline constexpr int64_t timeout_s_max = 365LL * 86400;
inline constexpr int64_t code_max = 65535;

// The three ledgers of the programme (all CNY fen): cash, spending quota (用款额度), commitments.
bool is_ledger_name(std::string_view name);

namespace account_flags {
inline constexpr int64_t debits_must_not_exceed_credits = 1;
inline constexpr int64_t credits_must_not_exceed_debits = 2;
inline constexpr int64_t zero_balance = 4;  // debits = credits after every chain (funds-anchors invariant 6)
inline constexpr int64_t closed = 8;
inline constexpr int64_t all = 15;
}  // namespace account_flags

namespace transfer_flags {
inline constexpr int64_t linked = 1;
inline constexpr int64_t pending = 2;
inline constexpr int64_t post_pending_transfer = 4;
inline constexpr int64_t void_pending_transfer = 8;
inline constexpr int64_t balancing_debit = 16;
inline constexpr int64_t balancing_credit = 32;
inline constexpr int64_t all = 63;
}  // namespace transfer_flags

// Flag names as the API spells them ("linked", "debits_must_not_exceed_credits", …).
std::vector<std::string> account_flag_names(int64_t flags);
std::vector<std::string> transfer_flag_names(int64_t flags);
std::optional<int64_t> parse_account_flag(std::string_view name);
std::optional<int64_t> parse_transfer_flag(std::string_view name);

bool is_id(std::string_view text);  // 32 lowercase hex digits
bool is_zero_id(std::string_view text);
inline const std::string& zero_id() {
    static const std::string zeros(id_hex_chars, '0');
    return zeros;
}

struct NewAccount {
    std::string id;
    std::string ledger;
    int64_t code = 0;
    int64_t flags = 0;
    std::string name;
    std::string user_data;
};

struct Account {
    std::string id;
    std::string ledger;
    int64_t code = 0;
    int64_t flags = 0;
    std::string name;
    std::string user_data;
    int64_t debits_pending = 0;
    int64_t debits_posted = 0;
    int64_t credits_pending = 0;
    int64_t credits_posted = 0;
    int64_t created_ms = 0;

    bool has(int64_t flag) const { return (flags & flag) != 0; }
    int64_t balance_credit_posted() const { return credits_posted - debits_posted; }
};

// A transfer as the client asks for it. For post/void, the zero id, empty ledger and zero code mean
// "as the pending transfer"; amount 0 on a post means "the full pending amount".
struct Transfer {
    std::string id;
    std::string debit_account_id;
    std::string credit_account_id;
    int64_t amount = 0;
    std::string pending_id;  // zero id unless post/void
    std::string ledger;
    int64_t code = 0;
    int64_t flags = 0;
    int64_t timeout_s = 0;
    std::string user_data;

    bool has(int64_t flag) const { return (flags & flag) != 0; }
};

struct StoredTransfer : Transfer {
    int64_t seq = 0;
    int64_t created_ms = 0;
};

// The programme's transfers, newest first (GET /api/v1/ledger/transfers): every filter optional.
struct TransferListQuery {
    std::optional<std::string> account_id;  // on either side
    // On either side, any of these (the accounts whose names a search found); empty: none matches.
    std::optional<std::vector<std::string>> any_account_ids;
    int64_t from_ms = 0;                    // inclusive
    int64_t to_ms = INT64_MAX;              // exclusive
    std::optional<std::string> ledger;
    std::optional<int64_t> code;
    int64_t flags_set = 0;                  // transfer_flags every listed transfer carries (linked, pending…)
    std::optional<int64_t> before_seq;      // paging: the seq of the last transfer of the previous page
    int limit = 50;                         // the page; one row more is read (store/page.h)
};

enum class PendingState { pending, posted, voided, expired };
std::string_view to_string(PendingState state);
std::optional<PendingState> parse_pending_state(std::string_view text);

struct PendingRecord {
    std::string transfer_id;
    PendingState state = PendingState::pending;
    int64_t expires_ms = 0;        // 0: no timeout
    std::string resolved_by;       // the post/void transfer id, empty otherwise
    int64_t resolved_ms = 0;
};

// TigerBeetle-style result codes (create_transfers), plus zero_balance_account_not_zero for the
// end-of-chain zero-balance check.
enum class TransferResult {
    ok,
    linked_event_failed,
    linked_event_chain_open,
    id_must_not_be_zero,
    id_already_failed,
    flags_are_mutually_exclusive,
    debit_account_id_must_not_be_zero,
    credit_account_id_must_not_be_zero,
    accounts_must_be_different,
    pending_id_must_be_zero,
    pending_id_must_not_be_zero,
    pending_id_must_be_different,
    timeout_reserved_for_pending_transfer,
    amount_must_not_be_zero,
    ledger_must_be_valid,
    code_must_not_be_zero,
    debit_account_not_found,
    credit_account_not_found,
    accounts_must_have_the_same_ledger,
    transfer_must_have_the_same_ledger_as_accounts,
    pending_transfer_not_found,
    pending_transfer_not_pending,
    pending_transfer_has_different_debit_account_id,
    pending_transfer_has_different_credit_account_id,
    pending_transfer_has_different_ledger,
    pending_transfer_has_different_code,
    exceeds_pending_transfer_amount,
    pending_transfer_has_different_amount,
    pending_transfer_already_posted,
    pending_transfer_already_voided,
    pending_transfer_expired,
    exists_with_different_flags,
    exists_with_different_pending_id,
    exists_with_different_timeout,
    exists_with_different_debit_account_id,
    exists_with_different_credit_account_id,
    exists_with_different_amount,
    exists_with_different_user_data,
    exists_with_different_ledger,
    exists_with_different_code,
    exists,
    overflows_debits,
    overflows_credits,
    debit_account_closed,
    credit_account_closed,
    exceeds_credits,
    exceeds_debits,
    zero_balance_account_not_zero,
};
std::string_view to_string(TransferResult result);
std::optional<TransferResult> parse_transfer_result(std::string_view text);
// Results that depend on the ledger's state rather than the request alone: the id is remembered as
// failed, so a retry gets the same answer even after the state changed (TigerBeetle's transient errors).
bool is_remembered_failure(TransferResult result);
// ok, or exists (the same transfer was created before): the transfer is in the ledger.
inline bool is_success(TransferResult result) { return result == TransferResult::ok || result == TransferResult::exists; }

struct TransferOutcome {
    std::string id;
    TransferResult result = TransferResult::ok;
    bool replayed = false;  // a remembered failure answered again
    int64_t amount = 0;     // the amount moved (balancing and post may move less than asked)
};

enum class AccountResult {
    ok,
    id_must_not_be_zero,
    flags_are_mutually_exclusive,
    flags_reserved,  // `closed` cannot be set on creation
    ledger_must_be_valid,
    code_must_not_be_zero,
    exists_with_different_flags,
    exists_with_different_ledger,
    exists_with_different_code,
    exists_with_different_name,
    exists_with_different_user_data,
    exists,
};
std::string_view to_string(AccountResult result);

struct AccountOutcome {
    std::string id;
    AccountResult result = AccountResult::ok;
};

// The canonical JSON the audit trail keeps for an account (its fixed fields and flags; totals are
// verified by recomputation from the transfers) and for a transfer (every field).
std::string account_audit_body(const Account& account);
std::string transfer_audit_body(const StoredTransfer& transfer);

}  // namespace kl::ledger

#include "ledger/ledger_types.h"

#include <array>

#include "audit/canonical_json.h"
#include "core/assert.h"

namespace kl::ledger {

namespace {

constexpr std::array<std::string_view, 48> transfer_result_names = {
    "ok",
    "linked_event_failed",
    "linked_event_chain_open",
    "id_must_not_be_zero",
    "id_already_failed",
    "flags_are_mutually_exclusive",
    "debit_account_id_must_not_be_zero",
    "credit_account_id_must_not_be_zero",
    "accounts_must_be_different",
    "pending_id_must_be_zero",
    "pending_id_must_not_be_zero",
    "pending_id_must_be_different",
    "timeout_reserved_for_pending_transfer",
    "amount_must_not_be_zero",
    "ledger_must_be_valid",
    "code_must_not_be_zero",
    "debit_account_not_found",
    "credit_account_not_found",
    "accounts_must_have_the_same_ledger",
    "transfer_must_have_the_same_ledger_as_accounts",
    "pending_transfer_not_found",
    "pending_transfer_not_pending",
    "pending_transfer_has_different_debit_account_id",
    "pending_transfer_has_different_credit_account_id",
    "pending_transfer_has_different_ledger",
    "pending_transfer_has_different_code",
    "exceeds_pending_transfer_amount",
    "pending_transfer_has_different_amount",
    "pending_transfer_already_posted",
    "pending_transfer_already_voided",
    "pending_transfer_expired",
    "exists_with_different_flags",
    "exists_with_different_pending_id",
    "exists_with_different_timeout",
    "exists_with_different_debit_account_id",
    "exists_with_different_credit_account_id",
    "exists_with_different_amount",
    "exists_with_different_user_data",
    "exists_with_different_ledger",
    "exists_with_different_code",
    "exists",
    "overflows_debits",
    "overflows_credits",
    "debit_account_closed",
    "credit_account_closed",
    "exceeds_credits",
    "exceeds_debits",
    "zero_balance_account_not_zero",
};
static_assert(transfer_result_names.size() == static_cast<size_t>(TransferResult::zero_balance_account_not_zero) + 1);

constexpr std::array<std::string_view, 12> account_result_names = {
    "ok",
    "id_must_not_be_zero",
    "flags_are_mutually_exclusive",
    "flags_reserved",
    "ledger_must_be_valid",
    "code_must_not_be_zero",
    "exists_with_different_flags",
    "exists_with_different_ledger",
    "exists_with_different_code",
    "exists_with_different_name",
    "exists_with_different_user_data",
    "exists",
};
static_assert(account_result_names.size() == static_cast<size_t>(AccountResult::exists) + 1);

struct FlagName {
    int64_t flag;
    std::string_view name;
};
constexpr std::array<FlagName, 4> account_flag_table = {{
    {account_flags::debits_must_not_exceed_credits, "debits_must_not_exceed_credits"},
    {account_flags::credits_must_not_exceed_debits, "credits_must_not_exceed_debits"},
    {account_flags::zero_balance, "zero_balance"},
    {account_flags::closed, "closed"},
}};
constexpr std::array<FlagName, 6> transfer_flag_table = {{
    {transfer_flags::linked, "linked"},
    {transfer_flags::pending, "pending"},
    {transfer_flags::post_pending_transfer, "post_pending_transfer"},
    {transfer_flags::void_pending_transfer, "void_pending_transfer"},
    {transfer_flags::balancing_debit, "balancing_debit"},
    {transfer_flags::balancing_credit, "balancing_credit"},
}};

template <size_t N>
std::vector<std::string> names_of(const std::array<FlagName, N>& table, int64_t flags) {
    std::vector<std::string> out;
    for (const auto& entry : table) {
        if ((flags & entry.flag) != 0) out.emplace_back(entry.name);
    }
    return out;
}

template <size_t N>
std::optional<int64_t> parse_flag(const std::array<FlagName, N>& table, std::string_view name) {
    for (const auto& entry : table) {
        if (entry.name == name) return entry.flag;
    }
    return std::nullopt;
}

std::string flags_json(const std::vector<std::string>& names) {
    std::string out = "[";
    for (size_t i = 0; i < names.size(); ++i) out += (i ? "," : "") + audit::json_quote(names[i]);
    return out + "]";
}

}  // namespace

bool is_ledger_name(std::string_view name) { return name == "cash" || name == "quota" || name == "commitment"; }

std::vector<std::string> account_flag_names(int64_t flags) { return names_of(account_flag_table, flags); }
std::vector<std::string> transfer_flag_names(int64_t flags) { return names_of(transfer_flag_table, flags); }
std::optional<int64_t> parse_account_flag(std::string_view name) { return parse_flag(account_flag_table, name); }
std::optional<int64_t> parse_transfer_flag(std::string_view name) { return parse_flag(transfer_flag_table, name); }

bool is_id(std::string_view text) {
    if (text.size() != id_hex_chars) return false;
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

bool is_zero_id(std::string_view text) { return text.empty() || text == zero_id(); }

std::string_view to_string(PendingState state) {
    switch (state) {
        case PendingState::pending: return "pending";
        case PendingState::posted: return "posted";
        case PendingState::voided: return "voided";
        case PendingState::expired: return "expired";
    }
    KL_ASSERT(false);
    return "";
}

std::optional<PendingState> parse_pending_state(std::string_view text) {
    for (auto state : {PendingState::pending, PendingState::posted, PendingState::voided, PendingState::expired}) {
        if (to_string(state) == text) return state;
    }
    return std::nullopt;
}

std::string_view to_string(TransferResult result) { return transfer_result_names.at(static_cast<size_t>(result)); }

std::optional<TransferResult> parse_transfer_result(std::string_view text) {
    for (size_t i = 0; i < transfer_result_names.size(); ++i) {
        if (transfer_result_names[i] == text) return static_cast<TransferResult>(i);
    }
    return std::nullopt;
}

bool is_remembered_failure(TransferResult result) {
    switch (result) {
        case TransferResult::debit_account_not_found:
        case TransferResult::credit_account_not_found:
        case TransferResult::accounts_must_have_the_same_ledger:
        case TransferResult::transfer_must_have_the_same_ledger_as_accounts:
        case TransferResult::pending_transfer_not_found:
        case TransferResult::pending_transfer_not_pending:
        case TransferResult::pending_transfer_has_different_debit_account_id:
        case TransferResult::pending_transfer_has_different_credit_account_id:
        case TransferResult::pending_transfer_has_different_ledger:
        case TransferResult::pending_transfer_has_different_code:
        case TransferResult::exceeds_pending_transfer_amount:
        case TransferResult::pending_transfer_has_different_amount:
        case TransferResult::pending_transfer_already_posted:
        case TransferResult::pending_transfer_already_voided:
        case TransferResult::pending_transfer_expired:
        case TransferResult::overflows_debits:
        case TransferResult::overflows_credits:
        case TransferResult::debit_account_closed:
        case TransferResult::credit_account_closed:
        case TransferResult::exceeds_credits:
        case TransferResult::exceeds_debits:
        case TransferResult::zero_balance_account_not_zero:
            return true;
        default:
            return false;
    }
}

std::string_view to_string(AccountResult result) { return account_result_names.at(static_cast<size_t>(result)); }

std::string account_audit_body(const Account& account) {
    audit::CanonicalJson body;
    body.add("id", account.id)
        .add("ledger", account.ledger)
        .add("code", account.code)
        .add_raw("flags", flags_json(account_flag_names(account.flags)))
        .add("name", account.name)
        .add("user_data", account.user_data)
        .add("created_ms", account.created_ms);
    return body.str();
}

std::string transfer_audit_body(const StoredTransfer& transfer) {
    audit::CanonicalJson body;
    body.add("id", transfer.id)
        .add("seq", transfer.seq)
        .add("debit_account_id", transfer.debit_account_id)
        .add("credit_account_id", transfer.credit_account_id)
        .add("amount", transfer.amount)
        .add("pending_id", transfer.pending_id)
        .add("ledger", transfer.ledger)
        .add("code", transfer.code)
        .add_raw("flags", flags_json(transfer_flag_names(transfer.flags)))
        .add("timeout_s", transfer.timeout_s)
        .add("user_data", transfer.user_data)
        .add("created_ms", transfer.created_ms);
    return body.str();
}

}  // namespace kl::ledger

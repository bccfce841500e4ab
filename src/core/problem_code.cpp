#include "core/problem_code.h"

#include "core/assert.h"

namespace kl {

namespace {

using P = ProblemCode;

// In declaration order, so that a code's entry is at its enumerator's index (checked below).
constexpr std::array<ProblemCodeInfo, problem_code_count> problem_code_table{{
    {P::required, "required", "", "The field has no value, or an empty one."},
    {P::length_out_of_range, "length_out_of_range", "min, max, got",
     "The text must be min to max characters long; it has got."},
    {P::exact_length, "exact_length", "length", "The text must be exactly length characters long."},
    {P::blank, "blank", "", "The text is white space alone."},
    {P::invalid_utf8, "invalid_utf8", "", "The text is not valid UTF-8."},
    {P::nul_character, "nul_character", "", "The text holds a NUL character."},
    {P::control_character, "control_character", "at",
     "The text holds a control character at character position at (prose may hold line feeds and tabs)."},
    {P::invisible_character, "invisible_character", "at",
     "The identifier holds an invisible character (such as a zero-width space) at position at."},
    {P::out_of_range, "out_of_range", "min, max", "The number must be between min and max."},
    {P::below_min, "below_min", "min (or other: the field it must not be below)",
     "The value must not be below min."},
    {P::above_max, "above_max", "max (or other)", "The value must not be above max."},
    {P::not_positive, "not_positive", "", "The number must be greater than zero."},
    {P::not_integer, "not_integer", "", "The value must be a whole number."},
    {P::wrong_type, "wrong_type", "expected (string, integer, object, array, boolean)",
     "The JSON value has the wrong type."},
    {P::not_a_date, "not_a_date", "", "The value must be a calendar date written YYYY-MM-DD."},
    {P::before_other_field, "before_other_field", "other", "The value must not be before the field other."},
    {P::not_one_of, "not_one_of", "allowed (the names, comma-separated)", "The name is not one of those allowed."},
    {P::bad_format, "bad_format", "", "The code, id or key is not written as it must be; the message says how."},
    {P::unknown_reference, "unknown_reference", "", "The field names a record that does not exist or is not yours to name."},
    {P::duplicate, "duplicate", "",
     "The value is already used by another record (identifiers compared ignoring case, width and hyphens)."},
    {P::repeated, "repeated", "", "The same value appears twice in this request."},
    {P::outside_own_scope, "outside_own_scope", "own (the caller's county or organisation, may be absent)",
     "The field names a county or organisation other than the caller's own."},
    {P::wrong_kind, "wrong_kind", "", "The field names an organisation of another kind than it needs; the message says which."},
    {P::quota_exceeded, "quota_exceeded", "account (its name), county (code, when a county's), ledger_code",
     "The amount is more than what the account holds (a county's quota, a fund)."},
    {P::accounts_closed, "accounts_closed", "", "The project's accounts are closed."},
    {P::too_many, "too_many", "max", "More items than allowed (max)."},
    {P::unknown_column, "unknown_column", "", "The spreadsheet column is not one of the sheet's."},
    {P::missing_column, "missing_column", "", "The spreadsheet lacks this column."},
    {P::unknown_field, "unknown_field", "", "The body has a member the route does not take; the message lists those it does."},
    {P::more_not_listed, "more_not_listed", "count", "The file has count more problems than those listed."},
    {P::time_clash, "time_clash", "event (the other event's id)",
     "The same person takes part in another event at an overlapping time."},
    {P::outside_event_dates, "outside_event_dates", "from, to (YYYY-MM-DD)", "The date is outside the event's days."},
    {P::invalid_value, "invalid_value", "",
     "A rule of the domain refuses the value; the message says which (no code of its own yet)."},
    {P::invalid_request, "invalid_request", "", "The request has field errors, each in errors[]."},
    {P::unauthenticated, "unauthenticated", "", "Sign in (no or bad credentials)."},
    {P::permission_denied, "permission_denied", "", "The caller's role or organisation may not do this."},
    {P::not_found, "not_found", "", "The record does not exist or is not the caller's to see."},
    {P::already_exists, "already_exists", "", "A record with this key already exists."},
    {P::conflict, "conflict", "", "The request conflicts with the record's current state; the detail says how."},
    {P::refused, "refused", "", "A rule of the domain refuses the change; the detail says which."},
    {P::limit_reached, "limit_reached", "", "A limit (queue, size, rate) was reached; try again later."},
    {P::unavailable, "unavailable", "", "The service is unavailable for a moment; try again (Retry-After)."},
    {P::internal, "internal", "", "An internal error; it has been logged."},
    {P::idempotency_key_reused, "idempotency_key_reused", "",
     "The Idempotency-Key was already used with another request; use a new key."},
    {P::wrong_state, "wrong_state", "record (order, project, payment_request), status, action",
     "The record's status does not allow this action."},
    {P::invoice_missing, "invoice_missing", "", "The seller has not recorded the order's invoice number yet."},
    {P::open_risk_flags, "open_risk_flags", "rules (comma-separated rule codes)",
     "High-severity risk flags are open on the payment request; review them first."},
}};

constexpr bool in_declaration_order() {
    for (size_t index = 0; index < problem_code_table.size(); ++index) {
        if (static_cast<size_t>(problem_code_table[index].code) != index) return false;
    }
    return true;
}
static_assert(in_declaration_order(), "problem_code_table lists the codes in declaration order");

}  // namespace

const std::array<ProblemCodeInfo, problem_code_count>& problem_codes() { return problem_code_table; }

std::string_view to_string(ProblemCode code) {
    const auto index = static_cast<size_t>(code);
    KL_ASSERT(index < problem_code_table.size());
    return problem_code_table[index].name;
}

namespace {

// `text` as a JSON string: quotes, backslashes and control characters escaped, UTF-8 kept as it is.
void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            out += "\\u00";
            out += hex[byte >> 4];
            out += hex[byte & 0x0f];
        } else {
            out += c;
        }
    }
    out += '"';
}

}  // namespace

std::string params_json_text(const ProblemParams& params) {
    std::string out = "{";
    for (const auto& param : params) {
        if (out.size() > 1) out += ',';
        append_json_string(out, param.name);
        out += ':';
        if (const auto* number = std::get_if<int64_t>(&param.value)) out += std::to_string(*number);
        else append_json_string(out, std::get<std::string>(param.value));
    }
    return out + "}";
}

}  // namespace kl

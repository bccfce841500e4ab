#pragma once
// The stable machine codes of problems: one per kind of field error or refusal, sent in
// problem+json beside the English message, with named parameters, so that a client writes the
// sentence in its reader's language (the console's web/src/server-messages.js) and never has to
// parse English. A code, once sent, keeps its name and meaning; new kinds get new codes.
//
// This table is the documentation: GET /api/v1/openapi.json lists every code with its parameters
// and meaning (components.x-problem-codes), and tests/core/problem_code_test.cpp checks that every
// code has an entry here and the console's table knows it.

#include <array>
#include <cstddef>
#include <cstdint>
#include <concepts>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kl {

enum class ProblemCode {
    // Field errors: what is wrong with one input field.
    required,              // no value, or an empty one
    length_out_of_range,   // text of the wrong length in characters
    exact_length,          // text that must have exactly `length` characters
    blank,                 // white space alone
    invalid_utf8,
    nul_character,
    control_character,
    invisible_character,
    out_of_range,          // a number outside min..max
    below_min,
    above_max,
    not_positive,
    not_integer,
    wrong_type,            // a JSON value of the wrong type
    not_a_date,
    before_other_field,    // a date or bound before the field it must follow
    not_one_of,            // a name outside the allowed list
    bad_format,            // a code, id or key not written as it must be
    unknown_reference,     // names a record that does not exist (or the caller may not see)
    duplicate,             // a unique value already held by another record
    repeated,              // the same value twice in one request
    outside_own_scope,     // names a county or organisation other than the caller's own
    wrong_kind,            // names an organisation of another kind than the field needs
    quota_exceeded,        // an amount more than what the account (a county's quota, a fund) holds
    accounts_closed,
    too_many,              // more items than allowed
    unknown_column,        // a spreadsheet column the sheet does not have
    missing_column,
    unknown_field,         // a JSON member the body does not take
    more_not_listed,       // a file's problems beyond those listed
    time_clash,            // the same person is booked elsewhere at that time (another event's overlapping slots)
    outside_event_dates,   // a date outside the event's first..last day
    invalid_value,         // a domain rule without a code of its own yet; the message says which
    // Refusals of the whole request (the problem's own `code`).
    invalid_request,       // the request has field errors (see `errors`)
    unauthenticated,
    permission_denied,
    not_found,
    already_exists,
    conflict,
    refused,               // a rule of the domain refuses the change; the detail says which
    limit_reached,
    unavailable,
    internal,
    idempotency_key_reused,  // the Idempotency-Key was used with another request
    wrong_state,             // the record's status does not allow this action
    invoice_missing,         // an order is paid only after its seller records the invoice number
    open_risk_flags,         // (keep last: problem_code_count) a payment waits while high-severity risk flags are open
};

// A code's wire name, the parameters it carries and what it means (for the OpenAPI document).
struct ProblemCodeInfo {
    ProblemCode code;
    std::string_view name;
    std::string_view params;
    std::string_view meaning;
};

// How many codes there are (the last enumerator's index + 1; a new code is added before it is sent).
inline constexpr size_t problem_code_count = static_cast<size_t>(ProblemCode::open_risk_flags) + 1;

const std::array<ProblemCodeInfo, problem_code_count>& problem_codes();
std::string_view to_string(ProblemCode code);

// One named parameter of a problem: a number (amounts in fen, counts, bounds) or a text (a county
// code, a name). A number stays a JSON number so that a client formats it (¥, 万) itself.
struct ProblemParam {
    std::string name;
    std::variant<int64_t, std::string> value;

    template <std::integral I>
    ProblemParam(std::string param_name, I number) : name(std::move(param_name)), value(static_cast<int64_t>(number)) {}
    ProblemParam(std::string param_name, std::string text) : name(std::move(param_name)), value(std::move(text)) {}
    ProblemParam(std::string param_name, std::string_view text) : name(std::move(param_name)), value(std::string(text)) {}
    ProblemParam(std::string param_name, const char* text) : name(std::move(param_name)), value(std::string(text)) {}
};
using ProblemParams = std::vector<ProblemParam>;

// The parameters as one JSON object ({"name": number or "text", …}, in the given order), for the
// records that store a code with its parameters (risk flags, daily-job runs).
std::string params_json_text(const ProblemParams& params);

}  // namespace kl

#pragma once
// The one error vocabulary used at every boundary (Abseil's canonical codes, trimmed to what we use).
// Expected failures travel as values inside Result<T>; bugs go through KL_ASSERT instead.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/problem_code.h"

namespace kl {

enum class ErrorCode {
    invalid_argument,     // the caller sent something malformed or out of range (HTTP 400/422)
    unauthenticated,      // no or bad credentials (401)
    permission_denied,    // authenticated but not allowed (403)
    not_found,            // (404)
    already_exists,       // unique constraint, duplicate natural key (409)
    conflict,             // state does not allow this, idempotency key reuse with another body (409)
    failed_precondition,  // a rule of the domain refuses the change (422)
    resource_exhausted,   // a limit was hit: queue, size, rate (429/503)
    unavailable,          // environment: database locked, read-only, down (503)
    internal,             // anything that should not happen but was handled (500)
};

std::string_view to_string(ErrorCode code);

// The problem code a refusal carries when its producer named none: the ErrorCode's own kind.
ProblemCode default_problem_code(ErrorCode code);

// One problem with one input field; `field` is a JSON-pointer-like path such as "lines/0/quantity_g".
// The constructor takes the code, so that no field error is built without one: a client renders
// `code` and `params` in its reader's language, and `message` (English) only for a code it does not know.
struct FieldError {
    FieldError(std::string field_path, ProblemCode problem_code, std::string english, ProblemParams named = {})
        : field(std::move(field_path)), code(problem_code), message(std::move(english)), params(std::move(named)) {}

    std::string field;
    ProblemCode code;
    std::string message;
    ProblemParams params;
};

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message;
    std::vector<FieldError> fields;
    // The refusal's stable code and parameters; unset means default_problem_code(code).
    std::optional<ProblemCode> problem = std::nullopt;
    ProblemParams params = {};

    // The summary names the field too, so a client that shows only `detail` still knows which one.
    static Error invalid(std::string field, ProblemCode problem_code, std::string message, ProblemParams params = {}) {
        Error error{ErrorCode::invalid_argument, field + ": " + message, {}};
        error.fields.emplace_back(std::move(field), problem_code, std::move(message), std::move(params));
        return error;
    }
    // A refusal (not tied to one field) with its code: `return fail(Error::refusal(...))`.
    static Error refusal(ErrorCode code, ProblemCode problem_code, std::string message, ProblemParams params = {}) {
        return Error{code, std::move(message), {}, problem_code, std::move(params)};
    }
    ProblemCode problem_code() const { return problem.value_or(default_problem_code(code)); }
};

inline Error make_error(ErrorCode code, std::string message) { return Error{code, std::move(message), {}}; }

}  // namespace kl

#pragma once
// The one error vocabulary used at every boundary (Abseil's canonical codes, trimmed to what we use).
// Expected failures travel as values inside Result<T>; bugs go through KL_ASSERT instead.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// One problem with one input field; `field` is a JSON-pointer-like path such as "lines/0/quantity_g".
struct FieldError {
    std::string field;
    std::string message;
};

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message;
    std::vector<FieldError> fields;

    // The summary names the field too, so a client that shows only `detail` still knows which one.
    static Error invalid(std::string field, std::string message) {
        Error error{ErrorCode::invalid_argument, field + ": " + message, {}};
        error.fields.push_back(FieldError{std::move(field), std::move(message)});
        return error;
    }
};

inline Error make_error(ErrorCode code, std::string message) { return Error{code, std::move(message), {}}; }

}  // namespace kl

#include "core/error.h"

#include <cstdio>
#include <cstdlib>

#include "core/assert.h"

namespace kl {

std::string_view to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_argument: return "invalid_argument";
        case ErrorCode::unauthenticated: return "unauthenticated";
        case ErrorCode::permission_denied: return "permission_denied";
        case ErrorCode::not_found: return "not_found";
        case ErrorCode::already_exists: return "already_exists";
        case ErrorCode::conflict: return "conflict";
        case ErrorCode::failed_precondition: return "failed_precondition";
        case ErrorCode::resource_exhausted: return "resource_exhausted";
        case ErrorCode::unavailable: return "unavailable";
        case ErrorCode::internal: return "internal";
    }
    return "internal";
}

ProblemCode default_problem_code(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_argument: return ProblemCode::invalid_request;
        case ErrorCode::unauthenticated: return ProblemCode::unauthenticated;
        case ErrorCode::permission_denied: return ProblemCode::permission_denied;
        case ErrorCode::not_found: return ProblemCode::not_found;
        case ErrorCode::already_exists: return ProblemCode::already_exists;
        case ErrorCode::conflict: return ProblemCode::conflict;
        case ErrorCode::failed_precondition: return ProblemCode::refused;
        case ErrorCode::resource_exhausted: return ProblemCode::limit_reached;
        case ErrorCode::unavailable: return ProblemCode::unavailable;
        case ErrorCode::internal: return ProblemCode::internal;
    }
    return ProblemCode::internal;
}

namespace detail {
void assert_failed(const char* expression, const char* file, int line, const char* function) {
    std::fprintf(stderr, "assertion failed: %s at %s:%d in %s\n", expression, file, line, function);
    std::fflush(stderr);
    std::abort();
}
}  // namespace detail

}  // namespace kl

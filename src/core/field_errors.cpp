#include "core/field_errors.h"

#include <cstdint>

namespace kl {

void FieldErrors::add(std::string field, ProblemCode code, std::string message, ProblemParams params) {
    errors_.emplace_back(std::move(field), code, std::move(message), std::move(params));
}

void FieldErrors::check_text(const std::string& field, std::string_view value, size_t chars_min, size_t chars_max,
                             TextKind kind) {
    if (auto problem = text_problem(value, chars_min, chars_max, kind)) add(field, problem->code, std::move(problem->message), std::move(problem->params));
}

void FieldErrors::take(const Result<void>& result) {
    if (!result) errors_.insert(errors_.end(), result.error().fields.begin(), result.error().fields.end());
}

bool FieldErrors::has(const std::string& field) const {
    for (const auto& error : errors_) {
        if (error.field == field) return true;
    }
    return false;
}

Result<void> FieldErrors::finish() const {
    if (errors_.empty()) return ok();
    Error error{ErrorCode::invalid_argument, {}, errors_};
    error.message = errors_.size() == 1 ? errors_[0].field + ": " + errors_[0].message
                                        : std::to_string(errors_.size()) + " fields are invalid";
    return fail(std::move(error));
}

}  // namespace kl

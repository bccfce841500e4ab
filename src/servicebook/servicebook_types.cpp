#include "servicebook/servicebook_types.h"

#include <array>

#include "core/field_errors.h"

namespace kl::servicebook {

namespace {

constexpr std::array<std::string_view, 4> status_names = {"open", "in_progress", "resolved", "closed"};
constexpr std::array<std::string_view, 4> stage_names = {"lead", "negotiating", "signed", "started"};

template <typename E, size_t N>
Result<E> parse_named(const std::array<std::string_view, N>& names, std::string_view text, const std::string& field) {
    for (size_t index = 0; index < N; ++index) {
        if (names[index] == text) return static_cast<E>(index);
    }
    std::string allowed;
    for (const auto name : names) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    return fail_field(field, "must be one of " + allowed);
}

}  // namespace

std::string_view to_string(RequestStatus status) { return status_names.at(static_cast<size_t>(status)); }
std::string_view to_string(Stage stage) { return stage_names.at(static_cast<size_t>(stage)); }
Result<RequestStatus> parse_request_status(std::string_view text, const std::string& field) {
    return parse_named<RequestStatus>(status_names, text, field);
}
Result<Stage> parse_stage(std::string_view text, const std::string& field) {
    return parse_named<Stage>(stage_names, text, field);
}

}  // namespace kl::servicebook

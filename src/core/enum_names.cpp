#include "core/enum_names.h"

namespace kl::enum_detail {

std::string joined(std::span<const std::string_view> names) {
    std::string out;
    for (const auto name : names) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    return out;
}

Unexpected unknown_name(const std::string& field, std::string_view text, std::string_view what,
                        std::span<const std::string_view> names) {
    if (what.empty()) return fail_field(field, ProblemCode::not_one_of, "must be one of " + joined(names));
    // Echo at most a short prefix: the text may be long or hostile.
    constexpr size_t echo_chars_max = 40;
    const std::string shown(text.substr(0, echo_chars_max));
    return fail_field(field, ProblemCode::not_one_of, "unknown " + std::string(what) + " '" + shown + "'; expected one of " + joined(names));
}

}  // namespace kl::enum_detail

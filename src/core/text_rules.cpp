#include "core/text_rules.h"

#include <fmt/format.h>

#include "core/unicode_text.h"

namespace kl {

namespace {

// "U+001B at character 3": which character, so that an invisible one can be found in the text.
std::string where(char32_t code_point, size_t position) {
    return fmt::format("U+{:04X} at character {}", static_cast<uint32_t>(code_point), position);
}

bool allowed_control(char32_t code_point, TextKind kind) {
    return kind == TextKind::prose && (code_point == U'\n' || code_point == U'\t');
}

// The first character `kind` refuses, as a message; NUL is refused for every kind (C strings and
// PostgreSQL's text cannot hold it).
std::optional<TextProblem> refused_character(std::string_view value, TextKind kind) {
    std::optional<TextProblem> problem;
    size_t position = 0;
    unicode::for_each_code_point(value, [&](char32_t code_point) {
        ++position;
        if (code_point == 0) {
            problem = TextProblem{ProblemCode::nul_character, "must not contain NUL characters", {}};
        } else if (kind != TextKind::secret && unicode::is_control(code_point) && !allowed_control(code_point, kind)) {
            problem = TextProblem{ProblemCode::control_character,
                                  "must not contain control characters (" + where(code_point, position) + ")" +
                                      (kind == TextKind::prose ? "; line feeds and tabs are allowed" : ""),
                                  {{"at", position}}};
        } else if (kind == TextKind::identifier && unicode::is_invisible(code_point)) {
            problem = TextProblem{ProblemCode::invisible_character,
                                  "must not contain invisible characters (" + where(code_point, position) + ")",
                                  {{"at", position}}};
        }
        return !problem;
    });
    return problem;
}

size_t code_points(std::string_view value) {
    size_t count = 0;
    unicode::for_each_code_point(value, [&](char32_t) {
        ++count;
        return true;
    });
    return count;
}

}  // namespace

bool is_blank_text(std::string_view value) {
    bool blank = true;
    unicode::for_each_code_point(value, [&](char32_t code_point) {
        blank = unicode::is_white_space(code_point) || unicode::is_invisible(code_point);
        return blank;
    });
    return blank;
}

std::optional<TextProblem> text_problem(std::string_view value, size_t chars_min, size_t chars_max, TextKind kind) {
    if (!unicode::is_valid_utf8(value)) return TextProblem{ProblemCode::invalid_utf8, "must be valid UTF-8", {}};
    if (auto refused = refused_character(value, kind)) return refused;
    const size_t chars = code_points(value);
    if (chars < chars_min || chars > chars_max) {
        if (chars == 0) return TextProblem{ProblemCode::required, "is required and must not be empty", {}};
        if (chars_min == chars_max) {
            return TextProblem{ProblemCode::exact_length, fmt::format("must be exactly {} characters long", chars_min),
                               {{"length", chars_min}}};
        }
        return TextProblem{ProblemCode::length_out_of_range,
                           fmt::format("must be between {} and {} characters long (it has {})", chars_min, chars_max, chars),
                           {{"min", chars_min}, {"max", chars_max}, {"got", chars}}};
    }
    if (chars_min >= 1 && kind != TextKind::secret && is_blank_text(value)) {
        return TextProblem{ProblemCode::blank, "must not be blank (white space alone is not a value)", {}};
    }
    return std::nullopt;
}

}  // namespace kl

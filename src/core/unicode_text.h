#pragma once
// UTF-8 checks and code-point walking (libunistring underneath): the one set of UTF-8 helpers, used by
// core's text rules and identifier keys, the HTTP layer and the importers. Modules checking a field's
// text use core/text_rules.h (through core/field_errors.h) rather than these directly.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kl::unicode {

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view text);
// Number of code points, or nullopt when `text` is not valid UTF-8.
std::optional<size_t> utf8_length(std::string_view text);
// Calls `each` with every code point of valid UTF-8 `text`, in order; stops when it returns false.
void for_each_code_point(std::string_view text, const std::function<bool(char32_t)>& each);
// Appends the UTF-8 form of `code_point` to `out`.
void append_utf8(std::string& out, char32_t code_point);

bool is_control(char32_t code_point);    // general category Cc
// Cf, and the other default-ignorable code points: drawn as nothing.
bool is_invisible(char32_t code_point);
bool is_white_space(char32_t code_point);  // Unicode's White_Space property
bool is_dash(char32_t code_point);         // Unicode's Dash property

}  // namespace kl::unicode

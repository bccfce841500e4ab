#pragma once
// Small text helpers of the HTTP layer: percent-decoding, header token checks (UTF-8 checks are
// core/unicode_text.h).

#include <optional>
#include <string>
#include <string_view>

namespace kl::http {

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, for query strings). nullopt when an
// escape is malformed or the result is not valid UTF-8 or contains NUL.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// Lower-case hex of `bytes`.
std::string to_hex(std::string_view bytes);

// True when every byte of `text` is visible ASCII (0x21–0x7E: no space, no control) and its length is in
// [length_min, length_max].
bool is_visible_ascii(std::string_view text, size_t length_min, size_t length_max);

}  // namespace kl::http

#pragma once
// Small text helpers of the HTTP layer: hex, header token checks (UTF-8 checks are
// core/unicode_text.h, percent-decoding core/percent_encoding.h).

#include <optional>
#include <string>
#include <string_view>

#include "core/percent_encoding.h"

namespace kl::http {

using kl::percent_decode;

// Lower-case hex of `bytes`.
std::string to_hex(std::string_view bytes);

// True when every byte of `text` is visible ASCII (0x21–0x7E: no space, no control) and its length is in
// [length_min, length_max].
bool is_visible_ascii(std::string_view text, size_t length_min, size_t length_max);

}  // namespace kl::http

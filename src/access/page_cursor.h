#pragma once
// Keyset pagination shared by the list calls of this module: pages are ordered by id (ids are
// time-ordered UUIDv7, so this is creation order) and a cursor is the last id of the previous page,
// hex-encoded so clients treat it as opaque and do not build their own.

#include <optional>
#include <string>

#include "core/result.h"

namespace kl::access {

inline constexpr int page_limit_min = 1;
inline constexpr int page_limit_max = 200;
inline constexpr int page_limit_default = 50;
// A cursor encodes one id; ids are at most 64 characters, so a longer cursor is not one of ours.
inline constexpr size_t cursor_chars_max = 128;

std::string encode_cursor(const std::string& last_id);
// invalid_argument naming `cursor` when the text is not a cursor we made.
Result<std::string> decode_cursor(const std::string& cursor);
// invalid_argument naming `limit` outside page_limit_min..page_limit_max.
Result<void> check_page_limit(int limit);
// Decodes an optional cursor; nullopt in, nullopt out.
Result<std::optional<std::string>> decode_optional_cursor(const std::optional<std::string>& cursor);

}  // namespace kl::access

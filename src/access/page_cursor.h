#pragma once
// Keyset paging moved to store/page.h (issue 13); these names stay for the route files until the
// route kit reads paging only through http/query.h.

#include "store/page.h"

namespace kl::access {

using store::check_page_limit;
using store::cursor_chars_max;
using store::decode_cursor;
using store::decode_optional_cursor;
using store::encode_cursor;
using store::page_limit_default;
using store::page_limit_max;
using store::page_limit_min;

}  // namespace kl::access

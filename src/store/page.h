#pragma once
// Keyset pagination, the one way every list call pages: rows are ordered by id (ids are time-ordered
// UUIDv7, so this is creation order), a page reads one row more than it returns to learn whether
// another page follows, and a cursor is the last id of the previous page, hex-encoded so clients
// treat it as opaque and do not build their own.
//
//     KL_TRY_ASSIGN(std::optional<std::string> after, start_page(limit, cursor));
//     SqlQuery query;                         // store/sql.h
//     query.where("x.org_id", org_id);
//     KL_TRY_ASSIGN(auto rows, tx.query(select + query.page("x.id", after, limit), query.params()));
//     … map rows to items …
//     page.next_cursor = finish_page(items, limit, [](const Item& item) { return item.id; });

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace kl::store {

// The order a list pages in: creation order (ids are UUIDv7), oldest or newest first. The cursor is
// the last id of the previous page either way; newest first continues below it, oldest first above.
enum class PageOrder { oldest_first, newest_first };

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
// The first step of every paged list call: check_page_limit(limit), then the id the page continues
// after (decode_optional_cursor; nullopt: the first page). The repo then reads page_rows_to_fetch(limit)
// rows after it and finish_page cuts them.
Result<std::optional<std::string>> start_page(int limit, const std::optional<std::string>& cursor);

// The rows to fetch for a page of `limit`: one more, to learn whether another page follows.
constexpr int page_rows_to_fetch(int limit) { return limit + 1; }

// Cuts `items` (fetched with page_rows_to_fetch) to `limit` and returns the cursor of the next page,
// made from the last item kept; nullopt on the last page.
template <typename T, typename IdOf>
std::optional<std::string> finish_page(std::vector<T>& items, int64_t limit, IdOf id_of) {
    if (items.size() <= static_cast<size_t>(limit)) return std::nullopt;
    items.resize(static_cast<size_t>(limit));
    return encode_cursor(std::string(id_of(items.back())));
}

}  // namespace kl::store

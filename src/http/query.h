#pragma once
// Reading list requests the same way on every route: the page size and cursor, and query filters
// where an empty value means "no filter" and a bad value is a 400 naming the parameter.
//
//   auto limit = read_limit(request);                 // Result<int>; the service checks the range
//   QueryReader query(request);
//   filter.county = query.text("county");
//   filter.on = query.parsed("on", kl::parse_date);
//   if (auto done = query.finish(); !done) return error_response(done.error());
//   return json_response(200, page_json(page->items, page->next_cursor, item_json));

// Route files encode JSON anyway, so the full header costs them nothing extra.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "http/router.h"

namespace kl::http {

// Query texts longer than this cannot be an id, a code or a search any service accepts.
inline constexpr size_t query_text_chars_max = 400;

// Documentation of query parameters: name, description (RouteDoc::query_params).
using QueryDocs = std::vector<std::pair<std::string, std::string>>;

// `limit` and `cursor`, as every paginated list documents them.
const QueryDocs& page_query_docs();
// `params` followed by the paging parameters.
QueryDocs with_page(QueryDocs params);

// One unknown_field error for each parameter of the request that `documented` (its route's QueryDocs)
// does not name, listing the known ones: the pipeline refuses such a request before its handler runs.
std::vector<FieldError> unknown_query_params(const Request& request, const QueryDocs& documented);

// The `limit` query parameter (absent: the default page size). Only its form is checked here;
// its range is the service's to check, so the message is the same everywhere.
Result<int> read_limit(const Request& request);
// read_limit, and its range checked here: for the lists whose service takes any size it is given.
Result<int> read_limit_in_range(const Request& request);
// The `cursor` query parameter; "cursor=" means the first page.
std::optional<std::string> read_cursor(const Request& request);

// Collects every bad filter of one request, so the answer names them all.
class QueryReader {
public:
    explicit QueryReader(const Request& request) : request_(request) {}

    std::optional<std::string> text(const std::string& name);

    // `parse(text, name)` returns a Result; its error's first field (or its message) is recorded.
    template <typename Parse>
    auto parsed(const std::string& name, Parse parse) -> std::optional<typename decltype(parse("", ""))::value_type> {
        auto value = text(name);
        if (!value) return std::nullopt;
        auto result = parse(*value, name);
        if (!result) {
            record(name, result.error());
            return std::nullopt;
        }
        return *result;
    }

    // An integer within [min, max] (the message names the range).
    std::optional<int64_t> integer(const std::string& name, int64_t min, int64_t max);
    // `limit` as read_limit reads it (absent: the default; its range is the service's) and `cursor`,
    // recorded with the other parameters.
    int limit();
    std::optional<std::string> cursor() { return read_cursor(request_); }

    // ok() or one invalid_argument error listing every bad parameter.
    Result<void> finish() const;

private:
    void record(const std::string& name, const Error& error);

    const Request& request_;
    std::vector<FieldError> errors_;
};

// {"items": [...]} with each item encoded by `encode`: a whole list, not paged.
template <typename Item, typename Encode>
nlohmann::json items_json(const std::vector<Item>& items, Encode encode) {
    nlohmann::json out = {{"items", nlohmann::json::array()}};
    for (const auto& item : items) out["items"].push_back(encode(item));
    return out;
}

// {"items": [...], "next_cursor": ...} with each item encoded by `encode`.
template <typename Item, typename Encode>
nlohmann::json page_json(const std::vector<Item>& items, const std::optional<std::string>& next_cursor,
                         Encode encode) {
    nlohmann::json out = items_json(items, encode);
    out["next_cursor"] = next_cursor ? nlohmann::json(*next_cursor) : nlohmann::json(nullptr);
    return out;
}

}  // namespace kl::http

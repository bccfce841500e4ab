#pragma once
// The one SQL builder of the repos: parameters bound as numbered placeholders ($1, $2…, which both
// back ends take), WHERE conditions appended with their parameters, a keyset page's tail, `IN (…)`
// lists by ids and multi-row VALUES. Only SQL text and parameters: it runs nothing but
// query_by_ids/insert_rows, which run chunks of one statement each through a caller's Tx.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/page.h"
#include "store/store.h"

namespace kl::store {

class SqlQuery {
public:
    // Binds `value` as the next parameter and returns its placeholder ("$n").
    std::string bind(Value value);
    // "$a, $b, …" for `values`, each bound.
    std::string bind_list(const std::vector<std::string>& values);

    // Appends " AND <column> <op> $n" with `value` bound to the conditions (condition() starts
    // "1 = 1", so it is always a valid WHERE).
    SqlQuery& where(std::string_view column, Value value, std::string_view op = "=");
    // Appends " AND <condition>" (its parameters bound by the caller through bind()).
    SqlQuery& where_text(std::string_view condition);
    // The conditions, then " ORDER BY <id_column> LIMIT $n" for a keyset page of `limit` rows after
    // `after` (store/page.h: one row more is fetched; finish_page cuts it).
    std::string page(std::string_view id_column, const std::optional<std::string>& after, int64_t limit);
    // The same page in either creation order: newest first continues below `after`, ordered by
    // `id_column` descending.
    std::string page(std::string_view id_column, const std::optional<std::string>& after, int64_t limit, PageOrder order);

    const std::string& condition() const { return where_; }
    const Params& params() const { return params_; }
    Params& params() { return params_; }

private:
    std::string where_ = "1 = 1";
    Params params_;
};

// "$first, $first+1, …" for `count` parameters.
std::string placeholders(size_t first, size_t count);
// "(…), (…)" for `rows` rows of `columns` parameters each (numbered from $1), each row followed by
// `row_tail` (constant SQL, e.g. ", 'proposed'").
std::string values_rows(size_t rows, size_t columns, std::string_view row_tail = {});

// Runs `select` + " IN ($k, …)" + `rest` for each chunk of at most `ids_per_query` of `ids`, after
// the `leading` parameters ($1…$k-1), and hands every row to `each`.
Result<void> query_by_ids(Tx& tx, const std::string& select, const std::string& rest, const Params& leading,
                          const std::vector<std::string>& ids, size_t ids_per_query,
                          const std::function<Result<void>(const Row&)>& each);

// Inserts `count` rows, `rows_per_insert` per statement: `head` is "INSERT INTO t (…) VALUES " and
// `add(i, params)` appends row i's `columns` values. Full statements share one SQL text (built once,
// and prepared once by the store's statement cache); only the last one may be shorter.
Result<void> insert_rows(Tx& tx, const std::string& head, size_t columns, std::string_view row_tail, size_t count,
                         size_t rows_per_insert, const std::function<void(size_t, Params&)>& add);

// A pattern for `LOWER(column) LIKE pattern ESCAPE '\'` that finds `needle` anywhere in the text:
// ASCII letters lower-cased (both backends lower-case ASCII alike), and %, _ and \ escaped so they
// match themselves.
std::string contains_pattern(std::string_view needle);

// The condition "column contains the pattern bound as `placeholder`", for the two backends alike.
inline std::string like_condition(const std::string& column, const std::string& placeholder) {
    return "LOWER(" + column + ") LIKE " + placeholder + " ESCAPE '\\'";
}

inline Value optional_text(const std::optional<std::string>& text) { return text ? Value(*text) : null(); }
inline Value optional_int(const std::optional<int64_t>& value) { return value ? Value(*value) : null(); }

}  // namespace kl::store

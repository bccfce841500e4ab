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
#include <type_traits>
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
    // `after` (store/page.h: one row more is fetched; finish_page cuts it); newest first orders by id
    // descending and continues below `after`.
    std::string page(std::string_view id_column, const std::optional<std::string>& after, int64_t limit,
                     PageOrder order = PageOrder::oldest_first);

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

// Serialises writers of one kind across processes until the transaction ends: on PostgreSQL the
// advisory lock `key`; on SQLite nothing, its one writer connection already orders them.
inline Result<void> lock_until_commit(Tx& tx, Backend backend, int64_t key) {
    if (backend != Backend::postgres) return ok();
    KL_TRY(tx.query("SELECT pg_advisory_xact_lock($1)", {key}));
    return ok();
}

// Parameters per statement: SQLite allows 32,766 and PostgreSQL 65,535; stay well below both.
inline constexpr size_t params_per_statement_max = 6000;

// Runs `head` VALUES (…), (…) `tail` for `rows` (each `columns` values), as many rows per statement as
// params_per_statement_max allows. `head` is "INSERT INTO t (…)"; `tail` may be an ON CONFLICT clause.
Result<void> insert_param_rows(Tx& tx, std::string_view head, std::string_view tail, size_t columns,
                               const std::vector<Params>& rows);

// A pattern for `LOWER(column) LIKE pattern ESCAPE '\'` that finds `needle` anywhere in the text:
// ASCII letters lower-cased (both backends lower-case ASCII alike), and %, _ and \ escaped so they
// match themselves.
std::string contains_pattern(std::string_view needle);

// The condition "column contains the pattern bound as `placeholder`", for the two backends alike.
inline std::string like_condition(const std::string& column, const std::string& placeholder) {
    return "LOWER(" + column + ") LIKE " + placeholder + " ESCAPE '\\'";
}

// Runs `sql` and maps every row with `from_row` (a row → record reader of the repo).
template <typename FromRow>
auto query_as(Tx& tx, std::string_view sql, const Params& params, FromRow from_row)
    -> Result<std::vector<std::invoke_result_t<FromRow&, const Row&>>> {
    KL_TRY_ASSIGN(Rows rows, tx.query(sql, params));
    std::vector<std::invoke_result_t<FromRow&, const Row&>> out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.push_back(from_row(row));
    return out;
}

// The first row `sql` returns mapped with `from_row`; nullopt when it returns none.
template <typename FromRow>
auto query_first(Tx& tx, std::string_view sql, const Params& params, FromRow from_row)
    -> Result<std::optional<std::invoke_result_t<FromRow&, const Row&>>> {
    using Record = std::invoke_result_t<FromRow&, const Row&>;
    KL_TRY_ASSIGN(Rows rows, tx.query(sql, params));
    if (rows.empty()) return std::optional<Record>{};
    return std::optional<Record>{from_row(rows[0])};
}

// The first column of the first row `sql` returns, as text; nullopt when it returns none (the repos'
// "which id has …" look-ups).
inline Result<std::optional<std::string>> query_first_text(Tx& tx, std::string_view sql, const Params& params = {}) {
    KL_TRY_ASSIGN(Rows rows, tx.query(sql, params));
    if (rows.empty()) return std::optional<std::string>{};
    return std::optional<std::string>{rows[0].text(0)};
}

// Whether `sql` returns any row: the one "does a row exist" of the repos ("SELECT 1 FROM t WHERE …").
inline Result<bool> row_exists(Tx& tx, std::string_view sql, const Params& params = {}) {
    KL_TRY_ASSIGN(Rows rows, tx.query(sql, params));
    return !rows.empty();
}

// Runs one statement whose count of changed rows the caller does not need.
inline Result<void> exec(Tx& tx, std::string_view sql, const Params& params = {}) {
    KL_TRY(tx.execute(sql, params));
    return ok();
}

inline Value optional_text(const std::optional<std::string>& text) { return text ? Value(*text) : null(); }
inline Value optional_int(const std::optional<int64_t>& value) { return value ? Value(*value) : null(); }

}  // namespace kl::store

#include "store/sql.h"

#include <algorithm>

namespace kl::store {

std::string SqlQuery::bind(Value value) {
    params_.push_back(std::move(value));
    return "$" + std::to_string(params_.size());
}

std::string SqlQuery::bind_list(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& value : values) {
        if (!out.empty()) out += ", ";
        out += bind(value);
    }
    return out;
}

SqlQuery& SqlQuery::where(std::string_view column, Value value, std::string_view op) {
    const std::string placeholder = bind(std::move(value));
    where_ += " AND ";
    where_ += column;
    where_ += ' ';
    where_ += op;
    where_ += ' ';
    where_ += placeholder;
    return *this;
}

SqlQuery& SqlQuery::where_text(std::string_view condition) {
    where_ += " AND ";
    where_ += condition;
    return *this;
}

std::string SqlQuery::page(std::string_view id_column, const std::optional<std::string>& after, int64_t limit) {
    if (after) where(id_column, *after, ">");
    return where_ + " ORDER BY " + std::string(id_column) + " LIMIT " + bind(limit + 1);
}

std::string SqlQuery::page(std::string_view id_column, const std::optional<std::string>& after, int64_t limit,
                           PageOrder order) {
    if (order == PageOrder::oldest_first) return page(id_column, after, limit);
    if (after) where(id_column, *after, "<");
    return where_ + " ORDER BY " + std::string(id_column) + " DESC LIMIT " + bind(limit + 1);
}

std::string placeholders(size_t first, size_t count) {
    std::string out;
    for (size_t i = 0; i < count; ++i) out += (i == 0 ? "$" : ", $") + std::to_string(first + i);
    return out;
}

std::string values_rows(size_t rows, size_t columns, std::string_view row_tail) {
    std::string sql;
    sql.reserve(rows * columns * 6);
    for (size_t row = 0; row < rows; ++row) {
        sql += row == 0 ? "(" : ", (";
        sql += placeholders(row * columns + 1, columns);
        sql += row_tail;
        sql += ")";
    }
    return sql;
}

Result<void> query_by_ids(Tx& tx, const std::string& select, const std::string& rest, const Params& leading,
                          const std::vector<std::string>& ids, size_t ids_per_query,
                          const std::function<Result<void>(const Row&)>& each) {
    KL_ASSERT(ids_per_query > 0);
    for (size_t start = 0; start < ids.size(); start += ids_per_query) {
        const size_t end = std::min(ids.size(), start + ids_per_query);
        Params params = leading;
        params.insert(params.end(), ids.begin() + static_cast<std::ptrdiff_t>(start),
                      ids.begin() + static_cast<std::ptrdiff_t>(end));
        const std::string in = placeholders(leading.size() + 1, end - start);
        KL_TRY_ASSIGN(Rows rows, tx.query(select + " IN (" + in + ")" + rest, params));
        for (const auto& row : rows) KL_TRY(each(row));
    }
    return ok();
}

Result<void> insert_rows(Tx& tx, const std::string& head, size_t columns, std::string_view row_tail, size_t count,
                         size_t rows_per_insert, const std::function<void(size_t, Params&)>& add) {
    KL_ASSERT(rows_per_insert > 0);
    const std::string full = head + values_rows(std::min(count, rows_per_insert), columns, row_tail);
    Params params;
    for (size_t start = 0; start < count; start += rows_per_insert) {
        const size_t end = std::min(count, start + rows_per_insert);
        params.clear();
        params.reserve((end - start) * columns);
        for (size_t i = start; i < end; ++i) add(i, params);
        const bool whole = end - start == std::min(count, rows_per_insert);
        KL_TRY(tx.execute(whole ? full : head + values_rows(end - start, columns, row_tail), params));
    }
    return ok();
}

std::string contains_pattern(std::string_view needle) {
    std::string out = "%";
    for (const char c : needle) {
        if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    out.push_back('%');
    return out;
}

}  // namespace kl::store

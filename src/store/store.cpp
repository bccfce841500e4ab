#include "store/store.h"

#include <string>

#include "core/assert.h"

namespace kl::store {

namespace {

// A getter asked for a type the row does not hold: the SQL and the code disagree, which is a bug.
[[noreturn]] void type_mismatch(std::string_view column, std::string_view wanted, const Value& value) {
    const std::string message = "column '" + std::string(column) + "' holds " +
                                std::string(type_name(value)) + ", not " + std::string(wanted);
    ::kl::detail::assert_failed(message.c_str(), __FILE__, __LINE__, "kl::store::Row getter");
}

std::string column_label(size_t index) { return "#" + std::to_string(index); }

int64_t as_i64(const Value& value, std::string_view column) {
    if (const auto* number = std::get_if<int64_t>(&value)) return *number;
    type_mismatch(column, "int64", value);
}

std::string as_text(const Value& value, std::string_view column) {
    if (const auto* text = std::get_if<std::string>(&value)) return *text;
    type_mismatch(column, "text", value);
}

}  // namespace

const Value& Row::at(size_t index) const {
    KL_ASSERT(index < cells_.size());
    return cells_[index];
}

const Value& Row::at(std::string_view column) const {
    KL_ASSERT(columns_ != nullptr);
    for (size_t index = 0; index < columns_->size(); ++index) {
        if ((*columns_)[index] == column) return cells_[index];
    }
    const std::string message = "no column '" + std::string(column) + "' in the result";
    ::kl::detail::assert_failed(message.c_str(), __FILE__, __LINE__, __func__);
}

// PostgreSQL's int2, int4, int8 and bool columns all arrive here as int64 (see pg_store.cpp), so
// accepting int64 is accepting every integer type of both backends.
int64_t Row::i64(size_t index) const { return as_i64(at(index), column_label(index)); }
int64_t Row::i64(std::string_view column) const { return as_i64(at(column), column); }

std::string Row::text(size_t index) const { return as_text(at(index), column_label(index)); }
std::string Row::text(std::string_view column) const { return as_text(at(column), column); }

std::string_view Row::text_view(size_t index) const {
    const Value& value = at(index);
    if (const auto* text = std::get_if<std::string>(&value)) return *text;
    type_mismatch(column_label(index), "text", value);
}

std::optional<int64_t> Row::opt_i64(std::string_view column) const {
    const Value& value = at(column);
    if (std::holds_alternative<std::monostate>(value)) return std::nullopt;
    return as_i64(value, column);
}

std::optional<std::string> Row::opt_text(std::string_view column) const {
    const Value& value = at(column);
    if (std::holds_alternative<std::monostate>(value)) return std::nullopt;
    return as_text(value, column);
}

// A whole number is a valid double: SQLite returns INTEGER for a REAL column's integral result of
// some expressions, and PostgreSQL's numeric arrives as int64 when it has no fraction.
double Row::f64(std::string_view column) const {
    const Value& value = at(column);
    if (const auto* real = std::get_if<double>(&value)) return *real;
    if (const auto* number = std::get_if<int64_t>(&value)) return static_cast<double>(*number);
    type_mismatch(column, "double", value);
}

std::string_view type_name(const Value& value) {
    switch (value.index()) {
        case 0: return "null";
        case 1: return "int64";
        case 2: return "double";
        case 3: return "text";
        case 4: return "blob";
    }
    KL_ASSERT(false);
    return "unknown";
}

Result<void> check_reachable(Store& store) {
    return store.read([](Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(Rows rows, tx.query("SELECT 1"));
        if (rows.size() != 1) return fail(ErrorCode::unavailable, "database check returned no row");
        return ok();
    });
}

}  // namespace kl::store

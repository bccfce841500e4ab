#pragma once
// Reading and writing the cells of an import or export row. Every problem is collected as a
// FieldError named "row <n>/<column>" (n counts records as a spreadsheet numbers its rows: the header
// is row 1, the first data row is row 2), so a file with many bad cells is reported whole.
//
// Cell notations shared by every sheet (products, organisations, offers, demands, online sales):
//   integers        digits with an optional leading '-', surrounding spaces ignored ("1250")
//   tenths          a decimal with at most one digit after the point ("-18.0", "4", "2.5"); written
//                   with exactly one ("4.0")
//   lists           items separated by ';' ("wholesale; ecommerce"); items are trimmed; a ';' or '\'
//                   inside an item is written "\;" or "\\"
//   free text       names, addresses: exactly as typed, except that an exported value a spreadsheet
//                   would run as a formula carries a leading apostrophe (csv.h: protect_text)

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "sheets/csv.h"

namespace kl::sheets {

std::string cell_field(size_t row, std::string_view column);

// Column name → position in the header.
using ColumnIndex = std::map<std::string, size_t, std::less<>>;

class RowReader {
public:
    RowReader(const ColumnIndex& columns, const CsvRecord& record, size_t row, std::vector<FieldError>& errors)
        : columns_(columns), record_(record), row_(row), errors_(errors) {}

    size_t row() const { return row_; }
    void add(std::string_view column, std::string message);
    // The cell as written ("" when the column is absent or the record shorter than the header).
    std::string raw(std::string_view column) const;
    bool empty(std::string_view column) const;
    // Free text (apostrophe protection undone).
    std::string text(std::string_view column) const { return unprotect_text(raw(column)); }
    // The trimmed cell; an error when `required` and it is empty.
    std::optional<std::string> token(std::string_view column, bool required);
    std::optional<int64_t> integer(std::string_view column, bool required);
    std::optional<int64_t> tenths(std::string_view column, bool required);
    std::vector<std::string> list(std::string_view column) const;
    // False, with the problem added, when the record has more cells than the header has columns (the
    // usual cause: an unquoted comma in a cell); nothing else of such a row is read.
    bool fits_header();

    // A value parsed by a module's parse function (Result<T> parse(text, field)); its message is kept.
    template <typename Parse>
    auto parsed(std::string_view column, bool required, Parse parse)
        -> std::optional<typename decltype(parse("", ""))::value_type> {
        auto value = token(column, required);
        if (!value) return std::nullopt;
        auto result = parse(*value, std::string(column));
        if (!result) {
            add(column, result.error().fields.empty() ? result.error().message : result.error().fields[0].message);
            return std::nullopt;
        }
        return std::move(result).value();
    }

private:
    using NumberParser = std::optional<int64_t> (*)(std::string_view);
    // The trimmed cell parsed by `parse`; when it does not parse, "must be <expected>, not "<cell>"".
    std::optional<int64_t> number(std::string_view column, bool required, NumberParser parse, std::string_view expected);

    const ColumnIndex& columns_;
    const CsvRecord& record_;
    size_t row_;
    std::vector<FieldError>& errors_;
};

// The header of a sheet whose columns are `known`, in any order. An unknown or empty cell ("header/
// column <n>"), a column named twice and a `required` column that is missing are each added to
// `errors` as "header/<column>"; `sheet` names the sheet in the unknown column's message ("the
// online sales sheet"). nullopt when there was any problem.
std::optional<ColumnIndex> read_header(const CsvRecord& header, const std::vector<std::string>& known,
                                       const std::vector<std::string>& required, std::string_view sheet,
                                       std::vector<FieldError>& errors);

// One decoded data row of a sheet and its row number (the header is row 1).
template <typename T>
struct SheetRow {
    size_t row = 0;
    T value;
};

// Decodes the data rows of `records` (records[0] is the header) with `decode(record, row)`, which
// reports its own problems and returns nullopt for a row it cannot read, keeping the first row of
// each `key_of(value)`: a later row with a key already seen is handed to
// `repeated(value, row, first_row)` to report, and dropped. The importers' one row loop.
template <typename Decode, typename KeyOf, typename Repeated>
auto decode_unique_rows(const std::vector<CsvRecord>& records, Decode decode, KeyOf key_of, Repeated repeated) {
    using Value = typename std::invoke_result_t<Decode&, const CsvRecord&, size_t>::value_type;
    using Key = std::invoke_result_t<KeyOf&, const Value&>;
    std::vector<SheetRow<Value>> rows;
    std::map<Key, size_t> first_row;
    for (size_t i = 1; i < records.size(); ++i) {
        const size_t row = i + 1;
        auto value = decode(records[i], row);
        if (!value) continue;
        auto [at, inserted] = first_row.emplace(key_of(*value), row);
        if (!inserted) {
            repeated(*value, row, at->second);
            continue;
        }
        rows.push_back(SheetRow<Value>{row, std::move(*value)});
    }
    return rows;
}

std::optional<int64_t> parse_integer(std::string_view text);
std::optional<int64_t> parse_tenths(std::string_view text);
std::string format_tenths(int64_t tenths);
std::string join_list(const std::vector<std::string>& items);
std::vector<std::string> split_list(std::string_view text);
std::string trim(std::string_view text);

}  // namespace kl::sheets

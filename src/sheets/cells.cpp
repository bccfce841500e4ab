#include "sheets/cells.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "sheets/readable.h"

namespace kl::sheets {

namespace {

// A cell holding a number longer than this is not one of our integers (prices stop at 11 digits).
constexpr size_t integer_chars_max = 19;

}  // namespace

std::string cell_field(size_t row, std::string_view column) {
    std::string field = "row " + std::to_string(row);
    if (!column.empty()) field += "/" + std::string(column);
    return field;
}

std::string trim(std::string_view text) {
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const size_t last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

std::optional<int64_t> parse_integer(std::string_view text) {
    const std::string clean = trim(text);
    if (clean.empty() || clean.size() > integer_chars_max) return std::nullopt;
    int64_t value = 0;
    const char* end = clean.data() + clean.size();
    auto [stop, error] = std::from_chars(clean.data(), end, value);
    if (error != std::errc() || stop != end) return std::nullopt;
    return value;
}

std::optional<int64_t> parse_tenths(std::string_view text) {
    const std::string clean = trim(text);
    const size_t point = clean.find('.');
    if (point == std::string::npos) {
        auto whole = parse_integer(clean);
        if (!whole || *whole > std::numeric_limits<int64_t>::max() / 10 ||
            *whole < std::numeric_limits<int64_t>::min() / 10) {
            return std::nullopt;
        }
        return *whole * 10;
    }
    const std::string fraction = clean.substr(point + 1);
    if (fraction.size() != 1 || fraction[0] < '0' || fraction[0] > '9') return std::nullopt;
    const std::string whole_text = clean.substr(0, point);
    const bool negative = whole_text.starts_with('-');
    auto whole = parse_integer(negative ? whole_text.substr(1) : whole_text);
    if (!whole || *whole < 0 || *whole > std::numeric_limits<int64_t>::max() / 10 - 10) return std::nullopt;
    const int64_t magnitude = *whole * 10 + (fraction[0] - '0');
    return negative ? -magnitude : magnitude;
}

std::string format_tenths(int64_t tenths) {
    const bool negative = tenths < 0;
    const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(tenths) : static_cast<uint64_t>(tenths);
    return (negative ? "-" : "") + std::to_string(magnitude / 10) + "." + std::to_string(magnitude % 10);
}

std::string join_list(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += "; ";
        for (const char c : items[i]) {
            if (c == ';' || c == '\\') out.push_back('\\');
            out.push_back(c);
        }
    }
    return out;
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    std::string current;
    bool escaped = false;
    for (const char c : text) {
        if (escaped) {
            current.push_back(c);
            escaped = false;
        } else if (c == '\\') {
            escaped = true;
        } else if (c == ';') {
            items.push_back(trim(current));
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    if (escaped) current.push_back('\\');
    items.push_back(trim(current));
    // "a; b;" and an empty cell leave empty items: they are not items.
    std::vector<std::string> out;
    for (auto& item : items) {
        if (!item.empty()) out.push_back(std::move(item));
    }
    return out;
}

std::optional<ColumnIndex> read_header(const CsvRecord& header, const std::vector<std::string>& known,
                                       const std::vector<std::string>& required, std::string_view sheet,
                                       std::vector<FieldError>& errors) {
    ColumnIndex columns;
    const size_t before = errors.size();
    for (size_t i = 0; i < header.size(); ++i) {
        const std::string name = trim(header[i]);
        // An export's yuan / kg / name twin of a known column is accepted; no importer reads it.
        if (std::find(known.begin(), known.end(), name) == known.end() && !is_readable_twin(name, known)) {
            errors.push_back(FieldError{"header/" + (name.empty() ? "column " + std::to_string(i + 1) : name), ProblemCode::unknown_column,
                                        "is not a column of " + std::string(sheet)});
        } else if (!columns.emplace(name, i).second) {
            errors.push_back(FieldError{"header/" + name, ProblemCode::repeated, "appears twice"});
        }
    }
    for (const auto& name : required) {
        if (!columns.contains(name)) errors.push_back(FieldError{"header/" + name, ProblemCode::missing_column, "is missing"});
    }
    if (errors.size() != before) return std::nullopt;
    return columns;
}

void RowReader::add(std::string_view column, std::string message) {
    errors_.push_back(FieldError{cell_field(row_, column), ProblemCode::invalid_value, std::move(message)});
}

std::string RowReader::raw(std::string_view column) const {
    auto found = columns_.find(column);
    if (found == columns_.end() || found->second >= record_.size()) return {};
    return record_[found->second];
}

bool RowReader::empty(std::string_view column) const { return trim(raw(column)).empty(); }

std::optional<std::string> RowReader::token(std::string_view column, bool required) {
    std::string value = trim(raw(column));
    if (value.empty()) {
        if (required) add(column, "is required");
        return std::nullopt;
    }
    return value;
}

std::optional<int64_t> RowReader::number(std::string_view column, bool required, NumberParser parse,
                                         std::string_view expected) {
    auto value = token(column, required);
    if (!value) return std::nullopt;
    auto number = parse(*value);
    // A whole number gets its own code (the console says 须为整数 from it); other shapes say theirs in words.
    const ProblemCode code = parse == parse_integer ? ProblemCode::not_integer : ProblemCode::bad_format;
    if (!number) errors_.push_back(FieldError{cell_field(row_, column), code, "must be " + std::string(expected) + ", not \"" + *value + "\""});
    return number;
}

std::optional<int64_t> RowReader::integer(std::string_view column, bool required) {
    return number(column, required, parse_integer, "a whole number (digits only, like 1250)");
}

std::optional<int64_t> RowReader::tenths(std::string_view column, bool required) {
    return number(column, required, parse_tenths, "a number with at most one decimal, like -18.0 or 4.5");
}

std::vector<std::string> RowReader::list(std::string_view column) const { return split_list(raw(column)); }

bool RowReader::fits_header() {
    if (record_.size() <= columns_.size()) return true;
    add("", "has " + std::to_string(record_.size()) + " cells; the header has " + std::to_string(columns_.size()) +
                " columns (an unquoted comma in a cell?)");
    return false;
}

}  // namespace kl::sheets

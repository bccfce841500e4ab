#include "sheets/readable.h"

#include <charconv>
#include <cstdint>
#include <optional>

namespace kl::sheets {

namespace {

// "<digits>.<decimals>" of |value| / 10^decimals with the sign in front; unsigned, so that the
// smallest int64 has a magnitude too.
std::string scaled_text(int64_t value, int decimals) {
    uint64_t magnitude = value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    std::string fraction = std::to_string(magnitude % scale);
    fraction.insert(0, static_cast<size_t>(decimals) - fraction.size(), '0');
    return (value < 0 ? "-" : "") + std::to_string(magnitude / scale) + "." + fraction;
}

std::optional<int64_t> integer_of(const std::string& cell) {
    int64_t value = 0;
    const char* end = cell.data() + cell.size();
    auto [stop, error] = std::from_chars(cell.data(), end, value);
    if (cell.empty() || error != std::errc() || stop != end) return std::nullopt;
    return value;
}

// One unit rule: a machine column named <stem><machine>[<rest>] reads as <stem><readable>[<rest>].
struct UnitRule {
    std::string_view machine;   // "_fen"
    std::string_view readable;  // "_yuan"
    bool anywhere;              // also in the middle, before another "_…" ("price_fen_per_kg")
    std::string (*text)(int64_t);
};

const UnitRule unit_rules[] = {
    {"_fen", "_yuan", true, yuan_text},
    {"_g", "_kg", false, kg_text},
    {"_bp", "_pct", false, pct_text},
};

// The readable name of a unit column under `rule`, or nullopt when the rule does not name it.
std::optional<std::string> unit_twin_name(std::string_view column, const UnitRule& rule) {
    if (column.size() > rule.machine.size() && column.ends_with(rule.machine)) {
        return std::string(column.substr(0, column.size() - rule.machine.size())) + std::string(rule.readable);
    }
    if (!rule.anywhere) return std::nullopt;
    const std::string infix = std::string(rule.machine) + "_";
    const size_t at = column.find(infix);
    if (at == std::string_view::npos || at == 0) return std::nullopt;
    return std::string(column.substr(0, at)) + std::string(rule.readable) + std::string(column.substr(at + rule.machine.size()));
}

struct Twin {
    std::string name;
    bool numeric;
    size_t source;  // the machine column it is read from
    std::string (*unit_text)(int64_t) = nullptr;
    const std::map<std::string, LocalName, std::less<>>* names = nullptr;
    bool english = false;
};

bool has_column(const Table& table, const std::vector<Twin>& twins, const std::string& name) {
    for (const auto& column : table.columns) {
        if (column.name == name) return true;
    }
    for (const auto& twin : twins) {
        if (twin.name == name) return true;
    }
    return false;
}

std::string twin_cell(const Twin& twin, const std::string& cell) {
    if (twin.unit_text) {
        const auto value = integer_of(cell);
        return value ? twin.unit_text(*value) : "";
    }
    const auto found = twin.names->find(cell);
    if (found == twin.names->end()) return "";
    return twin.english ? found->second.en : found->second.zh;
}

}  // namespace

std::string yuan_text(int64_t fen) { return scaled_text(fen, 2); }
std::string kg_text(int64_t grams) { return scaled_text(grams, 3); }
std::string pct_text(int64_t basis_points) { return scaled_text(basis_points, 2); }

Table with_readable_columns(Table table, const CodeNames& names) {
    std::vector<Twin> twins;
    const auto add = [&](Twin twin) {
        if (!has_column(table, twins, twin.name)) twins.push_back(std::move(twin));
    };
    for (size_t c = 0; c < table.columns.size(); ++c) {
        const Column& column = table.columns[c];
        if (column.numeric) {
            for (const UnitRule& rule : unit_rules) {
                if (auto name = unit_twin_name(column.name, rule)) {
                    add(Twin{*name, true, c, rule.text});
                    break;
                }
            }
        }
        if (const auto coded = names.find(column.name); coded != names.end()) {
            add(Twin{column.name + "_name_zh", false, c, nullptr, &coded->second, false});
            add(Twin{column.name + "_name_en", false, c, nullptr, &coded->second, true});
        }
    }
    for (const auto& twin : twins) table.columns.push_back(Column{twin.name, twin.numeric});
    for (auto& row : table.rows) {
        const size_t machine_width = row.size();
        for (const auto& twin : twins) {
            row.push_back(twin.source < machine_width ? twin_cell(twin, row[twin.source]) : "");
        }
    }
    return table;
}

bool is_readable_twin(std::string_view column, const std::vector<std::string>& known) {
    for (const auto& machine : known) {
        if (column == machine + "_name_zh" || column == machine + "_name_en") return true;
        for (const UnitRule& rule : unit_rules) {
            if (unit_twin_name(machine, rule) == column) return true;
        }
    }
    return false;
}

}  // namespace kl::sheets

#include "core/quantity.h"

#include <cstdio>

#include "core/money.h"

namespace kl {

int64_t grams_per(MassUnit unit) {
    switch (unit) {
        case MassUnit::g: return 1;
        case MassUnit::kg: return grams_per_kg;
        case MassUnit::jin: return grams_per_jin;
        case MassUnit::t: return grams_per_tonne;
    }
    return 1;
}

std::string_view unit_symbol(MassUnit unit) {
    switch (unit) {
        case MassUnit::g: return "g";
        case MassUnit::kg: return "kg";
        case MassUnit::jin: return "jin";
        case MassUnit::t: return "t";
    }
    return "g";
}

Result<MassUnit> parse_unit(std::string_view symbol) {
    if (symbol == "g" || symbol == "克") return MassUnit::g;
    if (symbol == "kg" || symbol == "千克" || symbol == "公斤") return MassUnit::kg;
    if (symbol == "jin" || symbol == "斤" || symbol == "市斤") return MassUnit::jin;
    if (symbol == "t" || symbol == "吨") return MassUnit::t;
    return fail_field("unit", ProblemCode::not_one_of, "unknown unit '" + std::string(symbol) + "' (use g, kg, jin or t)");
}

Result<Quantity> Quantity::parse(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    size_t split = 0;
    while (split < text.size() && ((text[split] >= '0' && text[split] <= '9') || text[split] == '.')) ++split;
    std::string_view number = text.substr(0, split);
    std::string_view symbol = text.substr(split);
    while (!symbol.empty() && symbol.front() == ' ') symbol.remove_prefix(1);
    if (number.empty()) return fail_field("quantity", ProblemCode::invalid_value, "not a quantity: '" + std::string(text) + "'");
    auto unit = parse_unit(symbol.empty() ? "g" : symbol);
    if (!unit) return fail(unit.error());
    int64_t whole = 0, thousandths = 0;
    int decimals = -1;
    for (char c : number) {
        if (c == '.') {
            if (decimals >= 0) return fail_field("quantity", ProblemCode::invalid_value, "two decimal points in '" + std::string(text) + "'");
            decimals = 0;
            continue;
        }
        const int digit = c - '0';
        if (decimals < 0) {
            if (!checked_mul(whole, 10, whole) || !checked_add(whole, digit, whole))
                return fail_field("quantity", ProblemCode::invalid_value, "quantity too large");
        } else {
            if (++decimals > 3) return fail_field("quantity", ProblemCode::invalid_value, "more than 3 decimals in '" + std::string(text) + "'");
            thousandths = thousandths * 10 + digit;
        }
    }
    for (int d = decimals < 0 ? 0 : decimals; d < 3; ++d) thousandths *= 10;
    const int64_t per = grams_per(*unit);
    int64_t grams = 0;
    if (!checked_mul(whole, per, grams)) return fail_field("quantity", ProblemCode::invalid_value, "quantity too large");
    const int64_t fractional_milligrams = thousandths * per;  // thousandths of a unit, in mg
    if (fractional_milligrams % 1000 != 0)
        return fail_field("quantity", ProblemCode::not_integer, "'" + std::string(text) + "' is not a whole number of grams");
    if (!checked_add(grams, fractional_milligrams / 1000, grams)) return fail_field("quantity", ProblemCode::invalid_value, "quantity too large");
    return Quantity{grams};
}

std::string Quantity::format(MassUnit unit) const {
    const int64_t per = grams_per(unit);
    const bool negative = grams < 0;
    const uint64_t abs = negative ? static_cast<uint64_t>(-(grams + 1)) + 1 : static_cast<uint64_t>(grams);
    const uint64_t whole = abs / static_cast<uint64_t>(per);
    // Remainder in thousandths of the unit, rounded half up (only g→unit with per > 1000 can lose grams).
    const uint64_t rest = abs % static_cast<uint64_t>(per);
    uint64_t thousandths = (rest * 1000 + static_cast<uint64_t>(per) / 2) / static_cast<uint64_t>(per);
    uint64_t shown_whole = whole;
    if (thousandths >= 1000) {
        shown_whole += 1;
        thousandths -= 1000;
    }
    std::string out = (negative ? "-" : "") + std::to_string(shown_whole);
    if (thousandths != 0) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, ".%03llu", static_cast<unsigned long long>(thousandths));
        std::string fraction = buffer;
        while (fraction.back() == '0') fraction.pop_back();
        out += fraction;
    }
    return out + " " + std::string(unit_symbol(unit));
}

}  // namespace kl

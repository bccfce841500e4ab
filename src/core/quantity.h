#pragma once
// Quantities are integer grams. Display units: g, kg, jin (市斤 = 500 g) and t (1,000 kg).

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace kl {

enum class MassUnit { g, kg, jin, t };

inline constexpr int64_t grams_per_kg = 1000;
inline constexpr int64_t grams_per_jin = 500;
inline constexpr int64_t grams_per_tonne = 1000000;

int64_t grams_per(MassUnit unit);
std::string_view unit_symbol(MassUnit unit);  // "g", "kg", "jin", "t"
Result<MassUnit> parse_unit(std::string_view symbol);  // also accepts 克, 千克, 公斤, 斤, 吨

struct Quantity {
    int64_t grams = 0;

    // Parses "12.5 kg", "3斤", "2 t", "750g"; at most 3 decimals; fractional grams are an error.
    static Result<Quantity> parse(std::string_view text);
    // Formats in a unit with up to 3 decimals, trailing zeros trimmed: "12.5 kg", "3 jin".
    std::string format(MassUnit unit) const;

    auto operator<=>(const Quantity&) const = default;
};

}  // namespace kl

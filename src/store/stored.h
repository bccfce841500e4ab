#pragma once
// Reading back what the code itself wrote: enum names and dates in TEXT columns. Only the modules
// write these columns (dates always YYYY-MM-DD; enum names held to their tables by CHECK
// constraints), so a value that does not parse means the schema and the code disagree — a bug,
// asserted, not an error returned. Outside input is parsed with kl::parse_enum / kl::parse_date.

#include <optional>
#include <string>
#include <string_view>

#include "core/assert.h"
#include "core/civil_date.h"
#include "core/enum_names.h"
#include "store/store.h"

namespace kl::store {

template <NamedEnum E>
E stored_enum(std::string_view text) {
    const auto parsed = parse_enum<E>(text);
    KL_ASSERT(parsed.has_value());
    return *parsed;
}

inline Date stored_date(std::string_view text) {
    auto date = parse_date(text, "stored date");
    KL_ASSERT(date.has_value());
    return *date;
}

inline std::optional<Date> stored_opt_date(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    return stored_date(*text);
}

// A nullable date column's value.
inline Value date_value(const std::optional<Date>& date) { return date ? Value(format_date(*date)) : null(); }

}  // namespace kl::store

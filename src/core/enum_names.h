#pragma once
// One name table per enumeration: the names an enum has on the wire, in the database and in CSV.
// Next to the enum, its header declares the table as a constexpr function found by argument-
// dependent lookup, in declaration order (that order is the order of enum_values and of the
// OpenAPI enum lists):
//
//     enum class Mode { truck, rail, air };
//     constexpr auto enum_table(Mode) {
//         return kl::enum_table_of<Mode>({{Mode::truck, "truck"}, {Mode::rail, "rail"}, {Mode::air, "air"}});
//     }
//
// Optionally, beside the table, the noun that error texts call a value of it:
//
//     constexpr std::string_view enum_noun(Mode) { return "transport mode"; }
//
// and everything else is read from it here: kl::to_string(E), kl::parse_enum<E>(text) (no match:
// nullopt), kl::parse_enum<E>(text, field) (no match: invalid_argument naming the field and the
// names allowed), kl::enum_names<E>() for schemas and error texts, kl::enum_values<E>().

#include <array>
#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/assert.h"
#include "core/result.h"

namespace kl {

template <typename E>
struct EnumName {
    E value;
    std::string_view name;
};

// The table's builder, so that a table need not count its entries.
template <typename E, size_t N>
constexpr std::array<EnumName<E>, N> enum_table_of(EnumName<E> (&&entries)[N]) {
    return std::to_array(std::move(entries));
}

// An enumeration with a name table (its enum_table found by argument-dependent lookup).
template <typename E>
concept NamedEnum = std::is_enum_v<E> && requires(E value) { enum_table(value); };

// An enumeration whose header also names what one of its values is called in error texts.
template <typename E>
concept NounedEnum = NamedEnum<E> && requires(E value) {
    { enum_noun(value) } -> std::convertible_to<std::string_view>;
};

namespace enum_detail {

template <NamedEnum E>
inline constexpr auto table = enum_table(E{});

template <NamedEnum E>
inline constexpr auto names = [] {
    std::array<std::string_view, table<E>.size()> out{};
    for (size_t index = 0; index < out.size(); ++index) out[index] = table<E>[index].name;
    return out;
}();

template <NamedEnum E>
inline constexpr auto values = [] {
    std::array<E, table<E>.size()> out{};
    for (size_t index = 0; index < out.size(); ++index) out[index] = table<E>[index].value;
    return out;
}();

// "a, b, c": the names allowed, for error texts.
std::string joined(std::span<const std::string_view> names);

// invalid_argument naming `field`. With `what` empty: "must be one of a, b"; else "unknown <what>
// '<text, at most a short prefix>'; expected one of a, b".
Unexpected unknown_name(const std::string& field, std::string_view text, std::string_view what,
                        std::span<const std::string_view> names);

}  // namespace enum_detail

// The names in declaration order (schemas' enum lists, error texts).
template <NamedEnum E>
constexpr std::span<const std::string_view> enum_names() {
    return enum_detail::names<E>;
}

// The values in declaration order.
template <NamedEnum E>
constexpr std::span<const E> enum_values() {
    return enum_detail::values<E>;
}

template <NamedEnum E>
std::string_view to_string(E value) {
    for (const auto& entry : enum_detail::table<E>) {
        if (entry.value == value) return entry.name;
    }
    KL_ASSERT(false && "every enumerator has a name");
    return {};
}

template <NamedEnum E>
constexpr std::optional<E> parse_enum(std::string_view text) {
    for (const auto& entry : enum_detail::table<E>) {
        if (entry.name == text) return entry.value;
    }
    return std::nullopt;
}

// For outside input: invalid_argument naming `field` when `text` is none of the names (see
// enum_detail::unknown_name for the message; `what` defaults to the enum's enum_noun, if it has one).
template <NamedEnum E>
Result<E> parse_enum(std::string_view text, const std::string& field, std::string_view what = {}) {
    if (const auto value = parse_enum<E>(text)) return *value;
    if constexpr (NounedEnum<E>) {
        if (what.empty()) what = enum_noun(E{});
    }
    return enum_detail::unknown_name(field, text, what, enum_names<E>());
}

// parse_enum<E>(text, field) as one callable value, for the readers that take a parse function
// (the route kit's read_parsed, sheets::RowReader::parsed, a query's parsed).
template <NamedEnum E>
inline constexpr auto enum_parser = [](std::string_view text, const std::string& field) -> Result<E> {
    return parse_enum<E>(text, field);
};

}  // namespace kl

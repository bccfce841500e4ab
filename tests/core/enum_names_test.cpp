#include "core/enum_names.h"

#include <gtest/gtest.h>

#include <vector>

namespace kl {
namespace {

// Declared out of order on purpose: the table, not the enumerators' numbers, decides the order.
enum class Colour { green = 2, red = 0, amber = 1 };
constexpr auto enum_table(Colour) {
    return enum_table_of<Colour>({{Colour::red, "red"}, {Colour::amber, "amber"}, {Colour::green, "green"}});
}

static_assert(NamedEnum<Colour>);
static_assert(!NamedEnum<ErrorCode>);
static_assert(enum_names<Colour>().size() == 3);
static_assert(parse_enum<Colour>("amber") == Colour::amber);

TEST(EnumNames, NamesAndValuesFollowTheTable) {
    const std::vector<std::string_view> names(enum_names<Colour>().begin(), enum_names<Colour>().end());
    EXPECT_EQ(names, (std::vector<std::string_view>{"red", "amber", "green"}));
    const std::vector<Colour> values(enum_values<Colour>().begin(), enum_values<Colour>().end());
    EXPECT_EQ(values, (std::vector<Colour>{Colour::red, Colour::amber, Colour::green}));
    for (const Colour value : enum_values<Colour>()) EXPECT_EQ(parse_enum<Colour>(to_string(value)), value);
}

TEST(EnumNames, ParsingIsExact) {
    EXPECT_EQ(to_string(Colour::green), "green");
    EXPECT_EQ(parse_enum<Colour>("green"), Colour::green);
    EXPECT_FALSE(parse_enum<Colour>("Green"));
    EXPECT_FALSE(parse_enum<Colour>(" green"));
    EXPECT_FALSE(parse_enum<Colour>(""));
}

TEST(EnumNames, AFailedParseNamesTheFieldAndTheNamesAllowed) {
    const auto plain = parse_enum<Colour>("blue", "colour");
    ASSERT_FALSE(plain);
    EXPECT_EQ(plain.error().code, ErrorCode::invalid_argument);
    ASSERT_EQ(plain.error().fields.size(), 1u);
    EXPECT_EQ(plain.error().fields[0].field, "colour");
    EXPECT_EQ(plain.error().fields[0].message, "must be one of red, amber, green");

    const auto named = parse_enum<Colour>(std::string(100, 'x'), "light", "signal colour");
    ASSERT_FALSE(named);
    EXPECT_EQ(named.error().fields[0].message,
              "unknown signal colour '" + std::string(40, 'x') + "'; expected one of red, amber, green");
    EXPECT_EQ(*parse_enum<Colour>("red", "colour"), Colour::red);
}

}  // namespace
}  // namespace kl

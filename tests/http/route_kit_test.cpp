#include "http/routes/route_kit.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace kl::http {
namespace {

using nlohmann::json;

// The kit's pieces that were copies in the route files (catalog's and orders' array readers, the
// null-or-value encoders, the enum lists) had no test of their own: these pin what they did.

TEST(ReadArray, GivesTheArrayWhenItFits) {
    FieldErrors problems;
    const json body = {{"lines", {1, 2, 3}}};
    const json* lines = read_array(body, "lines", "", 3, true, problems);
    ASSERT_NE(lines, nullptr);
    EXPECT_EQ(lines->size(), 3u);
    EXPECT_TRUE(problems.finish());
}

TEST(ReadArray, AbsentOrNullIsAProblemOnlyWhenRequired) {
    const json body = {{"links", nullptr}};
    FieldErrors optional;
    EXPECT_EQ(read_array(body, "links", "", 5, false, optional), nullptr);
    EXPECT_EQ(read_array(body, "other", "", 5, false, optional), nullptr);
    EXPECT_TRUE(optional.finish());

    FieldErrors required;
    EXPECT_EQ(read_array(body, "links", "standard/", 5, true, required), nullptr);
    auto refused = required.finish();
    ASSERT_FALSE(refused);
    ASSERT_EQ(refused.error().fields.size(), 1u);
    EXPECT_EQ(refused.error().fields[0].field, "standard/links");
    EXPECT_EQ(refused.error().fields[0].message, "is required");
}

TEST(ReadArray, RefusesWhatIsNotAnArrayOrTooLongNamingItsPath) {
    FieldErrors problems;
    const json body = {{"tiers", "many"}, {"grades", {1, 2, 3}}};
    EXPECT_EQ(read_array(body, "tiers", "pricing/", 5, false, problems), nullptr);
    EXPECT_EQ(read_array(body, "grades", "", 2, false, problems), nullptr);
    auto refused = problems.finish();
    ASSERT_FALSE(refused);
    ASSERT_EQ(refused.error().fields.size(), 2u);
    EXPECT_EQ(refused.error().fields[0].field, "pricing/tiers");
    EXPECT_EQ(refused.error().fields[0].message, "must be an array");
    EXPECT_EQ(refused.error().fields[1].field, "grades");
    EXPECT_EQ(refused.error().fields[1].message, "has more than 2 items");
}

TEST(OrNull, EncodesAValueOrNull) {
    EXPECT_EQ(or_null(std::optional<std::string>("Shache")), json("Shache"));
    EXPECT_EQ(or_null(std::optional<int64_t>(42)), json(42));
    EXPECT_TRUE(or_null(std::optional<std::string>()).is_null());
    EXPECT_EQ(date_or_null(kl::Date{0}), json("1970-01-01"));
    EXPECT_TRUE(date_or_null(std::nullopt).is_null());
}

TEST(EnumOf, NamesAModulesValuesByItsToString) {
    const json roles = enum_of(access::all_roles());
    EXPECT_EQ(roles["type"], "string");
    ASSERT_EQ(roles["enum"].size(), access::all_roles().size());
    EXPECT_EQ(roles["enum"][0], "admin");
}

TEST(PageOf, EveryPageSaysHowItsCursorIsUsed) {
    const json page = page_of("Order");
    EXPECT_EQ(page["required"], json::array({"items", "next_cursor"}));
    EXPECT_EQ(page["properties"]["items"]["items"]["$ref"], "#/components/schemas/Order");
    EXPECT_TRUE(page["properties"]["next_cursor"]["nullable"].get<bool>());
    EXPECT_EQ(page["properties"]["next_cursor"]["description"], "pass as `cursor` for the next page; null on the last");
}

}  // namespace
}  // namespace kl::http

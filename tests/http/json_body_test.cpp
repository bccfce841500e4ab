#include "http/json_body.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace kl::http {
namespace {

using nlohmann::json;

std::string message_for(const Error& error, const std::string& field) {
    for (const auto& f : error.fields) {
        if (f.field == field) return f.message;
    }
    return "<no error for " + field + ">";
}

TEST(ParseJsonObject, RefusesWhatIsNotAnObjectNamingTheBody) {
    for (const char* body : {"", "{bad", "[1,2]", "42", "\"text\"", "{\"a\":1} trailing"}) {
        auto parsed = parse_json_object(body);
        ASSERT_FALSE(parsed) << body;
        EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument);
        ASSERT_EQ(parsed.error().fields.size(), 1u);
        EXPECT_EQ(parsed.error().fields[0].field, "body");
    }
    EXPECT_NE(parse_json_object("{bad").error().fields[0].message.find("byte"), std::string::npos);
}

TEST(ParseJsonObject, RefusesDeepNesting) {
    std::string deep = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
    auto parsed = parse_json_object(deep);
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().fields[0].message.find("deeper"), std::string::npos);
    // Brackets inside strings do not count.
    EXPECT_TRUE(parse_json_object("{\"a\":\"" + std::string(100, '[') + "\"}"));
}

TEST(ParseJsonObject, RefusesInvalidUtf8) {
    EXPECT_FALSE(parse_json_object("{\"a\":\"\xff\xfe\"}"));
}

TEST(ParseJsonObject, RefusesAKeyTwiceInOneObjectNamingItsPath) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"amount":1,"amount":100000})", "amount"},
        {R"({"a":{"b":1,"c":{},"b":2}})", "a/b"},
        {R"({"transfers":[{"id":"x"},{"id":"y","amount":1,"amount":2}]})", "transfers/1/amount"},
        {R"({"lines":[[{"k":null,"k":null}]]})", "lines/0/0/k"},
        {R"({"\u0061":1,"a":2})", "a"},  // the same key however it is escaped
    };
    for (const auto& [body, field] : cases) {
        auto parsed = parse_json_object(body);
        ASSERT_FALSE(parsed) << body;
        EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument);
        ASSERT_EQ(parsed.error().fields.size(), 1u) << body;
        EXPECT_EQ(parsed.error().fields[0].field, field) << body;
        EXPECT_NE(parsed.error().fields[0].message.find("twice"), std::string::npos);
    }
    // The same key in sibling or nested objects is no duplicate.
    auto fine = parse_json_object(R"({"a":{"a":1},"b":[{"a":1},{"a":2}],"c":{"b":{"a":[1,{"a":0}]}}})");
    ASSERT_TRUE(fine) << fine.error().message;
    EXPECT_EQ((*fine)["b"][1]["a"], 2);
    EXPECT_EQ((*fine)["c"]["b"]["a"][1]["a"], 0);
}

TEST(ParseJsonObject, BuildsTheSameDocumentAsNlohmann) {
    const std::string body = R"({"s":"é\n\"","i":-42,"u":18446744073709551615,"f":1.5e3,"t":true,"n":null,)"
                             R"("a":[1,[2,{"x":[]}],{}],"o":{"z":{},"y":[null]}})";
    auto parsed = parse_json_object(body);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(*parsed, json::parse(body));
    EXPECT_TRUE((*parsed)["u"].is_number_unsigned());
    EXPECT_TRUE((*parsed)["f"].is_number_float());
}

TEST(CanonicalJson, SameContentOneSpellingAndNothingForWhatIsNotAnObject) {
    EXPECT_EQ(canonical_json("{ \"b\" : [1, 2], \"a\":\"\\u00e9\" }"), R"({"a":"é","b":[1,2]})");
    EXPECT_EQ(canonical_json(R"({"a":"é","b":[1,2]})"), R"({"a":"é","b":[1,2]})");
    EXPECT_NE(canonical_json(R"({"a":1})"), canonical_json(R"({"a":1.0})"));
    for (const char* body : {"", "not json", "[1]", R"({"a":1,"a":1})"}) EXPECT_FALSE(canonical_json(body)) << body;
}

TEST(FieldReader, ReadsValidFields) {
    json body = {{"name", "喀什 Kashgar"}, {"amount_fen", 123456}, {"paid", true}};
    FieldReader reader(body);
    EXPECT_EQ(reader.text("name", 1, 20), "喀什 Kashgar");
    EXPECT_EQ(reader.integer("amount_fen", 0, 1'000'000), 123456);
    EXPECT_TRUE(reader.boolean("paid"));
    EXPECT_FALSE(reader.opt_text("note", 10).has_value());
    EXPECT_FALSE(reader.opt_integer("count", 0, 10).has_value());
    EXPECT_TRUE(reader.finish());
}

TEST(FieldReader, CollectsEveryProblemNamingEachField) {
    json body = {{"name", 5}, {"amount_fen", 1.5}, {"quantity_g", "100"}, {"paid", "yes"}, {"tpyo", 1}};
    FieldReader reader(body);
    (void)reader.text("name", 1, 20);
    (void)reader.integer("amount_fen", 0, 100);
    (void)reader.integer("quantity_g", 0, 100);
    (void)reader.boolean("paid");
    (void)reader.text("missing", 1, 20);
    reader.allow_only({"name", "amount_fen", "quantity_g", "paid", "missing"});
    auto result = reader.finish();
    ASSERT_FALSE(result);
    const Error& error = result.error();
    EXPECT_EQ(error.code, ErrorCode::invalid_argument);
    EXPECT_EQ(error.fields.size(), 6u);
    EXPECT_NE(message_for(error, "name").find("must be a string"), std::string::npos);
    EXPECT_NE(message_for(error, "amount_fen").find("not a decimal number"), std::string::npos);
    EXPECT_NE(message_for(error, "quantity_g").find("not a string"), std::string::npos);
    EXPECT_NE(message_for(error, "paid").find("true or false"), std::string::npos);
    EXPECT_NE(message_for(error, "missing").find("required"), std::string::npos);
    EXPECT_NE(message_for(error, "tpyo").find("not a known field"), std::string::npos);
}

TEST(FieldReader, CountsLengthInCharactersNotBytes) {
    json body = {{"name", "喀什喀什"}};  // 4 characters, 12 bytes
    FieldReader fits(body);
    EXPECT_EQ(fits.text("name", 1, 4), "喀什喀什");
    EXPECT_TRUE(fits.finish());
    FieldReader too_long(body);
    (void)too_long.text("name", 1, 3);
    auto result = too_long.finish();
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().fields[0].message.find("between 1 and 3 characters"), std::string::npos);
}

TEST(FieldReader, RefusesNulCharacters) {
    json body = {{"name", std::string("a\0b", 3)}};
    FieldReader reader(body);
    (void)reader.text("name", 1, 10);
    EXPECT_FALSE(reader.finish());
}

TEST(FieldReader, ChecksIntegerRangesIncludingHugeUnsignedValues) {
    json body = json::parse(R"({"a": -1, "b": 18446744073709551615, "c": 9223372036854775807})");
    FieldReader reader(body);
    (void)reader.integer("a", 0, 10);
    (void)reader.integer("b", 0, INT64_MAX);
    EXPECT_EQ(reader.integer("c", 0, INT64_MAX), INT64_MAX);
    auto result = reader.finish();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().fields.size(), 2u);
    EXPECT_EQ(result.error().fields[0].field, "a");
    EXPECT_EQ(result.error().fields[1].field, "b");
}

TEST(FieldReader, PrefixNamesNestedFields) {
    json line = {{"quantity_g", 2.5}};
    FieldReader reader(line, "lines/0/");
    (void)reader.integer("quantity_g", 1, 100);
    auto result = reader.finish();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().fields[0].field, "lines/0/quantity_g");

    FieldReader not_object(json::array(), "lines/1/");
    EXPECT_EQ(not_object.finish().error().fields[0].field, "lines/1");
}

TEST(FieldReader, NullCountsAsAbsent) {
    json body = {{"note", nullptr}};
    FieldReader reader(body);
    EXPECT_FALSE(reader.opt_text("note", 10).has_value());
    (void)reader.text("note", 1, 10);
    auto result = reader.finish();
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().fields[0].message.find("required"), std::string::npos);
}

}  // namespace
}  // namespace kl::http

#include "sheets/csv.h"

#include <gtest/gtest.h>

#include <random>

#include "sheets/cells.h"

namespace kl::sheets {
namespace {

using Records = std::vector<CsvRecord>;

Records parsed(std::string_view text) {
    auto records = parse_csv(text);
    EXPECT_TRUE(records) << (records ? "" : records.error().message);
    return records ? *records : Records{};
}

std::string parse_problem(std::string_view text) {
    auto records = parse_csv(text);
    EXPECT_FALSE(records) << "expected a parse error for: " << text;
    if (records) return "";
    EXPECT_EQ(records.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(records.error().fields.at(0).field, "file");
    return records.error().fields.at(0).message;
}

TEST(Csv, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
    const Records records = parsed("a,\"b,c\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"one\nline\"\r\nx,,\"\"\r\n");
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0], (CsvRecord{"a", "b,c", "say \"hi\"", "two\r\nlines", "one\nline"}));
    EXPECT_EQ(records[1], (CsvRecord{"x", "", ""}));
}

TEST(Csv, AcceptsBomLfAndAMissingFinalLineBreak) {
    EXPECT_EQ(parsed("\xEF\xBB\xBFname\n莎车\n巴楚"), (Records{{"name"}, {"莎车"}, {"巴楚"}}));
    EXPECT_EQ(parsed("a,b\r\n\r\n\r\nc,d\r\n"), (Records{{"a", "b"}, {"c", "d"}})) << "blank lines are skipped";
}

TEST(Csv, KeepsSpacesExactly) {
    EXPECT_EQ(parsed(" a , b \r\n"), (Records{{" a ", " b "}}));
}

TEST(Csv, RefusesMisplacedQuotesNamingTheRecord) {
    EXPECT_NE(parse_problem("a,b\r\nc,d\"e\r\n").find("record 2"), std::string::npos);
    EXPECT_NE(parse_problem("a,\"b\"c\r\n").find("record 1"), std::string::npos);
    EXPECT_NE(parse_problem("a,b\r\nc,\"never closed\r\n").find("never closed"), std::string::npos);
}

TEST(Csv, RefusesBadUtf8AndOversizedInput) {
    EXPECT_NE(parse_problem("ok\r\nbad\xC3\x28\r\n").find("record 2"), std::string::npos);
    EXPECT_NE(parse_problem("ok\r\nbad\xC3\x28\r\n").find("UTF-8"), std::string::npos);
    const std::string long_field(csv_field_bytes_max + 1, 'x');
    EXPECT_NE(parse_problem(long_field).find("longer than"), std::string::npos);
    std::string wide;
    for (size_t i = 0; i <= csv_fields_per_record_max; ++i) wide += "x,";
    EXPECT_NE(parse_problem(wide).find("more than"), std::string::npos);
}

TEST(Csv, WritesMinimalQuotingWithBomAndCrlf) {
    EXPECT_EQ(write_csv({{"a", "b,c", "d\"e", "f\ng", ""}, {""}}),
              std::string(utf8_bom) + "a,\"b,c\",\"d\"\"e\",\"f\ng\",\r\n\"\"\r\n");
}

// Random tables of awkward text survive write → parse unchanged.
TEST(Csv, RandomTablesRoundTrip) {
    std::mt19937_64 random(20240909);
    const std::vector<std::string> pieces = {"a", "Z", "9", " ", ",", "\"", "\r", "\n", "\r\n", "莎车", "é", "\t",
                                             "'", "=", ";", "\\", "巴旦木", "-", ""};
    for (int round = 0; round < 2000; ++round) {
        Records table;
        const size_t rows = 1 + random() % 5;
        const size_t columns = 1 + random() % 6;
        for (size_t r = 0; r < rows; ++r) {
            CsvRecord record;
            for (size_t c = 0; c < columns; ++c) {
                std::string field;
                const size_t length = random() % 7;
                for (size_t i = 0; i < length; ++i) field += pieces[random() % pieces.size()];
                record.push_back(field);
            }
            table.push_back(record);
        }
        auto back = parse_csv(write_csv(table));
        ASSERT_TRUE(back) << back.error().message;
        ASSERT_EQ(*back, table) << "round " << round;
    }
}

// Arbitrary bytes never crash the parser: they parse, or are refused naming the file.
TEST(Csv, RandomBytesParseOrAreRefusedCleanly) {
    std::mt19937_64 random(3);
    const std::string alphabet = std::string("ab,\"\r\n ;'=") + "\xE8\x8E\x8E\xC3\xFF" + std::string(1, '\0');
    for (int round = 0; round < 5000; ++round) {
        std::string text;
        for (size_t i = random() % 40; i > 0; --i) text.push_back(alphabet[random() % alphabet.size()]);
        auto records = parse_csv(text);
        if (!records) {
            EXPECT_EQ(records.error().code, ErrorCode::invalid_argument) << records.error().message;
            ASSERT_EQ(records.error().fields.size(), 1u);
            EXPECT_EQ(records.error().fields[0].field, "file");
        }
    }
}

TEST(Csv, FormulaProtectionIsUndoneExactly) {
    EXPECT_EQ(protect_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    EXPECT_EQ(protect_text("-18"), "'-18");
    EXPECT_EQ(protect_text("'plain"), "'plain");
    EXPECT_EQ(protect_text("巴楚"), "巴楚");
    std::mt19937_64 random(7);
    const std::string alphabet = "'=+-@\tax ";
    for (int round = 0; round < 5000; ++round) {
        std::string text;
        for (size_t i = random() % 6; i > 0; --i) text.push_back(alphabet[random() % alphabet.size()]);
        const std::string shown = protect_text(text);
        EXPECT_EQ(unprotect_text(shown), text) << "[" << text << "]";
        const size_t first = shown.find_first_not_of('\'');
        if (first != std::string::npos && first == 0) {
            EXPECT_TRUE(shown[0] != '=' && shown[0] != '+' && shown[0] != '-' && shown[0] != '@' && shown[0] != '\t');
        }
    }
}

TEST(Cells, TenthsListsAndIntegers) {
    EXPECT_EQ(parse_tenths("-18.0"), -180);
    EXPECT_EQ(parse_tenths("-0.5"), -5);
    EXPECT_EQ(parse_tenths(" 4 "), 40);
    EXPECT_EQ(parse_tenths("2.55"), std::nullopt);
    EXPECT_EQ(parse_tenths("abc"), std::nullopt);
    EXPECT_EQ(parse_tenths(".5"), std::nullopt);
    for (int64_t value : {-400, -181, -5, 0, 5, 40, 600}) EXPECT_EQ(parse_tenths(format_tenths(value)), value);
    EXPECT_EQ(format_tenths(-5), "-0.5");
    EXPECT_EQ(parse_integer("1250"), 1250);
    EXPECT_EQ(parse_integer("12.5"), std::nullopt);
    EXPECT_EQ(parse_integer("1,250"), std::nullopt);
    EXPECT_EQ(parse_integer("99999999999999999999"), std::nullopt);
    const std::vector<std::string> items = {"corrugated; board", "back\\slash", "plain"};
    EXPECT_EQ(split_list(join_list(items)), items);
    EXPECT_EQ(split_list(" a ;; b ;"), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace kl::sheets

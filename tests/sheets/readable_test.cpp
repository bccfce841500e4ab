#include "sheets/readable.h"

#include <gtest/gtest.h>

#include <limits>

#include "sheets/cells.h"

namespace kl::sheets {
namespace {

std::vector<std::string> names_of(const Table& table) {
    std::vector<std::string> out;
    for (const auto& column : table.columns) out.push_back(column.name);
    return out;
}

Table offers() {
    Table table;
    table.sheet_name = "offers";
    table.columns = {{"id", false},         {"county", false},           {"quantity_g", true},
                     {"price_fen_per_kg", true}, {"share_bp", true}, {"amount_fen", true}, {"note_g", false}};
    table.rows = {{"o1", "shache", "1234567", "1250", "8750", "-5", "12"}, {"o2", "mars", "", "7", "0", "100", ""}};
    return table;
}

TEST(ReadableColumns, FollowTheMachineColumnsInTheirOrderAndKeepThem) {
    const Table out = with_readable_columns(offers(), {{"county", {{"shache", {"莎车县", "Shache County"}}}}});
    EXPECT_EQ(names_of(out), (std::vector<std::string>{"id", "county", "quantity_g", "price_fen_per_kg", "share_bp",
                                                        "amount_fen", "note_g", "county_name_zh", "county_name_en",
                                                        "quantity_kg", "price_yuan_per_kg", "share_pct", "amount_yuan"}))
        << "a text column named like a unit (note_g) has no twin";
    EXPECT_EQ(out.rows[0], (std::vector<std::string>{"o1", "shache", "1234567", "1250", "8750", "-5", "12", "莎车县",
                                                      "Shache County", "1234.567", "12.50", "87.50", "-0.05"}));
    EXPECT_EQ(out.rows[1], (std::vector<std::string>{"o2", "mars", "", "7", "0", "100", "", "", "", "", "0.07", "0.00",
                                                      "1.00"}))
        << "an unknown code and an empty number leave the twin empty";
    EXPECT_FALSE(out.columns[7].numeric);
    EXPECT_TRUE(out.columns[9].numeric) << "kg, yuan and % are numbers in XLSX";
}

TEST(ReadableColumns, AreAddedOnceAndNeverReplaceAColumnTheTableHas) {
    Table table;
    table.columns = {{"completion_bp", true}, {"completion_pct", false}};
    table.rows = {{"12345", "123.45%"}};
    const Table out = with_readable_columns(with_readable_columns(table));
    EXPECT_EQ(names_of(out), (std::vector<std::string>{"completion_bp", "completion_pct"}));
    const Table twice = with_readable_columns(with_readable_columns(offers()));
    EXPECT_EQ(twice.columns.size(), with_readable_columns(offers()).columns.size());
}

TEST(ReadableColumns, TextOfExtremeAmounts) {
    EXPECT_EQ(yuan_text(0), "0.00");
    EXPECT_EQ(yuan_text(-1), "-0.01");
    EXPECT_EQ(yuan_text(std::numeric_limits<int64_t>::min()), "-92233720368547758.08");
    EXPECT_EQ(kg_text(500), "0.500");
    EXPECT_EQ(pct_text(10'000), "100.00");
}

TEST(ReadableColumns, AreAcceptedAndIgnoredByAnImportHeader) {
    const std::vector<std::string> known = {"county", "quantity_g", "price_fen_per_kg", "grade1_price_fen"};
    for (const char* twin : {"county_name_zh", "county_name_en", "quantity_kg", "price_yuan_per_kg", "grade1_price_yuan"}) {
        EXPECT_TRUE(is_readable_twin(twin, known)) << twin;
    }
    for (const char* other : {"quantity_yuan", "county_name", "price_kg", "name_zh"}) {
        EXPECT_FALSE(is_readable_twin(other, known)) << other;
    }
    std::vector<FieldError> errors;
    const auto header = read_header({"county", "quantity_g", "county_name_zh", "quantity_kg"}, known, {"county"}, "offers", errors);
    ASSERT_TRUE(header) << (errors.empty() ? "" : errors[0].field);
    EXPECT_EQ(header->size(), 4u) << "twins count as header columns (rows are as wide as the header); no importer reads them";
    errors.clear();
    EXPECT_FALSE(read_header({"county", "quantity_lb"}, known, {"county"}, "offers", errors));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "header/quantity_lb");
}

}  // namespace
}  // namespace kl::sheets

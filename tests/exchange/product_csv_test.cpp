// The products sheet's header: its fixed columns and numbered grade slots, and every header problem
// named by column.
#include "exchange/product_csv.h"

#include <gtest/gtest.h>

#include "sheets/csv.h"
#include "exchange_fixture.h"

namespace kl::exchange {
namespace {

using test::Problems;
using test::problems_of;

// The fixture's header (two grade slots) as a record, changed by `edit`.
template <typename Edit>
sheets::CsvRecord header_with(Edit edit) {
    sheets::CsvRecord header = sheets::parse_csv(test::products_header()).value().at(0);
    edit(header);
    return header;
}

void rename(sheets::CsvRecord& header, const std::string& from, const std::string& to) {
    *std::find(header.begin(), header.end(), from) = to;
}

const std::string not_a_product_column = "is not a column of the products sheet (see README: Import and export)";

TEST(ProductHeader, TakesTheFixedColumnsAndNumberedGradeSlots) {
    std::vector<FieldError> errors;
    auto layout = read_product_header(header_with([](sheets::CsvRecord&) {}), errors);
    ASSERT_TRUE(layout) << problems_of(errors).size();
    EXPECT_EQ(layout->grade_slots, (std::vector<size_t>{1, 2}));
    EXPECT_EQ(layout->columns.at("producer_credit_code"), 0u);
    EXPECT_EQ(layout->columns.at("grade2_tiers"), layout->columns.size() - 1);
    // A slot needs only its code and price; the others may be left out.
    auto lean = read_product_header(header_with([](sheets::CsvRecord& header) {
        std::erase_if(header, [](const std::string& name) { return name.starts_with("grade"); });
        header.insert(header.end(), {" grade1_price_fen", "grade1_code "});
    }), errors);
    ASSERT_TRUE(lean) << problems_of(errors).size();
    EXPECT_EQ(lean->grade_slots, (std::vector<size_t>{1}));
}

TEST(ProductHeader, NamesUnknownEmptyRepeatedAndMissingColumns) {
    std::vector<FieldError> errors;
    EXPECT_FALSE(read_product_header(header_with([](sheets::CsvRecord& header) {
        rename(header, "channels", "chanels");
        rename(header, "status", "code");
        rename(header, "grade2_tiers", "grade2_colour");
        header.insert(header.begin() + 1, "");
        header.push_back("grade0_code");
    }), errors));
    EXPECT_EQ(problems_of(errors), (Problems{{"header/column 2", not_a_product_column},
                                             {"header/code", "appears twice"},
                                             {"header/chanels", not_a_product_column},
                                             {"header/grade2_colour", not_a_product_column},
                                             {"header/grade0_code", not_a_product_column},
                                             {"header/status", "is missing"},
                                             {"header/channels", "is missing"}}));
}

TEST(ProductHeader, NamesAGradeSlotWithoutCodeOrPriceAndGapsBetweenSlots) {
    std::vector<FieldError> errors;
    EXPECT_FALSE(read_product_header(header_with([](sheets::CsvRecord& header) {
        rename(header, "grade2_code", "grade4_code");
        rename(header, "grade2_price_fen", "grade4_name_zh");
    }), errors));
    EXPECT_EQ(problems_of(errors), (Problems{{"header/grade2_code", "is missing"},
                                             {"header/grade2_price_fen", "is missing"},
                                             {"header/grade4_price_fen", "is missing"},
                                             {"header/grade4_code", "grade slots must be numbered 1, 2, 3… without gaps"}}));
}

}  // namespace
}  // namespace kl::exchange

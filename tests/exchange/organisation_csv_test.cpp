// The organisations sheet's header: which columns it takes, and every header problem named by column.
#include "exchange/organisation_csv.h"

#include <gtest/gtest.h>

#include "exchange_fixture.h"

namespace kl::exchange {
namespace {

using test::Problems;
using test::problems_of;

const std::string not_an_organisation_column = "is not a column of the organisations sheet (see README: Import and export)";

TEST(OrganisationHeader, TakesItsColumnsInAnyOrderWithSpacesAround) {
    std::vector<FieldError> errors;
    auto layout = read_organisation_header({" kind", "name ", "credit_code", "supplies_to"}, errors);
    ASSERT_TRUE(layout) << errors.size();
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(layout->columns, (sheets::ColumnIndex{{"kind", 0}, {"name", 1}, {"credit_code", 2}, {"supplies_to", 3}}));
    EXPECT_TRUE(layout->has_supplies_to);
    auto without = read_organisation_header({"name", "kind"}, errors);
    ASSERT_TRUE(without);
    EXPECT_FALSE(without->has_supplies_to);
}

TEST(OrganisationHeader, NamesUnknownEmptyRepeatedAndMissingColumns) {
    std::vector<FieldError> errors = {FieldError{"file", ProblemCode::invalid_value, "found before"}};
    EXPECT_FALSE(read_organisation_header({"name", "colour", "", "name", "district"}, errors));
    EXPECT_EQ(problems_of(errors), (Problems{{"file", "found before"},
                                             {"header/colour", not_an_organisation_column},
                                             {"header/column 3", not_an_organisation_column},
                                             {"header/name", "appears twice"},
                                             {"header/kind", "is missing"}}));
}

}  // namespace
}  // namespace kl::exchange

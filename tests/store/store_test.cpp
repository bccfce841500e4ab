// Row getters and type names (store.cpp).

#include "store/store.h"

#include <gtest/gtest.h>

namespace kl::store {
namespace {

Row sample_row() {
    auto columns = std::make_shared<const std::vector<std::string>>(
        std::vector<std::string>{"id", "name", "price", "note", "image"});
    return Row(columns, {int64_t{7}, std::string("apricot"), 2.5, std::monostate{}, Blob{"\x01"}});
}

TEST(Row, TypedGettersReturnTheStoredValues) {
    const Row row = sample_row();
    EXPECT_EQ(row.size(), 5u);
    EXPECT_EQ(row.i64("id"), 7);
    EXPECT_EQ(row.i64(0), 7);
    EXPECT_EQ(row.text("name"), "apricot");
    EXPECT_EQ(row.text(1), "apricot");
    EXPECT_EQ(row.f64("price"), 2.5);
    EXPECT_EQ(row.f64("id"), 7.0);  // a whole number is a valid double
    EXPECT_TRUE(row.is_null(3));
    EXPECT_FALSE(row.opt_i64("note").has_value());
    EXPECT_FALSE(row.opt_text("note").has_value());
    EXPECT_EQ(row.opt_i64("id"), std::optional<int64_t>(7));
    EXPECT_EQ(row.opt_text("name"), std::optional<std::string>("apricot"));
    EXPECT_EQ(row.at("image"), Value(Blob{"\x01"}));
}

TEST(Row, TypeNamesNameEveryAlternative) {
    EXPECT_EQ(type_name(null()), "null");
    EXPECT_EQ(type_name(Value(int64_t{1})), "int64");
    EXPECT_EQ(type_name(Value(1.0)), "double");
    EXPECT_EQ(type_name(Value(std::string("x"))), "text");
    EXPECT_EQ(type_name(Value(Blob{})), "blob");
}

// SQL and code disagreeing about a column is a bug: the getter stops the process, naming both.
TEST(RowDeathTest, WrongTypeOrUnknownColumnIsABug) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    const Row row = sample_row();
    EXPECT_DEATH((void)row.i64("name"), "column 'name' holds text, not int64");
    EXPECT_DEATH((void)row.text("id"), "column 'id' holds int64, not text");
    EXPECT_DEATH((void)row.opt_i64("price"), "holds double");
    EXPECT_DEATH((void)row.at("missing"), "no column 'missing'");
    EXPECT_DEATH((void)row.at(9), "index < cells_.size");
}

}  // namespace
}  // namespace kl::store

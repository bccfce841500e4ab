// The category tree on every backend: the ten fair categories, admin edits, no cycles.
#include "catalog/category_service.h"

#include <gtest/gtest.h>

#include "catalog_fixture.h"

namespace kl::catalog {
namespace {

using access::Role;

class CategoryServiceTest : public testing::CatalogTest {
protected:
    std::vector<std::string> ids() {
        auto all = catalog().categories.list();
        EXPECT_TRUE(all.has_value());
        std::vector<std::string> out;
        for (const auto& category : *all) out.push_back(category.id);
        return out;
    }
};

TEST_P(CategoryServiceTest, TheTenFairCategoriesAreSeeded) {
    EXPECT_EQ(ids(), (std::vector<std::string>{"fresh_fruit", "nuts_dried_fruit", "grain_oil", "processed_food",
                                               "tea_drinks", "meat_dairy", "cotton_textiles", "handicrafts_culture",
                                               "cosmetics", "jewellery"}));
    auto fruit = catalog().categories.get("fresh_fruit");
    ASSERT_TRUE(fruit.has_value());
    EXPECT_EQ(fruit->fields.name_zh, "鲜果");
    EXPECT_EQ(fruit->fields.name_en, "Fresh fruit");
    EXPECT_FALSE(fruit->fields.parent_id.has_value());
    EXPECT_EQ(catalog().categories.get("handicrafts_culture")->fields.name_zh, "手工艺与文创");
    EXPECT_EQ(catalog().categories.get("unknown_thing").error().code, ErrorCode::not_found);
    EXPECT_EQ(catalog().categories.get("'; DROP TABLE categories;--").error().code, ErrorCode::not_found);
}

TEST_P(CategoryServiceTest, AdminAddsRenamesAndMoves) {
    const auto admin = user(Role::admin);
    auto melons = catalog().categories.create(admin, "melons", CategoryFields{"fresh_fruit", "甜瓜", "Melons", 5});
    ASSERT_TRUE(melons.has_value()) << melons.error().message;
    auto bachu = catalog().categories.create(admin, "bachu_melons",
                                             CategoryFields{"melons", "巴楚留香瓜", "Bachu Liuxiang melons", 0});
    ASSERT_TRUE(bachu.has_value());
    // Depth first: a parent before its children, children by sort_order.
    const auto tree = ids();
    EXPECT_EQ(std::vector<std::string>(tree.begin(), tree.begin() + 4),
              (std::vector<std::string>{"fresh_fruit", "melons", "bachu_melons", "nuts_dried_fruit"}));

    auto renamed = catalog().categories.update(admin, "melons", CategoryFields{"fresh_fruit", "瓜类", "Melons", 5});
    ASSERT_TRUE(renamed.has_value());
    EXPECT_EQ(renamed->fields.name_zh, "瓜类");
    // Moving a subtree keeps its children with it.
    auto moved = catalog().categories.update(admin, "melons", CategoryFields{"processed_food", "瓜类", "Melons", 5});
    ASSERT_TRUE(moved.has_value());
    EXPECT_EQ(catalog().categories.get("bachu_melons")->fields.parent_id, "melons");
    auto top = catalog().categories.update(admin, "melons", CategoryFields{std::nullopt, "瓜类", "Melons", 200});
    ASSERT_TRUE(top.has_value());
    EXPECT_EQ(ids().back(), "bachu_melons");
}

TEST_P(CategoryServiceTest, NoCyclesAndNoDeeperThanTheLimit) {
    const auto admin = user(Role::admin);
    std::string parent = "fresh_fruit";
    for (size_t level = 2; level <= category_depth_max; ++level) {
        const std::string id = "level_" + std::to_string(level);
        ASSERT_TRUE(catalog().categories.create(admin, id, CategoryFields{parent, "层", "Level", 0}).has_value());
        parent = id;
    }
    auto too_deep = catalog().categories.create(admin, "too_deep", CategoryFields{parent, "层", "Level", 0});
    EXPECT_EQ(fields_of(too_deep), (std::vector<std::string>{"parent_id"}));
    // fresh_fruit under its own descendant, or under itself: a cycle.
    auto cycle = catalog().categories.update(admin, "fresh_fruit", CategoryFields{"level_3", "鲜果", "Fresh fruit", 10});
    EXPECT_EQ(fields_of(cycle), (std::vector<std::string>{"parent_id"}));
    EXPECT_NE(cycle.error().fields[0].message.find("cycle"), std::string::npos);
    auto self = catalog().categories.update(admin, "level_2", CategoryFields{"level_2", "层", "Level", 0});
    EXPECT_EQ(fields_of(self), (std::vector<std::string>{"parent_id"}));
    // Moving a three-level subtree under a second-level category would make five levels.
    ASSERT_TRUE(catalog().categories.create(admin, "dates", CategoryFields{"nuts_dried_fruit", "红枣", "Dates", 0}));
    auto deep_move = catalog().categories.update(admin, "level_2", CategoryFields{"dates", "层", "Level", 0});
    EXPECT_EQ(fields_of(deep_move), (std::vector<std::string>{"parent_id"}));
    EXPECT_EQ(catalog().categories.get("level_2")->fields.parent_id, "fresh_fruit");
}

TEST_P(CategoryServiceTest, BadInputAndOtherRolesChangeNothing) {
    const auto admin = user(Role::admin);
    const int64_t before = count_rows("categories");
    EXPECT_EQ(fields_of(catalog().categories.create(admin, "Bad Id", CategoryFields{std::nullopt, "甲", "A", 0})),
              (std::vector<std::string>{"id"}));
    EXPECT_EQ(fields_of(catalog().categories.create(admin, "ok_id", CategoryFields{std::nullopt, "", "", -1})),
              (std::vector<std::string>{"name_zh", "name_en", "sort_order"}));
    EXPECT_EQ(fields_of(catalog().categories.create(admin, "ok_id", CategoryFields{"no_such", "甲", "A", 0})),
              (std::vector<std::string>{"parent_id"}));
    auto taken = catalog().categories.create(admin, "cosmetics", CategoryFields{std::nullopt, "甲", "A", 0});
    EXPECT_EQ(taken.error().code, ErrorCode::already_exists);
    EXPECT_EQ(fields_of(taken), (std::vector<std::string>{"id"}));
    for (const Role role : {Role::fund_officer, Role::auditor, Role::producer, Role::buyer}) {
        const auto org = role == Role::producer ? std::optional(producer("p", "shache").id)
                         : role == Role::buyer  ? std::optional(buyer("b", "xuhui", BuyerChannel::supermarket).id)
                                                : std::nullopt;
        const auto actor = user(role, org);
        EXPECT_EQ(catalog().categories.create(actor, "new_one", CategoryFields{std::nullopt, "甲", "A", 0}).error().code,
                  ErrorCode::permission_denied);
        EXPECT_EQ(catalog().categories.update(actor, "cosmetics", CategoryFields{std::nullopt, "甲", "A", 0}).error().code,
                  ErrorCode::permission_denied);
    }
    EXPECT_EQ(count_rows("categories"), before);
    EXPECT_EQ(catalog().categories.get("cosmetics")->fields.name_zh, "化妆品");
    EXPECT_EQ(catalog().categories.update(admin, "no_such", CategoryFields{std::nullopt, "甲", "A", 0}).error().code,
              ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, CategoryServiceTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::catalog

// Products and brand standards on every backend: who may write, what the public sees, validation
// naming fields, the standard's round trip, and the catalogue filters.
#include "catalog/product_service.h"

#include <gtest/gtest.h>

#include <sstream>

#include "catalog_fixture.h"

namespace kl::catalog {
namespace {

using access::OrgKind;
using access::Role;
using testing::product_fields;
using testing::sample_standard;

// A readable dump of every field of a standard, so two standards compare field by field.
std::string dump(const BrandStandard& standard) {
    std::ostringstream out;
    for (const auto& grade : standard.grades) {
        out << "grade " << grade.code << "|" << grade.name_zh << "|" << grade.name_en << "|" << grade.rank << "\n";
        for (const auto& c : grade.criteria) {
            out << "  " << to_string(c.metric) << " " << c.min.value_or(-1) << " " << c.max.value_or(-1) << "\n";
        }
    }
    out << "packaging " << to_string(standard.packaging.type) << " " << standard.packaging.net_weight_g;
    for (const auto& material : standard.packaging.materials) out << " [" << material << "]";
    const Storage& s = standard.storage;
    out << "\nstorage " << s.temperature_min_c_x10 << " " << s.temperature_max_c_x10 << " " << s.humidity_min_pct << " "
        << s.humidity_max_pct << " " << s.shelf_life_days << "\ncold " << to_string(standard.logistics.cold_chain)
        << "\nchannels";
    for (const auto channel : standard.channels) out << " " << to_string(channel);
    out << "\nmoq " << standard.pricing.min_order_quantity << "\nlist";
    for (const auto& price : standard.pricing.list_prices) out << " " << price.grade << "=" << price.price_fen;
    for (const auto& tier : standard.pricing.tiers) {
        out << "\ntier " << tier.min_quantity;
        for (const auto& price : tier.prices) out << " " << price.grade << "=" << price.price_fen;
    }
    return out.str();
}

class ProductServiceTest : public testing::CatalogTest {
protected:
    std::vector<std::string> names(const Viewer& viewer, const ProductFilter& filter = {}) {
        auto page = catalog().products.list(viewer, filter, 100, std::nullopt);
        EXPECT_TRUE(page.has_value()) << (page ? "" : page.error().message);
        std::vector<std::string> out;
        if (page) {
            for (const auto& product : page->products) out.push_back(product.fields.name_zh);
        }
        return out;
    }
};

TEST_P(ProductServiceTest, ProducersCreateOnlyTheirOwnProducts) {
    const auto walnut = producer("叶城巧玲核桃食品有限公司", "yecheng");
    const auto almond = producer("莎车巴旦木合作社", "shache", OrgKind::cooperative);
    const auto market = buyer("上海农产品批发市场", "minhang", BuyerChannel::wholesale_market);
    const auto own = user(Role::producer, walnut.id);

    NewProduct cake{walnut.id, product_fields("核桃仁糕", "Walnut rice cake", "processed_food"), sample_standard()};
    auto made = catalog().products.create(own, cake);
    ASSERT_TRUE(made.has_value()) << made.error().message;
    EXPECT_EQ(made->county, "yecheng");
    EXPECT_EQ(made->producer_name, "叶城巧玲核桃食品有限公司");
    EXPECT_EQ(made->standard_version, 1);
    EXPECT_EQ(made->fields.status, ProductStatus::active);

    NewProduct for_other{almond.id, product_fields("巴旦木", "Almonds", "nuts_dried_fruit"), sample_standard()};
    EXPECT_EQ(catalog().products.create(own, for_other).error().code, ErrorCode::permission_denied);
    for (const Role role : {Role::fund_officer, Role::auditor}) {
        EXPECT_EQ(catalog().products.create(user(role), for_other).error().code, ErrorCode::permission_denied);
    }
    EXPECT_EQ(catalog().products.create(user(Role::buyer, market.id), for_other).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(count_rows("products"), 1);

    // An admin creates for any producer, but only a producing organisation with a county.
    EXPECT_TRUE(catalog().products.create(user(Role::admin), for_other).has_value());
    NewProduct for_buyer{market.id, product_fields("x", "x"), std::nullopt};
    EXPECT_EQ(fields_of(catalog().products.create(std::nullopt, for_buyer)), (std::vector<std::string>{"producer_id"}));
    NewProduct for_nobody{"no-such-org", product_fields("x", "x"), std::nullopt};
    EXPECT_EQ(fields_of(catalog().products.create(std::nullopt, for_nobody)), (std::vector<std::string>{"producer_id"}));
    EXPECT_EQ(count_rows("products"), 2);
}

TEST_P(ProductServiceTest, BadInputNamesEveryFieldAndWritesNothing) {
    const auto walnut = producer("叶城核桃", "yecheng");
    ProductFields fields = product_fields("", std::string(product_name_chars_max + 1, 'n'));
    fields.unit = SaleUnit{UnitKind::kg, 900};
    BrandStandard standard = sample_standard();
    standard.grades[1].criteria[0].max = 100;
    auto refused = catalog().products.create(std::nullopt, NewProduct{walnut.id, fields, standard});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(fields_of(refused),
              (std::vector<std::string>{"name_zh", "name_en", "unit/net_g", "standard/grades/1/criteria/0/max"}));

    const std::vector<std::pair<SaleUnit, bool>> units = {
        {{UnitKind::kg, 1000}, true},  {{UnitKind::jin, 500}, true},     {{UnitKind::jin, 1000}, false},
        {{UnitKind::box, 0}, false},   {{UnitKind::box, 2500}, true},     {{UnitKind::box, box_net_g_max + 1}, false},
        {{UnitKind::piece, 0}, true},  {{UnitKind::piece, -1}, false},
    };
    for (const auto& [unit, valid] : units) {
        ProductFields candidate = product_fields("核桃", "Walnuts", "nuts_dried_fruit", ProductStatus::draft);
        candidate.unit = unit;
        EXPECT_EQ(check_product_fields(candidate).has_value(), valid) << to_string(unit.kind) << " " << unit.net_g;
    }

    auto unknown_category = catalog().products.create(
        std::nullopt, NewProduct{walnut.id, product_fields("核桃", "Walnuts", "no_such_category"), sample_standard()});
    EXPECT_EQ(fields_of(unknown_category), (std::vector<std::string>{"category_id"}));
    auto active_without_standard =
        catalog().products.create(std::nullopt, NewProduct{walnut.id, product_fields("核桃", "Walnuts"), std::nullopt});
    EXPECT_EQ(active_without_standard.error().code, ErrorCode::failed_precondition);
    EXPECT_EQ(fields_of(active_without_standard), (std::vector<std::string>{"status"}));
    EXPECT_EQ(count_rows("products"), 0);
    EXPECT_EQ(count_rows("product_grades"), 0);
}

TEST_P(ProductServiceTest, TheStandardRoundTripsAndVersions) {
    const auto melon = producer("巴楚留香瓜合作社", "bachu", OrgKind::cooperative);
    const auto made = product(melon.id, "留香瓜", "Liuxiang melon");
    auto read = catalog().products.standard(Viewer::anonymous(), made.id);
    ASSERT_TRUE(read.has_value()) << read.error().message;
    EXPECT_EQ(read->version, 1);
    EXPECT_EQ(dump(read->standard), dump(sample_standard()));

    // A new standard: grade B dropped, grade C added, grades renamed and re-ranked in place.
    BrandStandard next = sample_standard();
    next.grades = {Grade{"C", "二级", "Second", 1, {}}, Grade{"A", "特级", "Premium", 2, {Criterion{Metric::diameter_mm, 80, std::nullopt}}}};
    next.pricing.list_prices = {GradePrice{"C", 5000}, GradePrice{"A", 13800}};
    next.pricing.tiers = {PriceTier{50, {GradePrice{"C", 4500}}}};
    next.channels = {SalesChannel::canteen, SalesChannel::fair_intent};
    next.packaging.materials.clear();
    const auto own = user(Role::producer, melon.id);
    auto written = catalog().products.set_standard(own, made.id, next);
    ASSERT_TRUE(written.has_value()) << written.error().message;
    EXPECT_EQ(written->version, 2);
    // Read back in canonical order: grades by rank, channels in the order of all_sales_channels().
    std::swap(next.channels[0], next.channels[1]);
    EXPECT_EQ(dump(written->standard), dump(next));
    EXPECT_EQ(catalog().products.get(Viewer::anonymous(), made.id)->standard_version, 2);
    EXPECT_EQ(count_rows("product_grades"), 2);
    EXPECT_EQ(count_rows("product_grade_criteria"), 1);

    // Refusals change nothing.
    BrandStandard bad = next;
    bad.storage.shelf_life_days = 0;
    EXPECT_EQ(fields_of(catalog().products.set_standard(own, made.id, bad)),
              (std::vector<std::string>{"standard/storage/shelf_life_days"}));
    const auto stranger = user(Role::producer, producer("别人", "bachu").id);
    EXPECT_EQ(catalog().products.set_standard(stranger, made.id, sample_standard()).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(catalog().products.set_standard(user(Role::auditor), made.id, sample_standard()).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(catalog().products.standard(Viewer::anonymous(), made.id)->version, 2);

    const auto bare = product(melon.id, "无标准", "No standard", "fresh_fruit", ProductStatus::draft, std::nullopt);
    EXPECT_EQ(catalog().products.standard(Viewer::command_line(), bare.id).error().code, ErrorCode::not_found);
}

TEST_P(ProductServiceTest, DraftsAreSeenOnlyByOwnerCountyAndProgramme) {
    const auto shache_branch = agency("莎车分指挥部", std::string("shache"));
    const auto zepu_branch = agency("泽普分指挥部", std::string("zepu"));
    const auto almond = producer("莎车巴旦木", "shache");
    const auto other = producer("莎车另一家", "shache");
    const auto market = buyer("盒马", "pudong", BuyerChannel::supermarket);
    const auto draft = product(almond.id, "巴旦木草稿", "Almond draft", "nuts_dried_fruit", ProductStatus::draft);
    const auto gone = product(almond.id, "巴旦木停售", "Almond withdrawn", "nuts_dried_fruit", ProductStatus::withdrawn);
    product(almond.id, "巴旦木", "Almonds", "nuts_dried_fruit");

    for (const auto& viewer : {Viewer::of(user(Role::producer, almond.id)), Viewer::of(user(Role::county_officer, shache_branch.id)),
                               Viewer::of(user(Role::admin)), Viewer::of(user(Role::auditor)), Viewer::command_line()}) {
        EXPECT_TRUE(catalog().products.get(viewer, draft.id).has_value());
        EXPECT_EQ(names(viewer).size(), 3u);
    }
    for (const auto& viewer : {Viewer::anonymous(), Viewer::of(user(Role::buyer, market.id)),
                               Viewer::of(user(Role::producer, other.id)),
                               Viewer::of(user(Role::county_officer, zepu_branch.id))}) {
        EXPECT_EQ(catalog().products.get(viewer, draft.id).error().code, ErrorCode::not_found);
        EXPECT_EQ(catalog().products.get(viewer, gone.id).error().code, ErrorCode::not_found);
        EXPECT_EQ(names(viewer), (std::vector<std::string>{"巴旦木"}));
        EXPECT_EQ(catalog().products.standard(viewer, draft.id).error().code, ErrorCode::not_found);
    }
    // Another producer cannot learn that a draft exists by trying to change it.
    const auto stranger = user(Role::producer, other.id);
    EXPECT_EQ(catalog().products.update(stranger, draft.id, draft.fields).error().code, ErrorCode::not_found);
}

TEST_P(ProductServiceTest, UpdatesByTheOwner) {
    const auto walnut = producer("叶城核桃", "yecheng");
    const auto other = producer("叶城别家", "yecheng");
    const auto made = product(walnut.id, "核桃", "Walnuts", "nuts_dried_fruit");
    ProductFields changed = made.fields;
    changed.name_en = "Paper-shell walnuts";
    changed.unit = SaleUnit{UnitKind::jin, 500};
    changed.status = ProductStatus::withdrawn;
    auto updated = catalog().products.update(user(Role::producer, walnut.id), made.id, changed);
    ASSERT_TRUE(updated.has_value()) << updated.error().message;
    EXPECT_EQ(updated->fields.name_en, "Paper-shell walnuts");
    EXPECT_EQ(updated->fields.unit, (SaleUnit{UnitKind::jin, 500}));
    EXPECT_EQ(updated->fields.status, ProductStatus::withdrawn);

    changed.status = ProductStatus::active;
    const auto active = product(other.id, "别家核桃", "Other walnuts", "nuts_dried_fruit");
    EXPECT_EQ(catalog().products.update(user(Role::producer, walnut.id), active.id, changed).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(catalog().products.update(user(Role::auditor), made.id, changed).error().code,
              ErrorCode::permission_denied);
    changed.category_id = "no_such";
    EXPECT_EQ(fields_of(catalog().products.update(std::nullopt, made.id, changed)),
              (std::vector<std::string>{"category_id"}));
    const auto bare = product(walnut.id, "无标准", "No standard", "fresh_fruit", ProductStatus::draft, std::nullopt);
    EXPECT_EQ(fields_of(catalog().products.update(std::nullopt, bare.id, product_fields("无标准", ""))),
              (std::vector<std::string>{"status"}));
    EXPECT_EQ(catalog().products.get(Viewer::command_line(), made.id)->fields.status, ProductStatus::withdrawn);
}

TEST_P(ProductServiceTest, CatalogueFilters) {
    const auto admin = user(Role::admin);
    ASSERT_TRUE(catalog().categories.create(admin, "melons", CategoryFields{"fresh_fruit", "甜瓜", "Melons", 0}));
    ASSERT_TRUE(catalog().categories.create(admin, "bachu_melons", CategoryFields{"melons", "留香瓜", "Liuxiang", 0}));
    const auto shache = producer("莎车果业", "shache");
    const auto bachu = producer("巴楚瓜业", "bachu");
    product(shache.id, "莎车巴旦木", "Shache Almonds", "nuts_dried_fruit");
    product(shache.id, "阿克苏苹果", "Aksu APPLES", "fresh_fruit");
    product(bachu.id, "巴楚留香瓜", "Bachu Liuxiang Melon", "bachu_melons");
    BrandStandard livestream = sample_standard();
    livestream.channels = {SalesChannel::livestream};
    product(bachu.id, "哈密瓜", "Hami melon", "melons", ProductStatus::active, livestream);
    const Viewer anyone = Viewer::anonymous();

    ProductFilter filter;
    filter.county = "bachu";
    EXPECT_EQ(names(anyone, filter), (std::vector<std::string>{"巴楚留香瓜", "哈密瓜"}));
    filter = {};
    filter.category = "fresh_fruit";  // includes melons and bachu_melons below it
    EXPECT_EQ(names(anyone, filter), (std::vector<std::string>{"阿克苏苹果", "巴楚留香瓜", "哈密瓜"}));
    filter.category = "melons";
    EXPECT_EQ(names(anyone, filter), (std::vector<std::string>{"巴楚留香瓜", "哈密瓜"}));
    filter.category = "bachu_melons";
    EXPECT_EQ(names(anyone, filter), (std::vector<std::string>{"巴楚留香瓜"}));
    filter = {};
    filter.channel = SalesChannel::livestream;
    EXPECT_EQ(names(anyone, filter), (std::vector<std::string>{"哈密瓜"}));
    filter.channel = SalesChannel::wholesale;
    EXPECT_EQ(names(anyone, filter).size(), 3u);
    filter = {};
    filter.producer = shache.id;
    EXPECT_EQ(names(anyone, filter), (std::vector<std::string>{"莎车巴旦木", "阿克苏苹果"}));
    filter = {};
    filter.window.q = "apples";
    EXPECT_EQ(names(anyone, filter), (std::vector<std::string>{"阿克苏苹果"}));
    filter.window.q = "瓜";
    EXPECT_EQ(names(anyone, filter), (std::vector<std::string>{"巴楚留香瓜", "哈密瓜"}));
    filter.window.q = "MELON";
    EXPECT_EQ(names(anyone, filter).size(), 2u);
    filter.window.q = "%";
    EXPECT_TRUE(names(anyone, filter).empty());

    ProductFilter bad;
    bad.county = "kashgar";
    bad.category = "no_such";
    bad.window.q = std::string(101, 'q');
    EXPECT_EQ(fields_of(catalog().products.list(anyone, bad, 10, std::nullopt)),
              (std::vector<std::string>{"q", "county", "category"}));

    std::vector<std::string> paged;
    std::optional<std::string> cursor;
    do {
        auto page = catalog().products.list(anyone, {}, 3, cursor);
        ASSERT_TRUE(page.has_value());
        for (const auto& product : page->products) paged.push_back(product.fields.name_zh);
        cursor = page->next_cursor;
    } while (cursor);
    EXPECT_EQ(paged, names(anyone));
    EXPECT_EQ(paged.size(), 4u);
}

TEST_P(ProductServiceTest, SqlMetacharactersAreStoredVerbatim) {
    const auto walnut = producer("叶城核桃", "yecheng");
    const std::string name = "核桃'); DROP TABLE products;--";
    const std::string name_en = "50% \"off\" _today_ \\ O'Brien";
    const auto made = product(walnut.id, name, name_en, "nuts_dried_fruit");
    auto read = catalog().products.get(Viewer::anonymous(), made.id);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->fields.name_zh, name);
    EXPECT_EQ(read->fields.name_en, name_en);
    for (const char* needle : {"'); DROP", "50%", "_today_", "\\ o'brien", "\"OFF\""}) {
        ProductFilter filter;
        filter.window.q = needle;
        EXPECT_EQ(names(Viewer::anonymous(), filter).size(), 1u) << needle;
    }
    BrandStandard standard = sample_standard();
    standard.grades[0].code = "特级'--";
    standard.pricing.list_prices[0].grade = "特级'--";
    standard.pricing.tiers[0].prices[0].grade = "特级'--";
    standard.pricing.tiers[1].prices[0].grade = "特级'--";
    standard.packaging.materials = {"纸箱'; DELETE FROM product_grades;--"};
    ASSERT_TRUE(catalog().products.set_standard(std::nullopt, made.id, standard).has_value());
    auto stored = catalog().products.standard(Viewer::anonymous(), made.id);
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->standard.grades[0].code, "特级'--");
    EXPECT_EQ(stored->standard.packaging.materials[0], "纸箱'; DELETE FROM product_grades;--");
    EXPECT_EQ(count_rows("product_grades"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProductServiceTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::catalog

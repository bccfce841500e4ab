// The organisation directory on every backend: profile rules per kind, credit codes, who reads whom,
// filters and pages, supply links.
#include "catalog/organisation_directory.h"

#include <gtest/gtest.h>

#include <set>

#include "catalog/name_search.h"
#include "catalog_fixture.h"

namespace kl::catalog {
namespace {

using access::OrgKind;
using access::Role;
using testing::credit_code_for;

class OrganisationDirectoryTest : public testing::CatalogTest {};

OrganisationFields enterprise_fields(const std::string& name, const std::string& code) {
    OrganisationFields fields;
    fields.name = name;
    fields.name_en = "Qiaoling Walnut Foods";
    fields.kind = OrgKind::enterprise;
    fields.credit_code = code;
    fields.county = "yecheng";
    fields.contact_name = "阿依古丽";
    fields.contact_phone = "+86 (998) 728-1234";
    fields.address = "叶城县喀格勒克镇";
    return fields;
}

TEST_P(OrganisationDirectoryTest, AdminCreatesAProfileThroughTheIdentityRow) {
    const auto admin = user(Role::admin);
    auto made = catalog().organisations.create(admin, enterprise_fields("叶城巧玲核桃食品有限公司",
                                                                        "91350100m000100y43"));
    ASSERT_TRUE(made.has_value()) << made.error().message;
    EXPECT_EQ(made->fields.credit_code, "91350100M000100Y43");  // stored upper-case
    EXPECT_EQ(made->created_at_ms, test::test_epoch_ms);
    // One row, shared with the access module: its service sees the same identity.
    auto identity = stack().organisations.get(std::nullopt, made->id);
    ASSERT_TRUE(identity.has_value());
    EXPECT_EQ(identity->name, "叶城巧玲核桃食品有限公司");
    EXPECT_EQ(identity->kind, OrgKind::enterprise);
    auto read = catalog().organisations.get(admin, made->id);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->fields.county, "yecheng");
    EXPECT_EQ(read->fields.contact_phone, "+86 (998) 728-1234");
    EXPECT_EQ(count_rows("organisations WHERE is_system = 0"), 1);
}

TEST_P(OrganisationDirectoryTest, OnlyAdminCreatesOrUpdates) {
    const auto shache = agency("莎车分指挥部", std::string("shache"));
    for (const auto& actor : {user(Role::fund_officer), user(Role::auditor), user(Role::county_officer, shache.id)}) {
        auto refused = catalog().organisations.create(actor, enterprise_fields("X", credit_code_for(1)));
        ASSERT_FALSE(refused.has_value());
        EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
        auto not_updated = catalog().organisations.update(actor, shache.id, shache.fields);
        ASSERT_FALSE(not_updated.has_value());
        EXPECT_EQ(not_updated.error().code, ErrorCode::permission_denied);
    }
    EXPECT_EQ(count_rows("organisations WHERE is_system = 0"), 1);
}

TEST_P(OrganisationDirectoryTest, FieldsEachKindNeeds) {
    OrganisationFields no_county = enterprise_fields("A", credit_code_for(1));
    no_county.county.reset();
    no_county.district = "pudong";
    EXPECT_EQ(fields_of(catalog().organisations.create(std::nullopt, no_county)),
              (std::vector<std::string>{"county", "district"}));

    OrganisationFields buyer_fields;
    buyer_fields.name = "盒马";
    buyer_fields.kind = OrgKind::buyer;
    buyer_fields.county = "shache";
    EXPECT_EQ(fields_of(catalog().organisations.create(std::nullopt, buyer_fields)),
              (std::vector<std::string>{"credit_code", "county", "district", "channel"}));

    OrganisationFields household;
    household.name = "买买提·艾力";
    household.kind = OrgKind::household;
    household.county = "zepu";
    EXPECT_TRUE(catalog().organisations.create(std::nullopt, household).has_value());  // no code needed
    household.county = "kashgar";
    EXPECT_EQ(fields_of(catalog().organisations.create(std::nullopt, household)), (std::vector<std::string>{"county"}));
    household.county = "zepu";
    household.district = "nowhere";
    EXPECT_EQ(fields_of(catalog().organisations.create(std::nullopt, household)), (std::vector<std::string>{"district"}));
    EXPECT_EQ(count_rows("organisations WHERE is_system = 0"), 1);
}

TEST_P(OrganisationDirectoryTest, BadValuesAreAllNamedAndNothingIsWritten) {
    OrganisationFields fields = enterprise_fields("", "91350100M000100Y44");
    fields.name_en = std::string(organisation_name_en_chars_max + 1, 'e');
    fields.contact_phone = "call me";
    fields.address = "line\nbreak";
    auto refused = catalog().organisations.create(std::nullopt, fields);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(fields_of(refused),
              (std::vector<std::string>{"name", "name_en", "contact_phone", "address", "credit_code"}));
    EXPECT_EQ(count_rows("organisations WHERE is_system = 0"), 0);
}

TEST_P(OrganisationDirectoryTest, CreditCodesAreUnique) {
    const auto first = organisation(enterprise_fields("第一", credit_code_for(7)));
    auto second = catalog().organisations.create(std::nullopt, enterprise_fields("第二", credit_code_for(7)));
    ASSERT_FALSE(second.has_value());
    EXPECT_EQ(second.error().code, ErrorCode::already_exists);
    EXPECT_EQ(fields_of(second), (std::vector<std::string>{"credit_code"}));
    EXPECT_EQ(count_rows("organisations WHERE is_system = 0"), 1);  // nothing of the refused one was written
    // Keeping its own code on update is not a collision.
    OrganisationFields renamed = first.fields;
    renamed.name = "第一（更名）";
    auto updated = catalog().organisations.update(std::nullopt, first.id, renamed);
    ASSERT_TRUE(updated.has_value()) << updated.error().message;
    EXPECT_EQ(updated->fields.name, "第一（更名）");
}

TEST_P(OrganisationDirectoryTest, UpdateKeepsTheKindAndAProducersCounty) {
    const auto walnut = producer("叶城核桃", "yecheng");
    OrganisationFields as_coop = walnut.fields;
    as_coop.kind = OrgKind::cooperative;
    EXPECT_EQ(fields_of(catalog().organisations.update(std::nullopt, walnut.id, as_coop)),
              (std::vector<std::string>{"kind"}));
    OrganisationFields moved = walnut.fields;
    moved.county = "bachu";
    auto before_products = catalog().organisations.update(std::nullopt, walnut.id, moved);
    ASSERT_TRUE(before_products.has_value()) << before_products.error().message;
    product(walnut.id, "核桃", "Walnuts", "nuts_dried_fruit");
    moved.county = "yecheng";
    auto refused = catalog().organisations.update(std::nullopt, walnut.id, moved);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
    EXPECT_EQ(fields_of(refused), (std::vector<std::string>{"county"}));
    EXPECT_EQ(catalog().organisations.get(std::nullopt, walnut.id)->fields.county, "bachu");
    EXPECT_EQ(catalog().organisations.update(std::nullopt, "no-such-org", moved).error().code, ErrorCode::not_found);
}

TEST_P(OrganisationDirectoryTest, WhoReadsWhom) {
    const auto shache_branch = agency("莎车分指挥部", std::string("shache"));
    const auto front_command = agency("前方指挥部", std::nullopt);
    const auto shache_almond = producer("莎车巴旦木", "shache");
    const auto shache_household = producer("莎车农户", "shache", OrgKind::household);
    const auto zepu_dates = producer("泽普红枣", "zepu");
    const auto market = buyer("上海农产品批发市场", "minhang", BuyerChannel::wholesale_market);

    const auto officer = user(Role::county_officer, shache_branch.id);
    for (const auto& id : {shache_branch.id, shache_almond.id, shache_household.id}) {
        EXPECT_TRUE(catalog().organisations.get(officer, id).has_value()) << id;
    }
    for (const auto& id : {zepu_dates.id, market.id, front_command.id, std::string("no-such-org")}) {
        auto refused = catalog().organisations.get(officer, id);
        ASSERT_FALSE(refused.has_value());
        EXPECT_EQ(refused.error().code, ErrorCode::permission_denied) << id;  // never not_found: no probing
    }
    // An officer of an agency without a county reads only its own organisation.
    const auto front_officer = user(Role::county_officer, front_command.id);
    EXPECT_EQ(catalog().organisations.get(front_officer, shache_almond.id).error().code, ErrorCode::permission_denied);

    const auto almond_user = user(Role::producer, shache_almond.id);
    EXPECT_TRUE(catalog().organisations.get(almond_user, shache_almond.id).has_value());
    EXPECT_EQ(catalog().organisations.get(almond_user, shache_household.id).error().code, ErrorCode::permission_denied);
    for (const Role role : {Role::admin, Role::fund_officer, Role::auditor}) {
        EXPECT_TRUE(catalog().organisations.get(user(role), zepu_dates.id).has_value());
        EXPECT_EQ(catalog().organisations.get(user(role), "no-such-org").error().code, ErrorCode::not_found);
    }

    auto officer_list = catalog().organisations.list(officer, {}, 50, std::nullopt);
    ASSERT_TRUE(officer_list.has_value()) << officer_list.error().message;
    std::set<std::string> seen;
    for (const auto& org : officer_list->organisations) seen.insert(org.id);
    EXPECT_EQ(seen, (std::set<std::string>{shache_branch.id, shache_almond.id, shache_household.id}));
    auto producer_list = catalog().organisations.list(almond_user, {}, 50, std::nullopt);
    ASSERT_TRUE(producer_list.has_value());
    ASSERT_EQ(producer_list->organisations.size(), 1u);
    EXPECT_EQ(producer_list->organisations[0].id, shache_almond.id);
}

TEST_P(OrganisationDirectoryTest, FiltersAndPages) {
    producer("莎车巴旦木合作社", "shache", OrgKind::cooperative);
    producer("Yecheng Walnut Co", "yecheng");
    buyer("盒马鲜生 Freshippo", "pudong", BuyerChannel::supermarket);
    buyer("叮咚买菜 Dingdong", "pudong", BuyerChannel::ecommerce);
    buyer("100% Fresh_Market \\ Ltd", "huangpu", BuyerChannel::fresh_market);
    const auto searching = [](const std::string& q) {
        store::ListWindow window;
        window.q = q;
        return window;
    };
    const auto list = [&](OrganisationFilter filter) {
        auto page = catalog().organisations.list(std::nullopt, filter, 50, std::nullopt);
        EXPECT_TRUE(page.has_value());
        std::vector<std::string> names;
        for (const auto& org : page->organisations) names.push_back(org.fields.name);
        return names;
    };
    EXPECT_EQ(list({OrgKind::buyer, std::nullopt, "pudong", std::nullopt, {}}),
              (std::vector<std::string>{"盒马鲜生 Freshippo", "叮咚买菜 Dingdong"}));
    EXPECT_EQ(list({std::nullopt, "shache", std::nullopt, std::nullopt, {}}),
              (std::vector<std::string>{"莎车巴旦木合作社"}));
    EXPECT_EQ(list({std::nullopt, std::nullopt, std::nullopt, BuyerChannel::ecommerce, {}}),
              (std::vector<std::string>{"叮咚买菜 Dingdong"}));
    // Text search: Chinese, English (any case), and the English name; % _ \ match only themselves.
    EXPECT_EQ(list({std::nullopt, std::nullopt, std::nullopt, std::nullopt, searching("巴旦木")}),
              (std::vector<std::string>{"莎车巴旦木合作社"}));
    EXPECT_EQ(list({std::nullopt, std::nullopt, std::nullopt, std::nullopt, searching("WALNUT")}),
              (std::vector<std::string>{"Yecheng Walnut Co"}));
    // Typed text is NFKC-normalised first: full-width Ｗａｌｎｕｔ finds Walnut.
    EXPECT_EQ(list({std::nullopt, std::nullopt, std::nullopt, std::nullopt, searching("\uFF37\uFF41\uFF4C\uFF4E\uFF55\uFF54")}),
              (std::vector<std::string>{"Yecheng Walnut Co"}));
    EXPECT_EQ(list({std::nullopt, std::nullopt, std::nullopt, std::nullopt, searching("(en)")}).size(), 2u);
    EXPECT_EQ(list({std::nullopt, std::nullopt, std::nullopt, std::nullopt, searching("100%")}).size(), 1u);
    EXPECT_EQ(list({std::nullopt, std::nullopt, std::nullopt, std::nullopt, searching("h_M")}).size(), 1u);
    EXPECT_EQ(list({std::nullopt, std::nullopt, std::nullopt, std::nullopt, searching("%")}).size(), 1u);
    EXPECT_EQ(list({std::nullopt, std::nullopt, std::nullopt, std::nullopt, searching("\\")}).size(), 1u);
    EXPECT_EQ(list({std::nullopt, std::nullopt, std::nullopt, std::nullopt, searching("_")}).size(), 1u);

    std::vector<std::string> paged;
    std::optional<std::string> cursor;
    do {
        auto page = catalog().organisations.list(std::nullopt, {}, 2, cursor);
        ASSERT_TRUE(page.has_value());
        EXPECT_LE(page->organisations.size(), 2u);
        for (const auto& org : page->organisations) paged.push_back(org.id);
        cursor = page->next_cursor;
    } while (cursor);
    EXPECT_EQ(paged.size(), 5u);
    EXPECT_EQ(std::set<std::string>(paged.begin(), paged.end()).size(), 5u);
    EXPECT_TRUE(std::is_sorted(paged.begin(), paged.end()));

    EXPECT_EQ(fields_of(catalog().organisations.list(std::nullopt, {}, 0, std::nullopt)),
              (std::vector<std::string>{"limit"}));
    EXPECT_EQ(fields_of(catalog().organisations.list(std::nullopt, {}, 5, std::string("zz"))),
              (std::vector<std::string>{"cursor"}));
    OrganisationFilter long_q;
    long_q.window.q = std::string(search_text_chars_max + 1, 'q');
    EXPECT_EQ(fields_of(catalog().organisations.list(std::nullopt, long_q, 5, std::nullopt)),
              (std::vector<std::string>{"q"}));
}

TEST_P(OrganisationDirectoryTest, SqlMetacharactersAreStoredVerbatim) {
    const std::string name = "O'Brien & Sons'; DROP TABLE organisations;-- \"x\"";
    OrganisationFields fields = enterprise_fields(name, credit_code_for(3));
    fields.address = "Robert'); DELETE FROM products; --";
    const auto made = organisation(fields);
    auto read = catalog().organisations.get(std::nullopt, made.id);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->fields.name, name);
    EXPECT_EQ(read->fields.address, "Robert'); DELETE FROM products; --");
    OrganisationFilter filter;
    filter.window.q = "'; DROP";
    EXPECT_EQ(catalog().organisations.list(std::nullopt, filter, 5, std::nullopt)->organisations.size(), 1u);
}

TEST_P(OrganisationDirectoryTest, SupplyLinks) {
    const auto company = producer("莎车巴旦木公司", "shache");
    const auto workshop = producer("刺绣工坊", "shache", OrgKind::family_workshop);
    const auto farm_a = producer("农户甲", "shache", OrgKind::household);
    const auto farm_b = producer("农户乙", "zepu", OrgKind::household);
    const auto other = producer("别的公司", "shache");

    auto set = catalog().organisations.set_supply_links(
        std::nullopt, company.id, {{farm_a.id, 4000}, {workshop.id, 2500}, {farm_b.id, 3500}});
    ASSERT_TRUE(set.has_value()) << set.error().message;
    ASSERT_EQ(set->size(), 3u);
    int64_t total = 0;
    for (const auto& link : *set) total += link.share_bp;
    EXPECT_EQ(total, 10000);

    // Over 100 %, duplicates, wrong kinds and unknown ids: every problem named, nothing changed.
    auto over = catalog().organisations.set_supply_links(std::nullopt, company.id, {{farm_a.id, 6000}, {farm_b.id, 4001}});
    EXPECT_EQ(fields_of(over), (std::vector<std::string>{"links"}));
    auto twice = catalog().organisations.set_supply_links(std::nullopt, company.id, {{farm_a.id, 10}, {farm_a.id, 10}});
    EXPECT_EQ(fields_of(twice), (std::vector<std::string>{"links/1/supplier_id"}));
    auto kinds = catalog().organisations.set_supply_links(
        std::nullopt, company.id, {{other.id, 10}, {"no-such-org", 10}, {farm_a.id, 0}});
    EXPECT_EQ(fields_of(kinds), (std::vector<std::string>{"links/2/share_bp"}));
    auto kinds_only = catalog().organisations.set_supply_links(std::nullopt, company.id, {{other.id, 10}, {"no-such-org", 10}});
    EXPECT_EQ(fields_of(kinds_only), (std::vector<std::string>{"links/0/supplier_id", "links/1/supplier_id"}));
    EXPECT_EQ(catalog().organisations.supply_links(std::nullopt, company.id)->size(), 3u);
    EXPECT_EQ(catalog().organisations.set_supply_links(std::nullopt, farm_a.id, {{farm_b.id, 10}}).error().code,
              ErrorCode::failed_precondition);

    // The enterprise's own producer may replace them; another producer may not; the auditor reads.
    const auto own = user(Role::producer, company.id);
    const auto stranger = user(Role::producer, other.id);
    auto replaced = catalog().organisations.set_supply_links(own, company.id, {{farm_a.id, 10000}});
    ASSERT_TRUE(replaced.has_value());
    EXPECT_EQ(replaced->size(), 1u);
    EXPECT_EQ(replaced->at(0).supplier_kind, OrgKind::household);
    EXPECT_EQ(catalog().organisations.set_supply_links(stranger, company.id, {}).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(catalog().organisations.supply_links(stranger, company.id).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(catalog().organisations.set_supply_links(user(Role::auditor), company.id, {}).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(catalog().organisations.supply_links(user(Role::auditor), company.id)->size(), 1u);
    auto cleared = catalog().organisations.set_supply_links(own, company.id, {});
    ASSERT_TRUE(cleared.has_value());
    EXPECT_TRUE(cleared->empty());
    EXPECT_EQ(count_rows("supply_links"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, OrganisationDirectoryTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::catalog

// The catalog routes through the real server on every backend: JSON shapes, bad input answered
// with problem+json naming each field (and nothing written), filters and pages in the query string,
// Idempotency-Key and CSRF on organisation creation.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "catalog_world.h"

namespace kl::catalog::testing {
namespace {

using access::Role;
using nlohmann::json;
using test::HttpReply;
using test::Target;

class CatalogRoutesTest : public ::testing::TestWithParam<std::string> {
protected:
    CatalogRoutesTest() : w(GetParam()) {}

    HttpReply as(Role role, const std::string& method, const std::string& path, const json& body = nullptr,
                 httplib::Headers headers = {}) {
        return w.world().call_as(role, method, path, body.is_null() ? "" : body.dump(), std::move(headers));
    }
    static json parsed(const HttpReply& reply) { return json::parse(reply.body); }
    // The field names of a problem answer.
    static std::vector<std::string> fields(const HttpReply& reply) {
        std::vector<std::string> out;
        EXPECT_EQ(reply.content_type.rfind("application/problem+json", 0), 0u) << reply.body;
        const json body = json::parse(reply.body);
        for (const auto& error : body.value("errors", json::array())) out.push_back(error.at("field").get<std::string>());
        return out;
    }
    int64_t count(const std::string& table) {
        return w.world().store().read([&](store::Tx& tx) -> Result<int64_t> {
            KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*) AS n FROM " + table));
            return rows[0].i64("n");
        }).value();
    }
    std::string own_org() const { return w.org(Role::producer, Target::own); }
    // POST /api/v1/products by the producer: an active product with its standard.
    HttpReply create_active_product(const std::string& name) {
        json body = CatalogWorld::product_body(own_org(), name);
        body["status"] = "active";
        body["standard"] = CatalogWorld::standard_body();
        return as(Role::producer, "POST", "/api/v1/products", body);
    }

    CatalogWorld w;
};

TEST_P(CatalogRoutesTest, ReferenceDataIsPublic) {
    const json counties = parsed(w.world().call("GET", "/api/v1/counties"));
    ASSERT_EQ(counties.at("items").size(), 4u);
    EXPECT_EQ(counties["items"][0], (json{{"code", "shache"}, {"division_code", "653125"}, {"name_zh", "莎车县"},
                                          {"name_en", "Shache County"}}));
    const json districts = parsed(w.world().call("GET", "/api/v1/districts"));
    ASSERT_EQ(districts.at("items").size(), 16u);
    std::set<std::string> names;
    for (const auto& district : districts["items"]) names.insert(district.at("name_zh").get<std::string>());
    for (const char* name : {"黄浦区", "浦东新区", "静安区", "崇明区", "嘉定区", "闵行区"}) EXPECT_TRUE(names.count(name)) << name;
    const json categories = parsed(w.world().call("GET", "/api/v1/categories"));
    ASSERT_EQ(categories.at("items").size(), 10u);
    EXPECT_EQ(categories["items"][9].at("name_zh"), "珠宝首饰");
}

TEST_P(CatalogRoutesTest, CategoriesThroughTheApi) {
    const HttpReply made = as(Role::admin, "POST", "/api/v1/categories",
                              {{"id", "melons"}, {"parent_id", "fresh_fruit"}, {"name_zh", "甜瓜"}, {"name_en", "Melons"}});
    ASSERT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(parsed(made).at("parent_id"), "fresh_fruit");
    const HttpReply cycle = as(Role::admin, "PUT", "/api/v1/categories/fresh_fruit",
                               {{"parent_id", "melons"}, {"name_zh", "鲜果"}, {"name_en", "Fresh fruit"}});
    EXPECT_EQ(cycle.status, 400);
    EXPECT_EQ(fields(cycle), (std::vector<std::string>{"parent_id"}));
    const HttpReply bad = as(Role::admin, "POST", "/api/v1/categories",
                             {{"id", 7}, {"name_zh", "甲"}, {"name_en", "A"}, {"colour", "red"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(fields(bad), (std::vector<std::string>{"colour", "id"}));
    EXPECT_EQ(as(Role::admin, "PUT", "/api/v1/categories/nothing_here", {{"name_zh", "甲"}, {"name_en", "A"}}).status, 404);
    EXPECT_EQ(count("categories"), 11);
}

TEST_P(CatalogRoutesTest, ProductAndStandardRoundTrip) {
    const HttpReply made = create_active_product("叶城核桃 Paper-shell");
    ASSERT_EQ(made.status, 201) << made.body;
    const json product = parsed(made);
    const std::string id = product.at("id");
    EXPECT_EQ(made.headers.find("Location")->second, "/api/v1/products/" + id);
    EXPECT_EQ(product.at("county"), "shache");
    EXPECT_EQ(product.at("unit"), (json{{"kind", "box"}, {"net_g", 2500}}));
    EXPECT_EQ(product.at("standard_version"), 1);
    EXPECT_EQ(product.at("aid_status_today"), "none");

    const HttpReply standard = w.world().call("GET", "/api/v1/products/" + id + "/standard");
    ASSERT_EQ(standard.status, 200) << standard.body;
    json expected = CatalogWorld::standard_body();
    expected["grades"][1]["name_en"] = "";  // absent name_en reads back empty
    EXPECT_EQ(parsed(standard).at("standard"), expected);
    EXPECT_EQ(parsed(standard).at("version"), 1);

    // PUT the same standard back, changed: the version moves on.
    json changed = CatalogWorld::standard_body();
    changed["storage"]["shelf_life_days"] = 90;
    const HttpReply put = as(Role::producer, "PUT", "/api/v1/products/" + id + "/standard", {{"standard", changed}});
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(parsed(put).at("version"), 2);
    EXPECT_EQ(parsed(put)["standard"]["storage"]["shelf_life_days"], 90);

    // Kilograms need no net_g; PUT replaces the fields it names (name_en, left out, is kept).
    const HttpReply updated = as(Role::producer, "PUT", "/api/v1/products/" + id,
                                 {{"name_zh", "叶城薄皮核桃"}, {"category_id", "nuts_dried_fruit"},
                                  {"unit", {{"kind", "kg"}}}, {"status", "withdrawn"}});
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(parsed(updated).at("unit"), (json{{"kind", "kg"}, {"net_g", 1000}}));
    EXPECT_EQ(parsed(updated).at("name_en"), "Walnuts");
    EXPECT_EQ(w.world().call("GET", "/api/v1/products/" + id).status, 404);  // withdrawn: not public
}

// Issue 14 item 5: a page of the catalogue carries each product's "from" price, so the console asks
// for no standard per product; a product without a standard has none (null).
TEST_P(CatalogRoutesTest, TheListCarriesEachProductsLowestListPrice) {
    const HttpReply priced = create_active_product("叶城核桃");
    ASSERT_EQ(priced.status, 201) << priced.body;
    EXPECT_EQ(parsed(priced).at("price_from_fen"), 9800);  // grade B's 9800 below grade A's 12800
    const HttpReply bare = as(Role::producer, "POST", "/api/v1/products", CatalogWorld::product_body(own_org(), "泽普红枣"));
    ASSERT_EQ(bare.status, 201) << bare.body;
    EXPECT_TRUE(parsed(bare).at("price_from_fen").is_null());

    const json page = parsed(as(Role::producer, "GET", "/api/v1/products?producer=" + own_org()));
    std::map<std::string, json> by_id;
    for (const auto& product : page.at("items")) by_id[product.at("id").get<std::string>()] = product.at("price_from_fen");
    EXPECT_EQ(by_id.at(parsed(priced).at("id").get<std::string>()), 9800);
    EXPECT_TRUE(by_id.at(parsed(bare).at("id").get<std::string>()).is_null());
}

// Issue 12 item 8: a PUT that leaves out an optional field keeps its value; it used to take the
// create default (an active product became a draft, a category moved to the top).
TEST_P(CatalogRoutesTest, APartialProductPutKeepsStatusAndEnglishName) {
    const HttpReply made = create_active_product("叶城核桃");
    ASSERT_EQ(made.status, 201) << made.body;
    const std::string id = parsed(made).at("id");
    const HttpReply renamed = as(Role::producer, "PUT", "/api/v1/products/" + id,
                                 {{"name_zh", "叶城纸皮核桃"}, {"category_id", "nuts_dried_fruit"}, {"unit", {{"kind", "kg"}}}});
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(parsed(renamed).at("status"), "active");
    EXPECT_EQ(parsed(renamed).at("name_en"), "Walnuts");
    EXPECT_EQ(w.world().call("GET", "/api/v1/products/" + id).status, 200);  // still in the public catalogue
    // Named, they change: null clears the English name, a status is taken as given.
    const HttpReply cleared = as(Role::producer, "PUT", "/api/v1/products/" + id,
                                 {{"name_zh", "叶城纸皮核桃"}, {"name_en", nullptr}, {"category_id", "nuts_dried_fruit"},
                                  {"unit", {{"kind", "kg"}}}, {"status", "draft"}});
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_EQ(parsed(cleared).at("status"), "draft");
    EXPECT_EQ(parsed(cleared).at("name_en"), "");
}

TEST_P(CatalogRoutesTest, APartialCategoryPutKeepsItsPlace) {
    ASSERT_EQ(as(Role::admin, "POST", "/api/v1/categories",
                 {{"id", "melons"}, {"parent_id", "fresh_fruit"}, {"name_zh", "甜瓜"}, {"name_en", "Melons"}, {"sort_order", 7}})
                  .status,
              201);
    const HttpReply renamed = as(Role::admin, "PUT", "/api/v1/categories/melons", {{"name_zh", "哈密瓜"}, {"name_en", "Hami melons"}});
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(parsed(renamed).at("parent_id"), "fresh_fruit");
    EXPECT_EQ(parsed(renamed).at("sort_order"), 7);
    const HttpReply to_top = as(Role::admin, "PUT", "/api/v1/categories/melons",
                                {{"parent_id", nullptr}, {"name_zh", "哈密瓜"}, {"name_en", "Hami melons"}});
    ASSERT_EQ(to_top.status, 200) << to_top.body;
    EXPECT_EQ(parsed(to_top).at("parent_id"), nullptr);
    EXPECT_EQ(parsed(to_top).at("sort_order"), 7);
}

TEST_P(CatalogRoutesTest, APartialOrganisationPutKeepsTheFieldsItLeavesOut) {
    const std::string id = own_org();
    const HttpReply before = as(Role::admin, "GET", "/api/v1/organisations/" + id);
    ASSERT_EQ(before.status, 200) << before.body;
    json full = parsed(before);
    json put = {{"name", full.at("name")}, {"kind", full.at("kind")}, {"county", full.at("county")},
                {"credit_code", full.at("credit_code")}, {"contact_name", "Aygul"}, {"contact_phone", "0998-1234567"},
                {"address", "Yecheng Road 1"}, {"name_en", "Walnut Co-op"}};
    ASSERT_EQ(as(Role::admin, "PUT", "/api/v1/organisations/" + id, put).status, 200);
    const HttpReply renamed = as(Role::admin, "PUT", "/api/v1/organisations/" + id,
                                 {{"name", full.at("name")}, {"kind", full.at("kind")}});
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    const json after = parsed(renamed);
    for (const char* field : {"county", "credit_code", "contact_name", "contact_phone", "address", "name_en"}) {
        EXPECT_EQ(after.at(field), put.at(field)) << field;
    }
    const HttpReply cleared = as(Role::admin, "PUT", "/api/v1/organisations/" + id,
                                 {{"name", full.at("name")}, {"kind", full.at("kind")}, {"contact_phone", nullptr}});
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_EQ(parsed(cleared).at("contact_phone"), "");
    EXPECT_EQ(parsed(cleared).at("address"), "Yecheng Road 1");
}

TEST_P(CatalogRoutesTest, BadProductBodiesNameEveryFieldAndWriteNothing) {
    const int64_t before = count("products");
    json body = CatalogWorld::product_body(own_org(), "");
    body["unit"] = {{"kind", "crate"}};
    body["standard"] = CatalogWorld::standard_body();
    body["standard"]["grades"][1]["criteria"][0]["max"] = 100;
    body["standard"]["pricing"]["list_prices"][0]["price_fen"] = 128.5;
    body["standard"]["channels"] = {"wholesale", "telepathy"};
    body["standard"]["logistics"] = {{"cold_chain", "frozen"}};
    const HttpReply shape = as(Role::producer, "POST", "/api/v1/products", body);
    EXPECT_EQ(shape.status, 400);
    EXPECT_EQ(fields(shape), (std::vector<std::string>{"unit/kind", "standard/logistics/cold_chain", "standard/channels/1",
                                                       "standard/pricing/list_prices/0/price_fen"}));

    body["unit"] = {{"kind", "box"}, {"net_g", 2500}};
    body["standard"]["pricing"]["list_prices"][0]["price_fen"] = 12800;
    body["standard"]["channels"] = {"wholesale"};
    body["standard"]["logistics"] = {{"cold_chain", "chilled_0_4"}};
    const HttpReply values = as(Role::producer, "POST", "/api/v1/products", body);
    EXPECT_EQ(values.status, 400);
    EXPECT_EQ(fields(values), (std::vector<std::string>{"name_zh", "standard/grades/1/criteria/0/max"}));

    const HttpReply not_json = w.world().call_as(Role::producer, "POST", "/api/v1/products", "{\"name_zh\":");
    EXPECT_EQ(fields(not_json), (std::vector<std::string>{"body"}));
    const HttpReply box_without_weight =
        as(Role::producer, "POST", "/api/v1/products",
           {{"producer_id", own_org()}, {"name_zh", "x"}, {"category_id", "nuts_dried_fruit"}, {"unit", {{"kind", "box"}}}});
    EXPECT_EQ(fields(box_without_weight), (std::vector<std::string>{"unit/net_g"}));
    const HttpReply no_standard = as(Role::producer, "PUT", "/api/v1/products/" + w.own_product + "/standard",
                                     CatalogWorld::standard_body());  // not wrapped in {"standard": …}
    EXPECT_EQ(no_standard.status, 400);
    const auto named = fields(no_standard);
    EXPECT_NE(std::find(named.begin(), named.end(), "standard"), named.end());
    EXPECT_NE(std::find(named.begin(), named.end(), "grades"), named.end());  // "is not a known field"
    EXPECT_EQ(count("products"), before);
}

TEST_P(CatalogRoutesTest, CatalogueFiltersInTheQueryString) {
    const auto names = [&](const std::string& query) {
        const HttpReply reply = w.world().call("GET", "/api/v1/products" + query);
        EXPECT_EQ(reply.status, 200) << query << " " << reply.body;
        std::vector<std::string> out;
        const json body = json::parse(reply.body);  // kept alive for the loop below
        for (const auto& item : body.at("items")) out.push_back(item.at("name_zh"));
        return out;
    };
    EXPECT_EQ(names("?county=bachu"), (std::vector<std::string>{"巴楚核桃"}));
    EXPECT_EQ(names("?county=shache&q=%E6%92%A4%E9%94%80"), (std::vector<std::string>{"将撤销核桃"}));  // q=撤销
    EXPECT_EQ(names("?category=nuts_dried_fruit").size(), 4u);
    EXPECT_TRUE(names("?category=fresh_fruit").empty());
    EXPECT_EQ(names("?channel=wholesale").size(), 4u);
    EXPECT_TRUE(names("?channel=livestream").empty());
    EXPECT_EQ(names("?producer=" + own_org()).size(), 3u);
    // The seeded certificates start today; with a 7-day notice only the 0-day one certifies today.
    const std::string today = format_date(today_in_shanghai(w.world().clock()));
    const std::string in_a_week = format_date(add_days(today_in_shanghai(w.world().clock()), 7));
    EXPECT_EQ(names("?certified_on=" + today), (std::vector<std::string>{"将撤销核桃"}));
    EXPECT_EQ(names("?certified_on=" + in_a_week).size(), 3u);
    EXPECT_EQ(names("?q=%25").size(), 0u);  // q=% matches only a literal percent sign

    const HttpReply bad = w.world().call("GET", "/api/v1/products?channel=telepathy&certified_on=2026-02-30&limit=abc");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(fields(bad), (std::vector<std::string>{"limit"}));
    const HttpReply bad_filters = w.world().call("GET", "/api/v1/products?channel=telepathy&certified_on=2026-02-30");
    EXPECT_EQ(fields(bad_filters), (std::vector<std::string>{"channel", "certified_on"}));
    EXPECT_EQ(fields(w.world().call("GET", "/api/v1/products?county=kashgar")), (std::vector<std::string>{"county"}));

    std::vector<std::string> paged;
    std::string cursor;
    for (int guard = 0; guard < 10; ++guard) {
        const HttpReply page = w.world().call("GET", "/api/v1/products?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(page.status, 200);
        const json body = parsed(page);
        for (const auto& item : body.at("items")) paged.push_back(item.at("id"));
        if (body.at("next_cursor").is_null()) break;
        cursor = body.at("next_cursor");
    }
    EXPECT_EQ(paged.size(), 4u);
    EXPECT_EQ(w.world().call("GET", "/api/v1/products?cursor=not-ours").status, 400);
}

// The catalogue and the organisations as list windows: found by the product code and the credit code,
// dated by the Beijing day added or registered, newest first with keyset pages, bad windows
// refused naming the field and its code; an organisation-scoped user still sees only what it may.
TEST_P(CatalogRoutesTest, CatalogueAndOrganisationsAreSearchedDatedAndPagedNewestFirst) {
    using test::list_ids;
    test::AccessWorld& world = w.world();
    const std::string today = format_date(today_in_shanghai(world.clock()));
    const std::string tomorrow = format_date(add_days(today_in_shanghai(world.clock()), 1));
    const std::string yesterday = format_date(add_days(today_in_shanghai(world.clock()), -1));
    for (const std::string& list : {std::string("/api/v1/products?"), std::string("/api/v1/organisations?")}) {
        const auto oldest = list_ids(world, Role::admin, list + "limit=200").ids;
        ASSERT_GE(oldest.size(), 4u) << list;
        const auto newest = list_ids(world, Role::admin, list + "limit=200&sort=newest").ids;
        EXPECT_EQ(newest, std::vector<std::string>(oldest.rbegin(), oldest.rend())) << list;
        std::vector<std::string> paged;
        std::string cursor;
        for (int guard = 0; guard < 50; ++guard) {
            const auto page = list_ids(world, Role::admin, list + "limit=3&sort=newest" + (cursor.empty() ? "" : "&cursor=" + cursor));
            paged.insert(paged.end(), page.ids.begin(), page.ids.end());
            if (page.next_cursor.empty()) break;
            cursor = page.next_cursor;
        }
        EXPECT_EQ(paged, newest) << list;
        EXPECT_EQ(list_ids(world, Role::admin, list + "limit=200&from=" + today + "&to=" + today).ids.size(), oldest.size());
        EXPECT_TRUE(list_ids(world, Role::admin, list + "from=" + tomorrow).ids.empty());
        EXPECT_TRUE(list_ids(world, Role::admin, list + "to=" + yesterday).ids.empty());
        const HttpReply bad = as(Role::admin, "GET", list + "sort=best&to=2026-02-30");
        EXPECT_EQ(bad.status, 400);
        EXPECT_EQ(test::problem_field_codes(bad), (std::vector<std::string>{"to:not_a_date", "sort:not_one_of"})) << bad.body;
        EXPECT_EQ(test::problem_field_codes(as(Role::admin, "GET", list + "from=2026-03-02&to=2026-03-01")),
                  std::vector<std::string>{"to:before_other_field"});
    }
    // A product by the code its producer gave it; not by its producer's name (the producer filter is that).
    const std::string other_name =
        parsed(as(Role::admin, "GET", "/api/v1/organisations/" + w.org(Role::producer, Target::other))).at("name");
    EXPECT_TRUE(list_ids(world, Role::admin, "/api/v1/products?q=" + test::query_text(other_name)).ids.empty());
    auto coded = world.store().write([&](store::Tx& tx) -> Result<int64_t> {
        return tx.execute("UPDATE products SET code = $1 WHERE id = $2", {std::string("WAL-0042"), w.own_product});
    });
    ASSERT_TRUE(coded) << coded.error().message;
    EXPECT_EQ(list_ids(world, Role::admin, "/api/v1/products?q=wal-0042").ids, std::vector<std::string>{w.own_product});
    // The public and other producers find only active products; the own draft only its producer.
    EXPECT_TRUE(list_ids(world, Role::buyer, "/api/v1/products?q=" + test::query_text("草稿")).ids.empty());
    EXPECT_EQ(list_ids(world, Role::producer, "/api/v1/products?q=" + test::query_text("草稿")).ids, std::vector<std::string>{w.own_draft});

    // An organisation by its credit code; a scoped user finds only its own, whatever it searches.
    const json own = parsed(as(Role::admin, "GET", "/api/v1/organisations/" + w.org(Role::buyer, Target::own)));
    const json other = parsed(as(Role::admin, "GET", "/api/v1/organisations/" + w.org(Role::buyer, Target::other)));
    EXPECT_EQ(list_ids(world, Role::admin, "/api/v1/organisations?q=" + test::query_text(other.at("name").get<std::string>())).ids,
              std::vector<std::string>{other.at("id").get<std::string>()});
    EXPECT_TRUE(list_ids(world, Role::buyer, "/api/v1/organisations?q=" + test::query_text(other.at("name").get<std::string>())).ids.empty());
    EXPECT_EQ(list_ids(world, Role::buyer, "/api/v1/organisations?sort=newest").ids, std::vector<std::string>{own.at("id").get<std::string>()});
    const json coop = parsed(as(Role::admin, "GET", "/api/v1/organisations/" + w.org(Role::producer, Target::own)));
    ASSERT_TRUE(coop.at("credit_code").is_string()) << coop.dump();
    EXPECT_EQ(list_ids(world, Role::admin, "/api/v1/organisations?q=" + coop.at("credit_code").get<std::string>()).ids,
              std::vector<std::string>{coop.at("id").get<std::string>()});
}

TEST_P(CatalogRoutesTest, CertificationLifecycle) {
    const std::string product = "/api/v1/products/" + w.cert_product;
    const json input = {{"certificate_no", "莎消帮〔2026〕099号"}, {"valid_from", "2026-10-01"},
                        {"valid_to", "2027-09-30"}, {"notice_days", 10}};
    const HttpReply bad = as(Role::county_officer, "POST", product + "/certifications",
                             {{"certificate_no", ""}, {"valid_from", "2026-10-32"}, {"valid_to", "2027-09-30"},
                              {"notice_days", "ten"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(fields(bad), (std::vector<std::string>{"valid_from", "notice_days"}));
    const HttpReply made = as(Role::county_officer, "POST", product + "/certifications", input);
    ASSERT_EQ(made.status, 201) << made.body;
    const json certification = parsed(made);
    EXPECT_EQ(certification.at("certified_from"), "2026-10-11");
    EXPECT_EQ(certification.at("status_today"), "none");  // it begins on 1 October
    EXPECT_EQ(certification.at("county"), "shache");
    const HttpReply again = as(Role::county_officer, "POST", "/api/v1/products/" + w.own_product + "/certifications", input);
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(fields(again), (std::vector<std::string>{"certificate_no"}));

    const auto status_on = [&](const std::string& date) {
        const HttpReply history = w.world().call("GET", product + "/certifications?on=" + date);
        EXPECT_EQ(history.status, 200) << history.body;
        return json::parse(history.body).at("status").get<std::string>();
    };
    EXPECT_EQ(status_on("2026-09-30"), "none");
    EXPECT_EQ(status_on("2026-10-01"), "in_notice");
    EXPECT_EQ(status_on("2026-10-11"), "certified");
    EXPECT_EQ(status_on("2027-10-01"), "expired");
    EXPECT_EQ(fields(w.world().call("GET", product + "/certifications?on=tomorrow")), (std::vector<std::string>{"on"}));

    // Objections on the seeded certificate (in its notice today); anonymous readers see the count.
    const std::string own_cert = "/api/v1/certifications/" + w.own_cert;
    const HttpReply objection = as(Role::buyer, "POST", own_cert + "/objections", {{"text", "价格高于市场均价"}});
    ASSERT_EQ(objection.status, 201) << objection.body;
    EXPECT_EQ(parsed(objection).at("raised_by"), w.world().as(Role::buyer).user.id);
    EXPECT_EQ(fields(as(Role::buyer, "POST", own_cert + "/objections", {{"text", ""}})), (std::vector<std::string>{"text"}));
    const json public_history = parsed(w.world().call("GET", "/api/v1/products/" + w.own_product + "/certifications"));
    EXPECT_EQ(public_history["items"][0].at("objection_count"), 1);
    EXPECT_TRUE(public_history["items"][0].at("objections").empty());
    const json officer_history =
        parsed(as(Role::county_officer, "GET", "/api/v1/products/" + w.own_product + "/certifications"));
    EXPECT_EQ(officer_history["items"][0]["objections"][0].at("text"), "价格高于市场均价");

    // Revocation: a reason is required; the date defaults to today; twice is a conflict.
    const std::string revoke = "/api/v1/certifications/" + w.revoke_cert + "/revoke";
    EXPECT_EQ(fields(as(Role::county_officer, "POST", revoke, {{"reason", ""}})), (std::vector<std::string>{"reason"}));
    EXPECT_EQ(fields(as(Role::county_officer, "POST", revoke, {{"reason", "x"}, {"effective_on", "2020-01-01"}})),
              (std::vector<std::string>{"effective_on"}));
    const HttpReply revoked = as(Role::county_officer, "POST", revoke, {{"reason", "抽检不合格"}});
    ASSERT_EQ(revoked.status, 200) << revoked.body;
    EXPECT_EQ(parsed(revoked).at("status_today"), "revoked");
    EXPECT_EQ(parsed(revoked)["revocation"].at("reason"), "抽检不合格");
    EXPECT_EQ(as(Role::county_officer, "POST", revoke, {{"reason", "again"}}).status, 409);
    EXPECT_EQ(as(Role::county_officer, "POST", "/api/v1/certifications/nothing/revoke", {{"reason", "x"}}).status, 404);
}

TEST_P(CatalogRoutesTest, OrganisationsThroughTheApi) {
    const json buyer = {{"name", "盒马鲜生"}, {"name_en", "Freshippo"}, {"kind", "buyer"},
                        {"credit_code", credit_code_for(901, "310115")}, {"district", "pudong"},
                        {"channel", "supermarket"}, {"contact_phone", "021-5555 0000"}};
    const int64_t before = count("organisations");
    const HttpReply bad = as(Role::admin, "POST", "/api/v1/organisations",
                             {{"name", "x"}, {"kind", "buyer"}, {"credit_code", "91350100M000100Y44"},
                              {"district", "pudong"}, {"channel", "kiosk"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(fields(bad), (std::vector<std::string>{"channel"}));
    const HttpReply bad_code = as(Role::admin, "POST", "/api/v1/organisations",
                                  {{"name", "x"}, {"kind", "buyer"}, {"credit_code", "91350100M000100Y44"},
                                   {"district", "pudong"}, {"channel", "supermarket"}});
    EXPECT_EQ(fields(bad_code), (std::vector<std::string>{"credit_code"}));
    EXPECT_EQ(count("organisations"), before);

    // Idempotency-Key: the same key and body answer the first answer; another body is a conflict.
    const httplib::Headers key = {{"Idempotency-Key", "org-create-1"}};
    const HttpReply first = as(Role::admin, "POST", "/api/v1/organisations", buyer, key);
    ASSERT_EQ(first.status, 201) << first.body;
    const HttpReply replay = as(Role::admin, "POST", "/api/v1/organisations", buyer, key);
    EXPECT_EQ(replay.status, 201);
    EXPECT_EQ(replay.body, first.body);
    json other = buyer;
    other["name"] = "盒马（另）";
    EXPECT_EQ(as(Role::admin, "POST", "/api/v1/organisations", other, key).status, 409);
    EXPECT_EQ(count("organisations"), before + 1);
    // The same credit code under another key is a duplicate organisation.
    const HttpReply duplicate = as(Role::admin, "POST", "/api/v1/organisations", other);
    EXPECT_EQ(duplicate.status, 409);
    EXPECT_EQ(fields(duplicate), (std::vector<std::string>{"credit_code"}));

    const json made = parsed(first);
    EXPECT_EQ(made.at("district"), "pudong");
    EXPECT_EQ(made.at("county"), nullptr);
    const std::string id = made.at("id");
    const json listed = parsed(as(Role::fund_officer, "GET", "/api/v1/organisations?kind=buyer&district=pudong&q=FRESH"));
    ASSERT_EQ(listed.at("items").size(), 1u);
    EXPECT_EQ(listed["items"][0].at("id"), id);
    EXPECT_EQ(fields(as(Role::admin, "GET", "/api/v1/organisations?kind=bank")), (std::vector<std::string>{"kind"}));
    EXPECT_EQ(as(Role::auditor, "GET", "/api/v1/organisations/no-such-org").status, 404);
    EXPECT_EQ(as(Role::buyer, "GET", "/api/v1/organisations/no-such-org").status, 403);

    json renamed = buyer;
    renamed["name"] = "喀什'; DROP TABLE organisations;-- \"x\" 100%";
    const HttpReply put = as(Role::admin, "PUT", "/api/v1/organisations/" + id, renamed);
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(parsed(as(Role::auditor, "GET", "/api/v1/organisations/" + id)).at("name"), renamed["name"]);
    renamed["kind"] = "household";  // a household needs a county and has no district or channel
    EXPECT_EQ(fields(as(Role::admin, "PUT", "/api/v1/organisations/" + id, renamed)),
              (std::vector<std::string>{"county", "district", "channel"}));
    // Left out, district and channel would keep their values (a PUT changes what it names): null clears.
    renamed["district"] = nullptr;
    renamed["channel"] = nullptr;
    renamed["county"] = "bachu";
    EXPECT_EQ(fields(as(Role::admin, "PUT", "/api/v1/organisations/" + id, renamed)), (std::vector<std::string>{"kind"}));
}

TEST_P(CatalogRoutesTest, CookieWritesNeedTheCsrfToken) {
    const HttpReply login = w.world().login(w.world().as(Role::admin).user.username, test::test_password);
    ASSERT_EQ(login.status, 201);
    const json session = parsed(login);
    const std::string cookie = "kl_session=" + session.at("token").get<std::string>();
    const std::string body = R"({"name":"Cookie household","kind":"household","county":"bachu"})";
    const int64_t before = count("organisations");
    EXPECT_EQ(w.world().call("POST", "/api/v1/organisations", body, {{"Cookie", cookie}}).status, 403);
    EXPECT_EQ(w.world().call("POST", "/api/v1/organisations", body, {{"Cookie", cookie}, {"X-CSRF-Token", "wrong"}}).status,
              403);
    EXPECT_EQ(count("organisations"), before);
    const HttpReply made = w.world().call("POST", "/api/v1/organisations", body,
                                          {{"Cookie", cookie}, {"X-CSRF-Token", session.at("csrf_token").get<std::string>()}});
    EXPECT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(count("organisations"), before + 1);
}

TEST_P(CatalogRoutesTest, SupplyLinksThroughTheApi) {
    const std::string company = own_org();
    std::vector<std::string> households;
    for (int i = 0; i < 2; ++i) {
        const HttpReply made = as(Role::admin, "POST", "/api/v1/organisations",
                                  {{"name", "农户" + std::to_string(i)}, {"kind", "household"}, {"county", "shache"}});
        ASSERT_EQ(made.status, 201) << made.body;
        households.push_back(parsed(made).at("id"));
    }
    const std::string path = "/api/v1/organisations/" + company + "/supply-links";
    const HttpReply set = as(Role::producer, "PUT", path,
                             {{"links", {{{"supplier_id", households[0]}, {"share_bp", 6000}},
                                         {{"supplier_id", households[1]}, {"share_bp", 2500}}}}});
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(parsed(set).at("total_share_bp"), 8500);
    const HttpReply over = as(Role::producer, "PUT", path,
                              {{"links", {{{"supplier_id", households[0]}, {"share_bp", 6000}},
                                          {{"supplier_id", households[1]}, {"share_bp", 4001}}}}});
    EXPECT_EQ(fields(over), (std::vector<std::string>{"links"}));
    const HttpReply typed = as(Role::producer, "PUT", path, {{"links", {{{"supplier_id", 5}, {"share_bp", "all"}}}}});
    EXPECT_EQ(fields(typed), (std::vector<std::string>{"links/0/supplier_id", "links/0/share_bp"}));
    const json read = parsed(as(Role::county_officer, "GET", path));  // Shache's officer, Shache's producer
    ASSERT_EQ(read.at("links").size(), 2u);
    EXPECT_EQ(read["links"][0].at("supplier_kind"), "household");
    EXPECT_EQ(count("supply_links"), 2);
}

TEST_P(CatalogRoutesTest, EveryCatalogRouteIsInTheOpenApiDocument) {
    const HttpReply reply = w.world().call("GET", "/api/v1/openapi.json");
    ASSERT_EQ(reply.status, 200);
    const json document = parsed(reply);
    for (const auto& [path, methods] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"/api/v1/counties", {"get"}},
             {"/api/v1/districts", {"get"}},
             {"/api/v1/categories", {"get", "post"}},
             {"/api/v1/categories/{id}", {"put"}},
             {"/api/v1/organisations", {"get", "post"}},
             {"/api/v1/organisations/{id}", {"get", "put"}},
             {"/api/v1/organisations/{id}/supply-links", {"get", "put"}},
             {"/api/v1/products", {"get", "post"}},
             {"/api/v1/products/{id}", {"get", "put"}},
             {"/api/v1/products/{id}/standard", {"get", "put"}},
             {"/api/v1/products/{id}/certifications", {"get", "post"}},
             {"/api/v1/certifications/{id}/objections", {"post"}},
             {"/api/v1/certifications/{id}/revoke", {"post"}}}) {
        for (const auto& method : methods) {
            ASSERT_TRUE(document["paths"].contains(path)) << path;
            EXPECT_TRUE(document["paths"][path].contains(method)) << method << " " << path;
        }
    }
    for (const char* schema : {"Product", "BrandStandard", "Certification", "Organisation", "SupplyLinks", "Category"}) {
        EXPECT_TRUE(document["components"]["schemas"].contains(schema)) << schema;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogRoutesTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::catalog::testing

// The demo's products: each producer's families × variants × packs, a brand standard per product
// (grades with measurable criteria, packaging, storage, cold chain, channels, graded and tiered
// prices), its own product code, and consumption-aid certifications in every state.
#include <algorithm>
#include <cstdio>

#include "demo/demo_catalog.h"
#include "demo/demo_data.h"
#include "catalog/product_code_repo.h"

namespace kl::demo {

namespace {

using catalog::Metric;
using catalog::SalesChannel;

// Products per producer (the fair showed 500+ products of 36 enterprises: about 14 each).
constexpr int64_t products_per_producer_min = 14;
constexpr int64_t products_per_producer_max = 17;
// Shares per mille of the products in each state.
constexpr int64_t draft_per_mille = 30;
constexpr int64_t withdrawn_per_mille = 15;
// Of the active products: none, in notice, expired, revoked; the rest certified.
constexpr int64_t uncertified_per_mille = 50;
constexpr int64_t in_notice_per_mille = 80;
constexpr int64_t expired_per_mille = 30;
constexpr int64_t revoked_per_mille = 20;
constexpr int64_t notice_days = 7;        // the public notice period of the county's announcement
constexpr int64_t validity_days_max = 1095;

struct GradeDef {
    const char* code;
    Names names;
    int64_t price_pct;
    std::vector<catalog::Criterion> criteria;
};

catalog::Criterion at_least(Metric metric, int64_t value) { return {metric, value, std::nullopt}; }
catalog::Criterion at_most(Metric metric, int64_t value) { return {metric, std::nullopt, value}; }
catalog::Criterion within(Metric metric, int64_t low, int64_t high) { return {metric, low, high}; }

// Three grades of fresh fruit by size, sweetness (°Brix × 10) and defects (% × 10).
std::vector<GradeDef> fruit_grades(Metric size, int64_t s_min, int64_t a_min, int64_t b_min, int64_t brix_s) {
    return {{"S", {"特级", "Premium"}, 100, {at_least(size, s_min), at_least(Metric::sugar_brix_x10, brix_s),
                                              at_most(Metric::defects_pct_x10, 20)}},
            {"A", {"一级", "First grade"}, 85, {within(size, a_min, s_min - 1), at_least(Metric::sugar_brix_x10, brix_s - 15),
                                                 at_most(Metric::defects_pct_x10, 50)}},
            {"B", {"二级", "Second grade"}, 72, {within(size, b_min, a_min - 1), at_least(Metric::sugar_brix_x10, brix_s - 25),
                                                  at_most(Metric::defects_pct_x10, 80)}}};
}

std::vector<GradeDef> two_grades(std::vector<catalog::Criterion> best, std::vector<catalog::Criterion> first) {
    return {{"S", {"特级", "Premium"}, 100, std::move(best)}, {"A", {"一级", "First grade"}, 85, std::move(first)}};
}

std::vector<GradeDef> grades_of(Scheme scheme) {
    using M = Metric;
    switch (scheme) {
        case Scheme::melon: return fruit_grades(M::fruit_weight_g, 2500, 1800, 1200, 150);
        case Scheme::fig: return fruit_grades(M::fruit_weight_g, 60, 45, 35, 180);
        case Scheme::apricot: return fruit_grades(M::fruit_weight_g, 45, 35, 25, 140);
        case Scheme::pomegranate: return fruit_grades(M::fruit_weight_g, 450, 350, 250, 160);
        case Scheme::apple: return fruit_grades(M::diameter_mm, 85, 80, 75, 150);
        case Scheme::pear: return fruit_grades(M::fruit_weight_g, 130, 110, 90, 125);
        case Scheme::grape: return fruit_grades(M::fruit_weight_g, 600, 400, 250, 180);
        case Scheme::walnut_shell:
            return {{"S", {"特级", "Extra"}, 100, {at_least(M::diameter_mm, 32), at_least(M::kernel_rate_pct_x10, 550), at_most(M::moisture_pct_x10, 80)}},
                    {"A", {"一级", "First grade"}, 85, {within(M::diameter_mm, 30, 31), at_least(M::kernel_rate_pct_x10, 500), at_most(M::moisture_pct_x10, 80)}},
                    {"B", {"二级", "Second grade"}, 72, {within(M::diameter_mm, 28, 29), at_least(M::kernel_rate_pct_x10, 450), at_most(M::moisture_pct_x10, 80)}}};
        case Scheme::almond_shell:
            return {{"S", {"特级", "Extra"}, 100, {at_least(M::length_mm, 28), at_least(M::kernel_rate_pct_x10, 550), at_most(M::moisture_pct_x10, 70)}},
                    {"A", {"一级", "First grade"}, 85, {within(M::length_mm, 25, 27), at_least(M::kernel_rate_pct_x10, 500), at_most(M::moisture_pct_x10, 70)}},
                    {"B", {"二级", "Second grade"}, 72, {within(M::length_mm, 22, 24), at_least(M::kernel_rate_pct_x10, 450), at_most(M::moisture_pct_x10, 80)}}};
        case Scheme::kernel:
            return two_grades({at_most(M::defects_pct_x10, 10), at_most(M::moisture_pct_x10, 50), at_most(M::impurity_pct_x10, 1)},
                              {at_most(M::defects_pct_x10, 30), at_most(M::moisture_pct_x10, 60), at_most(M::impurity_pct_x10, 3)});
        case Scheme::dried_fruit:
            return {{"S", {"特级", "Extra"}, 100, {at_least(M::piece_weight_g, 8), at_most(M::moisture_pct_x10, 180), at_most(M::impurity_pct_x10, 2)}},
                    {"A", {"一级", "First grade"}, 85, {within(M::piece_weight_g, 5, 7), at_most(M::moisture_pct_x10, 200), at_most(M::impurity_pct_x10, 5)}},
                    {"B", {"二级", "Second grade"}, 72, {within(M::piece_weight_g, 3, 4), at_most(M::moisture_pct_x10, 220), at_most(M::impurity_pct_x10, 10)}}};
        case Scheme::raisin:
            return {{"S", {"特级", "Extra"}, 100, {at_least(M::length_mm, 18), at_most(M::moisture_pct_x10, 150), at_most(M::impurity_pct_x10, 5)}},
                    {"A", {"一级", "First grade"}, 85, {within(M::length_mm, 15, 17), at_most(M::moisture_pct_x10, 150), at_most(M::impurity_pct_x10, 10)}},
                    {"B", {"二级", "Second grade"}, 72, {within(M::length_mm, 12, 14), at_most(M::moisture_pct_x10, 160), at_most(M::impurity_pct_x10, 20)}}};
        case Scheme::grain:
            return two_grades({at_most(M::impurity_pct_x10, 5), at_most(M::moisture_pct_x10, 120), at_most(M::defects_pct_x10, 10)},
                              {at_most(M::impurity_pct_x10, 10), at_most(M::moisture_pct_x10, 130), at_most(M::defects_pct_x10, 20)});
        case Scheme::oil:
            return two_grades({at_most(M::impurity_pct_x10, 1), at_most(M::moisture_pct_x10, 1)},
                              {at_most(M::impurity_pct_x10, 2), at_most(M::moisture_pct_x10, 2)});
        case Scheme::confection:
            return two_grades({at_least(M::kernel_rate_pct_x10, 400), at_most(M::moisture_pct_x10, 150)},
                              {at_least(M::kernel_rate_pct_x10, 300), at_most(M::moisture_pct_x10, 180)});
        case Scheme::tea:
            return two_grades({at_most(M::moisture_pct_x10, 70), at_most(M::impurity_pct_x10, 3), at_most(M::defects_pct_x10, 10)},
                              {at_most(M::moisture_pct_x10, 80), at_most(M::impurity_pct_x10, 5), at_most(M::defects_pct_x10, 30)});
        case Scheme::juice:
            return two_grades({at_least(M::sugar_brix_x10, 150), at_most(M::impurity_pct_x10, 1)},
                              {at_least(M::sugar_brix_x10, 120), at_most(M::impurity_pct_x10, 2)});
        case Scheme::meat:
            return two_grades({at_least(M::piece_weight_g, 1500), at_most(M::defects_pct_x10, 10)},
                              {within(M::piece_weight_g, 1000, 1499), at_most(M::defects_pct_x10, 30)});
        case Scheme::dairy:
            return {{"A", {"合格", "Standard"}, 100, {at_most(M::impurity_pct_x10, 1), at_most(M::defects_pct_x10, 5)}}};
        case Scheme::textile:
            return {{"S", {"特级", "Premium"}, 100, {at_least(M::fibre_length_mm_x10, 330), at_most(M::defects_pct_x10, 5)}},
                    {"A", {"一级", "First grade"}, 85, {within(M::fibre_length_mm_x10, 310, 329), at_most(M::defects_pct_x10, 10)}},
                    {"B", {"二级", "Second grade"}, 72, {within(M::fibre_length_mm_x10, 290, 309), at_most(M::defects_pct_x10, 20)}}};
        case Scheme::craft:
            return {{"S", {"珍品", "Masterpiece"}, 100, {at_most(M::defects_pct_x10, 0)}},
                    {"A", {"精品", "Fine"}, 80, {at_most(M::defects_pct_x10, 10)}},
                    {"B", {"普品", "Standard"}, 65, {at_most(M::defects_pct_x10, 30)}}};
        case Scheme::cosmetic:
            return {{"A", {"合格", "Standard"}, 100, {at_most(M::defects_pct_x10, 5)}}};
        case Scheme::diamond:
            return {{"VS", {"优选", "VS clarity"}, 100, {at_least(M::carat_x100, 100), at_most(M::defects_pct_x10, 5)}},
                    {"SI", {"精选", "SI clarity"}, 55, {within(M::carat_x100, 50, 99), at_most(M::defects_pct_x10, 10)}},
                    {"I", {"标准", "I clarity"}, 30, {within(M::carat_x100, 30, 49), at_most(M::defects_pct_x10, 20)}}};
    }
    KL_ASSERT(false && "every scheme has grades");
    return {};
}

// The smallest order, in units of sale: pallets of boxes for fresh goods, cartons for packaged food,
// single pieces for crafts and jewellery.
int64_t minimum_order(Scheme scheme, const Pack& pack) {
    const bool loose = pack.unit == catalog::UnitKind::kg || pack.unit == catalog::UnitKind::jin;
    switch (scheme) {
        case Scheme::craft:
        case Scheme::diamond: return 1;
        case Scheme::textile: return 10;
        case Scheme::meat: return loose ? 50 : 10;
        case Scheme::dairy: return 12;
        case Scheme::oil:
        case Scheme::juice:
        case Scheme::cosmetic: return 24;
        default: return loose ? 100 : (pack.unit == catalog::UnitKind::box ? 10 : 20);
    }
}

std::vector<SalesChannel> channels_for(const std::string& category) {
    using S = SalesChannel;
    if (category == "fresh_fruit") return {S::fair_intent, S::fair_onsite, S::wholesale, S::supermarket, S::ecommerce, S::livestream, S::canteen};
    if (category == "nuts_dried_fruit") return catalog::all_sales_channels();
    if (category == "grain_oil") return {S::fair_intent, S::fair_onsite, S::wholesale, S::supermarket, S::ecommerce, S::canteen, S::vending_counter};
    if (category == "processed_food") return {S::fair_intent, S::fair_onsite, S::supermarket, S::ecommerce, S::livestream, S::canteen, S::vending_counter};
    if (category == "tea_drinks") return {S::fair_intent, S::fair_onsite, S::supermarket, S::ecommerce, S::livestream, S::vending_counter};
    if (category == "meat_dairy") return {S::fair_intent, S::wholesale, S::supermarket, S::ecommerce, S::canteen};
    if (category == "cotton_textiles" || category == "cosmetics") return {S::fair_intent, S::fair_onsite, S::supermarket, S::ecommerce, S::livestream};
    return {S::fair_intent, S::fair_onsite, S::ecommerce, S::livestream};
}

std::vector<std::string> materials_for(catalog::PackagingType type, const std::string& category) {
    using P = catalog::PackagingType;
    switch (type) {
        case P::carton:
            if (category == "fresh_fruit") return {"瓦楞纸箱 corrugated board", "EPE发泡网套 EPE foam nets"};
            return {"瓦楞纸箱 corrugated board"};
        case P::gift_box: return {"礼盒纸板 gift-box board", "PE内袋 PE inner bag"};
        case P::bag: return {"PE复合膜 PE laminate film"};
        case P::vacuum_bag: return {"PA/PE真空袋 PA/PE vacuum bag"};
        case P::crate: return {"塑料周转筐 plastic crate"};
        case P::tray: return {"PET托盒 PET tray", "保鲜膜 cling film"};
        case P::jar: return {"食品级罐 food-grade tin"};
        case P::bottle: return {"食品级瓶 food-grade bottle"};
        case P::bulk: return {"PP编织袋 woven PP sack"};
    }
    return {};
}

// Below ¥100 prices end in a whole ten fen, above in a whole yuan: how price lists are written.
int64_t round_price(int64_t fen) {
    const int64_t step = fen < 10'000 ? 10 : 100;
    return std::max<int64_t>(step, (fen + step / 2) / step * step);
}

// The price of one unit of sale of the best grade: the family's price by weight (or per piece),
// a little more for later variants (organic, gift lines), and ±12 % between producers.
int64_t best_price_fen(DemoWorld& world, const Family& family, const Pack& pack, size_t variant) {
    const int64_t base = pack.net_g > 0 ? family.price_fen * pack.net_g / 1000 : family.price_fen * pack.price_pct / 100;
    const int64_t variant_pct = 100 + static_cast<int64_t>(variant) * 6;
    return round_price(base * variant_pct / 100 * world.random.between(88, 112) / 100);
}

catalog::Pricing pricing_for(DemoWorld& world, const Family& family, const Pack& pack, size_t variant,
                             const std::vector<GradeDef>& grades) {
    catalog::Pricing pricing;
    const int64_t best = best_price_fen(world, family, pack, variant);
    for (const auto& grade : grades) pricing.list_prices.push_back({grade.code, round_price(best * grade.price_pct / 100)});
    pricing.min_order_quantity = minimum_order(family.scheme, pack);
    // Quantity tiers: 4 % off from five times the minimum order, 8 % off from twenty times; some
    // producers publish only the first tier, some none.
    const int64_t tiers = world.random.chance(700) ? 2 : (world.random.chance(500) ? 1 : 0);
    const int64_t discounts_pct[] = {96, 92};
    const int64_t multiples[] = {5, 20};
    for (int64_t t = 0; t < tiers; ++t) {
        catalog::PriceTier tier{pricing.min_order_quantity * multiples[t], {}};
        for (const auto& price : pricing.list_prices) {
            tier.prices.push_back({price.grade, std::max<int64_t>(1, price.price_fen * discounts_pct[t] / 100)});
        }
        pricing.tiers.push_back(std::move(tier));
    }
    return pricing;
}

catalog::BrandStandard standard_for(DemoWorld& world, const Family& family, const Pack& pack, size_t variant) {
    catalog::BrandStandard standard;
    const std::vector<GradeDef> grades = grades_of(family.scheme);
    int64_t rank = 1;
    for (const auto& grade : grades) {
        standard.grades.push_back({grade.code, grade.names.zh, grade.names.en, rank++, grade.criteria});
    }
    standard.packaging = {pack.packaging, pack.package_net_g, materials_for(pack.packaging, family.category)};
    const StorageFacts& storage = family.storage;
    standard.storage = {storage.temp_min_c_x10, storage.temp_max_c_x10, storage.humidity_min_pct,
                        storage.humidity_max_pct, storage.shelf_life_days};
    standard.logistics.cold_chain = storage.cold_chain;
    // Each producer sells through most of its category's channels; fair intent orders always.
    for (const SalesChannel channel : channels_for(family.category)) {
        if (channel == SalesChannel::fair_intent || world.random.chance(850)) standard.channels.push_back(channel);
    }
    standard.pricing = pricing_for(world, family, pack, variant, grades);
    return standard;
}

bool names_its_origin(const std::string& family_name_zh) {
    for (const char* origin : {"莎车", "泽普", "叶城", "巴楚", "巧玲", "喀什", "阿图什", "库克拜", "十二木卡姆"}) {
        if (family_name_zh.starts_with(origin)) return true;
    }
    return false;
}

catalog::ProductFields fields_for(const CountyFacts& county, const Family& family, const Pack& pack, size_t variant) {
    const Names& kind = family.variants[variant];
    const bool origin = !names_its_origin(family.names.zh);
    const std::string county_zh = county.county.zh.substr(0, county.county.zh.size() - 3);  // without 县
    catalog::ProductFields fields;
    fields.name_zh = (origin ? county_zh : "") + family.names.zh + "（" + kind.zh + "）" + pack.names.zh;
    fields.name_en = (origin ? county.county.en + " " : "") + family.names.en + " (" + kind.en + "), " + pack.names.en;
    fields.category_id = family.category;
    fields.unit = {pack.unit, pack.net_g};
    return fields;
}

struct Offering {
    const Family* family;
    size_t variant;
    size_t pack;
};

// The producer's possible products in a seeded order; the first few become its catalogue.
std::vector<Offering> offerings_of(DemoWorld& world, const EnterpriseFacts& facts) {
    std::vector<Offering> all;
    for (const auto& sku : facts.families) {
        const Family& f = family(sku);
        for (size_t v = 0; v < f.variants.size(); ++v) {
            for (size_t p = 0; p < f.packs.size(); ++p) all.push_back({&f, v, p});
        }
    }
    world.random.shuffle(all);
    const auto count = static_cast<size_t>(world.random.between(products_per_producer_min, products_per_producer_max));
    if (all.size() > count) all.resize(count);
    return all;
}

std::string certificate_no(DemoWorld& world, const CountyFacts& county, kl::Date valid_from) {
    const int64_t sequence = ++world.certificate_sequence[county.code];
    char number[24];
    std::snprintf(number, sizeof number, "%04lld", static_cast<long long>(sequence));
    const std::string short_zh = county.county.zh.substr(0, county.county.zh.size() - 3);
    return short_zh + "消帮认〔" + kl::format_date(valid_from).substr(0, 4) + "〕" + number + "号";
}

const std::vector<std::string>& revocation_reasons() {
    static const std::vector<std::string> all = {
        "抽检不合格：二氧化硫残留超标 Failed a sampling inspection: sulphur dioxide residue above the limit",
        "企业停止供货 The enterprise stopped supplying the product",
        "价格高于市场均价且未整改 Priced above the market average and not corrected",
    };
    return all;
}

// One certification of an active product, in a state drawn per the shares above.
Result<void> certify(DemoWorld& world, const CountyFacts& county, const std::string& product_id) {
    const int64_t draw = world.random.between(0, 999);
    if (draw < uncertified_per_mille) return ok();
    const kl::Date today = world.today;
    catalog::CertificationInput input;
    input.notice_days = notice_days;
    enum class Fate { in_notice, expired, revoked, certified } fate = Fate::certified;
    if (draw < uncertified_per_mille + in_notice_per_mille) {
        fate = Fate::in_notice;
        input.valid_from = kl::add_days(today, -world.random.between(0, notice_days - 1));
        input.valid_to = kl::add_days(input.valid_from, 729);
    } else if (draw < uncertified_per_mille + in_notice_per_mille + expired_per_mille) {
        fate = Fate::expired;
        input.valid_from = kl::add_days(today, -world.random.between(800, 1000));
        input.valid_to = kl::add_days(input.valid_from, 729);
    } else {
        fate = draw < uncertified_per_mille + in_notice_per_mille + expired_per_mille + revoked_per_mille ? Fate::revoked
                                                                                                           : Fate::certified;
        const int64_t age_days = world.random.between(20, 600);
        input.valid_from = kl::add_days(today, -age_days);
        input.valid_to = kl::add_days(input.valid_from, world.random.between(std::max<int64_t>(730, age_days + 30),
                                                                                   validity_days_max));
    }
    input.certificate_no = certificate_no(world, county, input.valid_from);
    KL_TRY_ASSIGN(catalog::Certification made, world.catalog.certifications.certify(std::nullopt, product_id, input));
    ++world.counts.certifications;
    if (fate == Fate::revoked) {
        const kl::Date effective = kl::add_days(today, -world.random.between(1, 15));
        KL_TRY(world.catalog.certifications.revoke(std::nullopt, made.id, world.random.pick(revocation_reasons()),
                                                   std::max(effective, kl::add_days(input.valid_from, notice_days))));
    }
    if (fate == Fate::in_notice && world.random.chance(150)) {
        KL_TRY(world.catalog.certifications.object(
            std::nullopt, made.id, "请核实该产品的带贫益农机制材料。 Please verify the household-income mechanism records."));
    }
    return ok();
}

Result<void> seed_producer_products(DemoWorld& world, size_t index, const EnterpriseFacts& facts) {
    const CountyFacts& county = county_of(facts.county);
    const std::string& producer_id = world.org_ids.at("producer/" + std::to_string(index));
    for (const Offering& offer : offerings_of(world, facts)) {
        const Family& f = *offer.family;
        const Pack& pack = f.packs[offer.pack];
        catalog::NewProduct product{producer_id, fields_for(county, f, pack, offer.variant), std::nullopt};
        const int64_t draw = world.random.between(0, 999);
        product.fields.status = draw < draft_per_mille ? catalog::ProductStatus::draft
                                : draw < draft_per_mille + withdrawn_per_mille ? catalog::ProductStatus::withdrawn
                                                                               : catalog::ProductStatus::active;
        // Half of the drafts are still waiting for their brand standard.
        if (product.fields.status != catalog::ProductStatus::draft || world.random.chance(500)) {
            product.standard = standard_for(world, f, pack, offer.variant);
        }
        KL_TRY_ASSIGN(catalog::Product made, world.catalog.products.create(std::nullopt, product));
        char code[48];
        std::snprintf(code, sizeof code, "%s%02zu-%s-%zu%zu", county.sku_prefix.c_str(), index + 1, f.sku.c_str(),
                      offer.variant + 1, offer.pack + 1);
        KL_TRY(catalog::set_product_code(world.tx, made.id, code));
        ++world.counts.products;
        if (made.fields.status == catalog::ProductStatus::active) KL_TRY(certify(world, county, made.id));
    }
    return ok();
}

}  // namespace

Result<void> seed_products(DemoWorld& world) {
    const auto& enterprises = enterprise_facts();
    for (size_t i = 0; i < enterprises.size(); ++i) KL_TRY(seed_producer_products(world, i, enterprises[i]));
    return ok();
}

}  // namespace kl::demo

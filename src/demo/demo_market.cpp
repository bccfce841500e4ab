#include "demo/demo_market.h"

#include <algorithm>
#include <map>

#include "market/allocation_model.h"
#include "market/allocation_repo.h"
#include "market/lane_repo.h"
#include "market/lane_service.h"
#include "market/listing_service.h"

namespace kl::demo {

namespace {

constexpr int64_t offers_count = 320;
constexpr int64_t demands_count = 140;

// Kashgar → Shanghai (coldchain-anchors.md §3): reefer truck 5–7 days at cost 1.0; cold-chain rail
// 5–6 days at 0.7–0.9 of the truck; air 24–48 h door to door at 4–10×. Bachu, the eastern gateway,
// is a few hours nearer than Yecheng. Truck freight is about ¥1.30/kg for ~5,000 km (our estimate).
struct LanePlan {
    market::Mode mode;
    int64_t hours;
    int64_t fen_per_kg;
    catalog::ColdChain temperature;
};

const std::vector<LanePlan> lane_plans = {
    {market::Mode::truck, 144, 130, catalog::ColdChain::chilled_0_4},
    {market::Mode::truck, 150, 160, catalog::ColdChain::frozen_minus18},
    {market::Mode::rail, 132, 105, catalog::ColdChain::chilled_0_4},
    {market::Mode::air, 30, 780, catalog::ColdChain::chilled_0_4},
};

const std::map<std::string, int64_t> county_extra_hours = {{"bachu", 0}, {"shache", 4}, {"zepu", 5}, {"yecheng", 8}};

struct DemoGrade {
    std::string code;
    int64_t rank = 1;
    int64_t fen_per_kg = 0;
};

struct DemoProduct {
    std::string id, producer_id, category_id, county;
    int64_t shelf_life_days = 0;
    std::vector<DemoGrade> grades;
};

Result<std::vector<DemoProduct>> offerable_products(store::Tx& tx) {
    KL_TRY_ASSIGN(store::Rows rows,
                  tx.query("SELECT p.id, p.producer_id, p.category_id, p.unit_net_g, p.shelf_life_days, o.county_code, "
                           "g.code, g.grade_rank, g.list_price_fen FROM products p "
                           "JOIN organisations o ON o.id = p.producer_id "
                           "JOIN product_grades g ON g.product_id = p.id "
                           "WHERE p.status = 'active' AND p.unit_net_g > 0 AND o.county_code IS NOT NULL "
                           "ORDER BY p.id, g.grade_rank"));
    std::vector<DemoProduct> products;
    for (const auto& row : rows) {
        if (products.empty() || products.back().id != row.text("id")) {
            products.push_back(DemoProduct{row.text("id"), row.text("producer_id"), row.text("category_id"),
                                           row.text("county_code"), row.i64("shelf_life_days"), {}});
        }
        // List prices are per unit of sale; the market prices per kg.
        const int64_t per_kg = row.i64("list_price_fen") * 1000 / row.i64("unit_net_g");
        products.back().grades.push_back(DemoGrade{row.text("code"), row.i64("grade_rank"), std::max<int64_t>(per_kg, 1)});
    }
    return products;
}

struct DemoBuyer {
    std::string id, district, channel;
};

Result<std::vector<DemoBuyer>> buyers(store::Tx& tx) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT id, district_code, channel FROM organisations WHERE kind = 'buyer' AND is_system = 0 "
                                             "AND district_code IS NOT NULL ORDER BY id"));
    std::vector<DemoBuyer> out;
    for (const auto& row : rows) out.push_back(DemoBuyer{row.text("id"), row.text("district_code"), row.opt_text("channel").value_or("")});
    return out;
}

}  // namespace

Result<DemoMarketCounts> seed_market(DemoWorld& world, IdGenerator& ids, const Clock& clock) {
    DemoMarketCounts counts;
    store::Tx& tx = world.tx;
    const int64_t now = clock.now_ms();
    KL_TRY_ASSIGN(store::Rows counties, tx.query("SELECT code FROM counties ORDER BY sort_order"));
    KL_TRY_ASSIGN(store::Rows districts, tx.query("SELECT code FROM districts ORDER BY sort_order"));
    for (const auto& county : counties) {
        for (const auto& district : districts) {
            for (const LanePlan& plan : lane_plans) {
                market::LaneFields fields{"origin-" + county.text(0), "dest-" + district.text(0), plan.mode,
                                          plan.hours + county_extra_hours.at(county.text(0)), plan.fen_per_kg,
                                          plan.temperature};
                KL_TRY(market::check_lane_fields(tx, fields));
                KL_TRY(market::insert_lane(tx, market::Lane{ids.next(), fields, now, now}));
                ++counts.lanes;
            }
        }
    }

    KL_TRY_ASSIGN(std::vector<DemoProduct> products, offerable_products(tx));
    KL_TRY_ASSIGN(std::vector<DemoBuyer> shoppers, buyers(tx));
    if (products.empty() || shoppers.empty()) return counts;
    DemoRandom& random = world.random;
    const kl::Date today = world.today;

    // A season of offers: each a grade of a product, available over the coming weeks, packed lately
    // enough that most of its shelf life is left.
    std::vector<size_t> offered;
    for (int64_t i = 0; i < offers_count; ++i) {
        const size_t p = static_cast<size_t>(random.between(0, static_cast<int64_t>(products.size()) - 1));
        const DemoProduct& product = products[p];
        const DemoGrade& grade = random.pick(product.grades);
        const kl::Date from = kl::add_days(today, random.between(-3, 5));
        market::NewOffer offer{product.producer_id,
                               {product.id, grade.code, random.between(5, 200) * 100'000,
                                std::max<int64_t>(1, grade.fen_per_kg * random.between(80, 100) / 100), from,
                                kl::add_days(from, random.between(7, 30)),
                                kl::add_days(from, -random.between(0, std::max<int64_t>(1, product.shelf_life_days / 6))),
                                "origin-" + product.county}};
        KL_TRY(market::insert_listing<market::OfferKind>(tx, ids.next(), offer, std::nullopt, now));
        offered.push_back(p);
        ++counts.offers;
    }

    // Demands from the buyers: mostly for an offered product (so the run has something to match),
    // some for a whole category; budget units (canteens) carry an aid minimum.
    // Every tenth demand is the demo buyer's own, so that its login has proposals to decide whatever
    // the draws before this one were.
    const DemoBuyer* demo_buyer = nullptr;
    for (const auto& shopper : shoppers) {
        if (world.org_ids.count("wholesale_buyer") && shopper.id == world.org_ids.at("wholesale_buyer")) demo_buyer = &shopper;
    }
    for (int64_t i = 0; i < demands_count; ++i) {
        const DemoBuyer& buyer = i % 10 == 0 && demo_buyer ? *demo_buyer : random.pick(shoppers);
        const DemoProduct& product = products[random.pick(offered)];
        const DemoGrade& grade = random.pick(product.grades);
        market::DemandFields fields;
        if (random.chance(250)) {
            fields.category_id = product.category_id;
            fields.min_grade_rank = grade.rank;
        } else {
            fields.product_id = product.id;
            fields.min_grade = grade.code;
        }
        fields.quantity_g = random.between(5, 150) * 100'000;
        fields.max_price_fen_per_kg = grade.fen_per_kg * random.between(100, 150) / 100 + random.between(100, 900);
        fields.deliver_by = kl::add_days(today, random.between(7, 24));
        fields.district = buyer.district;
        fields.min_shelf_life_days = std::min<int64_t>(random.between(2, 20), product.shelf_life_days / 2);
        if (buyer.channel == "budget_unit") fields.min_aided_g = fields.quantity_g * random.between(10, 40) / 100;
        KL_TRY(market::insert_listing<market::DemandKind>(tx, ids.next(), market::NewDemand{buyer.id, fields}, std::nullopt, now));
        ++counts.demands;
    }

    // One finished run over that market, as `kashlink match` would store it.
    market::Run run;
    run.id = ids.next();
    run.status = market::RunStatus::queued;
    run.as_of = today;
    run.requested_at_ms = now;
    KL_TRY(market::insert_run(tx, run));
    KL_TRY(market::set_run_status(tx, run.id, market::RunStatus::running, now));
    KL_TRY_ASSIGN(market::Instance instance, market::load_instance(tx, today));
    KL_TRY_ASSIGN(market::AllocationResult result, market::allocate(instance));
    KL_TRY(market::store_result(tx, run.id, instance, result, now));
    counts.proposals = result.allocations.size();
    return counts;
}

}  // namespace kl::demo

// The demo's orders (seed_orders, declared in demo_orders.h): a season of trade on every channel,
// drawn from the seed, so that every order page, aid-sales report and chart shows real figures on
// first start.
//   (the fairs' intended orders and on-site sales are made at their events: demo_fairs.cpp);
//   - the last 180 days: orders on the wholesale, supermarket, canteen, vending-counter and fair
//     on-site channels at list prices, moved through the lifecycle to every status (accepted and
//     paid ones counted as aid sales when their product was certified on the order date), partly
//     accepted with quality notes now and then; the demo buyer, producer and carrier have their own;
//   - e-commerce and livestream sales imported through the CSV importer, as a platform would send;
//   - budget-unit quotas (canteen budgets, 10–15 % reserved, one unit without a canteen) and a
//     target for each of the 16 districts.
// Every action is the command line's ("system" on the timelines).
#include "demo/demo_orders.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/civil_date.h"

namespace kl::demo {

namespace {

using orders::OrderAction;
using orders::OrderStatus;
using catalog::SalesChannel;

constexpr int64_t season_days = 180;
constexpr int64_t season_orders = 300;
constexpr int64_t online_sales = 160;

struct Offer {
    std::string product_id;
    std::string seller_id;
    std::string grade;
    int64_t price_fen = 0;
    std::string code;  // the product's code, or its id
    std::set<SalesChannel> channels;  // its brand standard's sales channels: an order must be on one
};

struct Buyer {
    std::string id;
    std::string channel;
    std::string district;
    std::string credit_code;
};

struct Market {
    std::vector<Offer> offers;
    std::map<std::string, std::vector<size_t>> offers_of_seller;
    std::map<std::string, std::string> seller_codes;
    std::vector<std::string> sellers;
    std::vector<Buyer> buyers;
    std::vector<std::string> carriers;
};

Result<Market> load_market(store::Tx& tx) {
    Market market;
    KL_TRY_ASSIGN(store::Rows offers,
                  tx.query("SELECT p.id, p.producer_id, g.code, g.list_price_fen, COALESCE(p.code, p.id) AS product_code, "
                           "o.credit_code FROM products p JOIN product_grades g ON g.product_id = p.id "
                           "JOIN organisations o ON o.id = p.producer_id WHERE p.status = 'active' "
                           "ORDER BY p.producer_id, p.id, g.grade_rank"));
    for (const auto& row : offers) {
        const std::string seller = row.text("producer_id");
        if (!market.offers_of_seller.contains(seller)) market.sellers.push_back(seller);
        market.offers_of_seller[seller].push_back(market.offers.size());
        if (!row.is_null(5)) market.seller_codes[seller] = row.text("credit_code");
        market.offers.push_back(Offer{row.text("id"), seller, row.text("code"), row.i64("list_price_fen"), row.text("product_code"), {}});
    }
    KL_TRY_ASSIGN(store::Rows channels, tx.query("SELECT product_id, channel FROM product_channels"));
    std::map<std::string, std::set<SalesChannel>> channels_of;
    for (const auto& row : channels) {
        KL_TRY_ASSIGN(SalesChannel channel, parse_enum<catalog::SalesChannel>(row.text(1), "channel"));
        channels_of[row.text(0)].insert(channel);
    }
    for (auto& offer : market.offers) offer.channels = channels_of[offer.product_id];
    KL_TRY_ASSIGN(store::Rows buyers, tx.query("SELECT id, COALESCE(channel, '') AS channel, COALESCE(district_code, 'huangpu') "
                                               "AS district, COALESCE(credit_code, '') AS code FROM organisations "
                                               "WHERE kind = 'buyer' AND is_system = 0 ORDER BY id"));
    for (const auto& row : buyers) {
        market.buyers.push_back(Buyer{row.text("id"), row.text("channel"), row.text("district"), row.text("code")});
    }
    KL_TRY_ASSIGN(store::Rows carriers, tx.query("SELECT id FROM organisations WHERE kind = 'logistics' ORDER BY id"));
    for (const auto& row : carriers) market.carriers.push_back(row.text(0));
    return market;
}

SalesChannel channel_for(const Buyer& buyer, DemoRandom& random) {
    if (random.chance(60)) return SalesChannel::fair_onsite;
    if (buyer.channel == "supermarket") return SalesChannel::supermarket;
    if (buyer.channel == "group_dining" || buyer.channel == "budget_unit") return SalesChannel::canteen;
    if (buyer.channel == "vending_counter") return SalesChannel::vending_counter;
    return SalesChannel::wholesale;
}

// The seller's offers whose products may be sold through `channel`.
std::vector<size_t> offers_in(const Market& market, const std::string& seller, SalesChannel channel) {
    std::vector<size_t> out;
    for (const size_t index : market.offers_of_seller.at(seller)) {
        if (market.offers[index].channels.contains(channel)) out.push_back(index);
    }
    return out;
}

// The sellers (among `among`) with something to sell through `channel`.
std::vector<std::string> sellers_in(const Market& market, const std::vector<std::string>& among, SalesChannel channel) {
    std::vector<std::string> out;
    for (const auto& seller : among) {
        if (!offers_in(market, seller, channel).empty()) out.push_back(seller);
    }
    return out;
}

// One to three lines of one seller's offers for this channel, at list price; none when the seller
// sells nothing through it.
std::vector<orders::NewOrderLine> lines_for(const Market& market, const std::string& seller, SalesChannel channel,
                                            DemoRandom& random, int64_t quantity_min, int64_t quantity_max) {
    std::vector<orders::NewOrderLine> lines;
    const std::vector<size_t> mine = offers_in(market, seller, channel);
    if (mine.empty()) return lines;
    const int64_t count = random.between(1, std::min<int64_t>(3, static_cast<int64_t>(mine.size())));
    std::vector<std::string> used;
    for (int64_t i = 0; i < count; ++i) {
        const Offer& offer = market.offers[random.pick(mine)];
        if (std::find(used.begin(), used.end(), offer.product_id) != used.end()) continue;
        used.push_back(offer.product_id);
        lines.push_back(orders::NewOrderLine{offer.product_id, offer.grade, random.between(quantity_min, quantity_max), offer.price_fen});
    }
    return lines;
}


OrderStatus season_target(DemoRandom& random) {
    const int64_t draw = random.between(0, 99);
    if (draw < 8) return OrderStatus::confirmed;
    if (draw < 16) return OrderStatus::shipped;
    if (draw < 26) return OrderStatus::delivered;
    if (draw < 55) return OrderStatus::accepted;
    if (draw < 95) return OrderStatus::paid;
    return OrderStatus::cancelled;
}

Result<void> seed_season(DemoWorld& world, orders::OrderService& service, const Market& market, DemoOrderCounts& counts) {
    const std::string demo_buyer = world.org_ids.at("wholesale_buyer");
    const std::string demo_seller = world.org_ids.at("yecheng_producer");
    const std::string demo_carrier = world.org_ids.count("kashgar_port") ? world.org_ids.at("kashgar_port") : market.carriers.front();
    for (int64_t i = 0; i < season_orders; ++i) {
        // Every eighth order is between the demo's own buyer and producer, so their logins see trade.
        const bool own = i % 8 == 0 && market.offers_of_seller.contains(demo_seller);
        const Buyer* buyer = &world.random.pick(market.buyers);
        if (own) {
            for (const auto& candidate : market.buyers) {
                if (candidate.id == demo_buyer) buyer = &candidate;
            }
        }
        orders::NewOrder order;
        order.buyer_id = buyer->id;
        order.channel = channel_for(*buyer, world.random);
        // Some of the demo buyer's orders wait as fair intents, for the console's confirm button.
        if (own && i % 24 == 0) order.channel = SalesChannel::fair_intent;
        // A seller whose brand standards allow the channel; the demo producer sells on the fair's
        // terms when none of its products is sold through the buyer's own channel.
        if (own && offers_in(market, demo_seller, order.channel).empty()) order.channel = SalesChannel::fair_onsite;
        const std::vector<std::string> sellers = own ? std::vector<std::string>{demo_seller}
                                                     : sellers_in(market, market.sellers, order.channel);
        if (sellers.empty()) continue;
        order.seller_id = world.random.pick(sellers);
        order.order_date = kl::add_days(world.today, -world.random.between(3, season_days));
        order.delivery_date = kl::add_days(*order.order_date, world.random.between(2, 10));
        order.delivery_district = buyer->district;
        order.lines = lines_for(market, order.seller_id, order.channel, world.random, 20, 400);
        if (order.lines.empty()) continue;
        KL_TRY_ASSIGN(orders::Order made, service.create(std::nullopt, order));
        ++counts.orders;
        if (order.channel == SalesChannel::fair_intent) continue;
        const std::string carrier = own ? demo_carrier : world.random.pick(market.carriers);
        KL_TRY(advance_order(service, made.id, made.status, season_target(world.random), carrier, world.random, i));
    }
    return ok();
}

Result<void> seed_online(DemoWorld& world, orders::OrderService& service, const Market& market, DemoOrderCounts& counts) {
    std::vector<const Buyer*> platforms;
    for (const auto& buyer : market.buyers) {
        if (buyer.channel == "ecommerce" && !buyer.credit_code.empty()) platforms.push_back(&buyer);
    }
    std::vector<std::string> coded;
    for (const auto& seller : market.sellers) {
        if (market.seller_codes.contains(seller)) coded.push_back(seller);
    }
    const std::vector<std::string> online_sellers = sellers_in(market, coded, SalesChannel::ecommerce);
    const std::vector<std::string> live_sellers = sellers_in(market, coded, SalesChannel::livestream);
    if (platforms.empty() || online_sellers.empty()) return ok();
    std::string csv = "platform,shop,order_no,channel,order_date,seller_credit_code,buyer_credit_code,product_code,grade,"
                      "quantity,unit_price_fen,delivery_district\r\n";
    for (int64_t i = 0; i < online_sales; ++i) {
        const Buyer& platform = *world.random.pick(platforms);
        const bool live = !live_sellers.empty() && world.random.chance(400);
        const std::string& seller = world.random.pick(live ? live_sellers : online_sellers);
        const Offer& offer =
            market.offers[world.random.pick(offers_in(market, seller, live ? SalesChannel::livestream : SalesChannel::ecommerce))];
        const std::string date = kl::format_date(kl::add_days(world.today, -world.random.between(1, season_days)));
        csv += (live ? "douyin" : "platform-" + platform.credit_code.substr(8, 6)) + "," +
               (live ? "喀什好物直播间" : "喀什馆") + "," + (live ? "DY" : "EC") + std::to_string(7'000'000 + i) + "," +
               (live ? "livestream" : "ecommerce") + "," + date + "," + market.seller_codes.at(seller) + "," +
               platform.credit_code + "," + offer.code + "," + offer.grade + "," + std::to_string(world.random.between(1, 60)) +
               "," + std::to_string(offer.price_fen) + "," + world.random.pick(std::vector<std::string>{"pudong", "xuhui", "minhang", "jiading"}) +
               "\r\n";
    }
    KL_TRY_ASSIGN(orders::OnlineImportReport report, service.import_online_sales(std::nullopt, csv));
    counts.online_sales = report.created;
    return ok();
}

Result<void> seed_quotas(DemoWorld& world, orders::QuotaService& quotas, const Market& market, DemoOrderCounts& counts) {
    const auto year = static_cast<int64_t>(std::stoll(kl::format_date(world.today).substr(0, 4)));
    bool exempt_given = false;
    for (const auto& buyer : market.buyers) {
        if (buyer.channel != "budget_unit") continue;
        orders::BudgetQuota quota;
        quota.buyer_id = buyer.id;
        quota.year = year;
        quota.canteen_budget_fen = world.random.between(20, 200) * 10'000'00;  // ¥0.2–2 m
        quota.reserved_share_bp = world.random.pick(std::vector<int64_t>{1000, 1000, 1200, 1500});
        quota.no_canteen = !exempt_given && world.random.chance(200);
        exempt_given = exempt_given || quota.no_canteen;
        KL_TRY(quotas.set_quota(std::nullopt, quota));
        ++counts.quotas;
    }
    KL_TRY_ASSIGN(store::Rows districts, world.tx.query("SELECT code FROM districts ORDER BY sort_order"));
    for (const auto& row : districts) {
        KL_TRY(quotas.set_target(std::nullopt, orders::DistrictTarget{row.text(0), year, world.random.between(5, 40) * 10'000'00}));
    }
    return ok();
}

}  // namespace

Result<void> advance_order(orders::OrderService& service, const std::string& id, OrderStatus from, OrderStatus target,
                     const std::string& carrier, DemoRandom& random, int64_t serial) {
    if (target == OrderStatus::cancelled) {
        orders::TransitionInput input;
        input.reason = random.pick(std::vector<std::string>{"买方计划调整 buyer changed plans", "规格不符 grade not available",
                                                             "运力不足 no cold-chain capacity this week"});
        KL_TRY(service.transition(std::nullopt, id, OrderAction::cancel, input));
        return ok();
    }
    const std::vector<std::pair<OrderAction, OrderStatus>> steps = {
        {OrderAction::confirm, OrderStatus::confirmed}, {OrderAction::ship, OrderStatus::shipped},
        {OrderAction::deliver, OrderStatus::delivered}, {OrderAction::accept, OrderStatus::accepted},
        {OrderAction::pay, OrderStatus::paid}};
    OrderStatus status = from;
    for (const auto& [action, reached] : steps) {
        if (status == target) break;
        if (action == OrderAction::confirm && status != OrderStatus::intent) continue;
        orders::TransitionInput input;
        if (action == OrderAction::ship) input.carrier_id = carrier;
        if (action == OrderAction::accept && random.chance(150)) {
            input.lines.push_back(orders::LineAcceptance{1, 0, ""});
            KL_TRY_ASSIGN(orders::Order order, service.get(std::nullopt, id));
            const int64_t quantity = order.lines[0].quantity;
            input.lines[0].accepted_quantity = quantity - std::max<int64_t>(1, quantity / 10);
            input.lines[0].quality_note = "部分果品磕碰，按实收数量验收 some fruit bruised, accepted as counted";
        }
        if (action == OrderAction::pay) {
            KL_TRY(service.set_invoice(std::nullopt, id, "FP" + std::to_string(20'000'000 + serial)));
            input.payment_ref = "B2B" + std::to_string(90'000'000 + serial);
        }
        KL_TRY(service.transition(std::nullopt, id, action, input));
        status = reached;
    }
    return ok();
}

Result<DemoOrderCounts> seed_orders(DemoWorld& world, orders::Orders& services) {
    DemoOrderCounts counts;
    KL_TRY_ASSIGN(Market market, load_market(world.tx));
    if (market.sellers.empty() || market.buyers.empty() || market.carriers.empty()) return counts;
    KL_TRY(seed_season(world, services.orders, market, counts));
    KL_TRY(seed_online(world, services.orders, market, counts));
    KL_TRY(seed_quotas(world, services.quotas, market, counts));
    return counts;
}

}  // namespace kl::demo

#pragma once
// The real server with the catalog's and the orders module's routes, and a small programme seeded
// through the services (as the command line):
//   - the producer's cooperative ("own seller") is in Shache, its other cooperative in Bachu;
//   - the county officer's agency is Shache's branch, its other agency Zepu's;
//   - the buyer's organisation is a Pudong budget unit, its other organisation a Xuhui supermarket;
//   - products of the own seller: `certified` (certified since 30 days ago, no notice left) and
//     `uncertified` (never certified); of the other seller: `other_product`;
//   - the own seller buys from two households (60 % and 25 %);
//   - the logistics firm's own organisation is the carrier of the orders the tests ship.

#include <nlohmann/json.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/catalog_fixture.h"
#include "orders/orders.h"
#include "support/access_fixture.h"

namespace kl::orders::testing {

using access::Role;
using test::Target;

template <typename T>
T must(Result<T> result, const std::string& what) {
    if (!result) throw std::runtime_error("seeding " + what + ": " + result.error().message);
    return std::move(result).value();
}

class OrdersWorld {
public:
    // `more` adds services of modules built on orders (the trace module wires its port with it).
    using MoreServices = std::function<void(http::ApiDeps&, test::AccessWorld&, Orders&)>;
    explicit OrdersWorld(const std::string& backend = "sqlite", MoreServices more = {}) {
        test::WorldOptions options = test::on_backend(backend);
        options.services = [this, more](http::ApiDeps& deps, test::AccessWorld& world) {
            catalog_ = &world.make<catalog::Catalog>(world.store(), world.clock(), world.ids(), world.stack().organisations);
            orders_ = &world.make<Orders>(world.store(), world.clock(), world.ids());
            deps.catalog = catalog_;
            deps.orders = orders_;
            if (more) more(deps, world, *orders_);
        };
        world_ = std::make_unique<test::AccessWorld>(options);
        seed();
    }

    test::AccessWorld& world() { return *world_; }
    const test::AccessWorld& world() const { return *world_; }
    catalog::Catalog& catalog() { return *catalog_; }
    Orders& orders() { return *orders_; }
    const std::string& org(Role role, Target target) const { return world_->org_for(role, target); }
    kl::Date today() const { return kl::today_in_shanghai(world_->clock()); }
    std::string today_text() const { return kl::format_date(today()); }

    std::string certified, uncertified, other_product;
    std::string household_a, household_b;
    std::string buyer_code, other_buyer_code, seller_code;

    // A body for POST /api/v1/orders from the own buyer to the own seller.
    nlohmann::json order_body(const std::string& channel = "wholesale", int64_t quantity = 10,
                              int64_t price_fen = 12800) const {
        return {{"buyer_id", org(Role::buyer, Target::own)},
                {"seller_id", org(Role::producer, Target::own)},
                {"channel", channel},
                {"delivery_district", "pudong"},
                {"delivery_date", today_text()},
                {"lines", {{{"product_id", certified}, {"grade", "A"}, {"quantity", quantity}, {"unit_price_fen", price_fen}},
                           {{"product_id", uncertified}, {"grade", "B"}, {"quantity", 5}, {"unit_price_fen", 9800}}}}};
    }

    // An order made by the command line (own buyer, own seller), in `status` reached by transitions.
    std::string order_in(OrderStatus status, const std::string& channel = "wholesale") {
        NewOrder input;
        input.buyer_id = org(Role::buyer, Target::own);
        input.seller_id = org(Role::producer, Target::own);
        input.channel = must(parse_enum<catalog::SalesChannel>(channel, "channel"), "channel");
        input.delivery_district = "pudong";
        input.delivery_date = today();
        input.lines = {NewOrderLine{certified, "A", 10, 12800}, NewOrderLine{uncertified, "B", 5, 9800}};
        const std::string id = must(orders().orders.create(std::nullopt, input), "order").id;
        world_->clock().advance_ms(1);
        const std::vector<std::pair<OrderStatus, OrderAction>> path = {
            {OrderStatus::confirmed, OrderAction::confirm}, {OrderStatus::shipped, OrderAction::ship},
            {OrderStatus::delivered, OrderAction::deliver}, {OrderStatus::accepted, OrderAction::accept},
            {OrderStatus::paid, OrderAction::pay}};
        if (status == OrderStatus::cancelled) {
            TransitionInput cancel;
            cancel.reason = "test";
            must(orders().orders.transition(std::nullopt, id, OrderAction::cancel, cancel), "cancel");
            return id;
        }
        Order order = must(orders().orders.get(std::nullopt, id), "order");
        for (const auto& [reached, action] : path) {
            if (order.status == status) break;
            if (order.status == OrderStatus::intent && action != OrderAction::confirm) continue;
            if (order.status != OrderStatus::intent && action == OrderAction::confirm) continue;
            TransitionInput input_step;
            if (action == OrderAction::ship) input_step.carrier_id = org(Role::logistics, Target::own);
            if (action == OrderAction::pay) {
                must(orders().orders.set_invoice(std::nullopt, id, "INV-" + id), "invoice");
            }
            order = must(orders().orders.transition(std::nullopt, id, action, input_step), std::string(to_string(action)));
            (void)reached;
        }
        return id;
    }

private:
    void set_profile(const std::string& id, const std::function<void(catalog::OrganisationFields&)>& change) {
        catalog::OrganisationFields fields = must(catalog().organisations.get(std::nullopt, id), "profile").fields;
        change(fields);
        must(catalog().organisations.update(std::nullopt, id, fields), "profile of " + fields.name);
    }

public:
    // The sample standard sold through every channel but vending counters, so that a test can see an
    // order refused for its channel.
    static catalog::BrandStandard standard_for_orders() {
        catalog::BrandStandard standard = catalog::testing::sample_standard();
        standard.channels.clear();
        for (const catalog::SalesChannel channel : catalog::all_sales_channels()) {
            if (channel != catalog::SalesChannel::vending_counter) standard.channels.push_back(channel);
        }
        return standard;
    }

private:
    std::string product(const std::string& producer, const std::string& name) {
        catalog::NewProduct input{producer, catalog::testing::product_fields(name, name + " (en)", "fresh_fruit"),
                                  standard_for_orders()};
        const std::string id = must(catalog().products.create(std::nullopt, input), name).id;
        world_->clock().advance_ms(1);
        return id;
    }

    void seed() {
        using catalog::testing::credit_code_for;
        seller_code = credit_code_for(11);
        buyer_code = credit_code_for(13, "310115");
        other_buyer_code = credit_code_for(14, "310104");
        set_profile(org(Role::county_officer, Target::own), [](auto& f) { f.county = "shache"; });
        set_profile(org(Role::county_officer, Target::other), [](auto& f) { f.county = "zepu"; });
        set_profile(org(Role::producer, Target::own), [this](auto& f) { f.county = "shache"; f.credit_code = seller_code; });
        set_profile(org(Role::producer, Target::other), [](auto& f) { f.county = "bachu"; f.credit_code = credit_code_for(12); });
        set_profile(org(Role::buyer, Target::own), [this](auto& f) {
            f.district = "pudong";
            f.channel = catalog::BuyerChannel::budget_unit;
            f.credit_code = buyer_code;
        });
        set_profile(org(Role::buyer, Target::other), [this](auto& f) {
            f.district = "xuhui";
            f.channel = catalog::BuyerChannel::supermarket;
            f.credit_code = other_buyer_code;
        });
        for (auto* household : {&household_a, &household_b}) {
            catalog::OrganisationFields fields;
            fields.name = household == &household_a ? "阿依古丽家" : "买买提家";
            fields.kind = access::OrgKind::household;
            fields.county = "shache";
            *household = must(catalog().organisations.create(std::nullopt, fields), "household").id;
        }
        must(catalog().organisations.set_supply_links(std::nullopt, org(Role::producer, Target::own),
                                                      {{household_a, 6000}, {household_b, 2500}}),
             "supply links");
        certified = product(org(Role::producer, Target::own), "莎车巴旦木");
        uncertified = product(org(Role::producer, Target::own), "莎车红枣");
        other_product = product(org(Role::producer, Target::other), "巴楚甜瓜");
        const kl::Date since = kl::add_days(today(), -30);
        must(catalog().certifications.certify(std::nullopt, certified,
                                              catalog::CertificationInput{"莎消帮〔2026〕101号", since,
                                                                          kl::add_days(since, 365), 7}),
             "certification");
    }

    catalog::Catalog* catalog_ = nullptr;
    Orders* orders_ = nullptr;
    std::unique_ptr<test::AccessWorld> world_;
};

inline httplib::Headers idempotent(const std::string& key) { return {{"Idempotency-Key", key}}; }

// The single integer a query such as SELECT COUNT(*) answers, read from the world's store.
inline int64_t count(OrdersWorld& w, const std::string& sql) {
    return must(w.world().store().read([&](store::Tx& tx) -> Result<int64_t> {
                    KL_TRY_ASSIGN(store::Rows rows, tx.query(sql));
                    return rows[0].i64(0);
                }),
                "count");
}

// The fields named by a problem+json answer's errors, in order.
inline std::vector<std::string> fields_of(const test::HttpReply& reply) {
    std::vector<std::string> out;
    const nlohmann::json body = nlohmann::json::parse(reply.body);  // kept alive for the range-for
    for (const auto& error : body.at("errors")) out.push_back(error.at("field").get<std::string>());
    return out;
}

}  // namespace kl::orders::testing

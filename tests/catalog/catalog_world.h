#pragma once
// The real server with the catalog's routes (AccessWorld with ApiDeps::catalog set), and a small
// programme seeded through the services so HTTP tests and the permission matrix have something to
// act on:
//   - the county officer's agency is Shache's branch, its "other" agency Zepu's branch;
//   - the producer's cooperative is in Shache, its "other" cooperative in Bachu;
//   - products: own_product (active, Shache), other_product (active, Bachu), own_draft (draft,
//     Shache), cert_product and revoke_product (active, Shache, for certification rows);
//   - certifications: own_cert on own_product (in its notice today), other_cert on other_product,
//     revoke_cert on revoke_product.

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "catalog/catalog.h"
#include "catalog_fixture.h"
#include "support/access_fixture.h"

namespace kl::catalog::testing {

// `more` adds the services of a module built on the catalog (the market's world, for one).
using MoreServices = std::function<void(http::ApiDeps&, test::AccessWorld&)>;

inline test::WorldOptions catalog_world_options(const std::string& backend, Catalog** out, MoreServices more = {}) {
    test::WorldOptions options = test::on_backend(backend);
    options.services = [out, more](http::ApiDeps& deps, test::AccessWorld& world) {
        *out = &world.make<Catalog>(world.store(), world.clock(), world.ids(), world.stack().organisations);
        deps.catalog = *out;
        if (more) more(deps, world);
    };
    return options;
}

template <typename T>
T must(Result<T> result, const std::string& what) {
    if (!result) throw std::runtime_error("seeding " + what + ": " + result.error().message);
    return std::move(result).value();
}

class CatalogWorld {
public:
    explicit CatalogWorld(const std::string& backend = "sqlite", MoreServices more = {})
        : world_(std::make_unique<test::AccessWorld>(catalog_world_options(backend, &catalog_, std::move(more)))) {
        seed();
    }

    test::AccessWorld& world() { return *world_; }
    const test::AccessWorld& world() const { return *world_; }
    Catalog& catalog() { return *catalog_; }
    const std::string& org(access::Role role, test::Target target) const { return world_->org_for(role, target); }

    std::string own_product, other_product, own_draft, cert_product, revoke_product;
    std::string own_cert, other_cert, revoke_cert;

    // The body of a product for POST /api/v1/products.
    static nlohmann::json product_body(const std::string& producer_id, const std::string& name) {
        return {{"producer_id", producer_id},
                {"name_zh", name},
                {"name_en", "Walnuts"},
                {"category_id", "nuts_dried_fruit"},
                {"unit", {{"kind", "box"}, {"net_g", 2500}}},
                {"status", "draft"}};
    }
    // A valid standard as the API writes it.
    static nlohmann::json standard_body() {
        return {{"grades", {{{"code", "A"}, {"name_zh", "特级"}, {"name_en", "Premium"}, {"rank", 1},
                             {"criteria", {{{"metric", "fruit_weight_g"}, {"min", 250}, {"max", 400}}}}},
                            {{"code", "B"}, {"name_zh", "一级"}, {"rank", 2},
                             {"criteria", {{{"metric", "fruit_weight_g"}, {"min", 180}, {"max", 249}}}}}}},
                {"packaging", {{"type", "carton"}, {"net_weight_g", 5000}, {"materials", {"corrugated board"}}}},
                {"storage", {{"temperature_min_c_x10", -10}, {"temperature_max_c_x10", 40}, {"humidity_min_pct", 85},
                             {"humidity_max_pct", 95}, {"shelf_life_days", 120}}},
                {"logistics", {{"cold_chain", "chilled_0_4"}}},
                {"channels", {"wholesale", "supermarket"}},
                {"pricing", {{"list_prices", {{{"grade", "A"}, {"price_fen", 12800}}, {{"grade", "B"}, {"price_fen", 9800}}}},
                             {"min_order_quantity", 10},
                             {"tiers", {{{"min_quantity", 100}, {"prices", {{{"grade", "A"}, {"price_fen", 12000}}}}}}}}}};
    }
    // The full profile of an organisation as PUT /api/v1/organisations/{id} takes it.
    nlohmann::json organisation_body(const std::string& id) {
        const OrganisationProfile profile = must(catalog().organisations.get(std::nullopt, id), "profile");
        nlohmann::json body = {{"name", profile.fields.name}, {"kind", std::string(access::to_string(profile.fields.kind))}};
        if (profile.fields.credit_code) body["credit_code"] = *profile.fields.credit_code;
        if (profile.fields.county) body["county"] = *profile.fields.county;
        return body;
    }

private:
    void set_county(const std::string& id, const std::string& county, int serial) {
        OrganisationFields fields = must(catalog().organisations.get(std::nullopt, id), "profile").fields;
        fields.county = county;
        if (fields.kind == access::OrgKind::cooperative) fields.credit_code = credit_code_for(serial);
        must(catalog().organisations.update(std::nullopt, id, fields), "county of " + fields.name);
    }

    std::string seed_product(const std::string& producer, const std::string& name, ProductStatus status) {
        NewProduct product{producer, product_fields(name, name + " (en)", "nuts_dried_fruit", status), sample_standard()};
        const std::string id = must(catalog().products.create(std::nullopt, product), name).id;
        world_->clock().advance_ms(1);  // ids in creation order
        return id;
    }

    std::string seed_cert(const std::string& product, const std::string& number, int64_t notice_days) {
        const Date today = today_in_shanghai(world_->clock());
        CertificationInput input{number, today, add_days(today, 365), notice_days};
        return must(catalog().certifications.certify(std::nullopt, product, input), number).id;
    }

    void seed() {
        using access::Role;
        using test::Target;
        set_county(org(Role::county_officer, Target::own), "shache", 1);
        set_county(org(Role::county_officer, Target::other), "zepu", 2);
        set_county(org(Role::producer, Target::own), "shache", 3);
        set_county(org(Role::producer, Target::other), "bachu", 4);
        const std::string& mine = org(Role::producer, Target::own);
        own_product = seed_product(mine, "莎车核桃", ProductStatus::active);
        other_product = seed_product(org(Role::producer, Target::other), "巴楚核桃", ProductStatus::active);
        own_draft = seed_product(mine, "核桃草稿", ProductStatus::draft);
        cert_product = seed_product(mine, "待认定核桃", ProductStatus::active);
        revoke_product = seed_product(mine, "将撤销核桃", ProductStatus::active);
        own_cert = seed_cert(own_product, "莎消帮〔2026〕001号", 7);
        other_cert = seed_cert(other_product, "巴消帮〔2026〕001号", 7);
        revoke_cert = seed_cert(revoke_product, "莎消帮〔2026〕002号", 0);
    }

    Catalog* catalog_ = nullptr;
    std::unique_ptr<test::AccessWorld> world_;
};

}  // namespace kl::catalog::testing

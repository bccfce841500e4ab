#pragma once
// The catalog services over a fresh store per backend (AccessBackendTest: SQLite always, PostgreSQL
// when available or required), with helpers that seed organisations, officers, products and
// standards through the services themselves (as the command line, actor = nullopt).

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "catalog/catalog.h"
#include "catalog/credit_code.h"
#include "support/access_stack.h"

namespace kl::catalog::testing {

using access::OrgKind;
using access::Role;

// A valid credit code, different for each `serial`: registered by market regulation (9) as a company
// (1) in the division `division` (six digits).
inline std::string credit_code_for(int serial, const std::string& division = "653125") {
    std::string serial_text = std::to_string(serial);
    const std::string first17 = "91" + division + std::string(9 - serial_text.size(), '0') + serial_text;
    auto code = complete_credit_code(first17);
    if (!code) throw std::runtime_error("bad test credit code: " + code.error().message);
    return *code;
}

// A standard that passes every rule: two grades, two tiers, three channels.
inline BrandStandard sample_standard() {
    BrandStandard standard;
    standard.grades = {
        Grade{"A", "特级", "Premium", 1,
              {Criterion{Metric::fruit_weight_g, 250, 400}, Criterion{Metric::sugar_brix_x10, 140, std::nullopt}}},
        Grade{"B", "一级", "First grade", 2, {Criterion{Metric::fruit_weight_g, 180, 249}}},
    };
    standard.packaging = Packaging{PackagingType::carton, 5000, {"corrugated board", "PE film"}};
    standard.storage = Storage{-10, 40, 85, 95, 120};
    standard.logistics = Logistics{ColdChain::chilled_0_4};
    standard.channels = {SalesChannel::wholesale, SalesChannel::supermarket, SalesChannel::ecommerce};
    standard.pricing.list_prices = {GradePrice{"A", 12800}, GradePrice{"B", 9800}};
    standard.pricing.min_order_quantity = 10;
    standard.pricing.tiers = {PriceTier{100, {GradePrice{"A", 12000}, GradePrice{"B", 9200}}},
                              PriceTier{1000, {GradePrice{"A", 11000}}}};
    return standard;
}

inline ProductFields product_fields(const std::string& name_zh, const std::string& name_en,
                                    const std::string& category = "fresh_fruit",
                                    ProductStatus status = ProductStatus::active) {
    return ProductFields{name_zh, name_en, category, SaleUnit{UnitKind::box, 5000}, status};
}

class CatalogTest : public test::AccessBackendTest {
protected:
    void SetUp() override {
        test::AccessBackendTest::SetUp();
        catalog_ = std::make_unique<Catalog>(db(), stack().clock, stack().ids, stack().organisations);
    }

    Catalog& catalog() { return *catalog_; }

    // An organisation made by the command line; throws when the directory refuses it. The clock
    // moves on a millisecond after each seeded record, so ids (UUIDv7) follow creation order.
    OrganisationProfile organisation(OrganisationFields fields) {
        auto made = catalog().organisations.create(std::nullopt, fields);
        stack().clock.advance_ms(1);
        if (!made) throw std::runtime_error("seeding " + fields.name + ": " + made.error().message);
        return std::move(made).value();
    }
    OrganisationProfile producer(const std::string& name, const std::string& county,
                                 OrgKind kind = OrgKind::enterprise) {
        OrganisationFields fields;
        fields.name = name;
        fields.name_en = name + " (en)";
        fields.kind = kind;
        fields.county = county;
        if (kind == OrgKind::enterprise || kind == OrgKind::cooperative) fields.credit_code = credit_code_for(++serial_);
        return organisation(fields);
    }
    OrganisationProfile buyer(const std::string& name, const std::string& district, BuyerChannel channel) {
        OrganisationFields fields;
        fields.name = name;
        fields.kind = OrgKind::buyer;
        fields.district = district;
        fields.channel = channel;
        fields.credit_code = credit_code_for(++serial_, "310115");
        return organisation(fields);
    }
    OrganisationProfile agency(const std::string& name, const std::optional<std::string>& county) {
        OrganisationFields fields;
        fields.name = name;
        fields.kind = OrgKind::agency;
        fields.county = county;
        return organisation(fields);
    }

    // A signed-in-like principal of a new user of `role` in `org_id`.
    access::Principal user(Role role, const std::optional<std::string>& org_id = std::nullopt) {
        const auto made = test::seed_user(stack(), role, "user" + std::to_string(++serial_), org_id);
        return test::principal_of(made);
    }

    Product product(const std::string& producer_id, const std::string& name_zh, const std::string& name_en,
                    const std::string& category = "fresh_fruit", ProductStatus status = ProductStatus::active,
                    std::optional<BrandStandard> standard = sample_standard()) {
        auto made = catalog().products.create(
            std::nullopt, NewProduct{producer_id, product_fields(name_zh, name_en, category, status), standard});
        stack().clock.advance_ms(1);
        if (!made) throw std::runtime_error("seeding product " + name_zh + ": " + made.error().message);
        return std::move(made).value();
    }

    // The field names of a failed result, for "which fields were named" checks.
    template <typename T>
    static std::vector<std::string> fields_of(const Result<T>& result) {
        std::vector<std::string> out;
        if (result) return out;
        for (const auto& field : result.error().fields) out.push_back(field.field);
        return out;
    }

    static Date day(const char* text) {
        auto parsed = parse_date(text, "test");
        if (!parsed) throw std::runtime_error(std::string("bad test date ") + text);
        return *parsed;
    }

    // Moves the manual clock to noon (Asia/Shanghai) of `date`.
    void set_today(Date date) {
        stack().clock.set_ms(date.days * 86'400'000 + 12 * 3'600'000 - shanghai_offset_ms);
    }

private:
    std::unique_ptr<Catalog> catalog_;
    int serial_ = 0;
};

}  // namespace kl::catalog::testing

#pragma once
// The fixed facts the demo programme is generated from (../shared/domain/seed-facts.md): the county
// branch commands, the 36 producer enterprises and what they make, the 88 Shanghai buyers by channel
// and district, and the name pools for workshops and households. Everything random is drawn later,
// from a seeded DemoRandom, by demo_catalog.cpp.

#include <cstdint>
#include <string>
#include <vector>

#include "access/organisation_service.h"
#include "catalog/catalog_types.h"

namespace kl::demo {

struct Names {
    std::string zh;
    std::string en;
};

struct CountyFacts {
    std::string code;           // catalog county code
    std::string division_code;  // for credit codes
    Names county;
    std::string sku_prefix;     // "SC" for Shache…
    std::string phone_prefix;   // "0998-"
    std::vector<Names> townships;
};
const std::vector<CountyFacts>& county_facts();
const CountyFacts& county_of(const std::string& code);

// Measurable grades, storage, channels and pricing shared by products of one kind.
enum class Scheme {
    melon, fig, apricot, pomegranate, apple, pear, grape, walnut_shell, almond_shell, kernel, dried_fruit, raisin,
    grain, oil, confection, tea, juice, meat, dairy, textile, craft, cosmetic, diamond
};
struct StorageFacts {
    int64_t temp_min_c_x10;
    int64_t temp_max_c_x10;
    int64_t humidity_min_pct;
    int64_t humidity_max_pct;
    int64_t shelf_life_days;
    catalog::ColdChain cold_chain;
};

// How a product is sold: unit of sale and its package.
struct Pack {
    Names names;  // "500克袋装" / "500 g bag"
    catalog::UnitKind unit;
    int64_t net_g;  // 0: a piece not sold by weight
    catalog::PackagingType packaging;
    int64_t package_net_g;  // content of one package
    int64_t price_pct = 100;  // for pieces not sold by weight: this size's price, % of the family's
};

struct Family {
    std::string sku;  // "ALM"
    std::string category;
    Names names;      // "纸皮巴旦木" / "paper-shell almonds"
    Scheme scheme;
    StorageFacts storage;
    int64_t price_fen;  // best grade: per kg, or per piece for packs not sold by weight
    std::vector<Names> variants;
    std::vector<Pack> packs;
};
const Family& family(const std::string& sku);

struct EnterpriseFacts {
    Names names;
    std::string county;
    access::OrgKind kind;  // enterprise or cooperative
    std::vector<std::string> families;
    std::string key;       // non-empty for the ones demo users belong to
};
const std::vector<EnterpriseFacts>& enterprise_facts();

struct BuyerFacts {
    Names names;
    std::string district;
    catalog::BuyerChannel channel;
    std::string credit_prefix;  // registration authority + category: "91" company, "11" government body…
    std::string key;
};
// All 88, in a fixed order.
std::vector<BuyerFacts> buyer_facts();

const std::vector<Names>& given_names();
const std::vector<Names>& family_names();

// The district's names ("浦东新区" / "Pudong") and its division code.
struct DistrictFacts {
    std::string code;
    std::string division_code;
    Names names;
};
const std::vector<DistrictFacts>& district_facts();
const DistrictFacts& district_of(const std::string& code);

}  // namespace kl::demo

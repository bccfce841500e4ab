#pragma once
// The catalog part of the demo programme (internal to src/demo): organisations with their profiles and
// supply links, products with brand standards, and certifications, all drawn from demo_data.h with a
// seeded DemoRandom inside the caller's one write transaction.

#include <cstddef>
#include <map>
#include <set>
#include <string>

#include "catalog/catalog.h"
#include "core/civil_date.h"
#include "core/result.h"
#include "demo/demo_random.h"
#include "store/store.h"

namespace kl::demo {

struct DemoCounts {
    size_t agencies = 0;
    size_t producers = 0;  // enterprises and cooperatives
    size_t workshops = 0;
    size_t households = 0;
    size_t buyers = 0;
    size_t logistics = 0;
    size_t products = 0;
    size_t certifications = 0;
};

struct DemoWorld {
    store::Tx& tx;
    catalog::Catalog& catalog;
    DemoRandom& random;
    kl::Date today;  // Asia/Shanghai, the demo clock's
    DemoCounts counts;
    std::map<std::string, std::string> org_ids;  // demo key ("shache_branch", "yecheng_producer"…) → id
    std::set<std::string> credit_codes;          // handed out, to keep them unique
    std::set<std::string> household_names;       // name per county, unique for the importer's natural key
    std::map<std::string, int64_t> certificate_sequence;  // per county, for certificate numbers
};

// Agencies, logistics firms, producers with their workshops and households, and the 88 buyers.
Result<void> seed_organisations(DemoWorld& world);
// A valid unified social credit code not handed out before (prefix "91": a company; division: GB/T 2260).
std::string demo_credit_code(DemoWorld& world, const std::string& prefix, const std::string& division);
// The producers' products with standards, codes and certifications (after seed_organisations).
Result<void> seed_products(DemoWorld& world);

}  // namespace kl::demo

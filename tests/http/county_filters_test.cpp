// Issue 12 item 11: a county officer who filters a list by another county gets 403 naming `county`
// on every list whose view is limited to its county (one rule: catalog::check_county_filter), never
// an empty page or its own rows; its own county still answers 200, and programme-wide roles may name
// any county. The public catalogue of products is the exception: every county's active products are
// public, so the filter is honoured for a county officer as for anyone.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "audit/audit_trail.h"
#include "bridges/projects_funds.h"
#include "catalog/catalog.h"
#include "exchange/exchange_service.h"
#include "funds/funds_service.h"
#include "ledger/ledger_service.h"
#include "orders/orders.h"
#include "projects/projects.h"
#include "servicebook/servicebook.h"
#include "support/access_fixture.h"

namespace kl::http::test {
namespace {

using access::Role;
using kl::test::AccessWorld;
using kl::test::HttpReply;
using kl::test::Target;
using nlohmann::json;

// Every list with a county filter that a county officer sees only its county's rows of.
const std::vector<std::string> county_scoped_lists = {
    "/api/v1/organisations",          "/api/v1/projects",
    "/api/v1/servicebook/enterprises", "/api/v1/servicebook/visits",
    "/api/v1/servicebook/requests",   "/api/v1/servicebook/investments",
    "/api/v1/servicebook/events",     "/api/v1/reports/aid-sales",
    "/api/v1/reports/aid-sales.csv",  "/api/v1/exports/organisations.csv",
    "/api/v1/funds/tree",
};

kl::test::WorldOptions every_module(const std::string& backend) {
    kl::test::WorldOptions options = kl::test::on_backend(backend);
    options.services = [](ApiDeps& deps, AccessWorld& w) {
        auto& catalog = w.make<catalog::Catalog>(w.store(), w.clock(), w.ids(), w.stack().organisations);
        auto& trail = w.make<audit::AuditTrail>(w.store().backend(), w.clock());
        auto& ledger = w.make<ledger::LedgerService>(w.store(), w.clock(), trail);
        auto& funds = w.make<funds::FundsService>(w.store(), w.clock(), ledger);
        deps.catalog = &catalog;
        deps.exchange = &w.make<exchange::ExchangeService>(w.store(), w.clock(), w.ids(), w.stack().organisations);
        deps.orders = &w.make<orders::Orders>(w.store(), w.clock(), w.ids());
        deps.ledger = &ledger;
        deps.funds = &funds;
        deps.projects = &w.make<projects::Projects>(w.store(), w.clock(), w.ids(), bridges::funds_port(funds), trail);
        deps.servicebook = &w.make<servicebook::ServiceBook>(w.store(), w.clock(), w.ids(), trail);
    };
    return options;
}

class CountyFilters : public ::testing::TestWithParam<std::string> {
protected:
    CountyFilters() : world(every_module(GetParam())) {
        // The county officer's agency is Shache's branch command.
        auto done = world.store().write([&](store::Tx& tx) -> Result<void> {
            KL_TRY(tx.execute("UPDATE organisations SET county_code = 'shache' WHERE id = $1",
                              {world.org_for(Role::county_officer, Target::own)}));
            return ok();
        });
        if (!done) throw std::runtime_error(done.error().message);
    }
    static std::vector<std::string> fields_of(const HttpReply& reply) {
        std::vector<std::string> fields;
        const json problem = json::parse(reply.body, nullptr, false);
        if (!problem.is_object()) return fields;
        const json errors = problem.value("errors", json::array());
        for (const auto& error : errors) fields.push_back(error.value("field", ""));
        return fields;
    }

    AccessWorld world;
};

TEST_P(CountyFilters, AnotherCountyIsForbiddenOnEveryCountyScopedList) {
    for (const auto& list : county_scoped_lists) {
        const HttpReply other = world.call_as(Role::county_officer, "GET", list + "?county=zepu");
        EXPECT_EQ(other.status, 403) << list << " " << other.body;
        EXPECT_EQ(fields_of(other), std::vector<std::string>{"county"}) << list;
        const HttpReply own = world.call_as(Role::county_officer, "GET", list + "?county=shache");
        EXPECT_EQ(own.status, 200) << list << " " << own.body;
        const HttpReply programme = world.call_as(Role::fund_officer, "GET", list + "?county=zepu");
        EXPECT_EQ(programme.status, 200) << list << " " << programme.body;
    }
}

TEST_P(CountyFilters, ThePublicCatalogueHonoursAnyCountyForACountyOfficer) {
    const HttpReply other = world.call_as(Role::county_officer, "GET", "/api/v1/products?county=zepu");
    EXPECT_EQ(other.status, 200) << other.body;
    const HttpReply anonymous = world.call("GET", "/api/v1/products?county=zepu");
    EXPECT_EQ(json::parse(other.body).at("items"), json::parse(anonymous.body).at("items"));
}

INSTANTIATE_TEST_SUITE_P(Backends, CountyFilters, ::testing::ValuesIn(kl::test::backends_under_test()));

}  // namespace
}  // namespace kl::http::test

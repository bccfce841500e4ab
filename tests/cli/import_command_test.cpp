// `kashlink import offers|demands FILE --org ID` as its user runs it: the real binary on a database the
// market's test world has seeded, on every backend. The import is the one behind POST
// /api/v1/imports/… (tests/market/listing_import_test.cpp): all rows or none, every problem printed on
// its own line, a re-import creating nothing; --org bounds the organisations a file may name, and a
// problem with the organisation it names is reported as one of --org, the option typed.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "market/market_world.h"
#include "support/run_command.h"

namespace kl::market::testing {
namespace {

class ImportCommand : public ::testing::TestWithParam<std::string> {
protected:
    // Writes `csv` to a file and imports it as `what` for `org`.
    test::CommandResult import(MarketWorld& w, const std::string& what, const std::string& csv, const std::string& org) {
        std::ofstream(path(what), std::ios::binary | std::ios::trunc) << csv;
        std::vector<std::string> args = {"import", what, path(what), "--db", w.world().database_url()};
        if (!org.empty()) args.insert(args.end(), {"--org", org});
        return test::run_command(KL_KASHLINK_BINARY, args);
    }

    std::string path(const std::string& what) const { return dir_.file(what + ".csv"); }

    // What a successful import prints.
    std::string imported(const std::string& what, const std::string& org, int rows, int created, int unchanged) const {
        return "imported " + path(what) + " for " + org + ": " + std::to_string(rows) + " rows, " +
               std::to_string(created) + " created, " + std::to_string(unchanged) + " unchanged\n";
    }

    test::TempDir dir_;
};

// The lines of `text`, without their line ends.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

TEST_P(ImportCommand, OffersImportOnceForTheNamedOrganisation) {
    MarketWorld w(GetParam());
    const std::string& producer = w.org(Role::producer, Target::own);
    const std::string csv = offer_header + offer_row(w, {"autumn-1"}) + offer_row(w, {"autumn-2", "70000", "1900"});
    const auto first = import(w, "offers", csv, producer);
    ASSERT_EQ(first.status, 0) << first.err;
    EXPECT_EQ(first.out, imported("offers", producer, 2, 2, 0));
    EXPECT_EQ(w.count("market_offers"), 4);
    // The command line is no user: its offers are created by nobody, as everything it creates.
    const int64_t by_nobody = w.world().store().read([](store::Tx& tx) -> Result<int64_t> {
        KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*) AS n FROM market_offers "
                                                 "WHERE ref IS NOT NULL AND created_by IS NULL"));
        return rows[0].i64("n");
    }).value();
    EXPECT_EQ(by_nobody, 2);

    const auto again = import(w, "offers", csv, producer);
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(again.out, imported("offers", producer, 2, 0, 2));
    EXPECT_EQ(w.count("market_offers"), 4);
}

TEST_P(ImportCommand, EveryProblemIsPrintedOnItsOwnLineAndNothingIsWritten) {
    MarketWorld w(GetParam());
    const std::string csv = offer_header + offer_row(w, {"good"}) + offer_row(w, {"r3", "50000", "12.5"}) +
                            offer_row(w, {"r4", "0"});
    const auto refused = import(w, "offers", csv, w.org(Role::producer, Target::own));
    EXPECT_EQ(refused.status, 1);
    EXPECT_EQ(refused.out, "");
    const auto lines = lines_of(refused.err);
    ASSERT_EQ(lines.size(), 3u) << refused.err;
    EXPECT_EQ(lines[0], "kashlink: the file has 2 problems; nothing was imported (invalid_argument)");
    EXPECT_EQ(lines[1], "  row 3/price_fen_per_kg: must be a whole number (digits only, like 1250), not \"12.5\"");
    EXPECT_TRUE(lines[2].starts_with("  row 4/quantity_g: ")) << lines[2];
    EXPECT_EQ(w.count("market_offers"), 2);  // the two seeded ones: not even the good row
}

TEST_P(ImportCommand, ARowOfAnotherOrganisationRefusesTheFile) {
    MarketWorld w(GetParam());
    const std::string& producer = w.org(Role::producer, Target::own);
    const std::string& other = w.org(Role::producer, Target::other);
    const std::string csv = offer_header + offer_row(w, {"mine"}) +
                            offer_row(w, {"theirs", "50000", "1800", w.catalog().other_product}, other);
    const auto refused = import(w, "offers", csv, producer);
    EXPECT_EQ(refused.status, 1);
    EXPECT_EQ(lines_of(refused.err).back(),
              "  row 3/org_id: is " + other + ", but this file is imported for organisation " + producer + " only");
    EXPECT_EQ(w.count("market_offers"), 2);
}

TEST_P(ImportCommand, DemandsImportForABuyerOnly) {
    MarketWorld w(GetParam());
    const std::string& buyer = w.org(Role::buyer, Target::own);
    const std::string csv = demand_header + buyer + ",d-1," + w.catalog().own_product + ",,B,,40000,3000," + w.day(12) +
                            ",pudong,5\r\n";
    // A producing organisation has no demands: the file is refused once, not once per row.
    const auto producer = import(w, "demands", csv, w.org(Role::producer, Target::own));
    EXPECT_EQ(producer.status, 1);
    EXPECT_EQ(lines_of(producer.err).back(), "  --org: must be a buyer organisation") << producer.err;
    const auto made = import(w, "demands", csv, buyer);
    ASSERT_EQ(made.status, 0) << made.err;
    EXPECT_EQ(made.out, imported("demands", buyer, 1, 1, 0));
    EXPECT_EQ(w.count("market_demands"), 3);
}

TEST_P(ImportCommand, OffersAndDemandsNeedOrgAndNothingElseTakesIt) {
    MarketWorld w(GetParam());
    const auto without = import(w, "offers", offer_header + offer_row(w, {"x"}), "");
    EXPECT_EQ(without.status, 1);
    EXPECT_TRUE(without.err.starts_with("kashlink: --org: is required for offers")) << without.err;
    const auto products = import(w, "products", "", w.org(Role::producer, Target::own));
    EXPECT_EQ(products.status, 1);
    EXPECT_TRUE(products.err.starts_with("kashlink: --org: is taken by offers and demands only")) << products.err;
    EXPECT_EQ(w.count("market_offers"), 2);
}

TEST_P(ImportCommand, AnUnknownOrganisationIsNamedAsTheOrgOption) {
    MarketWorld w(GetParam());
    const std::string csv = offer_header + offer_row(w, {"x"});
    // The HTTP API names the field org_id (tests/market/market_routes_test.cpp); the user typed --org.
    const std::vector<std::string> expected = {"kashlink: --org: no organisation no-such-org (invalid_argument)",
                                               "  --org: no organisation no-such-org"};
    for (const std::string what : {"offers", "demands"}) {
        const auto refused = import(w, what, what == "offers" ? csv : demand_header, "no-such-org");
        EXPECT_EQ(refused.status, 1) << what;
        EXPECT_EQ(lines_of(refused.err), expected) << what << ": " << refused.err;
    }
    EXPECT_EQ(w.count("market_offers"), 2);
    EXPECT_EQ(w.count("market_demands"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportCommand, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::market::testing

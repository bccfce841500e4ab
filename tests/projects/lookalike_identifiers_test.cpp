// Security issue 12, item 3: look-alike identifiers. "W-1" is the seeded invoice of the producer's
// cooperative and "SC-W-1" the seeded project code (projects_world.h); their look-alikes — a
// zero-width space, a trailing space, lower case, U+2010 HYPHEN, full-width forms — are refused,
// whatever the amount, and risk rule R4 flags a look-alike number that predates the key column.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "projects_world.h"

namespace kl::projects::testing {
namespace {

using nlohmann::json;

class LookAlikeIdentifiers : public ::testing::TestWithParam<std::string> {};

TEST_P(LookAlikeIdentifiers, LookAlikeInvoiceNumbersOfOnePayeeAreRefused) {
    ProjectsWorld w(GetParam());
    const int64_t invoices = w.count("invoices");
    auto post = [&](const std::string& number, int64_t amount_fen) {
        const json body = {{"contract_id", w.shache_contract}, {"payee_org_id", w.org(Role::producer, test::Target::own)},
                           {"invoice_no", number}, {"amount_fen", amount_fen}, {"issued_on", "2023-04-02"}};
        return w.world().call_as(Role::fund_officer, "POST", "/api/v1/invoices", body.dump());
    };
    auto invisible = post("W-1\u200B", 30'000'000);
    EXPECT_EQ(invisible.status, 400) << invisible.body;
    EXPECT_EQ(fields_of(invisible), std::vector<std::string>{"invoice_no"}) << invisible.body;
    EXPECT_NE(invisible.body.find("invisible"), std::string::npos) << invisible.body;
    // Amounts differ on purpose: the number alone makes the duplicate.
    int64_t amount_fen = 1'000;
    for (const std::string number : {"W-1", "W-1 ", " W-1", "w-1", "W\u20101", "W\u22121", "Ｗ－１"}) {
        auto reply = post(number, amount_fen += 1'000);
        EXPECT_EQ(reply.status, 409) << number << ": " << reply.body;
        EXPECT_EQ(fields_of(reply), std::vector<std::string>{"invoice_no"}) << number;
    }
    EXPECT_EQ(w.count("invoices"), invoices);
    // Another number is still welcome, and keeps the spelling it was typed with.
    auto other = post("W-2", 5'000);
    ASSERT_EQ(other.status, 201) << other.body;
    EXPECT_EQ(json::parse(other.body)["invoice_no"], "W-2");
}

TEST_P(LookAlikeIdentifiers, LookAlikeProjectCodesAreRefused) {
    ProjectsWorld w(GetParam());
    const int64_t projects = w.count("projects");
    auto invisible = w.world().call_as(Role::fund_officer, "POST", "/api/v1/projects",
                                       ProjectsWorld::project_body("SC-W-1\u2060", "shache").dump());
    EXPECT_EQ(invisible.status, 400) << invisible.body;
    EXPECT_EQ(fields_of(invisible), std::vector<std::string>{"code"});
    for (const std::string code : {"sc-w-1", "SC-W-1 ", "SC\u2010W\u20101", "ＳＣ－Ｗ－１"}) {
        auto reply = w.world().call_as(Role::fund_officer, "POST", "/api/v1/projects",
                                       ProjectsWorld::project_body(code, "shache").dump());
        EXPECT_EQ(reply.status, 409) << code << ": " << reply.body;
        EXPECT_EQ(fields_of(reply), std::vector<std::string>{"code"}) << code;
    }
    EXPECT_EQ(w.count("projects"), projects);
}

// Writers racing with look-alikes of one new number: the unique index on (payee, invoice_key) lets
// exactly one through on either back end, and the others are told which field.
TEST_P(LookAlikeIdentifiers, RacingLookAlikeInvoicesCreateOne) {
    ProjectsWorld w(GetParam());
    const std::vector<std::string> numbers = {"RACE-7", "race-7", "RACE\u20107", "ＲＡＣＥ－７"};
    std::atomic<int> created{0};
    std::atomic<int> refused{0};
    std::vector<std::thread> writers;
    for (const auto& number : numbers) {
        writers.emplace_back([&, number] {
            auto made = w.projects().contracts.add_invoice(
                std::nullopt, InvoiceFields{w.shache_contract, w.org(Role::producer, test::Target::own), number,
                                            1'000'000, day(4, 2)});
            if (made) {
                ++created;
            } else if (made.error().code == ErrorCode::already_exists && made.error().fields.size() == 1 &&
                       made.error().fields[0].field == "invoice_no") {
                ++refused;
            }
        });
    }
    for (auto& writer : writers) writer.join();
    EXPECT_EQ(created.load(), 1);
    EXPECT_EQ(refused.load(), static_cast<int>(numbers.size()) - 1);
}

// A look-alike recorded before migration 0013 (its key NULL, as the backfill leaves the later of two
// look-alikes) at another amount and far from the original's date: R4 still flags a request citing it.
TEST_P(LookAlikeIdentifiers, RuleR4FlagsALookAlikeNumberWhateverTheAmount) {
    ProjectsWorld w(GetParam());
    const std::string legacy = "legacy-invoice-1";
    auto inserted = w.world().store().write([&](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("INSERT INTO invoices (id, contract_id, payee_org_id, invoice_no, amount_fen, issued_on, "
                          "created_at_ms) VALUES ($1, $2, $3, $4, 7777777, '2023-09-30', 0)",
                          {legacy, w.shache_contract, w.org(Role::producer, test::Target::own), std::string("w\u20101 ")}));
        return ok();
    });
    ASSERT_TRUE(inserted) << inserted.error().message;
    PaymentRequestFields fields;
    fields.contract_id = w.shache_contract;
    fields.invoice_id = legacy;
    fields.progress_id = w.shache_progress;
    fields.amount_fen = 1'234'567;
    fields.requested_on = day(10, 2);
    auto submitted = w.projects().payments.submit(std::nullopt, fields);
    ASSERT_TRUE(submitted) << submitted.error().message;
    bool flagged = false;
    for (const auto& flag : submitted->flags) {
        if (flag.rule != "R4") continue;
        flagged = true;
        EXPECT_NE(flag.summary.find("same number"), std::string::npos) << flag.summary;
        EXPECT_NE(flag.evidence_json.find(w.shache_invoice), std::string::npos) << flag.evidence_json;
    }
    EXPECT_TRUE(flagged);
}

INSTANTIATE_TEST_SUITE_P(Backends, LookAlikeIdentifiers, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::projects::testing

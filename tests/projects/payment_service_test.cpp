// Payment requests: submit → approve (four eyes, never a county officer) → pay through the funds
// port in the same transaction; refusals keep the request approved with the reason; high-severity
// flags need an audited override; bad input is named and writes nothing; counterparties see theirs.
#include <algorithm>

#include "projects_fixture.h"

namespace kl::projects::testing {
namespace {

class PaymentServiceTest : public ProjectsTest {
protected:
    void SetUp() override {
        ProjectsTest::SetUp();
        std::tie(project, progress) = started("SC-PAY");
        works = contract(project.id, builder, 200'000'000);
        bill = invoice(works, "INV-001", 20'000'000);
    }
    Project project;
    std::string progress;
    Contract works;
    Invoice bill;
};

bool is_hex32(const std::string& text) {
    return text.size() == 32 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

TEST_P(PaymentServiceTest, ApprovedByAFundOfficerThenPaidThroughTheFundsPort) {
    auto submitted = submit(request_fields(works, bill, progress, 12'345'600));
    EXPECT_EQ(submitted.request.status, PaymentStatus::submitted);
    EXPECT_TRUE(submitted.flags.empty()) << submitted.flags.size();
    const std::string id = submitted.request.id;
    EXPECT_EQ(p().payments.approve(shache_officer, id).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(p().payments.pay(fund, id, std::nullopt).error().code, ErrorCode::conflict);  // not approved yet
    must(p().payments.approve(fund, id), "approve");
    auto outcome = must(p().payments.pay(fund, id, std::nullopt, day(4, 20)), "pay");
    EXPECT_TRUE(outcome.paid);
    EXPECT_EQ(outcome.request.status, PaymentStatus::paid);
    ASSERT_EQ(funds.orders.size(), 1u);
    const PaymentOrder& order = funds.orders[0];
    EXPECT_TRUE(is_hex32(order.payment_id)) << order.payment_id;
    EXPECT_EQ(order.project_id, project.id);
    EXPECT_EQ(order.county_code, "shache");
    EXPECT_EQ(order.payee_org_id, builder);
    EXPECT_EQ(order.amount_fen, 12'345'600);
    EXPECT_EQ(outcome.request.chain_id, std::optional<std::string>("chain-1"));
    EXPECT_EQ(outcome.request.payment_id, std::optional<std::string>(order.payment_id));
    EXPECT_EQ(kl::format_date(*outcome.request.paid_on), "2023-04-20");
    for (const char* action : {"payment_request.submit", "payment_request.approve", "payment_request.pay"}) {
        EXPECT_TRUE(audit.has(action)) << action;
    }
    EXPECT_EQ(p().payments.pay(fund, id, std::nullopt).error().code, ErrorCode::conflict);  // paid once
    EXPECT_EQ(must(p().contracts.get(fund, works.id), "contract").paid_fen, 12'345'600);
}

TEST_P(PaymentServiceTest, NoOneApprovesTheirOwnRequest) {
    auto submitted = must(p().payments.submit(fund, request_fields(works, bill, progress, 12'345'600)), "submit");
    auto own = p().payments.approve(fund, submitted.request.id);
    ASSERT_FALSE(own);
    EXPECT_EQ(own.error().code, ErrorCode::permission_denied);
    must(p().payments.approve(fund2, submitted.request.id), "other officer");
}

TEST_P(PaymentServiceTest, ARefusedPaymentStaysApprovedWithItsReasonAndRetriesWithAFreshId) {
    auto submitted = submit(request_fields(works, bill, progress, 12'345'600));
    must(p().payments.approve(fund, submitted.request.id), "approve");
    funds.refuse_payments = true;
    auto refused = must(p().payments.pay(fund, submitted.request.id, std::nullopt), "pay");
    EXPECT_FALSE(refused.paid);
    EXPECT_EQ(refused.request.status, PaymentStatus::approved);
    EXPECT_NE(refused.request.refusal_reason.find("quota insufficient"), std::string::npos) << refused.request.refusal_reason;
    EXPECT_TRUE(audit.has("payment_request.refused"));
    EXPECT_EQ(count_rows("audit_events") > 0, true);
    funds.refuse_payments = false;
    auto paid = must(p().payments.pay(fund, submitted.request.id, std::nullopt), "retry");
    EXPECT_TRUE(paid.paid);
    ASSERT_EQ(funds.calls.size(), 3u);  // open, refused pay, paid
    EXPECT_NE(funds.calls[1], funds.calls[2]);  // a failed id is never reused
    EXPECT_EQ(paid.request.refusal_reason, "");
    EXPECT_EQ(paid.request.attempts, 2);
}

TEST_P(PaymentServiceTest, HighSeverityFlagsNeedAnAuditedOverride) {
    // Cash payment: R9 (high).
    auto fields = request_fields(works, bill, progress, 12'345'600);
    fields.method = PaymentMethod::cash;
    auto submitted = submit(fields);
    EXPECT_EQ(rules_of(submitted.flags), std::vector<std::string>{"R9"});
    must(p().payments.approve(fund, submitted.request.id), "approve");
    auto blocked = p().payments.pay(fund, submitted.request.id, std::nullopt);
    ASSERT_FALSE(blocked);
    EXPECT_EQ(blocked.error().code, ErrorCode::failed_precondition);
    EXPECT_TRUE(funds.orders.empty());
    EXPECT_EQ(p().payments.pay(fund, submitted.request.id, std::string("")).error().fields.at(0).field, "override_reason");
    auto paid = must(p().payments.pay(fund, submitted.request.id, std::string("site wages, bank closed by flood")), "override");
    EXPECT_TRUE(paid.paid);
    EXPECT_EQ(count_rows("payment_overrides"), 1);
    EXPECT_TRUE(audit.has("payment_request.override"));
}

TEST_P(PaymentServiceTest, ADismissedFlagNoLongerBlocks) {
    auto fields = request_fields(works, bill, progress, 12'345'600);
    fields.method = PaymentMethod::cash;
    auto submitted = submit(fields);
    must(p().payments.approve(fund, submitted.request.id), "approve");
    must(p().risk.review(auditor, submitted.flags.at(0).id, FlagStatus::dismissed, "cash wages agreed by the bureau"), "dismiss");
    EXPECT_TRUE(must(p().payments.pay(fund, submitted.request.id, std::nullopt), "pay").paid);
}

TEST_P(PaymentServiceTest, AnOverpaymentIsRefusedEvenWithAnOverride) {
    auto big_bill = invoice(works, "INV-BIG", 250'000'000);
    auto submitted = submit(request_fields(works, big_bill, progress, 210'000'001));
    const auto rules = rules_of(submitted.flags);
    EXPECT_NE(std::find(rules.begin(), rules.end(), "R1"), rules.end());
    must(p().payments.approve(fund, submitted.request.id), "approve");
    auto outcome = must(p().payments.pay(fund, submitted.request.id, std::string("director insists")), "pay");
    EXPECT_FALSE(outcome.paid);
    EXPECT_EQ(outcome.request.status, PaymentStatus::approved);
    EXPECT_NE(outcome.request.refusal_reason.find("overpayment"), std::string::npos);
    EXPECT_TRUE(funds.orders.empty());
}

TEST_P(PaymentServiceTest, BadRequestsAreNamedAndWriteNothing) {
    auto other_works = contract(project.id, supplier, 50'000'000, ContractCategory::goods);
    auto other_bill = invoice(other_works, "S-1", 1'000'000);
    auto unverified = must(p().projects.report_progress(shache_officer, project.id, day(4, 1), 70, ProgressBasis::physical, ""),
                           "report");
    auto fields = request_fields(works, other_bill, unverified.id, 12'345'600);
    fields.payee_org_id = builder;
    auto bad = p().payments.submit(shache_officer, fields);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::invalid_argument);
    std::vector<std::string> named;
    for (const auto& field : bad.error().fields) named.push_back(field.field);
    EXPECT_EQ(named, (std::vector<std::string>{"invoice_id", "progress_id"}));
    auto too_much = p().payments.submit(shache_officer, request_fields(works, bill, progress, 20'000'001));
    ASSERT_FALSE(too_much);
    EXPECT_EQ(too_much.error().fields.at(0).field, "amount_fen");
    EXPECT_EQ(p().payments.submit(shache_officer, request_fields(works, bill, progress, 0)).error().fields.at(0).field,
              "amount_fen");
    auto other_county = p().payments.submit(zepu_officer, request_fields(works, bill, progress, 1'000));
    ASSERT_FALSE(other_county);
    EXPECT_EQ(other_county.error().fields.at(0).field, "contract_id");
    EXPECT_EQ(count_rows("payment_requests"), 0);
    EXPECT_EQ(count_rows("risk_flags"), 0);
}

TEST_P(PaymentServiceTest, CounterpartiesSeeOnlyTheirOwnMoneyRecords) {
    auto submitted = submit(request_fields(works, bill, progress, 12'345'600));
    std::optional<std::string> next;
    EXPECT_EQ(must(p().payments.list(contractor, {}, 50, std::nullopt, next), "own").size(), 1u);
    EXPECT_EQ(must(p().payments.list(other_contractor, {}, 50, std::nullopt, next), "other").size(), 0u);
    EXPECT_EQ(p().payments.get(other_contractor, submitted.request.id).error().code, ErrorCode::not_found);
    EXPECT_EQ(must(p().contracts.get(contractor, works.id), "contract").id, works.id);
    EXPECT_EQ(p().contracts.get(other_contractor, works.id).error().code, ErrorCode::not_found);
    EXPECT_EQ(must(p().contracts.list(other_contractor, {}, 50, std::nullopt, next), "contracts").size(), 0u);
    EXPECT_EQ(p().contracts.add_invoice(contractor, InvoiceFields{works.id, builder, "X", 5, day(4, 1)}).error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(must(p().payments.list(zepu_officer, {}, 50, std::nullopt, next), "zepu").size(), 0u);
}

TEST_P(PaymentServiceTest, InvoicesAreUniquePerPayeeAndNumber) {
    auto duplicate = p().contracts.add_invoice(shache_officer, InvoiceFields{works.id, builder, "INV-001", 5, day(4, 2)});
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, ErrorCode::already_exists);
    EXPECT_EQ(duplicate.error().fields.at(0).field, "invoice_no");
    // Another payee may use the same number.
    must(p().contracts.add_invoice(shache_officer, InvoiceFields{works.id, supplier, "INV-001", 5, day(4, 2)}), "other payee");
}

TEST_P(PaymentServiceTest, ModificationsAreApprovedByTheFundOfficer) {
    EXPECT_EQ(p().contracts.modify(shache_officer, works.id, ModificationKind::value, 10'000'000, day(6, 1), "more").error().code,
              ErrorCode::permission_denied);
    auto modified = must(p().contracts.modify(fund, works.id, ModificationKind::value, 10'000'000, day(6, 1), "more rooms"), "m");
    EXPECT_EQ(modified.modifications_fen, 10'000'000);
    ASSERT_EQ(modified.modifications.size(), 1u);
    EXPECT_EQ(p().contracts.modify(fund, works.id, ModificationKind::duration, 5, day(6, 1), "x").error().fields.at(0).field,
              "delta_fen");
    EXPECT_TRUE(audit.has("contract.modify"));
}

INSTANTIATE_TEST_SUITE_P(Backends, PaymentServiceTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::projects::testing

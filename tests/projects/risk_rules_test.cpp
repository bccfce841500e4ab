// One focused test per risk rule (R1–R15): it trips on the planted pattern and stays quiet on the
// pattern next to it. Plus review (confirm/dismiss), the scan's de-duplication and the settings.
#include <algorithm>
#include <set>

#include "projects/project_repo.h"
#include "projects/risk_codes.h"
#include "projects_fixture.h"

namespace kl::projects::testing {
namespace {

class RiskRulesTest : public ProjectsTest {
protected:
    void SetUp() override {
        ProjectsTest::SetUp();
        std::tie(project, progress) = started("SC-RISK", "shache", 900'000'000, 100);
        works = contract(project.id, builder, 300'000'000);
    }
    static bool has(const std::vector<RiskFlag>& flags, const std::string& rule) {
        return std::any_of(flags.begin(), flags.end(), [&](const RiskFlag& flag) { return flag.rule == rule; });
    }
    static bool has(const std::vector<Finding>& findings, const std::string& rule) {
        return std::any_of(findings.begin(), findings.end(), [&](const Finding& finding) { return finding.rule == rule; });
    }
    // Flags raised by a request of `amount_fen` on `contract` with a fresh invoice.
    std::vector<RiskFlag> flags_for(const Contract& on, int64_t amount_fen, Date requested = day(4, 5),
                                    Date issued = day(4, 1), PaymentMethod method = PaymentMethod::bank_transfer,
                                    std::optional<std::string> payee = std::nullopt) {
        auto bill = invoice(on, "N-" + std::to_string(++serial_), amount_fen, issued, payee);
        auto fields = request_fields(on, bill, progress, amount_fen, requested);
        fields.method = method;
        return submit(fields).flags;
    }
    // A request paid in full through the services (override when flagged).
    PaymentRequest paid(const Contract& on, int64_t amount_fen, Date paid_on) {
        auto bill = invoice(on, "P-" + std::to_string(++serial_), amount_fen, paid_on);
        auto submitted = submit(request_fields(on, bill, progress, amount_fen, paid_on));
        must(p().payments.approve(fund, submitted.request.id), "approve");
        auto outcome = must(p().payments.pay(fund, submitted.request.id, std::string("test"), paid_on), "pay");
        if (!outcome.paid) throw std::runtime_error("refused: " + outcome.request.refusal_reason);
        return outcome.request;
    }
    std::vector<Finding> contract_findings(const std::string& contract_id) {
        return must(db().read([&](store::Tx& tx) -> Result<std::vector<Finding>> {
                        KL_TRY_ASSIGN(RiskSettings settings, load_risk_settings(tx));
                        KL_TRY_ASSIGN(Contract loaded, require_contract(tx, contract_id));
                        return check_contract(tx, settings, loaded);
                    }),
                    "check contract");
    }
    std::vector<Finding> programme_findings(Date today) {
        return must(db().read([&](store::Tx& tx) -> Result<std::vector<Finding>> {
                        KL_TRY_ASSIGN(RiskSettings settings, load_risk_settings(tx));
                        return check_programme(tx, settings, today);
                    }),
                    "check programme");
    }
    void set_org(const std::string& org_id, const std::string& column, const std::string& value) {
        auto done = db().write([&](store::Tx& tx) -> Result<void> {
            KL_TRY(tx.execute("UPDATE organisations SET " + column + " = $1 WHERE id = $2", {value, org_id}));
            return ok();
        });
        ASSERT_TRUE(done);
    }

    Project project;
    std::string progress;
    Contract works;
    int serial_ = 0;
};

TEST_P(RiskRulesTest, R1PaymentsBeyondTheContractValue) {
    paid(works, 250'000'001, day(4, 1));
    EXPECT_FALSE(has(flags_for(works, 40'000'001), "R1"));
    EXPECT_TRUE(has(flags_for(works, 50'000'001), "R1"));
}

TEST_P(RiskRulesTest, R2PaymentsBeyondVerifiedProgressOrIntoTheRetention) {
    auto [half, half_progress] = started("SC-HALF", "shache", 900'000'000, 50);
    auto half_works = contract(half.id, supplier, 100'000'000);
    auto bill = invoice(half_works, "H-1", 60'000'001);
    auto over = submit(request_fields(half_works, bill, half_progress, 60'000'001));
    EXPECT_TRUE(has(over.flags, "R2"));
    auto bill2 = invoice(half_works, "H-2", 40'000'001);
    EXPECT_FALSE(has(submit(request_fields(half_works, bill2, half_progress, 40'000'001)).flags, "R2"));
    // At 100 % progress, the 3 % retention still holds before acceptance.
    EXPECT_TRUE(has(flags_for(works, 295'000'001), "R2"));
    EXPECT_FALSE(has(flags_for(works, 290'000'001), "R2"));
}

TEST_P(RiskRulesTest, ALaterScanJudgesEachInstalmentByWhatWasPaidBeforeIt) {
    // Instalments at 30 % and 60 % verified progress, each paying 80 % of the progress value: none is
    // an overpayment, then or when the nightly scan looks at them again.
    auto [staged, first_progress] = started("SC-STAGED", "shache", 900'000'000, 30);
    auto works_staged = contract(staged.id, supplier, 100'000'000);
    auto pay_at = [&](const std::string& progress_id, int64_t amount_fen, Date on, const std::string& number) {
        auto bill = invoice(works_staged, number, amount_fen, on);
        auto submitted = submit(request_fields(works_staged, bill, progress_id, amount_fen, on));
        EXPECT_FALSE(has(submitted.flags, "R2")) << number;
        must(p().payments.approve(fund, submitted.request.id), "approve");
        auto outcome = must(p().payments.pay(fund, submitted.request.id, std::nullopt, on), "pay");
        EXPECT_TRUE(outcome.paid) << outcome.request.refusal_reason;
        return outcome.request;
    };
    auto first = pay_at(first_progress, 24'000'000, day(3, 10), "S-1");
    auto second_progress = must(p().projects.report_progress(std::nullopt, staged.id, day(5, 1), 60, ProgressBasis::physical, ""),
                                "progress");
    must(p().projects.verify_progress(std::nullopt, second_progress.id), "verify");
    auto second = pay_at(second_progress.id, 24'000'000, day(5, 10), "S-2");
    for (const auto& request : {first, second}) {
        auto loaded = must(p().payments.get(fund, request.id), "get");
        auto findings = must(db().read([&](store::Tx& tx) -> Result<std::vector<Finding>> {
                                 KL_TRY_ASSIGN(RiskSettings settings, load_risk_settings(tx));
                                 return check_payment_request(tx, settings, loaded);
                             }),
                             "check");
        EXPECT_FALSE(has(findings, "R2")) << request.id;
        EXPECT_FALSE(has(findings, "R1")) << request.id;
    }
}

TEST_P(RiskRulesTest, R3SplitPurchasesAndContractsJustBelowTheThreshold) {
    auto first = contract(project.id, supplier, 150'000'000, ContractCategory::goods, day(3, 1));
    EXPECT_FALSE(has(contract_findings(first.id), "R3"));
    contract(project.id, supplier, 150'000'000, ContractCategory::goods, day(5, 1));
    auto split = contract_findings(first.id);
    ASSERT_TRUE(has(split, "R3"));
    EXPECT_EQ(std::count_if(split.begin(), split.end(), [](const Finding& f) { return f.severity == Severity::high; }), 1);
    // Far apart in time: not a split.
    auto [other, other_progress] = started("SC-R3B");
    auto lone = contract(other.id, household, 150'000'000, ContractCategory::goods, day(1, 15));
    contract(other.id, household, 150'000'000, ContractCategory::goods, day(9, 15));
    EXPECT_FALSE(has(contract_findings(lone.id), "R3"));
    // 95 % of the goods threshold, alone in its project.
    auto [third, third_progress] = started("SC-R3C");
    auto near = contract(third.id, other_builder, 190'000'000, ContractCategory::goods, day(11, 1));
    auto near_findings = contract_findings(near.id);
    ASSERT_EQ(near_findings.size(), 1u);
    EXPECT_EQ(near_findings[0].rule, "R3");
    EXPECT_EQ(near_findings[0].severity, Severity::medium);

}

TEST_P(RiskRulesTest, R4DuplicateInvoices) {
    auto bill = invoice(works, "D-1", 7'777'777);
    submit(request_fields(works, bill, progress, 7'777'777));
    EXPECT_TRUE(has(submit(request_fields(works, bill, progress, 7'777'777)).flags, "R4"));
    // Same payee, same amount, another number three days later.
    EXPECT_FALSE(has(flags_for(works, 5'555'555, day(6, 10), day(6, 1)), "R4"));
    EXPECT_TRUE(has(flags_for(works, 5'555'555, day(6, 10), day(6, 4)), "R4"));
    // Ten days apart: not a duplicate.
    EXPECT_FALSE(has(flags_for(works, 3'333'333, day(7, 20), day(7, 1)), "R4"));
    EXPECT_FALSE(has(flags_for(works, 3'333'333, day(7, 20), day(7, 11)), "R4"));
}

TEST_P(RiskRulesTest, R5PayeeConcentrationAboveTheFence) {
    std::vector<std::string> payees;
    for (int index = 0; index < 4; ++index) payees.push_back(org(OrgKind::enterprise, "Small " + std::to_string(index), "shache"));
    for (const auto& payee : payees) paid(contract(project.id, payee, 20'000'000, ContractCategory::services), 10'000'001, day(3, 1));
    EXPECT_FALSE(has(programme_findings(day(4, 1)), "R5"));
    paid(works, 200'000'001, day(3, 2));
    auto findings = programme_findings(day(4, 1));
    ASSERT_TRUE(has(findings, "R5"));
    EXPECT_NE(std::find_if(findings.begin(), findings.end(), [&](const Finding& f) {
                  return f.rule == "R5" && f.evidence_json.find(builder) != std::string::npos;
              }), findings.end());
}

TEST_P(RiskRulesTest, R6RoundAmounts) {
    auto flags = flags_for(works, 10'000'000);
    ASSERT_TRUE(has(flags, "R6"));
    EXPECT_EQ(std::find_if(flags.begin(), flags.end(), [](const RiskFlag& f) { return f.rule == "R6"; })->severity, Severity::low);
    EXPECT_FALSE(has(flags_for(works, 10'000'001), "R6"));
}

// A flag carries what it found as a stable code with its figures (for the console to write in its
// reader's language) beside the English summary kept for the log, as stored and as read back.
TEST_P(RiskRulesTest, AFlagCarriesItsCodeAndFiguresBesideTheEnglishSummary) {
    auto flags = flags_for(works, 10'000'000);
    auto round = std::find_if(flags.begin(), flags.end(), [](const RiskFlag& f) { return f.rule == "R6"; });
    ASSERT_NE(round, flags.end());
    EXPECT_EQ(round->code, "round_amount");
    EXPECT_EQ(round->params_json, R"({"amount_fen":10000000,"round_fen":1000000})");
    EXPECT_EQ(round->summary, "a round amount");
    auto read = must(p().risk.get(fund, round->id), "get");
    EXPECT_EQ(read.code, "round_amount");
    EXPECT_EQ(read.params_json, round->params_json);
    EXPECT_EQ(read.project_code, "SC-RISK");
    EXPECT_EQ(read.contract_title, works.fields.title);
    // A finding of the contract rules: the split's figures, its category by name.
    contract(project.id, supplier, 150'000'000, ContractCategory::goods, day(3, 1));
    auto second = contract(project.id, supplier, 150'000'000, ContractCategory::goods, day(5, 1));
    auto split = contract_findings(second.id);
    auto high = std::find_if(split.begin(), split.end(), [](const Finding& f) { return f.severity == Severity::high; });
    ASSERT_NE(high, split.end());
    EXPECT_EQ(high->code, RiskCode::split_purchase);
    EXPECT_EQ(params_json_text(high->params), R"({"contracts":2,"category":"goods","sum_fen":300000000,"threshold_fen":200000000})");
}

// The codes' table: one name each, in declaration order (to_string reads it by index), each with its rule.
TEST(RiskCodes, EachCodeHasOneNameAndItsRule) {
    std::set<std::string_view> names;
    for (size_t i = 0; i < risk_code_count; ++i) {
        const auto code = static_cast<RiskCode>(i);
        const RiskCodeInfo& info = risk_codes().at(i);
        EXPECT_EQ(info.code, code);
        EXPECT_EQ(to_string(code), info.name);
        EXPECT_TRUE(names.insert(info.name).second) << info.name;
        EXPECT_EQ(info.rule.substr(0, 1), "R") << info.name;
        EXPECT_FALSE(info.meaning.empty()) << info.name;
    }
    EXPECT_EQ(risk_code_names().size(), risk_code_count);
}

TEST_P(RiskRulesTest, R7IdleFunds) {
    // Approved on 2023-01-10, nothing paid.
    EXPECT_FALSE(has(programme_findings(day(3, 1)), "R7"));
    EXPECT_TRUE(has(programme_findings(day(5, 1)), "R7"));
    paid(works, 10'000'001, day(4, 20));
    EXPECT_FALSE(has(programme_findings(day(5, 1)), "R7"));
}

TEST_P(RiskRulesTest, R8RelatedParties) {
    EXPECT_FALSE(has(flags_for(works, 1'000'001), "R8"));
    set_org(builder, "contact_phone", "0998-5551234");
    set_org(shache_agency, "contact_phone", "0998-5551234");
    EXPECT_TRUE(has(flags_for(works, 1'000'002), "R8"));
}

TEST_P(RiskRulesTest, R9IndividualsAndCash) {
    EXPECT_FALSE(has(flags_for(works, 1'000'001), "R9"));
    EXPECT_TRUE(has(flags_for(works, 1'000'002, day(4, 5), day(4, 1), PaymentMethod::cash), "R9"));
    auto to_household = contract(project.id, household, 5'000'000, ContractCategory::services);
    EXPECT_TRUE(has(flags_for(to_household, 1'000'003), "R9"));
}

TEST_P(RiskRulesTest, R10PayeeIsNotTheCounterparty) {
    EXPECT_FALSE(has(flags_for(works, 1'000'001), "R10"));
    EXPECT_TRUE(has(flags_for(works, 1'000'002, day(4, 5), day(4, 1), PaymentMethod::bank_transfer, supplier), "R10"));
}

TEST_P(RiskRulesTest, R11PaymentBeforeTheAward) {
    EXPECT_TRUE(has(flags_for(works, 1'000'001, day(2, 10)), "R11"));  // awarded 2023-02-15
    EXPECT_FALSE(has(flags_for(works, 1'000'002, day(2, 16)), "R11"));
}

TEST_P(RiskRulesTest, R12DecemberRush) {
    paid(works, 50'000'001, day(6, 1));
    EXPECT_FALSE(has(programme_findings(day(12, 31)), "R12"));
    paid(works, 50'000'002, day(12, 20));
    EXPECT_TRUE(has(programme_findings(day(12, 31)), "R12"));
}

TEST_P(RiskRulesTest, R13Modifications) {
    must(p().contracts.modify(fund, works.id, ModificationKind::value, 15'000'000, day(5, 1), "extra"), "5 %");
    EXPECT_FALSE(has(contract_findings(works.id), "R13"));
    must(p().contracts.modify(fund, works.id, ModificationKind::value, 20'000'000, day(6, 1), "more"), "11.7 %");
    EXPECT_TRUE(has(contract_findings(works.id), "R13"));
    auto fresh = contract(project.id, supplier, 100'000'000, ContractCategory::goods, day(5, 1));
    must(p().contracts.modify(fund, fresh.id, ModificationKind::scope, 0, day(5, 20), "scope"), "early");
    EXPECT_TRUE(has(contract_findings(fresh.id), "R13"));
}

TEST_P(RiskRulesTest, R14SingleBidOrShortSubmissionPeriod) {
    EXPECT_FALSE(has(contract_findings(works.id), "R14"));
    auto fields = contract_fields(project.id, supplier, 100'000'000, ContractCategory::goods);
    fields.bid_count = 1;
    EXPECT_TRUE(has(contract_findings(must(p().contracts.create(fund, fields), "single").id), "R14"));
    fields.bid_count = 5;
    fields.tender_days = 10;
    EXPECT_TRUE(has(contract_findings(must(p().contracts.create(fund, fields), "short").id), "R14"));
}

TEST_P(RiskRulesTest, R15JustBelowTheApprovalLimit) {
    EXPECT_TRUE(has(flags_for(works, 96'000'001), "R15"));
    EXPECT_FALSE(has(flags_for(works, 90'000'001), "R15"));
}

TEST_P(RiskRulesTest, ReviewConfirmsOrDismissesWithAReason) {
    auto flags = flags_for(works, 1'000'001, day(4, 5), day(4, 1), PaymentMethod::cash);
    ASSERT_EQ(flags.size(), 1u);
    EXPECT_EQ(p().risk.review(admin, flags[0].id, FlagStatus::confirmed, "x").error().code, ErrorCode::permission_denied);
    EXPECT_EQ(p().risk.review(shache_officer, flags[0].id, FlagStatus::confirmed, "x").error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(p().risk.review(fund, flags[0].id, FlagStatus::confirmed, "").error().fields.at(0).field, "reason");
    auto confirmed = must(p().risk.review(fund, flags[0].id, FlagStatus::confirmed, "no bank account on file"), "confirm");
    EXPECT_EQ(confirmed.status, FlagStatus::confirmed);
    EXPECT_EQ(p().risk.review(auditor, flags[0].id, FlagStatus::dismissed, "x").error().code, ErrorCode::conflict);
    EXPECT_TRUE(audit.has("risk_flag.confirmed"));
    std::optional<std::string> next;
    EXPECT_EQ(must(p().risk.list(shache_officer, {}, 50, std::nullopt, next), "county").size(), 1u);
    EXPECT_EQ(must(p().risk.list(zepu_officer, {}, 50, std::nullopt, next), "zepu").size(), 0u);
    EXPECT_EQ(p().risk.list(contractor, {}, 50, std::nullopt, next).error().code, ErrorCode::permission_denied);
}

TEST_P(RiskRulesTest, TheScanRaisesEachFlagOnce) {
    auto fields = contract_fields(project.id, supplier, 100'000'000, ContractCategory::goods);
    fields.bid_count = 1;
    must(p().contracts.create(fund, fields), "single bid");
    EXPECT_EQ(p().risk.scan(fund).error().code, ErrorCode::permission_denied);
    auto first = must(p().risk.scan(admin), "scan");
    EXPECT_GE(first.new_flags, 1);
    EXPECT_EQ(first.contracts, 2);
    auto second = must(p().risk.scan(std::nullopt), "again");
    EXPECT_EQ(second.new_flags, 0);
}

TEST_P(RiskRulesTest, TheNightlyScanIsADailyJobAfterTwoInTheMorning) {
    auto fields = contract_fields(project.id, supplier, 100'000'000, ContractCategory::goods);
    fields.bid_count = 1;
    must(p().contracts.create(fund, fields), "single bid");
    auto run = nightly_risk_scan(p().risk);
    auto said = run();
    ASSERT_TRUE(said) << said.error().message;
    EXPECT_NE(said->text.find("2 contract(s)"), std::string::npos) << said->text;
    EXPECT_EQ(said->text.find(" 0 new flag(s)"), std::string::npos) << said->text;  // the single bid was flagged
    // The same as a code with its figures, for the console.
    EXPECT_EQ(said->code, "risk_scan_done");
    EXPECT_EQ(params_json_text(said->params).substr(0, 15), R"({"contracts":2,)");
    auto again = run();
    ASSERT_TRUE(again);
    EXPECT_NE(again->text.find(" 0 new flag(s)"), std::string::npos) << again->text;
    EXPECT_EQ(params_json_text(again->params).find(R"("new_flags":0)") != std::string::npos, true) << again->text;
    EXPECT_EQ(nightly_scan_local_time_ms, 2 * 3'600'000);
}

TEST_P(RiskRulesTest, ThresholdsAreSettings) {
    auto goods = contract(project.id, supplier, 100'000'000, ContractCategory::goods, day(8, 1));
    EXPECT_FALSE(has(contract_findings(goods.id), "R3"));
    EXPECT_EQ(p().risk.update_settings(fund, {{"tender_threshold_goods_fen", 105'000'000}}).error().code,
              ErrorCode::permission_denied);
    auto bad = p().risk.update_settings(admin, {{"no_such", 1}, {"near_threshold_bp", 20'000}});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().fields.size(), 2u);
    auto settings = must(p().risk.update_settings(admin, {{"tender_threshold_goods_fen", 105'000'000}}), "update");
    EXPECT_EQ(settings.tender_threshold_fen(ContractCategory::goods), 105'000'000);
    EXPECT_TRUE(has(contract_findings(goods.id), "R3"));
    EXPECT_TRUE(audit.has("risk_settings.update"));
}

INSTANTIATE_TEST_SUITE_P(Backends, RiskRulesTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::projects::testing

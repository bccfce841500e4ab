// Consumption-aid certification on every backend: county officers certify their own county's
// products; the status follows the notice period, the validity and revocations over time;
// objections are taken during the notice.
#include "catalog/certification_service.h"

#include <gtest/gtest.h>

#include "catalog_fixture.h"

namespace kl::catalog {
namespace {

using access::OrgKind;
using access::Role;

class CertificationServiceTest : public testing::CatalogTest {
protected:
    void SetUp() override {
        testing::CatalogTest::SetUp();
        shache_branch = agency("莎车分指挥部", std::string("shache"));
        zepu_branch = agency("泽普分指挥部", std::string("zepu"));
        almond_producer = producer("莎车巴旦木合作社", "shache", OrgKind::cooperative);
        almonds = product(almond_producer.id, "巴旦木", "Almonds", "nuts_dried_fruit");
        shache_officer = user(Role::county_officer, shache_branch.id);
        zepu_officer = user(Role::county_officer, zepu_branch.id);
        set_today(day("2026-03-01"));
    }

    // Certificate 2026-03-10 .. 2027-03-09 with a 7-day notice: certified from 2026-03-17.
    static CertificationInput standard_input(const std::string& number = "莎消帮〔2026〕001号") {
        return CertificationInput{number, day("2026-03-10"), day("2027-03-09"), 7};
    }

    CertStatus status(const char* date) {
        auto status = catalog().certifications.status_on(Viewer::anonymous(), almonds.id, day(date));
        EXPECT_TRUE(status.has_value());
        return status ? *status : CertStatus::none;
    }

    bool listed_as_certified_on(const char* date) {
        ProductFilter filter;
        filter.certified_on = day(date);
        auto page = catalog().products.list(Viewer::anonymous(), filter, 10, std::nullopt);
        EXPECT_TRUE(page.has_value());
        return page && page->products.size() == 1;
    }

    OrganisationProfile shache_branch, zepu_branch, almond_producer;
    Product almonds;
    access::Principal shache_officer, zepu_officer;
};

TEST_P(CertificationServiceTest, OnlyTheOfficerOfTheProductsCountyCertifies) {
    for (const auto& actor : {zepu_officer, user(Role::admin), user(Role::fund_officer), user(Role::auditor),
                              user(Role::producer, almond_producer.id)}) {
        auto refused = catalog().certifications.certify(actor, almonds.id, standard_input());
        ASSERT_FALSE(refused.has_value()) << actor.username;
        EXPECT_EQ(refused.error().code, ErrorCode::permission_denied) << actor.username;
    }
    // An officer whose agency has no county certifies nothing.
    const auto front_command = agency("前方指挥部", std::nullopt);
    EXPECT_EQ(catalog().certifications.certify(user(Role::county_officer, front_command.id), almonds.id, standard_input())
                  .error()
                  .code,
              ErrorCode::permission_denied);
    EXPECT_EQ(count_rows("certifications"), 0);

    auto made = catalog().certifications.certify(shache_officer, almonds.id, standard_input());
    ASSERT_TRUE(made.has_value()) << made.error().message;
    EXPECT_EQ(made->county, "shache");
    EXPECT_EQ(made->certified_by, shache_officer.user_id);
    EXPECT_EQ(format_date(made->certified_from), "2026-03-17");
    EXPECT_EQ(catalog().certifications.certify(shache_officer, "no-such-product", standard_input("x")).error().code,
              ErrorCode::not_found);
}

TEST_P(CertificationServiceTest, StatusOverTime) {
    ASSERT_TRUE(catalog().certifications.certify(shache_officer, almonds.id, standard_input()).has_value());
    EXPECT_EQ(status("2026-03-09"), CertStatus::none);
    EXPECT_EQ(status("2026-03-10"), CertStatus::in_notice);
    EXPECT_EQ(status("2026-03-16"), CertStatus::in_notice);
    EXPECT_EQ(status("2026-03-17"), CertStatus::certified);
    EXPECT_EQ(status("2027-03-09"), CertStatus::certified);
    EXPECT_EQ(status("2027-03-10"), CertStatus::expired);
    // The catalogue's certified_on filter agrees with the status on each of those days.
    EXPECT_FALSE(listed_as_certified_on("2026-03-09"));
    EXPECT_FALSE(listed_as_certified_on("2026-03-16"));
    EXPECT_TRUE(listed_as_certified_on("2026-03-17"));
    EXPECT_TRUE(listed_as_certified_on("2027-03-09"));
    EXPECT_FALSE(listed_as_certified_on("2027-03-10"));

    set_today(day("2026-03-12"));
    EXPECT_EQ(catalog().products.get(Viewer::anonymous(), almonds.id)->aid_status_today, CertStatus::in_notice);
    set_today(day("2026-06-01"));
    EXPECT_EQ(catalog().products.get(Viewer::anonymous(), almonds.id)->aid_status_today, CertStatus::certified);
    EXPECT_EQ(catalog().products.list(Viewer::anonymous(), {}, 5, std::nullopt)->products.at(0).aid_status_today,
              CertStatus::certified);
}

TEST_P(CertificationServiceTest, RevocationCountsFromItsDate) {
    auto made = catalog().certifications.certify(shache_officer, almonds.id, standard_input());
    ASSERT_TRUE(made.has_value());
    set_today(day("2026-06-01"));
    // Not before today, not by another county, not by the auditor, and not without a reason.
    EXPECT_EQ(fields_of(catalog().certifications.revoke(shache_officer, made->id, "质量抽检不合格", day("2026-05-31"))),
              (std::vector<std::string>{"effective_on"}));
    EXPECT_EQ(fields_of(catalog().certifications.revoke(shache_officer, made->id, "")), (std::vector<std::string>{"reason"}));
    EXPECT_EQ(catalog().certifications.revoke(zepu_officer, made->id, "x").error().code, ErrorCode::permission_denied);
    EXPECT_EQ(catalog().certifications.revoke(user(Role::auditor), made->id, "x").error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(catalog().certifications.revoke(shache_officer, made->id, "x", day("2027-04-01")).error().code,
              ErrorCode::invalid_argument);

    auto revoked = catalog().certifications.revoke(shache_officer, made->id, "质量抽检不合格", day("2026-06-15"));
    ASSERT_TRUE(revoked.has_value()) << revoked.error().message;
    ASSERT_TRUE(revoked->revocation.has_value());
    EXPECT_EQ(revoked->revocation->reason, "质量抽检不合格");
    EXPECT_EQ(revoked->revocation->revoked_by, shache_officer.user_id);
    EXPECT_EQ(status("2026-06-14"), CertStatus::certified);  // sales before the date still count
    EXPECT_EQ(status("2026-06-15"), CertStatus::revoked);
    EXPECT_EQ(status("2027-06-01"), CertStatus::revoked);
    EXPECT_TRUE(listed_as_certified_on("2026-06-14"));
    EXPECT_FALSE(listed_as_certified_on("2026-06-15"));
    EXPECT_EQ(catalog().certifications.revoke(shache_officer, made->id, "again").error().code, ErrorCode::conflict);

    // A new certificate may start once the old one is no longer in force, and then it decides.
    auto overlapping = catalog().certifications.certify(
        shache_officer, almonds.id, CertificationInput{"莎消帮〔2026〕002号", day("2026-06-14"), day("2027-06-13"), 5});
    EXPECT_EQ(overlapping.error().code, ErrorCode::failed_precondition);
    EXPECT_EQ(fields_of(overlapping), (std::vector<std::string>{"valid_from"}));
    auto renewed = catalog().certifications.certify(
        shache_officer, almonds.id, CertificationInput{"莎消帮〔2026〕002号", day("2026-07-01"), day("2027-06-30"), 5});
    ASSERT_TRUE(renewed.has_value()) << renewed.error().message;
    EXPECT_EQ(status("2026-06-20"), CertStatus::revoked);
    EXPECT_EQ(status("2026-07-03"), CertStatus::in_notice);
    EXPECT_EQ(status("2026-07-06"), CertStatus::certified);
    EXPECT_EQ(status("2027-07-01"), CertStatus::expired);

    auto history = catalog().certifications.history(Viewer::anonymous(), almonds.id);
    ASSERT_TRUE(history.has_value());
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ(history->at(0).input.certificate_no, "莎消帮〔2026〕002号");  // newest first
    EXPECT_EQ(status_from(*history, day("2026-06-14")), CertStatus::certified);
}

TEST_P(CertificationServiceTest, ARevocationBeforeTheStartLeavesRoomForAnother) {
    // Revoked before it began, a certificate is never in force; a new one over the same days decides.
    auto first = catalog().certifications.certify(shache_officer, almonds.id, standard_input());
    ASSERT_TRUE(first.has_value());
    ASSERT_TRUE(catalog().certifications.revoke(shache_officer, first->id, "材料有误").has_value());
    auto second = catalog().certifications.certify(
        shache_officer, almonds.id, CertificationInput{"莎消帮〔2026〕003号", day("2026-03-05"), day("2026-12-31"), 0});
    ASSERT_TRUE(second.has_value()) << second.error().message;
    EXPECT_EQ(status("2026-04-01"), CertStatus::certified);
    EXPECT_TRUE(listed_as_certified_on("2026-04-01"));
    // After the second one ends, it is the one that was last in force: expired, not revoked.
    EXPECT_EQ(status("2027-01-05"), CertStatus::expired);
}

TEST_P(CertificationServiceTest, BadInputNamesTheFieldAndWritesNothing) {
    const std::vector<std::pair<CertificationInput, std::vector<std::string>>> cases = {
        {{"", day("2026-03-10"), day("2027-03-09"), 7}, {"certificate_no"}},
        {{" 001", day("2026-03-10"), day("2027-03-09"), 7}, {"certificate_no"}},
        {{std::string(certificate_no_chars_max + 1, 'n'), day("2026-03-10"), day("2027-03-09"), 7}, {"certificate_no"}},
        {{"001", day("2026-03-10"), day("2026-03-09"), 7}, {"valid_to"}},
        {{"001", day("2026-03-10"), day("2029-03-10"), 7}, {"valid_to"}},
        {{"001", day("2026-03-10"), day("2027-03-09"), -1}, {"notice_days"}},
        {{"001", day("2026-03-10"), day("2027-03-09"), notice_days_max + 1}, {"notice_days"}},
        {{"001", day("2026-03-10"), day("2026-03-15"), 7}, {"notice_days"}},
    };
    for (const auto& [input, fields] : cases) {
        auto refused = catalog().certifications.certify(shache_officer, almonds.id, input);
        EXPECT_EQ(fields_of(refused), fields) << input.certificate_no;
    }
    ASSERT_TRUE(catalog().certifications.certify(shache_officer, almonds.id, standard_input("001")).has_value());
    const auto walnuts = product(almond_producer.id, "核桃", "Walnuts", "nuts_dried_fruit");
    auto duplicate = catalog().certifications.certify(shache_officer, walnuts.id, standard_input("001"));
    EXPECT_EQ(duplicate.error().code, ErrorCode::already_exists);
    EXPECT_EQ(fields_of(duplicate), (std::vector<std::string>{"certificate_no"}));
    const auto bare = product(almond_producer.id, "无标准", "No standard", "nuts_dried_fruit", ProductStatus::draft,
                              std::nullopt);
    EXPECT_EQ(catalog().certifications.certify(shache_officer, bare.id, standard_input("002")).error().code,
              ErrorCode::failed_precondition);
    EXPECT_EQ(count_rows("certifications"), 1);
}

TEST_P(CertificationServiceTest, ObjectionsDuringTheNoticeOnly) {
    auto made = catalog().certifications.certify(shache_officer, almonds.id, standard_input());
    ASSERT_TRUE(made.has_value());
    const auto market = buyer("盒马", "pudong", BuyerChannel::supermarket);
    const auto objector = user(Role::buyer, market.id);
    set_today(day("2026-03-09"));  // before the notice
    EXPECT_EQ(catalog().certifications.object(objector, made->id, "价格高于市场均价").error().code,
              ErrorCode::failed_precondition);
    set_today(day("2026-03-12"));
    auto objection = catalog().certifications.object(objector, made->id, "价格高于市场均价");
    ASSERT_TRUE(objection.has_value()) << objection.error().message;
    EXPECT_EQ(objection->raised_by, objector.user_id);
    EXPECT_EQ(fields_of(catalog().certifications.object(objector, made->id, "")), (std::vector<std::string>{"text"}));
    EXPECT_EQ(catalog().certifications.object(user(Role::auditor), made->id, "x").error().code,
              ErrorCode::permission_denied);
    EXPECT_EQ(catalog().certifications.object(objector, "no-such-certification", "x").error().code, ErrorCode::not_found);
    set_today(day("2026-03-17"));  // the notice is over
    EXPECT_EQ(catalog().certifications.object(objector, made->id, "太晚了").error().code, ErrorCode::failed_precondition);

    // Signed-in readers see the objections' text; anonymous readers only how many there are.
    auto seen = catalog().certifications.history(Viewer::of(shache_officer), almonds.id);
    ASSERT_TRUE(seen.has_value());
    ASSERT_EQ(seen->at(0).objections.size(), 1u);
    EXPECT_EQ(seen->at(0).objections[0].text, "价格高于市场均价");
    auto public_view = catalog().certifications.history(Viewer::anonymous(), almonds.id);
    ASSERT_TRUE(public_view.has_value());
    EXPECT_EQ(public_view->at(0).objection_count, 1);
    EXPECT_TRUE(public_view->at(0).objections.empty());
    EXPECT_EQ(catalog().certifications.get(Viewer::of(objector), made->id)->objections.size(), 1u);
}

TEST_P(CertificationServiceTest, DraftsCertificationsAreNotRevealed) {
    const auto draft = product(almond_producer.id, "草稿", "Draft", "nuts_dried_fruit", ProductStatus::draft);
    auto made = catalog().certifications.certify(shache_officer, draft.id, standard_input());
    ASSERT_TRUE(made.has_value());
    EXPECT_EQ(catalog().certifications.history(Viewer::anonymous(), draft.id).error().code, ErrorCode::not_found);
    EXPECT_EQ(catalog().certifications.get(Viewer::anonymous(), made->id).error().code, ErrorCode::not_found);
    EXPECT_EQ(catalog().certifications.status_on(Viewer::anonymous(), draft.id, day("2026-04-01")).error().code,
              ErrorCode::not_found);
    EXPECT_TRUE(catalog().certifications.history(Viewer::of(zepu_officer), almonds.id).has_value());
    EXPECT_EQ(catalog().certifications.history(Viewer::of(zepu_officer), draft.id).error().code, ErrorCode::not_found);
    // Zepu's officer cannot certify Shache's draft; it is not even found for it.
    EXPECT_EQ(catalog().certifications.certify(zepu_officer, draft.id, standard_input("z")).error().code,
              ErrorCode::not_found);
}

TEST(CertificationStatus, StatusFromAgreesWithEachCertificate) {
    Certification certification;
    certification.input = CertificationInput{"1", date_from_civil(2026, 1, 1), date_from_civil(2026, 12, 31), 10};
    certification.certified_from = date_from_civil(2026, 1, 11);
    const std::vector<Certification> one = {certification};
    for (int offset = -5; offset < 380; ++offset) {
        const Date date = add_days(date_from_civil(2026, 1, 1), offset);
        EXPECT_EQ(status_from(one, date), certification_state(certification, date)) << format_date(date);
    }
    EXPECT_EQ(status_from({}, date_from_civil(2026, 6, 1)), CertStatus::none);
}

INSTANTIATE_TEST_SUITE_P(Backends, CertificationServiceTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::catalog

// OrganisationService on every backend: who may create, read and list organisations.
#include <gtest/gtest.h>

#include "access/organisation_service.h"
#include "support/access_stack.h"

namespace kl::access {
namespace {

using test::principal_of;
using test::seed_organisation;
using test::seed_user;

class OrganisationServiceTest : public test::AccessBackendTest {};

TEST_P(OrganisationServiceTest, AdminCreatesAndEveryoneProgrammeWideReads) {
    const auto admin = seed_user(stack(), Role::admin, "root.admin");
    const NewOrganisation coop{"喀什地区莎车县巴旦木合作社", OrgKind::cooperative};
    auto created = stack().organisations.create(principal_of(admin), coop);
    ASSERT_TRUE(created.has_value()) << created.error().message;
    EXPECT_EQ(created->kind, OrgKind::cooperative);
    EXPECT_EQ(created->created_at_ms, test::test_epoch_ms);
    for (const Role role : {Role::admin, Role::fund_officer, Role::auditor}) {
        const auto reader = seed_user(stack(), role, "reader." + std::string(to_string(role)));
        auto read = stack().organisations.get(principal_of(reader), created->id);
        ASSERT_TRUE(read.has_value()) << to_string(role);
        EXPECT_EQ(read->name, "喀什地区莎车县巴旦木合作社");
        EXPECT_EQ(read->kind, OrgKind::cooperative);
    }
}

TEST_P(OrganisationServiceTest, OnlyAdminCreates) {
    const auto agency = seed_organisation(stack(), OrgKind::agency, "Zepu County Branch");
    const auto officer = seed_user(stack(), Role::county_officer, "zepu.officer", agency.id);
    const auto auditor = seed_user(stack(), Role::auditor, "an.auditor");
    const auto fund = seed_user(stack(), Role::fund_officer, "a.fund");
    for (const auto& actor : {officer, auditor, fund}) {
        auto refused = stack().organisations.create(principal_of(actor), NewOrganisation{"X", OrgKind::buyer});
        ASSERT_FALSE(refused.has_value());
        EXPECT_EQ(refused.error().code, ErrorCode::permission_denied) << actor.username;
    }
    EXPECT_EQ(count_rows("organisations WHERE is_system = 0"), 1);
}

TEST_P(OrganisationServiceTest, NameIsValidatedAndStoredVerbatim) {
    for (const std::string& bad : {std::string(), std::string(organisation_name_chars_max + 1, 'n'),
                                  std::string("Tab\tCo"), std::string("\xC3")}) {
        auto refused = stack().organisations.create(std::nullopt, NewOrganisation{bad, OrgKind::enterprise});
        ASSERT_FALSE(refused.has_value());
        EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
        EXPECT_EQ(refused.error().fields.at(0).field, "name");
    }
    EXPECT_EQ(count_rows("organisations WHERE is_system = 0"), 0);
    for (const char* name : {"O'Brien & Sons'; DROP TABLE organisations;--", "\" OR \"\"=\"", "50% off_$1\\"}) {
        auto created = stack().organisations.create(std::nullopt, NewOrganisation{name, OrgKind::buyer});
        ASSERT_TRUE(created.has_value()) << name;
        auto read = stack().organisations.get(std::nullopt, created->id);
        ASSERT_TRUE(read.has_value());
        EXPECT_EQ(read->name, name);
    }
    EXPECT_EQ(count_rows("organisations WHERE is_system = 0"), 3);
}

TEST_P(OrganisationServiceTest, ScopedRolesReadOnlyTheirOwn) {
    const auto own = seed_organisation(stack(), OrgKind::enterprise, "Own Enterprise");
    const auto other = seed_organisation(stack(), OrgKind::enterprise, "Other Enterprise");
    const auto producer = seed_user(stack(), Role::producer, "a.producer", own.id);
    EXPECT_TRUE(stack().organisations.get(principal_of(producer), own.id).has_value());
    auto refused = stack().organisations.get(principal_of(producer), other.id);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
    // Other organisations that do not exist give the same answer: no probing.
    auto probing = stack().organisations.get(principal_of(producer), "no-such-org");
    ASSERT_FALSE(probing.has_value());
    EXPECT_EQ(probing.error().code, ErrorCode::permission_denied);
    auto missing = stack().organisations.get(std::nullopt, "no-such-org");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(OrganisationServiceTest, ListShowsScopedRolesOnlyTheirOwn) {
    const auto own = seed_organisation(stack(), OrgKind::buyer, "Own Buyer");
    seed_organisation(stack(), OrgKind::buyer, "Other Buyer");
    seed_organisation(stack(), OrgKind::logistics, "Cold Chain Co");
    const auto buyer = seed_user(stack(), Role::buyer, "a.buyer", own.id);
    const auto auditor = seed_user(stack(), Role::auditor, "an.auditor");

    auto scoped = stack().organisations.list(principal_of(buyer), 50, std::nullopt);
    ASSERT_TRUE(scoped.has_value());
    ASSERT_EQ(scoped->organisations.size(), 1u);
    EXPECT_EQ(scoped->organisations[0].id, own.id);
    EXPECT_FALSE(scoped->next_cursor.has_value());

    auto all = stack().organisations.list(principal_of(auditor), 50, std::nullopt);
    ASSERT_TRUE(all.has_value());
    EXPECT_EQ(all->organisations.size(), 3u);

    auto buyers = stack().organisations.list(principal_of(auditor), 50, std::nullopt, OrgKind::buyer);
    ASSERT_TRUE(buyers.has_value());
    EXPECT_EQ(buyers->organisations.size(), 2u);
}

TEST_P(OrganisationServiceTest, ListPages) {
    for (int i = 0; i < 5; ++i) seed_organisation(stack(), OrgKind::household, "Household " + std::to_string(i));
    auto first = stack().organisations.list(std::nullopt, 2, std::nullopt);
    ASSERT_TRUE(first.has_value());
    ASSERT_EQ(first->organisations.size(), 2u);
    ASSERT_TRUE(first->next_cursor.has_value());
    auto second = stack().organisations.list(std::nullopt, 2, first->next_cursor);
    ASSERT_TRUE(second.has_value());
    ASSERT_EQ(second->organisations.size(), 2u);
    EXPECT_LT(first->organisations[1].id, second->organisations[0].id);
    auto third = stack().organisations.list(std::nullopt, 2, second->next_cursor);
    ASSERT_TRUE(third.has_value());
    EXPECT_EQ(third->organisations.size(), 1u);
    EXPECT_FALSE(third->next_cursor.has_value());

    auto bad = stack().organisations.list(std::nullopt, 2, std::string("nonsense"));
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().fields.at(0).field, "cursor");
}

TEST(OrgKinds, NamesRoundTripAndUnknownKindNamesTheField) {
    for (const OrgKind kind : all_org_kinds()) {
        auto parsed = parse_org_kind(to_string(kind));
        ASSERT_TRUE(parsed.has_value());
        EXPECT_EQ(*parsed, kind);
    }
    auto unknown = parse_org_kind("bank");
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().fields.at(0).field, "kind");
}

TEST(OrgKinds, WhichRolesFitWhichKinds) {
    EXPECT_TRUE(role_fits_org_kind(Role::producer, OrgKind::family_workshop));
    EXPECT_TRUE(role_fits_org_kind(Role::producer, OrgKind::household));
    EXPECT_FALSE(role_fits_org_kind(Role::producer, OrgKind::agency));
    EXPECT_TRUE(role_fits_org_kind(Role::county_officer, OrgKind::agency));
    EXPECT_TRUE(role_fits_org_kind(Role::buyer, OrgKind::buyer));
    EXPECT_TRUE(role_fits_org_kind(Role::logistics, OrgKind::logistics));
    EXPECT_FALSE(role_fits_org_kind(Role::admin, OrgKind::agency));
}

INSTANTIATE_TEST_SUITE_P(Backends, OrganisationServiceTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::access

// UserService on every backend: validation naming fields, duplicates, permissions, passwords, pages.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "access/page_cursor.h"
#include "access/user_service.h"
#include "support/access_stack.h"

namespace kl::access {
namespace {

using test::principal_of;
using test::seed_organisation;
using test::seed_user;
using test::test_password;

class UserServiceTest : public test::AccessBackendTest {
protected:
    std::vector<std::string> bad_fields(const Result<User>& result) {
        std::vector<std::string> fields;
        if (!result) {
            for (const auto& field : result.error().fields) fields.push_back(field.field);
        }
        return fields;
    }
    NewUser valid_producer(const std::string& org_id) {
        return NewUser{"wang.li", "王丽", "a long enough password", Role::producer, org_id};
    }
};

TEST_P(UserServiceTest, AddsAUserAndReadsItBack) {
    const auto org = seed_organisation(stack(), OrgKind::cooperative, "Zepu Red Date Cooperative");
    auto added = stack().users.add(std::nullopt, valid_producer(org.id));
    ASSERT_TRUE(added.has_value()) << added.error().message;
    EXPECT_EQ(added->username, "wang.li");
    EXPECT_EQ(added->display_name, "王丽");
    EXPECT_EQ(added->role, Role::producer);
    EXPECT_EQ(added->org_id, org.id);
    EXPECT_EQ(added->created_at_ms, test::test_epoch_ms);

    auto read = stack().users.get(std::nullopt, added->id);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->username, "wang.li");
    EXPECT_EQ(read->display_name, "王丽");
    EXPECT_EQ(read->org_id, org.id);
    EXPECT_FALSE(read->disabled);
}

TEST_P(UserServiceTest, EveryBadFieldIsNamedAndNothingIsWritten) {
    NewUser user{"Ab", "", "short", Role::producer, std::nullopt};
    auto added = stack().users.add(std::nullopt, user);
    ASSERT_FALSE(added.has_value());
    EXPECT_EQ(added.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(bad_fields(added), (std::vector<std::string>{"username", "display_name", "password", "org_id"}));
    EXPECT_EQ(count_rows("users"), 0);
}

TEST_P(UserServiceTest, UsernamePattern) {
    const std::vector<std::string> refused = {
        "ab", std::string(username_chars_max + 1, 'a'), "Admin", "wang li", "wang@li", "王丽",
        "a'; DROP TABLE users;--", "x\" OR \"1\"=\"1", "robert');", "a\\b", "tab\there", std::string("nul\0x", 5),
    };
    for (const auto& name : refused) {
        NewUser user{name, "Someone", "a long enough password", Role::admin, std::nullopt};
        auto added = stack().users.add(std::nullopt, user);
        ASSERT_FALSE(added.has_value()) << name;
        EXPECT_EQ(bad_fields(added), std::vector<std::string>{"username"}) << name;
    }
    const std::vector<std::string> accepted = {"abc", "a.b_c-d", std::string(username_chars_max, 'z'), "007"};
    for (const std::string& name : accepted) {
        NewUser user{name, "Someone", "a long enough password", Role::admin, std::nullopt};
        EXPECT_TRUE(stack().users.add(std::nullopt, user).has_value()) << name;
    }
}

TEST_P(UserServiceTest, DisplayNameIsStoredVerbatimWithSqlMetacharacters) {
    const std::vector<std::string> names = {
        "Robert'); DROP TABLE users;--", "a\" OR \"1\"=\"1", "100% _under_ \\back\\ $1 ;", "喀什'--",
    };
    int index = 0;
    for (const auto& name : names) {
        NewUser user{"user" + std::to_string(index++), name, "a long enough password", Role::auditor, std::nullopt};
        auto added = stack().users.add(std::nullopt, user);
        ASSERT_TRUE(added.has_value()) << name;
        auto read = stack().users.get(std::nullopt, added->id);
        ASSERT_TRUE(read.has_value());
        EXPECT_EQ(read->display_name, name);
    }
    EXPECT_EQ(count_rows("users"), static_cast<int64_t>(names.size()));
}

TEST_P(UserServiceTest, DisplayNameLengthCountsCharacters) {
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "喀";
    NewUser user{"long.name", hundred, "a long enough password", Role::auditor, std::nullopt};
    EXPECT_TRUE(stack().users.add(std::nullopt, user).has_value());
    user.username = "longer.name";
    user.display_name = hundred + "什";
    EXPECT_EQ(bad_fields(stack().users.add(std::nullopt, user)), std::vector<std::string>{"display_name"});
    user.display_name = "line\nbreak";
    EXPECT_EQ(bad_fields(stack().users.add(std::nullopt, user)), std::vector<std::string>{"display_name"});
}

TEST_P(UserServiceTest, PasswordLength) {
    NewUser user{"pw.user", "Someone", std::string(password_chars_min - 1, 'x'), Role::auditor, std::nullopt};
    EXPECT_EQ(bad_fields(stack().users.add(std::nullopt, user)), std::vector<std::string>{"password"});
    user.password = std::string(password_chars_max + 1, 'x');
    EXPECT_EQ(bad_fields(stack().users.add(std::nullopt, user)), std::vector<std::string>{"password"});
    user.password = std::string(password_chars_max, 'x');
    EXPECT_TRUE(stack().users.add(std::nullopt, user).has_value());
}

TEST_P(UserServiceTest, OrganisationRulesOfRoles) {
    const auto coop = seed_organisation(stack(), OrgKind::cooperative, "Shache Walnut Cooperative");
    const auto buyer = seed_organisation(stack(), OrgKind::buyer, "Minhang Canteen Group");
    auto with = [&](Role role, std::optional<std::string> org) {
        static int serial = 0;
        return stack().users.add(std::nullopt, NewUser{"user" + std::to_string(++serial), "Someone",
                                                       "a long enough password", role, std::move(org)});
    };
    EXPECT_EQ(bad_fields(with(Role::producer, std::nullopt)), std::vector<std::string>{"org_id"});
    EXPECT_EQ(bad_fields(with(Role::county_officer, std::nullopt)), std::vector<std::string>{"org_id"});
    EXPECT_EQ(bad_fields(with(Role::admin, coop.id)), std::vector<std::string>{"org_id"});
    EXPECT_EQ(bad_fields(with(Role::auditor, coop.id)), std::vector<std::string>{"org_id"});
    EXPECT_EQ(bad_fields(with(Role::producer, "no-such-org")), std::vector<std::string>{"org_id"});
    // The organisation must be of a kind the role belongs to.
    EXPECT_EQ(bad_fields(with(Role::producer, buyer.id)), std::vector<std::string>{"org_id"});
    EXPECT_EQ(bad_fields(with(Role::buyer, coop.id)), std::vector<std::string>{"org_id"});
    EXPECT_EQ(bad_fields(with(Role::county_officer, coop.id)), std::vector<std::string>{"org_id"});
    EXPECT_EQ(count_rows("users"), 0);
    EXPECT_TRUE(with(Role::producer, coop.id).has_value());
    EXPECT_TRUE(with(Role::buyer, buyer.id).has_value());
    EXPECT_TRUE(with(Role::fund_officer, std::nullopt).has_value());
}

TEST_P(UserServiceTest, DuplicateUsernameIsAlreadyExistsNamingUsername) {
    seed_user(stack(), Role::auditor, "li.audit");
    auto again = stack().users.add(std::nullopt, NewUser{"li.audit", "Other", "a long enough password",
                                                         Role::admin, std::nullopt});
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, ErrorCode::already_exists);
    EXPECT_EQ(bad_fields(again), std::vector<std::string>{"username"});
    EXPECT_EQ(count_rows("users"), 1);
}

TEST_P(UserServiceTest, OnlyAdminAddsUsers) {
    const auto coop = seed_organisation(stack(), OrgKind::cooperative, "Yecheng Walnut Cooperative");
    const auto admin = seed_user(stack(), Role::admin, "root.admin");
    const auto auditor = seed_user(stack(), Role::auditor, "an.auditor");
    const auto producer = seed_user(stack(), Role::producer, "a.producer", coop.id);
    const auto officer = seed_user(stack(), Role::fund_officer, "a.fund");
    NewUser user{"new.user", "New", "a long enough password", Role::auditor, std::nullopt};
    for (const auto& actor : {auditor, producer, officer}) {
        auto refused = stack().users.add(principal_of(actor), user);
        ASSERT_FALSE(refused.has_value()) << actor.username;
        EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
    }
    EXPECT_EQ(count_rows("users"), 4);
    EXPECT_TRUE(stack().users.add(principal_of(admin), user).has_value());
}

TEST_P(UserServiceTest, WhoMayGetWhom) {
    const auto coop = seed_organisation(stack(), OrgKind::cooperative, "Bachu Melon Cooperative");
    const auto admin = seed_user(stack(), Role::admin, "root.admin");
    const auto auditor = seed_user(stack(), Role::auditor, "an.auditor");
    const auto producer = seed_user(stack(), Role::producer, "a.producer", coop.id);
    const auto colleague = seed_user(stack(), Role::producer, "b.producer", coop.id);
    const auto officer = seed_user(stack(), Role::fund_officer, "a.fund");

    EXPECT_TRUE(stack().users.get(principal_of(admin), producer.id).has_value());
    EXPECT_TRUE(stack().users.get(principal_of(auditor), producer.id).has_value());
    EXPECT_TRUE(stack().users.get(principal_of(producer), producer.id).has_value());
    EXPECT_TRUE(stack().users.get(principal_of(officer), officer.id).has_value());
    for (const auto& [actor, target] : {std::pair{producer, colleague}, std::pair{officer, producer},
                                        std::pair{producer, admin}}) {
        auto refused = stack().users.get(principal_of(actor), target.id);
        ASSERT_FALSE(refused.has_value());
        EXPECT_EQ(refused.error().code, ErrorCode::permission_denied) << actor.username << " → " << target.username;
    }
    auto missing = stack().users.get(principal_of(admin), "01890a5d-ac96-774b-bcce-b302099a8057");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::not_found);
    // A non-admin asking for someone else is refused whether or not the user exists.
    auto probing = stack().users.get(principal_of(producer), "01890a5d-ac96-774b-bcce-b302099a8057");
    ASSERT_FALSE(probing.has_value());
    EXPECT_EQ(probing.error().code, ErrorCode::permission_denied);
}

TEST_P(UserServiceTest, ListPagesThroughEveryUserOnce) {
    constexpr int user_count = 7;
    for (int i = 0; i < user_count; ++i) seed_user(stack(), Role::auditor, "user" + std::to_string(i));
    std::vector<std::string> seen;
    std::optional<std::string> cursor;
    int pages = 0;
    do {
        auto page = stack().users.list(std::nullopt, 3, cursor);
        ASSERT_TRUE(page.has_value()) << page.error().message;
        for (const auto& user : page->users) seen.push_back(user.id);
        cursor = page->next_cursor;
        ++pages;
        ASSERT_LE(pages, user_count);
    } while (cursor);
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen.size(), static_cast<size_t>(user_count));
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), seen.size());

    auto exact = stack().users.list(std::nullopt, user_count, std::nullopt);
    ASSERT_TRUE(exact.has_value());
    EXPECT_EQ(exact->users.size(), static_cast<size_t>(user_count));
    EXPECT_FALSE(exact->next_cursor.has_value());
}

TEST_P(UserServiceTest, ListRefusesBadLimitsCursorsAndRoles) {
    const auto coop = seed_organisation(stack(), OrgKind::cooperative, "Shache Cooperative");
    const auto producer = seed_user(stack(), Role::producer, "a.producer", coop.id);
    const auto auditor = seed_user(stack(), Role::auditor, "an.auditor");
    for (const int limit : {0, page_limit_max + 1}) {
        auto refused = stack().users.list(std::nullopt, limit, std::nullopt);
        ASSERT_FALSE(refused.has_value());
        EXPECT_EQ(refused.error().fields.at(0).field, "limit");
    }
    auto bad_cursor = stack().users.list(std::nullopt, 10, std::string("' OR 1=1 --"));
    ASSERT_FALSE(bad_cursor.has_value());
    EXPECT_EQ(bad_cursor.error().fields.at(0).field, "cursor");
    auto refused = stack().users.list(principal_of(producer), 10, std::nullopt);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
    EXPECT_TRUE(stack().users.list(principal_of(auditor), 10, std::nullopt).has_value());
}

TEST_P(UserServiceTest, AdminSetsAnotherUsersPassword) {
    const auto admin = seed_user(stack(), Role::admin, "root.admin");
    const auto auditor = seed_user(stack(), Role::auditor, "an.auditor");
    auto session = stack().auth.login("an.auditor", test_password, "127.0.0.1");
    ASSERT_TRUE(session.has_value());
    ASSERT_TRUE(stack().users.set_password_by_id(principal_of(admin), auditor.id, "a brand new password").has_value());
    EXPECT_FALSE(stack().auth.login("an.auditor", test_password, "127.0.0.1").has_value());
    EXPECT_TRUE(stack().auth.login("an.auditor", "a brand new password", "127.0.0.1").has_value());
    // The auditor's existing session ended with the old password.
    EXPECT_FALSE(stack().auth.authenticate(session->token).has_value());
}

TEST_P(UserServiceTest, UserChangesItsOwnPasswordGivingTheCurrentOne) {
    seed_user(stack(), Role::auditor, "an.auditor");
    auto first = stack().auth.login("an.auditor", test_password, "127.0.0.1");
    auto second = stack().auth.login("an.auditor", test_password, "127.0.0.1");
    ASSERT_TRUE(first.has_value() && second.has_value());
    const Principal self = first->principal;

    auto missing = stack().users.set_password(self, "an.auditor", "a brand new password");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().fields.at(0).field, "current_password");
    auto wrong = stack().users.set_password(self, "an.auditor", "a brand new password", std::string("not it at all"));
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(wrong.error().fields.at(0).field, "current_password");
    EXPECT_TRUE(stack().auth.login("an.auditor", test_password, "127.0.0.1").has_value());

    ASSERT_TRUE(stack().users.set_password(self, "an.auditor", "a brand new password", std::string(test_password))
                    .has_value());
    EXPECT_TRUE(stack().auth.authenticate(first->token).has_value());    // the session that changed it
    EXPECT_FALSE(stack().auth.authenticate(second->token).has_value());  // every other session ended
    EXPECT_TRUE(stack().auth.login("an.auditor", "a brand new password", "127.0.0.1").has_value());
}

TEST_P(UserServiceTest, NonAdminCannotSetAnotherUsersPassword) {
    const auto coop = seed_organisation(stack(), OrgKind::cooperative, "Zepu Cooperative");
    const auto producer = seed_user(stack(), Role::producer, "a.producer", coop.id);
    const auto colleague = seed_user(stack(), Role::producer, "b.producer", coop.id);
    auto refused = stack().users.set_password_by_id(principal_of(producer), colleague.id, "a brand new password",
                                                    std::string(test_password));
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
    // Probing for a user that does not exist gets the same answer.
    auto probing = stack().users.set_password(principal_of(producer), "nobody.here", "a brand new password");
    ASSERT_FALSE(probing.has_value());
    EXPECT_EQ(probing.error().code, ErrorCode::permission_denied);
    EXPECT_TRUE(stack().auth.login("b.producer", test_password, "127.0.0.1").has_value());
}

TEST_P(UserServiceTest, CommandLineSetsPasswordsAndUnlocks) {
    seed_user(stack(), Role::auditor, "an.auditor");
    for (int i = 0; i < test::test_auth_options().login_failures_max; ++i) {
        (void)stack().auth.login("an.auditor", "wrong password!", "127.0.0.1");
    }
    auto locked = stack().auth.login("an.auditor", test_password, "127.0.0.1");
    ASSERT_FALSE(locked.has_value());
    EXPECT_EQ(locked.error().code, ErrorCode::resource_exhausted);
    ASSERT_TRUE(stack().users.set_password(std::nullopt, "an.auditor", "a brand new password").has_value());
    EXPECT_TRUE(stack().auth.login("an.auditor", "a brand new password", "127.0.0.1").has_value());

    auto missing = stack().users.set_password(std::nullopt, "nobody.here", "a brand new password");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::not_found);
    auto short_password = stack().users.set_password(std::nullopt, "an.auditor", "short");
    ASSERT_FALSE(short_password.has_value());
    EXPECT_EQ(short_password.error().fields.at(0).field, "password");
}

INSTANTIATE_TEST_SUITE_P(Backends, UserServiceTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::access

// Sessions from memory (access/session_cache.h): a cached session is trusted only until something
// revokes it — at once in the process that revoked it, and within session_epoch_recheck_ms in another
// process on the same database (two AccessStacks on two stores opened on one database stand for two
// servers). Every backend.
#include <gtest/gtest.h>

#include "access/access_repo.h"
#include "access/auth_service.h"
#include "access/session_cache.h"
#include "support/access_stack.h"

namespace kl::access {
namespace {

using test::seed_organisation;
using test::seed_user;
using test::test_password;

class SessionCacheTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        url_ = test::fresh_store_url(GetParam(), dir_);
        first_store_ = test::open_test_store_at(url_);
        second_store_ = test::open_test_store_at(url_);
        first_ = std::make_unique<test::AccessStack>(*first_store_);
        second_ = std::make_unique<test::AccessStack>(*second_store_);
    }
    test::AccessStack& first() { return *first_; }
    test::AccessStack& second() { return *second_; }
    LoginResult sign_in(test::AccessStack& stack, const std::string& username) {
        auto session = stack.auth.login(username, test_password, "198.51.100.7");
        EXPECT_TRUE(session.has_value()) << session.error().message;
        return *session;
    }
    // Both processes' clocks move together (they read one wall clock in production).
    void advance_ms(int64_t ms) {
        first().clock.advance_ms(ms);
        second().clock.advance_ms(ms);
    }
    static bool refused(const Result<Principal>& answer) {
        return !answer.has_value() && answer.error().code == ErrorCode::unauthenticated;
    }
    std::optional<Principal> admin() {
        const auto admin_user = seed_user(first(), Role::admin, "the.admin");
        return test::principal_of(admin_user);
    }

    test::TempDir dir_;
    std::string url_;
    std::unique_ptr<store::Store> first_store_, second_store_;
    std::unique_ptr<test::AccessStack> first_, second_;
};

TEST_P(SessionCacheTest, ACachedSessionNeedsNoDatabaseRead) {
    seed_user(first(), Role::auditor, "an.auditor");
    const auto session = sign_in(first(), "an.auditor");
    ASSERT_TRUE(first().auth.authenticate(session.token).has_value());
    // The row is deleted behind the cache's back (no epoch): the cached session still answers, which
    // shows no read was made; the entry's age bounds how long such a hand edit goes unseen.
    ASSERT_TRUE(first_store_->write([&](store::Tx& tx) -> Result<void> {
                                 KL_TRY(tx.execute("DELETE FROM sessions", {}));
                                 return ok();
                             }).has_value());
    EXPECT_TRUE(first().auth.authenticate(session.token).has_value());
    first().clock.advance_ms(session_cache_entry_age_ms);
    EXPECT_TRUE(refused(first().auth.authenticate(session.token)));
}

TEST_P(SessionCacheTest, SignOutIsRefusedAtOnceHereAndWithinTheRecheckElsewhere) {
    seed_user(first(), Role::auditor, "an.auditor");
    const auto session = sign_in(first(), "an.auditor");
    ASSERT_TRUE(first().auth.authenticate(session.token).has_value());
    ASSERT_TRUE(second().auth.authenticate(session.token).has_value());

    ASSERT_TRUE(first().auth.logout(first().auth.authenticate(session.token).value()).has_value());
    EXPECT_TRUE(refused(first().auth.authenticate(session.token))) << "this process: at once";
    // The other process trusts its copy until its next look at the epoch…
    advance_ms(session_epoch_recheck_ms - 1);
    EXPECT_TRUE(second().auth.authenticate(session.token).has_value());
    // …which is at most session_epoch_recheck_ms (250 ms) away: well within the second allowed.
    advance_ms(1);
    EXPECT_TRUE(refused(second().auth.authenticate(session.token))) << "the other process: within the recheck";
}

TEST_P(SessionCacheTest, APasswordChangeEndsTheOtherSessionsEverywhere) {
    const auto user = seed_user(first(), Role::auditor, "an.auditor");
    const auto kept = sign_in(first(), "an.auditor");
    const auto other = sign_in(second(), "an.auditor");
    const auto kept_principal = first().auth.authenticate(kept.token).value();
    ASSERT_TRUE(first().auth.authenticate(other.token).has_value());
    ASSERT_TRUE(second().auth.authenticate(other.token).has_value());

    ASSERT_TRUE(first().users.set_password_by_id(kept_principal, user.id, "a brand new password", test_password).has_value());
    EXPECT_TRUE(first().auth.authenticate(kept.token).has_value()) << "the changer's own session survives";
    EXPECT_TRUE(refused(first().auth.authenticate(other.token)));
    advance_ms(session_epoch_recheck_ms);
    EXPECT_TRUE(refused(second().auth.authenticate(other.token)));
}

TEST_P(SessionCacheTest, DisablingAUserOrChangingItsRoleEndsItsSessions) {
    const auto org = seed_organisation(first(), OrgKind::buyer, "Minhang canteen group");
    const auto buyer = seed_user(first(), Role::buyer, "canteen.buyer", org.id);
    const auto auditor = seed_user(first(), Role::auditor, "an.auditor");
    const auto by_admin = admin();
    const auto buyer_session = sign_in(first(), "canteen.buyer");
    const auto auditor_session = sign_in(first(), "an.auditor");
    for (auto* stack : {&first(), &second()}) {
        ASSERT_TRUE(stack->auth.authenticate(buyer_session.token).has_value());
        ASSERT_TRUE(stack->auth.authenticate(auditor_session.token).has_value());
    }

    UserChange disable;
    disable.disabled = true;
    auto disabled = first().users.update(by_admin, buyer.id, disable);
    ASSERT_TRUE(disabled.has_value()) << disabled.error().message;
    EXPECT_TRUE(disabled->disabled);
    EXPECT_TRUE(refused(first().auth.authenticate(buyer_session.token)));
    EXPECT_TRUE(refused(first().auth.login("canteen.buyer", test_password, "198.51.100.7").has_value()
                            ? Result<Principal>(Principal{})
                            : Result<Principal>(fail(ErrorCode::unauthenticated, "refused"))));

    UserChange to_fund_officer;
    to_fund_officer.role = Role::fund_officer;
    auto moved = first().users.update(by_admin, auditor.id, to_fund_officer);
    ASSERT_TRUE(moved.has_value()) << moved.error().message;
    EXPECT_EQ(moved->role, Role::fund_officer);
    EXPECT_TRUE(refused(first().auth.authenticate(auditor_session.token))) << "a session opened as auditor ends";

    advance_ms(session_epoch_recheck_ms);
    EXPECT_TRUE(refused(second().auth.authenticate(buyer_session.token)));
    EXPECT_TRUE(refused(second().auth.authenticate(auditor_session.token)));
    // Signed in again, the user acts in its new role.
    const auto again = sign_in(second(), "an.auditor");
    EXPECT_EQ(second().auth.authenticate(again.token).value().role, Role::fund_officer);
}

TEST_P(SessionCacheTest, UpdatesAreCheckedAndOnlyForAdmins) {
    const auto org = seed_organisation(first(), OrgKind::buyer, "Minhang canteen group");
    const auto buyer = seed_user(first(), Role::buyer, "canteen.buyer", org.id);
    const auto auditor = seed_user(first(), Role::auditor, "an.auditor");
    const auto by_admin = admin();

    UserChange rename;
    rename.display_name = "Canteen buyer";
    EXPECT_EQ(first().users.update(test::principal_of(auditor), buyer.id, rename).error().code, ErrorCode::permission_denied);

    UserChange orgless;
    orgless.org_id = std::optional<std::string>{};
    auto refused_change = first().users.update(by_admin, buyer.id, orgless);
    ASSERT_FALSE(refused_change.has_value());
    ASSERT_EQ(refused_change.error().fields.size(), 1u);
    EXPECT_EQ(refused_change.error().fields[0].field, "org_id");

    UserChange wrong_kind;
    wrong_kind.role = Role::producer;
    auto wrong = first().users.update(by_admin, buyer.id, wrong_kind);
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(wrong.error().fields.at(0).field, "org_id") << "a buyer organisation cannot hold a producer";

    UserChange self_disable;
    self_disable.disabled = true;
    auto self = first().users.update(by_admin, by_admin->user_id, self_disable);
    ASSERT_FALSE(self.has_value());
    EXPECT_EQ(self.error().fields.at(0).field, "disabled");

    EXPECT_EQ(first().users.update(by_admin, "no-such-user", rename).error().code, ErrorCode::not_found);
    auto renamed = first().users.update(by_admin, buyer.id, rename);
    ASSERT_TRUE(renamed.has_value());
    EXPECT_EQ(renamed->display_name, "Canteen buyer");
    EXPECT_EQ(renamed->org_id, org.id) << "what was not given stays";
}

TEST(SessionCacheAlone, IsBoundedAndForgetsWhatTheEpochOutdated) {
    SessionCache cache;
    cache.observe_epoch(7, 0);
    SessionUser user;
    user.user_id = "u";
    user.expires_at_ms = 1'000'000;
    cache.put("a", user, 7, 0);
    cache.put("stale", user, 6, 0);
    EXPECT_TRUE(cache.find("a", 10).has_value());
    EXPECT_FALSE(cache.find("stale", 10).has_value()) << "read under an older epoch";
    cache.observe_epoch(8, 20);
    EXPECT_FALSE(cache.find("a", 21).has_value()) << "the epoch moved";
    cache.put("b", user, 8, 30);
    EXPECT_FALSE(cache.find("b", user.expires_at_ms).has_value()) << "never past the session's expiry";
    cache.revoked();
    cache.put("c", user, 8, 40);
    EXPECT_FALSE(cache.find("c", 41).has_value()) << "after a revocation nothing is trusted until the epoch is read";
    EXPECT_TRUE(cache.epoch_due(41));
    cache.observe_epoch(9, 50);
    for (size_t i = 0; i < session_cache_entries_max + 10; ++i) cache.put("t" + std::to_string(i), user, 9, 50);
    EXPECT_LE(cache.size(), session_cache_entries_max);
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionCacheTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::access

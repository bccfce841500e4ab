// AuthService on every backend: sign-in, lockout, expiry, logout, CSRF, forged tokens.
#include <gtest/gtest.h>

#include <cctype>

#include "access/auth_service.h"
#include "access/token.h"
#include "support/access_stack.h"

namespace kl::access {
namespace {

using test::seed_organisation;
using test::seed_user;
using test::test_password;

class AuthServiceTest : public test::AccessBackendTest {
protected:
    Result<LoginResult> login(const std::string& username, const std::string& password) {
        return stack().auth.login(username, password, "198.51.100.7");
    }
    int failures_max() const { return test::test_auth_options().login_failures_max; }
    int64_t lockout_ms() const { return test::test_auth_options().login_lockout_s * 1000; }
    int64_t ttl_ms() const { return test::test_auth_options().session_ttl_s * 1000; }
};

TEST_P(AuthServiceTest, LoginGivesATokenThatAuthenticates) {
    const auto org = seed_organisation(stack(), OrgKind::logistics, "Kashgar Cold Chain Port");
    const auto user = seed_user(stack(), Role::logistics, "port.ops", org.id);
    auto session = login("port.ops", test_password);
    ASSERT_TRUE(session.has_value()) << session.error().message;
    EXPECT_TRUE(is_token_shaped(session->token));
    EXPECT_TRUE(is_token_shaped(session->csrf_token));
    EXPECT_NE(session->token, session->csrf_token);
    EXPECT_EQ(session->expires_at_ms, test::test_epoch_ms + ttl_ms());
    EXPECT_EQ(session->principal.user_id, user.id);

    auto principal = stack().auth.authenticate(session->token);
    ASSERT_TRUE(principal.has_value()) << principal.error().message;
    EXPECT_EQ(principal->user_id, user.id);
    EXPECT_EQ(principal->username, "port.ops");
    EXPECT_EQ(principal->role, Role::logistics);
    EXPECT_EQ(principal->org_id, org.id);
    EXPECT_EQ(principal->session_id, sha256_hex(session->token));
    EXPECT_FALSE(principal->via_cookie);
}

TEST_P(AuthServiceTest, TokensAreStoredOnlyAsHashes) {
    seed_user(stack(), Role::auditor, "an.auditor");
    auto session = login("an.auditor", test_password);
    ASSERT_TRUE(session.has_value());
    auto rows = db().read([&](store::Tx& tx) {
        return tx.query("SELECT token_hash, csrf_token_hash, remote_address FROM sessions");
    });
    ASSERT_TRUE(rows.has_value());
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].text("token_hash"), sha256_hex(session->token));
    EXPECT_EQ((*rows)[0].text("csrf_token_hash"), sha256_hex(session->csrf_token));
    EXPECT_EQ((*rows)[0].text("remote_address"), "198.51.100.7");
}

TEST_P(AuthServiceTest, WrongPasswordAndUnknownUserGiveTheSameAnswer) {
    seed_user(stack(), Role::auditor, "an.auditor");
    auto wrong = login("an.auditor", "not the password");
    auto unknown = login("no.such.user", test_password);
    ASSERT_FALSE(wrong.has_value());
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(unknown.error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(wrong.error().message, unknown.error().message);
    EXPECT_EQ(count_rows("sessions"), 0);
}

TEST_P(AuthServiceTest, SqlMetacharactersDoNotSignIn) {
    seed_user(stack(), Role::admin, "root.admin");
    for (const char* username : {"' OR '1'='1", "root.admin' --", "root.admin'; DELETE FROM users;--"}) {
        auto refused = login(username, "' OR '1'='1");
        ASSERT_FALSE(refused.has_value()) << username;
        EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
    }
    EXPECT_EQ(count_rows("users"), 1);
    EXPECT_FALSE(login("root.admin", "' OR '1'='1").has_value());
}

TEST_P(AuthServiceTest, OversizedInputIsRefusedWithoutWork) {
    seed_user(stack(), Role::auditor, "an.auditor");
    EXPECT_EQ(login(std::string(login_username_bytes_max + 1, 'a'), test_password).error().code,
              ErrorCode::unauthenticated);
    EXPECT_EQ(login("an.auditor", std::string(password_bytes_max + 1, 'p')).error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(login("", "").error().code, ErrorCode::unauthenticated);
}

TEST_P(AuthServiceTest, RepeatedFailuresLockTheAccountUntilTheLockoutEnds) {
    seed_user(stack(), Role::auditor, "an.auditor");
    for (int i = 0; i < failures_max(); ++i) {
        auto failed = login("an.auditor", "wrong password " + std::to_string(i));
        ASSERT_FALSE(failed.has_value());
        EXPECT_EQ(failed.error().code, ErrorCode::unauthenticated);
    }
    // Locked: even the right password is refused.
    auto locked = login("an.auditor", test_password);
    ASSERT_FALSE(locked.has_value());
    EXPECT_EQ(locked.error().code, ErrorCode::resource_exhausted);
    EXPECT_EQ(locked.error().message, "too many failed sign-ins; try again later");

    stack().clock.advance_ms(lockout_ms() - 1);
    auto still = login("an.auditor", test_password);
    ASSERT_FALSE(still.has_value());
    EXPECT_EQ(still.error().code, ErrorCode::resource_exhausted);

    stack().clock.advance_ms(1);
    auto unlocked = login("an.auditor", test_password);
    EXPECT_TRUE(unlocked.has_value()) << unlocked.error().message;
}

TEST_P(AuthServiceTest, ASuccessResetsTheFailureCount) {
    seed_user(stack(), Role::auditor, "an.auditor");
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < failures_max() - 1; ++i) ASSERT_FALSE(login("an.auditor", "wrong password!").has_value());
        auto ok_login = login("an.auditor", test_password);
        ASSERT_TRUE(ok_login.has_value()) << "round " << round << ": " << ok_login.error().message;
    }
}

TEST_P(AuthServiceTest, LockoutCountsOnlyThatAccount) {
    seed_user(stack(), Role::auditor, "an.auditor");
    seed_user(stack(), Role::auditor, "another.auditor");
    for (int i = 0; i < failures_max(); ++i) ASSERT_FALSE(login("an.auditor", "wrong password!").has_value());
    EXPECT_EQ(login("an.auditor", test_password).error().code, ErrorCode::resource_exhausted);
    EXPECT_TRUE(login("another.auditor", test_password).has_value());
}

TEST_P(AuthServiceTest, TokensExpire) {
    seed_user(stack(), Role::auditor, "an.auditor");
    auto session = login("an.auditor", test_password);
    ASSERT_TRUE(session.has_value());
    stack().clock.advance_ms(ttl_ms() - 1);
    EXPECT_TRUE(stack().auth.authenticate(session->token).has_value());
    stack().clock.advance_ms(1);
    auto expired = stack().auth.authenticate(session->token);
    ASSERT_FALSE(expired.has_value());
    EXPECT_EQ(expired.error().code, ErrorCode::unauthenticated);
}

TEST_P(AuthServiceTest, LogoutRevokesTheSessionOnly) {
    seed_user(stack(), Role::auditor, "an.auditor");
    auto first = login("an.auditor", test_password);
    auto second = login("an.auditor", test_password);
    ASSERT_TRUE(first.has_value() && second.has_value());
    auto principal = stack().auth.authenticate(first->token);
    ASSERT_TRUE(principal.has_value());
    ASSERT_TRUE(stack().auth.logout(*principal).has_value());
    auto revoked = stack().auth.authenticate(first->token);
    ASSERT_FALSE(revoked.has_value());
    EXPECT_EQ(revoked.error().code, ErrorCode::unauthenticated);
    EXPECT_TRUE(stack().auth.authenticate(second->token).has_value());
    // Logging out twice is harmless; the session stays revoked.
    EXPECT_TRUE(stack().auth.logout(*principal).has_value());
    EXPECT_FALSE(stack().auth.authenticate(first->token).has_value());
}

TEST_P(AuthServiceTest, ForgedAndMalformedTokensAreUnauthenticated) {
    seed_user(stack(), Role::auditor, "an.auditor");
    auto session = login("an.auditor", test_password);
    ASSERT_TRUE(session.has_value());
    std::string flipped = session->token;
    flipped[0] = flipped[0] == 'a' ? 'b' : 'a';
    std::string upper = session->token;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::vector<std::string> forged = {
        "", "abc", flipped, upper, session->token + "0", session->token.substr(1),
        sha256_hex(session->token),  // the stored hash is not a token
        std::string(token_hex_chars - 2, 'a') + "'--", new_token(),
    };
    for (const auto& token : forged) {
        auto refused = stack().auth.authenticate(token);
        ASSERT_FALSE(refused.has_value()) << token;
        EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated) << token;
    }
}

TEST_P(AuthServiceTest, DisabledUsersCannotSignInOrUseTheirSessions) {
    const auto user = seed_user(stack(), Role::auditor, "an.auditor");
    auto session = login("an.auditor", test_password);
    ASSERT_TRUE(session.has_value());
    ASSERT_TRUE(db().write([&](store::Tx& tx) -> Result<void> {
                      KL_TRY(tx.execute("UPDATE users SET disabled = 1 WHERE id = $1", {user.id}));
                      return ok();
                  }).has_value());
    EXPECT_EQ(stack().auth.authenticate(session->token).error().code, ErrorCode::unauthenticated);
    auto refused = login("an.auditor", test_password);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(refused.error().message, login("no.such.user", test_password).error().message);
}

TEST_P(AuthServiceTest, CsrfTokenMustMatchTheSession) {
    seed_user(stack(), Role::auditor, "an.auditor");
    auto first = login("an.auditor", test_password);
    auto second = login("an.auditor", test_password);
    ASSERT_TRUE(first.has_value() && second.has_value());
    auto principal = stack().auth.authenticate(first->token);
    ASSERT_TRUE(principal.has_value());
    EXPECT_TRUE(stack().auth.check_csrf(*principal, first->csrf_token).has_value());
    for (const std::string& bad : {std::string(), second->csrf_token, first->token, std::string("x"),
                                  sha256_hex(first->csrf_token).substr(0, token_hex_chars)}) {
        auto refused = stack().auth.check_csrf(*principal, bad);
        ASSERT_FALSE(refused.has_value()) << bad;
        EXPECT_EQ(refused.error().code, ErrorCode::permission_denied) << bad;
    }
}

TEST_P(AuthServiceTest, OldHashesAreUpgradedAtSignIn) {
    seed_user(stack(), Role::auditor, "an.auditor");  // hashed with the cheapest cost
    AuthOptions stronger = test::test_auth_options();
    stronger.password_cost.ops += 1;
    AuthService upgraded(db(), stack().clock, stack().ids, stronger);
    ASSERT_TRUE(upgraded.login("an.auditor", test_password, "127.0.0.1").has_value());
    auto stored = db().read([&](store::Tx& tx) {
        return tx.query("SELECT password_hash FROM users WHERE username = $1", {std::string("an.auditor")});
    });
    ASSERT_TRUE(stored.has_value());
    const std::string hash = (*stored)[0].text("password_hash");
    EXPECT_FALSE(password_needs_rehash(hash, stronger.password_cost));
    EXPECT_TRUE(verify_password(hash, test_password));
    EXPECT_TRUE(upgraded.login("an.auditor", test_password, "127.0.0.1").has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthServiceTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::access

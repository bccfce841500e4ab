// Sign-in throttling (issue 12 item 9) on every backend: an attacker elsewhere cannot lock the real
// user out, an unknown username is throttled exactly like a known one, an address that keeps failing
// is refused, and the counters' table stays bounded.
#include "access/login_throttle.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "access/auth_service.h"
#include "support/access_stack.h"

namespace kl::access {
namespace {

using test::seed_user;
using test::test_password;

constexpr const char* attacker = "203.0.113.66:40001";
constexpr const char* user_desk = "198.51.100.7:51234";

class LoginThrottleTest : public test::AccessBackendTest {
protected:
    Result<LoginResult> login(const std::string& username, const std::string& password, const std::string& from) {
        return stack().auth.login(username, password, from);
    }
    static int failures_max() { return test::test_auth_options().login_failures_max; }
    static int address_failures_max() { return test::test_auth_options().login_address_failures_max; }
    static int64_t lockout_ms() { return test::test_auth_options().login_lockout_s * 1000; }
    // What a client sees of one attempt: the error code and message, or "signed in".
    static std::string outcome(const Result<LoginResult>& result) {
        if (result) return "signed in";
        return std::string(to_string(result.error().code)) + ": " + result.error().message;
    }
};

TEST_P(LoginThrottleTest, AnAttackerElsewhereCannotLockTheRealUserOut) {
    seed_user(stack(), Role::admin, "root.admin");
    for (int i = 0; i < failures_max() + 3; ++i) (void)login("root.admin", "guess " + std::to_string(i), attacker);
    // The attacker's address is refused even with the right password...
    auto from_attacker = login("root.admin", test_password, attacker);
    ASSERT_FALSE(from_attacker.has_value());
    EXPECT_EQ(from_attacker.error().code, ErrorCode::resource_exhausted);
    // ...while the admin, from an address that has not failed, signs in at once.
    auto from_desk = login("root.admin", test_password, user_desk);
    EXPECT_TRUE(from_desk.has_value()) << outcome(from_desk);
}

TEST_P(LoginThrottleTest, AGuardedUsernameGivesEachFreshAddressOneTry) {
    seed_user(stack(), Role::auditor, "an.auditor");
    for (int i = 0; i < failures_max(); ++i) (void)login("an.auditor", "wrong password!", attacker);
    // A distributed attacker: a fresh address gets one wrong guess, then waits like the first one.
    EXPECT_EQ(login("an.auditor", "another guess", "192.0.2.10").error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(login("an.auditor", "a third guess", "192.0.2.10").error().code, ErrorCode::resource_exhausted);
    EXPECT_EQ(login("an.auditor", test_password, "192.0.2.10").error().code, ErrorCode::resource_exhausted);
    stack().clock.advance_ms(lockout_ms());
    EXPECT_TRUE(login("an.auditor", test_password, "192.0.2.10").has_value());
}

TEST_P(LoginThrottleTest, AnUnknownUsernameIsThrottledExactlyLikeAKnownOne) {
    seed_user(stack(), Role::admin, "root.admin");
    std::vector<std::string> known;
    std::vector<std::string> unknown;
    for (int i = 0; i < failures_max() + 2; ++i) {
        known.push_back(outcome(login("root.admin", "guess " + std::to_string(i), "192.0.2.1")));
        unknown.push_back(outcome(login("no.such.admin", "guess " + std::to_string(i), "192.0.2.2")));
    }
    EXPECT_EQ(known, unknown);
    EXPECT_EQ(known.back(), "resource_exhausted: too many failed sign-ins; try again later");
    EXPECT_EQ(stack().auth.sign_in_wait_s("root.admin", "192.0.2.1").value(),
              stack().auth.sign_in_wait_s("no.such.admin", "192.0.2.2").value());
}

TEST_P(LoginThrottleTest, AnAddressThatKeepsFailingIsRefusedForEveryUsername) {
    seed_user(stack(), Role::auditor, "an.auditor");
    // A spray over many usernames: no one username is guarded, the address is.
    for (int i = 0; i < address_failures_max(); ++i) {
        EXPECT_EQ(login("user" + std::to_string(i), "password1", attacker).error().code, ErrorCode::unauthenticated);
    }
    EXPECT_EQ(login("an.auditor", test_password, attacker).error().code, ErrorCode::resource_exhausted);
    EXPECT_EQ(stack().auth.sign_in_wait_s("anyone", attacker).value(), lockout_ms() / 1000);
    EXPECT_TRUE(login("an.auditor", test_password, user_desk).has_value());
    // The port is not part of the address: another connection from the same host is still refused.
    EXPECT_EQ(login("an.auditor", test_password, "203.0.113.66:40999").error().code, ErrorCode::resource_exhausted);
    stack().clock.advance_ms(lockout_ms() / 3);
    EXPECT_EQ(stack().auth.sign_in_wait_s("anyone", attacker).value(), lockout_ms() / 1000 - lockout_ms() / 3000);
    stack().clock.advance_ms(lockout_ms());
    EXPECT_TRUE(login("an.auditor", test_password, attacker).has_value());
}

TEST_P(LoginThrottleTest, ASuccessForgetsTheAddressAndTheUsernameFailures) {
    seed_user(stack(), Role::auditor, "an.auditor");
    for (int i = 0; i < failures_max() - 1; ++i) (void)login("an.auditor", "wrong password!", user_desk);
    ASSERT_TRUE(login("an.auditor", test_password, user_desk).has_value());
    EXPECT_EQ(count_rows("login_throttle"), 0);
}

TEST_P(LoginThrottleTest, TheCountersTableStaysBounded) {
    ThrottlePolicy policy;
    policy.rows_max = 4;
    const LoginThrottle throttle(policy);
    const int64_t start = test::test_epoch_ms;
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(db().write([&](store::Tx& tx) {
                          return throttle.record_failure(tx, address_throttle_key("192.0.2." + std::to_string(i)),
                                                         account_throttle_key("user" + std::to_string(i)), start + i);
                      }).has_value());
        EXPECT_LE(count_rows("login_throttle"), policy.rows_max);
    }
    // The newest failures are the ones kept.
    auto kept = db().read([&](store::Tx& tx) {
        return tx.query("SELECT throttle_key FROM login_throttle ORDER BY throttle_key");
    });
    ASSERT_TRUE(kept.has_value());
    std::vector<std::string> keys;
    for (const auto& row : *kept) keys.push_back(row.text("throttle_key"));
    EXPECT_EQ(keys, (std::vector<std::string>{"account:user3", "account:user4", "address:192.0.2.3", "address:192.0.2.4"}));
    // Once forgotten (a lockout after the last failure), rows are purged by the next failure.
    ASSERT_TRUE(db().write([&](store::Tx& tx) {
                      return throttle.record_failure(tx, address_throttle_key("192.0.2.9"), account_throttle_key("x"),
                                                     start + 4 + policy.lockout_ms);
                  }).has_value());
    EXPECT_EQ(count_rows("login_throttle"), 2);
}

TEST_P(LoginThrottleTest, ANewPasswordLiftsTheGuardOnTheUsername) {
    seed_user(stack(), Role::auditor, "an.auditor");
    for (int i = 0; i < failures_max(); ++i) (void)login("an.auditor", "wrong password!", attacker);
    ASSERT_EQ(login("an.auditor", test_password, attacker).error().code, ErrorCode::resource_exhausted);
    ASSERT_TRUE(stack().users.set_password(std::nullopt, "an.auditor", "a brand new password").has_value());
    EXPECT_TRUE(login("an.auditor", "a brand new password", attacker).has_value());
}

TEST(LoginThrottleKeys, AddressesAreCountedWithoutPortAndIpv6ByItsSlash64) {
    EXPECT_EQ(address_throttle_key("198.51.100.7:51234"), "address:198.51.100.7");
    EXPECT_EQ(address_throttle_key("198.51.100.7"), "address:198.51.100.7");
    // As the server writes them: IPv6 without brackets, then ":port".
    EXPECT_EQ(address_throttle_key("2001:db8:1:2:aaaa::1:443"), address_throttle_key("2001:db8:1:2:bbbb::9:50000"));
    EXPECT_EQ(address_throttle_key("2001:db8::5:6:7:8:9:443"), "address:2001:db8:0:5::/64");
    EXPECT_EQ(address_throttle_key("2001:db8:1:2::1"), "address:2001:db8:1:2::/64");
    EXPECT_NE(address_throttle_key("2001:db8:1:2::1"), address_throttle_key("2001:db8:1:3::1"));
    EXPECT_EQ(address_throttle_key("[2001:db8:1:2::1]:443"), "address:2001:db8:1:2::/64");
    EXPECT_EQ(address_throttle_key("::ffff:198.51.100.7:8080"), "address:198.51.100.7");
    EXPECT_EQ(address_throttle_key("not an address"), "address:not an address");
    EXPECT_EQ(account_throttle_key("  Root.Admin \t"), "account:root.admin");
}

INSTANTIATE_TEST_SUITE_P(Backends, LoginThrottleTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::access

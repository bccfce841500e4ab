// The console's cookies behind TLS: with cookie_secure (KASHLINK_COOKIE_SECURE) the session and CSRF
// cookies carry Secure, at sign-in and at sign-out; without it they do not (plain-HTTP development).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/access_fixture.h"

namespace kl::test {
namespace {

std::vector<std::string> cookies_of(const HttpReply& reply) {
    std::vector<std::string> cookies;
    auto range = reply.headers.equal_range("Set-Cookie");
    for (auto it = range.first; it != range.second; ++it) cookies.push_back(it->second);
    return cookies;
}

WorldOptions behind_tls(const std::string& backend) {
    WorldOptions options = on_backend(backend);
    options.services = [](http::ApiDeps& deps, AccessWorld&) { deps.cookie_secure = true; };
    return options;
}

class SecureCookiesTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SecureCookiesTest, BehindTlsBothCookiesAreSecure) {
    AccessWorld world(behind_tls(GetParam()));
    const HttpReply login = world.login("matrix.producer", test_password);
    ASSERT_EQ(login.status, 201) << login.body;
    const auto set = cookies_of(login);
    ASSERT_EQ(set.size(), 2u);
    for (const auto& cookie : set) EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;

    const std::string token = nlohmann::json::parse(login.body).at("token");
    const HttpReply logout = world.call("DELETE", "/api/v1/sessions/current", "", {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(logout.status, 204) << logout.body;
    const auto cleared = cookies_of(logout);
    ASSERT_EQ(cleared.size(), 2u);
    for (const auto& cookie : cleared) EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
}

TEST_P(SecureCookiesTest, OverPlainHttpCookiesAreNotSecure) {
    AccessWorld world(on_backend(GetParam()));
    const HttpReply login = world.login("matrix.producer", test_password);
    ASSERT_EQ(login.status, 201) << login.body;
    for (const auto& cookie : cookies_of(login)) EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
}

INSTANTIATE_TEST_SUITE_P(Backends, SecureCookiesTest, ::testing::ValuesIn(backends_under_test()));

}  // namespace
}  // namespace kl::test

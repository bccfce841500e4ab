// The access routes over HTTP with real sign-in: cookies and CSRF, logout, bad input, lockout,
// expiry, idempotent creates, pagination and the OpenAPI entries.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/access_fixture.h"

namespace kl::test {
namespace {

using access::Role;
using nlohmann::json;

json parse(const HttpReply& reply) { return json::parse(reply.body); }

std::vector<std::string> fields_of(const HttpReply& reply) {
    std::vector<std::string> fields;
    const json body = parse(reply);
    if (body.contains("errors")) {
        for (const auto& error : body.at("errors")) fields.push_back(error.at("field").get<std::string>());
    }
    return fields;
}

std::vector<std::string> set_cookies(const HttpReply& reply) {
    std::vector<std::string> cookies;
    auto range = reply.headers.equal_range("Set-Cookie");
    for (auto it = range.first; it != range.second; ++it) cookies.push_back(it->second);
    return cookies;
}

std::string header(const HttpReply& reply, const std::string& name) {
    auto found = reply.headers.find(name);
    return found == reply.headers.end() ? "" : found->second;
}

int64_t count_rows(AccessWorld& world, const std::string& table) {
    auto counted = world.store().read([&](store::Tx& tx) -> Result<int64_t> {
        KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*) AS n FROM " + table));
        return rows[0].i64("n");
    });
    return counted.value();
}

class AccessRoutesTest : public ::testing::Test {
protected:
    AccessWorld world;
};

TEST_F(AccessRoutesTest, LoginAnswersTokensUserAndCookies) {
    const HttpReply reply = world.login("matrix.producer", test_password);
    ASSERT_EQ(reply.status, 201) << reply.body;
    const json body = parse(reply);
    const std::string token = body.at("token");
    const std::string csrf = body.at("csrf_token");
    EXPECT_EQ(token.size(), 64u);
    EXPECT_EQ(body.at("expires_at"), format_utc_iso8601(test_epoch_ms + 12 * 3600 * 1000));
    EXPECT_EQ(body.at("user").at("username"), "matrix.producer");
    EXPECT_EQ(body.at("user").at("role"), "producer");
    EXPECT_EQ(body.at("user").at("org_id"), world.as(Role::producer).own_org);
    EXPECT_EQ(header(reply, "Cache-Control"), "no-store");

    const auto cookies = set_cookies(reply);
    ASSERT_EQ(cookies.size(), 2u);
    EXPECT_EQ(cookies[0], "kl_session=" + token + "; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict");
    EXPECT_EQ(cookies[1], "kl_csrf=" + csrf + "; Path=/; Max-Age=43200; SameSite=Strict");
}

TEST_F(AccessRoutesTest, CookieSessionsReadFreelyButWriteOnlyWithTheCsrfToken) {
    const json session = parse(world.login("matrix.admin", test_password));
    const std::string cookie = "kl_session=" + session.at("token").get<std::string>();
    const std::string csrf = session.at("csrf_token");
    const HttpReply me = world.call("GET", "/api/v1/me", "", {{"Cookie", cookie}});
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(parse(me).at("username"), "matrix.admin");

    const std::string body = R"({"name":"Cookie Co","kind":"household","county":"zepu"})";
    const int64_t before = count_rows(world, "organisations");
    EXPECT_EQ(world.call("POST", "/api/v1/organisations", body, {{"Cookie", cookie}}).status, 403);
    EXPECT_EQ(world.call("POST", "/api/v1/organisations", body,
                         {{"Cookie", cookie}, {"X-CSRF-Token", world.as(Role::admin).csrf_token}})
                  .status,
              403);  // another session's CSRF token
    EXPECT_EQ(count_rows(world, "organisations"), before);
    const HttpReply made =
        world.call("POST", "/api/v1/organisations", body, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
    EXPECT_EQ(made.status, 201) << made.body;
    EXPECT_EQ(count_rows(world, "organisations"), before + 1);
}

TEST_F(AccessRoutesTest, LogoutEndsTheSessionAndClearsTheCookies) {
    const json session = parse(world.login("matrix.buyer", test_password));
    const std::string bearer = "Bearer " + session.at("token").get<std::string>();
    const HttpReply out = world.call("DELETE", "/api/v1/sessions/current", "", {{"Authorization", bearer}});
    ASSERT_EQ(out.status, 204) << out.body;
    const auto cookies = set_cookies(out);
    ASSERT_EQ(cookies.size(), 2u);
    EXPECT_EQ(cookies[0].rfind("kl_session=; Path=/; Max-Age=0", 0), 0u) << cookies[0];
    EXPECT_EQ(cookies[1].rfind("kl_csrf=; Path=/; Max-Age=0", 0), 0u) << cookies[1];
    EXPECT_EQ(world.call("GET", "/api/v1/me", "", {{"Authorization", bearer}}).status, 401);
    // The world's own session for the same user is untouched.
    EXPECT_EQ(world.call_as(Role::buyer, "GET", "/api/v1/me").status, 200);
}

TEST_F(AccessRoutesTest, LoginBadInputNamesTheField) {
    struct Case {
        std::string body;
        std::string field;
    };
    const std::vector<Case> cases = {
        {"", "body"},
        {"{not json", "body"},
        {"[1,2]", "body"},
        {R"({"username":5,"password":"x"})", "username"},
        {R"({"username":"matrix.admin"})", "password"},
        {R"({"username":"matrix.admin","password":"x","remember":true})", "remember"},
        {R"({"username":"","password":"x"})", "username"},
    };
    for (const auto& test_case : cases) {
        const HttpReply reply = world.call("POST", "/api/v1/sessions", test_case.body);
        EXPECT_EQ(reply.status, 400) << test_case.body << " → " << reply.body;
        EXPECT_EQ(reply.content_type.rfind("application/problem+json", 0), 0u);
        const auto fields = fields_of(reply);
        EXPECT_NE(std::find(fields.begin(), fields.end(), test_case.field), fields.end())
            << test_case.body << " → " << reply.body;
    }
    EXPECT_EQ(count_rows(world, "sessions"), 7);  // only the world's own sign-ins
}

TEST_F(AccessRoutesTest, LoginNeedsAJsonContentType) {
    // What a cross-site text/plain form could send (login CSRF) is refused before any sign-in.
    httplib::Client client("127.0.0.1", world.port());
    const std::string body = R"({"username":"matrix.admin","password":")" + std::string(test_password) + R"("})";
    for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/jsonp"}) {
        auto reply = client.Post("/api/v1/sessions", body, type);
        ASSERT_TRUE(reply);
        EXPECT_EQ(reply->status, 415) << type;
    }
    auto with_charset = client.Post("/api/v1/sessions", body, "Application/JSON; charset=utf-8");
    ASSERT_TRUE(with_charset);
    EXPECT_EQ(with_charset->status, 201) << with_charset->body;
}

TEST_F(AccessRoutesTest, WrongPasswordAndUnknownUserAnswerAlike) {
    const HttpReply wrong = world.login("matrix.admin", "not the password");
    const HttpReply unknown = world.login("nobody.at.all", test_password);
    const HttpReply injected = world.login("' OR '1'='1", "' OR '1'='1");
    for (const auto* reply : {&wrong, &unknown, &injected}) {
        EXPECT_EQ(reply->status, 401) << reply->body;
        EXPECT_EQ(parse(*reply).at("detail"), parse(wrong).at("detail"));
    }
}

TEST_F(AccessRoutesTest, RepeatedFailuresLockTheAccount) {
    for (int i = 0; i < test_auth_options().login_failures_max; ++i) {
        EXPECT_EQ(world.login("matrix.auditor", "wrong password!").status, 401);
    }
    const HttpReply locked = world.login("matrix.auditor", test_password);
    EXPECT_EQ(locked.status, 429) << locked.body;
    EXPECT_EQ(header(locked, "Retry-After"), std::to_string(test_auth_options().login_lockout_s));
    world.clock().advance_ms(test_auth_options().login_lockout_s * 1000);
    EXPECT_EQ(world.login("matrix.auditor", test_password).status, 201);
}

// Issue 12 item 9: an unknown username is throttled exactly like a known one (it used to get 401
// for ever, which told an attacker which usernames exist), with the same Retry-After.
TEST_F(AccessRoutesTest, AnUnknownUsernameIsThrottledLikeAKnownOne) {
    std::vector<int> known;
    std::vector<int> unknown;
    for (int i = 0; i <= test_auth_options().login_failures_max; ++i) {
        known.push_back(world.login("matrix.auditor", "wrong password!").status);
        unknown.push_back(world.login("nobody.at.all", "wrong password!").status);
    }
    EXPECT_EQ(known, unknown);
    EXPECT_EQ(unknown.back(), 429);
    const HttpReply refused = world.login("nobody.at.all", "wrong password!");
    EXPECT_EQ(refused.status, 429);
    EXPECT_EQ(header(refused, "Retry-After"), std::to_string(test_auth_options().login_lockout_s));
}

TEST_F(AccessRoutesTest, ExpiredAndForgedTokensAre401) {
    EXPECT_EQ(world.call("GET", "/api/v1/me", "", {{"Authorization", "Bearer " + std::string(64, 'a')}}).status, 401);
    EXPECT_EQ(world.call("GET", "/api/v1/me", "", {{"Authorization", "Bearer ' OR 1=1 --"}}).status, 401);
    EXPECT_EQ(world.call("GET", "/api/v1/me", "", {{"Authorization", "Basic YWRtaW46YWRtaW4="}}).status, 401);
    EXPECT_EQ(world.call("GET", "/api/v1/me", "", {{"Cookie", "kl_session=forged"}}).status, 401);
    EXPECT_EQ(world.call_as(Role::fund_officer, "GET", "/api/v1/me").status, 200);
    world.clock().advance_ms(test_auth_options().session_ttl_s * 1000);
    EXPECT_EQ(world.call_as(Role::fund_officer, "GET", "/api/v1/me").status, 401);
}

TEST_F(AccessRoutesTest, AddUserValidatesEveryFieldAndWritesNothingOnError) {
    const int64_t before = count_rows(world, "users");
    const HttpReply bad = world.call_as(Role::admin, "POST", "/api/v1/users",
                                        R"({"username":"Bad Name","display_name":"","password":"short",)"
                                        R"("role":"producer"})");
    ASSERT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(fields_of(bad), (std::vector<std::string>{"username", "display_name", "password", "org_id"}));

    const HttpReply types = world.call_as(Role::admin, "POST", "/api/v1/users",
                                          R"({"username":1,"display_name":[],"password":null,"role":"king"})");
    ASSERT_EQ(types.status, 400) << types.body;
    EXPECT_EQ(fields_of(types), (std::vector<std::string>{"username", "display_name", "password", "role"}));

    const HttpReply duplicate = world.call_as(Role::admin, "POST", "/api/v1/users",
                                              R"({"username":"matrix.buyer","display_name":"Again",)"
                                              R"("password":"a long enough password","role":"auditor"})");
    EXPECT_EQ(duplicate.status, 409) << duplicate.body;
    EXPECT_EQ(fields_of(duplicate), std::vector<std::string>{"username"});
    EXPECT_EQ(count_rows(world, "users"), before);

    const std::string org = world.as(Role::logistics).own_org;
    const HttpReply made = world.call_as(Role::admin, "POST", "/api/v1/users",
                                         R"({"username":"cold.chain","display_name":"O'Hara; DROP TABLE users;--",)"
                                         R"("password":"a long enough password","role":"logistics","org_id":")" +
                                             org + R"("})");
    ASSERT_EQ(made.status, 201) << made.body;
    const json user = parse(made);
    EXPECT_EQ(header(made, "Location"), "/api/v1/users/" + user.at("id").get<std::string>());
    EXPECT_EQ(user.at("display_name"), "O'Hara; DROP TABLE users;--");
    EXPECT_EQ(user.at("org_id"), org);
    EXPECT_EQ(user.at("created_at"), format_utc_iso8601(test_epoch_ms));
    EXPECT_EQ(user.at("locked_until"), nullptr);
    EXPECT_EQ(world.login("cold.chain", "a long enough password").status, 201);
}

TEST_F(AccessRoutesTest, PatchUserChecksItsFieldsAndADisabledUserIsSignedOutAtOnce) {
    const SeededRole& buyer = world.as(Role::buyer);
    const std::string path = "/api/v1/users/" + buyer.user.id;
    ASSERT_EQ(world.call_as(Role::buyer, "GET", "/api/v1/me").status, 200);
    const HttpReply unknown = world.call_as(Role::admin, "PATCH", path, R"({"disabled":true,"reason":"left"})");
    ASSERT_EQ(unknown.status, 400) << unknown.body;
    EXPECT_EQ(fields_of(unknown), std::vector<std::string>{"reason"});
    const HttpReply types = world.call_as(Role::admin, "PATCH", path, R"({"disabled":"yes","role":"king"})");
    ASSERT_EQ(types.status, 400) << types.body;
    EXPECT_EQ(fields_of(types), (std::vector<std::string>{"role", "disabled"}));
    EXPECT_EQ(world.call_as(Role::buyer, "GET", "/api/v1/me").status, 200) << "a refused change revokes nothing";

    const HttpReply disabled = world.call_as(Role::admin, "PATCH", path, R"({"disabled":true})");
    ASSERT_EQ(disabled.status, 200) << disabled.body;
    EXPECT_EQ(parse(disabled).at("disabled"), true);
    EXPECT_EQ(world.call_as(Role::buyer, "GET", "/api/v1/me").status, 401) << "refused at once, though it was cached";
    EXPECT_EQ(world.login("matrix.buyer", test_password).status, 401);
}

TEST_F(AccessRoutesTest, IdempotencyKeyReplaysACreate) {
    const int64_t before = count_rows(world, "organisations");
    const std::string body = R"({"name":"Idempotent Co","kind":"household","county":"zepu"})";
    const httplib::Headers key = {{"Idempotency-Key", "create-idempotent-co"}};
    const HttpReply first = world.call_as(Role::admin, "POST", "/api/v1/organisations", body, key);
    const HttpReply again = world.call_as(Role::admin, "POST", "/api/v1/organisations", body, key);
    ASSERT_EQ(first.status, 201) << first.body;
    ASSERT_EQ(again.status, 201) << again.body;
    EXPECT_EQ(parse(first).at("id"), parse(again).at("id"));
    EXPECT_EQ(header(again, "Idempotent-Replayed"), "true");
    EXPECT_EQ(count_rows(world, "organisations"), before + 1);
    const HttpReply other = world.call_as(Role::admin, "POST", "/api/v1/organisations",
                                          R"({"name":"Another Co","kind":"household","county":"zepu"})", key);
    EXPECT_EQ(other.status, 409) << other.body;
    EXPECT_EQ(count_rows(world, "organisations"), before + 1);
}

TEST_F(AccessRoutesTest, UsersPageOverHttp) {
    std::vector<std::string> seen;
    std::string cursor;
    for (int page = 0; page < 10; ++page) {
        const HttpReply reply = world.call_as(Role::auditor, "GET", "/api/v1/users?limit=3" +
                                                                        (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(reply.status, 200) << reply.body;
        const json body = parse(reply);
        for (const auto& user : body.at("items")) seen.push_back(user.at("id"));
        if (body.at("next_cursor").is_null()) break;
        cursor = body.at("next_cursor");
    }
    EXPECT_EQ(static_cast<int64_t>(seen.size()), count_rows(world, "users"));
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));

    for (const char* bad : {"limit=abc", "limit=0", "limit=201", "limit=-1", "limit=99999"}) {
        const HttpReply reply = world.call_as(Role::admin, "GET", std::string("/api/v1/users?") + bad);
        EXPECT_EQ(reply.status, 400) << bad;
        EXPECT_EQ(fields_of(reply), std::vector<std::string>{"limit"}) << bad;
    }
    const HttpReply bad_cursor = world.call_as(Role::admin, "GET", "/api/v1/users?cursor=%27%20OR%201%3D1");
    EXPECT_EQ(bad_cursor.status, 400);
    EXPECT_EQ(fields_of(bad_cursor), std::vector<std::string>{"cursor"});
}

TEST_F(AccessRoutesTest, OrganisationsFilterByKindAndStoreNamesVerbatim) {
    const HttpReply agencies = world.call_as(Role::admin, "GET", "/api/v1/organisations?kind=agency");
    ASSERT_EQ(agencies.status, 200);
    EXPECT_EQ(parse(agencies).at("items").size(), 2u);
    const HttpReply bad_kind = world.call_as(Role::admin, "GET", "/api/v1/organisations?kind=bank");
    EXPECT_EQ(bad_kind.status, 400);
    EXPECT_EQ(fields_of(bad_kind), std::vector<std::string>{"kind"});

    const std::string name = "喀什'; DROP TABLE organisations;-- \"x\" 100%";
    const HttpReply made = world.call_as(Role::admin, "POST", "/api/v1/organisations",
                                         json{{"name", name}, {"kind", "household"}, {"county", "zepu"}}.dump());
    ASSERT_EQ(made.status, 201) << made.body;
    const HttpReply read = world.call_as(Role::auditor, "GET", "/api/v1/organisations/" +
                                                                   parse(made).at("id").get<std::string>());
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(parse(read).at("name"), name);
    EXPECT_EQ(parse(read).at("kind"), "household");

    const HttpReply unknown_kind = world.call_as(Role::admin, "POST", "/api/v1/organisations",
                                                 R"({"name":"X","kind":"bank"})");
    EXPECT_EQ(unknown_kind.status, 400);
    EXPECT_EQ(fields_of(unknown_kind), std::vector<std::string>{"kind"});
}

TEST_F(AccessRoutesTest, MissingRecordsAre404ForThoseWhoMayLook) {
    EXPECT_EQ(world.call_as(Role::admin, "GET", "/api/v1/users/no-such-user").status, 404);
    EXPECT_EQ(world.call_as(Role::auditor, "GET", "/api/v1/organisations/no-such-org").status, 404);
    EXPECT_EQ(world.call_as(Role::buyer, "GET", "/api/v1/organisations/no-such-org").status, 403);
    EXPECT_EQ(world.call_as(Role::admin, "PUT", "/api/v1/users/no-such-user/password",
                            R"({"password":"a long enough password"})")
                  .status,
              404);
}

TEST_F(AccessRoutesTest, OwnPasswordChangeNeedsTheCurrentPassword) {
    const std::string path = "/api/v1/users/" + world.as(Role::producer).user.id + "/password";
    const HttpReply missing = world.call_as(Role::producer, "PUT", path, R"({"password":"a brand new password"})");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(fields_of(missing), std::vector<std::string>{"current_password"});
    const HttpReply changed = world.call_as(Role::producer, "PUT", path,
                                            json{{"password", "a brand new password"},
                                                 {"current_password", test_password}}.dump());
    EXPECT_EQ(changed.status, 204) << changed.body;
    EXPECT_EQ(world.login("matrix.producer", "a brand new password").status, 201);
    EXPECT_EQ(world.call_as(Role::producer, "GET", "/api/v1/me").status, 200);  // this session stays
}

TEST_F(AccessRoutesTest, OpenApiDescribesTheAccessRoutes) {
    const HttpReply reply = world.call("GET", "/api/v1/openapi.json");
    ASSERT_EQ(reply.status, 200);
    const json document = parse(reply);
    for (const auto& [path, method] : std::vector<std::pair<std::string, std::string>>{
             {"/api/v1/sessions", "post"},
             {"/api/v1/sessions/current", "delete"},
             {"/api/v1/me", "get"},
             {"/api/v1/users", "get"},
             {"/api/v1/users", "post"},
             {"/api/v1/users/{id}", "get"},
             {"/api/v1/users/{id}/password", "put"},
             {"/api/v1/organisations", "get"},
             {"/api/v1/organisations", "post"},
             {"/api/v1/organisations/{id}", "get"}}) {
        ASSERT_TRUE(document.at("paths").contains(path)) << path;
        EXPECT_TRUE(document.at("paths").at(path).contains(method)) << method << " " << path;
    }
    const json& schemas = document.at("components").at("schemas");
    for (const char* name : {"User", "NewUser", "UserPage", "Session", "Login", "PasswordChange", "Organisation",
                             "OrganisationInput", "OrganisationPage"}) {
        EXPECT_TRUE(schemas.contains(name)) << name;
    }
    EXPECT_EQ(schemas.at("User").at("properties").at("role").at("enum").size(), 7u);
    EXPECT_EQ(schemas.at("Organisation").at("properties").at("kind").at("enum").size(), 7u);
}

}  // namespace
}  // namespace kl::test

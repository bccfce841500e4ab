// THE WRITE-SCHEMA WALK (issue 12 item 11): for every POST/PUT/PATCH route of the binary's router, the
// fields its decoder accepts are exactly the properties its OpenAPI request schema documents; every
// DELETE route refuses a body (it reads none). THE QUERY WALK (issue 13): every route refuses a query
// parameter it does not document, listing exactly the ones it documents.
//
// Each route gets, over HTTP from a signed-in admin, a body with one field nobody has. Every JSON
// decoder refuses unknown fields (FieldReader::allow_only), and its 400 names that field and lists the
// fields it does know ("is not a known field (known: a, b)"). The test compares that list with the
// documented properties, so it cannot pass silently: a route whose decoder does not refuse the field,
// does not list what it reads, or documents something else is a failure line naming the route.

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "access/user_service.h"
#include "cli/app.h"
#include "http/openapi.h"
#include "support/access_stack.h"
#include "support/test_env.h"

namespace kl::http::test {
namespace {

using nlohmann::json;

constexpr const char* unknown_field = "zz_field_nobody_has";
constexpr std::string_view known_marker = "is not a known field (known: ";
constexpr const char* unknown_param = "no_such_param";

// A path parameter value the route's own checks accept, so the request reaches the body decoder.
std::string sample_param(const std::string& name) {
    if (name == "year") return "2026";
    if (name == "district") return "pudong";
    return "x1";
}

std::string concrete_path(const std::string& pattern) {
    std::string out;
    size_t at = 0;
    while (at < pattern.size()) {
        const size_t open = pattern.find('{', at);
        if (open == std::string::npos) break;
        const size_t close = pattern.find('}', open);
        out += pattern.substr(at, open - at) + sample_param(pattern.substr(open + 1, close - open - 1));
        at = close + 1;
    }
    return out + pattern.substr(std::min(at, pattern.size()));
}

// The property names of a request schema: $ref followed, allOf merged. Empty when it has none.
std::set<std::string> documented_properties(const json& document, const json& schema) {
    std::set<std::string> names;
    if (schema.contains("$ref")) {
        const std::string ref = schema["$ref"].get<std::string>();
        return documented_properties(document, document.at(json::json_pointer(ref.substr(1))));
    }
    // Kept in locals: iterating a member of a temporary would dangle.
    const json parts = schema.value("allOf", json::array());
    for (const auto& part : parts) {
        for (const auto& name : documented_properties(document, part)) names.insert(name);
    }
    const json properties = schema.value("properties", json::object());
    for (const auto& [name, property] : properties.items()) names.insert(name);
    return names;
}

// The known fields listed in a 400's error for `unknown_field`, or nullopt when there is no such error.
std::optional<std::set<std::string>> accepted_fields(const std::string& body) {
    const json problem = json::parse(body, nullptr, false);
    if (!problem.is_object()) return std::nullopt;
    const json errors = problem.value("errors", json::array());
    for (const auto& error : errors) {
        if (error.value("field", "") != unknown_field) continue;
        const std::string message = error.value("message", "");
        if (message.rfind(known_marker, 0) != 0 || message.back() != ')') return std::nullopt;
        std::set<std::string> names;
        std::string list = message.substr(known_marker.size(), message.size() - known_marker.size() - 1);
        for (size_t start = 0; start < list.size();) {
            const size_t comma = std::min(list.find(", ", start), list.size());
            names.insert(list.substr(start, comma - start));
            start = comma + 2;
        }
        return names;
    }
    return std::nullopt;
}

std::string joined(const std::set<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ",") + name;
    return "{" + out + "}";
}

class WriteSchemaWalk : public ::testing::Test {
protected:
    void SetUp() override {
        Config config;
        config.database_url = dir.file("walk.sqlite");
        config.listen_host = "127.0.0.1";
        config.listen_port = 0;
        auto created = cli::App::create(config);
        ASSERT_TRUE(created.has_value()) << created.error().message;
        app = std::move(*created);
        access::UserService users(app->store(), app->clock(), app->ids(), kl::test::test_user_options());
        ASSERT_TRUE(users.add(std::nullopt, access::NewUser{"walk.admin", "Walk", kl::test::test_password,
                                                            access::Role::admin, std::nullopt})
                        .has_value());
        ASSERT_TRUE(app->start().has_value());
        httplib::Client client("127.0.0.1", app->port());
        auto signed_in = client.Post("/api/v1/sessions",
                                     json{{"username", "walk.admin"}, {"password", kl::test::test_password}}.dump(),
                                     "application/json");
        ASSERT_TRUE(signed_in && signed_in->status == 201) << (signed_in ? signed_in->body : "no answer");
        token = json::parse(signed_in->body).at("token").get<std::string>();
    }
    void TearDown() override {
        if (app) app->stop();
    }

    kl::test::TempDir dir;
    std::unique_ptr<cli::App> app;
    std::string token;
};

TEST_F(WriteSchemaWalk, EveryWriteRouteAcceptsExactlyItsDocumentedFields) {
    const json document = json::parse(build_openapi(app->router(), OpenApiInfo{}));
    httplib::Client client("127.0.0.1", app->port());
    client.set_read_timeout(30, 0);
    std::vector<std::string> failures;
    size_t walked = 0;
    int key = 0;
    for (const auto& route : app->router().routes()) {
        const bool write = route->method == Method::post || route->method == Method::put || route->method == Method::patch;
        if (!write || route->pattern == "/api/v1/sessions" || route->doc.request_content_type != "application/json") continue;
        const std::string name = std::string(to_string(route->method)) + " " + route->pattern;
        httplib::Headers headers = {{"Authorization", "Bearer " + token},
                                    {"Idempotency-Key", "write-walk-" + std::to_string(++key)}};
        const std::string path = concrete_path(route->pattern);
        const std::string body = json{{unknown_field, 1}}.dump();
        auto reply = route->method == Method::put     ? client.Put(path, headers, body, "application/json")
                     : route->method == Method::patch ? client.Patch(path, headers, body, "application/json")
                                                      : client.Post(path, headers, body, "application/json");
        if (!reply) {
            failures.push_back(name + ": no answer");
            continue;
        }
        const auto accepted = accepted_fields(reply->body);
        if (route->doc.request_schema.empty()) {
            // A route that documents no body must not read one either (an empty list: it refuses every field).
            if (accepted && !accepted->empty()) {
                failures.push_back(name + ": reads " + joined(*accepted) + " but documents no request body");
            }
            continue;
        }
        ++walked;
        if (reply->status != 400 || !accepted) {
            failures.push_back(name + ": an unknown field got " + std::to_string(reply->status) + " " + reply->body);
            continue;
        }
        const auto documented = documented_properties(document, json::parse(route->doc.request_schema));
        if (*accepted != documented) {
            failures.push_back(name + ": accepts " + joined(*accepted) + ", documents " + joined(documented));
        }
    }
    EXPECT_GT(walked, 40u);
    EXPECT_EQ(failures, std::vector<std::string>{});
}

// Every DELETE route of the binary (fair tables and sessions, lanes, sign-out) documents no body: a
// body with a field is refused naming `body` and the deletion does not happen. The admin's own
// session is the last one asked, so a sign-out that went ahead would show as 401s on the rest.
TEST_F(WriteSchemaWalk, EveryDeleteRouteRefusesABodyItDoesNotRead) {
    httplib::Client client("127.0.0.1", app->port());
    client.set_read_timeout(30, 0);
    std::vector<std::string> failures;
    std::vector<const Route*> deletes;
    for (const auto& route : app->router().routes()) {
        if (route->method == Method::del) deletes.push_back(route.get());
    }
    std::stable_partition(deletes.begin(), deletes.end(), [](const Route* r) { return r->pattern != "/api/v1/sessions/current"; });
    for (const Route* route : deletes) {
        const std::string name = "DELETE " + route->pattern;
        if (!route->doc.request_schema.empty()) {
            failures.push_back(name + ": documents a request body; this walk expects none");
            continue;
        }
        const httplib::Headers headers = {{"Authorization", "Bearer " + token}};
        auto reply = client.Delete(concrete_path(route->pattern), headers, json{{unknown_field, 1}}.dump(), "application/json");
        if (!reply) {
            failures.push_back(name + ": no answer");
            continue;
        }
        const json problem = json::parse(reply->body, nullptr, false);
        const bool names_body = problem.is_object() && problem.contains("errors") && problem["errors"].size() == 1 &&
                                problem["errors"][0].value("field", "") == "body";
        if (reply->status != 400 || !names_body) {
            failures.push_back(name + ": a body got " + std::to_string(reply->status) + " " + reply->body);
        }
    }
    EXPECT_GE(deletes.size(), 4u);
    EXPECT_EQ(failures, std::vector<std::string>{});
    // The session survived its refused sign-out.
    auto me = client.Get("/api/v1/me", {{"Authorization", "Bearer " + token}});
    ASSERT_TRUE(me);
    EXPECT_EQ(me->status, 200);
}

// The routes whose handler sees every query parameter (with_any_query_params), each for its reason:
// EPCIS reads a family of names and refuses the rest itself; the public trace page and its QR images
// travel through scanners and chat shares that append their own. Opting out is a decision made here.
const std::set<std::string>& routes_taking_any_query() {
    static const std::set<std::string> routes = {"GET /api/v1/epcis/events", "GET /api/v1/public/trace/{code}",
                                                 "GET /t/{code}.svg", "GET /t/{code}.png"};
    return routes;
}

// Every route of the binary, whatever its method, answers `?no_such_param=1` with one 400 naming that
// parameter (unknown_field) and listing exactly the parameters its OpenAPI entry documents, before its
// handler runs: no list silently ignores a filter it does not have (a misspelt ?conty=shache is not
// answered with every county), no action runs with an option it does not take. The pipeline does this
// for every route, so a new route is covered without a line here. Each GET route is then called bare,
// so its handler reads its parameters: reading one it does not document asserts (the server would die).
TEST_F(WriteSchemaWalk, EveryRouteRefusesAQueryParameterItDoesNotDocument) {
    httplib::Client client("127.0.0.1", app->port());
    client.set_read_timeout(30, 0);
    const httplib::Headers headers = {{"Authorization", "Bearer " + token}};
    std::vector<std::string> failures;
    size_t walked = 0;
    std::vector<const Route*> routes;
    for (const auto& route : app->router().routes()) routes.push_back(route.get());
    // Sign-out last, so a refused one that went ahead would show as 401s on the rest.
    std::stable_partition(routes.begin(), routes.end(), [](const Route* r) { return r->pattern != "/api/v1/sessions/current"; });
    for (const Route* route : routes) {
        const std::string name = std::string(to_string(route->method)) + " " + route->pattern;
        if (route->doc.any_query_params != (routes_taking_any_query().count(name) == 1)) {
            failures.push_back(name + ": takes any query parameter but is not among the routes allowed to (or the reverse)");
            continue;
        }
        if (route->doc.any_query_params) continue;
        const std::string path = concrete_path(route->pattern) + "?" + unknown_param + "=1";
        auto reply = route->method == Method::get     ? client.Get(path, headers)
                     : route->method == Method::put   ? client.Put(path, headers, "", "application/json")
                     : route->method == Method::patch ? client.Patch(path, headers, "", "application/json")
                     : route->method == Method::del   ? client.Delete(path, headers)
                                                      : client.Post(path, headers, "", "application/json");
        if (!reply) {
            failures.push_back(name + ": no answer");
            continue;
        }
        ++walked;
        std::string known;
        for (const auto& [param, description] : route->doc.query_params) known += (known.empty() ? "" : ", ") + param;
        const std::string message = known.empty() ? "is not a parameter of this route (it takes none)"
                                                  : "is not a parameter of this route (known: " + known + ")";
        const json problem = json::parse(reply->body, nullptr, false);
        const json expected = json::array({{{"field", unknown_param}, {"code", "unknown_field"}, {"params", json::object()}, {"message", message}}});
        if (reply->status != 400 || !problem.is_object() || problem.value("errors", json()) != expected) {
            failures.push_back(name + ": got " + std::to_string(reply->status) + " " + reply->body);
            continue;
        }
        if (route->method == Method::get) {
            auto bare = client.Get(concrete_path(route->pattern), headers);
            if (!bare || bare->status >= 500) failures.push_back(name + ": a bare call got " + (bare ? bare->body : "no answer"));
        }
    }
    EXPECT_GT(walked, 200u);
    EXPECT_EQ(failures, std::vector<std::string>{});
    auto me = client.Get("/api/v1/me", headers);
    ASSERT_TRUE(me);
    EXPECT_EQ(me->status, 200);
}

}  // namespace
}  // namespace kl::http::test

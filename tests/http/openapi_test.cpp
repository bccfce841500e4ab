// THE OPENAPI WALK: the router the binary serves (cli::App → register_api_routes) and its OpenAPI
// document describe exactly the same operations, and every $ref in the document resolves.

#include "http/openapi.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "cli/app.h"
#include "http_harness.h"
#include "support/test_env.h"

namespace kl::http::test {
namespace {

using nlohmann::json;

std::optional<Method> method_named(const std::string& name) {
    static const std::map<std::string, Method> methods = {{"get", Method::get},       {"post", Method::post},
                                                          {"put", Method::put},       {"patch", Method::patch},
                                                          {"delete", Method::del},    {"options", Method::options},
                                                          {"head", Method::head}};
    auto found = methods.find(name);
    if (found == methods.end()) return std::nullopt;
    return found->second;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// "/api/v1/users/{id}" → "/api/v1/users/x1", a concrete path that pattern should match.
std::string concrete(const std::string& pattern) {
    std::string out;
    bool in_param = false;
    for (char c : pattern) {
        if (c == '{') {
            in_param = true;
            out += "x1";
        } else if (c == '}') {
            in_param = false;
        } else if (!in_param) {
            out.push_back(c);
        }
    }
    return out;
}

void collect_refs(const json& node, std::vector<std::string>& refs) {
    if (node.is_object()) {
        for (const auto& [key, value] : node.items()) {
            if (key == "$ref" && value.is_string()) refs.push_back(value.get<std::string>());
            collect_refs(value, refs);
        }
    } else if (node.is_array()) {
        for (const auto& value : node) collect_refs(value, refs);
    }
}

// The router exactly as `kashlink serve` builds it (cli::App over a fresh SQLite file, which
// registers every module's routes through http::register_api_routes).
class OpenApiWalk : public ::testing::Test {
protected:
    OpenApiWalk() {
        Config config;
        config.database_url = dir.file("walk.sqlite");
        config.listen_port = 0;
        auto created = cli::App::create(config);
        if (!created) throw std::runtime_error("App::create: " + created.error().message);
        app = std::move(*created);
        document = json::parse(build_openapi(router(), OpenApiInfo{}));
    }
    const Router& router() const { return app->router(); }

    kl::test::TempDir dir;
    std::unique_ptr<cli::App> app;
    json document;
};

TEST_F(OpenApiWalk, EveryRouteIsDocumentedWithItsMethod) {
    ASSERT_FALSE(router().routes().empty());
    EXPECT_EQ(document["openapi"], "3.0.3");
    for (const auto& route : router().routes()) {
        const std::string method = lower(to_string(route->method));
        ASSERT_TRUE(document["paths"].contains(route->pattern)) << route->pattern;
        const json& operation = document["paths"][route->pattern][method];
        ASSERT_TRUE(operation.is_object()) << method << " " << route->pattern;
        EXPECT_EQ(operation["summary"], route->doc.summary);
        EXPECT_TRUE(operation["responses"].contains(std::to_string(route->doc.success_status)));
        EXPECT_TRUE(operation["responses"].contains("500"));
        const bool secured = !operation["security"].empty();
        EXPECT_EQ(secured, route->access == Access::authenticated) << route->pattern;
        if (route->access == Access::authenticated) {
            EXPECT_TRUE(operation["responses"].contains("401"));
        }
    }
}

TEST_F(OpenApiWalk, EveryDocumentedOperationIsRoutable) {
    size_t operations = 0;
    for (const auto& [path, item] : document["paths"].items()) {
        for (const auto& [method_name, operation] : item.items()) {
            auto method = method_named(method_name);
            ASSERT_TRUE(method) << method_name;
            Match match = router().match(*method, concrete(path));
            ASSERT_EQ(match.outcome, MatchOutcome::found) << method_name << " " << path;
            EXPECT_EQ(match.route->pattern, path);
            // Each path parameter is declared, so clients can fill it in.
            for (const auto& [name, value] : match.params) {
                bool declared = false;
                for (const auto& parameter : operation.value("parameters", json::array())) {
                    declared |= parameter["in"] == "path" && parameter["name"] == name && parameter["required"] == true;
                }
                EXPECT_TRUE(declared) << name << " in " << path;
            }
            ++operations;
        }
    }
    EXPECT_EQ(operations, router().routes().size());
}

TEST_F(OpenApiWalk, EveryReferenceResolves) {
    std::vector<std::string> refs;
    collect_refs(document, refs);
    ASSERT_FALSE(refs.empty());
    for (const auto& ref : refs) {
        ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
        EXPECT_NO_THROW((void)document.at(json::json_pointer(ref.substr(1)))) << ref;
    }
    EXPECT_TRUE(document["components"]["securitySchemes"].contains("bearerAuth"));
    EXPECT_TRUE(document["components"]["securitySchemes"].contains("cookieAuth"));
}

TEST(OpenApiDocument, DescribesParametersBodiesAndIdempotencyKeys) {
    Router router;
    router.add_schema("Note", R"({"type":"object","properties":{"text":{"type":"string"}}})");
    Route create = make_route(Method::post, "/api/v1/notes/{folder_id}", Access::authenticated,
                              [](Request&) { return Response{}; });
    create.doc.request_schema = R"({"$ref":"#/components/schemas/Note"})";
    create.doc.response_schema = R"({"$ref":"#/components/schemas/Note"})";
    create.doc.success_status = 201;
    create.doc.query_params = {{"dry_run", "validate only"}};
    create.doc.idempotency_key = true;
    router.add(std::move(create));
    json doc = json::parse(build_openapi(router, OpenApiInfo{}));
    const json& operation = doc["paths"]["/api/v1/notes/{folder_id}"]["post"];
    EXPECT_EQ(operation["requestBody"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Note");
    EXPECT_EQ(operation["responses"]["201"]["content"]["application/json"]["schema"]["$ref"],
              "#/components/schemas/Note");
    std::set<std::string> parameters;
    for (const auto& parameter : operation["parameters"]) {
        parameters.insert(parameter["in"].get<std::string>() + ":" + parameter["name"].get<std::string>());
    }
    EXPECT_EQ(parameters, (std::set<std::string>{"path:folder_id", "query:dry_run", "header:Idempotency-Key"}));
    EXPECT_TRUE(operation["responses"].contains("409"));
    EXPECT_EQ(operation["responses"]["400"]["$ref"], "#/components/responses/BadRequest");
    EXPECT_TRUE(doc["components"]["schemas"].contains("Note"));
}

TEST(OpenApiServed, TheServerServesTheSameDocument) {
    Harness harness(test_options());
    auto served = harness.client().Get("/api/v1/openapi.json");
    ASSERT_TRUE(served);
    EXPECT_EQ(served->status, 200);
    EXPECT_EQ(served->get_header_value("Content-Type"), "application/json");
    json document = json::parse(served->body);
    EXPECT_EQ(document, json::parse(build_openapi(harness.router, OpenApiInfo{})));
    EXPECT_TRUE(document["paths"].contains("/healthz"));
    EXPECT_TRUE(document["paths"].contains("/metrics"));
    EXPECT_TRUE(document["paths"].contains("/api/v1/openapi.json"));
}

}  // namespace
}  // namespace kl::http::test

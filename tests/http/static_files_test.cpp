// The console's files: index, content types, the /vendor allow-list, traversal and symlink escapes,
// conditional requests, the SPA fallback and its limits.

#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http_harness.h"
#include "support/test_env.h"

namespace kl::http::test {
namespace {

namespace fs = std::filesystem;

void write_file(const std::string& path, const std::string& content) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

class StaticFilesTest : public ::testing::Test {
protected:
    StaticFilesTest() {
        const std::string root = web.path();
        write_file(root + "/index.html", "<!doctype html><title>Kashlink</title>");
        write_file(root + "/app.js", "export const x = 1;");
        write_file(root + "/src/site.css", "body{}");
        write_file(root + "/src/pages/home.js", "export const home = 1;");
        write_file(root + "/README.md", "# developers only");
        write_file(root + "/test/app.test.mjs", "// a developer's test");
        write_file(root + "/src/notes.txt", "not an asset");
        write_file(root + "/node_modules/chart.js/package.json", R"({"name":"chart.js"})");
        write_file(root + "/node_modules/chart.js/README.md", "# chart");
        write_file(root + "/.env", "SECRET=1");
        write_file(root + "/node_modules/chart.js/dist/chart.umd.js", "/* chart */");
        write_file(root + "/node_modules/@scope/pkg/index.js", "/* scoped */");
        write_file(root + "/node_modules/not-allowed/index.js", "/* hidden */");
        write_file(root + "/package.json", R"({"dependencies":{"chart.js":"4.4.0","@scope/pkg":"1.0.0"}})");
        write_file(outside.path() + "/secret.txt", "outside the root");
        fs::create_symlink(outside.path() + "/secret.txt", root + "/leak.txt");
        fs::create_symlink(root + "/app.js", root + "/alias.js");

        ServerOptions options = test_options();
        options.web_root = root;
        auto packages = read_vendor_allow_list(root);
        if (!packages) throw std::runtime_error(packages.error().message);
        options.vendor_packages = *packages;
        harness = std::make_unique<Harness>(options);
    }

    // Sent raw so that no client library normalises the path first.
    std::string raw_get(const std::string& target) {
        RawConnection connection(harness->port());
        if (!connection.send("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n")) return "";
        return connection.read_response().value_or("");
    }

    kl::test::TempDir web;
    kl::test::TempDir outside;
    std::unique_ptr<Harness> harness;
};

TEST_F(StaticFilesTest, ServesIndexAndFilesWithTheirTypes) {
    auto client = harness->client();
    auto index = client.Get("/");
    ASSERT_TRUE(index);
    EXPECT_EQ(index->status, 200);
    EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(index->body, "<!doctype html><title>Kashlink</title>");
    EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");

    auto script = client.Get("/app.js");
    ASSERT_TRUE(script);
    EXPECT_EQ(script->status, 200);
    EXPECT_EQ(script->get_header_value("Content-Type"), "text/javascript; charset=utf-8");

    auto css = client.Get("/src/site.css");
    ASSERT_TRUE(css);
    EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");

    auto alias = client.Get("/alias.js");  // a symlink that stays inside the root is fine
    ASSERT_TRUE(alias);
    EXPECT_EQ(alias->status, 200);
}

TEST_F(StaticFilesTest, VendorServesOnlyAllowListedPackages) {
    auto client = harness->client();
    auto chart = client.Get("/vendor/chart.js/dist/chart.umd.js");
    ASSERT_TRUE(chart);
    EXPECT_EQ(chart->status, 200);
    EXPECT_EQ(chart->body, "/* chart */");
    EXPECT_EQ(chart->get_header_value("Cache-Control"), "public, max-age=3600");

    auto scoped = client.Get("/vendor/@scope/pkg/index.js");
    ASSERT_TRUE(scoped);
    EXPECT_EQ(scoped->status, 200);

    for (const char* path : {"/vendor/not-allowed/index.js", "/node_modules/chart.js/dist/chart.umd.js",
                             "/vendor/chart.js/dist/missing", "/vendor/chart.js"}) {
        auto refused = client.Get(path);
        ASSERT_TRUE(refused);
        EXPECT_EQ(refused->status, 404) << path;
    }
}

TEST_F(StaticFilesTest, ServesOnlyTheConsolesFiles) {
    auto client = harness->client();
    for (const char* path : {"/src/pages/home.js", "/src/site.css", "/app.js", "/vendor/chart.js/dist/chart.umd.js"}) {
        auto served = client.Get(path);
        ASSERT_TRUE(served);
        EXPECT_EQ(served->status, 200) << path;
    }
    for (const char* path : {"/package.json", "/README.md", "/test/app.test.mjs", "/src/notes.txt",
                             "/vendor/chart.js/package.json", "/vendor/chart.js/README.md"}) {
        auto refused = client.Get(path);
        ASSERT_TRUE(refused);
        EXPECT_EQ(refused->status, 404) << path;
        EXPECT_EQ(refused->body.find("developers only"), std::string::npos) << path;
    }
}

TEST_F(StaticFilesTest, TraversalAndEscapesAre404) {
    for (const char* target : {"/../secret.txt", "/css/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                               "/css/..%2f..%2fsecret.txt", "/leak.txt", "/.env", "/%2eenv", "/css/%5c..%5capp.js",
                               "/vendor/chart.js/../../not-allowed/index.js", "/vendor/../node_modules/not-allowed/index.js"}) {
        const std::string response = raw_get(target);
        EXPECT_EQ(status_of(response), 404) << target;
        EXPECT_EQ(response.find("outside the root"), std::string::npos) << target;
        EXPECT_EQ(response.find("SECRET"), std::string::npos) << target;
        EXPECT_EQ(response.find("hidden"), std::string::npos) << target;
    }
}

TEST_F(StaticFilesTest, ClientRoutesFallBackToIndexButApiAndAssetsDoNot) {
    auto client = harness->client();
    auto trace = client.Get("/t/SC-2024-000123");
    ASSERT_TRUE(trace);
    EXPECT_EQ(trace->status, 200);
    EXPECT_EQ(trace->body, "<!doctype html><title>Kashlink</title>");

    auto missing_asset = client.Get("/js/missing.js");
    ASSERT_TRUE(missing_asset);
    EXPECT_EQ(missing_asset->status, 404);

    auto api = client.Get("/api/v1/not-a-route");
    ASSERT_TRUE(api);
    EXPECT_EQ(api->status, 404);
    EXPECT_EQ(api->get_header_value("Content-Type"), "application/problem+json");

    auto write = client.Post("/t/SC-1", "{}", "application/json");
    ASSERT_TRUE(write);
    EXPECT_EQ(write->status, 404);
}

TEST_F(StaticFilesTest, ConditionalRequestsAnswer304) {
    auto client = harness->client();
    auto first = client.Get("/app.js");
    ASSERT_TRUE(first);
    const std::string etag = first->get_header_value("ETag");
    const std::string last_modified = first->get_header_value("Last-Modified");
    ASSERT_FALSE(etag.empty());
    ASSERT_FALSE(last_modified.empty());

    auto by_etag = client.Get("/app.js", {{"If-None-Match", etag}});
    ASSERT_TRUE(by_etag);
    EXPECT_EQ(by_etag->status, 304);
    EXPECT_TRUE(by_etag->body.empty());
    EXPECT_EQ(by_etag->get_header_value("ETag"), etag);

    auto by_date = client.Get("/app.js", {{"If-Modified-Since", last_modified}});
    ASSERT_TRUE(by_date);
    EXPECT_EQ(by_date->status, 304);

    auto changed = client.Get("/app.js", {{"If-None-Match", "W/\"other\""}});
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->status, 200);
}

TEST(StaticFilesOpen, RefusesAMissingRootAndBadPackageNames) {
    EXPECT_FALSE(StaticFiles::open(StaticOptions{"/definitely/not/here", {}}));
    kl::test::TempDir dir;
    EXPECT_FALSE(StaticFiles::open(StaticOptions{dir.path(), {"../etc"}}));
    EXPECT_FALSE(StaticFiles::open(StaticOptions{dir.path(), {"@scope"}}));
    EXPECT_TRUE(StaticFiles::open(StaticOptions{dir.path(), {"chart.js", "@scope/pkg"}}));
}

TEST(HttpDate, RoundTrips) {
    EXPECT_EQ(http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
    EXPECT_FALSE(parse_http_date("yesterday").has_value());
}

}  // namespace
}  // namespace kl::http::test

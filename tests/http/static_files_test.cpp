// The console's build (web/dist): index, content types, which files are served at all, caching of
// hashed assets and of index.html, precompressed copies chosen by Accept-Encoding, traversal and
// symlink escapes, conditional requests, the SPA fallback and its limits.

#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/gzip.h"
#include "http_harness.h"
#include "support/test_env.h"

namespace kl::http::test {
namespace {

namespace fs = std::filesystem;

void write_file(const std::string& path, const std::string& content) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

// A script large and compressible enough for the pipeline's dynamic gzip, so a test sees it is not
// applied on top of a precompressed copy.
const std::string bundle = "export const x = 1;\n" + std::string(4096, ' ') + "// end\n";

class StaticFilesTest : public ::testing::Test {
protected:
    StaticFilesTest() {
        const std::string root = web.path();
        write_file(root + "/index.html", "<!doctype html><title>Kashlink</title>");
        write_file(root + "/app.js", "export const x = 1;");
        write_file(root + "/assets/main-7GOREW6M.js", bundle);
        write_file(root + "/assets/main-7GOREW6M.js.br", "brotli bytes");
        write_file(root + "/assets/main-7GOREW6M.js.gz", "gzip bytes");
        write_file(root + "/assets/styles-W4RSCSNG.css", "body{}");
        write_file(root + "/assets/styles-W4RSCSNG.css.gz", "gzipped css");
        write_file(root + "/assets/only-br-0A6F698F.js", bundle);
        write_file(root + "/assets/only-br-0A6F698F.js.br", "brotli only");
        write_file(root + "/assets/notes.txt", "not an asset");
        write_file(root + "/src/pages/home.js", "export const home = 1;");
        write_file(root + "/README.md", "# developers only");
        write_file(root + "/test/app.test.mjs", "// a developer's test");
        write_file(root + "/node_modules/chart.js/dist/chart.umd.js", "/* chart */");
        write_file(root + "/.env", "SECRET=1");
        write_file(outside.path() + "/secret.txt", "outside the root");
        write_file(outside.path() + "/escape.js.gz", "outside the root");
        fs::create_symlink(outside.path() + "/secret.txt", root + "/leak.txt");
        fs::create_symlink(root + "/app.js", root + "/alias.js");
        // A precompressed copy that leads outside the root is never sent in the file's stead.
        write_file(root + "/assets/escape-12345678.js", bundle);
        fs::create_symlink(outside.path() + "/escape.js.gz", root + "/assets/escape-12345678.js.gz");

        ServerOptions options = test_options();
        options.web_root = root;
        harness = std::make_unique<Harness>(options);
    }

    // Sent raw so that no client library normalises the path first.
    std::string raw_get(const std::string& target) {
        RawConnection connection(harness->port());
        if (!connection.send("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n")) return "";
        return connection.read_response().value_or("");
    }

    // A client that shows bodies as sent (no decompression) and asks with `accept_encoding`.
    httplib::Result get(const std::string& path, const std::string& accept_encoding, httplib::Headers headers = {}) {
        auto client = harness->client();
        client.set_decompress(false);
        headers.emplace("Accept-Encoding", accept_encoding);
        return client.Get(path, headers);
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

    auto script = client.Get("/app.js");
    ASSERT_TRUE(script);
    EXPECT_EQ(script->status, 200);
    EXPECT_EQ(script->get_header_value("Content-Type"), "text/javascript; charset=utf-8");

    auto css = client.Get("/assets/styles-W4RSCSNG.css");
    ASSERT_TRUE(css);
    EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");

    auto alias = client.Get("/alias.js");  // a symlink that stays inside the root is fine
    ASSERT_TRUE(alias);
    EXPECT_EQ(alias->status, 200);
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableAndIndexIsRevalidated) {
    for (const char* path : {"/assets/main-7GOREW6M.js", "/assets/styles-W4RSCSNG.css"}) {
        auto asset = get(path, "identity");
        ASSERT_TRUE(asset);
        EXPECT_EQ(asset->status, 200) << path;
        EXPECT_EQ(asset->get_header_value("Cache-Control"), "public, max-age=31536000, immutable") << path;
    }
    // The page names the assets of the current build, so it is never cached without revalidation;
    // nor are the client routes that answer with it, nor files outside assets/ (not content-hashed).
    for (const char* path : {"/", "/index.html", "/orders/42", "/app.js"}) {
        auto page = get(path, "gzip, br");
        ASSERT_TRUE(page);
        EXPECT_EQ(page->status, 200) << path;
        EXPECT_EQ(page->get_header_value("Cache-Control"), "no-cache") << path;
        EXPECT_EQ(page->get_header_value("Cache-Control").find("immutable"), std::string::npos) << path;
        EXPECT_FALSE(page->get_header_value("ETag").empty()) << path;
    }
}

TEST_F(StaticFilesTest, PrecompressedCopyChosenByAcceptEncoding) {
    const std::string script = "/assets/main-7GOREW6M.js";
    struct Case {
        const char* accept;
        const char* coding;  // "": the file as it is
        std::string body;
    };
    for (const Case& c : {Case{"gzip, deflate, br", "br", "brotli bytes"}, Case{"br;q=0, gzip", "gzip", "gzip bytes"},
                          Case{"gzip", "gzip", "gzip bytes"}, Case{"identity", "", bundle},
                          Case{"gzip;q=0, br;q=0", "", bundle}, Case{"*", "br", "brotli bytes"}}) {
        auto answer = get(script, c.accept);
        ASSERT_TRUE(answer);
        EXPECT_EQ(answer->status, 200) << c.accept;
        EXPECT_EQ(answer->get_header_value("Content-Encoding"), c.coding) << c.accept;
        // The copy as the build wrote it: the pipeline's dynamic gzip is not applied on top.
        EXPECT_EQ(answer->body, c.body) << c.accept;
        EXPECT_EQ(answer->get_header_value("Content-Type"), "text/javascript; charset=utf-8") << c.accept;
        EXPECT_EQ(answer->get_header_value_count("Vary"), 1u) << c.accept;
        EXPECT_EQ(answer->get_header_value("Vary"), "Accept-Encoding") << c.accept;
    }
    // Without any Accept-Encoding header the file goes as it is.
    auto bare = harness->client();
    bare.set_decompress(false);
    auto plain = bare.Get(script);
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->has_header("Content-Encoding"));
    EXPECT_EQ(plain->body, bundle);

    // A file with only a gzip copy: brotli-only clients get the file itself.
    auto css_br = get("/assets/styles-W4RSCSNG.css", "br");
    ASSERT_TRUE(css_br);
    EXPECT_FALSE(css_br->has_header("Content-Encoding"));
    EXPECT_EQ(css_br->body, "body{}");
    auto css_gzip = get("/assets/styles-W4RSCSNG.css", "gzip, br");
    ASSERT_TRUE(css_gzip);
    EXPECT_EQ(css_gzip->get_header_value("Content-Encoding"), "gzip");
    EXPECT_EQ(css_gzip->body, "gzipped css");

    // Only a brotli copy and a gzip-only client: the pipeline compresses as for any large script.
    auto dynamic = get("/assets/only-br-0A6F698F.js", "gzip");
    ASSERT_TRUE(dynamic);
    EXPECT_EQ(dynamic->get_header_value("Content-Encoding"), "gzip");
    EXPECT_EQ(gzip_decompress(dynamic->body, 1 << 20), bundle);
    EXPECT_EQ(dynamic->get_header_value_count("Vary"), 1u);

    // A copy that is a symlink leading outside the root is ignored.
    auto escape = get("/assets/escape-12345678.js", "gzip");
    ASSERT_TRUE(escape);
    EXPECT_EQ(gzip_decompress(escape->body, 1 << 20), bundle);
}

TEST_F(StaticFilesTest, EachCodingHasItsOwnETag) {
    const std::string script = "/assets/main-7GOREW6M.js";
    auto plain = get(script, "identity");
    auto brotli = get(script, "br");
    ASSERT_TRUE(plain && brotli);
    const std::string plain_etag = plain->get_header_value("ETag");
    const std::string brotli_etag = brotli->get_header_value("ETag");
    EXPECT_NE(plain_etag, brotli_etag);

    auto unchanged = get(script, "br", {{"If-None-Match", brotli_etag}});
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->status, 304);
    EXPECT_TRUE(unchanged->body.empty());
    // The brotli copy's tag does not validate the file a client without brotli would get.
    auto other = get(script, "identity", {{"If-None-Match", brotli_etag}});
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 200);
    EXPECT_EQ(other->body, bundle);
}

TEST_F(StaticFilesTest, ServesOnlyTheConsolesFiles) {
    auto client = harness->client();
    for (const char* path : {"/", "/app.js", "/assets/main-7GOREW6M.js", "/assets/styles-W4RSCSNG.css"}) {
        auto served = client.Get(path);
        ASSERT_TRUE(served);
        EXPECT_EQ(served->status, 200) << path;
    }
    // Precompressed copies only in a file's stead, never by name; sources, packages and developer
    // files never (the build holds none, but a web root given by hand might).
    for (const char* path : {"/assets/main-7GOREW6M.js.gz", "/assets/main-7GOREW6M.js.br", "/assets/notes.txt",
                             "/README.md", "/test/app.test.mjs", "/src/pages/home.js", "/node_modules/chart.js/dist/chart.umd.js",
                             "/vendor/chart.js/dist/chart.umd.js", "/assets/missing-00000000.js"}) {
        auto refused = client.Get(path);
        ASSERT_TRUE(refused);
        EXPECT_EQ(refused->status, 404) << path;
        EXPECT_EQ(refused->body.find("developers only"), std::string::npos) << path;
        EXPECT_EQ(refused->body.find("bytes"), std::string::npos) << path;
    }
}

TEST_F(StaticFilesTest, TraversalAndEscapesAre404) {
    for (const char* target : {"/../secret.txt", "/css/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                               "/css/..%2f..%2fsecret.txt", "/leak.txt", "/.env", "/%2eenv", "/css/%5c..%5capp.js",
                               "/assets/../../secret.txt", "/assets/%2e%2e/leak.txt", "/assets/..%2f..%2fapp.js"}) {
        const std::string response = raw_get(target);
        EXPECT_EQ(status_of(response), 404) << target;
        EXPECT_EQ(response.find("outside the root"), std::string::npos) << target;
        EXPECT_EQ(response.find("SECRET"), std::string::npos) << target;
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

TEST(StaticFilesOpen, RefusesWhatIsNotABuiltConsole) {
    EXPECT_FALSE(StaticFiles::open(StaticOptions{"/definitely/not/here"}));
    kl::test::TempDir dir;
    auto empty = StaticFiles::open(StaticOptions{dir.path()});  // never built: no index.html
    ASSERT_FALSE(empty);
    EXPECT_NE(empty.error().message.find("make web"), std::string::npos) << empty.error().message;

    write_file(dir.path() + "/index.html", "<!doctype html>");
    EXPECT_TRUE(StaticFiles::open(StaticOptions{dir.path()}));
    // web/ itself (its index.html is the template of the build's) instead of web/dist.
    write_file(dir.path() + "/package.json", R"({"name":"kashlink-console"})");
    auto sources = StaticFiles::open(StaticOptions{dir.path()});
    ASSERT_FALSE(sources);
    EXPECT_NE(sources.error().message.find("/dist"), std::string::npos) << sources.error().message;
}

TEST(HttpDate, RoundTrips) {
    EXPECT_EQ(http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
    EXPECT_FALSE(parse_http_date("yesterday").has_value());
}

}  // namespace
}  // namespace kl::http::test

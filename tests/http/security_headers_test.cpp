// Hardening defaults: the security headers on every kind of answer (routes, errors, refusals before
// any route, static files), a Content-Security-Policy that allows no inline script (and a console
// that has none), and /metrics behind an optional token.

#include "http/security_headers.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "http_harness.h"
#include "support/test_env.h"

namespace kl::http::test {
namespace {

// Every header of security_headers.h, as a raw answer spells it.
void expect_security_headers(const std::string& raw) {
    EXPECT_NE(raw.find("Content-Security-Policy: " + std::string(content_security_policy) + "\r\n"), std::string::npos) << raw;
    EXPECT_NE(raw.find("Referrer-Policy: no-referrer\r\n"), std::string::npos) << raw;
    EXPECT_NE(raw.find("X-Frame-Options: DENY\r\n"), std::string::npos) << raw;
    EXPECT_NE(raw.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos) << raw;
}

std::string raw_ask(uint16_t port, const std::string& request) {
    RawConnection connection(port);
    if (!connection.send(request)) return "";
    return connection.read_response().value_or("");
}

TEST(SecurityHeaders, PolicyForbidsFramingInlineScriptsAndOtherOrigins) {
    const std::string policy(content_security_policy);
    EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_NE(policy.find("default-src 'self'"), std::string::npos);
    EXPECT_NE(policy.find("connect-src 'self'"), std::string::npos);
    EXPECT_NE(policy.find("object-src 'none'"), std::string::npos);
    EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(policy.find("unsafe-eval"), std::string::npos);
}

TEST(SecurityHeaders, OnEveryKindOfAnswer) {
    kl::test::TempDir web;
    std::ofstream(web.file("index.html")) << "<!doctype html><title>Kashlink</title>";
    ServerOptions options = test_options();
    options.web_root = web.path();
    Harness harness(options);
    expect_security_headers(raw_ask(harness.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));        // a route
    expect_security_headers(raw_ask(harness.port(), "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n"));  // 404
    expect_security_headers(raw_ask(harness.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));                 // the console
    expect_security_headers(raw_ask(harness.port(), "GET /healthz HTTP/9.9\r\n\r\n"));                     // 400
    expect_security_headers(raw_ask(harness.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " +
                                                        std::string(header_bytes_max_default, 'b') + "\r\n\r\n"));  // 431

    // The canned refusal of a connection beyond connections_max (a server of its own, so that no
    // refused connection above still lingers in its only slot).
    ServerOptions one_slot = test_options();
    one_slot.connections_max = 1;
    one_slot.connections_reserved = 0;
    Harness full(one_slot);
    RawConnection first(full.port());
    ASSERT_TRUE(eventually([&] { return full.server->connections_open() == 1; }));
    RawConnection second(full.port());
    (void)second.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    if (auto refused = second.read_response()) expect_security_headers(*refused);
}

// The console has no inline script (web/build.mjs bundles everything into one file), so the policy
// allows scripts from files of this origin only: no hash, no nonce. Read web/index.html, the page's
// template, so that adding an inline script (an import map, an onclick) fails here, not in a browser.
TEST(SecurityHeaders, ConsoleHasNoInlineScriptAndThePolicyAllowsNone) {
    const std::string policy(content_security_policy);
    EXPECT_NE(policy.find("script-src 'self';"), std::string::npos) << policy;
    EXPECT_EQ(policy.find("'sha256-"), std::string::npos) << policy;
    EXPECT_EQ(policy.find("'nonce-"), std::string::npos) << policy;

    const auto index_path = std::filesystem::path(__FILE__).parent_path() / "../../web/index.html";
    std::ifstream file(index_path, std::ios::binary);
    ASSERT_TRUE(file) << index_path;
    std::stringstream text;
    text << file.rdbuf();
    const std::string html = text.str();
    size_t scripts = 0;
    for (size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) {
        const std::string tag = html.substr(at, html.find('>', at) - at);
        EXPECT_NE(tag.find(" src=\""), std::string::npos) << "an inline script: " << tag;
        ++scripts;
    }
    EXPECT_EQ(scripts, 2u) << "the console loads two scripts from files: early.js (its first requests) and its bundle";
    std::smatch handler;
    EXPECT_FALSE(std::regex_search(html, handler, std::regex(R"(\son[a-z]+\s*=)", std::regex::icase)))
        << "an inline event handler: " << handler.str();
}

// A server whose /metrics needs `token` (empty: open).
class MetricsServer {
public:
    explicit MetricsServer(const std::string& token) {
        add_system_routes(router, SystemRoutesDeps{nullptr, &metrics, nullptr, {}, token});
        server = std::make_unique<Server>(test_options(), ServerDeps{&router, nullptr, nullptr, &metrics, &clock});
        auto started = server->start();
        if (!started) throw std::runtime_error(started.error().message);
    }
    ~MetricsServer() { server->stop(); }
    httplib::Result get(const httplib::Headers& headers = {}) {
        httplib::Client client("127.0.0.1", server->port());
        return client.Get("/metrics", headers);
    }

    Router router;
    Metrics metrics;
    SystemClock clock;
    std::unique_ptr<Server> server;
};

TEST(MetricsToken, GuardsMetricsWhenSet) {
    MetricsServer guarded("scrape-secret-1");
    auto anonymous = guarded.get();
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401);
    EXPECT_EQ(anonymous->get_header_value("WWW-Authenticate"), "Bearer");
    EXPECT_EQ(anonymous->body.find("kashlink_"), std::string::npos);
    for (const char* wrong : {"Bearer scrape-secret-2", "Bearer scrape-secret-1x", "Bearer ", "Basic scrape-secret-1",
                              "scrape-secret-1"}) {
        auto refused = guarded.get({{"Authorization", wrong}});
        ASSERT_TRUE(refused);
        EXPECT_EQ(refused->status, 401) << wrong;
    }
    auto scraped = guarded.get({{"Authorization", "Bearer scrape-secret-1"}});
    ASSERT_TRUE(scraped);
    EXPECT_EQ(scraped->status, 200);
    EXPECT_NE(scraped->body.find("kashlink_"), std::string::npos);
}

TEST(MetricsToken, OpenWhenUnset) {
    MetricsServer open("");
    auto scraped = open.get();
    ASSERT_TRUE(scraped);
    EXPECT_EQ(scraped->status, 200);
}

}  // namespace
}  // namespace kl::http::test

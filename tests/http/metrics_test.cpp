#include "http/metrics.h"

#include <gtest/gtest.h>

#include "http_harness.h"

namespace kl::http::test {
namespace {

void add_item_route(Router& router) {
    router.add(make_route(Method::get, "/api/v1/items/{id}", Access::open, [](Request& request) {
        if (request.param("id") == "missing") return problem(404, "Not found", "no such item");
        Response response;
        response.body = "{}";
        return response;
    }));
}

TEST(Metrics, CountsRequestsByRoutePatternMethodAndStatus) {
    Harness harness(test_options(), add_item_route);
    auto client = harness.client();
    for (int i = 0; i < 3; ++i) ASSERT_EQ(client.Get("/api/v1/items/" + std::to_string(i))->status, 200);
    ASSERT_EQ(client.Get("/api/v1/items/missing")->status, 404);
    ASSERT_EQ(client.Get("/healthz")->status, 200);
    ASSERT_EQ(client.Get("/no/such/path")->status, 404);
    ASSERT_EQ(client.Post("/healthz", "", "text/plain")->status, 405);

    auto scraped = client.Get("/metrics");
    ASSERT_TRUE(scraped);
    EXPECT_EQ(scraped->status, 200);
    EXPECT_EQ(scraped->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    const std::string& text = scraped->body;
    // Labels are route patterns, never raw paths.
    EXPECT_NE(text.find("kashlink_http_requests_total{route=\"/api/v1/items/{id}\",method=\"GET\",status=\"200\"} 3\n"),
              std::string::npos);
    EXPECT_NE(text.find("kashlink_http_requests_total{route=\"/api/v1/items/{id}\",method=\"GET\",status=\"404\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("kashlink_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("kashlink_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("kashlink_http_requests_total{route=\"unmatched\",method=\"POST\",status=\"405\"} 1\n"),
              std::string::npos);
    EXPECT_EQ(text.find("/api/v1/items/1"), std::string::npos);
    EXPECT_NE(text.find("# TYPE kashlink_http_request_duration_seconds histogram"), std::string::npos);
    EXPECT_NE(text.find("kashlink_http_request_duration_seconds_bucket{route=\"/api/v1/items/{id}\",le=\"+Inf\"} 4\n"),
              std::string::npos);
    EXPECT_NE(text.find("kashlink_http_request_duration_seconds_count{route=\"/api/v1/items/{id}\"} 4\n"),
              std::string::npos);
    EXPECT_NE(text.find("kashlink_worker_queue_depth 0\n"), std::string::npos);
    // The scraping connection itself is open; earlier ones may or may not have been reaped yet.
    const std::string gauge = "\nkashlink_http_connections_open ";
    const size_t open_at = text.find(gauge);
    ASSERT_NE(open_at, std::string::npos);
    EXPECT_GE(std::stoll(text.substr(open_at + gauge.size())), 1);
}

TEST(Metrics, RecordingFromManyThreadsLosesNothing) {
    Router router;
    router.add(make_route(Method::get, "/a", Access::open, [](Request&) { return Response{}; }));
    Metrics metrics;
    metrics.bind_routes(router);
    const size_t slot = metrics.slot_for_route(0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 10000; ++i) metrics.record(slot, Method::get, 200 + (i % 20) + t, 100);
        });
    }
    for (auto& thread : threads) thread.join();
    uint64_t total = 0;
    for (int status = 200; status < 224; ++status) total += metrics.requests_total("/a", Method::get, status);
    // 23 distinct statuses exceed the 16 kept per (route, method): the rest are counted as "other".
    const std::string text = metrics.render(nullptr);
    const size_t other_at = text.find("route=\"/a\",method=\"GET\",status=\"other\"} ");
    ASSERT_NE(other_at, std::string::npos);
    const uint64_t other = std::stoull(text.substr(text.find("} ", other_at) + 2));
    EXPECT_EQ(total + other, 40000u);
    EXPECT_NE(text.find("kashlink_http_request_duration_seconds_count{route=\"/a\"} 40000\n"), std::string::npos);
}

}  // namespace
}  // namespace kl::http::test

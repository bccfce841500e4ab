// The server end to end over loopback: routing answers, JSON validation, auth, CSRF, gzip, HEAD,
// request ids, exceptions, keep-alive and pipelining.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/gzip.h"
#include "http/json_body.h"
#include "http_harness.h"

namespace kl::http::test {
namespace {

using nlohmann::json;

void add_test_routes(Router& router) {
    router.add(make_route(Method::post, "/api/v1/echo", Access::open, [](Request& request) {
        auto parsed = parse_json_object(request.body);
        if (!parsed) return error_response(parsed.error());
        FieldReader reader(*parsed);
        std::string name = reader.text("name", 1, 50);
        int64_t amount = reader.integer("amount_fen", 0, 1'000'000'000);
        reader.allow_only({"name", "amount_fen"});
        if (auto done = reader.finish(); !done) return error_response(done.error());
        return json_response(200, {{"name", name}, {"amount_fen", amount}});
    }));
    router.add(make_route(Method::get, "/api/v1/whoami", Access::authenticated, [](Request& request) {
        return json_response(200, {{"user_id", request.principal->user_id}, {"cookie", request.principal->via_cookie}});
    }));
    router.add(make_route(Method::post, "/api/v1/things", Access::authenticated, [](Request& request) {
        return json_response(201, {{"by", request.principal->user_id}});
    }));
    router.add(make_route(Method::get, "/api/v1/boom", Access::open, [](Request&) -> Response {
        throw std::runtime_error("handler bug");
    }));
    router.add(make_route(Method::get, "/api/v1/big", Access::open, [](Request&) {
        json items = json::array();
        for (int i = 0; i < 200; ++i) items.push_back({{"id", i}, {"county", "莎车县"}, {"amount_fen", i * 100}});
        return json_response(200, {{"items", items}});
    }));
    router.add(make_route(Method::get, "/api/v1/fast", Access::open,
                          [](Request&) { return json_response(200, {{"fast", true}}); }, false));
    Route item = make_route(Method::get, "/api/v1/items/{id}", Access::open, [](Request& request) {
        return json_response(200, {{"id", request.param("id")}, {"q", request.query_param("q").value_or("")}});
    });
    item.doc.query_params = {{"q", "a search"}};  // what the route takes (the pipeline refuses others)
    router.add(std::move(item));
}

class ServerTest : public ::testing::Test {
protected:
    ServerTest() : harness(test_options(), add_test_routes) {
        harness.auth.add("good-token", "user-1", "csrf-1");
    }
    static json body_of(const httplib::Result& result) { return json::parse(result->body); }
    Harness harness;
};

TEST_F(ServerTest, HealthzAnswersOk) {
    auto client = harness.client();
    auto result = client.Get("/healthz");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(body_of(result)["status"], "ok");
    EXPECT_EQ(body_of(result)["database"], "none");
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
}

TEST_F(ServerTest, UnknownPathIs404ProblemJson) {
    auto result = harness.client().Get("/api/v1/nothing-here");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 404);
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
    EXPECT_EQ(body_of(result)["status"], 404);
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
    auto result = harness.client().Delete("/healthz");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 405);
    EXPECT_EQ(result->get_header_value("Allow"), "GET, HEAD");
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
    EXPECT_EQ(body_of(result)["title"], "Method not allowed");
}

TEST_F(ServerTest, PathParametersAndQueryAreDecoded) {
    // Raw, so that the client library does not re-encode the target.
    RawConnection connection(harness.port());
    ASSERT_TRUE(connection.send("GET /api/v1/items/%E5%96%80%2F1?q=a+b%26c HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto response = connection.read_response();
    ASSERT_TRUE(response);
    ASSERT_EQ(status_of(*response), 200);
    json body = json::parse(response->substr(response->find("\r\n\r\n") + 4));
    EXPECT_EQ(body["id"], "喀/1");
    EXPECT_EQ(body["q"], "a b&c");
}

TEST_F(ServerTest, MalformedJsonNamesTheBody) {
    auto result = harness.client().Post("/api/v1/echo", "{\"name\": ", "application/json");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400);
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
    EXPECT_EQ(body_of(result)["errors"][0]["field"], "body");
}

TEST_F(ServerTest, WrongTypesNameEachField) {
    auto result = harness.client().Post("/api/v1/echo", R"({"name": 7, "amount_fen": 12.5})", "application/json");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400);
    auto errors = body_of(result)["errors"];
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0]["field"], "name");
    EXPECT_EQ(errors[1]["field"], "amount_fen");
    EXPECT_NE(errors[1]["message"].get<std::string>().find("not a decimal number"), std::string::npos);

    auto as_string = harness.client().Post("/api/v1/echo", R"({"name": "x", "amount_fen": "100"})", "application/json");
    ASSERT_TRUE(as_string);
    EXPECT_EQ(as_string->status, 400);
    EXPECT_NE(body_of(as_string)["errors"][0]["message"].get<std::string>().find("not a string"), std::string::npos);

    auto good = harness.client().Post("/api/v1/echo", R"({"name": "莎车", "amount_fen": 100})", "application/json");
    ASSERT_TRUE(good);
    EXPECT_EQ(good->status, 200);
    EXPECT_EQ(body_of(good)["name"], "莎车");
}

TEST_F(ServerTest, MissingOrForgedTokenIs401) {
    auto client = harness.client();
    auto missing = client.Get("/api/v1/whoami");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 401);
    EXPECT_EQ(missing->get_header_value("WWW-Authenticate"), "Bearer");
    EXPECT_EQ(missing->get_header_value("Content-Type"), "application/problem+json");

    auto forged = client.Get("/api/v1/whoami", {{"Authorization", "Bearer forged-token"}});
    ASSERT_TRUE(forged);
    EXPECT_EQ(forged->status, 401);

    auto malformed = client.Get("/api/v1/whoami", {{"Authorization", "Basic dXNlcjpwYXNz"}});
    ASSERT_TRUE(malformed);
    EXPECT_EQ(malformed->status, 401);

    auto bad_cookie = client.Get("/api/v1/whoami", {{"Cookie", "kl_session=nope"}});
    ASSERT_TRUE(bad_cookie);
    EXPECT_EQ(bad_cookie->status, 401);

    auto good = client.Get("/api/v1/whoami", {{"Authorization", "Bearer good-token"}});
    ASSERT_TRUE(good);
    EXPECT_EQ(good->status, 200);
    EXPECT_EQ(body_of(good)["user_id"], "user-1");
    EXPECT_EQ(body_of(good)["cookie"], false);
}

TEST_F(ServerTest, CookieWritesNeedTheCsrfTokenBearerWritesDoNot) {
    auto client = harness.client();
    auto read = client.Get("/api/v1/whoami", {{"Cookie", "kl_session=good-token"}});
    ASSERT_TRUE(read);
    EXPECT_EQ(read->status, 200);  // safe methods need no CSRF token
    EXPECT_EQ(body_of(read)["cookie"], true);

    auto without = client.Post("/api/v1/things", {{"Cookie", "kl_session=good-token"}}, "{}", "application/json");
    ASSERT_TRUE(without);
    EXPECT_EQ(without->status, 403);
    EXPECT_EQ(without->get_header_value("Content-Type"), "application/problem+json");

    auto wrong = client.Post("/api/v1/things", {{"Cookie", "kl_session=good-token"}, {"X-CSRF-Token", "csrf-2"}}, "{}",
                             "application/json");
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 403);

    auto right = client.Post("/api/v1/things", {{"Cookie", "kl_session=good-token"}, {"X-CSRF-Token", "csrf-1"}}, "{}",
                             "application/json");
    ASSERT_TRUE(right);
    EXPECT_EQ(right->status, 201);

    auto bearer = client.Post("/api/v1/things", {{"Authorization", "Bearer good-token"}}, "{}", "application/json");
    ASSERT_TRUE(bearer);
    EXPECT_EQ(bearer->status, 201);
}

TEST_F(ServerTest, HandlerExceptionIs500AndTheServerKeepsServing) {
    auto client = harness.client();
    for (int i = 0; i < 3; ++i) {
        auto result = client.Get("/api/v1/boom");
        ASSERT_TRUE(result);
        EXPECT_EQ(result->status, 500);
        EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
        EXPECT_EQ(result->body.find("handler bug"), std::string::npos);  // details stay in the log
        EXPECT_NE(result->body.find(result->get_header_value("X-Request-Id")), std::string::npos);
    }
    auto health = client.Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
}

TEST_F(ServerTest, RequestIdIsEchoedOrGenerated) {
    auto client = harness.client();
    auto given = client.Get("/healthz", {{"X-Request-Id", "trace-abc.123"}});
    ASSERT_TRUE(given);
    EXPECT_EQ(given->get_header_value("X-Request-Id"), "trace-abc.123");
    auto insane = client.Get("/healthz", {{"X-Request-Id", "bad id with spaces"}});
    ASSERT_TRUE(insane);
    EXPECT_NE(insane->get_header_value("X-Request-Id"), "bad id with spaces");
    EXPECT_FALSE(insane->get_header_value("X-Request-Id").empty());
    auto first = client.Get("/healthz");
    auto second = client.Get("/healthz");
    ASSERT_TRUE(first && second);
    EXPECT_NE(first->get_header_value("X-Request-Id"), second->get_header_value("X-Request-Id"));
}

TEST_F(ServerTest, GzipWhenAskedForLargeJsonOnly) {
    auto client = harness.client();
    client.set_decompress(false);
    auto plain = client.Get("/api/v1/big", {{"Accept-Encoding", "identity"}});
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->has_header("Content-Encoding"));
    EXPECT_EQ(plain->get_header_value("Vary"), "Accept-Encoding");
    ASSERT_GT(plain->body.size(), gzip_body_bytes_min);

    auto zipped = client.Get("/api/v1/big", {{"Accept-Encoding", "br;q=1, gzip;q=0.8"}});
    ASSERT_TRUE(zipped);
    EXPECT_EQ(zipped->status, 200);
    EXPECT_EQ(zipped->get_header_value("Content-Encoding"), "gzip");
    EXPECT_EQ(zipped->get_header_value("Vary"), "Accept-Encoding");
    EXPECT_LT(zipped->body.size(), plain->body.size());
    EXPECT_EQ(gzip_decompress(zipped->body, 1 << 24), plain->body);

    auto small = client.Get("/healthz", {{"Accept-Encoding", "gzip"}});
    ASSERT_TRUE(small);
    EXPECT_FALSE(small->has_header("Content-Encoding"));  // below the threshold
}

TEST_F(ServerTest, HeadIsGetWithoutBody) {
    RawConnection connection(harness.port());
    ASSERT_TRUE(connection.send("GET /api/v1/big HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto get = connection.read_response();
    ASSERT_TRUE(get);
    const size_t get_body = get->size() - get->find("\r\n\r\n") - 4;

    ASSERT_TRUE(connection.send("HEAD /api/v1/big HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto head = connection.read_headers();
    ASSERT_TRUE(head);
    EXPECT_EQ(status_of(*head), 200);
    EXPECT_NE(head->find("Content-Length: " + std::to_string(get_body) + "\r\n"), std::string::npos);

    // Had the HEAD answer carried a body, its bytes would be read here instead of this answer.
    ASSERT_TRUE(connection.send("GET /api/v1/fast HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto next = connection.read_response();
    ASSERT_TRUE(next);
    EXPECT_EQ(status_of(*next), 200);
    EXPECT_NE(next->find("\"fast\":true"), std::string::npos);
}

TEST_F(ServerTest, KeepAliveAndPipelinedRequestsAreAnsweredInOrder) {
    RawConnection connection(harness.port());
    ASSERT_TRUE(connection.send("GET /api/v1/items/1 HTTP/1.1\r\nHost: x\r\n\r\n"
                                "GET /api/v1/items/2 HTTP/1.1\r\nHost: x\r\n\r\n"
                                "GET /api/v1/fast HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto first = connection.read_response();
    auto second = connection.read_response();
    auto third = connection.read_response();
    ASSERT_TRUE(first && second && third);
    EXPECT_NE(first->find("\"id\":\"1\""), std::string::npos);
    EXPECT_NE(second->find("\"id\":\"2\""), std::string::npos);
    EXPECT_NE(third->find("\"fast\":true"), std::string::npos);
    ASSERT_TRUE(connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    auto last = connection.read_response();
    ASSERT_TRUE(last);
    EXPECT_EQ(status_of(*last), 200);
    EXPECT_TRUE(connection.wait_closed());
}

TEST_F(ServerTest, MalformedRequestLineIs400AndClosed) {
    RawConnection connection(harness.port());
    ASSERT_TRUE(connection.send("GET /healthz HTTP/9.9\r\n\r\n"));
    auto response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(status_of(*response), 400);
    EXPECT_TRUE(connection.wait_closed());

    RawConnection absolute(harness.port());
    ASSERT_TRUE(absolute.send("GET http://evil.example/healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto refused = absolute.read_response();
    ASSERT_TRUE(refused);
    EXPECT_EQ(status_of(*refused), 400);
}

}  // namespace
}  // namespace kl::http::test

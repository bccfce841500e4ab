#include "http/message.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/pipeline.h"
#include "http/text.h"

namespace kl::http {
namespace {

TEST(StatusFor, MapsEveryErrorCode) {
    EXPECT_EQ(status_for(ErrorCode::invalid_argument), 400);
    EXPECT_EQ(status_for(ErrorCode::unauthenticated), 401);
    EXPECT_EQ(status_for(ErrorCode::permission_denied), 403);
    EXPECT_EQ(status_for(ErrorCode::not_found), 404);
    EXPECT_EQ(status_for(ErrorCode::already_exists), 409);
    EXPECT_EQ(status_for(ErrorCode::conflict), 409);
    EXPECT_EQ(status_for(ErrorCode::failed_precondition), 422);
    EXPECT_EQ(status_for(ErrorCode::resource_exhausted), 429);
    EXPECT_EQ(status_for(ErrorCode::unavailable), 503);
    EXPECT_EQ(status_for(ErrorCode::internal), 500);
}

TEST(ErrorResponse, IsProblemJsonNamingFields) {
    Error error = Error::invalid("amount_fen", "must be an integer");
    Response response = error_response(error);
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(response.content_type, "application/problem+json");
    auto body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["status"], 400);
    EXPECT_EQ(body["type"], "about:blank");
    EXPECT_EQ(body["errors"][0]["field"], "amount_fen");
    EXPECT_EQ(body["errors"][0]["message"], "must be an integer");
}

TEST(ErrorResponse, UnavailableAsksToRetryAndInternalHidesItsMessage) {
    Response busy = error_response(make_error(ErrorCode::unavailable, "database is locked"));
    EXPECT_EQ(busy.status, 503);
    bool retry_after = false;
    for (const auto& [name, value] : busy.headers) retry_after |= name == "Retry-After" && value == "1";
    EXPECT_TRUE(retry_after);

    Response internal = error_response(make_error(ErrorCode::internal, "SELECT secret FROM t failed"));
    EXPECT_EQ(internal.status, 500);
    EXPECT_EQ(internal.body.find("secret"), std::string::npos);
}

TEST(Request, ReadsCookies) {
    Request request;
    request.headers["cookie"] = "a=1; kl_session=tok-123 ; kl_csrf=\"q\"";
    EXPECT_EQ(request.cookie("kl_session"), "tok-123");
    EXPECT_EQ(request.cookie("kl_csrf"), "q");
    EXPECT_FALSE(request.cookie("kl").has_value());
}

TEST(ParseTarget, DecodesPathAndQuery) {
    Request request;
    ASSERT_TRUE(parse_target("/api/v1/x%20y?limit=10&q=%E5%96%80+a&flag", request));
    EXPECT_EQ(request.path, "/api/v1/x y");
    EXPECT_EQ(request.query_param("limit"), "10");
    EXPECT_EQ(request.query_param("q"), "喀 a");
    EXPECT_EQ(request.query_param("flag"), "");
    EXPECT_FALSE(parse_target("http://example.com/", request));
    EXPECT_FALSE(parse_target("/a%zz", request));
    EXPECT_FALSE(parse_target("/a?x=%ff", request));
}

TEST(RedactTarget, HidesSecretLookingQueryValues) {
    EXPECT_EQ(redact_target("/a?limit=5&token=abc&api_key=k&Password=p"),
              "/a?limit=5&token=REDACTED&api_key=REDACTED&Password=REDACTED");
    EXPECT_EQ(redact_target("/plain"), "/plain");
}

}  // namespace
}  // namespace kl::http

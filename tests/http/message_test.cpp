#include "http/message.h"

#include <set>
#include <type_traits>

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
    Error error = Error::invalid("amount_fen", ProblemCode::not_integer, "must be an integer");
    Response response = error_response(error);
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(response.content_type, "application/problem+json");
    auto body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["status"], 400);
    EXPECT_EQ(body["type"], "about:blank");
    EXPECT_EQ(body["errors"][0]["field"], "amount_fen");
    EXPECT_EQ(body["errors"][0]["message"], "must be an integer");
    EXPECT_EQ(body["errors"][0]["code"], "not_integer");
    EXPECT_EQ(body["code"], "invalid_request");
}

// The stable codes a client writes its sentences from: the problem's own and each field error's,
// with parameters that stay JSON numbers (amounts in fen) or texts.
TEST(ErrorResponse, CarriesCodesAndParams) {
    Error error{ErrorCode::failed_precondition, "budget_fen: exceeds what County shache quota holds", {}};
    error.fields.emplace_back("budget_fen", ProblemCode::quota_exceeded, "exceeds what County shache quota holds",
                              ProblemParams{{"county", "shache"}, {"amount_fen", int64_t{274'500'000}}});
    error.problem = ProblemCode::quota_exceeded;
    error.params = error.fields[0].params;
    auto body = nlohmann::json::parse(error_response(error).body);
    EXPECT_EQ(body["status"], 422);
    EXPECT_EQ(body["code"], "quota_exceeded");
    EXPECT_EQ(body["params"]["county"], "shache");
    EXPECT_EQ(body["errors"][0]["code"], "quota_exceeded");
    EXPECT_TRUE(body["errors"][0]["params"]["amount_fen"].is_number_integer());
    EXPECT_EQ(body["errors"][0]["params"]["amount_fen"], 274'500'000);

    auto refusal = nlohmann::json::parse(
        error_response(Error::refusal(ErrorCode::conflict, ProblemCode::wrong_state, "only an approved request is paid",
                                      {{"record", "payment_request"}, {"status", "submitted"}}))
            .body);
    EXPECT_EQ(refusal["status"], 409);
    EXPECT_EQ(refusal["code"], "wrong_state");
    EXPECT_EQ(refusal["params"]["status"], "submitted");
    EXPECT_FALSE(refusal.contains("errors"));

    // A refusal whose producer named no code carries its kind's.
    auto plain = nlohmann::json::parse(error_response(make_error(ErrorCode::not_found, "no order x")).body);
    EXPECT_EQ(plain["code"], "not_found");
    EXPECT_TRUE(plain["params"].is_object());
}

// The table is the documentation: every code has a name, a meaning and its place (to_string reads it
// by index), and no two codes share a name.
TEST(ProblemCodes, EveryCodeIsNamedAndDocumentedOnce) {
    std::set<std::string_view> names;
    for (size_t index = 0; index < problem_code_count; ++index) {
        const auto& info = problem_codes()[index];
        EXPECT_EQ(static_cast<size_t>(info.code), index);
        EXPECT_FALSE(info.name.empty());
        EXPECT_FALSE(info.meaning.empty()) << info.name;
        EXPECT_EQ(to_string(info.code), info.name);
        EXPECT_TRUE(names.insert(info.name).second) << info.name << " twice";
    }
    // A field error cannot be built without a code: FieldError has no constructor without one.
    static_assert(!std::is_constructible_v<FieldError, std::string, std::string>);
    static_assert(!std::is_default_constructible_v<FieldError>);
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

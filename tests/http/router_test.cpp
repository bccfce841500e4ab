#include "http/router.h"

#include <gtest/gtest.h>

namespace kl::http {
namespace {

Route route(Method method, const std::string& pattern, const std::string& tag) {
    Route r;
    r.method = method;
    r.pattern = pattern;
    r.access = Access::open;
    r.doc.tag = tag;
    r.handler = [](Request&) { return Response{}; };
    return r;
}

class RouterTest : public ::testing::Test {
protected:
    void SetUp() override {
        router.add(route(Method::get, "/", "root"));
        router.add(route(Method::get, "/api/v1/users", "list"));
        router.add(route(Method::post, "/api/v1/users", "create"));
        router.add(route(Method::get, "/api/v1/users/me", "me"));
        router.add(route(Method::get, "/api/v1/users/{id}", "get"));
        router.add(route(Method::del, "/api/v1/users/{id}", "delete"));
        router.add(route(Method::get, "/api/v1/users/{user_id}/sessions/{session_id}", "session"));
    }
    Router router;
};

// A parameter with a literal ending ("{code}.svg") matches only segments with that ending, longer
// than it; the segment without it is left unmatched (the console's /t/<code> page).
TEST(RouterSuffixedParameter, MatchesOnlyItsEndingAndStripsIt) {
    Router router;
    router.add(route(Method::get, "/t/{code}.svg", "svg"));
    router.add(route(Method::get, "/t/{code}.png", "png"));
    router.add(route(Method::get, "/t/latest.svg", "literal"));
    auto svg = router.match(Method::get, "/t/ABCD-1.svg");
    ASSERT_EQ(svg.outcome, MatchOutcome::found);
    EXPECT_EQ(svg.route->doc.tag, "svg");
    EXPECT_EQ(svg.params.at("code"), "ABCD-1");
    auto png = router.match(Method::get, "/t/x.png");
    ASSERT_EQ(png.outcome, MatchOutcome::found);
    EXPECT_EQ(png.params.at("code"), "x");
    EXPECT_EQ(router.match(Method::get, "/t/latest.svg").route->doc.tag, "literal");
    EXPECT_EQ(router.match(Method::get, "/t/ABCD-1").outcome, MatchOutcome::not_found);
    EXPECT_EQ(router.match(Method::get, "/t/.svg").outcome, MatchOutcome::not_found);
    EXPECT_EQ(router.match(Method::get, "/t/a.gif").outcome, MatchOutcome::not_found);
    EXPECT_EQ(router.match(Method::post, "/t/a.svg").outcome, MatchOutcome::method_not_allowed);
}

TEST_F(RouterTest, MatchesLiteralsAndParameters) {
    auto list = router.match(Method::get, "/api/v1/users");
    ASSERT_EQ(list.outcome, MatchOutcome::found);
    EXPECT_EQ(list.route->doc.tag, "list");

    auto one = router.match(Method::get, "/api/v1/users/u-42");
    ASSERT_EQ(one.outcome, MatchOutcome::found);
    EXPECT_EQ(one.route->doc.tag, "get");
    EXPECT_EQ(one.params.at("id"), "u-42");

    auto nested = router.match(Method::get, "/api/v1/users/a/sessions/b");
    ASSERT_EQ(nested.outcome, MatchOutcome::found);
    EXPECT_EQ(nested.params.at("user_id"), "a");
    EXPECT_EQ(nested.params.at("session_id"), "b");

    auto root = router.match(Method::get, "/");
    ASSERT_EQ(root.outcome, MatchOutcome::found);
    EXPECT_EQ(root.route->doc.tag, "root");
}

TEST_F(RouterTest, LiteralBeatsParameterButParameterStillServesOtherMethods) {
    auto me = router.match(Method::get, "/api/v1/users/me");
    ASSERT_EQ(me.outcome, MatchOutcome::found);
    EXPECT_EQ(me.route->doc.tag, "me");
    // "me" has no DELETE of its own: the parameter route takes it.
    auto del = router.match(Method::del, "/api/v1/users/me");
    ASSERT_EQ(del.outcome, MatchOutcome::found);
    EXPECT_EQ(del.route->doc.tag, "delete");
    EXPECT_EQ(del.params.at("id"), "me");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
    EXPECT_EQ(router.match(Method::get, "/api/v1/nothing").outcome, MatchOutcome::not_found);
    EXPECT_EQ(router.match(Method::get, "/api/v1/users/a/b").outcome, MatchOutcome::not_found);
    EXPECT_EQ(router.match(Method::get, "/api/v1/users/").outcome, MatchOutcome::not_found);
    EXPECT_EQ(router.match(Method::get, "/api/v1//users").outcome, MatchOutcome::not_found);
    EXPECT_EQ(router.match(Method::get, "api/v1/users").outcome, MatchOutcome::not_found);
}

TEST_F(RouterTest, KnownPathWithOtherMethodIsMethodNotAllowedWithAllowList) {
    auto match = router.match(Method::put, "/api/v1/users");
    ASSERT_EQ(match.outcome, MatchOutcome::method_not_allowed);
    EXPECT_EQ(match.allowed, (std::vector<Method>{Method::get, Method::head, Method::post}));

    auto other = router.match(Method::other, "/api/v1/users/x");
    ASSERT_EQ(other.outcome, MatchOutcome::method_not_allowed);
}

TEST_F(RouterTest, HeadUsesTheGetRoute) {
    auto head = router.match(Method::head, "/api/v1/users/x");
    ASSERT_EQ(head.outcome, MatchOutcome::found);
    EXPECT_EQ(head.route->doc.tag, "get");
}

TEST_F(RouterTest, SegmentsArePercentDecodedOneByOne) {
    auto encoded = router.match(Method::get, "/api/v1/users/%E5%96%80%20a%2Fb");
    ASSERT_EQ(encoded.outcome, MatchOutcome::found);
    // An encoded slash stays inside its segment instead of making a new one.
    EXPECT_EQ(encoded.params.at("id"), "喀 a/b");
    auto literal = router.match(Method::get, "/api/v1/%75sers");
    ASSERT_EQ(literal.outcome, MatchOutcome::found);
    EXPECT_EQ(literal.route->doc.tag, "list");
}

TEST_F(RouterTest, MalformedEscapesAreNotFound) {
    EXPECT_EQ(router.match(Method::get, "/api/v1/users/%zz").outcome, MatchOutcome::not_found);
    EXPECT_EQ(router.match(Method::get, "/api/v1/users/%4").outcome, MatchOutcome::not_found);
    EXPECT_EQ(router.match(Method::get, "/api/v1/users/%00").outcome, MatchOutcome::not_found);
    EXPECT_EQ(router.match(Method::get, "/api/v1/users/%ff").outcome, MatchOutcome::not_found);
}

TEST_F(RouterTest, IndexesFollowRegistrationOrder) {
    for (size_t i = 0; i < router.routes().size(); ++i) EXPECT_EQ(router.routes()[i]->index, i);
}

TEST(RouterDeathTest, DuplicateRouteIsABug) {
    Router router;
    router.add(route(Method::get, "/a/{x}", "first"));
    EXPECT_DEATH(router.add(route(Method::get, "/a/{y}", "second")), "assertion failed");
}

TEST(RouterDeathTest, MalformedPatternIsABug) {
    Router router;
    EXPECT_DEATH(router.add(route(Method::get, "/a/{Bad-Name}", "x")), "assertion failed");
    EXPECT_DEATH(router.add(route(Method::get, "no-slash", "x")), "assertion failed");
}

TEST(SplitPath, SplitsOnSlashes) {
    EXPECT_TRUE(split_path("/").empty());
    EXPECT_EQ(split_path("/a/b"), (std::vector<std::string_view>{"a", "b"}));
    EXPECT_EQ(split_path("/a/"), (std::vector<std::string_view>{"a", ""}));
}

}  // namespace
}  // namespace kl::http

// Idempotency-Key over a real SQLite store (a key names one request: target and body content), SQL
// metacharacters kept verbatim, routes without a body refusing one, the database check of /healthz,
// and the DB figures of /metrics.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/json_body.h"
#include "http_harness.h"
#include "store/store.h"
#include "support/test_env.h"

namespace kl::http::test {
namespace {

using nlohmann::json;

std::unique_ptr<store::Store> open_sqlite(const kl::test::TempDir& dir) {
    store::StoreOptions options;
    options.url = dir.file("http.sqlite");
    auto opened = store::open_store(options);
    if (!opened) throw std::runtime_error("open_store: " + opened.error().message);
    auto created = (*opened)->write([](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("CREATE TABLE test_notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL, author TEXT NOT NULL)"));
        return ok();
    });
    if (!created) throw std::runtime_error("create table: " + created.error().message);
    return std::move(*opened);
}

class IdempotencyTest : public ::testing::Test {
protected:
    IdempotencyTest()
        : store(open_sqlite(dir)), harness(test_options(), [this](Router& router) { add_routes(router); }, store.get()) {
        harness.auth.add("token-a", "user-a", "csrf-a");
        harness.auth.add("token-b", "user-b", "csrf-b");
    }

    void add_routes(Router& router) {
        Route create = make_route(Method::post, "/api/v1/notes", Access::authenticated, [this](Request& request) {
            return create_note(request, false);
        });
        create.doc.idempotency_key = true;
        router.add(std::move(create));
        Route flaky = make_route(Method::post, "/api/v1/flaky-notes", Access::authenticated, [this](Request& request) {
            return create_note(request, ++flaky_calls == 1);
        });
        flaky.doc.idempotency_key = true;
        router.add(std::move(flaky));
        Route in_folder = make_route(Method::post, "/api/v1/folders/{id}/notes", Access::authenticated,
                                     [this](Request& request) { return create_note(request, false); });
        in_folder.doc.idempotency_key = true;
        in_folder.doc.query_params = {{"a", "a parameter"}, {"b", "another"}};  // the query is part of the target
        router.add(std::move(in_folder));
        Route bodiless = make_route(Method::post, "/api/v1/bells", Access::authenticated, [this](Request&) {
            ++handler_runs;
            return json_response(200, {{"rang", true}});
        });
        bodiless.doc.request_schema.clear();  // documented as taking no body
        router.add(std::move(bodiless));
        router.add(make_route(Method::get, "/api/v1/notes/{id}", Access::authenticated, [this](Request& request) {
            std::string text;
            auto found = store->read([&](store::Tx& tx) -> Result<void> {
                KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT text FROM test_notes WHERE id = $1",
                                                         {static_cast<int64_t>(std::stoll(request.param("id")))}));
                if (rows.empty()) return fail(ErrorCode::not_found, "no such note");
                text = rows[0].text(0);
                return ok();
            });
            if (!found) return error_response(found.error());
            return json_response(200, {{"text", text}});
        }));
    }

    // Writes a note; when `fail_after_write`, answers 500 after writing (the write must not stay).
    Response create_note(Request& request, bool fail_after_write) {
        auto parsed = parse_json_object(request.body);
        if (!parsed) return error_response(parsed.error());
        FieldReader reader(*parsed);
        std::string text = reader.text("text", 1, 500);
        if (auto done = reader.finish(); !done) return error_response(done.error());
        ++handler_runs;
        int64_t id = 0;
        auto written = store->write([&](store::Tx& tx) -> Result<void> {
            KL_TRY_ASSIGN(store::Rows rows,
                          tx.query("INSERT INTO test_notes (text, author) VALUES ($1, $2) RETURNING id",
                                   {text, request.principal->user_id}));
            id = rows[0].i64(0);
            return ok();
        });
        if (!written) return error_response(written.error());
        if (fail_after_write) return problem(500, "Internal error", "failing on purpose after a write");
        return json_response(201, {{"id", id}, {"text", text}});
    }

    int64_t note_count() {
        int64_t count = -1;
        auto read = store->read([&](store::Tx& tx) -> Result<void> {
            KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*) FROM test_notes"));
            count = rows[0].i64(0);
            return ok();
        });
        EXPECT_TRUE(read);
        return count;
    }

    httplib::Result post(const std::string& path, const std::string& token, const std::string& body,
                         const std::string& key = "") {
        httplib::Headers headers = {{"Authorization", "Bearer " + token}};
        if (!key.empty()) headers.emplace("Idempotency-Key", key);
        return harness.client().Post(path, headers, body, "application/json");
    }

    kl::test::TempDir dir;
    std::unique_ptr<store::Store> store;
    std::atomic<int> handler_runs{0};
    std::atomic<int> flaky_calls{0};
    Harness harness;
};

TEST_F(IdempotencyTest, SameKeySameBodyReplaysTheFirstAnswer) {
    auto first = post("/api/v1/notes", "token-a", R"({"text":"first"})", "key-1");
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 201);
    EXPECT_FALSE(first->has_header("Idempotent-Replayed"));

    auto again = post("/api/v1/notes", "token-a", R"({"text":"first"})", "key-1");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 201);
    EXPECT_EQ(again->body, first->body);
    EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
    EXPECT_EQ(again->get_header_value("Content-Type"), "application/json");

    EXPECT_EQ(handler_runs.load(), 1);
    EXPECT_EQ(note_count(), 1);
}

TEST_F(IdempotencyTest, SameKeyOtherBodyIs409AndChangesNothing) {
    ASSERT_EQ(post("/api/v1/notes", "token-a", R"({"text":"first"})", "key-2")->status, 201);
    auto other = post("/api/v1/notes", "token-a", R"({"text":"second"})", "key-2");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 409);
    EXPECT_EQ(other->get_header_value("Content-Type"), "application/problem+json");
    EXPECT_EQ(json::parse(other->body)["errors"][0]["field"], "Idempotency-Key");
    EXPECT_EQ(handler_runs.load(), 1);
    EXPECT_EQ(note_count(), 1);
}

TEST_F(IdempotencyTest, KeysAreScopedPerUser) {
    ASSERT_EQ(post("/api/v1/notes", "token-a", R"({"text":"a"})", "shared-key")->status, 201);
    auto other_user = post("/api/v1/notes", "token-b", R"({"text":"a"})", "shared-key");
    ASSERT_TRUE(other_user);
    EXPECT_EQ(other_user->status, 201);
    EXPECT_FALSE(other_user->has_header("Idempotent-Replayed"));
    EXPECT_EQ(note_count(), 2);
}

TEST_F(IdempotencyTest, WithoutKeyEveryPostRuns) {
    ASSERT_EQ(post("/api/v1/notes", "token-a", R"({"text":"x"})")->status, 201);
    ASSERT_EQ(post("/api/v1/notes", "token-a", R"({"text":"x"})")->status, 201);
    EXPECT_EQ(note_count(), 2);
}

TEST_F(IdempotencyTest, MalformedKeyIs400NamingTheHeaderAndWritesNothing) {
    for (const std::string& key : {std::string(256, 'k'), std::string("has space"), std::string("tab\there")}) {
        auto refused = post("/api/v1/notes", "token-a", R"({"text":"x"})", key);
        ASSERT_TRUE(refused);
        EXPECT_EQ(refused->status, 400) << key;
        EXPECT_EQ(json::parse(refused->body)["errors"][0]["field"], "Idempotency-Key");
    }
    EXPECT_EQ(handler_runs.load(), 0);
    EXPECT_EQ(note_count(), 0);
    auto longest = post("/api/v1/notes", "token-a", R"({"text":"x"})", std::string(255, 'k'));
    ASSERT_TRUE(longest);
    EXPECT_EQ(longest->status, 201);
}

TEST_F(IdempotencyTest, ServerErrorIsNotRememberedAndItsWritesRollBack) {
    auto failed = post("/api/v1/flaky-notes", "token-a", R"({"text":"retry me"})", "key-flaky");
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->status, 500);
    EXPECT_EQ(note_count(), 0);  // the handler's write went with the rolled-back transaction

    auto retried = post("/api/v1/flaky-notes", "token-a", R"({"text":"retry me"})", "key-flaky");
    ASSERT_TRUE(retried);
    EXPECT_EQ(retried->status, 201);
    EXPECT_FALSE(retried->has_header("Idempotent-Replayed"));
    EXPECT_EQ(note_count(), 1);
}

TEST_F(IdempotencyTest, ValidationErrorsAreRememberedLikeAnyAnswer) {
    auto bad = post("/api/v1/notes", "token-a", R"({"text":""})", "key-bad");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    auto again = post("/api/v1/notes", "token-a", R"({"text":""})", "key-bad");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 400);
    EXPECT_EQ(again->get_header_value("Idempotent-Replayed"), "true");
    EXPECT_EQ(note_count(), 0);
}

TEST_F(IdempotencyTest, SqlMetacharactersAreStoredAndReturnedVerbatim) {
    const std::vector<std::string> texts = {
        "Robert'); DROP TABLE test_notes;--",
        "' OR '1'='1",
        "50% off_sale \\ \" ; $1 ? :name @p",
        "喀什'; DELETE FROM idempotency_keys; --",
    };
    for (const auto& text : texts) {
        auto created = post("/api/v1/notes", "token-a", json{{"text", text}}.dump(), "");
        ASSERT_TRUE(created);
        ASSERT_EQ(created->status, 201) << created->body;
        const auto id = json::parse(created->body)["id"].get<int64_t>();
        auto read = harness.client().Get("/api/v1/notes/" + std::to_string(id), {{"Authorization", "Bearer token-a"}});
        ASSERT_TRUE(read);
        ASSERT_EQ(read->status, 200);
        EXPECT_EQ(json::parse(read->body)["text"], text);
    }
    EXPECT_EQ(note_count(), static_cast<int64_t>(texts.size()));
}

TEST_F(IdempotencyTest, HealthzChecksTheDatabaseAndMetricsShowIt) {
    auto health = harness.client().Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    EXPECT_EQ(json::parse(health->body)["database"], "ok");

    ASSERT_EQ(post("/api/v1/notes", "token-a", R"({"text":"counted"})", "key-m")->status, 201);
    auto metrics = harness.client().Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_NE(metrics->body.find("kashlink_db_commits_total "), std::string::npos);
    EXPECT_NE(metrics->body.find("kashlink_db_write_jobs_total "), std::string::npos);
    EXPECT_NE(metrics->body.find("kashlink_db_pool_connections{state=\"in_use\"}"), std::string::npos);
    EXPECT_NE(metrics->body.find("kashlink_db_pool_connections{state=\"idle\"}"), std::string::npos);
    EXPECT_NE(metrics->body.find("kashlink_db_wal_checkpoints_total{by=\"background\"}"), std::string::npos);
    EXPECT_EQ(metrics->body.find("kashlink_db_commits_total 0\n"), std::string::npos);
}

TEST_F(IdempotencyTest, KeyReusedOnAnotherPathIs409AndRunsNothing) {
    ASSERT_EQ(post("/api/v1/folders/A/notes", "token-a", R"({"text":"x"})", "key-path")->status, 201);
    auto other = post("/api/v1/folders/B/notes", "token-a", R"({"text":"x"})", "key-path");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 409);
    const json problem = json::parse(other->body);
    EXPECT_EQ(problem["errors"][0]["field"], "Idempotency-Key");
    EXPECT_NE(problem["errors"][0]["message"].get<std::string>().find("target"), std::string::npos) << other->body;
    // Another route altogether is another target as well: a key names one request of its user.
    auto elsewhere = post("/api/v1/notes", "token-a", R"({"text":"x"})", "key-path");
    ASSERT_TRUE(elsewhere);
    EXPECT_EQ(elsewhere->status, 409);
    EXPECT_EQ(handler_runs.load(), 1);
    EXPECT_EQ(note_count(), 1);
}

TEST_F(IdempotencyTest, OneTargetWhateverTheQueryOrderOrEscapes) {
    auto first = post("/api/v1/folders/f%2D1/notes?b=2&a=1", "token-a", R"({"text":"q"})", "key-query");
    ASSERT_TRUE(first);
    ASSERT_EQ(first->status, 201);
    auto same = post("/api/v1/folders/f-1/notes?a=%31&b=2", "token-a", R"({"text":"q"})", "key-query");
    ASSERT_TRUE(same);
    EXPECT_EQ(same->status, 201);
    EXPECT_EQ(same->get_header_value("Idempotent-Replayed"), "true");
    auto other_value = post("/api/v1/folders/f-1/notes?a=1&b=3", "token-a", R"({"text":"q"})", "key-query");
    ASSERT_TRUE(other_value);
    EXPECT_EQ(other_value->status, 409);
    // An escaped "/" stays inside its segment: another target than two segments.
    auto slash = post("/api/v1/folders/a%2Fb/notes", "token-a", R"({"text":"s"})", "key-slash");
    ASSERT_TRUE(slash);
    ASSERT_EQ(slash->status, 201);
    EXPECT_EQ(handler_runs.load(), 2);
}

TEST_F(IdempotencyTest, JsonBodiesCompareByContent) {
    auto first = post("/api/v1/notes", "token-a", R"({"text":"same","n":1})", "key-json");
    ASSERT_TRUE(first);
    ASSERT_EQ(first->status, 201);
    // Other key order, other whitespace, an escaped letter: the same content, so the same request.
    auto respelled = post("/api/v1/notes", "token-a", "{\n  \"n\" : 1 ,\"text\":\"s\\u0061me\"}", "key-json");
    ASSERT_TRUE(respelled);
    EXPECT_EQ(respelled->status, 201);
    EXPECT_EQ(respelled->body, first->body);
    EXPECT_EQ(respelled->get_header_value("Idempotent-Replayed"), "true");
    auto other = post("/api/v1/notes", "token-a", R"({"text":"same","n":2})", "key-json");
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 409);
    EXPECT_NE(json::parse(other->body)["errors"][0]["message"].get<std::string>().find("body"), std::string::npos);
    // A body that is not JSON is compared byte for byte.
    ASSERT_EQ(post("/api/v1/notes", "token-a", "not json", "key-raw")->status, 400);
    EXPECT_EQ(post("/api/v1/notes", "token-a", "not json", "key-raw")->get_header_value("Idempotent-Replayed"), "true");
    EXPECT_EQ(post("/api/v1/notes", "token-a", "not  json", "key-raw")->status, 409);
    EXPECT_EQ(handler_runs.load(), 1);
    EXPECT_EQ(note_count(), 1);
}

// Keys recorded before targets were compared ("<user> POST <pattern>", a hash of the raw body) may
// belong to another target of the same route: they never replay and never run the request again.
TEST_F(IdempotencyTest, AKeyRecordedByTheEarlierSchemeIs409NeverAReplay) {
    auto seeded = store->write([](store::Tx& tx) -> Result<void> {
        KL_TRY(tx.execute("INSERT INTO idempotency_keys (scope, key, request_hash, status, content_type, body, "
                          "created_at_ms) VALUES ($1, $2, $3, 201, 'application/json', '{\"id\":99}', 1)",
                          {std::string("user-a POST /api/v1/folders/{id}/notes"), std::string("key-old"),
                           std::string(64, 'a')}));
        return ok();
    });
    ASSERT_TRUE(seeded) << seeded.error().message;
    auto retried = post("/api/v1/folders/B/notes", "token-a", R"({"text":"x"})", "key-old");
    ASSERT_TRUE(retried);
    EXPECT_EQ(retried->status, 409);
    EXPECT_EQ(json::parse(retried->body)["errors"][0]["field"], "Idempotency-Key");
    EXPECT_EQ(handler_runs.load(), 0);
    // Another user's or another route's old keys are not this one's.
    EXPECT_EQ(post("/api/v1/folders/B/notes", "token-b", R"({"text":"x"})", "key-old")->status, 201);
    EXPECT_EQ(post("/api/v1/notes", "token-a", R"({"text":"x"})", "key-old")->status, 201);
}

TEST_F(IdempotencyTest, ARouteDocumentedWithoutABodyRefusesOneNamingBody) {
    for (const std::string body : {"x", "{\"dry_run\":true}", "{}x", "[]", "{ \"a\" }"}) {
        auto refused = post("/api/v1/bells", "token-a", body);
        ASSERT_TRUE(refused);
        EXPECT_EQ(refused->status, 400) << body;
        EXPECT_EQ(json::parse(refused->body)["errors"][0]["field"], "body") << body;
    }
    EXPECT_EQ(handler_runs.load(), 0);
    for (const std::string body : {"", " \r\n\t", "{}", " {\n} "}) {
        auto rang = post("/api/v1/bells", "token-a", body);
        ASSERT_TRUE(rang);
        EXPECT_EQ(rang->status, 200) << body;
    }
    EXPECT_EQ(handler_runs.load(), 4);
    // Authentication comes first: an anonymous caller learns nothing about the route's body.
    auto anonymous = harness.client().Post("/api/v1/bells", "x", "application/json");
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401);
}

// A store whose every read fails, as a locked or vanished database would.
class UnavailableStore final : public store::Store {
public:
    store::Backend backend() const override { return store::Backend::sqlite; }
    Result<std::unique_ptr<store::Tx>> begin(store::TxMode) override { return down(); }
    Result<void> write_job(store::WriteJob) override { return down(); }
    Result<void> read_job(store::ReadJob) override { return down(); }
    store::StoreStats stats() const override { return {}; }

private:
    static Unexpected down() { return fail(ErrorCode::unavailable, "database is locked"); }
};

TEST(Healthz, FailingDatabaseReadIs503WithRetryAfter) {
    UnavailableStore store;
    Harness harness(test_options(), {}, &store);
    auto health = harness.client().Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 503);
    EXPECT_EQ(health->get_header_value("Retry-After"), "1");
    EXPECT_EQ(health->get_header_value("Content-Type"), "application/problem+json");
}

}  // namespace
}  // namespace kl::http::test

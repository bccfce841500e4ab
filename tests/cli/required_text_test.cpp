// Security issue 12, item 7: blank required text and control characters, refused by one rule
// (core/text_rules.h) on every module's write routes. The platform as `kashlink serve` builds it
// (cli::App on a real loopback port, SQLite file or PostgreSQL database); each row posts a body whose
// one field is blank (ASCII or ideographic spaces) or holds ESC, and expects 400 naming that field
// with nothing written.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "access/user_service.h"
#include "cli/app.h"
#include "core/clock.h"
#include "core/ids.h"
#include "support/access_stack.h"
#include "support/test_env.h"

namespace kl::test {
namespace {

using nlohmann::json;

constexpr int client_timeout_s = 30;

struct TextRow {
    std::string role;   // "admin" or "fund"
    std::string path;   // POST unless method says otherwise
    std::string field;  // the JSON pointer the error must name
    json body;          // with "@" where the bad text goes
    std::string table;  // must not grow
    std::string method = "POST";
    bool prose = false;  // a prose field (core/text_rules.h) may hold line feeds and tabs
};

// The rows: required text fields of projects, contracts, invoices, products, organisations,
// categories, the ledger, the service book, orders and users.
std::vector<TextRow> text_rows() {
    const json project = {{"code", "P-1"}, {"name", "School"}, {"county", "shache"}, {"sector", "education"},
                          {"year", 2023}, {"budget_fen", 300000000}};
    auto with = [](json body, const std::string& key) {
        body[key] = "@";
        return body;
    };
    return {
        {"fund", "/api/v1/projects", "code", with(project, "code"), "projects"},
        {"fund", "/api/v1/projects", "name", with(project, "name"), "projects"},
        {"fund", "/api/v1/projects/x/milestones", "name", {{"name", "@"}, {"due_on", "2023-05-01"}}, "project_milestones"},
        {"fund", "/api/v1/projects/x/inspections", "inspector",
         {{"kind", "quality"}, {"inspected_on", "2023-05-01"}, {"inspector", "@"}, {"findings", "ok"}, {"passed", true}},
         "project_inspections"},
        {"fund", "/api/v1/projects/x/attachments", "file_name",
         {{"file_name", "@"}, {"sha256", std::string(64, 'a')}, {"size_bytes", 10}}, "project_attachments"},
        {"fund", "/api/v1/contracts", "title", {{"project_id", "p"}, {"counterparty_org_id", "o"}, {"title", "@"}}, "contracts"},
        {"fund", "/api/v1/invoices", "invoice_no",
         {{"contract_id", "c"}, {"payee_org_id", "o"}, {"invoice_no", "@"}, {"amount_fen", 100}, {"issued_on", "2023-05-01"}},
         "invoices"},
        {"fund", "/api/v1/payment-requests/x/reject", "reason", {{"reason", "@"}}, "payment_requests", "POST", true},
        {"admin", "/api/v1/organisations", "name", {{"name", "@"}, {"kind", "buyer"}}, "organisations"},
        {"admin", "/api/v1/categories", "name_zh", {{"id", "tea"}, {"name_zh", "@"}, {"name_en", "Tea"}}, "categories"},
        {"admin", "/api/v1/categories", "id", {{"id", "@"}, {"name_zh", "茶"}, {"name_en", "Tea"}}, "categories"},
        {"admin", "/api/v1/products", "name_zh",
         {{"producer_id", "o"}, {"category_id", "c"}, {"name_zh", "@"}, {"unit", {{"kind", "kg"}}}}, "products"},
        {"admin", "/api/v1/users", "display_name",
         {{"username", "newcomer"}, {"display_name", "@"}, {"password", "a long enough password"}, {"role", "auditor"}},
         "users"},
        {"fund", "/api/v1/ledger/accounts", "accounts/0/name",
         {{"accounts", json::array({{{"id", std::string(32, 'a')}, {"ledger", "cash"}, {"code", 1}, {"name", "@"}}})}},
         "ledger_accounts"},
        {"fund", "/api/v1/servicebook/enterprises", "officer", {{"org_id", "o"}, {"officer", "@"}}, "service_enterprises"},
        {"fund", "/api/v1/servicebook/investments", "investor",
         {{"name", "Cold store"}, {"county", "shache"}, {"investor", "@"}}, "investment_projects"},
        {"admin", "/api/v1/orders/x/invoice", "invoice_no", {{"invoice_no", "@"}}, "orders", "PUT"},
    };
}

json with_text(const json& node, const std::string& text) {
    if (node.is_string() && node.get<std::string>() == "@") return text;
    json out = node;
    if (node.is_object()) {
        for (auto& [key, value] : out.items()) value = with_text(value, text);
    } else if (node.is_array()) {
        for (auto& value : out) value = with_text(value, text);
    }
    return out;
}

class RequiredText : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        Config config;
        config.database_url = fresh_store_url(GetParam(), dir_);
        config.listen_port = 0;
        auto created = cli::App::create(config);
        ASSERT_TRUE(created) << created.error().message;
        app_ = std::move(*created);
        ASSERT_TRUE(app_->start());
        access::UserService users(app_->store(), clock_, ids_, test_user_options());
        tokens_["admin"] = sign_in(users, "admin", access::Role::admin);
        tokens_["fund"] = sign_in(users, "fund", access::Role::fund_officer);
    }
    void TearDown() override {
        if (app_) {
            app_->stop();
            app_->wait();
        }
    }

    std::string sign_in(access::UserService& users, const std::string& name, access::Role role) {
        const std::string password = "password of " + name;
        auto added = users.add(std::nullopt, access::NewUser{name, name, password, role, std::nullopt});
        EXPECT_TRUE(added) << added.error().message;
        auto reply = client().Post("/api/v1/sessions", json{{"username", name}, {"password", password}}.dump(),
                                   "application/json");
        EXPECT_TRUE(reply && reply->status == 201) << (reply ? reply->body : "no answer");
        return reply ? json::parse(reply->body).value("token", "") : "";
    }

    httplib::Client client() {
        httplib::Client out("127.0.0.1", app_->port());
        out.set_read_timeout(client_timeout_s, 0);
        return out;
    }

    int64_t count(const std::string& table) {
        auto rows = app_->store().read([&](store::Tx& tx) { return tx.query("SELECT COUNT(*) FROM " + table); });
        EXPECT_TRUE(rows) << table;
        return rows ? (*rows)[0].i64(0) : -1;
    }

    // "" when the row's field is refused with 400 naming it and nothing is written; else what happened.
    std::string refused(const TextRow& row, const std::string& text) {
        const int64_t before = count(row.table);
        const int64_t audit_before = count("audit_events");
        httplib::Headers headers = {{"Authorization", "Bearer " + tokens_[row.role]}, {"Idempotency-Key", ids_.next()}};
        const std::string body = with_text(row.body, text).dump();
        auto reply = row.method == "PUT" ? client().Put(row.path.c_str(), headers, body, "application/json")
                                         : client().Post(row.path.c_str(), headers, body, "application/json");
        const std::string what = row.method + " " + row.path + " " + row.field + " = " + json(text).dump() + ": ";
        if (!reply) return what + "no answer";
        if (reply->status != 400) return what + std::to_string(reply->status) + " " + reply->body;
        bool named = false;
        const json problem = json::parse(reply->body);  // kept: a range-for over a temporary's member dangles
        for (const auto& error : problem.at("errors")) named |= error.at("field") == row.field;
        if (!named) return what + "the errors do not name the field: " + reply->body;
        if (count(row.table) != before || count("audit_events") != audit_before) return what + "something was written";
        return "";
    }

    TempDir dir_;
    SystemClock clock_;
    UuidV7Generator ids_{clock_};
    std::unique_ptr<cli::App> app_;
    std::map<std::string, std::string> tokens_;
};

TEST_P(RequiredText, BlankRequiredTextIsRefusedNamingTheField) {
    std::vector<std::string> failures;
    for (const auto& row : text_rows()) {
        for (const std::string blank : {"     ", "\u3000\u3000", " \t "}) {
            if (auto failure = refused(row, blank); !failure.empty()) failures.push_back(failure);
        }
    }
    EXPECT_EQ(failures, std::vector<std::string>{});
}

TEST_P(RequiredText, ControlCharactersAreRefusedNamingTheField) {
    std::vector<std::string> failures;
    for (const auto& row : text_rows()) {
        for (const std::string bad : {"Cash\x1b[31m", "bell\a", "next\u0085line", "carriage\r\nreturn"}) {
            if (auto failure = refused(row, bad); !failure.empty()) failures.push_back(failure);
        }
        if (row.prose) continue;  // a line feed is allowed there
        if (auto failure = refused(row, "two\nlines"); !failure.empty()) failures.push_back(failure);
    }
    EXPECT_EQ(failures, std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Backends, RequiredText, ::testing::ValuesIn(backends_under_test()));

}  // namespace
}  // namespace kl::test

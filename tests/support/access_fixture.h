#pragma once
// A real server with real sign-in, for tests that go through HTTP: the permission matrix
// (role × route × own/other organisation → status) and any module's route tests.
//
// AccessWorld starts http::Server on 127.0.0.1 with port 0 over a fresh store and seeds:
//   - for each organisation-scoped role, two organisations of a kind that role belongs to: its own
//     (its user's) and another one (county_officer: agencies, producer: cooperatives, buyer: buyers,
//     logistics: logistics firms);
//   - one user per role, signed in through POST /api/v1/sessions (bearer token and CSRF token kept);
//   - a "bystander" producer in the producer's other organisation, the target of {user} rows that
//     act on another user.
// Routes: exactly the binary's (http::register_api_routes), with the module services that
// `options.services` puts into ApiDeps, plus whatever `options.extra_routes` adds for a test.
//
// A module adds its rows to the matrix like this (see tests/access/permission_matrix_test.cpp):
//   kl::test::WorldOptions options;
//   options.services = [](kl::http::ApiDeps& deps, kl::test::AccessWorld& w) {
//       deps.lots = &w.make<LotService>(w.store(), w.clock(), w.ids());  // lives as long as the world
//   };
//   kl::test::AccessWorld world(options);
//   using kl::access::Role; using kl::test::Target;
//   std::vector<kl::test::MatrixRow> rows = {
//       {Role::producer, "GET", "/api/v1/lots?org={org}", "", Target::own, 200},
//       {Role::producer, "GET", "/api/v1/lots?org={org}", "", Target::other, 403},
//   };
//   EXPECT_EQ(kl::test::run_matrix(world, rows), std::vector<std::string>{});

#include <httplib.h>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "access/principal.h"
#include "http/api.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "support/access_stack.h"
#include "support/test_env.h"

namespace kl::test {

enum class Target { own, other };

struct SeededRole {
    access::Role role = access::Role::auditor;
    access::User user;
    std::string token;       // bearer token from POST /api/v1/sessions
    std::string csrf_token;
    std::string own_org;     // organisation-scoped roles: their organisation
    std::string other_org;   // an organisation of the same kind that is not theirs
};

struct HttpReply {
    int status = 0;  // 0: no answer (connection failed)
    std::string body;
    std::string content_type;
    httplib::Headers headers;
};

class AccessWorld;

struct WorldOptions {
    std::string backend = "sqlite";  // or "postgres" (a fresh database on the test server)
    // Fills the module services of ApiDeps (the access services are filled already).
    std::function<void(http::ApiDeps&, AccessWorld&)> services;
    // Routes only a test needs, added after the binary's.
    std::function<void(http::Router&, AccessWorld&)> extra_routes;
};

inline WorldOptions on_backend(const std::string& backend) {
    WorldOptions options;
    options.backend = backend;
    return options;
}

class AccessWorld {
public:
    explicit AccessWorld(const WorldOptions& options = {});
    ~AccessWorld();
    AccessWorld(const AccessWorld&) = delete;
    AccessWorld& operator=(const AccessWorld&) = delete;

    uint16_t port() const;
    store::Store& store() { return *store_; }
    // The store's --db argument, for a `kashlink` command run on the same database.
    const std::string& database_url() const { return database_url_; }
    ManualClock& clock() { return stack_->clock; }
    IdGenerator& ids() { return stack_->ids; }
    AccessStack& stack() { return *stack_; }
    const http::Router& router() const { return router_; }

    // Builds an object that lives until the world ends (after the server has stopped): the services
    // behind a module's routes.
    template <typename T, typename... Args>
    T& make(Args&&... args) {
        auto object = std::make_shared<T>(std::forward<Args>(args)...);
        T& reference = *object;
        kept_.push_back(std::move(object));
        return reference;
    }

    const SeededRole& as(access::Role role) const { return roles_.at(role); }
    // Programme-wide roles have no organisation; for them own/other name the producer's two, so a row
    // reads the same for every role.
    const std::string& org_for(access::Role role, Target target) const;
    const access::User& bystander() const { return bystander_; }

    // A request with the role's bearer token (or none for an anonymous call). `headers` are added.
    HttpReply call(const std::string& method, const std::string& path, const std::string& body = "",
                   const httplib::Headers& headers = {}) const;
    HttpReply call_as(access::Role role, const std::string& method, const std::string& path,
                      const std::string& body = "", httplib::Headers headers = {}) const;
    // Signs in again over HTTP (a fresh session).
    HttpReply login(const std::string& username, const std::string& password) const;

private:
    void seed();
    void sign_in_everyone();

    TempDir dir_;
    std::string database_url_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<AccessStack> stack_;
    http::Router router_;
    http::Metrics metrics_;
    std::vector<std::shared_ptr<void>> kept_;  // destroyed after server_, before the store
    std::unique_ptr<http::Server> server_;
    std::map<access::Role, SeededRole> roles_;
    access::User bystander_;
};

// One line of the permission matrix. `path` and `body` may hold placeholders:
//   {org}     the organisation of `target` for this role (AccessWorld::org_for)
//   {user}    own: the acting user's id; other: the bystander's id
//   {unique}  a fresh number, for names that must not collide (usernames)
//   {password} the seeded users' password
struct MatrixRow {
    access::Role role = access::Role::auditor;
    std::string method;
    std::string path;
    std::string body;
    Target target = Target::own;
    int expected_status = 200;
};

// Runs every row against the world's server; returns one line per row that did not get its expected
// status (or whose error was not application/problem+json). Empty when the whole matrix holds.
// `headers` go with every row, their values expanded like bodies (an "Idempotency-Key" of
// "matrix-{unique}" for routes that require one).
std::vector<std::string> run_matrix(const AccessWorld& world, const std::vector<MatrixRow>& rows,
                                    const httplib::Headers& headers = {});

// A module's matrix written one line per route: its expected status for each role of
// matrix_columns (all_roles() order), expanded by matrix_rows into one MatrixRow per role.
inline constexpr std::array<access::Role, 7> matrix_columns = {
    access::Role::admin, access::Role::fund_officer, access::Role::county_officer, access::Role::producer,
    access::Role::buyer, access::Role::logistics,    access::Role::auditor};
struct MatrixLine {
    std::string method;
    std::string path;
    std::string body;
    //  admin fund county producer buyer logistics auditor
    std::array<int, 7> status;
};
std::vector<MatrixRow> matrix_rows(const std::vector<MatrixLine>& lines, Target target = Target::own);
// run_matrix's failures one per line ("" when none), for EXPECT_EQ(…, "").
std::string joined_failures(const std::vector<std::string>& failures);

// ---- lists -----------------------------------------------------------------------------------------

// `text` percent-encoded for a query string (ASCII letters and digits kept), e.g. a name searched by q.
std::string query_text(const std::string& text);
// "field:code" of each field problem of a problem+json answer, in order (e.g. "sort:not_one_of").
std::vector<std::string> problem_field_codes(const HttpReply& reply);
// The `id_member` of each item of a list answer (200 expected) and its next_cursor ("" on the last page).
struct ListedIds {
    std::vector<std::string> ids;
    std::string next_cursor;
};
ListedIds list_ids(const AccessWorld& world, access::Role role, const std::string& path, const std::string& id_member = "id");

}  // namespace kl::test

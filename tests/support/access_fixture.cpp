#include "support/access_fixture.h"

#include "catalog/catalog.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <stdexcept>


namespace kl::test {

namespace {

using access::OrgKind;
using access::Role;

// A liveness bound so a broken server fails the test instead of hanging it, not a timing assertion.
constexpr time_t client_timeout_s = 30;
constexpr int server_worker_threads = 4;
constexpr int server_worker_queue_max = 64;

struct OrgPlan {
    Role role;
    OrgKind kind;
    const char* own;
    const char* other;
};
const OrgPlan org_plan[] = {
    {Role::county_officer, OrgKind::agency, "Shache County Branch", "Zepu County Branch"},
    {Role::producer, OrgKind::cooperative, "Shache Walnut Cooperative", "Bachu Melon Cooperative"},
    {Role::buyer, OrgKind::buyer, "Minhang Canteen Group", "Pudong Supermarket Chain"},
    {Role::logistics, OrgKind::logistics, "Kashgar Cold Chain Port", "Shanghai Destination Warehouse"},
};

std::string username_for(Role role) { return "matrix." + std::string(access::to_string(role)); }

HttpReply to_reply(const httplib::Result& result) {
    HttpReply reply;
    if (!result) return reply;
    reply.status = result->status;
    reply.body = result->body;
    reply.content_type = result->get_header_value("Content-Type");
    reply.headers = result->headers;
    return reply;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

}  // namespace

AccessWorld::AccessWorld(const WorldOptions& world_options) {
    database_url_ = fresh_store_url(world_options.backend, dir_);
    store_ = open_test_store_at(database_url_);
    stack_ = std::make_unique<AccessStack>(*store_);
    seed();

    http::ApiDeps deps;
    deps.store = store_.get();
    deps.metrics = &metrics_;
    deps.auth = &stack_->auth;
    deps.users = &stack_->users;
    deps.organisations = &stack_->organisations;
    // The catalog owns the organisation routes, so the world serves it always, as the binary does.
    deps.catalog = &make<catalog::Catalog>(*store_, stack_->clock, stack_->ids, stack_->organisations);
    if (world_options.services) world_options.services(deps, *this);
    http::register_api_routes(router_, deps);
    if (world_options.extra_routes) world_options.extra_routes(router_, *this);

    http::ServerOptions options;
    options.listen_host = "127.0.0.1";
    options.listen_port = 0;
    options.worker_threads = server_worker_threads;
    options.worker_queue_max = server_worker_queue_max;
    server_ = std::make_unique<http::Server>(
        options, http::ServerDeps{&router_, &stack_->auth, store_.get(), &metrics_, &stack_->clock});
    auto started = server_->start();
    if (!started) throw std::runtime_error("the test server did not start: " + started.error().message);
    sign_in_everyone();
}

AccessWorld::~AccessWorld() {
    if (server_) server_->stop();
}

uint16_t AccessWorld::port() const { return server_->port(); }

void AccessWorld::seed() {
    std::map<Role, std::pair<std::string, std::string>> orgs;
    for (const auto& plan : org_plan) {
        orgs[plan.role] = {seed_organisation(*stack_, plan.kind, plan.own).id,
                           seed_organisation(*stack_, plan.kind, plan.other).id};
    }
    for (const Role role : access::all_roles()) {
        SeededRole seeded;
        seeded.role = role;
        const auto& pair = orgs.count(role) ? orgs.at(role) : orgs.at(Role::producer);
        seeded.own_org = pair.first;
        seeded.other_org = pair.second;
        const std::optional<std::string> org_id =
            access::is_org_scoped(role) ? std::optional<std::string>(seeded.own_org) : std::nullopt;
        seeded.user = seed_user(*stack_, role, username_for(role), org_id);
        roles_[role] = std::move(seeded);
    }
    bystander_ = seed_user(*stack_, Role::producer, "matrix.bystander", orgs.at(Role::producer).second);
}

void AccessWorld::sign_in_everyone() {
    for (auto& [role, seeded] : roles_) {
        HttpReply reply = login(seeded.user.username, test_password);
        if (reply.status != 201) {
            throw std::runtime_error("signing in " + seeded.user.username + " answered " +
                                     std::to_string(reply.status) + ": " + reply.body);
        }
        const auto body = nlohmann::json::parse(reply.body);
        seeded.token = body.at("token").get<std::string>();
        seeded.csrf_token = body.at("csrf_token").get<std::string>();
    }
}

const std::string& AccessWorld::org_for(Role role, Target target) const {
    const SeededRole& seeded = as(role);
    return target == Target::own ? seeded.own_org : seeded.other_org;
}

HttpReply AccessWorld::call(const std::string& method, const std::string& path, const std::string& body,
                            const httplib::Headers& headers) const {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(client_timeout_s, 0);
    client.set_connection_timeout(client_timeout_s, 0);
    const char* json = "application/json";
    if (method == "GET") return to_reply(client.Get(path.c_str(), headers));
    if (method == "POST") return to_reply(client.Post(path.c_str(), headers, body, json));
    if (method == "PUT") return to_reply(client.Put(path.c_str(), headers, body, json));
    if (method == "PATCH") return to_reply(client.Patch(path.c_str(), headers, body, json));
    if (method == "DELETE") return to_reply(client.Delete(path.c_str(), headers, body, json));
    throw std::invalid_argument("AccessWorld::call: unsupported method " + method);
}

HttpReply AccessWorld::call_as(Role role, const std::string& method, const std::string& path, const std::string& body,
                               httplib::Headers headers) const {
    headers.emplace("Authorization", "Bearer " + as(role).token);
    return call(method, path, body, headers);
}

HttpReply AccessWorld::login(const std::string& username, const std::string& password) const {
    const nlohmann::json body = {{"username", username}, {"password", password}};
    return call("POST", "/api/v1/sessions", body.dump());
}

std::vector<MatrixRow> matrix_rows(const std::vector<MatrixLine>& lines, Target target) {
    std::vector<MatrixRow> rows;
    for (const auto& line : lines) {
        for (size_t column = 0; column < matrix_columns.size(); ++column) {
            rows.push_back(MatrixRow{matrix_columns[column], line.method, line.path, line.body, target, line.status[column]});
        }
    }
    return rows;
}

std::string joined_failures(const std::vector<std::string>& failures) {
    std::string all;
    for (const auto& failure : failures) all += failure + "\n";
    return all;
}

std::vector<std::string> run_matrix(const AccessWorld& world, const std::vector<MatrixRow>& rows,
                                    const httplib::Headers& headers) {
    std::vector<std::string> failures;
    int unique = 0;
    for (const auto& row : rows) {
        const std::string user_id = row.target == Target::own ? world.as(row.role).user.id : world.bystander().id;
        auto expand = [&](std::string text) {
            replace_all(text, "{org}", world.org_for(row.role, row.target));
            replace_all(text, "{user}", user_id);
            replace_all(text, "{unique}", std::to_string(++unique));
            replace_all(text, "{password}", test_password);
            return text;
        };
        const std::string path = expand(row.path);
        httplib::Headers sent;
        for (const auto& [name, value] : headers) sent.emplace(name, expand(value));
        const HttpReply reply = world.call_as(row.role, row.method, path, expand(row.body), sent);
        const std::string where = std::string(access::to_string(row.role)) + " " + row.method + " " + path + " (" +
                                  (row.target == Target::own ? "own" : "other") + ")";
        if (reply.status != row.expected_status) {
            failures.push_back(where + ": expected " + std::to_string(row.expected_status) + ", got " +
                               std::to_string(reply.status) + " " + reply.body);
        } else if (reply.status >= 400 && reply.content_type.rfind("application/problem+json", 0) != 0) {
            failures.push_back(where + ": error answered as " + reply.content_type + ", not problem+json");
        }
    }
    return failures;
}

std::string query_text(const std::string& text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) != 0 && c < 0x80) out += static_cast<char>(c);
        else out += {'%', hex[c >> 4], hex[c & 0xF]};
    }
    return out;
}

std::vector<std::string> problem_field_codes(const HttpReply& reply) {
    std::vector<std::string> out;
    const nlohmann::json body = nlohmann::json::parse(reply.body, nullptr, false);
    if (!body.is_object() || !body.contains("errors")) return out;
    for (const auto& error : body.at("errors")) {
        out.push_back(error.value("field", std::string()) + ":" + error.value("code", std::string()));
    }
    return out;
}

ListedIds list_ids(const AccessWorld& world, access::Role role, const std::string& path, const std::string& id_member) {
    const HttpReply reply = world.call_as(role, "GET", path);
    if (reply.status != 200) throw std::runtime_error("GET " + path + ": " + std::to_string(reply.status) + " " + reply.body);
    const nlohmann::json body = nlohmann::json::parse(reply.body);
    ListedIds out;
    for (const auto& item : body.at("items")) {
        const auto& id = item.at(id_member);
        out.ids.push_back(id.is_string() ? id.get<std::string>() : id.dump());
    }
    if (body.contains("next_cursor") && body.at("next_cursor").is_string()) out.next_cursor = body.at("next_cursor");
    return out;
}

}  // namespace kl::test

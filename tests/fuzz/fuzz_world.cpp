#include "fuzz/fuzz_world.h"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "access/password.h"
#include "access/user_service.h"
#include "cli/app.h"
#include "demo/demo_seed.h"
#include "http/pipeline.h"

namespace kl::fuzz {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* admin_password = "fuzz world password";
// Where the throwaway databases live: /dev/shm when there is one, so a commit's fsync costs nothing
// and the fuzzer measures the code, not the disk.
constexpr const char* world_dir_prefix = "kl-fuzz-world-";
// At most this many created ids are kept for "@N" (the oldest are dropped): enough to chain a few
// creations, bounded so a long run does not grow without end.
constexpr size_t created_ids_max = 256;

fs::path scratch_root() {
    std::error_code ec;
    if (fs::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0) return "/dev/shm";
    return fs::temp_directory_path();
}

// A harness that crashed (abort) leaves its world behind: remove the worlds of processes that are gone.
void remove_stale_worlds(const fs::path& root) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(world_dir_prefix)) continue;
        const long pid = std::strtol(name.c_str() + std::char_traits<char>::length(world_dir_prefix), nullptr, 10);
        if (pid > 0 && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ec);
    }
}

uint64_t fnv1a(std::string_view text) {
    uint64_t hash = 1469598103934665603ULL;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

// A route that would end the world's own session (sign-out) or make every input pay for a password
// hash by design (sign-in's answer takes the same time whether the user exists or not) would measure
// those, not the decoders; sign-in's body is four fields and tests/access covers it.
bool excluded(const http::Route& route) {
    return route.pattern == "/api/v1/sessions" || route.pattern == "/api/v1/sessions/current";
}


// An example of what `schema` describes, for seeds: every property present, enums at their first
// value, dates and times well-formed, numbers within their bounds. Named schemas ($ref) are looked
// up in the router; `words` collects property names and enum values for the dictionary.
class ExampleMaker {
public:
    ExampleMaker(const http::Router& router, std::set<std::string>& words) : router_(router), words_(words) {}

    json example(const json& schema, int depth = 0) {
        if (depth > nesting_max || !schema.is_object()) return nullptr;
        if (schema.contains("$ref")) {
            const std::string ref = schema["$ref"].get<std::string>();
            const std::string name = ref.substr(ref.rfind('/') + 1);
            auto found = router_.schemas().find(name);
            if (found == router_.schemas().end()) return nullptr;
            return example(json::parse(found->second), depth + 1);
        }
        for (const char* choice : {"oneOf", "anyOf"}) {
            if (schema.contains(choice) && !schema[choice].empty()) return example(schema[choice][0], depth + 1);
        }
        if (schema.contains("allOf")) {
            json merged = json::object();
            for (const auto& part : schema["allOf"]) {
                json one = example(part, depth + 1);
                if (one.is_object()) merged.update(one);
            }
            return merged;
        }
        if (schema.contains("enum") && !schema["enum"].empty()) {
            for (const auto& value : schema["enum"]) {
                if (value.is_string()) words_.insert(value.get<std::string>());
            }
            return schema["enum"][0];
        }
        return by_type(schema, type_of(schema), depth);
    }

private:
    static constexpr int nesting_max = 8;

    static std::string type_of(const json& schema) {
        const json type = schema.value("type", json());
        if (type.is_string()) return type.get<std::string>();
        if (type.is_array()) {
            for (const auto& one : type) {
                if (one.is_string() && one != "null") return one.get<std::string>();
            }
        }
        return schema.contains("properties") ? "object" : "";
    }

    json by_type(const json& schema, const std::string& type, int depth) {
        if (type == "object") {
            json out = json::object();
            const json properties = schema.value("properties", json::object());
            for (const auto& [name, property] : properties.items()) {
                words_.insert(name);
                out[name] = example(property, depth + 1);
            }
            return out;
        }
        if (type == "array") return json::array({example(schema.value("items", json::object()), depth + 1)});
        if (type == "integer") {
            const int64_t low = schema.value("minimum", int64_t{1});
            const int64_t high = schema.value("maximum", std::max<int64_t>(low, 1000));
            return std::clamp<int64_t>(1000, low, high);
        }
        if (type == "number") return 1.5;
        if (type == "boolean") return true;
        if (type == "string") {
            const std::string format = schema.value("format", "");
            if (format == "date") return "2026-10-08";
            if (format == "date-time") return "2026-10-08T02:00:00.000Z";
            const size_t chars_min = schema.value("minLength", size_t{1});
            return std::string(std::max<size_t>(chars_min, 2), 'a');
        }
        return nullptr;
    }

    const http::Router& router_;
    std::set<std::string>& words_;
};

// A query parameter's sample value, by what its name says it holds.
std::string sample_query_value(const std::string& name) {
    if (name.find("limit") != std::string::npos || name == "perPage") return "10";
    if (name == "year") return "2026";
    for (const char* date_word : {"date", "from", "until", "since", "before", "after", "_on", "Time"}) {
        if (name.find(date_word) != std::string::npos) return "2026-10-08";
    }
    return "x1";
}

std::string file_name_of(const std::string& route_name) {
    std::string out;
    for (const char c : route_name) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        out += plain ? c : '_';
    }
    return out;
}

// One libFuzzer dictionary entry: the text quoted, with quotes, backslashes and bytes outside
// printable ASCII escaped (\\xNN).
std::string dictionary_entry(std::string_view word) {
    std::string out = "\"";
    for (const char c : word) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte >= 0x7F) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", byte);
            out += hex;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

void write_file(const fs::path& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// The route line and a "@i" line per path parameter: the head of a seed.
std::string seed_head(const http::Route& route) {
    std::string out = FuzzWorld::route_name(route) + "\n";
    size_t index = 0;
    for (std::string_view segment : http::split_path(route.pattern)) {
        if (segment.starts_with('{')) out += "@" + std::to_string(index++) + "\n";
    }
    return out;
}

size_t path_param_count(const http::Route& route) {
    size_t count = 0;
    for (std::string_view segment : http::split_path(route.pattern)) count += segment.starts_with('{') ? 1 : 0;
    return count;
}
}  // namespace

struct FuzzWorld::State {
    fs::path dir;
    std::unique_ptr<cli::App> app;
    std::unique_ptr<http::Pipeline> pipeline;
    std::string token;
    int admins = 0;
};

FirstLine split_first_line(std::string_view input) {
    const size_t newline = input.find('\n');
    if (newline == std::string_view::npos) return {input, {}};
    return {input.substr(0, newline), input.substr(newline + 1)};
}

FuzzWorld& FuzzWorld::get() {
    static FuzzWorld world;
    return world;
}

FuzzWorld::FuzzWorld() : state_(std::make_unique<State>()) {
    // Refused inputs are logged at info; at fuzzing speed that is all the process would do.
    spdlog::set_level(spdlog::level::err);
    const fs::path root = scratch_root();
    remove_stale_worlds(root);
    state_->dir = root / (world_dir_prefix + std::to_string(getpid()));
    fs::remove_all(state_->dir);
    fs::create_directories(state_->dir);
    Config config;
    config.database_url = (state_->dir / "world.sqlite").string();
    config.listen_host = "127.0.0.1";
    config.listen_port = 0;
    auto created = cli::App::create(config);
    if (!created) {
        std::fprintf(stderr, "fuzz world: %s\n", created.error().message.c_str());
        std::abort();
    }
    state_->app = std::move(*created);
    http::PipelineDeps deps;
    deps.router = &state_->app->router();
    deps.authenticator = &state_->app->authenticator();
    deps.store = &state_->app->store();
    deps.clock = &state_->app->clock();
    state_->pipeline = std::make_unique<http::Pipeline>(deps);
    for (const auto& route : state_->app->router().routes()) {
        if (!excluded(*route)) routes_.push_back(route.get());
    }
    sign_in();
}

FuzzWorld::~FuzzWorld() {
    state_->pipeline.reset();
    state_->app.reset();
    std::error_code ec;
    fs::remove_all(state_->dir, ec);
}

// A new admin each time (an input may have changed the last one's password or role): made through the
// service with the cheapest password hash, then signed in through the pipeline like any client.
void FuzzWorld::sign_in() {
    cli::App& app = *state_->app;
    access::UserOptions options;
    options.password_cost = access::PasswordCost::cheapest_for_tests();
    access::UserService users(app.store(), app.clock(), app.ids(), options);
    const std::string username = "fuzz.admin" + std::to_string(++state_->admins);
    auto added = users.add(std::nullopt, access::NewUser{username, "Fuzz", admin_password, access::Role::admin, std::nullopt});
    if (!added) {
        std::fprintf(stderr, "fuzz world: cannot add %s: %s\n", username.c_str(), added.error().message.c_str());
        std::abort();
    }
    http::Request request;
    request.method = http::Method::post;
    request.target = "/api/v1/sessions";
    request.remote_address = "127.0.0.1";
    request.headers["content-type"] = "application/json";
    request.body = json{{"username", username}, {"password", admin_password}}.dump();
    http::parse_target(request.target, request);
    const http::Dispatch dispatch = state_->pipeline->begin(request);
    const http::Response response = state_->pipeline->execute(request, dispatch);
    const json answer = json::parse(response.body, nullptr, false);
    if (response.status != 201 || !answer.is_object() || !answer.contains("token")) {
        std::fprintf(stderr, "fuzz world: sign-in got %d %s\n", response.status, response.body.c_str());
        std::abort();
    }
    state_->token = answer["token"].get<std::string>();
}

std::string FuzzWorld::route_name(const http::Route& route) {
    return std::string(http::to_string(route.method)) + " " + route.pattern;
}

const http::Route* FuzzWorld::pick(std::string_view line, const std::vector<const http::Route*>& among) {
    if (among.empty()) return nullptr;
    for (const http::Route* route : among) {
        if (route_name(*route) == line) return route;
    }
    return among[fnv1a(line) % among.size()];
}

std::string FuzzWorld::target_for(const http::Route& route, const std::vector<std::string_view>& values,
                                  std::string_view query) const {
    std::string target;
    size_t next_value = 0;
    for (std::string_view segment : http::split_path(route.pattern)) {
        target += '/';
        if (!segment.starts_with('{')) {
            target += segment;
            continue;
        }
        std::string_view value = next_value < values.size() ? values[next_value] : std::string_view("x1");
        ++next_value;
        if (value.starts_with('@') && !created_ids_.empty()) {
            target += created_ids_[fnv1a(value) % created_ids_.size()];
        } else {
            target += value;
        }
        const size_t close = segment.find('}');
        if (close != std::string_view::npos) target += segment.substr(close + 1);  // "{code}.svg": the suffix
    }
    if (target.empty()) target = "/";
    if (!query.empty()) {
        target += '?';
        target += query;
    }
    return target;
}

http::Response FuzzWorld::send(const http::Route& route, std::string target, std::string body) {
    http::Request request;
    request.method = route.method;
    request.target = std::move(target);
    request.body = std::move(body);
    request.remote_address = "127.0.0.1";
    request.headers["authorization"] = "Bearer " + state_->token;
    if (!route.doc.request_schema.empty()) request.headers["content-type"] = route.doc.request_content_type;
    // A fresh key each time: the handler runs inside the idempotent write, as a client's first try does.
    if (route.doc.idempotency_key) request.headers["idempotency-key"] = "fuzz-" + std::to_string(++requests_);
    // What server.cpp answers itself (400) before a Request reaches the pipeline.
    if (!http::parse_target(request.target, request)) return http::problem(400, "Bad request", "bad target");
    const http::Dispatch dispatch = state_->pipeline->begin(request);
    http::Response response = dispatch.response ? *dispatch.response : state_->pipeline->execute(request, dispatch);
    if (response.status == 500) {
        std::fprintf(stderr, "fuzz world: %s %s answered 500\n  body (%zu bytes): %.2000s\n  answer: %s\n",
                     http::to_string(request.method).data(), request.target.c_str(), request.body.size(),
                     request.body.c_str(), response.body.c_str());
        std::abort();
    }
    // The input ended the admin's session (its sessions revoked): the next inputs need one again.
    if (response.status == 401 && route.access == http::Access::authenticated) sign_in();
    remember_created(response);
    return response;
}

void FuzzWorld::send_input(std::string_view input, const std::vector<const http::Route*>& among, Payload payload) {
    auto [line, rest] = split_first_line(input);
    const http::Route* route = pick(line, among);
    if (route == nullptr) return;
    std::vector<std::string_view> values;
    for (size_t i = path_param_count(*route); i > 0; --i) {
        auto [value, after] = split_first_line(rest);
        values.push_back(value);
        rest = after;
    }
    if (payload == Payload::body) {
        send(*route, target_for(*route, values, {}), std::string(rest));
    } else {
        send(*route, target_for(*route, values, rest), {});
    }
}

void FuzzWorld::write_seeds(const std::string& dir, const std::vector<const http::Route*>& among, Payload payload) {
    fs::create_directories(dir);
    std::set<std::string> words;
    ExampleMaker examples(state_->app->router(), words);
    for (const http::Route* route : among) {
        std::string seed = seed_head(*route);
        if (payload == Payload::body) {
            seed += examples.example(json::parse(route->doc.request_schema)).dump();
        } else {
            std::string query;
            for (const auto& [name, description] : route->doc.query_params) {
                words.insert(name);
                query += (query.empty() ? "" : "&") + name + "=" + sample_query_value(name);
            }
            seed += query;
        }
        write_file(fs::path(dir) / file_name_of(route_name(*route)), seed);
    }
    std::string dictionary = "# Written by the harness's --write-seeds (tests/fuzz/fuzz_world.cpp): names the routes document.\n";
    for (const auto& word : words) dictionary += dictionary_entry(payload == Payload::body ? "\"" + word + "\"" : word) + "\n";
    write_file(fs::path(dir).parent_path() / (fs::path(dir).filename().string() + ".dict"), dictionary);
}

void FuzzWorld::write_import_seeds(const std::string& dir, const std::vector<const http::Route*>& among) {
    // The seed's export rows: a header and a few rows show every column's form; more only grows the corpus.
    constexpr size_t rows_per_seed_max = 8;
    fs::create_directories(dir);
    seed_demo();
    for (const http::Route* route : among) {
        const std::string prefix = "/api/v1/imports/";
        std::string csv;
        if (route->pattern.starts_with(prefix)) {
            const http::Response sheet = get("/api/v1/exports/" + route->pattern.substr(prefix.size()) + ".csv");
            std::istringstream lines(sheet.status == 200 ? sheet.body : std::string());
            std::string row;
            for (size_t rows = 0; rows <= rows_per_seed_max && std::getline(lines, row); ++rows) csv += row + "\n";
        }
        if (csv.empty()) csv = "code,name\r\nx1,x1\r\n";  // no export to take rows from: a file that parses
        write_file(fs::path(dir) / file_name_of(route_name(*route)), seed_head(*route) + csv);
    }
}

void FuzzWorld::seed_demo() {
    demo::DemoOptions options;
    options.users.password_cost = access::PasswordCost::cheapest_for_tests();
    auto seeded = demo::seed_demo(state_->app->store(), state_->app->clock(), options);
    if (!seeded) {
        std::fprintf(stderr, "fuzz world: demo: %s\n", seeded.error().message.c_str());
        std::abort();
    }
}

http::Response FuzzWorld::get(const std::string& target) {
    const std::string path = target.substr(0, target.find('?'));
    const http::Match match = state_->app->router().match(http::Method::get, path);
    if (match.outcome != http::MatchOutcome::found) return http::problem(404, "Not found", target);
    return send(*match.route, target, {});
}

void FuzzWorld::remember_created(const http::Response& response) {
    if (response.status != 201 || response.content_type != "application/json") return;
    const json answer = json::parse(response.body, nullptr, false);
    if (!answer.is_object() || !answer.contains("id") || !answer["id"].is_string()) return;
    if (created_ids_.size() == created_ids_max) created_ids_.erase(created_ids_.begin());
    created_ids_.push_back(answer["id"].get<std::string>());
}

}  // namespace kl::fuzz

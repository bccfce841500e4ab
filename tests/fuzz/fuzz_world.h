#pragma once
// The platform the router-driven harnesses send their inputs to: the binary's own App (every route,
// every service) over a throwaway SQLite file, an admin signed in, and the socket-free Pipeline that
// server.cpp runs every request through (route match, authentication, query and body refusals,
// Idempotency-Key, the handler with exceptions caught). Going through the pipeline rather than
// calling decoders one by one means a route added to the router is fuzzed with no new code, and a
// decoder is reached exactly as a client reaches it, with the service behind it acting on what it
// accepted.
//
// An input names its route on its first line ("POST /api/v1/orders"); a line that names no route
// still picks one (by its hash), so every mutation lands somewhere. A path parameter written "@N"
// stands for the N-th id this world's earlier inputs created, so the fuzzer can act on records it
// made (an order it placed, then its invoice).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"
#include "http/router.h"

namespace kl::fuzz {

// The bytes of one fuzz input split at its first line feed.
struct FirstLine {
    std::string_view line;
    std::string_view rest;
};
FirstLine split_first_line(std::string_view input);

class FuzzWorld {
public:
    // The world of this process, made on first use (migrations, an admin, a session).
    static FuzzWorld& get();

    // Every route a harness may pick from, in router order, less those that would end the world's
    // own session or cost a password hash per input (see fuzz_world.cpp).
    const std::vector<const http::Route*>& routes() const { return routes_; }
    // The route `line` names exactly ("POST /api/v1/orders"), else one of `among` chosen by its hash;
    // null only when `among` is empty.
    static const http::Route* pick(std::string_view line, const std::vector<const http::Route*>& among);
    static std::string route_name(const http::Route& route);

    // The target of `route` with its path parameters filled from `values` (missing ones "x1"; "@N"
    // becomes a created id) and `query` (raw, without '?') appended.
    std::string target_for(const http::Route& route, const std::vector<std::string_view>& values,
                           std::string_view query) const;

    // What follows an input's route and path-parameter lines.
    enum class Payload { body, query };
    // Sends one input: its first line picks a route of `among` (pick), the next lines give the
    // route's path parameters one each, and the rest is the payload: the body (sent with the route's
    // content type) or the query string. Answers nothing for an input that picks no route.
    void send_input(std::string_view input, const std::vector<const http::Route*>& among, Payload payload);

    // Writes one seed per route of `among` into `dir` in send_input's format: each path parameter
    // "@0", "@1"…, and as payload an example body made from the route's request schema, or every
    // documented query parameter with a sample value. Also writes `dir`/../<name>.dict, libFuzzer's
    // dictionary of the field and parameter names and enum values the routes document.
    void write_seeds(const std::string& dir, const std::vector<const http::Route*>& among, Payload payload);
    // Writes the import seeds: the database is given the demo programme (src/demo), and each route
    // POST /api/v1/imports/<what> gets the first rows of GET /api/v1/exports/<what>.csv, which is the
    // sheet the import reads back.
    void write_import_seeds(const std::string& dir, const std::vector<const http::Route*>& among);
    // Gives the database the demo programme (src/demo), for seeds made of real records.
    void seed_demo();
    // GET `target` as the admin (seed writers read the demo's records through the API).
    http::Response get(const std::string& target);

    // Sends a request as the signed-in admin through the pipeline and returns the answer. A 500 is a
    // crash: every input, however wrong, must get a 4xx (a handler that threw or a service that
    // reported an internal error on bad input is a bug), so it aborts with the request and answer.
    http::Response send(const http::Route& route, std::string target, std::string body);

    FuzzWorld(const FuzzWorld&) = delete;
    FuzzWorld& operator=(const FuzzWorld&) = delete;
    ~FuzzWorld();

private:
    FuzzWorld();
    void sign_in();
    void remember_created(const http::Response& response);

    struct State;
    std::unique_ptr<State> state_;
    std::vector<const http::Route*> routes_;
    std::vector<std::string> created_ids_;
    uint64_t requests_ = 0;
};

}  // namespace kl::fuzz

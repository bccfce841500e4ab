#pragma once
// What happens to a request between the socket and the handler, with no socket in sight (Beast's
// handle_request split; Ceph RGW's process_request): request id, route match (404/405),
// authentication (bearer token or session cookie), CSRF for cookie writes, Idempotency-Key replay,
// the handler with exceptions caught (a route with a prepare step validates before the write job
// and commits inside it: router.h Prepared), gzip, then metrics and the access log. server.cpp only
// moves bytes and calls these steps.

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/clock.h"
#include "http/message.h"
#include "http/router.h"

namespace kl::access {
class Authenticator;
}
namespace kl::store {
class Store;
}

namespace kl::http {

class Metrics;
class StaticFiles;

inline constexpr std::string_view session_cookie_name = "kl_session";
inline constexpr std::string_view csrf_header_name = "x-csrf-token";
inline constexpr std::string_view idempotency_header_name = "idempotency-key";
// An incoming X-Request-Id is kept when it is 1–128 characters of [A-Za-z0-9._:-]; else one is made.
inline constexpr size_t request_id_chars_max = 128;
// Bearer tokens longer than this are refused without asking the authenticator.
inline constexpr size_t bearer_token_chars_max = 512;

struct PipelineDeps {
    const Router* router = nullptr;
    access::Authenticator* authenticator = nullptr;  // null: every authenticated route answers 401
    store::Store* store = nullptr;                   // null: Idempotency-Key requests answer 503
    Metrics* metrics = nullptr;                      // null: no metrics
    const Clock* clock = nullptr;
    const StaticFiles* static_files = nullptr;       // null: no console, unknown paths are 404
    size_t gzip_body_bytes_min = 1024;
};

// The outcome of the first, non-blocking step.
struct Dispatch {
    enum class Kind {
        answer,         // `response` is final (404, 405, bad request line…)
        run_inline,     // open, non-blocking route: execute() on the I/O thread
        run_on_worker,  // execute() on the worker pool
    };
    Kind kind = Kind::answer;
    const Route* route = nullptr;
    bool static_file = false;
    std::optional<Response> response;
    size_t metrics_slot = 0;
};

class Pipeline {
public:
    explicit Pipeline(PipelineDeps deps);

    // Step 1, on the I/O thread; never blocks: request id, route match, 404/405, static fallback.
    Dispatch begin(Request& request) const;
    // Step 2: authentication, CSRF, idempotency, the handler, gzip. May block (SQL), so the server
    // runs it on the worker pool unless dispatch.kind is run_inline. Never throws.
    Response execute(Request& request, const Dispatch& dispatch) const;
    // Step 3, once the answer is written: metrics and one access-log line.
    void record(const Request& request, const Dispatch& dispatch, int status, size_t bytes, int64_t duration_us) const;
    // For requests refused before a Request existed (oversized headers or body, bad syntax).
    void record_rejected(std::string_view method, std::string_view target, std::string_view remote, int status,
                         size_t bytes, int64_t duration_us) const;

    // 503 + Retry-After for a full worker queue.
    static Response busy_response();
    // Adds the headers every answer carries: X-Request-Id, nosniff and the security headers of
    // security_headers.h (Content-Security-Policy, Referrer-Policy, X-Frame-Options).
    static void finalize(const Request& request, Response& response);

    std::string next_request_id() const;

private:
    std::optional<Response> authenticate(Request& request, const Route& route) const;
    Response run_route(Request& request, const Route& route) const;
    Response run_idempotent(Request& request, const Route& route, const std::string& key) const;
    Response call_handler(Request& request, const Route& route) const;
    Prepared call_prepare(Request& request, const Route& route) const;
    Response call_commit(Request& request, const Route& route, const std::function<Response()>& commit) const;
    void maybe_gzip(const Request& request, Response& response) const;

    PipelineDeps deps_;
    std::string id_prefix_;
    mutable std::atomic<uint64_t> id_counter_{0};
};

// The target with the values of secret-looking query parameters (token, password, key…) replaced,
// for logs.
std::string redact_target(std::string_view target);

// Parses a raw target into path (decoded), query (decoded); false when it is not origin-form or an
// escape is malformed.
bool parse_target(std::string_view target, Request& request);

}  // namespace kl::http

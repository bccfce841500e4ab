#include "http/pipeline.h"

#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "access/authenticator.h"
#include "core/ids.h"
#include "http/gzip.h"
#include "http/json_body.h"
#include "http/metrics.h"
#include "http/query.h"
#include "http/security_headers.h"
#include "http/static_files.h"
#include "http/text.h"
#include "store/idempotency.h"
#include "store/store.h"

namespace kl::http {

namespace {

// Query parameter names containing one of these have their values hidden in the access log.
constexpr std::array<std::string_view, 7> secret_name_parts = {"token", "password", "secret", "key",
                                                               "session", "csrf", "signature"};

bool is_sane_request_id(std::string_view id) {
    if (id.empty() || id.size() > request_id_chars_max) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == ':' || c == '-';
    });
}

bool is_api_path(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

std::string sha256_hex(std::string_view data) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return to_hex(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::string join_methods(const std::vector<Method>& methods) {
    std::string out;
    for (Method method : methods) {
        if (!out.empty()) out += ", ";
        out += to_string(method);
    }
    return out;
}

// The token of "Authorization: Bearer <token>", or nullopt when the header is malformed.
std::optional<std::string> bearer_token(std::string_view header) {
    constexpr std::string_view scheme = "bearer ";
    if (header.size() <= scheme.size()) return std::nullopt;
    for (size_t i = 0; i < scheme.size(); ++i) {
        const char c = header[i];
        const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower != scheme[i]) return std::nullopt;
    }
    std::string_view token = header.substr(scheme.size());
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (!is_visible_ascii(token, 1, bearer_token_chars_max)) return std::nullopt;
    return std::string(token);
}

// What a route that documents no request body still accepts as "nothing": no body, whitespace, or
// an empty JSON object (what many clients send by default). Anything else would be ignored by the
// handler, so a client that thinks it passed a parameter ({"dry_run":true}) would be acted upon.
bool is_empty_body(std::string_view body) {
    size_t at = 0;
    auto skip_space = [&] {
        while (at < body.size() && (body[at] == ' ' || body[at] == '\t' || body[at] == '\n' || body[at] == '\r')) ++at;
    };
    skip_space();
    if (at == body.size()) return true;
    if (body[at] != '{') return false;
    ++at;
    skip_space();
    if (at == body.size() || body[at] != '}') return false;
    ++at;
    skip_space();
    return at == body.size();
}

// DELETE is an action too: a body sent with one ({"cascade":true}) would be ignored while the
// deletion went ahead, so it is refused like any other unread body.
std::optional<Response> refuse_unexpected_body(const Request& request, const Route& route) {
    const bool may_carry_body = route.method == Method::post || route.method == Method::put || route.method == Method::patch ||
                                route.method == Method::del;
    if (!may_carry_body || !route.doc.request_schema.empty() || is_empty_body(request.body)) return std::nullopt;
    return problem(400, "Invalid request", "This route takes no request body; send none or {}",
                   {FieldError{"body", ProblemCode::invalid_value, "must be empty or {}: this route takes no parameters"}});
}

// A query parameter the route does not document would be ignored by its handler, so a client that
// thinks it filtered (?county=shache spelt ?conty=shache) would be answered as if it had not: refused,
// naming each, before the handler runs. Routes that take any parameter opt out (RouteDoc).
std::optional<Response> refuse_unknown_query(const Request& request, const Route& route) {
    if (route.doc.any_query_params) return std::nullopt;
    auto unknown = unknown_query_params(request, route.doc.query_params);
    if (unknown.empty()) return std::nullopt;
    // Logged so a console page or client that sends a parameter no route takes shows up in the log.
    spdlog::info("request {} {} {}: refused query parameter '{}' (not documented)", request.request_id, to_string(request.method),
                 route.pattern, unknown.front().field);
    return error_response(Error{ErrorCode::invalid_argument, unknown.front().field + ": " + unknown.front().message, unknown});
}

// %XX for every byte but RFC 3986's unreserved ones, so a '/', '?', '&' or '=' inside a decoded
// segment or value cannot pass for a separator in the canonical target.
void append_escaped(std::string& out, std::string_view text) {
    constexpr std::string_view hex = "0123456789ABCDEF";
    for (const char c : text) {
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                                c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += c;
            continue;
        }
        const auto byte = static_cast<unsigned char>(c);
        out += '%';
        out += hex[byte >> 4];
        out += hex[byte & 0x0F];
    }
}

// The request's target in one spelling: method, decoded path segments (re-escaped one way) and the
// decoded query parameters sorted by name and value, so "?b=2&a=1" and "?a=%31&b=2" are one target.
std::string canonical_target(const Request& request) {
    std::string out(to_string(request.method));
    out += ' ';
    const std::string_view raw_path = std::string_view(request.target).substr(0, request.target.find('?'));
    for (std::string_view raw : split_path(raw_path)) {
        out += '/';
        // The router matched this path, so every segment decodes.
        append_escaped(out, percent_decode(raw, false).value_or(std::string(raw)));
    }
    std::vector<std::pair<std::string, std::string>> params(request.query.begin(), request.query.end());
    std::sort(params.begin(), params.end());
    char separator = '?';
    for (const auto& [name, value] : params) {
        out += separator;
        append_escaped(out, name);
        out += '=';
        append_escaped(out, value);
        separator = '&';
    }
    return out;
}

// Where an Idempotency-Key lives and what it names. A key belongs to one user and names one request:
// its target and its body's content (JSON compared in canonical form, other bodies byte for byte).
struct KeyFingerprint {
    std::string scope;         // "user:<id>"
    std::string legacy_scope;  // "<id> POST <pattern>": keys recorded before targets were compared
    std::string target_hash;   // SHA-256 hex of canonical_target
    std::string body_hash;     // SHA-256 hex of the canonical JSON, or of the raw body

    // Stored as request_hash; "v2" tells it from the legacy hash of the raw body alone.
    std::string request_hash() const { return "v2 " + target_hash + " " + body_hash; }
};

KeyFingerprint fingerprint_of(const Request& request, const Route& route) {
    const std::string user = request.principal ? request.principal->user_id : std::string("anonymous");
    const auto canonical_body = canonical_json(request.body);
    return KeyFingerprint{"user:" + user, user + " " + std::string(to_string(route.method)) + " " + route.pattern,
                          sha256_hex(canonical_target(request)), sha256_hex(canonical_body.value_or(request.body))};
}

// The stored answer when `uses` recorded this very request; a conflict saying how it differs
// otherwise. A legacy record never replays: it did not note the target, so it may be another's.
Result<store::StoredReply> replay_of(std::vector<store::KeyUse>& uses, const KeyFingerprint& print) {
    for (store::KeyUse& use : uses) {
        if (use.scope != print.scope) continue;
        if (use.request_hash == print.request_hash()) return std::move(use.reply);
        if (!use.request_hash.starts_with("v2 " + print.target_hash + " ")) {
            return fail(ErrorCode::conflict, "was already used for another request target (method, path or query)");
        }
        return fail(ErrorCode::conflict, "was already used with a different request body");
    }
    return fail(ErrorCode::conflict,
                "was used before this server compared request targets, so its first answer cannot be replayed; use a new key");
}

Response unauthenticated(std::string_view detail) {
    return problem(401, "Authentication required", detail).with_header("WWW-Authenticate", "Bearer");
}

}  // namespace

Pipeline::Pipeline(PipelineDeps deps) : deps_(deps), id_prefix_(random_hex(4)) {
    KL_ASSERT(deps_.router != nullptr);
    KL_ASSERT(deps_.clock != nullptr);
}

std::string Pipeline::next_request_id() const {
    const uint64_t n = id_counter_.fetch_add(1, std::memory_order_relaxed) + 1;
    return fmt::format("{}-{:x}", id_prefix_, n);
}

Dispatch Pipeline::begin(Request& request) const {
    auto incoming = request.header("x-request-id");
    request.request_id = incoming && is_sane_request_id(*incoming) ? *incoming : next_request_id();

    Dispatch dispatch;
    const std::string_view raw_path = std::string_view(request.target).substr(0, request.target.find('?'));
    Match match = deps_.router->match(request.method, raw_path);
    if (match.outcome == MatchOutcome::found) {
        request.path_params = std::move(match.params);
        request.route_pattern = match.route->pattern;
        dispatch.route = match.route;
        const bool inline_ok = !match.route->blocking && match.route->access == Access::open;
        dispatch.kind = inline_ok ? Dispatch::Kind::run_inline : Dispatch::Kind::run_on_worker;
        if (deps_.metrics) dispatch.metrics_slot = deps_.metrics->slot_for_route(match.route->index);
        return dispatch;
    }
    const bool readable = request.method == Method::get || request.method == Method::head;
    if (match.outcome == MatchOutcome::not_found && readable && deps_.static_files && !is_api_path(request.path)) {
        // File reads may touch the disk: they go to the worker pool like SQL does.
        dispatch.kind = Dispatch::Kind::run_on_worker;
        dispatch.static_file = true;
        if (deps_.metrics) dispatch.metrics_slot = deps_.metrics->slot_for_label(route_label_static);
        return dispatch;
    }
    if (deps_.metrics) dispatch.metrics_slot = deps_.metrics->slot_for_label(route_label_unmatched);
    dispatch.kind = Dispatch::Kind::answer;
    if (match.outcome == MatchOutcome::method_not_allowed) {
        dispatch.response = problem(405, "Method not allowed",
                                    std::string(to_string(request.method)) + " is not allowed on this path; allowed: " +
                                        join_methods(match.allowed));
        dispatch.response->with_header("Allow", join_methods(match.allowed));
    } else {
        dispatch.response = problem(404, "Not found", "No resource at " + request.path);
    }
    finalize(request, *dispatch.response);
    return dispatch;
}

Response Pipeline::execute(Request& request, const Dispatch& dispatch) const {
    Response response;
    if (dispatch.static_file) {
        response = deps_.static_files->serve(request);
    } else {
        KL_ASSERT(dispatch.route != nullptr);
        response = run_route(request, *dispatch.route);
    }
    maybe_gzip(request, response);
    finalize(request, response);
    return response;
}

Response Pipeline::run_route(Request& request, const Route& route) const {
    // Open non-blocking routes run on the I/O thread and must not reach the authenticator (SQL);
    // every other route resolves the caller, optionally for open routes.
    if (route.access == Access::authenticated || route.blocking) {
        if (auto refused = authenticate(request, route)) return std::move(*refused);
    }
    if (auto refused = refuse_unexpected_body(request, route)) return std::move(*refused);
    if (auto refused = refuse_unknown_query(request, route)) return std::move(*refused);
    if (!route.doc.any_query_params) request.documented_query = &route.doc.query_params;
    auto key = request.header(std::string(idempotency_header_name));
    if (key && route.method == Method::post && route.doc.idempotency_key) {
        if (!is_visible_ascii(*key, 1, store::idempotency_key_chars_max)) {
            return problem(400, "Invalid request", "The Idempotency-Key header must be 1–255 visible ASCII characters",
                           {FieldError{"Idempotency-Key", ProblemCode::out_of_range, "must be 1–255 visible ASCII characters (no spaces)"}});
        }
        return run_idempotent(request, route, *key);
    }
    return call_handler(request, route);
}

std::optional<Response> Pipeline::authenticate(Request& request, const Route& route) const {
    const bool required = route.access == Access::authenticated;
    std::optional<std::string> token;
    bool via_cookie = false;
    if (auto header = request.header("authorization")) {
        token = bearer_token(*header);
        if (!token) {
            if (required) return unauthenticated("The Authorization header must be \"Bearer <token>\"");
            return std::nullopt;
        }
    } else if (auto cookie = request.cookie(session_cookie_name)) {
        token = std::move(cookie);
        via_cookie = true;
    }
    if (!token || token->empty()) {
        if (required) return unauthenticated("This resource needs a bearer token or a session cookie");
        return std::nullopt;
    }
    if (deps_.authenticator == nullptr) {
        if (required) return unauthenticated("Sign-in is not available on this server");
        return std::nullopt;
    }
    auto principal = deps_.authenticator->authenticate(*token);
    if (!principal) {
        if (principal.error().code != ErrorCode::unauthenticated) return error_response(principal.error());
        if (required) return unauthenticated("The token or session is unknown, expired or revoked");
        return std::nullopt;  // an open route (login) must still work with a stale cookie
    }
    principal->via_cookie = via_cookie;
    if (via_cookie && is_unsafe(request.method)) {
        auto checked = deps_.authenticator->check_csrf(*principal, request.header(std::string(csrf_header_name)).value_or(""));
        if (!checked) {
            if (checked.error().code == ErrorCode::unavailable || checked.error().code == ErrorCode::internal) {
                return error_response(checked.error());
            }
            if (required) {
                return problem(403, "CSRF token missing or wrong",
                               "Cookie-authenticated writes must carry the session's X-CSRF-Token header");
            }
            return std::nullopt;  // open route: act as anonymous rather than as the cookie's user
        }
    }
    request.principal = std::move(*principal);
    return std::nullopt;
}

Response Pipeline::run_idempotent(Request& request, const Route& route, const std::string& key) const {
    if (deps_.store == nullptr) {
        return error_response(make_error(ErrorCode::unavailable, "Idempotency-Key needs a database on this server"));
    }
    const KeyFingerprint print = fingerprint_of(request, route);
    // A route with a prepare step decodes and validates here, on this worker, on a read snapshot:
    // the write job below then holds the single writer only for the key, the commit step's
    // re-checks and inserts. Its answer (a refusal) is not final until the key has been looked up:
    // a retry of a key whose first request succeeded gets that first answer even when the same
    // request would now be refused (the stock sold, the product withdrawn).
    std::optional<Prepared> prepared;
    if (route.prepare) prepared = call_prepare(request, route);
    Response out;
    bool handler_ran = false;
    bool replayed = false;
    // One write job: the lookup, the handler's own writes (run inline in this transaction) and the
    // stored reply commit together or not at all, so a retry can never see half of a first attempt.
    auto done = deps_.store->write([&](store::Tx& tx) -> Result<void> {
        KL_TRY_ASSIGN(std::vector<store::KeyUse> uses, store::find_key_uses(tx, {print.scope, print.legacy_scope}, key));
        if (!uses.empty()) {
            KL_TRY_ASSIGN(store::StoredReply stored, replay_of(uses, print));
            out.status = stored.status;
            out.content_type = std::move(stored.content_type);
            out.body = std::move(stored.body);
            replayed = true;
            return ok();
        }
        if (!prepared) out = call_handler(request, route);
        else if (prepared->answer) out = std::move(*prepared->answer);
        else out = call_commit(request, route, prepared->commit);
        handler_ran = true;
        // A server error is not an answer worth repeating: roll back so a retry runs afresh.
        if (out.status >= 500) return fail(ErrorCode::internal, "handler answered " + std::to_string(out.status));
        return store::remember_reply(tx, print.scope, key, print.request_hash(),
                                     store::StoredReply{out.status, out.content_type, out.body}, deps_.clock->now_ms());
    });
    if (!done) {
        if (handler_ran && out.status >= 500) return out;
        if (done.error().code == ErrorCode::conflict) {
            const std::string& why = done.error().message;
            return problem(409, "Idempotency-Key reused", "This Idempotency-Key " + why,
                           {FieldError{"Idempotency-Key", ProblemCode::idempotency_key_reused, why}},
                           ProblemCode::idempotency_key_reused);
        }
        return error_response(done.error());
    }
    if (replayed) out.with_header("Idempotent-Replayed", "true");
    return out;
}

namespace {

// Exceptions stop here (ClickHouse: caught at the top of the connection handler, never swallowed
// silently): the log gets the request id and the step, the caller answers 500, the server goes on.
template <typename Step>
auto run_guarded_step(const Request& request, const Route& route, std::string_view step, Step&& run) -> std::optional<decltype(run())> {
    try {
        return run();
    } catch (const std::exception& error) {
        spdlog::error("request {} {} {}: {} threw: {}", request.request_id, to_string(request.method), route.pattern, step,
                      error.what());
    } catch (...) {
        spdlog::error("request {} {} {}: {} threw a non-standard exception", request.request_id, to_string(request.method),
                      route.pattern, step);
    }
    return std::nullopt;
}

Response internal_error_answer(const Request& request) {
    return problem(500, "Internal error", "An internal error occurred; it has been logged with request id " +
                                              request.request_id + ".");
}

}  // namespace

Response Pipeline::call_handler(Request& request, const Route& route) const {
    auto answer = run_guarded_step(request, route, "handler", [&] { return route.handler(request); });
    return answer ? std::move(*answer) : internal_error_answer(request);
}

Prepared Pipeline::call_prepare(Request& request, const Route& route) const {
    auto prepared = run_guarded_step(request, route, "prepare", [&] { return route.prepare(request); });
    if (!prepared) return Prepared::answered(internal_error_answer(request));
    // A prepare step gives an answer or a commit step, never neither (a bug in the route).
    KL_ASSERT(prepared->answer || prepared->commit);
    return std::move(*prepared);
}

Response Pipeline::call_commit(Request& request, const Route& route, const std::function<Response()>& commit) const {
    auto answer = run_guarded_step(request, route, "commit step", commit);
    return answer ? std::move(*answer) : internal_error_answer(request);
}

void Pipeline::maybe_gzip(const Request& request, Response& response) const {
    if (response.body.size() < deps_.gzip_body_bytes_min || !is_compressible(response.content_type)) return;
    if (response.status == 204 || response.status == 304) return;
    // A precompressed static file is encoded already; a file that has such copies says Vary itself.
    bool varies = false;
    for (const auto& [name, value] : response.headers) {
        if (name == "Content-Encoding") return;
        varies = varies || name == "Vary";
    }
    if (!varies) response.with_header("Vary", "Accept-Encoding");
    auto accept = request.header("accept-encoding");
    if (!accept || !accepts_gzip(*accept)) return;
    auto compressed = gzip_compress(response.body);
    if (!compressed) return;  // zlib out of memory: the plain body is still a correct answer
    response.body = std::move(*compressed);
    response.with_header("Content-Encoding", "gzip");
}

void Pipeline::finalize(const Request& request, Response& response) {
    response.with_header("X-Request-Id", request.request_id);
    response.with_header("X-Content-Type-Options", "nosniff");
    response.with_header("Content-Security-Policy", std::string(content_security_policy));
    response.with_header("Referrer-Policy", std::string(referrer_policy));
    response.with_header("X-Frame-Options", std::string(frame_options));
}

Response Pipeline::busy_response() {
    return problem(503, "Server busy", "Too many requests are waiting; retry shortly")
        .with_header("Retry-After", std::to_string(retry_after_s));
}

void Pipeline::record(const Request& request, const Dispatch& dispatch, int status, size_t bytes,
                      int64_t duration_us) const {
    if (deps_.metrics) deps_.metrics->record(dispatch.metrics_slot, request.method, status, duration_us);
    // The arguments cost a redaction and allocations: skip them when the access log is off.
    if (!spdlog::should_log(spdlog::level::info)) return;
    spdlog::info("http {} {} {} {} {}B {}us user={} route={}", request.request_id, to_string(request.method),
                 redact_target(request.target), status, bytes, duration_us,
                 request.principal ? request.principal->user_id : "-",
                 request.route_pattern.empty() ? "-" : request.route_pattern);
}

void Pipeline::record_rejected(std::string_view method, std::string_view target, std::string_view remote, int status,
                               size_t bytes, int64_t duration_us) const {
    if (deps_.metrics) {
        deps_.metrics->record(deps_.metrics->slot_for_label(route_label_rejected), Method::other, status, duration_us);
    }
    if (!spdlog::should_log(spdlog::level::info)) return;
    spdlog::info("http - {} {} {} {}B {}us remote={} rejected", method.empty() ? "-" : method,
                 target.empty() ? std::string("-") : redact_target(target), status, bytes, duration_us, remote);
}

std::string redact_target(std::string_view target) {
    const size_t question = target.find('?');
    if (question == std::string_view::npos) return std::string(target);
    std::string out(target.substr(0, question + 1));
    std::string_view query = target.substr(question + 1);
    bool first = true;
    while (true) {
        const size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        const size_t equals = pair.find('=');
        std::string name(pair.substr(0, equals));
        std::transform(name.begin(), name.end(), name.begin(), [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        });
        const bool secret = std::any_of(secret_name_parts.begin(), secret_name_parts.end(),
                                        [&](std::string_view part) { return name.find(part) != std::string::npos; });
        if (!first) out += '&';
        first = false;
        out += secret && equals != std::string_view::npos ? std::string(pair.substr(0, equals)) + "=REDACTED"
                                                          : std::string(pair);
        if (amp == std::string_view::npos) break;
        query = query.substr(amp + 1);
    }
    return out;
}

bool parse_target(std::string_view target, Request& request) {
    if (target.empty() || target.front() != '/') return false;
    const size_t question = target.find('?');
    auto path = percent_decode(target.substr(0, question), false);
    if (!path) return false;
    request.path = std::move(*path);
    request.query.clear();
    if (question == std::string_view::npos) return true;
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
        const size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        const size_t equals = pair.find('=');
        auto name = percent_decode(pair.substr(0, equals), true);
        auto value = percent_decode(equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
        if (!name || !value) return false;
        request.query.emplace(std::move(*name), std::move(*value));
    }
    return true;
}

}  // namespace kl::http

#include "http/routes/access_routes.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <string>

#include "access/page_cursor.h"
#include "core/clock.h"
#include "http/json_body.h"
#include "http/pipeline.h"
#include "http/query.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"

namespace kl::http {

namespace {

using nlohmann::json;

// Free text fields are bounded by the service; the decoder only refuses what no field could hold.
constexpr size_t access_free_text_chars_max = 1000;

// ---- encoding ----------------------------------------------------------------------------------

json time_or_null(int64_t epoch_ms) {
    return epoch_ms > 0 ? json(format_utc_iso8601(epoch_ms)) : json(nullptr);
}

json user_json(const access::User& user) {
    return {{"id", user.id},
            {"username", user.username},
            {"display_name", user.display_name},
            {"role", std::string(access::to_string(user.role))},
            {"org_id", user.org_id ? json(*user.org_id) : json(nullptr)},
            {"disabled", user.disabled},
            {"locked_until", time_or_null(user.locked_until_ms)},
            {"created_at", format_utc_iso8601(user.created_at_ms)}};
}

// Set-Cookie value. SameSite=Strict keeps the browser from sending either cookie on cross-site
// requests; the session cookie is HttpOnly so scripts (and XSS) cannot read the token.
std::string cookie(std::string_view name, const std::string& value, int64_t max_age_s, bool http_only, bool secure) {
    std::string out = std::string(name) + "=" + value + "; Path=/; Max-Age=" + std::to_string(max_age_s);
    if (http_only) out += "; HttpOnly";
    out += "; SameSite=Strict";
    if (secure) out += "; Secure";
    return out;
}

// ---- decoding ----------------------------------------------------------------------------------

const access::Principal& signed_in(const Request& request) {
    // Only authenticated routes call this, and the pipeline fills the principal before them.
    KL_ASSERT(request.principal.has_value());
    return *request.principal;
}

Response no_content() {
    Response response;
    response.status = 204;
    response.body.clear();
    return response;
}

// ---- sessions ----------------------------------------------------------------------------------

// A cross-site HTML form can POST a text/plain body shaped like JSON, and the browser would keep the
// cookies of the answer (login CSRF: the victim ends up signed in as the attacker). Forms cannot send
// application/json without a CORS preflight, which this server never grants, so sign-in demands it.
bool is_json_content(const Request& request) {
    const std::string type = request.header("content-type").value_or("");
    const std::string_view expected = "application/json";
    if (type.size() < expected.size()) return false;
    for (size_t i = 0; i < expected.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(type[i])) != expected[i]) return false;
    }
    return type.size() == expected.size() || type[expected.size()] == ';' || type[expected.size()] == ' ';
}

Response login(access::AuthService& auth, access::UserService& users, const AccessRouteOptions& options,
               Request& request) {
    if (!is_json_content(request)) {
        return problem(415, "Unsupported Media Type", "sign-in needs Content-Type: application/json",
                       {FieldError{"Content-Type", ProblemCode::invalid_value, "must be application/json"}});
    }
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"username", "password"});
    const std::string username = reader.text("username", 1, access::login_username_bytes_max);
    const std::string password = reader.text("password", 1, access::password_chars_max, TextKind::secret);
    if (auto decoded = reader.finish(); !decoded) return error_response(decoded.error());

    auto session = auth.login(username, password, request.remote_address);
    if (!session) {
        Response refused = error_response(session.error());
        // Throttled: how long this address must wait for this username (the lockout if unknown).
        if (session.error().code == ErrorCode::resource_exhausted) {
            const auto wait_s = auth.sign_in_wait_s(username, request.remote_address);
            const int64_t retry_s = wait_s && *wait_s > 0 ? *wait_s : auth.options().login_lockout_s;
            refused.with_header("Retry-After", std::to_string(retry_s));
        }
        return refused;
    }
    auto user = users.get(session->principal, session->principal.user_id);
    if (!user) return error_response(user.error());
    json out = {{"token", session->token},
                {"csrf_token", session->csrf_token},
                {"expires_at", format_utc_iso8601(session->expires_at_ms)},
                {"user", user_json(*user)}};
    const int64_t max_age_s = auth.options().session_ttl_s;
    Response response = json_response(201, out);
    const bool secure = options.cookie_secure;
    response.with_header("Set-Cookie", cookie(session_cookie_name, session->token, max_age_s, true, secure));
    response.with_header("Set-Cookie", cookie(csrf_cookie_name, session->csrf_token, max_age_s, false, secure));
    response.with_header("Cache-Control", "no-store");
    return response;
}

Response logout(access::AuthService& auth, const AccessRouteOptions& options, Request& request) {
    if (auto done = auth.logout(signed_in(request)); !done) return error_response(done.error());
    Response response = no_content();
    response.with_header("Set-Cookie", cookie(session_cookie_name, "", 0, true, options.cookie_secure));
    response.with_header("Set-Cookie", cookie(csrf_cookie_name, "", 0, false, options.cookie_secure));
    return response;
}

// ---- users -------------------------------------------------------------------------------------

Response me(access::UserService& users, Request& request) {
    const access::Principal& principal = signed_in(request);
    auto user = users.get(principal, principal.user_id);
    if (!user) return error_response(user.error());
    return json_response(200, user_json(*user));
}

Response list_users(access::UserService& users, Request& request) {
    auto limit = read_limit(request);
    if (!limit) return error_response(limit.error());
    auto page = users.list(signed_in(request), *limit, read_cursor(request));
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->users, page->next_cursor, user_json));
}

Response add_user(access::UserService& users, Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"username", "display_name", "password", "role", "org_id"});
    access::NewUser user;
    user.username = reader.text("username", 0, access_free_text_chars_max);
    user.display_name = reader.text("display_name", 0, access_free_text_chars_max);
    user.password = reader.text("password", 0, access_free_text_chars_max, TextKind::secret);
    const std::string role = reader.text("role", 0, access_free_text_chars_max);
    user.org_id = reader.opt_text("org_id", access_free_text_chars_max);
    if (auto parsed = access::parse_role(role); parsed) {
        user.role = *parsed;
    } else if (body->contains("role") && (*body)["role"].is_string()) {
        reader.add_error("role", parsed.error().fields.at(0));
    }
    if (auto decoded = reader.finish(); !decoded) return error_response(decoded.error());
    auto added = users.add(signed_in(request), user);
    if (!added) return error_response(added.error());
    return created(user_json(*added), "/api/v1/users/" + added->id);
}

Response get_user(access::UserService& users, Request& request) {
    auto user = users.get(signed_in(request), request.param("id"));
    if (!user) return error_response(user.error());
    return json_response(200, user_json(*user));
}

Response set_password(access::UserService& users, Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"password", "current_password"});
    const std::string password = reader.text("password", 0, access_free_text_chars_max, TextKind::secret);
    const auto current_password = reader.opt_text("current_password", access_free_text_chars_max, TextKind::secret);
    if (auto decoded = reader.finish(); !decoded) return error_response(decoded.error());
    auto changed = users.set_password_by_id(signed_in(request), request.param("id"), password, current_password);
    if (!changed) return error_response(changed.error());
    return no_content();
}

// Fields left out keep their value; org_id null (or absent with a programme-wide role) has none.
Response update_user(access::UserService& users, Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"display_name", "role", "org_id", "disabled"});
    access::UserChange change;
    change.display_name = reader.opt_text("display_name", access_free_text_chars_max);
    if (const auto role = reader.opt_text("role", access_free_text_chars_max)) {
        if (auto parsed = access::parse_role(*role); parsed) change.role = *parsed;
        else reader.add_error("role", parsed.error().fields.at(0));
    }
    if (body->contains("org_id")) change.org_id = reader.opt_text("org_id", access_free_text_chars_max);
    if (is_given(*body, "disabled")) change.disabled = reader.boolean("disabled");
    if (auto decoded = reader.finish(); !decoded) return error_response(decoded.error());
    auto updated = users.update(signed_in(request), request.param("id"), change);
    if (!updated) return error_response(updated.error());
    return json_response(200, user_json(*updated));
}

// ---- OpenAPI schemas ---------------------------------------------------------------------------

json password_schema() {
    json out = string_schema(access::password_chars_min, access::password_chars_max);
    out["format"] = "password";
    return out;
}

void add_user_schemas(Router& router) {
    json username = string_schema(access::username_chars_min, access::username_chars_max);
    username["pattern"] = "^[a-z0-9._-]+$";
    const json display_name = string_schema(access::display_name_chars_min, access::display_name_chars_max);
    router.add_schema("User", object_schema(json::array({"id", "username", "display_name", "role", "org_id",
                                                         "disabled", "locked_until", "created_at"}),
                                            {{"id", string_schema()},
                                             {"username", username},
                                             {"display_name", display_name},
                                             {"role", enum_of(access::all_roles())},
                                             {"org_id", nullable(string_schema())},
                                             {"disabled", {{"type", "boolean"}}},
                                             {"locked_until", nullable(date_time_schema())},
                                             {"created_at", date_time_schema()}})
                                  .dump());
    const json new_user = object_schema(json::array({"username", "display_name", "password", "role"}),
                                  {{"username", username},
                                   {"display_name", display_name},
                                   {"password", password_schema()},
                                   {"role", enum_of(access::all_roles())},
                                   {"org_id", {{"type", "string"}, {"nullable", true},
                                               {"description", "required for county_officer, producer, buyer and "
                                                               "logistics; absent for the other roles"}}}},
                                  true);
    router.add_schema("NewUser", new_user.dump());
    router.add_schema("UserPage", page_of("User").dump());
    const json change = object_schema(json::array({"password"}),
                                {{"password", password_schema()},
                                 {"current_password", {{"type", "string"}, {"format", "password"},
                                                       {"description", "required when changing your own password"}}}},
                                true);
    router.add_schema("PasswordChange", change.dump());
    const json user_change = object_schema(json::array(),
                                     {{"display_name", display_name},
                                      {"role", enum_of(access::all_roles())},
                                      {"org_id", {{"type", "string"}, {"nullable", true},
                                                  {"description", "the organisation of an org-scoped role; null "
                                                                  "(or left out with a programme-wide role): none"}}},
                                      {"disabled", {{"type", "boolean"}}}},
                                     true);
    router.add_schema("UserChange", user_change.dump());
}

void add_session_schemas(Router& router) {
    const json login = object_schema(json::array({"username", "password"}),
                               {{"username", string_schema(1, access::login_username_bytes_max)},
                                {"password", {{"type", "string"}, {"format", "password"}}}},
                               true);
    router.add_schema("Login", login.dump());
    const json token = {{"type", "string"}, {"description", "bearer token: Authorization: Bearer <token>"}};
    const json csrf = {{"type", "string"}, {"description", "send as X-CSRF-Token on cookie writes"}};
    router.add_schema("Session", object_schema(json::array({"token", "csrf_token", "expires_at", "user"}),
                                               {{"token", token},
                                                {"csrf_token", csrf},
                                                {"expires_at", date_time_schema()},
                                                {"user", ref_schema("User")}})
                                     .dump());
}

// ---- registration ------------------------------------------------------------------------------

void add_session_routes(Router& router, access::AuthService& auth, access::UserService& users,
                        const AccessRouteOptions& options) {
    router.add(with_access(documented_route(Method::post, "/api/v1/sessions", "access",
                                            "Sign in: a bearer token, and session + CSRF cookies for the console",
                                            ref("Login"), ref("Session"), 201,
                                            [&auth, &users, options](Request& request) {
                                                return login(auth, users, options, request);
                                            }),
                           Access::open));
    router.add(documented_route(Method::del, "/api/v1/sessions/current", "access",
                                "Sign out: ends this session and clears its cookies", "", "", 204,
                                [&auth, options](Request& request) { return logout(auth, options, request); }));
    router.add(documented_route(Method::get, "/api/v1/me", "access", "The signed-in user", "", ref("User"), 200,
                                [&users](Request& request) { return me(users, request); }));
}

void add_user_routes(Router& router, access::UserService& users) {
    router.add(documented_route(Method::get, "/api/v1/users", "access", "List users (admin, auditor)", "", ref("UserPage"),
                                200, [&users](Request& request) { return list_users(users, request); },
                                page_query_docs()));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/users", "access", "Add a user (admin)",
                                                     ref("NewUser"), ref("User"), 201,
                                                     [&users](Request& request) { return add_user(users, request); })));
    router.add(documented_route(Method::get, "/api/v1/users/{id}", "access",
                                "A user (admin, auditor; others only themselves)", "", ref("User"), 200,
                                [&users](Request& request) { return get_user(users, request); }));
    router.add(documented_route(Method::put, "/api/v1/users/{id}/password", "access",
                                "Set a password (admin; a user its own, giving current_password); ends the user's "
                                "other sessions",
                                ref("PasswordChange"), "", 204,
                                [&users](Request& request) { return set_password(users, request); }));
    router.add(documented_route(Method::patch, "/api/v1/users/{id}", "access",
                                "Change a user's name, role, organisation or disabled flag (admin); a change of role, "
                                "organisation or disabled ends every session of the user at once",
                                ref("UserChange"), ref("User"), 200,
                                [&users](Request& request) { return update_user(users, request); }));
}

}  // namespace

void add_access_routes(Router& router, access::AuthService& auth, access::UserService& users,
                       const AccessRouteOptions& options) {
    add_session_schemas(router);
    add_user_schemas(router);
    add_session_routes(router, auth, users, options);
    add_user_routes(router, users);
}

}  // namespace kl::http

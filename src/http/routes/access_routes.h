#pragma once
// HTTP routes of the access module: sign-in and sign-out, the current user, users. (The organisation
// routes, /api/v1/organisations…, belong to the catalog: http/routes/catalog_routes.h.)
// Thin handlers: decode (FieldReader) → service (which checks permissions) → encode.
//
//   POST   /api/v1/sessions              open: sign in; token + CSRF token, also as cookies
//   DELETE /api/v1/sessions/current      sign out; clears the cookies
//   GET    /api/v1/me                    the signed-in user
//   GET    /api/v1/users                 admin, auditor (paginated: limit, cursor)
//   POST   /api/v1/users                 admin (Idempotency-Key)
//   GET    /api/v1/users/{id}            admin, auditor; others only themselves
//   PUT    /api/v1/users/{id}/password   admin; a user for itself with current_password

#include <string_view>

#include "access/auth_service.h"
#include "access/user_service.h"
#include "http/router.h"

namespace kl::http {

// The console reads this cookie and echoes it in X-CSRF-Token on writes (double submit); the
// session cookie itself (pipeline.h: session_cookie_name) is HttpOnly and never readable by scripts.
inline constexpr std::string_view csrf_cookie_name = "kl_csrf";

struct AccessRouteOptions {
    bool cookie_secure = false;  // add Secure to the cookies (when served behind TLS)
};

void add_access_routes(Router& router, access::AuthService& auth, access::UserService& users,
                       const AccessRouteOptions& options);

}  // namespace kl::http

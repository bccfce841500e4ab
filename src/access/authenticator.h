#pragma once
// What the HTTP layer needs from sign-in, as an interface so the server can be tested alone.

#include <string>

#include "access/principal.h"
#include "core/result.h"

namespace kl::access {

class Authenticator {
public:
    virtual ~Authenticator() = default;
    // Resolves a bearer token or session cookie value; unauthenticated if unknown, expired or revoked.
    virtual Result<Principal> authenticate(const std::string& token) = 0;
    // For cookie sessions on unsafe methods: the header value must equal the session's CSRF token.
    virtual Result<void> check_csrf(const Principal& principal, const std::string& csrf_header) = 0;
};

}  // namespace kl::access

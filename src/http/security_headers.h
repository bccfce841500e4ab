#pragma once
// The security headers every answer carries (Pipeline::finalize adds them; the server's canned
// refusals spell them out). One policy for the API and the console alike: a JSON answer opened in a
// browser tab is then as locked down as the console, and no answer can be framed.

#include <string_view>

namespace kl::http {

// The console (web/, served as its bundle web/dist) loads its scripts, styles and images from this
// server only and talks only to it. It has no inline script at all (one bundled script file, no
// import map), so scripts come from files of this origin only and no inline script or attribute
// handler ever runs; tests/http/security_headers_test.cpp checks web/index.html keeps it so, and
// web/build.mjs refuses to build a page with one. data: images are for SVG and icons the styles may
// inline; frame-ancestors 'none' forbids framing (clickjacking) as X-Frame-Options DENY does for
// older browsers.
inline constexpr std::string_view content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
// Console URLs carry record ids (/projects/<id>); no other site needs to learn them.
inline constexpr std::string_view referrer_policy = "no-referrer";
inline constexpr std::string_view frame_options = "DENY";

}  // namespace kl::http

#pragma once
// The web console's files, served from a web root directory: the console as `node web/build.mjs`
// builds it into web/dist (index.html and content-hashed files under assets/). "/" is index.html;
// paths without a file extension that match no file fall back to index.html (client-side routes
// such as /t/<code>). /api/… never reaches here.
// Nothing outside the web root is ever served: "..", ".", hidden names, encoded slashes and symlinks
// leading outside all answer 404. Only what the console loads is served: files of its asset types
// (pages, scripts, styles, images, fonts) at the top of the web root and under assets/; anything
// else answers 404, and so does a file's precompressed copy asked for by name.
// Caching: names under assets/ carry a hash of their content, so they are cached for a year
// ("immutable"); index.html and the other top-level files are revalidated on every load (no-cache,
// ETag and Last-Modified, 304 when unchanged) and so pick up a new build at once.
// Precompression: when the build wrote <file>.br or <file>.gz beside a file and the client accepts
// that coding, that file is sent with Content-Encoding (brotli first), so the pipeline's dynamic gzip
// is skipped; such files always carry Vary: Accept-Encoding.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/message.h"

namespace kl::http {

// Larger files are not served (the console has none; this keeps one request from pinning memory).
inline constexpr int64_t static_file_bytes_max = 32 * 1024 * 1024;

// The cache policies of the console's files (see the head comment).
inline constexpr std::string_view cache_control_immutable = "public, max-age=31536000, immutable";
inline constexpr std::string_view cache_control_revalidate = "no-cache";

struct StaticOptions {
    std::string web_root;
};

class StaticFiles {
public:
    // invalid_argument when the web root is not a directory, has no index.html, or is the console's
    // sources (web/, which holds package.json) rather than their build (web/dist).
    static Result<std::unique_ptr<StaticFiles>> open(const StaticOptions& options);

    // Answers a GET or HEAD for request.target; blocking file I/O (run it on the worker pool).
    Response serve(const Request& request) const;

private:
    explicit StaticFiles(std::string root);
    Response serve_file(const Request& request, const std::string& path, bool immutable) const;

    std::string root_;  // real path, no trailing slash
};

// "text/html; charset=utf-8" for "index.html"; application/octet-stream when unknown.
std::string_view content_type_for(std::string_view file_name);
// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") of seconds since the epoch, and back (nullopt if bad).
std::string http_date(int64_t epoch_s);
std::optional<int64_t> parse_http_date(const std::string& text);

}  // namespace kl::http

#pragma once
// The web console's files, served from a web root directory: "/" is index.html; npm packages the
// console loads without a bundler are served from <web root>/node_modules/<pkg>/ under
// /vendor/<pkg>/ for an allow-list of packages only; paths without a file extension that match no
// file fall back to index.html (client-side routes such as /t/<code>). /api/… never reaches here.
// Nothing outside the web root is ever served: "..", ".", hidden names, encoded slashes and symlinks
// leading outside all answer 404. Only what the console loads is served: files of its asset types
// (pages, scripts, styles, images, fonts) at the top of the web root, under src/, and in allow-listed
// vendor packages; package.json, README.md, test/… answer 404. Files carry ETag and Last-Modified
// and answer 304 when unchanged.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "http/message.h"

namespace kl::http {

// Larger files are not served (the console has none; this keeps one request from pinning memory).
inline constexpr int64_t static_file_bytes_max = 32 * 1024 * 1024;

struct StaticOptions {
    std::string web_root;
    // npm package names ("chart.js", "@scope/name") that /vendor/<pkg>/… may serve.
    std::vector<std::string> vendor_packages;
};

class StaticFiles {
public:
    // invalid_argument when the web root is not a directory or a package name is malformed.
    static Result<std::unique_ptr<StaticFiles>> open(const StaticOptions& options);

    // Answers a GET or HEAD for request.target; blocking file I/O (run it on the worker pool).
    Response serve(const Request& request) const;

private:
    StaticFiles(std::string root, std::vector<std::string> vendor_packages);
    Response serve_file(const Request& request, const std::string& path, bool is_vendor) const;
    std::optional<std::string> resolve(const std::vector<std::string>& segments, bool& is_vendor) const;

    std::string root_;  // real path, no trailing slash
    std::vector<std::string> vendor_packages_;
};

// The console's allow-list: the names under "dependencies" in <web root>/package.json (the packages
// the console declares it loads). Empty when there is no package.json; invalid_argument when it is
// not valid JSON or names a malformed package.
Result<std::vector<std::string>> read_vendor_allow_list(const std::string& web_root);

// "text/html; charset=utf-8" for "index.html"; application/octet-stream when unknown.
std::string_view content_type_for(std::string_view file_name);
// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") of seconds since the epoch, and back (nullopt if bad).
std::string http_date(int64_t epoch_s);
std::optional<int64_t> parse_http_date(const std::string& text);

}  // namespace kl::http

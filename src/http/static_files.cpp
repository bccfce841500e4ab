#include "http/static_files.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdlib>
#include <ctime>
#include <fstream>

#include "http/router.h"
#include "http/text.h"

namespace kl::http {

namespace {

constexpr std::string_view index_file = "index.html";
constexpr std::string_view vendor_prefix = "vendor";
// The console's own files are those at the top of the web root and under this directory (its ES
// modules); the rest of web/ (test/, package.json, README.md…) is for developers, not browsers.
constexpr std::string_view console_source_dir = "src";
// What a browser loads for the console: pages, modules, styles, images and fonts. Manifests, source
// maps, Markdown and the like are never served, from the web root or from a vendor package.
constexpr std::array<std::string_view, 15> console_extensions = {
    ".html", ".js", ".mjs", ".css", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf",
    ".webmanifest"};
// Our own files change with every deploy and are not content-hashed: always revalidate (cheap, 304).
constexpr std::string_view cache_own = "no-cache";
// Vendor packages are pinned by the lockfile and change only on upgrades.
constexpr std::string_view cache_vendor = "public, max-age=3600";

struct TypeEntry {
    std::string_view extension;
    std::string_view type;
};
constexpr std::array<TypeEntry, 20> content_types = {{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".ttf", "font/ttf"},
    {".txt", "text/plain; charset=utf-8"},
    {".wasm", "application/wasm"},
    {".csv", "text/csv; charset=utf-8"},
}};

bool is_valid_package_part(std::string_view part) {
    return !part.empty() && part.front() != '.' && std::all_of(part.begin(), part.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
}

bool is_valid_package(std::string_view name) {
    if (name.starts_with('@')) {
        const size_t slash = name.find('/');
        return slash != std::string_view::npos && is_valid_package_part(name.substr(1, slash - 1)) &&
               is_valid_package_part(name.substr(slash + 1));
    }
    return is_valid_package_part(name);
}

// Decoded segments are safe to append to a directory: no traversal, no hidden files, no separators.
bool is_safe_segment(const std::string& segment) {
    return !segment.empty() && segment.front() != '.' && segment.find('/') == std::string::npos &&
           segment.find('\\') == std::string::npos;
}

std::optional<std::string> real_path(const std::string& path) {
    char buffer[PATH_MAX];
    if (::realpath(path.c_str(), buffer) == nullptr) return std::nullopt;
    return std::string(buffer);
}

Response not_found(const Request& request) { return problem(404, "Not found", "No resource at " + request.path); }

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    if (if_none_match.find('*') != std::string_view::npos) return true;
    // Weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored.
    const auto opaque = [](std::string_view tag) { return tag.starts_with("W/") ? tag.substr(2) : tag; };
    size_t at = 0;
    while (at < if_none_match.size()) {
        size_t comma = if_none_match.find(',', at);
        std::string_view item = if_none_match.substr(at, comma == std::string_view::npos ? comma : comma - at);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (opaque(item) == opaque(etag)) return true;
        if (comma == std::string_view::npos) break;
        at = comma + 1;
    }
    return false;
}

// Whether a file that exists may be served: the console's own files by place and type, a vendor
// package's by type (the package itself is on the allow-list already).
bool is_console_file(const std::vector<std::string>& segments, bool is_vendor) {
    if (segments.empty()) return true;  // index.html
    const std::string& name = segments.back();
    const size_t dot = name.rfind('.');
    if (dot == std::string::npos) return false;
    std::string extension = name.substr(dot);
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    if (std::find(console_extensions.begin(), console_extensions.end(), extension) == console_extensions.end()) {
        return false;
    }
    return is_vendor || segments.size() == 1 || segments.front() == console_source_dir;
}

}  // namespace

std::string_view content_type_for(std::string_view file_name) {
    const size_t dot = file_name.rfind('.');
    if (dot == std::string_view::npos) return "application/octet-stream";
    std::string extension(file_name.substr(dot));
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    for (const auto& entry : content_types) {
        if (entry.extension == extension) return entry.type;
    }
    return "application/octet-stream";
}

std::string http_date(int64_t epoch_s) {
    const auto seconds = static_cast<time_t>(epoch_s);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[64];
    const size_t n = std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    return std::string(buffer, n);
}

std::optional<int64_t> parse_http_date(const std::string& text) {
    std::tm utc{};
    const char* end = ::strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &utc);
    if (end == nullptr || *end != '\0') return std::nullopt;
    return static_cast<int64_t>(::timegm(&utc));
}

Result<std::vector<std::string>> read_vendor_allow_list(const std::string& web_root) {
    const std::string path = web_root + "/package.json";
    std::ifstream file(path, std::ios::binary);
    if (!file) return std::vector<std::string>{};
    auto manifest = nlohmann::json::parse(file, nullptr, false);
    if (manifest.is_discarded() || !manifest.is_object()) return fail_field("package.json", "is not a JSON object: " + path);
    std::vector<std::string> packages;
    auto dependencies = manifest.find("dependencies");
    if (dependencies == manifest.end()) return packages;
    if (!dependencies->is_object()) return fail_field("package.json", "\"dependencies\" is not an object: " + path);
    for (const auto& [name, version] : dependencies->items()) {
        if (!is_valid_package(name)) return fail_field("package.json", "is not an npm package name: " + name);
        packages.push_back(name);
    }
    return packages;
}

Result<std::unique_ptr<StaticFiles>> StaticFiles::open(const StaticOptions& options) {
    auto root = real_path(options.web_root);
    struct stat info {};
    if (!root || ::stat(root->c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        return fail_field("web_root", "is not a directory: " + options.web_root);
    }
    for (const auto& package : options.vendor_packages) {
        if (!is_valid_package(package)) return fail_field("vendor_packages", "is not an npm package name: " + package);
    }
    return std::unique_ptr<StaticFiles>(new StaticFiles(*root, options.vendor_packages));
}

StaticFiles::StaticFiles(std::string root, std::vector<std::string> vendor_packages)
    : root_(std::move(root)), vendor_packages_(std::move(vendor_packages)) {}

// The file a list of decoded segments names, or nullopt when it may not be served. Sets `is_vendor`.
std::optional<std::string> StaticFiles::resolve(const std::vector<std::string>& segments, bool& is_vendor) const {
    is_vendor = false;
    if (segments.empty()) return root_ + "/" + std::string(index_file);
    if (!std::all_of(segments.begin(), segments.end(), is_safe_segment)) return std::nullopt;
    // node_modules is reachable only through /vendor/ and its allow-list.
    if (segments.front() == "node_modules") return std::nullopt;
    std::string relative;
    size_t first = 0;
    if (segments.front() == vendor_prefix) {
        is_vendor = true;
        for (const auto& package : vendor_packages_) {
            const size_t parts = package.starts_with('@') ? 2 : 1;
            if (segments.size() <= parts + 1) continue;
            std::string name = segments[1];
            if (parts == 2) name += "/" + segments[2];
            if (name != package) continue;
            relative = "node_modules/" + package;
            first = 1 + parts;
            break;
        }
        if (relative.empty()) return std::nullopt;
    }
    for (size_t i = first; i < segments.size(); ++i) {
        if (!relative.empty()) relative += '/';
        relative += segments[i];
    }
    return root_ + "/" + relative;
}

Response StaticFiles::serve(const Request& request) const {
    const std::string_view raw_path = std::string_view(request.target).substr(0, request.target.find('?'));
    std::vector<std::string> segments;
    for (std::string_view raw : split_path(raw_path)) {
        auto decoded = percent_decode(raw, false);
        if (!decoded) return not_found(request);
        segments.push_back(std::move(*decoded));
    }
    bool is_vendor = false;
    auto path = resolve(segments, is_vendor);
    if (!path) return not_found(request);
    auto real = real_path(*path);
    struct stat info {};
    const bool exists = real && ::stat(real->c_str(), &info) == 0 && S_ISREG(info.st_mode);
    if (exists) {
        // A symlink may point anywhere: only its target's real path decides.
        if (!real->starts_with(root_ + "/") || !is_console_file(segments, is_vendor)) return not_found(request);
        return serve_file(request, *real, is_vendor);
    }
    const bool has_extension = !segments.empty() && segments.back().find('.') != std::string::npos;
    if (is_vendor || has_extension) return not_found(request);
    auto index = real_path(root_ + "/" + std::string(index_file));
    if (!index || !index->starts_with(root_ + "/")) return not_found(request);
    return serve_file(request, *index, false);
}

Response StaticFiles::serve_file(const Request& request, const std::string& path, bool is_vendor) const {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode) || info.st_size > static_file_bytes_max) {
        return not_found(request);
    }
    const int64_t mtime_ns = static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
    const std::string etag = fmt::format("W/\"{:x}-{:x}\"", info.st_size, mtime_ns);
    const std::string last_modified = http_date(info.st_mtim.tv_sec);

    Response response;
    response.content_type = std::string(content_type_for(path));
    response.with_header("ETag", etag);
    response.with_header("Last-Modified", last_modified);
    response.with_header("Cache-Control", std::string(is_vendor ? cache_vendor : cache_own));

    bool unchanged = false;
    if (auto if_none_match = request.header("if-none-match")) {
        unchanged = etag_matches(*if_none_match, etag);
    } else if (auto if_modified_since = request.header("if-modified-since")) {
        auto since = parse_http_date(*if_modified_since);
        unchanged = since && static_cast<int64_t>(info.st_mtim.tv_sec) <= *since;
    }
    if (unchanged) {
        response.status = 304;
        return response;
    }
    std::ifstream file(path, std::ios::binary);
    std::string body(static_cast<size_t>(info.st_size), '\0');
    if (!file.read(body.data(), static_cast<std::streamsize>(body.size()))) return not_found(request);
    response.status = 200;
    response.body = std::move(body);
    return response;
}

}  // namespace kl::http

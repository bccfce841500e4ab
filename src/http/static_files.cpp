#include "http/static_files.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdlib>
#include <ctime>
#include <fstream>

#include "http/gzip.h"
#include "http/router.h"
#include "http/text.h"

namespace kl::http {

namespace {

constexpr std::string_view index_file = "index.html";
// What the build writes under content-hashed names (web/build.mjs); the only directory served.
constexpr std::string_view assets_dir = "assets";
// Present in the console's source directory (web/), never in its build (web/dist).
constexpr std::string_view sources_marker = "package.json";
// What a browser loads for the console: pages, modules, styles, images and fonts. Manifests, source
// maps, Markdown, precompressed copies (.gz, .br) and the like are never served by their own name.
constexpr std::array<std::string_view, 15> console_extensions = {
    ".html", ".js", ".mjs", ".css", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf",
    ".webmanifest"};

// A precompressed copy the build may have written beside a file, in the order of preference
// (brotli is about 15 % smaller than gzip on the console's script).
struct Precompressed {
    std::string_view coding;
    std::string_view suffix;
};
constexpr std::array<Precompressed, 2> precompressed_codings = {{{"br", ".br"}, {"gzip", ".gz"}}};

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

// Whether a file that exists may be served: by type, at the top of the web root or under assets/.
bool is_console_file(const std::vector<std::string>& segments) {
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
    return segments.size() == 1 || segments.front() == assets_dir;
}

bool is_regular_file(const std::string& path, struct stat& info) {
    return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

// The file to send for `path` (a real path inside `root`): its precompressed copy when the client
// accepts that coding and the copy is a regular file inside the root, else the file itself.
struct Chosen {
    std::string path;
    std::string_view coding;    // empty: the file as it is
    bool has_variants = false;  // some copy exists: the answer depends on Accept-Encoding
};

Chosen choose_encoding(const Request& request, const std::string& root, const std::string& path) {
    Chosen chosen{path, {}, false};
    const auto accept = request.header("accept-encoding");
    for (const auto& variant : precompressed_codings) {
        auto real = real_path(path + std::string(variant.suffix));
        struct stat info {};
        if (!real || !real->starts_with(root + "/") || !is_regular_file(*real, info)) continue;
        chosen.has_variants = true;
        if (chosen.coding.empty() && accept && accepts_coding(*accept, variant.coding)) {
            chosen.path = *real;
            chosen.coding = variant.coding;
        }
    }
    return chosen;
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

Result<std::unique_ptr<StaticFiles>> StaticFiles::open(const StaticOptions& options) {
    auto root = real_path(options.web_root);
    struct stat info {};
    if (!root || ::stat(root->c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        return fail_field("web_root", ProblemCode::unknown_reference, "is not a directory: " + options.web_root);
    }
    // The console's sources cannot be served as they are (their imports name npm packages): a root
    // holding package.json is web/ given where its build, web/dist, was meant.
    if (is_regular_file(*root + "/" + std::string(sources_marker), info)) {
        return fail_field("web_root", ProblemCode::invalid_value, options.web_root + " holds the console's sources; serve their build (" +
                                          options.web_root + "/dist, made by `make web`)");
    }
    if (!is_regular_file(*root + "/" + std::string(index_file), info)) {
        return fail_field("web_root", ProblemCode::invalid_value, "has no index.html: " + options.web_root + " (build the console with `make web`)");
    }
    return std::unique_ptr<StaticFiles>(new StaticFiles(*root));
}

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

Response StaticFiles::serve(const Request& request) const {
    const std::string_view raw_path = std::string_view(request.target).substr(0, request.target.find('?'));
    std::vector<std::string> segments;
    for (std::string_view raw : split_path(raw_path)) {
        auto decoded = percent_decode(raw, false);
        if (!decoded || !is_safe_segment(*decoded)) return not_found(request);
        segments.push_back(std::move(*decoded));
    }
    std::string path = root_;
    for (const auto& segment : segments) path += "/" + segment;
    if (segments.empty()) path += "/" + std::string(index_file);
    auto real = real_path(path);
    struct stat info {};
    if (real && is_regular_file(*real, info)) {
        // A symlink may point anywhere: only its target's real path decides.
        if (!real->starts_with(root_ + "/") || !is_console_file(segments)) return not_found(request);
        return serve_file(request, *real, segments.size() > 1 && segments.front() == assets_dir);
    }
    const bool has_extension = !segments.empty() && segments.back().find('.') != std::string::npos;
    if (has_extension) return not_found(request);
    auto index = real_path(root_ + "/" + std::string(index_file));
    if (!index || !index->starts_with(root_ + "/")) return not_found(request);
    return serve_file(request, *index, false);
}

Response StaticFiles::serve_file(const Request& request, const std::string& path, bool immutable) const {
    const Chosen chosen = choose_encoding(request, root_, path);
    struct stat info {};
    if (!is_regular_file(chosen.path, info) || info.st_size > static_file_bytes_max) return not_found(request);
    // Size and time of the file sent, and its coding: each coding of a file has an ETag of its own.
    const int64_t mtime_ns = static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
    const std::string etag = fmt::format("W/\"{:x}-{:x}{}{}\"", info.st_size, mtime_ns, chosen.coding.empty() ? "" : "-",
                                         chosen.coding);

    Response response;
    response.content_type = std::string(content_type_for(path));
    response.with_header("ETag", etag);
    response.with_header("Last-Modified", http_date(info.st_mtim.tv_sec));
    response.with_header("Cache-Control", std::string(immutable ? cache_control_immutable : cache_control_revalidate));
    if (chosen.has_variants) response.with_header("Vary", "Accept-Encoding");

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
    std::ifstream file(chosen.path, std::ios::binary);
    std::string body(static_cast<size_t>(info.st_size), '\0');
    if (!file.read(body.data(), static_cast<std::streamsize>(body.size()))) return not_found(request);
    if (!chosen.coding.empty()) response.with_header("Content-Encoding", std::string(chosen.coding));
    response.status = 200;
    response.body = std::move(body);
    return response;
}

}  // namespace kl::http

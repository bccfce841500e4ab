#include "http/gzip.h"

#include <zlib.h>

#include <cstdlib>

namespace kl::http {

namespace {

constexpr int gzip_window_bits = 15 + 16;  // 32 KiB window, gzip wrapper instead of zlib's
constexpr int zlib_memory_level = 8;       // zlib's default
constexpr size_t inflate_chunk_bytes = 64 * 1024;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

// q=0 (or 0.0, 0.000) refuses a coding; anything else accepts it.
bool q_is_zero(std::string_view params) {
    size_t at = 0;
    while (at != std::string_view::npos && at < params.size()) {
        const size_t next = params.find(';', at);
        std::string_view param = trim(params.substr(at, next == std::string_view::npos ? next : next - at));
        if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
            std::string_view value = param.substr(2);
            if (value.empty() || value[0] != '0') return false;
            return value.find_first_not_of("0.", 1) == std::string_view::npos;
        }
        at = next == std::string_view::npos ? next : next + 1;
    }
    return false;
}

}  // namespace

bool accepts_coding(std::string_view accept_encoding, std::string_view coding_wanted) {
    const bool is_gzip = iequals(coding_wanted, "gzip");
    bool star = false;
    size_t at = 0;
    while (at <= accept_encoding.size()) {
        const size_t comma = accept_encoding.find(',', at);
        std::string_view item = accept_encoding.substr(at, comma == std::string_view::npos ? comma : comma - at);
        const size_t semicolon = item.find(';');
        std::string_view coding = trim(item.substr(0, semicolon));
        std::string_view params = semicolon == std::string_view::npos ? std::string_view() : item.substr(semicolon + 1);
        if (iequals(coding, coding_wanted) || (is_gzip && iequals(coding, "x-gzip"))) return !q_is_zero(params);
        if (coding == "*") star = !q_is_zero(params);
        if (comma == std::string_view::npos) break;
        at = comma + 1;
    }
    return star;
}

bool accepts_gzip(std::string_view accept_encoding) { return accepts_coding(accept_encoding, "gzip"); }

bool is_compressible(std::string_view content_type) {
    const size_t semicolon = content_type.find(';');
    std::string_view type = trim(content_type.substr(0, semicolon));
    return type.starts_with("text/") || type == "application/json" || type == "application/problem+json" ||
           type == "application/javascript" || type == "image/svg+xml" || type == "application/manifest+json";
}

std::optional<std::string> gzip_compress(std::string_view data, int level) {
    z_stream stream{};
    if (deflateInit2(&stream, level, Z_DEFLATED, gzip_window_bits, zlib_memory_level, Z_DEFAULT_STRATEGY) != Z_OK) {
        return std::nullopt;
    }
    std::string out;
    out.resize(deflateBound(&stream, static_cast<uLong>(data.size())));
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    // deflateBound guarantees one Z_FINISH call fits.
    const int status = deflate(&stream, Z_FINISH);
    const auto written = stream.total_out;
    deflateEnd(&stream);
    if (status != Z_STREAM_END) return std::nullopt;
    out.resize(written);
    return out;
}

std::optional<std::string> gzip_decompress(std::string_view data, size_t bytes_max) {
    z_stream stream{};
    if (inflateInit2(&stream, gzip_window_bits) != Z_OK) return std::nullopt;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    std::string out;
    int status = Z_OK;
    while (status == Z_OK) {
        const size_t before = out.size();
        out.resize(before + inflate_chunk_bytes);
        stream.next_out = reinterpret_cast<Bytef*>(out.data() + before);
        stream.avail_out = static_cast<uInt>(inflate_chunk_bytes);
        status = inflate(&stream, Z_NO_FLUSH);
        out.resize(before + inflate_chunk_bytes - stream.avail_out);
        if (out.size() > bytes_max) status = Z_MEM_ERROR;
        if (status == Z_BUF_ERROR && stream.avail_in == 0) break;  // truncated input
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END) return std::nullopt;
    return out;
}

}  // namespace kl::http

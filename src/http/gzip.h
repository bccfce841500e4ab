#pragma once
// gzip for responses (zlib): used when the client accepts it and the body is text worth compressing.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kl::http {

// Bodies smaller than this are sent as they are: the gzip header and the CPU cost outweigh the gain.
inline constexpr size_t gzip_body_bytes_min = 1024;
// zlib level 1–9: 5 gives most of level 9's ratio on JSON for about half the CPU.
inline constexpr int gzip_level = 5;

// True when an Accept-Encoding header value accepts `coding` ("br", "gzip"; x-gzip counts as gzip):
// the coding or "*" listed with q > 0, the coding's own entry deciding when both are.
bool accepts_coding(std::string_view accept_encoding, std::string_view coding);
// accepts_coding(accept_encoding, "gzip").
bool accepts_gzip(std::string_view accept_encoding);
// True for JSON, problem+json, text/*, JavaScript and SVG: formats that compress well.
bool is_compressible(std::string_view content_type);
// The gzip (RFC 1952) encoding of `data`; nullopt only if zlib fails (out of memory).
std::optional<std::string> gzip_compress(std::string_view data, int level = gzip_level);
// The decompressed data, or nullopt when `data` is not a valid gzip stream or would exceed `bytes_max`.
std::optional<std::string> gzip_decompress(std::string_view data, size_t bytes_max);

}  // namespace kl::http

#pragma once
// QR codes for what people scan: a fair badge that checks its holder in, a box's public trace page.
// The matrix comes from libqrencode (Debian's libqrencode-dev, the encoder qrencode(1) uses: every
// version, mask selection and Reed–Solomon block of ISO/IEC 18004 done right, which is not worth
// writing again); the images are drawn here, an SVG as one path of unit squares and a 1-bit PNG through
// libpng, so that both are exact, small and need no font or raster library.
//
//   auto code = kl::qr::encode("https://kashlink.example/t/7QK2M9XD");
//   std::string svg = kl::qr::svg(*code);              // scalable, for pages and PDFs
//   auto png = kl::qr::png(*code, {.module_px = 8});   // for labels and downloads

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace kl::qr {

// A QR code holds at most 2,953 bytes; what we encode is an address, and a long one makes a dense,
// hard-to-scan code: refuse more than this.
inline constexpr size_t text_bytes_max = 512;
// Image limits: a module of 1–40 pixels, a quiet zone of 0–16 modules (the standard asks for 4).
inline constexpr int32_t module_px_max = 40;
inline constexpr int32_t quiet_modules_max = 16;

// How much of the code may be damaged (dirt, a fold, a logo) and still read: L 7 %, M 15 %, Q 25 %, H 30 %.
enum class Correction { low, medium, quartile, high };

struct Matrix {
    int32_t size = 0;           // modules per side (21 for version 1, up to 177)
    std::vector<uint8_t> dark;  // size × size, row by row: 1 dark, 0 light
    bool is_dark(int32_t row, int32_t column) const { return dark[static_cast<size_t>(row * size + column)] != 0; }
};

struct ImageOptions {
    int32_t module_px = 4;
    int32_t quiet_modules = 4;
};

// The code of `text` (bytes, UTF-8 as it is; the smallest version that fits). invalid_argument naming
// "text" when it is empty or longer than text_bytes_max.
Result<Matrix> encode(std::string_view text, Correction correction = Correction::medium);

// An SVG document, black on white, with a viewBox in modules (so it scales crisply) and width/height
// in pixels; `title` (escaped) names it for screen readers.
Result<std::string> svg(const Matrix& matrix, ImageOptions options = {}, std::string_view title = "");

// A PNG file (1-bit greyscale) of the code.
Result<std::string> png(const Matrix& matrix, ImageOptions options = {});

}  // namespace kl::qr

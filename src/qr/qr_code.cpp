#include "qr/qr_code.h"

#include <png.h>
#include <qrencode.h>

#include <cerrno>
#include <csetjmp>
#include <memory>

#include "core/assert.h"

namespace kl::qr {

namespace {

QRecLevel level_of(Correction correction) {
    switch (correction) {
        case Correction::low: return QR_ECLEVEL_L;
        case Correction::medium: return QR_ECLEVEL_M;
        case Correction::quartile: return QR_ECLEVEL_Q;
        case Correction::high: return QR_ECLEVEL_H;
    }
    KL_ASSERT(false && "a Correction without a level");
    return QR_ECLEVEL_M;
}

Result<void> check_options(const Matrix& matrix, ImageOptions options) {
    KL_ASSERT(matrix.size > 0 && matrix.dark.size() == static_cast<size_t>(matrix.size) * static_cast<size_t>(matrix.size));
    if (options.module_px < 1 || options.module_px > module_px_max) {
        return fail_field("module_px", ProblemCode::out_of_range, "must be 1 to " + std::to_string(module_px_max) + " pixels",
                          {{"min", 1}, {"max", module_px_max}});
    }
    if (options.quiet_modules < 0 || options.quiet_modules > quiet_modules_max) {
        return fail_field("quiet_modules", ProblemCode::out_of_range, "must be 0 to " + std::to_string(quiet_modules_max) + " modules",
                          {{"min", 0}, {"max", quiet_modules_max}});
    }
    return ok();
}

std::string xml_escaped(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// libpng reports errors by longjmp; this C-style writer holds no object with a destructor between
// its setjmp and the calls that may jump, so the jump skips nothing. The rows and the output string
// are owned by the caller.
void append_bytes(png_structp png, png_bytep data, png_size_t length) {
    auto* out = static_cast<std::string*>(png_get_io_ptr(png));
    out->append(reinterpret_cast<const char*>(data), length);
}
void no_flush(png_structp) {}

bool write_png(png_structp png, png_infop info, png_uint_32 side, png_bytepp rows, std::string* out) {
    if (setjmp(png_jmpbuf(png))) return false;
    png_set_write_fn(png, out, append_bytes, no_flush);
    png_set_IHDR(png, info, side, side, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, nullptr);
    return true;
}

}  // namespace

Result<Matrix> encode(std::string_view text, Correction correction) {
    if (text.empty()) return fail_field("text", ProblemCode::required, "is required");
    if (text.size() > text_bytes_max) {
        return fail_field("text", ProblemCode::length_out_of_range,
                          "must be at most " + std::to_string(text_bytes_max) + " bytes to make a code that scans",
                          {{"min", 1}, {"max", text_bytes_max}, {"got", text.size()}});
    }
    // Version 0: the smallest that holds the data. 8-bit mode: the bytes as they are (UTF-8 addresses).
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(
        QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                          level_of(correction)),
        QRcode_free);
    if (!code) {
        if (errno == ERANGE) return fail_field("text", ProblemCode::too_many, "is too long for a QR code at this correction level");
        return fail(ErrorCode::internal, "libqrencode could not encode the text");
    }
    Matrix matrix;
    matrix.size = code->width;
    matrix.dark.resize(static_cast<size_t>(code->width) * static_cast<size_t>(code->width));
    // Bit 0 of each byte is the module's colour; the other bits say what the module is for.
    for (size_t i = 0; i < matrix.dark.size(); ++i) matrix.dark[i] = code->data[i] & 1U;
    return matrix;
}

Result<std::string> svg(const Matrix& matrix, ImageOptions options, std::string_view title) {
    KL_TRY(check_options(matrix, options));
    const int32_t side = matrix.size + 2 * options.quiet_modules;
    const int32_t px = side * options.module_px;
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(side) + " " +
                      std::to_string(side) + "\" width=\"" + std::to_string(px) + "\" height=\"" + std::to_string(px) +
                      "\" shape-rendering=\"crispEdges\" role=\"img\"";
    if (!title.empty()) out += " aria-label=\"" + xml_escaped(title) + "\"";
    out += ">";
    if (!title.empty()) out += "<title>" + xml_escaped(title) + "</title>";
    out += "<rect width=\"" + std::to_string(side) + "\" height=\"" + std::to_string(side) + "\" fill=\"#fff\"/><path d=\"";
    // One horizontal run of dark modules per subpath: far shorter than a square per module.
    for (int32_t row = 0; row < matrix.size; ++row) {
        for (int32_t column = 0; column < matrix.size;) {
            if (!matrix.is_dark(row, column)) {
                ++column;
                continue;
            }
            int32_t end = column;
            while (end < matrix.size && matrix.is_dark(row, end)) ++end;
            out += "M" + std::to_string(column + options.quiet_modules) + " " + std::to_string(row + options.quiet_modules) +
                   "h" + std::to_string(end - column) + "v1h-" + std::to_string(end - column) + "z";
            column = end;
        }
    }
    out += "\" fill=\"#000\"/></svg>";
    return out;
}

Result<std::string> png(const Matrix& matrix, ImageOptions options) {
    KL_TRY(check_options(matrix, options));
    const auto side = static_cast<png_uint_32>((matrix.size + 2 * options.quiet_modules) * options.module_px);
    const size_t row_bytes = (side + 7) / 8;
    // 1-bit greyscale: a set bit is white. Start all white, then clear the dark modules' pixels.
    std::vector<png_byte> pixels(row_bytes * side, 0xFF);
    for (png_uint_32 y = 0; y < side; ++y) {
        for (png_uint_32 x = 0; x < side; ++x) {
            const int32_t row = static_cast<int32_t>(y) / options.module_px - options.quiet_modules;
            const int32_t column = static_cast<int32_t>(x) / options.module_px - options.quiet_modules;
            if (row < 0 || column < 0 || row >= matrix.size || column >= matrix.size || !matrix.is_dark(row, column)) continue;
            pixels[y * row_bytes + x / 8] = static_cast<png_byte>(pixels[y * row_bytes + x / 8] & ~(0x80U >> (x % 8)));
        }
    }
    std::vector<png_bytep> rows(side);
    for (png_uint_32 y = 0; y < side; ++y) rows[y] = pixels.data() + y * row_bytes;

    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (png == nullptr) return fail(ErrorCode::internal, "libpng could not start a PNG");
    png_infop info = png_create_info_struct(png);
    std::string out;
    const bool written = info != nullptr && write_png(png, info, side, rows.data(), &out);
    png_destroy_write_struct(&png, info != nullptr ? &info : nullptr);
    if (!written) return fail(ErrorCode::internal, "libpng could not write the PNG");
    return out;
}

}  // namespace kl::qr

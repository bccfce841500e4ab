#include "qr/qr_code.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

#include "support/test_env.h"

namespace kl::qr {
namespace {

// What zbarimg (Debian's zbar-tools, installed by scripts/install-deps.sh) reads off an image file:
// a real scanner's decoder, so these tests prove the codes scan, not just that bytes came out.
std::string scanned(const std::string& path) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(("zbarimg --quiet --raw -Sbinary '" + path + "' 2>/dev/null").c_str(), "r"), ::pclose);
    if (!pipe) return "(popen failed)";
    std::string out;
    char buffer[4096];
    while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
    return out;
}

std::string saved(const test::TempDir& dir, const std::string& name, const std::string& bytes) {
    const std::string path = dir.file(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

TEST(QrCode, APngScansBackToTheAddressItEncodes) {
    ASSERT_EQ(std::system("command -v zbarimg > /dev/null 2>&1"), 0) << "zbar-tools (scripts/install-deps.sh) is needed";
    test::TempDir dir;
    for (const std::string text : {"https://kashlink.example/t/7QK2M9XD", "KL-CHECKIN:01J9ZX4Q8W2M6N0P3R5T7V9XBD",
                                   "叶城核桃 https://kashlink.example/t/ABC"}) {
        for (const Correction correction : {Correction::low, Correction::high}) {
            auto code = encode(text, correction);
            ASSERT_TRUE(code) << code.error().message;
            auto image = png(*code, {.module_px = 4, .quiet_modules = 4});
            ASSERT_TRUE(image) << image.error().message;
            EXPECT_TRUE(image->starts_with("\x89PNG\r\n\x1a\n"));
            EXPECT_EQ(scanned(saved(dir, "code.png", *image)), text) << "UTF-8 survives as bytes";
        }
    }
}

TEST(QrCode, HigherCorrectionAndLongerTextMakeLargerCodes) {
    auto small = encode("A", Correction::low);
    auto robust = encode("A", Correction::high);
    auto longer = encode(std::string(300, 'x'), Correction::low);
    ASSERT_TRUE(small && robust && longer);
    EXPECT_EQ(small->size, 21) << "version 1";
    EXPECT_GE(robust->size, small->size);
    EXPECT_GT(longer->size, small->size);
    EXPECT_EQ(small->dark.size(), 21u * 21u);
    // The three finder patterns: a dark 7 × 7 ring in three corners.
    EXPECT_TRUE(small->is_dark(0, 0) && small->is_dark(0, 20) && small->is_dark(20, 0));
    EXPECT_FALSE(small->is_dark(1, 1));
}

TEST(QrCode, AnSvgIsOnePathInAViewBoxOfModulesWithItsQuietZoneAndName) {
    auto code = encode("https://kashlink.example/t/7QK2M9XD");
    ASSERT_TRUE(code);
    auto image = svg(*code, {.module_px = 5, .quiet_modules = 4}, "签到 <码> & badge");
    ASSERT_TRUE(image) << image.error().message;
    const int side = code->size + 8;
    EXPECT_NE(image->find("viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) + "\""), std::string::npos) << *image;
    EXPECT_NE(image->find("width=\"" + std::to_string(side * 5) + "\""), std::string::npos);
    EXPECT_NE(image->find("<title>签到 &lt;码&gt; &amp; badge</title>"), std::string::npos) << "named and escaped";
    EXPECT_NE(image->find("M4 4h7v1h-7z"), std::string::npos) << "the top-left finder's first row, after the quiet zone";
    EXPECT_EQ(image->find("<script"), std::string::npos);
}

TEST(QrCode, RefusesWhatWouldNotScanOrCannotBeDrawn) {
    auto empty = encode("");
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().fields.at(0).field, "text");
    auto long_text = encode(std::string(text_bytes_max + 1, 'x'));
    ASSERT_FALSE(long_text);
    EXPECT_EQ(long_text.error().fields.at(0).code, ProblemCode::length_out_of_range);
    auto code = encode("x");
    ASSERT_TRUE(code);
    EXPECT_FALSE(png(*code, {.module_px = 0}));
    EXPECT_FALSE(svg(*code, {.module_px = 4, .quiet_modules = quiet_modules_max + 1}));
}

}  // namespace
}  // namespace kl::qr

#include "pdf/pdf_document.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

#include "qr/qr_code.h"
#include "support/test_env.h"

namespace kl::pdf {
namespace {

// A command's standard output (poppler-utils' pdftotext / pdfinfo / pdftoppm, zbar-tools' zbarimg:
// installed by scripts/install-deps.sh, so the PDF is read by real readers, not by us).
std::string output_of(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen((command + " 2>/dev/null").c_str(), "r"), ::pclose);
    if (!pipe) return "(popen failed)";
    std::string out;
    char buffer[4096];
    while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
    return out;
}

// One "Name:   value" line of pdfinfo's answer, its value trimmed ("" when absent).
std::string info_field(const std::string& info, const std::string& name) {
    const size_t at = info.find(name + ":");
    if (at == std::string::npos) return "";
    const size_t start = info.find_first_not_of(' ', at + name.size() + 1);
    return info.substr(start, info.find('\n', start) - start);
}

std::string saved(const test::TempDir& dir, const std::string& bytes) {
    const std::string path = dir.file("doc.pdf");
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

Document agenda(size_t rows) {
    Table meetings{{"时段 Slot", "桌号 Table", "对方 Counterpart"}, {}, {2, 1, 4}};
    for (size_t i = 0; i < rows; ++i) {
        meetings.rows.push_back({"09:" + std::to_string(10 + i % 50), std::to_string(i + 1),
                                 "闵行区教育局食堂 Minhang Education Canteens " + std::to_string(i)});
    }
    return Document{"议程 · Agenda", {Page{{Heading{"2024 产销对接会 · 叶城县核桃产业有限公司"}, Paragraph{"上海国际农展中心 2 号馆"}, meetings}}}};
}

TEST(PdfDocument, ChineseAndEnglishTextIsThereForAReader) {
    auto bytes = render(agenda(3));
    ASSERT_TRUE(bytes) << bytes.error().message;
    EXPECT_TRUE(bytes->starts_with("%PDF-"));
    test::TempDir dir;
    const std::string path = saved(dir, *bytes);
    const std::string text = output_of("pdftotext -enc UTF-8 '" + path + "' -");
    EXPECT_NE(text.find("叶城县核桃产业有限公司"), std::string::npos) << text;
    EXPECT_NE(text.find("闵行区教育局食堂"), std::string::npos) << text;
    EXPECT_NE(text.find("Canteens 2"), std::string::npos) << "a long cell wraps inside its column: " << text;
    const std::string info = output_of("pdfinfo '" + path + "'");
    EXPECT_EQ(info_field(info, "Title"), "议程 · Agenda") << info;
    EXPECT_EQ(info_field(info, "Pages"), "1") << info;
    EXPECT_EQ(info_field(info, "Page size"), "595.276 x 841.89 pts (A4)") << info;
}

TEST(PdfDocument, ALongTableContinuesWithItsHeaderOnTheNextPage) {
    auto bytes = render(agenda(120));
    ASSERT_TRUE(bytes) << bytes.error().message;
    test::TempDir dir;
    const std::string path = saved(dir, *bytes);
    const std::string info = output_of("pdfinfo '" + path + "'");
    EXPECT_GE(std::atoi(info_field(info, "Pages").c_str()), 2) << info;
    const std::string second = output_of("pdftotext -enc UTF-8 -f 2 -l 2 '" + path + "' -");
    EXPECT_NE(second.find("对方 Counterpart"), std::string::npos) << "header repeated: " << second;
    const std::string all = output_of("pdftotext -enc UTF-8 '" + path + "' -");
    EXPECT_NE(all.find("Canteens 119"), std::string::npos) << "no row lost at a page break";
}

TEST(PdfDocument, APrintedQrCodeScans) {
    auto code = qr::encode("https://kashlink.example/fairs/checkin/7QK2M9XD");
    ASSERT_TRUE(code);
    Document badge{"Badge", {Page{{Heading{"阿依古丽 · 叶城县核桃产业有限公司"}, Matrix{code->size, code->dark, 40, "7QK2M9XD"}}}}};
    auto bytes = render(badge);
    ASSERT_TRUE(bytes) << bytes.error().message;
    test::TempDir dir;
    const std::string path = saved(dir, *bytes);
    output_of("pdftoppm -r 150 -png -singlefile '" + path + "' '" + dir.file("page") + "'");
    EXPECT_EQ(output_of("zbarimg --quiet --raw -Sbinary '" + dir.file("page.png") + "'"),
              "https://kashlink.example/fairs/checkin/7QK2M9XD");
    EXPECT_NE(output_of("pdftotext '" + path + "' -").find("7QK2M9XD"), std::string::npos) << "the caption to type";
}

TEST(PdfDocument, RefusesMalformedBlocksByPlace) {
    Document ragged = agenda(3);
    std::get<Table>(ragged.pages[0].blocks[2]).rows[1].pop_back();
    auto refused = render(ragged);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields.at(0).field, "pages/0/blocks/2/rows/1");
    Document bad_text{"t", {Page{{Paragraph{std::string("\xff\xfe", 2)}}}}};
    EXPECT_EQ(render(bad_text).error().fields.at(0).code, ProblemCode::invalid_utf8);
    Document bad_matrix{"t", {Page{{Matrix{21, std::vector<uint8_t>(20, 1), 30, ""}}}}};
    EXPECT_EQ(render(bad_matrix).error().fields.at(0).field, "pages/0/blocks/0/dark");
    Document too_long{"t", {Page{{Heading{std::string(text_bytes_max + 1, 'x')}}}}};
    EXPECT_EQ(render(too_long).error().fields.at(0).code, ProblemCode::length_out_of_range);
}

}  // namespace
}  // namespace kl::pdf

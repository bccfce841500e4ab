#include "sheets/xlsx.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "sheets/readable.h"
#include "support/test_env.h"

namespace kl::sheets {
namespace {

Table sample() {
    Table table;
    table.sheet_name = "products";
    table.columns = {{"name_zh", false}, {"price_fen", true}, {"note", false}};
    table.rows = {{"莎车纸皮巴旦木", "4200", "=1+1"}, {"巴楚留香瓜", "", "plain"}, {"叶城核桃", "not a number", ""}};
    return table;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// The output of a shell command (unzip), or nullopt when it failed.
std::optional<std::string> run(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
    if (!pipe) return std::nullopt;
    std::string out;
    char buffer[4096];
    while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
    return out;
}

TEST(Xlsx, WritesAZipWithTheSheet) {
    test::TempDir dir;
    const std::string path = dir.file("products.xlsx");
    ASSERT_TRUE(write_xlsx_file(sample(), path));
    const std::string bytes = read_all(path);
    EXPECT_TRUE(bytes.starts_with(std::string("PK\x03\x04", 4))) << "an XLSX file is a zip archive";
    EXPECT_GT(bytes.size(), 3000u);
    EXPECT_NE(bytes.find("xl/worksheets/sheet1.xml"), std::string::npos);
    EXPECT_NE(bytes.find("xl/sharedStrings.xml"), std::string::npos);

    // With unzip at hand (Debian's unzip package), look inside as a spreadsheet program would.
    if (std::system("command -v unzip > /dev/null 2>&1") != 0) GTEST_SKIP() << "unzip is not installed";
    auto listing = run("unzip -l '" + path + "'");
    ASSERT_TRUE(listing);
    EXPECT_NE(listing->find("xl/worksheets/sheet1.xml"), std::string::npos);
    auto strings = run("unzip -p '" + path + "' xl/sharedStrings.xml");
    ASSERT_TRUE(strings);
    EXPECT_NE(strings->find("莎车纸皮巴旦木"), std::string::npos);
    EXPECT_NE(strings->find("=1+1"), std::string::npos) << "a formula-looking cell stays text";
    EXPECT_NE(strings->find("not a number"), std::string::npos) << "a non-integer in a numeric column is text";
    auto sheet = run("unzip -p '" + path + "' xl/worksheets/sheet1.xml");
    ASSERT_TRUE(sheet);
    EXPECT_NE(sheet->find("<v>4200</v>"), std::string::npos) << "integers are numbers";
    EXPECT_EQ(sheet->find("<f>"), std::string::npos) << "no formulas";
    auto workbook = run("unzip -p '" + path + "' xl/workbook.xml");
    ASSERT_TRUE(workbook);
    EXPECT_NE(workbook->find("name=\"products\""), std::string::npos);
}

TEST(Xlsx, BytesMatchTheFileAndTemporaryFilesAreRemoved) {
    auto bytes = xlsx_bytes(sample());
    ASSERT_TRUE(bytes) << bytes.error().message;
    EXPECT_TRUE(bytes->starts_with(std::string("PK\x03\x04", 4)));
    EXPECT_GT(bytes->size(), 3000u);
}

TEST(Xlsx, RefusesACellLongerThanExcelAllows) {
    Table table = sample();
    table.rows[0][2] = std::string(xlsx_cell_chars_max + 1, 'x');
    test::TempDir dir;
    auto written = write_xlsx_file(table, dir.file("too-long.xlsx"));
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, ErrorCode::resource_exhausted);
}

Table twins_sample() {
    Table table;
    table.columns = {{"quantity_g", true}, {"amount_fen", true}, {"share_bp", true}};
    table.rows = {{"1234567", "-5", "8750"}};
    return table;
}

TEST(Xlsx, ReadableTwinsAreDecimalNumbers) {
    if (std::system("command -v unzip > /dev/null 2>&1") != 0) GTEST_SKIP() << "unzip is not installed";
    test::TempDir dir;
    const std::string path = dir.file("offers.xlsx");
    ASSERT_TRUE(write_xlsx_file(with_readable_columns(twins_sample()), path));
    auto sheet = run("unzip -p '" + path + "' xl/worksheets/sheet1.xml");
    ASSERT_TRUE(sheet);
    EXPECT_NE(sheet->find("<v>1234.567</v>"), std::string::npos) << "kilograms are a number";
    EXPECT_NE(sheet->find("<v>-0.05</v>"), std::string::npos) << "yuan are a number";
    EXPECT_NE(sheet->find("<v>87.5</v>"), std::string::npos) << "per cent is a number";
}

}  // namespace
}  // namespace kl::sheets

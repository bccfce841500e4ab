#include "sheets/xlsx.h"

#include <xlsxwriter.h>

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

namespace kl::sheets {

namespace {

// Column widths in characters: wide enough for a code or a short name, capped so a long address
// does not push everything else off the screen.
constexpr double column_width_min = 10;
constexpr double column_width_max = 40;
constexpr size_t excel_sheet_name_chars_max = 31;

struct WorkbookCloser {
    void operator()(lxw_workbook* workbook) const {
        if (workbook != nullptr) workbook_close(workbook);
    }
};

// A numeric cell as a spreadsheet number: an integer, or a decimal of at most three places (the
// readable yuan / kg / % twins, sheets/readable.h), while its digits are exact in a double; text otherwise.
// The decimal is its digits divided by a power of ten, both exact, so the double is the nearest one.
std::optional<double> exact_number(const std::string& cell) {
    constexpr size_t decimals_max = 3;
    const size_t dot = cell.find('.');
    const size_t decimals = dot == std::string::npos ? 0 : cell.size() - dot - 1;
    if (dot != std::string::npos && (decimals == 0 || decimals > decimals_max || dot == 0 || cell[dot - 1] == '-')) {
        return std::nullopt;
    }
    const std::string digits = dot == std::string::npos ? cell : cell.substr(0, dot) + cell.substr(dot + 1);
    long long value = 0;
    const char* end = digits.data() + digits.size();
    auto [stop, error] = std::from_chars(digits.data(), end, value);
    if (digits.empty() || error != std::errc() || stop != end) return std::nullopt;
    if (value > xlsx_exact_integer_max || value < -xlsx_exact_integer_max) return std::nullopt;
    double scale = 1;
    for (size_t i = 0; i < decimals; ++i) scale *= 10;
    return static_cast<double>(value) / scale;
}

Result<void> check(lxw_error error, const std::string& what) {
    if (error == LXW_NO_ERROR) return ok();
    if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
        return fail(ErrorCode::resource_exhausted,
                    what + ": a cell is longer than " + std::to_string(xlsx_cell_chars_max) + " characters");
    }
    return fail(ErrorCode::internal, what + ": " + lxw_strerror(error));
}

std::string sheet_name_of(const Table& table) {
    std::string name = table.sheet_name.empty() ? "Sheet1" : table.sheet_name;
    for (char& c : name) {
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
    }
    if (name.size() > excel_sheet_name_chars_max) name.resize(excel_sheet_name_chars_max);
    return name;
}

Result<void> write_cells(lxw_worksheet* sheet, const Table& table, lxw_format* bold) {
    for (size_t c = 0; c < table.columns.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        KL_TRY(check(worksheet_write_string(sheet, 0, col, table.columns[c].name.c_str(), bold), "header"));
        double width = std::clamp(static_cast<double>(table.columns[c].name.size()) + 2, column_width_min,
                                  column_width_max);
        KL_TRY(check(worksheet_set_column(sheet, col, col, width, nullptr), "column width"));
    }
    for (size_t r = 0; r < table.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        const auto& cells = table.rows[r];
        KL_ASSERT(cells.size() == table.columns.size());
        for (size_t c = 0; c < cells.size(); ++c) {
            if (cells[c].empty()) continue;
            const auto col = static_cast<lxw_col_t>(c);
            std::optional<double> number = table.columns[c].numeric ? exact_number(cells[c]) : std::nullopt;
            if (number) {
                KL_TRY(check(worksheet_write_number(sheet, row, col, *number, nullptr), "cell"));
            } else {
                KL_TRY(check(worksheet_write_string(sheet, row, col, cells[c].c_str(), nullptr), "cell"));
            }
        }
    }
    return ok();
}

}  // namespace

Result<void> write_xlsx_file(const Table& table, const std::string& path) {
    if (table.rows.size() + 1 > xlsx_rows_max) {
        return fail(ErrorCode::resource_exhausted,
                    "an XLSX sheet holds at most " + std::to_string(xlsx_rows_max - 1) + " rows; export CSV instead");
    }
    std::unique_ptr<lxw_workbook, WorkbookCloser> workbook(workbook_new(path.c_str()));
    if (!workbook) return fail(ErrorCode::internal, "libxlsxwriter could not create " + path);
    const std::string sheet_name = sheet_name_of(table);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook.get(), sheet_name.c_str());
    lxw_format* bold = workbook_add_format(workbook.get());
    if (sheet == nullptr || bold == nullptr) return fail(ErrorCode::internal, "libxlsxwriter could not add a sheet");
    format_set_bold(bold);
    KL_TRY(write_cells(sheet, table, bold));
    worksheet_freeze_panes(sheet, 1, 0);
    if (!table.columns.empty()) {
        KL_TRY(check(worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                                          static_cast<lxw_col_t>(table.columns.size() - 1)),
                     "autofilter"));
    }
    const lxw_error closed = workbook_close(workbook.release());
    return check(closed, "writing " + path);
}

Result<std::string> xlsx_bytes(const Table& table) {
    std::error_code error;
    const std::filesystem::path directory = std::filesystem::temp_directory_path(error);
    if (error) return fail(ErrorCode::unavailable, "no temporary directory: " + error.message());
    std::string path = (directory / "kashlink-export-XXXXXX").string();
    const int fd = ::mkstemp(path.data());
    if (fd < 0) return fail(ErrorCode::unavailable, "cannot create a temporary file in " + directory.string());
    ::close(fd);
    auto written = write_xlsx_file(table, path);
    std::string bytes;
    if (written) {
        std::ifstream in(path, std::ios::binary);
        if (in) {
            std::ostringstream buffer;
            buffer << in.rdbuf();
            bytes = buffer.str();
        } else {
            written = fail(ErrorCode::internal, "cannot read back " + path);
        }
    }
    std::filesystem::remove(path, error);
    if (!written) return fail(std::move(written).error());
    return bytes;
}

}  // namespace kl::sheets

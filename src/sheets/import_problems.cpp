#include "sheets/import_problems.h"

#include <algorithm>
#include <cstdlib>

namespace kl::sheets {

namespace {

// The row number of "row <n>/…"; 0 for "file" and "header/…".
size_t row_of(const std::string& field) {
    if (!field.starts_with("row ")) return 0;
    return static_cast<size_t>(std::strtoull(field.c_str() + 4, nullptr, 10));
}

std::vector<FieldError> in_row_order(std::vector<FieldError> problems) {
    std::stable_sort(problems.begin(), problems.end(),
                     [](const FieldError& a, const FieldError& b) { return row_of(a.field) < row_of(b.field); });
    return problems;
}

}  // namespace

Result<std::vector<CsvRecord>> parse_import_csv(std::string_view text, std::string_view where_listed) {
    KL_TRY_ASSIGN(std::vector<CsvRecord> records, parse_csv(text));
    if (records.empty()) {
        std::string message = "is empty: the first row must be the header";
        if (!where_listed.empty()) message += " (" + std::string(where_listed) + ")";
        return fail_field("file", ProblemCode::invalid_value, message);
    }
    return records;
}

Error rejected_file(std::vector<FieldError> problems, ErrorCode code) {
    const size_t total = problems.size();
    if (problems.size() > import_errors_max) {
        const size_t more = total - import_errors_max;
        problems.erase(problems.begin() + static_cast<std::ptrdiff_t>(import_errors_max), problems.end());
        problems.emplace_back("file", ProblemCode::more_not_listed,
                              "and " + std::to_string(more) + " more problems not listed", ProblemParams{{"count", more}});
    }
    std::string message = total == 1 ? "the file has a problem (" + problems[0].field + ": " + problems[0].message + ")"
                                     : "the file has " + std::to_string(total) + " problems";
    message += "; nothing was imported";
    return Error{code, std::move(message), std::move(problems)};
}

Result<void> ImportProblems::finish() const {
    if (empty()) return ok();
    if (denied_.empty()) return fail(rejected_file(in_row_order(invalid_.errors())));
    std::vector<FieldError> all = in_row_order(denied_.errors());
    for (auto& problem : in_row_order(invalid_.errors())) all.push_back(std::move(problem));
    return fail(rejected_file(std::move(all), ErrorCode::permission_denied));
}

}  // namespace kl::sheets

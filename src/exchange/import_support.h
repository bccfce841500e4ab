#pragma once
// What the importers share while they apply rows inside their one transaction: the problems found so
// far, and how a service's refusal becomes a problem of a row (internal to src/exchange).

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "exchange/cells.h"

namespace kl::exchange {

class ImportProblems {
public:
    void add(std::string field, std::string message) { invalid_.push_back(FieldError{std::move(field), std::move(message)}); }
    void deny(std::string field, std::string message) { denied_.push_back(FieldError{std::move(field), std::move(message)}); }

    // Records a service's refusal of the row numbered `row`: each of its fields under the column
    // `column_for(field)` names, or its message on the row when it names no field. A failure of the
    // environment (database unavailable, internal error) is returned instead: it is not the file's
    // fault and must end the import.
    template <typename ColumnFor>
    Result<void> record(size_t row, const Error& error, ColumnFor column_for) {
        if (error.code == ErrorCode::unavailable || error.code == ErrorCode::internal) return fail(error);
        std::vector<FieldError>& into = error.code == ErrorCode::permission_denied ? denied_ : invalid_;
        if (error.fields.empty()) {
            into.push_back(FieldError{cell_field(row, ""), error.message});
            return ok();
        }
        for (const auto& field : error.fields) {
            into.push_back(FieldError{cell_field(row, column_for(field.field)), field.message});
        }
        return ok();
    }

    bool empty() const { return invalid_.empty() && denied_.empty(); }

    // Success when nothing was found; otherwise the rejected file: permission_denied (listing every
    // problem, refusals first) when any row was refused for permission, else invalid_argument.
    // Problems come in row order (file and header problems first), each row's in the order found.
    Result<void> finish() const {
        if (empty()) return ok();
        if (denied_.empty()) return fail(rejected_file(in_row_order(invalid_)));
        std::vector<FieldError> all = in_row_order(denied_);
        for (auto& problem : in_row_order(invalid_)) all.push_back(std::move(problem));
        return fail(rejected_file(std::move(all), ErrorCode::permission_denied));
    }

private:
    static std::vector<FieldError> in_row_order(std::vector<FieldError> problems) {
        std::stable_sort(problems.begin(), problems.end(), [](const FieldError& a, const FieldError& b) {
            return row_of(a.field) < row_of(b.field);
        });
        return problems;
    }
    // The row number of "row <n>/…"; 0 for "file" and "header/…".
    static size_t row_of(const std::string& field) {
        if (!field.starts_with("row ")) return 0;
        return static_cast<size_t>(std::strtoull(field.c_str() + 4, nullptr, 10));
    }

    std::vector<FieldError> invalid_;
    std::vector<FieldError> denied_;
};

}  // namespace kl::exchange

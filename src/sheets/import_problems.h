#pragma once
// The problems of an imported sheet while its rows are applied inside one transaction, each named by
// row and column ("row 7/grade2_price_fen", "header/code", "file"; sheets/cells.h: cell_field). A
// thin wrapper over core's FieldErrors, the one way to collect field errors: it adds only what a
// sheet needs beyond a form — refusals for permission kept apart from invalid cells, a service's
// refusal of a row turned into problems of that row's cells, problems reported in row order, and a
// bound on how many are reported.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/field_errors.h"
#include "core/result.h"
#include "sheets/cells.h"
#include "sheets/csv.h"

namespace kl::sheets {

// An import reports at most this many problems (then how many more there were): enough to fix a
// file in one pass, bounded so a wholly wrong file does not produce a response of megabytes.
inline constexpr size_t import_errors_max = 1000;

// The error of a rejected file: every problem (up to import_errors_max) as a field, and a message
// saying nothing was imported. invalid_argument unless `code` says otherwise.
Error rejected_file(std::vector<FieldError> problems, ErrorCode code = ErrorCode::invalid_argument);

// The records of a CSV file to import (parse_csv), or invalid_value naming `file` when it has no row
// at all: its first row must be the header (`where_listed`, when given, says where its columns are
// described, e.g. "see README").
Result<std::vector<CsvRecord>> parse_import_csv(std::string_view text, std::string_view where_listed = {});

class ImportProblems {
public:
    // The problems decoding found before the rows are applied (a file's header and cells).
    void add_all(const std::vector<FieldError>& found) {
        for (const auto& problem : found) add(problem.field, problem.code, problem.message, problem.params);
    }
    void add(std::string field, ProblemCode code, std::string message, ProblemParams params = {}) {
        invalid_.add(std::move(field), code, std::move(message), std::move(params));
    }
    void deny(std::string field, ProblemCode code, std::string message, ProblemParams params = {}) {
        denied_.add(std::move(field), code, std::move(message), std::move(params));
    }

    // Records a service's refusal of the row numbered `row`: each of its fields under the column
    // `column_for(field)` names, or its message on the row when it names no field. A failure of the
    // environment (database unavailable, internal error) is returned instead: it is not the file's
    // fault and must end the import.
    template <typename ColumnFor>
    Result<void> record(size_t row, const Error& error, ColumnFor column_for) {
        if (error.code == ErrorCode::unavailable || error.code == ErrorCode::internal) return fail(error);
        FieldErrors& into = error.code == ErrorCode::permission_denied ? denied_ : invalid_;
        if (error.fields.empty()) {
            into.add(cell_field(row, ""), error.problem_code(), error.message, error.params);
            return ok();
        }
        for (const auto& field : error.fields) into.add(cell_field(row, column_for(field.field)), field.code, field.message, field.params);
        return ok();
    }

    bool empty() const { return invalid_.empty() && denied_.empty(); }

    // Success when nothing was found; otherwise the rejected file: permission_denied (listing every
    // problem, refusals first) when any row was refused for permission, else invalid_argument.
    // Problems come in row order (file and header problems first), each row's in the order found.
    Result<void> finish() const;

private:
    FieldErrors invalid_;
    FieldErrors denied_;
};

}  // namespace kl::sheets

#include "sheets/import_problems.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kl::sheets {
namespace {

// The service refusals a row can meet, named by the service's own fields.
Error refusal(ErrorCode code, std::vector<FieldError> fields, std::string message = "refused") {
    return Error{code, std::move(message), std::move(fields)};
}

std::string column_of(const std::string& field) { return field == "name_zh" ? "name" : field; }

std::vector<std::string> fields_of(const Error& error) {
    std::vector<std::string> fields;
    for (const auto& field : error.fields) fields.push_back(field.field);
    return fields;
}

// An importer's file: parsed, and refused naming `file` when it has no row at all (not even the
// header); a header alone is a file with no data rows, for the importer to answer.
TEST(ImportProblems, AnEmptyImportFileIsRefusedNamingTheFile) {
    for (const std::string text : {"", "\xEF\xBB\xBF"}) {
        auto empty = parse_import_csv(text);
        ASSERT_FALSE(empty);
        EXPECT_EQ(empty.error().code, ErrorCode::invalid_argument);
        ASSERT_EQ(empty.error().fields.size(), 1u);
        EXPECT_EQ(empty.error().fields[0].field, "file");
        EXPECT_EQ(empty.error().fields[0].message, "is empty: the first row must be the header");
    }
    EXPECT_EQ(parse_import_csv("", "see README").error().fields.at(0).message,
              "is empty: the first row must be the header (see README)");
    auto header_only = parse_import_csv("code,name\r\n");
    ASSERT_TRUE(header_only);
    ASSERT_EQ(header_only->size(), 1u);
    // Errors of the CSV itself are parse_csv's, unchanged.
    auto broken = parse_import_csv("code,name\n\"unclosed,x\n");
    EXPECT_FALSE(broken);
}

TEST(ImportProblems, DecodingProblemsAreAddedAllAtOnce) {
    ImportProblems problems;
    problems.add_all({FieldError{"header/code", ProblemCode::missing_column, "is missing", {}},
                      FieldError{"row 3/name", ProblemCode::required, "is required", {}}});
    EXPECT_FALSE(problems.empty());
    auto finished = problems.finish();
    ASSERT_FALSE(finished);
    EXPECT_EQ(fields_of(finished.error()), (std::vector<std::string>{"header/code", "row 3/name"}));
}

TEST(ImportProblems, NothingFoundFinishesWell) {
    ImportProblems problems;
    EXPECT_TRUE(problems.empty());
    EXPECT_TRUE(problems.finish());
}

TEST(ImportProblems, ReportsProblemsInRowOrderFileAndHeaderFirst) {
    ImportProblems problems;
    problems.add(cell_field(12, "price"), ProblemCode::invalid_value, "late");
    problems.add(cell_field(3, "name"), ProblemCode::invalid_value, "early");
    problems.add("header/code", ProblemCode::missing_column, "is missing");
    problems.add(cell_field(3, "code"), ProblemCode::invalid_value, "second on row 3");
    problems.add("file", ProblemCode::invalid_value, "whole file");
    auto finished = problems.finish();
    ASSERT_FALSE(finished);
    EXPECT_EQ(finished.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(fields_of(finished.error()),
              (std::vector<std::string>{"header/code", "file", "row 3/name", "row 3/code", "row 12/price"}));
    EXPECT_EQ(finished.error().message, "the file has 5 problems; nothing was imported");
}

TEST(ImportProblems, RecordsARefusalUnderTheRowsColumns) {
    ImportProblems problems;
    ASSERT_TRUE(problems.record(4, refusal(ErrorCode::invalid_argument, {FieldError{"name_zh", ProblemCode::blank, "is blank"}}), column_of));
    ASSERT_TRUE(problems.record(5, refusal(ErrorCode::already_exists, {}, "already there"), column_of));
    auto finished = problems.finish();
    ASSERT_FALSE(finished);
    ASSERT_EQ(finished.error().fields.size(), 2u);
    EXPECT_EQ(finished.error().fields[0].field, "row 4/name");
    EXPECT_EQ(finished.error().fields[0].message, "is blank");
    EXPECT_EQ(finished.error().fields[1].field, "row 5");
    EXPECT_EQ(finished.error().fields[1].message, "already there");
}

TEST(ImportProblems, PermissionRefusalsComeFirstAndDecideTheCode) {
    ImportProblems problems;
    problems.add(cell_field(2, "name"), ProblemCode::invalid_value, "is blank");
    ASSERT_TRUE(problems.record(7, refusal(ErrorCode::permission_denied, {FieldError{"producer_id", ProblemCode::outside_own_scope, "not yours"}}), column_of));
    problems.deny(cell_field(9, "producer"), ProblemCode::invalid_value, "not yours either");
    auto finished = problems.finish();
    ASSERT_FALSE(finished);
    EXPECT_EQ(finished.error().code, ErrorCode::permission_denied);
    EXPECT_EQ(fields_of(finished.error()), (std::vector<std::string>{"row 7/producer_id", "row 9/producer", "row 2/name"}));
}

TEST(ImportProblems, AFailureOfTheEnvironmentEndsTheImportInstead) {
    ImportProblems problems;
    auto recorded = problems.record(3, refusal(ErrorCode::unavailable, {}, "database is busy"), column_of);
    ASSERT_FALSE(recorded);
    EXPECT_EQ(recorded.error().code, ErrorCode::unavailable);
    EXPECT_TRUE(problems.empty());
}

TEST(RejectedFile, NamesTheOnlyProblemInItsMessage) {
    const Error error = rejected_file({FieldError{"row 2/code", ProblemCode::required, "is required"}});
    EXPECT_EQ(error.code, ErrorCode::invalid_argument);
    EXPECT_EQ(error.message, "the file has a problem (row 2/code: is required); nothing was imported");
}

TEST(RejectedFile, ListsAtMostTheBoundThenHowManyMore) {
    std::vector<FieldError> problems(import_errors_max + 5, FieldError{"row 2/code", ProblemCode::required, "is required"});
    const Error error = rejected_file(std::move(problems));
    ASSERT_EQ(error.fields.size(), import_errors_max + 1);
    EXPECT_EQ(error.fields.back().field, "file");
    EXPECT_EQ(error.fields.back().message, "and 5 more problems not listed");
    EXPECT_EQ(error.message, "the file has " + std::to_string(import_errors_max + 5) + " problems; nothing was imported");
}

}  // namespace
}  // namespace kl::sheets

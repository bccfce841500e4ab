#include "sheets/csv.h"

#include <csv.h>

#include <optional>

#include "core/unicode_text.h"

namespace kl::sheets {

namespace {

// What the libcsv callbacks build; the first problem stops the collection (libcsv itself cannot be
// stopped from a callback, so later fields are ignored instead).
struct ParseState {
    std::vector<CsvRecord> records;
    CsvRecord current;
    std::optional<std::string> problem;
};

std::string at_record(size_t record) { return "record " + std::to_string(record) + ": "; }

void on_field(void* data, size_t size, void* state_ptr) {
    auto& state = *static_cast<ParseState*>(state_ptr);
    if (state.problem) return;
    const size_t record = state.records.size() + 1;
    const size_t column = state.current.size() + 1;
    if (size > csv_field_bytes_max) {
        state.problem = at_record(record) + "field " + std::to_string(column) + " is longer than " +
                        std::to_string(csv_field_bytes_max) + " bytes";
        return;
    }
    if (state.current.size() == csv_fields_per_record_max) {
        state.problem = at_record(record) + "has more than " + std::to_string(csv_fields_per_record_max) + " fields";
        return;
    }
    std::string field(static_cast<const char*>(data), size);
    if (!unicode::is_valid_utf8(field)) {
        state.problem = at_record(record) + "field " + std::to_string(column) +
                        " is not valid UTF-8 (save the file as \"CSV UTF-8\")";
        return;
    }
    state.current.push_back(std::move(field));
}

void on_record_end(int, void* state_ptr) {
    auto& state = *static_cast<ParseState*>(state_ptr);
    if (state.problem) return;
    if (state.records.size() == csv_records_max) {
        state.problem = "the file has more than " + std::to_string(csv_records_max) + " records";
        return;
    }
    state.records.push_back(std::move(state.current));
    state.current.clear();
}

// Spaces are data: a name that ends in a space must come back with it.
int no_spaces(unsigned char) { return 0; }

// Owns a libcsv parser for the duration of one parse.
class Parser {
public:
    Parser() { initialised_ = csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI) == 0; }
    ~Parser() {
        if (initialised_) csv_free(&parser_);
    }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
    bool ok() const { return initialised_; }
    csv_parser* get() { return &parser_; }

private:
    csv_parser parser_{};
    bool initialised_ = false;
};

bool needs_quotes(std::string_view field) { return field.find_first_of(",\"\r\n") != std::string_view::npos; }

bool is_formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

// Whether `text` is apostrophes followed by a character a spreadsheet would treat as a formula start.
bool looks_like_formula(std::string_view text) {
    const size_t first = text.find_first_not_of('\'');
    return first != std::string_view::npos && is_formula_start(text[first]);
}

}  // namespace

Result<std::vector<CsvRecord>> parse_csv(std::string_view text) {
    if (text.size() > csv_bytes_max) {
        return fail_field("file", ProblemCode::invalid_value, "is larger than " + std::to_string(csv_bytes_max) + " bytes");
    }
    if (text.starts_with(utf8_bom)) text.remove_prefix(utf8_bom.size());
    Parser parser;
    if (!parser.ok()) return fail(ErrorCode::internal, "libcsv could not start a parser");
    csv_set_space_func(parser.get(), no_spaces);
    ParseState state;
    const size_t parsed = csv_parse(parser.get(), text.data(), text.size(), on_field, on_record_end, &state);
    if (parsed != text.size()) {
        const int code = csv_error(parser.get());
        if (code == CSV_EPARSE) {
            return fail_field("file", ProblemCode::repeated, at_record(state.records.size() + 1) +
                                          "a quote is misplaced: a quoted field must end with a quote followed by a "
                                          "comma or the end of the line, and a quote inside a field is written twice");
        }
        return fail(ErrorCode::resource_exhausted, std::string("CSV parser: ") + csv_strerror(code));
    }
    if (csv_fini(parser.get(), on_field, on_record_end, &state) != 0 || csv_error(parser.get()) == CSV_EPARSE) {
        return fail_field("file", ProblemCode::invalid_value, at_record(state.records.size() + 1) + "a quoted field is never closed");
    }
    if (state.problem) return fail_field("file", ProblemCode::invalid_value, *state.problem);
    return std::move(state.records);
}

void append_csv_field(std::string& out, std::string_view field) {
    if (!needs_quotes(field)) {
        out.append(field);
        return;
    }
    out.push_back('"');
    for (const char c : field) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

std::string write_csv(const std::vector<CsvRecord>& records) {
    std::string out(utf8_bom);
    for (const auto& record : records) {
        // A record of one empty field would be a blank line, which readers skip: quote it.
        if (record.size() == 1 && record[0].empty()) {
            out += "\"\"\r\n";
            continue;
        }
        for (size_t i = 0; i < record.size(); ++i) {
            if (i > 0) out.push_back(',');
            append_csv_field(out, record[i]);
        }
        out += "\r\n";
    }
    return out;
}

std::string protect_text(std::string_view text) {
    if (!looks_like_formula(text)) return std::string(text);
    return "'" + std::string(text);
}

std::string unprotect_text(std::string_view text) {
    if (text.starts_with('\'') && looks_like_formula(text.substr(1))) text.remove_prefix(1);
    return std::string(text);
}

}  // namespace kl::sheets

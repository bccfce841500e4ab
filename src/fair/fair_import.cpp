// FairService::import_csv: an organiser registers many participants from one CSV file. Every row is
// decoded and its organisation looked up first; an unknown organisation (or any bad cell) rejects
// the whole file, each problem named by row and column. Then the rows are registered through the
// same rules as one registration, in one transaction: a row the rules refuse rejects the file too.
#include <map>

#include "fair/fair_access.h"
#include "fair/fair_repo.h"
#include "fair/fair_service.h"
#include "sheets/cells.h"
#include "sheets/csv.h"
#include "sheets/import_problems.h"

namespace kl::fair {

namespace {

const std::vector<std::string> columns = {"side",    "org",          "person_name",  "title", "phone",
                                          "booth",   "products",     "meetings_min", "meetings_max", "slots"};
const std::vector<std::string> required_columns = {"side", "org", "meetings_min", "meetings_max"};

struct DecodedRow {
    size_t row = 0;
    std::string org_key;
    Attendee attendee;
};

std::vector<DecodedRow> decode_rows(const std::vector<sheets::CsvRecord>& records, const sheets::ColumnIndex& index,
                                    std::vector<FieldError>& problems) {
    std::vector<DecodedRow> out;
    for (size_t i = 1; i < records.size(); ++i) {
        const size_t row = i + 1;
        sheets::RowReader reader(index, records[i], row, problems);
        if (!reader.fits_header()) continue;
        DecodedRow decoded;
        decoded.row = row;
        auto side = reader.parsed("side", true, [](std::string_view text, const std::string& field) {
            return parse_enum<Side>(text, field);
        });
        auto org = reader.token("org", true);
        auto min = reader.integer("meetings_min", true);
        auto max = reader.integer("meetings_max", true);
        if (!side || !org || !min || !max) continue;
        decoded.org_key = *org;
        Attendee& a = decoded.attendee;
        a.side = *side;
        a.person_name = reader.text("person_name");
        a.title = reader.text("title");
        a.phone = reader.text("phone");
        a.booth = reader.text("booth");
        a.product_ids = reader.list("products");
        a.slot_ids = reader.list("slots");
        a.meetings_min = *min;
        a.meetings_max = *max;
        out.push_back(std::move(decoded));
    }
    return out;
}

// The CSV column a service field error belongs to.
std::string column_for(const std::string& field) {
    const std::string head = field.substr(0, field.find('/'));
    if (head == "org_id") return "org";
    if (head == "product_ids") return "products";
    if (head == "slot_ids") return "slots";
    return head;
}

}  // namespace

Result<ImportSummary> FairService::import_csv(const Actor& actor, const std::string& event_id, const std::string& csv_text) {
    KL_TRY_ASSIGN(std::vector<sheets::CsvRecord> records, sheets::parse_import_csv(csv_text));
    std::vector<FieldError> problems;
    auto index = sheets::read_header(records[0], columns, required_columns, "the participants sheet", problems);
    if (!index) return fail(sheets::rejected_file(std::move(problems)));
    if (records.size() - 1 > static_cast<size_t>(participants_max)) {
        return fail_field("file", ProblemCode::too_many, "at most " + std::to_string(participants_max) + " rows",
                          {{"max", participants_max}});
    }
    std::vector<DecodedRow> rows = decode_rows(records, *index, problems);
    return store_.write([&](store::Tx& tx) -> Result<ImportSummary> {
        KL_TRY_ASSIGN(Event event, load_event(tx, event_id));
        KL_TRY(require_organiser(actor, event));
        KL_TRY_ASSIGN(int64_t registered, count_attendees(tx, event_id));
        if (registered + static_cast<int64_t>(rows.size()) > participants_max) {
            return fail_field("file", ProblemCode::too_many,
                              "the event would have more than " + std::to_string(participants_max) + " participants",
                              {{"max", participants_max}});
        }
        std::vector<std::string> keys;
        for (const auto& row : rows) keys.push_back(row.org_key);
        KL_TRY_ASSIGN(auto orgs, orgs_by_id_or_credit_code(tx, keys));
        sheets::ImportProblems refused;
        refused.add_all(problems);
        for (auto& row : rows) {
            const auto found = orgs.find(row.org_key);
            if (found == orgs.end()) {
                refused.add(sheets::cell_field(row.row, "org"), ProblemCode::unknown_reference,
                            "is not a known organisation (id or unified social credit code)");
            } else {
                row.attendee.org_id = found->second.id;
            }
        }
        // A bad cell or an unknown organisation rejects the file before any row is registered.
        KL_TRY(refused.finish());
        ImportSummary summary;
        summary.rows = static_cast<int64_t>(rows.size());
        for (const auto& row : rows) {
            auto made = register_in(tx, actor, event, row.attendee);
            if (!made) {
                KL_TRY(refused.record(row.row, made.error(), column_for));
                continue;
            }
            summary.registered.push_back(std::move(*made));
        }
        KL_TRY(refused.finish());
        return summary;
    });
}

}  // namespace kl::fair

// ListingService<Kind>::import_csv (OfferService, DemandService): listings from the sheets the
// exports write (listing_tables.h), so an exported file, edited, imports again (README "Import offers
// and demands").
//
// The sheet is the export's: every column it writes may appear, in any order. The import takes
//   offers   org_id, ref, product_id, grade, quantity_g, price_fen_per_kg, available_from,
//            available_to, packed_on, origin_node_id (all required columns), and id
//   demands  org_id, ref, quantity_g, max_price_fen_per_kg, deliver_by, district (required columns),
//            and id, product_id, category_id, min_grade, min_grade_rank, min_shelf_life_days,
//            min_aided_g
// and ignores the rest (product_name_zh, best_before, status): they are what the server works out.
//
// The command line imports a file for one organisation (`kashlink import offers FILE --org ID`): then
// a row naming another organisation is a problem of its row, as another organisation's row is for a
// producer or buyer signed in.
//
// A row's identity: its id when it has one (a row of an exported file: that listing exists, so the
// row is skipped), else its ref, the organisation's own reference (required then); a ref the
// organisation already has is skipped too. An import only creates: it never changes a listing.
//
// Rows are decoded on their own first (cells, a ref or id twice in the file — both rows named), then
// applied in ONE write transaction, each through the service's create_in (the single create's
// permission and field rules); any problem rejects the whole file and nothing is written. The rows
// that decode are applied even when others did not, and the transaction rolled back, so that one
// answer names every bad row: a cell that is not a number and a quantity of 0 alike.
#include <map>
#include <utility>

#include "access/permissions.h"
#include "catalog/product_repo.h"
#include "sheets/cells.h"
#include "sheets/csv.h"
#include "sheets/import_problems.h"
#include "catalog/product_code_repo.h"
#include "market/listing_repo.h"
#include "market/listing_service.h"
#include "market/listing_tables.h"

namespace kl::market {

namespace {

using sheets::cell_field;
using sheets::CsvRecord;
using sheets::RowReader;

// A decoded data row: its number in the file (the header is row 1), the id it names (a row of an
// exported file), and the listing it would create.
template <typename New>
struct ListingRow {
    size_t row = 0;
    std::optional<std::string> id;
    New listing;
};

// What differs between the kinds' sheets, beside the kind itself (listing_kinds.h).
template <typename Kind>
struct ListingSheet {
    std::vector<std::string> columns;   // what the export writes
    std::vector<std::string> required;  // columns the header must have
    void (*decode)(RowReader&, typename Kind::New&);  // the listing's fields; problems go to the reader
};

std::vector<std::string> column_names(const sheets::Table& table) {
    std::vector<std::string> names;
    for (const auto& column : table.columns) names.push_back(column.name);
    return names;
}

// ---- decoding --------------------------------------------------------------------------------------

void decode_offer(RowReader& in, NewOffer& offer) {
    OfferFields& f = offer.fields;
    f.product_id = in.token("product_id", true).value_or("");
    f.grade = in.token("grade", true).value_or("");
    f.quantity_g = in.integer("quantity_g", true).value_or(0);
    f.price_fen_per_kg = in.integer("price_fen_per_kg", true).value_or(0);
    f.available_from = in.parsed("available_from", true, kl::parse_date).value_or(kl::Date{});
    f.available_to = in.parsed("available_to", true, kl::parse_date).value_or(kl::Date{});
    f.packed_on = in.parsed("packed_on", true, kl::parse_date).value_or(kl::Date{});
    f.origin_node_id = in.token("origin_node_id", true).value_or("");
}

void decode_demand(RowReader& in, NewDemand& demand) {
    DemandFields& f = demand.fields;
    f.product_id = in.token("product_id", false);
    f.category_id = in.token("category_id", false);
    f.min_grade = in.token("min_grade", false);
    f.min_grade_rank = in.integer("min_grade_rank", false).value_or(0);
    f.quantity_g = in.integer("quantity_g", true).value_or(0);
    f.max_price_fen_per_kg = in.integer("max_price_fen_per_kg", true).value_or(0);
    f.deliver_by = in.parsed("deliver_by", true, kl::parse_date).value_or(kl::Date{});
    f.district = in.token("district", true).value_or("");
    f.min_shelf_life_days = in.integer("min_shelf_life_days", false).value_or(0);
    f.min_aided_g = in.integer("min_aided_g", false).value_or(0);
}

template <typename Kind>
const ListingSheet<Kind>& sheet_of();

template <>
const ListingSheet<OfferKind>& sheet_of<OfferKind>() {
    static const ListingSheet<OfferKind> sheet{column_names(offers_table({})),
                                               {"org_id", "ref", "product_id", "grade", "quantity_g", "price_fen_per_kg",
                                                "available_from", "available_to", "packed_on", "origin_node_id"},
                                               decode_offer};
    return sheet;
}

template <>
const ListingSheet<DemandKind>& sheet_of<DemandKind>() {
    static const ListingSheet<DemandKind> sheet{
        column_names(demands_table({})),
        {"org_id", "ref", "quantity_g", "max_price_fen_per_kg", "deliver_by", "district"},
        decode_demand};
    return sheet;
}

template <typename Kind, typename New = typename Kind::New>
std::optional<ListingRow<New>> decode_row(const sheets::ColumnIndex& columns, const CsvRecord& record, size_t row,
                                          std::vector<FieldError>& errors) {
    const size_t before = errors.size();
    RowReader in(columns, record, row, errors);
    if (!in.fits_header()) return std::nullopt;
    ListingRow<New> out;
    out.row = row;
    out.id = in.token("id", false);
    out.listing.org_id = in.token("org_id", true).value_or("");
    if (auto ref = in.token("ref", false)) out.listing.ref = sheets::unprotect_text(*ref);
    if (!out.id && !out.listing.ref) {
        in.add("ref", "is required on a row without an id: your own reference for the " + std::string(Kind::noun) +
                          ", unique in your organisation, so that importing the file again does not create it twice");
    }
    sheet_of<Kind>().decode(in, out.listing);
    if (errors.size() != before) return std::nullopt;
    return out;
}

// Names both rows when a key is on two of them.
bool first_of_key(std::map<std::string, size_t>& seen, const std::string& key, std::string_view column,
                  const std::string& what, size_t row, std::vector<FieldError>& errors) {
    auto [at, inserted] = seen.emplace(key, row);
    if (inserted) return true;
    errors.push_back(FieldError{cell_field(at->second, column), ProblemCode::repeated, what + " is repeated on row " + std::to_string(row)});
    errors.push_back(FieldError{cell_field(row, column), ProblemCode::invalid_value, what + " is already on row " + std::to_string(at->second)});
    return false;
}

template <typename Kind, typename New = typename Kind::New>
std::vector<ListingRow<New>> decode_rows(const sheets::ColumnIndex& columns, const std::vector<CsvRecord>& records,
                                         std::vector<FieldError>& errors) {
    std::vector<ListingRow<New>> rows;
    std::map<std::string, size_t> ids;
    std::map<std::string, size_t> refs;  // org_id + '\n' + ref: a reference is unique per organisation
    for (size_t i = 1; i < records.size(); ++i) {
        auto decoded = decode_row<Kind>(columns, records[i], i + 1, errors);
        if (!decoded) continue;
        const size_t row = decoded->row;
        if (decoded->id && !first_of_key(ids, *decoded->id, "id", "id " + *decoded->id, row, errors)) continue;
        if (decoded->listing.ref &&
            !first_of_key(refs, decoded->listing.org_id + '\n' + *decoded->listing.ref, "ref",
                          "ref " + *decoded->listing.ref + " of organisation " + decoded->listing.org_id, row, errors)) {
            continue;
        }
        rows.push_back(std::move(*decoded));
    }
    return rows;
}

// ---- applying --------------------------------------------------------------------------------------

// A spreadsheet may name an offer's product by the producer's own product code (its SKU) instead of
// the id the export writes: an id is kept as it is, a code is replaced by its product's id, and
// anything else is left for the create's rules to name.
Result<void> resolve_product(store::Tx& tx, NewOffer& offer) {
    KL_TRY_ASSIGN(std::optional<catalog::Product> by_id, catalog::find_product(tx, offer.fields.product_id));
    if (by_id) return ok();
    KL_TRY_ASSIGN(std::optional<std::string> by_code,
                  catalog::find_product_by_code(tx, offer.org_id, offer.fields.product_id));
    if (by_code) offer.fields.product_id = *by_code;
    return ok();
}

Result<void> resolve_product(store::Tx&, NewDemand&) { return ok(); }

// Whether the row's listing exists already (then it is skipped); problems with the row's identity
// are added to `found`. nullopt when the row cannot be applied.
template <typename Kind, typename New = typename Kind::New>
Result<std::optional<bool>> exists(store::Tx& tx, const ListingRow<New>& row, sheets::ImportProblems& found) {
    const std::string& org_id = row.listing.org_id;
    if (row.id) {
        KL_TRY_ASSIGN(std::optional<std::string> owner, listing_org(tx, Kind::table, *row.id));
        if (owner == org_id) return std::optional<bool>(true);
        // The same words whether the listing is missing or another organisation's: nothing leaks.
        found.add(cell_field(row.row, "id"), ProblemCode::unknown_reference, "organisation " + org_id + " has no " + std::string(Kind::noun) +
                                                 " with this id; leave id empty (and give a ref) to create one");
        return std::optional<bool>();
    }
    KL_TRY_ASSIGN(std::optional<std::string> by_ref, find_by_ref(tx, Kind::table, org_id, *row.listing.ref));
    return std::optional<bool>(by_ref.has_value());
}

// Applies the decoded rows; `decoding` holds the problems of the rows that did not decode. Any problem
// at all fails the job, which rolls its transaction back.
template <typename Kind, typename New = typename Kind::New>
Result<void> apply_rows(store::Tx& tx, ListingService<Kind>& service, const Actor& actor,
                        const std::optional<std::string>& for_org, std::vector<ListingRow<New>>& rows,
                        std::vector<FieldError> decoding, ListingImportReport& report) {
    sheets::ImportProblems found;
    for (auto& problem : decoding) found.add(std::move(problem.field), problem.code, std::move(problem.message), std::move(problem.params));
    for (auto& row : rows) {
        if (!require_listing_write(actor, Kind::owner_role, row.listing.org_id)) {
            found.deny(cell_field(row.row, "org_id"), ProblemCode::outside_own_scope,
                       "you may import only your own organisation's " + std::string(Kind::noun) + "s");
            continue;
        }
        if (for_org && row.listing.org_id != *for_org) {
            found.add(cell_field(row.row, "org_id"), ProblemCode::outside_own_scope,
                      "is " + row.listing.org_id + ", but this file is imported for organisation " + *for_org + " only");
            continue;
        }
        KL_TRY_ASSIGN(std::optional<bool> present, exists<Kind>(tx, row, found));
        if (!present) continue;
        if (*present) {
            ++report.unchanged;
            continue;
        }
        KL_TRY(resolve_product(tx, row.listing));
        auto made = service.create_in(tx, actor, row.listing);
        if (!made) {
            // The create's field names are the sheet's column names.
            KL_TRY(found.record(row.row, made.error(), [](const std::string& field) { return field; }));
            continue;
        }
        ++report.created;
    }
    return found.finish();
}

Error too_large(std::string message) {
    return Error{ErrorCode::resource_exhausted, "file: " + message, {FieldError{"file", ProblemCode::invalid_value, std::move(message)}}};
}

template <typename Kind>
Result<ListingImportReport> import_sheet(store::Store& store, ListingService<Kind>& service, const Actor& actor,
                                         std::string_view csv_text, const std::optional<std::string>& for_org) {
    using New = typename Kind::New;
    KL_TRY(access::require_role(actor, {access::Role::admin, Kind::owner_role}));
    if (csv_text.size() > listing_import_bytes_max) {
        return fail(too_large("is " + std::to_string(csv_text.size()) + " bytes; an import takes at most " +
                              std::to_string(listing_import_bytes_max) + " (split the file)"));
    }
    KL_TRY_ASSIGN(std::vector<CsvRecord> records, sheets::parse_import_csv(csv_text));
    if (records.size() - 1 > listing_import_rows_max) {
        return fail(too_large("has " + std::to_string(records.size() - 1) + " rows; an import takes at most " +
                              std::to_string(listing_import_rows_max) + " (split the file)"));
    }
    std::vector<FieldError> problems;
    const ListingSheet<Kind>& sheet = sheet_of<Kind>();
    auto columns = sheets::read_header(records[0], sheet.columns, sheet.required,
                                         "the " + std::string(Kind::noun) + "s sheet", problems);
    if (!columns) return fail(sheets::rejected_file(std::move(problems)));
    std::vector<ListingRow<New>> rows = decode_rows<Kind>(*columns, records, problems);

    ListingImportReport report;
    KL_TRY(store.write([&](store::Tx& tx) -> Result<void> {
        report = ListingImportReport{records.size() - 1, 0, 0};
        // Checked first, so that a mistyped organisation is one problem, not one per row.
        if (for_org) KL_TRY(require_org_kind(tx, *for_org, Kind::producing));
        return apply_rows<Kind>(tx, service, actor, for_org, rows, problems, report);
    }));
    return report;
}

}  // namespace

template <typename Kind>
Result<ListingImportReport> ListingService<Kind>::import_csv(const Actor& actor, std::string_view csv_text,
                                                             const std::optional<std::string>& for_org) {
    return import_sheet<Kind>(store_, *this, actor, csv_text, for_org);
}

template Result<ListingImportReport> ListingService<OfferKind>::import_csv(const Actor&, std::string_view,
                                                                           const std::optional<std::string>&);
template Result<ListingImportReport> ListingService<DemandKind>::import_csv(const Actor&, std::string_view,
                                                                            const std::optional<std::string>&);

}  // namespace kl::market

// ExchangeService::import_organisations: check every row, then apply profiles and supply links in one
// transaction.
#include <map>
#include <set>

#include "access/permissions.h"
#include "catalog/organisation_directory.h"
#include "catalog/organisation_repo.h"
#include "sheets/cells.h"
#include "sheets/csv.h"
#include "exchange/exchange_service.h"
#include "sheets/import_problems.h"
#include "exchange/organisation_csv.h"

namespace kl::exchange {

namespace {

using access::OrgKind;
using access::Role;

enum class RowOutcome { created, updated, unchanged };

struct OrganisationRow {
    size_t row = 0;
    OrganisationRecord record;
    std::string id;  // set once applied
    RowOutcome outcome = RowOutcome::unchanged;
};

std::vector<OrganisationRow> decode_rows(const OrganisationLayout& layout, const std::vector<sheets::CsvRecord>& records,
                                         std::vector<FieldError>& problems) {
    auto decoded = sheets::decode_unique_rows(
        records, [&](const sheets::CsvRecord& record, size_t row) { return decode_organisation(layout, record, row, problems); },
        [](const OrganisationRecord& record) { return organisation_key(record.fields); },
        [&](const OrganisationRecord& record, size_t row, size_t first_row) {
            const std::string column = record.fields.credit_code ? "credit_code" : "name";
            problems.push_back(FieldError{sheets::cell_field(row, column), ProblemCode::invalid_value,
                                          "the same organisation is already on row " + std::to_string(first_row) +
                                              " (same credit code, or without one the same kind, name, county and district)"});
        });
    std::vector<OrganisationRow> rows;
    rows.reserve(decoded.size());
    for (auto& item : decoded) rows.push_back(OrganisationRow{item.row, std::move(item.value), "", RowOutcome::unchanged});
    return rows;
}

bool is_supplier(OrgKind kind) { return kind == OrgKind::family_workshop || kind == OrgKind::household; }

// One enterprise's links: supplier id → share, and the file row each new share came from.
struct LinkPlan {
    std::map<std::string, int64_t> current;
    std::map<std::string, int64_t> desired;
    std::map<std::string, size_t> row_of_supplier;
    size_t first_row = 0;  // a file row that names the enterprise or supplied it, for set-wide problems
    std::string enterprise_code;  // its credit code, to name it in problems
};

class OrganisationApplier {
public:
    OrganisationApplier(store::Tx& tx, catalog::OrganisationDirectory& directory,
                        const std::optional<access::Principal>& actor, sheets::ImportProblems& problems)
        : tx_(tx), directory_(directory), actor_(actor), problems_(problems) {}

    Result<void> apply_profile(OrganisationRow& row) {
        KL_TRY_ASSIGN(std::optional<std::string> existing, find_existing(row.record.fields));
        if (!existing) {
            auto made = directory_.create(actor_, row.record.fields);
            if (!made) return problem(row.row, made.error());
            row.id = made->id;
            row.outcome = RowOutcome::created;
            return ok();
        }
        row.id = *existing;
        KL_TRY_ASSIGN(std::optional<catalog::OrganisationProfile> profile, catalog::find_profile(tx_, *existing));
        KL_ASSERT(profile.has_value());
        // A row naming a system organisation (the walk-in buyer, in a file exported before exports
        // left it out) is recognised and left as Kashlink keeps it: counted unchanged, never edited.
        if (profile->system) return ok();
        if (encode_organisation({profile->fields, {}}) == encode_organisation({row.record.fields, {}})) return ok();
        auto updated = directory_.update(actor_, *existing, row.record.fields);
        if (!updated) return problem(row.row, updated.error());
        row.outcome = RowOutcome::updated;
        return ok();
    }

    // Replaces the links of every supplier row (the file says whom each supplier sells to).
    Result<void> apply_links(std::vector<OrganisationRow>& rows) {
        std::map<std::string, LinkPlan> plans;  // by enterprise id
        std::set<std::string> file_suppliers;
        for (const auto& row : rows) {
            if (is_supplier(row.record.fields.kind) && !row.id.empty()) file_suppliers.insert(row.id);
        }
        for (auto& row : rows) {
            if (!file_suppliers.contains(row.id)) continue;
            KL_TRY(plan_supplier(row, plans));
        }
        for (auto& [enterprise_id, plan] : plans) {
            KL_TRY_ASSIGN(const auto links, catalog::supply_links_of(tx_, enterprise_id));
            for (const auto& link : links) {
                plan.current[link.supplier_id] = link.share_bp;
                if (!file_suppliers.contains(link.supplier_id)) plan.desired[link.supplier_id] = link.share_bp;
            }
            if (plan.current != plan.desired) KL_TRY(replace_links(enterprise_id, plan));
        }
        return ok();
    }

private:
    // An organisation with the row's credit code; else one without a code and the same kind, name,
    // county and district (so a code added in the sheet is added to the organisation, not a twin).
    Result<std::optional<std::string>> find_existing(const catalog::OrganisationFields& fields) {
        if (fields.credit_code) {
            KL_TRY_ASSIGN(auto coded, catalog::organisation_with_credit_code(tx_, *fields.credit_code));
            if (coded) return coded;
        }
        return catalog::uncoded_organisation_like(tx_, fields);
    }

    Result<std::optional<std::string>> enterprise_id(const std::string& credit_code) {
        if (!enterprise_ids_.contains(credit_code)) {
            KL_TRY_ASSIGN(enterprise_ids_[credit_code], catalog::organisation_with_credit_code(tx_, credit_code));
        }
        return enterprise_ids_[credit_code];
    }

    // Adds the supplier's new shares to the plans of the enterprises it names, and makes sure the
    // enterprises it supplied until now are planned too (their link to it may have to go).
    Result<void> plan_supplier(OrganisationRow& row, std::map<std::string, LinkPlan>& plans) {
        std::map<std::string, int64_t> before;  // by enterprise credit code
        KL_TRY_ASSIGN(const auto current, catalog::enterprises_supplied_by(tx_, row.id));
        for (const auto& link : current) {
            const std::string code = link.credit_code.value_or(link.enterprise_id);
            before[code] = link.share_bp;
            LinkPlan& plan = plans[link.enterprise_id];
            if (plan.first_row == 0) plan.first_row = row.row;
            plan.enterprise_code = code;
        }
        std::map<std::string, int64_t> after;
        for (const auto& share : row.record.supplies_to) {
            KL_TRY_ASSIGN(std::optional<std::string> enterprise, enterprise_id(share.enterprise_credit_code));
            if (!enterprise) {
                problems_.add(sheets::cell_field(row.row, "supplies_to"), ProblemCode::unknown_reference, "no organisation is registered with credit code " +
                                                                      share.enterprise_credit_code);
                continue;
            }
            LinkPlan& plan = plans[*enterprise];
            plan.desired[row.id] = share.share_bp;
            plan.row_of_supplier[row.id] = row.row;
            if (plan.first_row == 0) plan.first_row = row.row;
            plan.enterprise_code = share.enterprise_credit_code;
            after[share.enterprise_credit_code] = share.share_bp;
        }
        if (before != after && row.outcome == RowOutcome::unchanged) row.outcome = RowOutcome::updated;
        return ok();
    }

    Result<void> replace_links(const std::string& enterprise_id, const LinkPlan& plan) {
        std::vector<catalog::SupplyLinkInput> links;
        std::vector<size_t> rows;
        for (const auto& [supplier, share] : plan.desired) {
            links.push_back(catalog::SupplyLinkInput{supplier, share});
            auto from = plan.row_of_supplier.find(supplier);
            rows.push_back(from != plan.row_of_supplier.end() ? from->second : plan.first_row);
        }
        auto set = directory_.set_supply_links(actor_, enterprise_id, links);
        if (set) return ok();
        const Error& error = set.error();
        if (error.code == ErrorCode::unavailable || error.code == ErrorCode::internal) return fail(error);
        const std::string prefix = "links of " + plan.enterprise_code + ": ";
        if (error.fields.empty()) {
            problems_.add(sheets::cell_field(plan.first_row, "supplies_to"), error.problem_code(), prefix + error.message, error.params);
            return ok();
        }
        for (const auto& field : error.fields) {
            size_t row = plan.first_row;
            if (field.field.starts_with("links/")) {
                const size_t index = static_cast<size_t>(std::stoul(field.field.substr(6)));
                if (index < rows.size()) row = rows[index];
            }
            problems_.add(sheets::cell_field(row, "supplies_to"), field.code, prefix + field.message, field.params);
        }
        return ok();
    }

    Result<void> problem(size_t row, const Error& error) {
        return problems_.record(row, error, [](const std::string& field) { return organisation_column_for(field); });
    }

    store::Tx& tx_;
    catalog::OrganisationDirectory& directory_;
    const std::optional<access::Principal>& actor_;
    sheets::ImportProblems& problems_;
    std::map<std::string, std::optional<std::string>> enterprise_ids_;
};

}  // namespace

Result<ImportReport> ExchangeService::import_organisations(const std::optional<access::Principal>& actor,
                                                           std::string_view csv_text) {
    KL_TRY(access::require_role(actor, {Role::admin}));
    KL_TRY_ASSIGN(std::vector<sheets::CsvRecord> records, sheets::parse_import_csv(csv_text, "see README"));
    std::vector<FieldError> problems;
    auto layout = read_organisation_header(records[0], problems);
    if (!layout) return fail(sheets::rejected_file(std::move(problems)));
    std::vector<OrganisationRow> rows = decode_rows(*layout, records, problems);

    // As for products: the rows that decoded are tried too, so the database's problems are listed
    // with the others; any problem rolls everything back.
    ImportReport report;
    KL_TRY(store_.write([&](store::Tx& tx) -> Result<void> {
        sheets::ImportProblems found;
        found.add_all(problems);
        OrganisationApplier applier(tx, catalog_.organisations, actor, found);
        for (auto& row : rows) KL_TRY(applier.apply_profile(row));
        if (layout->has_supplies_to) KL_TRY(applier.apply_links(rows));
        KL_TRY(found.finish());
        report = ImportReport{rows.size(), 0, 0, 0};
        for (const auto& row : rows) {
            if (row.outcome == RowOutcome::created) ++report.created;
            if (row.outcome == RowOutcome::updated) ++report.updated;
            if (row.outcome == RowOutcome::unchanged) ++report.unchanged;
        }
        return ok();
    }));
    return report;
}

}  // namespace kl::exchange

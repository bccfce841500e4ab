// ExchangeService::import_products: check every row, then apply all of them in one transaction.
#include <map>

#include "access/permissions.h"
#include "core/identifier.h"
#include "catalog/organisation_repo.h"
#include "catalog/product_repo.h"
#include "sheets/cells.h"
#include "sheets/csv.h"
#include "exchange/exchange_service.h"
#include "sheets/import_problems.h"
#include "catalog/product_code_repo.h"
#include "exchange/product_csv.h"

namespace kl::exchange {

namespace {

using access::Role;

using ProductRow = sheets::SheetRow<ProductRecord>;

// Decodes every data row; problems (including a product listed twice) go to `problems`.
std::vector<ProductRow> decode_rows(const ProductLayout& layout, const std::vector<sheets::CsvRecord>& records,
                                    std::vector<FieldError>& problems) {
    return sheets::decode_unique_rows(
        records, [&](const sheets::CsvRecord& record, size_t row) { return decode_product(layout, record, row, problems); },
        [](const ProductRecord& record) { return std::make_pair(record.producer_credit_code, identifier_key(record.code)); },
        [&](const ProductRecord&, size_t row, size_t first_row) {
            problems.push_back(FieldError{sheets::cell_field(row, "code"), ProblemCode::invalid_value,
                                          "the same product (producer_credit_code + code) is already on row " +
                                              std::to_string(first_row)});
        });
}

// Applies the rows inside the caller's transaction; problems are collected, not returned.
class ProductApplier {
public:
    ProductApplier(store::Tx& tx, catalog::ProductService& products, const std::optional<access::Principal>& actor,
                   sheets::ImportProblems& problems, ImportReport& report)
        : tx_(tx), products_(products), actor_(actor), problems_(problems), report_(report) {}

    Result<void> apply(const ProductRow& row) {
        KL_TRY_ASSIGN(std::optional<std::string> producer_id, producer_of(row));
        if (!producer_id) return ok();
        KL_TRY_ASSIGN(std::optional<std::string> existing, catalog::find_product_by_code(tx_, *producer_id, row.value.code));
        if (!existing) return create(row, *producer_id);
        return update(row, *existing);
    }

private:
    // The producer's organisation id, or nullopt after recording why the row cannot be applied.
    Result<std::optional<std::string>> producer_of(const ProductRow& row) {
        const std::string& code = row.value.producer_credit_code;
        if (!producer_ids_.contains(code)) {
            KL_TRY_ASSIGN(producer_ids_[code], catalog::organisation_with_credit_code(tx_, code));
        }
        const auto& producer_id = producer_ids_[code];
        if (!producer_id) {
            problems_.add(sheets::cell_field(row.row, "producer_credit_code"), ProblemCode::unknown_reference, "no organisation is registered with this credit "
                                                                      "code (import the organisation first)");
            return std::optional<std::string>();
        }
        if (auto allowed = access::require_org_access(actor_, *producer_id, access::AccessKind::write); !allowed) {
            problems_.deny(sheets::cell_field(row.row, "producer_credit_code"), ProblemCode::outside_own_scope,
                           "you may import only your own organisation's products");
            return std::optional<std::string>();
        }
        return producer_id;
    }

    Result<void> create(const ProductRow& row, const std::string& producer_id) {
        auto made = products_.create(actor_, catalog::NewProduct{producer_id, row.value.fields, row.value.standard});
        if (!made) return problem(row, made.error());
        KL_TRY(catalog::set_product_code(tx_, made->id, row.value.code));
        ++report_.created;
        return ok();
    }

    Result<void> update(const ProductRow& row, const std::string& product_id) {
        KL_TRY_ASSIGN(std::optional<catalog::Product> product, catalog::find_product(tx_, product_id));
        KL_ASSERT(product.has_value());
        KL_TRY_ASSIGN(auto stored, catalog::load_standard(tx_, product_id));
        ProductRecord current{row.value.producer_credit_code, row.value.code, product->fields, std::nullopt};
        if (stored) current.standard = std::move(stored->standard);
        KL_TRY_ASSIGN(const auto coded, catalog::product_codes(tx_, {product_id}));
        const bool needs_code = !coded.contains(product_id);
        const bool same_standard = rendered_standard(current) == rendered_standard(row.value);
        const bool same_fields = rendered_fields(current.fields) == rendered_fields(row.value.fields);
        if (same_standard && same_fields && !needs_code) {
            ++report_.unchanged;
            return ok();
        }
        if (!same_standard) {
            if (!row.value.standard) {
                problems_.add(sheets::cell_field(row.row, "grade1_code"), ProblemCode::invalid_value, "the product has a brand standard, which an import "
                                                                  "cannot remove: fill the standard's columns");
                return ok();
            }
            auto set = products_.set_standard(actor_, product_id, *row.value.standard);
            if (!set) return problem(row, set.error());
        }
        if (!same_fields) {
            auto updated = products_.update(actor_, product_id, row.value.fields);
            if (!updated) return problem(row, updated.error());
        }
        if (needs_code) KL_TRY(catalog::set_product_code(tx_, product_id, row.value.code));
        ++report_.updated;
        return ok();
    }

    // The product's own cells (names, category, unit, status), for comparing a stored product with its row.
    static std::vector<std::string> rendered_fields(const catalog::ProductFields& fields) {
        std::vector<std::string> cells = encode_product(ProductRecord{"", "", fields, std::nullopt}, 0);
        cells.resize(product_fields_columns);
        return cells;
    }

    // The standard's cells, for comparing a stored product with its row.
    static std::vector<std::string> rendered_standard(const ProductRecord& record) {
        const size_t slots = record.standard ? record.standard->grades.size() : 0;
        ProductRecord only_standard{"", "", {}, record.standard};
        std::vector<std::string> cells = encode_product(only_standard, slots);
        cells.erase(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(product_fields_columns));
        return cells;
    }

    Result<void> problem(const ProductRow& row, const Error& error) {
        return problems_.record(row.row, error,
                                [&](const std::string& field) { return product_column_for(field, row.value); });
    }

    store::Tx& tx_;
    catalog::ProductService& products_;
    const std::optional<access::Principal>& actor_;
    sheets::ImportProblems& problems_;
    ImportReport& report_;
    std::map<std::string, std::optional<std::string>> producer_ids_;
};

}  // namespace

Result<ImportReport> ExchangeService::import_products(const std::optional<access::Principal>& actor,
                                                      std::string_view csv_text) {
    KL_TRY(access::require_role(actor, {Role::admin, Role::producer}));
    KL_TRY_ASSIGN(std::vector<sheets::CsvRecord> records, sheets::parse_import_csv(csv_text, "see README"));
    std::vector<FieldError> problems;
    auto layout = read_product_header(records[0], problems);
    if (!layout) return fail(sheets::rejected_file(std::move(problems)));
    std::vector<ProductRow> rows = decode_rows(*layout, records, problems);

    // The rows that decoded are applied even when others did not, so that problems only the database
    // can find (an unknown category, a producer not registered, another producer's rows) are listed
    // with the rest; any problem rolls the whole transaction back.
    ImportReport report;
    KL_TRY(store_.write([&](store::Tx& tx) -> Result<void> {
        report = ImportReport{records.size() - 1, 0, 0, 0};
        sheets::ImportProblems found;
        found.add_all(problems);
        ProductApplier applier(tx, catalog_.products, actor, found, report);
        for (const auto& row : rows) KL_TRY(applier.apply(row));
        return found.finish();
    }));
    return report;
}

}  // namespace kl::exchange

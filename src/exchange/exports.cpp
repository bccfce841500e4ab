// ExchangeService: exports (the products and organisations sheets) and the service's construction.
#include <algorithm>
#include <map>
#include <type_traits>

#include "access/page_cursor.h"
#include "catalog/organisation_directory.h"
#include "catalog/organisation_repo.h"
#include "catalog/place_names.h"
#include "catalog/product_repo.h"
#include "exchange/exchange_service.h"
#include "exchange/organisation_csv.h"
#include "catalog/product_code_repo.h"
#include "exchange/product_csv.h"
#include "sheets/readable.h"

namespace kl::exchange {

namespace {

Result<void> check_export_size(size_t rows) {
    if (rows <= export_rows_max) return ok();
    return fail(ErrorCode::resource_exhausted, "the export would hold more than " + std::to_string(export_rows_max) +
                                                   " rows; narrow it with filters");
}

// Every item of a paged list, page by page: `list(cursor)` reads one page, `items(page)` its items;
// refused once more than export_rows_max rows would be exported.
template <typename Page, typename List, typename Items>
auto all_pages(List list, Items items) -> Result<std::remove_cvref_t<std::invoke_result_t<Items&, Page&>>> {
    std::remove_cvref_t<std::invoke_result_t<Items&, Page&>> out;
    std::optional<std::string> cursor;
    do {
        KL_TRY_ASSIGN(Page page, list(cursor));
        for (auto& item : items(page)) out.push_back(std::move(item));
        KL_TRY(check_export_size(out.size()));
        cursor = page.next_cursor;
    } while (cursor);
    return out;
}

// Every product the viewer's list shows with this filter.
Result<std::vector<catalog::Product>> all_products(catalog::ProductService& products, const catalog::Viewer& viewer,
                                                   const catalog::ProductFilter& filter) {
    return all_pages<catalog::ProductPage>([&](const std::optional<std::string>& cursor) { return products.list(viewer, filter, access::page_limit_max, cursor); },
                                           [](catalog::ProductPage& page) -> auto& { return page.products; });
}

Result<std::vector<catalog::OrganisationProfile>> all_organisations(catalog::OrganisationDirectory& directory,
                                                                    const std::optional<access::Principal>& actor,
                                                                    const catalog::OrganisationFilter& filter) {
    return all_pages<catalog::OrganisationPage>([&](const std::optional<std::string>& cursor) { return directory.list(actor, filter, access::page_limit_max, cursor); },
                                                [](catalog::OrganisationPage& page) -> auto& { return page.organisations; });
}

// The products as sheet records (code falls back to the id; see migration 0004_exchange).
Result<std::vector<ProductRecord>> product_records(store::Tx& tx, const std::vector<catalog::Product>& products) {
    std::vector<std::string> ids;
    for (const auto& product : products) ids.push_back(product.id);
    KL_TRY_ASSIGN(auto codes, catalog::product_codes(tx, ids));
    std::map<std::string, std::string> credit_codes;
    std::vector<ProductRecord> records;
    for (const auto& product : products) {
        if (!credit_codes.contains(product.producer_id)) {
            KL_TRY_ASSIGN(auto producer, catalog::find_profile(tx, product.producer_id));
            credit_codes[product.producer_id] = producer ? producer->fields.credit_code.value_or("") : "";
        }
        ProductRecord record;
        record.producer_credit_code = credit_codes[product.producer_id];
        auto code = codes.find(product.id);
        record.code = code != codes.end() ? code->second : product.id;
        record.fields = product.fields;
        KL_TRY_ASSIGN(auto standard, catalog::load_standard(tx, product.id));
        if (standard) record.standard = std::move(standard->standard);
        records.push_back(std::move(record));
    }
    return records;
}

// supplies_to of each workshop and household among `profiles`, by supplier id.
Result<std::map<std::string, std::vector<SupplyShare>>> supplies_of(
    store::Tx& tx, const std::vector<catalog::OrganisationProfile>& profiles) {
    std::vector<std::string> suppliers;
    for (const auto& profile : profiles) {
        const auto kind = profile.fields.kind;
        if (kind == access::OrgKind::family_workshop || kind == access::OrgKind::household) suppliers.push_back(profile.id);
    }
    KL_TRY_ASSIGN(const auto shares, catalog::coded_shares_of(tx, suppliers));
    std::map<std::string, std::vector<SupplyShare>> out;
    for (const auto& [supplier, coded] : shares) {
        for (const auto& share : coded) out[supplier].push_back(SupplyShare{share.enterprise_credit_code, share.share_bp});
    }
    return out;
}

size_t kind_order(access::OrgKind kind) {
    const auto& kinds = access::all_org_kinds();
    return static_cast<size_t>(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
}

bool organisation_before(const OrganisationRecord& a, const OrganisationRecord& b) {
    const auto key = [](const OrganisationRecord& r) {
        return std::make_tuple(kind_order(r.fields.kind), r.fields.county.value_or(""), r.fields.district.value_or(""),
                               r.fields.name, r.fields.credit_code.value_or(""));
    };
    return key(a) < key(b);
}

}  // namespace

ExchangeService::ExchangeService(store::Store& store, const Clock& clock, IdGenerator& ids,
                                 access::OrganisationService& identities)
    : store_(store), catalog_(store, clock, ids, identities), users_(store, clock, ids) {}

Result<sheets::Table> ExchangeService::export_products(const catalog::Viewer& viewer, const catalog::ProductFilter& filter) {
    KL_TRY_ASSIGN(std::vector<catalog::Product> products, all_products(catalog_.products, viewer, filter));
    KL_TRY_ASSIGN(std::vector<ProductRecord> records,
                  store_.read([&](store::Tx& tx) { return product_records(tx, products); }));
    std::sort(records.begin(), records.end(), [](const ProductRecord& a, const ProductRecord& b) {
        return std::tie(a.producer_credit_code, a.code) < std::tie(b.producer_credit_code, b.code);
    });
    size_t slots = product_grade_slots_min;
    for (const auto& record : records) {
        if (record.standard) slots = std::max(slots, record.standard->grades.size());
    }
    sheets::Table table{"products", product_columns(slots), {}};
    for (const auto& record : records) table.rows.push_back(encode_product(record, slots));
    return table;
}

Result<sheets::Table> ExchangeService::export_organisations(const std::optional<access::Principal>& actor,
                                                    const catalog::OrganisationFilter& filter) {
    KL_TRY_ASSIGN(auto profiles, all_organisations(catalog_.organisations, actor, filter));
    KL_TRY_ASSIGN(auto supplies, store_.read([&](store::Tx& tx) { return supplies_of(tx, profiles); }));
    std::vector<OrganisationRecord> records;
    for (auto& profile : profiles) {
        OrganisationRecord record{std::move(profile.fields), {}};
        if (auto found = supplies.find(profile.id); found != supplies.end()) record.supplies_to = found->second;
        records.push_back(std::move(record));
    }
    std::sort(records.begin(), records.end(), organisation_before);
    sheets::Table table{"organisations", organisation_columns(), {}};
    for (const auto& record : records) table.rows.push_back(encode_organisation(record));
    KL_TRY_ASSIGN(auto places, catalog::export_code_names(catalog_.reference, catalog::ChannelColumn::buyer_channel));
    return sheets::with_readable_columns(std::move(table), places);
}

}  // namespace kl::exchange

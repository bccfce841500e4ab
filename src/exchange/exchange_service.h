#pragma once
// Import and export of the records people keep in spreadsheets: products (with their brand
// standards) and organisations (with their supply links). The sheets are described in
// product_csv.h and organisation_csv.h and, for users, in README "Import and export".
//
// Import is all or nothing. Every row is checked first on its own (shapes, names, the catalog's rules
// that need no database); a file with any bad row is rejected listing every problem as
// "row <n>/<column>". Otherwise the rows are applied through the catalog's services, with their
// permission checks and database rules, inside ONE transaction (a write job: the services' own writes
// nest in it); a row the services refuse is recorded and the others still tried, and if any was
// refused the transaction is rolled back and every problem is reported. Rows find their records by
// natural key (a product by producer credit code + product code; an organisation by credit code), a
// row equal to its record changes nothing, so importing the same file twice is a no-op.
//
// Who may import:
//   organisations   admin (and the command line)
//   products        admin for any producer; a producer only rows of its own organisation — a file
//                   with another producer's rows is refused whole (permission_denied naming them)
// Exports list exactly what the matching list endpoint shows the same caller with the same filters,
// ordered by natural key so that export → import elsewhere → export gives the same bytes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "access/organisation_service.h"
#include "access/principal.h"
#include "access/user_service.h"
#include "catalog/catalog.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "sheets/table.h"
#include "store/store.h"

namespace kl::exchange {

// An export holds at most this many rows (the catalogue of the programme is a few thousand).
inline constexpr size_t export_rows_max = 100'000;

// Lists exported as they are, with no import counterpart.
enum class SimpleList { counties, districts, categories, users };

struct ImportReport {
    size_t rows = 0;       // data rows in the file
    size_t created = 0;
    size_t updated = 0;
    size_t unchanged = 0;
};

class ExchangeService {
public:
    ExchangeService(store::Store& store, const Clock& clock, IdGenerator& ids, access::OrganisationService& identities);

    // invalid_argument listing every problem of the file (nothing written); permission_denied when
    // the caller may not import such rows at all or some rows are another producer's.
    Result<ImportReport> import_products(const std::optional<access::Principal>& actor, std::string_view csv_text);
    Result<ImportReport> import_organisations(const std::optional<access::Principal>& actor, std::string_view csv_text);

    // The filters are those of GET /products and GET /organisations, with their errors.
    Result<sheets::Table> export_products(const catalog::Viewer& viewer, const catalog::ProductFilter& filter);
    Result<sheets::Table> export_organisations(const std::optional<access::Principal>& actor,
                                       const catalog::OrganisationFilter& filter);
    // The other lists, as their list endpoints show them (exports only: they are not imported).
    // counties, districts, categories: anyone; users: admin and auditor (UserService's rule).
    Result<sheets::Table> export_list(const std::optional<access::Principal>& actor, SimpleList list);

    catalog::Catalog& catalog() { return catalog_; }

private:
    store::Store& store_;
    catalog::Catalog catalog_;
    access::UserService users_;
};

}  // namespace kl::exchange

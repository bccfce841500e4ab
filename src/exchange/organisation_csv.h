#pragma once
// The organisations sheet: one row per organisation (README "Import and export" documents it).
//
//   credit_code  name  name_en  kind  county  district  channel  contact_name  contact_phone  address
//   supplies_to
//
// Natural key: the credit code; an organisation without one (a household, an unregistered workshop)
// is found by kind + name + county + district, which must then be unique. supplies_to belongs on a
// family workshop's or household's row and lists the enterprises (or cooperatives) it sells to with
// its share of each one's purchases in basis points: "91653125MA7C3X5K1B:2500; 93653125MA…:800"
// (2500 = 25 %). Importing a row with a supplies_to column replaces that supplier's links; a file
// without the column leaves every link as it is.

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/error.h"
#include "sheets/cells.h"
#include "sheets/table.h"

namespace kl::exchange {

struct SupplyShare {
    std::string enterprise_credit_code;
    int64_t share_bp = 0;
};

struct OrganisationRecord {
    catalog::OrganisationFields fields;
    std::vector<SupplyShare> supplies_to;  // ordered by enterprise credit code when exported
};

std::vector<sheets::Column> organisation_columns();
std::vector<std::string> encode_organisation(const OrganisationRecord& record);

struct OrganisationLayout {
    sheets::ColumnIndex columns;
    bool has_supplies_to = false;
};

// Required columns: name and kind; the others may be left out (then empty). Problems are added to
// `errors` as "header/<column>".
std::optional<OrganisationLayout> read_organisation_header(const sheets::CsvRecord& header, std::vector<FieldError>& errors);

// One data row; nullopt when it has problems (each added to `errors` as "row <n>/<column>").
std::optional<OrganisationRecord> decode_organisation(const OrganisationLayout& layout, const sheets::CsvRecord& record,
                                                      size_t row, std::vector<FieldError>& errors);

// The natural key of an organisation row: "code:<credit code>", or "name:<kind>|<county>|<district>|<name>".
std::string organisation_key(const catalog::OrganisationFields& fields);

// The column a field path of the organisation directory refers to ("links/3/share_bp" → supplies_to).
std::string organisation_column_for(const std::string& service_field);

}  // namespace kl::exchange

#pragma once
// The products sheet: one row per product, its brand standard spread over columns a spreadsheet user
// can edit (README "Import and export" documents every column). A row's natural key is
// (producer_credit_code, code).
//
//   producer_credit_code  code  name_zh  name_en  category_id  unit_kind  unit_net_g  status
//   packaging_type  packaging_net_g  packaging_materials
//   storage_temp_min_c  storage_temp_max_c  storage_humidity_min_pct  storage_humidity_max_pct
//   shelf_life_days  cold_chain  channels  min_order_quantity
//   then for each grade slot k = 1, 2, … (slot order is rank order: grade1 is the best):
//   grade<k>_code  grade<k>_name_zh  grade<k>_name_en  grade<k>_criteria  grade<k>_price_fen  grade<k>_tiers
//
// A product without a brand standard leaves every column from packaging_type on empty.
// grade<k>_criteria: "fruit_weight_g=300..450; sugar_brix_x10>=140; defects_pct_x10<=20" (a metric
// of catalog_types.h with a range, a lower bound, an upper bound, or "=v" for exactly v).
// grade<k>_tiers: "50:1150; 200:1100" — from 50 units of sale on, 1150 fen per unit; and so on.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_types.h"
#include "core/error.h"
#include "core/result.h"
#include "sheets/cells.h"
#include "sheets/table.h"

namespace kl::exchange {

// The first columns, producer_credit_code … status, are the product itself; the rest its standard.
inline constexpr size_t product_fields_columns = 8;

// Exports have at least this many grade slots, so an empty template still shows the layout.
inline constexpr size_t product_grade_slots_min = 3;

struct ProductRecord {
    std::string producer_credit_code;
    std::string code;
    catalog::ProductFields fields;
    std::optional<catalog::BrandStandard> standard;
};

std::vector<sheets::Column> product_columns(size_t grade_slots);

// Grade slot columns: "grade{slot}_{suffix}" for each of slot_suffixes().
std::string slot_column(size_t slot, std::string_view suffix);
const std::vector<std::string>& slot_suffixes();
// The row of `record` under product_columns(grade_slots); the standard must have at most that many
// grades (asserted). Grades are written in rank order.
std::vector<std::string> encode_product(const ProductRecord& record, size_t grade_slots);

// Where each column of an imported header is, and how many grade slots it has.
struct ProductLayout {
    sheets::ColumnIndex columns;
    std::vector<size_t> grade_slots;  // the slot numbers k present, ascending
};

// Problems are added to `errors` as "header/<column>" (unknown, duplicate or missing columns).
std::optional<ProductLayout> read_product_header(const sheets::CsvRecord& header, std::vector<FieldError>& errors);

// One data row (row number `row`, the header being row 1); nullopt when it has problems, each added
// to `errors`. Checks everything that needs no database: shapes, names of enums, and the catalog's
// own rules (check_product_fields, validate_standard) mapped back to columns.
std::optional<ProductRecord> decode_product(const ProductLayout& layout, const sheets::CsvRecord& record, size_t row,
                                            std::vector<FieldError>& errors);

// The column a catalog service's field path refers to for `record` ("standard/grades/1/name_zh" →
// "grade2_name_zh", "unit/net_g" → "unit_net_g"); unknown paths are returned as they are.
std::string product_column_for(const std::string& service_field, const ProductRecord& record);

}  // namespace kl::exchange

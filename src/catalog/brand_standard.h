#pragma once
// Rules of a brand standard (catalog_types.h: BrandStandard) and their limits. Every problem is
// reported at once, each naming its field from the product: "standard/grades/1/criteria/0/max",
// "standard/pricing/tiers/0/prices/1/price_fen".
//
// The rules, part by part:
//   grades     1..grades_max; codes unique, 1..grade_code_chars_max characters without surrounding
//              spaces; ranks unique in 1..grades_max; criteria per grade at most criteria_per_grade_max,
//              one per metric, each with min and/or max in 0..criterion_value_max and min ≤ max
//   packaging  net weight 1..package_net_g_max grams; materials up to materials_max, each 1..60 chars
//   storage    temperature in −40.0..60.0 °C with min ≤ max; humidity 0..100 % with min ≤ max;
//              shelf life 1..shelf_life_days_max days
//   channels   a non-empty set of the eight sales channels, each once
//   pricing    exactly one list price per grade, 1..price_fen_max fen per unit of sale; minimum order
//              1..order_quantity_max units; tiers ascending by min_quantity, each above the minimum
//              order, naming known grades once, and never dearer than the price for fewer units

#include <cstddef>
#include <cstdint>
#include <string>

#include "catalog/catalog_types.h"
#include "core/result.h"

namespace kl::catalog {

inline constexpr size_t grades_max = 20;
inline constexpr size_t grade_code_chars_max = 16;
inline constexpr size_t grade_name_chars_max = 100;
inline constexpr size_t criteria_per_grade_max = 20;
inline constexpr int64_t criterion_value_max = 1'000'000'000;
inline constexpr size_t materials_max = 10;
inline constexpr size_t material_chars_max = 60;
inline constexpr int64_t package_net_g_max = 10'000'000;           // 10 t: a bulk bag of cotton is far less
inline constexpr int64_t temperature_c_x10_min = -400;             // −40.0 °C
inline constexpr int64_t temperature_c_x10_max = 600;              // 60.0 °C
inline constexpr int64_t humidity_pct_max = 100;
inline constexpr int64_t shelf_life_days_max = 3650;               // ten years (jewellery, textiles)
inline constexpr size_t price_tiers_max = 20;
inline constexpr int64_t price_fen_max = 10'000'000'000;           // ¥100 million per unit of sale
inline constexpr int64_t order_quantity_max = 1'000'000'000;       // units of sale

// invalid_argument listing every problem, or success. `prefix` is put before every field path.
Result<void> validate_standard(const BrandStandard& standard, const std::string& prefix = "standard/");

}  // namespace kl::catalog

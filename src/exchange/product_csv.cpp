#include "exchange/product_csv.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "catalog/brand_standard.h"
#include "catalog/credit_code.h"
#include "catalog/product_service.h"
#include "catalog/product_code_repo.h"

namespace kl::exchange {

namespace {

using catalog::BrandStandard;
using catalog::Criterion;
using catalog::Grade;

// The columns before the grade slots, in the order exports write them. The first eight are the
// product itself; the rest its brand standard.
const std::vector<std::string>& fixed_columns() {
    static const std::vector<std::string> names = {
        "producer_credit_code", "code", "name_zh", "name_en", "category_id", "unit_kind", "unit_net_g", "status",
        "packaging_type", "packaging_net_g", "packaging_materials", "storage_temp_min_c", "storage_temp_max_c",
        "storage_humidity_min_pct", "storage_humidity_max_pct", "shelf_life_days", "cold_chain", "channels",
        "min_order_quantity"};
    return names;
}

const std::set<std::string, std::less<>>& numeric_columns() {
    static const std::set<std::string, std::less<>> names = {
        "unit_net_g", "packaging_net_g", "storage_humidity_min_pct", "storage_humidity_max_pct", "shelf_life_days",
        "min_order_quantity"};
    return names;
}

// "grade12_price_fen" → (12, "price_fen"); nullopt for other names.
std::optional<std::pair<size_t, std::string>> split_slot_column(const std::string& name) {
    if (!name.starts_with("grade")) return std::nullopt;
    const size_t underscore = name.find('_');
    if (underscore == std::string::npos || underscore == 5) return std::nullopt;
    auto slot = sheets::parse_integer(std::string_view(name).substr(5, underscore - 5));
    const std::string suffix = name.substr(underscore + 1);
    if (!slot || *slot < 1 || std::find(slot_suffixes().begin(), slot_suffixes().end(), suffix) == slot_suffixes().end()) {
        return std::nullopt;
    }
    return std::make_pair(static_cast<size_t>(*slot), suffix);
}

// ---- encoding ------------------------------------------------------------------------------------

std::string criterion_text(const Criterion& criterion) {
    const std::string metric(catalog::to_string(criterion.metric));
    if (criterion.min && criterion.max) {
        if (*criterion.min == *criterion.max) return metric + "=" + std::to_string(*criterion.min);
        return metric + "=" + std::to_string(*criterion.min) + ".." + std::to_string(*criterion.max);
    }
    if (criterion.min) return metric + ">=" + std::to_string(*criterion.min);
    return metric + "<=" + std::to_string(criterion.max.value_or(0));
}

std::string criteria_text(const Grade& grade) {
    std::vector<std::string> items;
    for (const auto& criterion : grade.criteria) items.push_back(criterion_text(criterion));
    return sheets::join_list(items);
}

std::string tiers_text(const catalog::Pricing& pricing, const std::string& grade) {
    std::vector<std::string> items;
    for (const auto& tier : pricing.tiers) {
        for (const auto& price : tier.prices) {
            if (price.grade == grade) {
                items.push_back(std::to_string(tier.min_quantity) + ":" + std::to_string(price.price_fen));
            }
        }
    }
    return sheets::join_list(items);
}

std::string list_price_text(const catalog::Pricing& pricing, const std::string& grade) {
    for (const auto& price : pricing.list_prices) {
        if (price.grade == grade) return std::to_string(price.price_fen);
    }
    return {};
}

void encode_standard(const BrandStandard& standard, size_t grade_slots, std::vector<std::string>& row) {
    std::vector<std::string> channels;
    for (const auto channel : catalog::all_sales_channels()) {
        if (std::find(standard.channels.begin(), standard.channels.end(), channel) != standard.channels.end()) {
            channels.emplace_back(catalog::to_string(channel));
        }
    }
    std::vector<std::string> materials;
    for (const auto& material : standard.packaging.materials) materials.push_back(sheets::protect_text(material));
    const catalog::Storage& storage = standard.storage;
    row.insert(row.end(), {std::string(catalog::to_string(standard.packaging.type)),
                           std::to_string(standard.packaging.net_weight_g), sheets::join_list(materials),
                           sheets::format_tenths(storage.temperature_min_c_x10), sheets::format_tenths(storage.temperature_max_c_x10),
                           std::to_string(storage.humidity_min_pct), std::to_string(storage.humidity_max_pct),
                           std::to_string(storage.shelf_life_days),
                           std::string(catalog::to_string(standard.logistics.cold_chain)), sheets::join_list(channels),
                           std::to_string(standard.pricing.min_order_quantity)});
    std::vector<const Grade*> grades;
    for (const auto& grade : standard.grades) grades.push_back(&grade);
    std::stable_sort(grades.begin(), grades.end(), [](const Grade* a, const Grade* b) { return a->rank < b->rank; });
    KL_ASSERT(grades.size() <= grade_slots);
    for (size_t slot = 0; slot < grade_slots; ++slot) {
        if (slot >= grades.size()) {
            row.insert(row.end(), slot_suffixes().size(), std::string());
            continue;
        }
        const Grade& grade = *grades[slot];
        row.insert(row.end(), {grade.code, sheets::protect_text(grade.name_zh), sheets::protect_text(grade.name_en),
                               criteria_text(grade), list_price_text(standard.pricing, grade.code),
                               tiers_text(standard.pricing, grade.code)});
    }
}

}  // namespace

const std::vector<std::string>& slot_suffixes() {
    static const std::vector<std::string> suffixes = {"code", "name_zh", "name_en", "criteria", "price_fen", "tiers"};
    return suffixes;
}

std::string slot_column(size_t slot, std::string_view suffix) {
    return "grade" + std::to_string(slot) + "_" + std::string(suffix);
}

std::vector<sheets::Column> product_columns(size_t grade_slots) {
    std::vector<sheets::Column> columns;
    for (const auto& name : fixed_columns()) columns.push_back(sheets::Column{name, numeric_columns().contains(name)});
    for (size_t slot = 1; slot <= grade_slots; ++slot) {
        for (const auto& suffix : slot_suffixes()) {
            columns.push_back(sheets::Column{slot_column(slot, suffix), suffix == "price_fen"});
        }
    }
    return columns;
}

std::vector<std::string> encode_product(const ProductRecord& record, size_t grade_slots) {
    const catalog::ProductFields& fields = record.fields;
    std::vector<std::string> row = {record.producer_credit_code,
                                    record.code,
                                    sheets::protect_text(fields.name_zh),
                                    sheets::protect_text(fields.name_en),
                                    fields.category_id,
                                    std::string(catalog::to_string(fields.unit.kind)),
                                    std::to_string(fields.unit.net_g),
                                    std::string(catalog::to_string(fields.status))};
    if (record.standard) {
        encode_standard(*record.standard, grade_slots, row);
    } else {
        row.resize(product_columns(grade_slots).size());
    }
    return row;
}

// ---- header ----------------------------------------------------------------------------------------

std::optional<ProductLayout> read_product_header(const sheets::CsvRecord& header, std::vector<FieldError>& errors) {
    const size_t errors_before = errors.size();
    // The grade slots are as many as the file has, so the known columns are the fixed ones and every
    // name of the header that is a slot's column; read_header then finds what is unknown, repeated or
    // missing, and the slots are checked here for their required columns and for gaps.
    std::vector<std::string> known = fixed_columns();
    std::set<std::string, std::less<>> present;
    std::set<size_t> slots;
    for (const auto& cell : header) {
        const std::string name = sheets::trim(cell);
        present.insert(name);
        if (auto slot = split_slot_column(name)) {
            known.push_back(name);
            slots.insert(slot->first);
        }
    }
    auto columns = sheets::read_header(header, known, fixed_columns(), "the products sheet (see README: Import and export)", errors);
    for (const size_t slot : slots) {
        for (const auto& required : {"code", "price_fen"}) {
            if (!present.contains(slot_column(slot, required))) {
                errors.push_back(FieldError{"header/" + slot_column(slot, required), ProblemCode::missing_column, "is missing"});
            }
        }
    }
    if (!slots.empty() && *slots.rbegin() != slots.size()) {
        errors.push_back(FieldError{"header/grade" + std::to_string(*slots.rbegin()) + "_code", ProblemCode::invalid_value,
                                    "grade slots must be numbered 1, 2, 3… without gaps"});
    }
    if (!columns || errors.size() != errors_before) return std::nullopt;
    return ProductLayout{std::move(*columns), std::vector<size_t>(slots.begin(), slots.end())};
}

}  // namespace kl::exchange

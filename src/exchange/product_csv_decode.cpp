// Decoding rows of the products sheet (product_csv.h), and mapping the catalog's field paths back to
// the sheet's columns.
#include <algorithm>
#include <map>
#include <set>

#include "catalog/brand_standard.h"
#include "catalog/credit_code.h"
#include "catalog/product_service.h"
#include "catalog/product_code_repo.h"
#include "exchange/product_csv.h"

namespace kl::exchange {

namespace {

using catalog::BrandStandard;
using catalog::Criterion;
using catalog::Grade;

const std::vector<std::string>& standard_columns() {
    static const std::vector<std::string> names = {
        "packaging_type", "packaging_net_g", "packaging_materials", "storage_temp_min_c", "storage_temp_max_c",
        "storage_humidity_min_pct", "storage_humidity_max_pct", "shelf_life_days", "cold_chain", "channels",
        "min_order_quantity"};
    return names;
}

// "sugar_brix_x10>=140", "fruit_weight_g=300..450", "defects_pct_x10<=20", "length_mm=30".
std::optional<Criterion> parse_criterion(const std::string& item, std::string& problem) {
    const size_t at = item.find_first_of("<>=");
    if (at == std::string::npos) {
        problem = "\"" + item + "\" needs a bound: metric>=min, metric<=max or metric=min..max";
        return std::nullopt;
    }
    const std::string name = sheets::trim(std::string_view(item).substr(0, at));
    auto metric = parse_enum<catalog::Metric>(name, "criteria");
    if (!metric) {
        problem = "\"" + name + "\" is not a metric (fruit_weight_g, diameter_mm, sugar_brix_x10, defects_pct_x10…)";
        return std::nullopt;
    }
    Criterion criterion{*metric, std::nullopt, std::nullopt};
    const std::string_view rest = std::string_view(item).substr(at);
    const auto bad_value = [&] {
        problem = "\"" + item + "\": the bounds must be whole numbers";
        return std::nullopt;
    };
    if (rest.starts_with(">=") || rest.starts_with("<=")) {
        auto value = sheets::parse_integer(rest.substr(2));
        if (!value) return bad_value();
        (rest[0] == '>' ? criterion.min : criterion.max) = *value;
        return criterion;
    }
    if (!rest.starts_with("=")) {
        problem = "\"" + item + "\": write >=, <= or =";
        return std::nullopt;
    }
    const std::string_view range = rest.substr(1);
    const size_t dots = range.find("..");
    auto low = sheets::parse_integer(dots == std::string_view::npos ? range : range.substr(0, dots));
    auto high = dots == std::string_view::npos ? low : sheets::parse_integer(range.substr(dots + 2));
    if (!low || !high) return bad_value();
    criterion.min = *low;
    criterion.max = *high;
    return criterion;
}

std::vector<Criterion> read_criteria(sheets::RowReader& in, const std::string& column) {
    std::vector<Criterion> criteria;
    for (const auto& item : in.list(column)) {
        std::string problem;
        if (auto criterion = parse_criterion(item, problem)) {
            criteria.push_back(*criterion);
        } else {
            in.add(column, problem);
        }
    }
    return criteria;
}

// "50:1150; 200:1100" → (50, 1150), (200, 1100).
std::vector<std::pair<int64_t, int64_t>> read_tiers(sheets::RowReader& in, const std::string& column) {
    std::vector<std::pair<int64_t, int64_t>> tiers;
    for (const auto& item : in.list(column)) {
        const size_t colon = item.find(':');
        auto quantity = colon == std::string::npos ? std::nullopt : sheets::parse_integer(item.substr(0, colon));
        auto price = colon == std::string::npos ? std::nullopt : sheets::parse_integer(item.substr(colon + 1));
        if (!quantity || !price) {
            in.add(column, "\"" + item + "\" is not min_quantity:price_fen (like 50:1150)");
            continue;
        }
        tiers.emplace_back(*quantity, *price);
    }
    return tiers;
}

bool slot_filled(const sheets::RowReader& in, size_t slot) {
    return std::any_of(slot_suffixes().begin(), slot_suffixes().end(),
                       [&](const std::string& suffix) { return !in.empty(slot_column(slot, suffix)); });
}

// The grades with their list prices and tiers, slot by slot.
void read_grades(const ProductLayout& layout, sheets::RowReader& in, BrandStandard& standard) {
    std::map<int64_t, std::vector<catalog::GradePrice>> tiers;
    bool gap = false;
    for (const size_t slot : layout.grade_slots) {
        const std::string code_column = slot_column(slot, "code");
        if (in.empty(code_column)) {
            if (slot_filled(in, slot)) in.add(code_column, "is required when grade" + std::to_string(slot) + " has other cells filled");
            gap = true;
            continue;
        }
        if (gap) {
            in.add(code_column, "grades must fill slots grade1, grade2… without an empty slot before them");
        }
        Grade grade;
        grade.code = in.raw(code_column);
        grade.name_zh = in.text(slot_column(slot, "name_zh"));
        grade.name_en = in.text(slot_column(slot, "name_en"));
        grade.rank = static_cast<int64_t>(standard.grades.size() + 1);
        grade.criteria = read_criteria(in, slot_column(slot, "criteria"));
        auto price = in.integer(slot_column(slot, "price_fen"), true);
        standard.pricing.list_prices.push_back(catalog::GradePrice{grade.code, price.value_or(0)});
        for (const auto& [quantity, tier_price] : read_tiers(in, slot_column(slot, "tiers"))) {
            tiers[quantity].push_back(catalog::GradePrice{grade.code, tier_price});
        }
        standard.grades.push_back(std::move(grade));
    }
    for (auto& [quantity, prices] : tiers) standard.pricing.tiers.push_back(catalog::PriceTier{quantity, std::move(prices)});
    if (standard.grades.empty()) {
        in.add(layout.grade_slots.empty() ? "grade1_code" : slot_column(layout.grade_slots.front(), "code"),
               "a brand standard needs at least one grade: fill grade1_code and grade1_price_fen, or leave every "
               "column from packaging_type on empty");
    }
}

std::vector<catalog::SalesChannel> read_channels(sheets::RowReader& in) {
    std::vector<catalog::SalesChannel> channels;
    for (const auto& name : in.list("channels")) {
        auto channel = parse_enum<catalog::SalesChannel>(name, "channels");
        if (!channel) {
            in.add("channels", "\"" + name + "\" is not a sales channel (fair_intent, fair_onsite, wholesale, "
                               "supermarket, ecommerce, livestream, canteen, vending_counter)");
        } else if (std::find(channels.begin(), channels.end(), *channel) == channels.end()) {
            channels.push_back(*channel);
        } else {
            in.add("channels", "names " + name + " twice");
        }
    }
    return channels;
}

bool any_standard_cell(const ProductLayout& layout, const sheets::RowReader& in) {
    for (const auto& name : standard_columns()) {
        if (!in.empty(name)) return true;
    }
    return std::any_of(layout.grade_slots.begin(), layout.grade_slots.end(),
                       [&](size_t slot) { return slot_filled(in, slot); });
}

std::optional<BrandStandard> read_standard(const ProductLayout& layout, sheets::RowReader& in) {
    if (!any_standard_cell(layout, in)) return std::nullopt;
    BrandStandard standard;
    standard.packaging.type = in.parsed("packaging_type", true, enum_parser<catalog::PackagingType>)
                                  .value_or(catalog::PackagingType::carton);
    standard.packaging.net_weight_g = in.integer("packaging_net_g", true).value_or(0);
    for (const auto& material : in.list("packaging_materials")) standard.packaging.materials.push_back(sheets::unprotect_text(material));
    catalog::Storage& storage = standard.storage;
    storage.temperature_min_c_x10 = in.tenths("storage_temp_min_c", true).value_or(0);
    storage.temperature_max_c_x10 = in.tenths("storage_temp_max_c", true).value_or(0);
    storage.humidity_min_pct = in.integer("storage_humidity_min_pct", true).value_or(0);
    storage.humidity_max_pct = in.integer("storage_humidity_max_pct", true).value_or(0);
    storage.shelf_life_days = in.integer("shelf_life_days", true).value_or(0);
    standard.logistics.cold_chain = in.parsed("cold_chain", true, enum_parser<catalog::ColdChain>).value_or(catalog::ColdChain::ambient);
    standard.channels = read_channels(in);
    standard.pricing.min_order_quantity = in.integer("min_order_quantity", true).value_or(0);
    read_grades(layout, in, standard);
    return standard;
}

void read_product_fields(sheets::RowReader& in, ProductRecord& out) {
    catalog::ProductFields& fields = out.fields;
    fields.name_zh = in.text("name_zh");
    fields.name_en = in.text("name_en");
    fields.category_id = in.token("category_id", true).value_or("");
    auto kind = in.parsed("unit_kind", true, enum_parser<catalog::UnitKind>);
    if (kind) fields.unit.kind = *kind;
    auto net_g = in.integer("unit_net_g", false);
    if (net_g) {
        fields.unit.net_g = *net_g;
    } else if (kind == catalog::UnitKind::kg || kind == catalog::UnitKind::jin) {
        fields.unit.net_g = *kind == catalog::UnitKind::kg ? catalog::kg_net_g : catalog::jin_net_g;
    } else if (kind && in.empty("unit_net_g")) {
        in.add("unit_net_g", "is required for a box or a piece (grams in one unit; 0 for pieces not sold by weight)");
    }
    fields.status = in.parsed("status", true, enum_parser<catalog::ProductStatus>).value_or(catalog::ProductStatus::draft);
}

// The catalog names fields by their API names in some messages; the sheet's names are what a
// spreadsheet user sees.
std::string in_sheet_terms(std::string message) {
    static const std::vector<std::pair<std::string, std::string>> names = {
        {"temperature_min_c_x10", "storage_temp_min_c"},
        {"humidity_min_pct", "storage_humidity_min_pct"},
    };
    for (const auto& [api, sheet] : names) {
        for (size_t at = message.find(api); at != std::string::npos; at = message.find(api, at + sheet.size())) {
            message.replace(at, api.size(), sheet);
        }
    }
    return message;
}

// The catalog's own rules, their field paths turned into this row's columns. A column that already
// has a problem of its own is not reported again (its value here is only a placeholder).
void check_with_catalog(sheets::RowReader& in, const ProductRecord& record, const std::vector<FieldError>& row_errors) {
    std::set<std::string> reported;
    for (const auto& error : row_errors) reported.insert(error.field);
    if (reported.contains(sheets::cell_field(in.row(), "unit_kind"))) reported.insert(sheets::cell_field(in.row(), "unit_net_g"));
    // A grade whose price did not read has no price its tiers could be compared with.
    for (size_t slot = 1; slot <= catalog::grades_max; ++slot) {
        if (reported.contains(sheets::cell_field(in.row(), slot_column(slot, "price_fen")))) {
            reported.insert(sheets::cell_field(in.row(), slot_column(slot, "tiers")));
        }
    }
    std::vector<FieldError> found;
    if (auto checked = catalog::check_product_fields(record.fields); !checked) found = checked.error().fields;
    if (record.standard) {
        if (auto checked = catalog::validate_standard(*record.standard, "standard/"); !checked) {
            for (const auto& field : checked.error().fields) found.push_back(field);
        }
    }
    for (const auto& field : found) {
        const std::string column = product_column_for(field.field, record);
        if (!reported.contains(sheets::cell_field(in.row(), column))) in.add(column, in_sheet_terms(field.message));
    }
}

}  // namespace

std::optional<ProductRecord> decode_product(const ProductLayout& layout, const sheets::CsvRecord& record, size_t row,
                                            std::vector<FieldError>& errors) {
    const size_t errors_before = errors.size();
    sheets::RowReader in(layout.columns, record, row, errors);
    if (!in.fits_header()) return std::nullopt;
    ProductRecord out;
    if (auto code = in.token("producer_credit_code", true)) {
        auto normalised = catalog::normalise_credit_code(*code, "producer_credit_code");
        if (normalised) {
            out.producer_credit_code = *normalised;
        } else {
            in.add("producer_credit_code", normalised.error().fields.at(0).message);
        }
    }
    if (auto code = in.token("code", true)) {
        out.code = *code;
        if (auto checked = catalog::check_product_code(out.code); !checked) in.add("code", checked.error().fields.at(0).message);
    }
    read_product_fields(in, out);
    out.standard = read_standard(layout, in);
    check_with_catalog(in, out, std::vector<FieldError>(errors.begin() + static_cast<std::ptrdiff_t>(errors_before),
                                                        errors.end()));
    if (errors.size() != errors_before) return std::nullopt;
    return out;
}

namespace {

// The grade slot (1-based) of grade `code` in `record`'s standard; 1 when unknown.
size_t slot_of_grade(const ProductRecord& record, const std::string& code) {
    if (!record.standard) return 1;
    const auto& grades = record.standard->grades;
    for (size_t i = 0; i < grades.size(); ++i) {
        if (grades[i].code == code) return i + 1;
    }
    return 1;
}

// The number at the start of `path` and what follows it ("1/name_zh" → 1, "name_zh").
std::optional<std::pair<size_t, std::string>> leading_index(std::string_view path) {
    const size_t slash = path.find('/');
    auto index = sheets::parse_integer(path.substr(0, slash));
    if (!index || *index < 0) return std::nullopt;
    return std::make_pair(static_cast<size_t>(*index),
                          slash == std::string_view::npos ? std::string() : std::string(path.substr(slash + 1)));
}

std::string grade_column_for(std::string_view rest) {
    auto at = leading_index(rest);
    if (!at) return "grade1_code";
    for (const char* sub : {"name_zh", "name_en", "criteria"}) {
        if (at->second.starts_with(sub)) return slot_column(at->first + 1, sub);
    }
    return slot_column(at->first + 1, "code");
}

std::string pricing_column_for(std::string_view rest, const ProductRecord& record) {
    if (rest.starts_with("min_order_quantity")) return "min_order_quantity";
    const auto& pricing = record.standard->pricing;
    if (rest.starts_with("list_prices/")) {
        auto at = leading_index(rest.substr(12));
        if (at && at->first < pricing.list_prices.size()) {
            return slot_column(slot_of_grade(record, pricing.list_prices[at->first].grade), "price_fen");
        }
        return "grade1_price_fen";
    }
    if (rest.starts_with("tiers/")) {
        auto tier = leading_index(rest.substr(6));
        if (tier && tier->first < pricing.tiers.size() && tier->second.starts_with("prices/")) {
            auto price = leading_index(std::string_view(tier->second).substr(7));
            const auto& prices = pricing.tiers[tier->first].prices;
            if (price && price->first < prices.size()) {
                return slot_column(slot_of_grade(record, prices[price->first].grade), "tiers");
            }
        }
        if (tier && tier->first < pricing.tiers.size() && !pricing.tiers[tier->first].prices.empty()) {
            return slot_column(slot_of_grade(record, pricing.tiers[tier->first].prices.front().grade), "tiers");
        }
        return "grade1_tiers";
    }
    return "grade1_price_fen";
}

std::string standard_column_for(std::string_view rest, const ProductRecord& record) {
    static const std::vector<std::pair<std::string_view, std::string_view>> simple = {
        {"packaging/type", "packaging_type"},
        {"packaging/net_weight_g", "packaging_net_g"},
        {"packaging/materials", "packaging_materials"},
        {"storage/temperature_min_c_x10", "storage_temp_min_c"},
        {"storage/temperature_max_c_x10", "storage_temp_max_c"},
        {"storage/humidity_min_pct", "storage_humidity_min_pct"},
        {"storage/humidity_max_pct", "storage_humidity_max_pct"},
        {"storage/shelf_life_days", "shelf_life_days"},
        {"logistics/cold_chain", "cold_chain"},
        {"channels", "channels"},
    };
    for (const auto& [prefix, column] : simple) {
        if (rest.starts_with(prefix)) return std::string(column);
    }
    if (rest.starts_with("grades/")) return grade_column_for(rest.substr(7));
    if (rest.starts_with("grades")) return "grade1_code";
    if (rest.starts_with("pricing/") && record.standard) return pricing_column_for(rest.substr(8), record);
    return "grade1_code";
}

}  // namespace

std::string product_column_for(const std::string& service_field, const ProductRecord& record) {
    static const std::map<std::string, std::string, std::less<>> simple = {
        {"producer_id", "producer_credit_code"}, {"name_zh", "name_zh"}, {"name_en", "name_en"},
        {"category_id", "category_id"}, {"status", "status"}, {"unit/kind", "unit_kind"},
        {"unit/net_g", "unit_net_g"}, {"code", "code"}};
    if (auto found = simple.find(service_field); found != simple.end()) return found->second;
    if (service_field.starts_with("standard/")) {
        return standard_column_for(std::string_view(service_field).substr(9), record);
    }
    if (service_field == "standard") return "grade1_code";
    return service_field;
}

}  // namespace kl::exchange

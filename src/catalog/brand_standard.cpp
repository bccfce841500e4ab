#include "catalog/brand_standard.h"

#include <map>
#include <set>

#include "core/field_errors.h"

namespace kl::catalog {

namespace {


std::string range_text(int64_t min, int64_t max) {
    return "must be between " + std::to_string(min) + " and " + std::to_string(max);
}

void check_range(FieldErrors& errors, const std::string& field, int64_t value, int64_t min, int64_t max) {
    if (value < min || value > max) errors.add(field, ProblemCode::invalid_value, range_text(min, max));
}

bool has_outer_space(const std::string& text) {
    return !text.empty() && (text.front() == ' ' || text.back() == ' ');
}

void check_criteria(FieldErrors& errors, const std::string& at, const std::vector<Criterion>& criteria) {
    if (criteria.size() > criteria_per_grade_max) {
        errors.add(at + "criteria", ProblemCode::above_max, "may hold at most " + std::to_string(criteria_per_grade_max) + " criteria");
        return;
    }
    std::set<Metric> metrics;
    for (size_t i = 0; i < criteria.size(); ++i) {
        const Criterion& criterion = criteria[i];
        const std::string here = at + "criteria/" + std::to_string(i) + "/";
        if (!metrics.insert(criterion.metric).second) errors.add(here + "metric", ProblemCode::repeated, "appears twice in this grade");
        if (!criterion.min && !criterion.max) errors.add(here + "min", ProblemCode::invalid_value, "a criterion needs min, max or both");
        if (criterion.min) check_range(errors, here + "min", *criterion.min, 0, criterion_value_max);
        if (criterion.max) check_range(errors, here + "max", *criterion.max, 0, criterion_value_max);
        if (criterion.min && criterion.max && *criterion.min > *criterion.max) {
            errors.add(here + "max", ProblemCode::below_min, "must not be below min (" + std::to_string(*criterion.min) + ")");
        }
    }
}

void check_grades(FieldErrors& errors, const std::string& prefix, const std::vector<Grade>& grades) {
    if (grades.empty() || grades.size() > grades_max) {
        errors.add(prefix + "grades", ProblemCode::invalid_value, "must list 1 to " + std::to_string(grades_max) + " grades");
        if (grades.size() > grades_max) return;
    }
    std::set<std::string> codes;
    std::set<int64_t> ranks;
    for (size_t i = 0; i < grades.size(); ++i) {
        const Grade& grade = grades[i];
        const std::string at = prefix + "grades/" + std::to_string(i) + "/";
        errors.check_text(at + "code", grade.code, 1, grade_code_chars_max);
        if (!errors.has(at + "code") && has_outer_space(grade.code)) {
            errors.add(at + "code", ProblemCode::invalid_value, "must not start or end with a space");
        }
        if (!errors.has(at + "code") && !codes.insert(grade.code).second) {
            errors.add(at + "code", ProblemCode::invalid_value, "is used by another grade of this standard");
        }
        errors.check_text(at + "name_zh", grade.name_zh, 1, grade_name_chars_max);
        errors.check_text(at + "name_en", grade.name_en, 0, grade_name_chars_max);
        if (grade.rank < 1 || grade.rank > static_cast<int64_t>(grades_max)) {
            errors.add(at + "rank", ProblemCode::invalid_value, range_text(1, static_cast<int64_t>(grades_max)));
        } else if (!ranks.insert(grade.rank).second) {
            errors.add(at + "rank", ProblemCode::invalid_value, "is used by another grade of this standard (1 is the best grade)");
        }
        check_criteria(errors, at, grade.criteria);
    }
}

void check_packaging(FieldErrors& errors, const std::string& prefix, const Packaging& packaging) {
    const std::string at = prefix + "packaging/";
    check_range(errors, at + "net_weight_g", packaging.net_weight_g, 1, package_net_g_max);
    if (packaging.materials.size() > materials_max) {
        errors.add(at + "materials", ProblemCode::above_max, "may list at most " + std::to_string(materials_max) + " materials");
        return;
    }
    for (size_t i = 0; i < packaging.materials.size(); ++i) {
        errors.check_text(at + "materials/" + std::to_string(i), packaging.materials[i], 1, material_chars_max);
    }
}

void check_storage(FieldErrors& errors, const std::string& prefix, const Storage& storage) {
    const std::string at = prefix + "storage/";
    check_range(errors, at + "temperature_min_c_x10", storage.temperature_min_c_x10, temperature_c_x10_min,
                temperature_c_x10_max);
    check_range(errors, at + "temperature_max_c_x10", storage.temperature_max_c_x10, temperature_c_x10_min,
                temperature_c_x10_max);
    if (storage.temperature_min_c_x10 > storage.temperature_max_c_x10) {
        errors.add(at + "temperature_max_c_x10", ProblemCode::below_min, "must not be below temperature_min_c_x10");
    }
    check_range(errors, at + "humidity_min_pct", storage.humidity_min_pct, 0, humidity_pct_max);
    check_range(errors, at + "humidity_max_pct", storage.humidity_max_pct, 0, humidity_pct_max);
    if (storage.humidity_min_pct > storage.humidity_max_pct) {
        errors.add(at + "humidity_max_pct", ProblemCode::below_min, "must not be below humidity_min_pct");
    }
    check_range(errors, at + "shelf_life_days", storage.shelf_life_days, 1, shelf_life_days_max);
}

void check_channels(FieldErrors& errors, const std::string& prefix, const std::vector<SalesChannel>& channels) {
    if (channels.empty()) errors.add(prefix + "channels", ProblemCode::below_min, "must name at least one sales channel");
    std::set<SalesChannel> seen;
    for (size_t i = 0; i < channels.size(); ++i) {
        if (!seen.insert(channels[i]).second) {
            errors.add(prefix + "channels/" + std::to_string(i), ProblemCode::repeated, "appears more than once");
        }
    }
}

// Checks one grade price; returns whether it names a known grade (so its price may be compared).
bool check_grade_price(FieldErrors& errors, const std::string& at, const GradePrice& price,
                       const std::set<std::string>& grade_codes) {
    check_range(errors, at + "price_fen", price.price_fen, 1, price_fen_max);
    if (grade_codes.count(price.grade) == 0) {
        errors.add(at + "grade", ProblemCode::unknown_reference, "is not a grade of this standard");
        return false;
    }
    return true;
}

void check_tiers(FieldErrors& errors, const std::string& at, const Pricing& pricing,
                 const std::set<std::string>& grade_codes, std::map<std::string, int64_t> price_before) {
    if (pricing.tiers.size() > price_tiers_max) {
        errors.add(at + "tiers", ProblemCode::above_max, "may hold at most " + std::to_string(price_tiers_max) + " tiers");
        return;
    }
    int64_t quantity_before = pricing.min_order_quantity;
    for (size_t t = 0; t < pricing.tiers.size(); ++t) {
        const PriceTier& tier = pricing.tiers[t];
        const std::string here = at + "tiers/" + std::to_string(t) + "/";
        if (tier.min_quantity <= quantity_before || tier.min_quantity > order_quantity_max) {
            errors.add(here + "min_quantity", ProblemCode::above_max, "must be above " + std::to_string(quantity_before) +
                                                  " (the minimum order or the tier before) and at most " +
                                                  std::to_string(order_quantity_max));
        }
        quantity_before = std::max(quantity_before, tier.min_quantity);
        if (tier.prices.empty()) errors.add(here + "prices", ProblemCode::below_min, "must price at least one grade");
        std::set<std::string> priced;
        for (size_t p = 0; p < tier.prices.size(); ++p) {
            const GradePrice& price = tier.prices[p];
            const std::string spot = here + "prices/" + std::to_string(p) + "/";
            if (!check_grade_price(errors, spot, price, grade_codes)) continue;
            if (!priced.insert(price.grade).second) {
                errors.add(spot + "grade", ProblemCode::repeated, "is priced twice in this tier");
                continue;
            }
            auto before = price_before.find(price.grade);
            if (before != price_before.end() && price.price_fen > before->second) {
                errors.add(spot + "price_fen", ProblemCode::above_max, "must not be above the price for fewer units (" +
                                                   std::to_string(before->second) + " fen)");
            }
            price_before[price.grade] = price.price_fen;
        }
    }
}

void check_pricing(FieldErrors& errors, const std::string& prefix, const Pricing& pricing,
                   const std::vector<Grade>& grades) {
    const std::string at = prefix + "pricing/";
    std::set<std::string> grade_codes;
    for (const auto& grade : grades) grade_codes.insert(grade.code);
    std::map<std::string, int64_t> list_price;
    for (size_t i = 0; i < pricing.list_prices.size(); ++i) {
        const std::string here = at + "list_prices/" + std::to_string(i) + "/";
        if (!check_grade_price(errors, here, pricing.list_prices[i], grade_codes)) continue;
        if (!list_price.emplace(pricing.list_prices[i].grade, pricing.list_prices[i].price_fen).second) {
            errors.add(here + "grade", ProblemCode::invalid_value, "has a list price already");
        }
    }
    for (const auto& code : grade_codes) {
        if (list_price.count(code) == 0) errors.add(at + "list_prices", ProblemCode::invalid_value, "has no price for grade " + code);
    }
    check_range(errors, at + "min_order_quantity", pricing.min_order_quantity, 1, order_quantity_max);
    check_tiers(errors, at, pricing, grade_codes, list_price);
}

}  // namespace

Result<void> validate_standard(const BrandStandard& standard, const std::string& prefix) {
    FieldErrors errors;
    check_grades(errors, prefix, standard.grades);
    check_packaging(errors, prefix, standard.packaging);
    check_storage(errors, prefix, standard.storage);
    check_channels(errors, prefix, standard.channels);
    check_pricing(errors, prefix, standard.pricing, standard.grades);
    return errors.finish();
}

}  // namespace kl::catalog

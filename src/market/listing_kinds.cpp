#include "market/listing_kinds.h"

#include "catalog/brand_standard.h"
#include "catalog/category_service.h"
#include "catalog/product_repo.h"
#include "catalog/reference_data.h"
#include "market/lane_repo.h"

namespace kl::market {

namespace {

// The product's own rules for an offer; its grade must be one of the product's standard.
Result<void> check_offered_product(store::Tx& tx, const std::string& org_id, const OfferFields& fields,
                                   std::vector<FieldError>& errors) {
    KL_TRY_ASSIGN(std::optional<catalog::Product> product, catalog::find_product(tx, fields.product_id));
    if (!product) {
        errors.push_back({"product_id", ProblemCode::unknown_reference, "no product " + fields.product_id});
    } else if (product->producer_id != org_id) {
        errors.push_back({"product_id", ProblemCode::unknown_reference, "is not a product of organisation " + org_id});
    } else if (product->fields.status != catalog::ProductStatus::active) {
        errors.push_back({"product_id", ProblemCode::unknown_reference, "is not active in the catalogue"});
    } else {
        KL_TRY_ASSIGN(std::optional<catalog::ProductStandard> standard, catalog::load_standard(tx, fields.product_id));
        if (!standard) {
            errors.push_back({"product_id", ProblemCode::invalid_value, "has no brand standard (its grades and shelf life)"});
        } else if (catalog::find_grade(standard->standard, fields.grade) == nullptr) {
            std::string codes;
            for (const auto& grade : standard->standard.grades) codes += (codes.empty() ? "" : ", ") + grade.code;
            errors.push_back({"grade", ProblemCode::unknown_reference, "is not a grade of the product's standard (" + codes + ")"});
        }
    }
    return ok();
}

// A demand names a product (its minimum grade by code) or a category (by rank).
Result<void> check_demanded_target(store::Tx& tx, DemandFields& fields, std::vector<FieldError>& errors) {
    if (fields.product_id.has_value() == fields.category_id.has_value()) {
        errors.push_back({"product_id", ProblemCode::invalid_value, "give exactly one of product_id and category_id"});
    } else if (fields.product_id) {
        KL_TRY_ASSIGN(std::optional<catalog::ProductStandard> standard, catalog::load_standard(tx, *fields.product_id));
        if (!standard) {
            errors.push_back({"product_id", ProblemCode::unknown_reference, "no product with a brand standard: " + *fields.product_id});
        } else if (!fields.min_grade) {
            errors.push_back({"min_grade", ProblemCode::required, "is required for a product demand (a grade code of its standard)"});
        } else if (const catalog::Grade* grade = catalog::find_grade(standard->standard, *fields.min_grade)) {
            fields.min_grade_rank = grade->rank;
        } else {
            errors.push_back({"min_grade", ProblemCode::unknown_reference, "is not a grade of the product's standard"});
        }
    } else {
        KL_TRY_ASSIGN(const bool category, catalog::category_exists(tx, *fields.category_id));
        if (!category) errors.push_back({"category_id", ProblemCode::unknown_reference, "no category " + *fields.category_id});
        if (fields.min_grade) errors.push_back({"min_grade", ProblemCode::invalid_value, "a category demand names its minimum by min_grade_rank"});
        if (fields.min_grade_rank < 1 || fields.min_grade_rank > static_cast<int64_t>(catalog::grades_max)) {
            errors.push_back({"min_grade_rank", ProblemCode::invalid_value, "must be 1 (best) to " + std::to_string(catalog::grades_max)});
        }
    }
    return ok();
}

void check_quantity_and_price(int64_t quantity_g, int64_t price_fen_per_kg, const char* price_field,
                              std::vector<FieldError>& errors) {
    if (quantity_g < 1 || quantity_g > quantity_g_max) {
        errors.push_back({"quantity_g", ProblemCode::out_of_range, "must be 1 to " + std::to_string(quantity_g_max) + " grams"});
    }
    if (price_fen_per_kg < 1 || price_fen_per_kg > price_fen_per_kg_max) {
        errors.push_back({price_field, ProblemCode::out_of_range, "must be 1 to " + std::to_string(price_fen_per_kg_max)});
    }
}

}  // namespace

Result<void> OfferKind::check_fields(store::Tx& tx, const std::string& org_id, Fields& fields,
                                     std::vector<FieldError>& errors) {
    KL_TRY(check_offered_product(tx, org_id, fields, errors));
    check_quantity_and_price(fields.quantity_g, fields.price_fen_per_kg, "price_fen_per_kg", errors);
    if (fields.available_to < fields.available_from) errors.push_back({"available_to", ProblemCode::before_other_field, "is before available_from"});
    if (fields.packed_on > fields.available_to) errors.push_back({"packed_on", ProblemCode::above_max, "is after available_to"});
    KL_TRY_ASSIGN(std::optional<NodeKind> origin, find_node_kind(tx, fields.origin_node_id));
    if (origin != NodeKind::origin) errors.push_back({"origin_node_id", ProblemCode::invalid_value, "must be an origin node (origin-<county>)"});
    return ok();
}

Result<void> DemandKind::check_fields(store::Tx& tx, const std::string&, Fields& fields, std::vector<FieldError>& errors) {
    KL_TRY(check_demanded_target(tx, fields, errors));
    check_quantity_and_price(fields.quantity_g, fields.max_price_fen_per_kg, "max_price_fen_per_kg", errors);
    KL_TRY_ASSIGN(std::optional<catalog::District> district, catalog::find_district(tx, fields.district));
    if (!district) errors.push_back({"district", ProblemCode::unknown_reference, "no Shanghai district " + fields.district});
    if (fields.min_shelf_life_days < 0 || fields.min_shelf_life_days > min_shelf_life_days_max) {
        errors.push_back({"min_shelf_life_days", ProblemCode::out_of_range, "must be 0 to " + std::to_string(min_shelf_life_days_max)});
    }
    if (fields.min_aided_g < 0 || fields.min_aided_g > fields.quantity_g) {
        errors.push_back({"min_aided_g", ProblemCode::out_of_range, "must be 0 to the quantity"});
    }
    return ok();
}

}  // namespace kl::market

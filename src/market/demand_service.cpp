#include "market/demand_service.h"

#include "access/page_cursor.h"
#include "catalog/brand_standard.h"
#include "catalog/product_repo.h"
#include "market/listing_sql.h"

namespace kl::market {

namespace {

constexpr std::string_view demand_select =
    "SELECT x.id, x.org_id, x.ref, x.product_id, x.category_id, x.min_grade, x.min_grade_rank, x.quantity_g, "
    "x.max_price_fen_per_kg, x.deliver_by, x.district_code, x.min_shelf_life_days, x.min_aided_g, x.status, "
    "x.created_at_ms, x.updated_at_ms, COALESCE(p.name_zh, c.name_zh, '') AS target_name_zh, "
    "COALESCE(p.name_en, c.name_en, '') AS target_name_en FROM market_demands x "
    "LEFT JOIN products p ON p.id = x.product_id LEFT JOIN categories c ON c.id = x.category_id";

Demand demand_from_row(const store::Row& row) {
    Demand demand;
    demand.id = row.text("id");
    demand.org_id = row.text("org_id");
    demand.ref = row.opt_text("ref");
    demand.fields.product_id = row.opt_text("product_id");
    demand.fields.category_id = row.opt_text("category_id");
    demand.fields.min_grade = row.opt_text("min_grade");
    demand.fields.min_grade_rank = row.i64("min_grade_rank");
    demand.fields.quantity_g = row.i64("quantity_g");
    demand.fields.max_price_fen_per_kg = row.i64("max_price_fen_per_kg");
    demand.fields.deliver_by = catalog::parse_date(row.text("deliver_by"), "deliver_by").value();
    demand.fields.district = row.text("district_code");
    demand.fields.min_shelf_life_days = row.i64("min_shelf_life_days");
    demand.fields.min_aided_g = row.i64("min_aided_g");
    demand.status = parse_listing_status(row.text("status")).value();
    demand.created_at_ms = row.i64("created_at_ms");
    demand.updated_at_ms = row.i64("updated_at_ms");
    demand.target_name_zh = row.text("target_name_zh");
    demand.target_name_en = row.text("target_name_en");
    return demand;
}

// Checks the fields (and a new demand's reference) and resolves the minimum grade's rank (product
// demands) in place. The one copy of the rules: create, update and the import all come here.
Result<void> check_demand(store::Tx& tx, DemandFields& fields, const std::optional<std::string>& ref) {
    std::vector<FieldError> errors;
    check_ref(ref, errors);
    if (fields.product_id.has_value() == fields.category_id.has_value()) {
        errors.push_back({"product_id", "give exactly one of product_id and category_id"});
    } else if (fields.product_id) {
        KL_TRY_ASSIGN(std::optional<catalog::ProductStandard> standard, catalog::load_standard(tx, *fields.product_id));
        if (!standard) {
            errors.push_back({"product_id", "no product with a brand standard: " + *fields.product_id});
        } else if (!fields.min_grade) {
            errors.push_back({"min_grade", "is required for a product demand (a grade code of its standard)"});
        } else if (const catalog::Grade* grade = catalog::find_grade(standard->standard, *fields.min_grade)) {
            fields.min_grade_rank = grade->rank;
        } else {
            errors.push_back({"min_grade", "is not a grade of the product's standard"});
        }
    } else {
        KL_TRY_ASSIGN(store::Rows category, tx.query("SELECT id FROM categories WHERE id = $1", {*fields.category_id}));
        if (category.empty()) errors.push_back({"category_id", "no category " + *fields.category_id});
        if (fields.min_grade) errors.push_back({"min_grade", "a category demand names its minimum by min_grade_rank"});
        if (fields.min_grade_rank < 1 || fields.min_grade_rank > static_cast<int64_t>(catalog::grades_max)) {
            errors.push_back({"min_grade_rank", "must be 1 (best) to " + std::to_string(catalog::grades_max)});
        }
    }
    if (fields.quantity_g < 1 || fields.quantity_g > quantity_g_max) {
        errors.push_back({"quantity_g", "must be 1 to " + std::to_string(quantity_g_max) + " grams"});
    }
    if (fields.max_price_fen_per_kg < 1 || fields.max_price_fen_per_kg > price_fen_per_kg_max) {
        errors.push_back({"max_price_fen_per_kg", "must be 1 to " + std::to_string(price_fen_per_kg_max)});
    }
    KL_TRY_ASSIGN(store::Rows district, tx.query("SELECT code FROM districts WHERE code = $1", {fields.district}));
    if (district.empty()) errors.push_back({"district", "no Shanghai district " + fields.district});
    if (fields.min_shelf_life_days < 0 || fields.min_shelf_life_days > min_shelf_life_days_max) {
        errors.push_back({"min_shelf_life_days", "must be 0 to " + std::to_string(min_shelf_life_days_max)});
    }
    if (fields.min_aided_g < 0 || fields.min_aided_g > fields.quantity_g) {
        errors.push_back({"min_aided_g", "must be 0 to the quantity"});
    }
    if (errors.empty()) return ok();
    return fail(Error{ErrorCode::invalid_argument, errors.front().field + ": " + errors.front().message, errors});
}

store::Params field_params(const DemandFields& fields) {
    auto optional = [](const std::optional<std::string>& text) { return text ? store::Value(*text) : store::null(); };
    return {optional(fields.product_id),
            optional(fields.category_id),
            optional(fields.min_grade),
            fields.min_grade_rank,
            fields.quantity_g,
            fields.max_price_fen_per_kg,
            catalog::format_date(fields.deliver_by),
            fields.district,
            fields.min_shelf_life_days,
            fields.min_aided_g};
}

}  // namespace

Result<std::optional<Demand>> find_demand(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(std::string(demand_select) + " WHERE x.id = $1", {id}));
    if (rows.empty()) return std::optional<Demand>{};
    return std::optional<Demand>{demand_from_row(rows[0])};
}

Result<Demand> insert_demand(store::Tx& tx, const std::string& id, const NewDemand& demand,
                             const std::optional<std::string>& created_by, int64_t now_ms) {
    KL_TRY(require_org_kind(tx, demand.org_id, false));
    DemandFields fields = demand.fields;
    KL_TRY(check_demand(tx, fields, demand.ref));
    KL_TRY(check_ref_free(tx, ListingTable::demands, demand.org_id, demand.ref));
    store::Params params = field_params(fields);
    params.insert(params.begin(), {id, demand.org_id});
    params.push_back(created_by ? store::Value(*created_by) : store::null());
    params.push_back(now_ms);
    params.push_back(demand.ref ? store::Value(*demand.ref) : store::null());
    KL_TRY(tx.execute("INSERT INTO market_demands (id, org_id, product_id, category_id, min_grade, min_grade_rank, "
                      "quantity_g, max_price_fen_per_kg, deliver_by, district_code, min_shelf_life_days, min_aided_g, "
                      "status, created_by, created_at_ms, updated_at_ms, ref) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14, $14, $15)",
                      params));
    Demand created{id, demand.org_id, demand.ref, fields, ListingStatus::open, now_ms, now_ms, "", ""};
    KL_TRY_ASSIGN(store::Rows names,
                  tx.query("SELECT COALESCE(p.name_zh, c.name_zh, '') AS zh, COALESCE(p.name_en, c.name_en, '') AS en "
                           "FROM (SELECT 1 AS one) x LEFT JOIN products p ON p.id = $1 LEFT JOIN categories c ON c.id = $2",
                           {fields.product_id ? store::Value(*fields.product_id) : store::null(),
                            fields.category_id ? store::Value(*fields.category_id) : store::null()}));
    created.target_name_zh = names[0].text("zh");
    created.target_name_en = names[0].text("en");
    return created;
}

Result<Demand> DemandService::create(const Actor& actor, const NewDemand& demand) {
    return store_.write([&](store::Tx& tx) -> Result<Demand> { return create_in(tx, actor, demand); });
}

Result<Demand> DemandService::create_in(store::Tx& tx, const Actor& actor, const NewDemand& demand) {
    KL_TRY(require_listing_write(actor, access::Role::buyer, demand.org_id));
    return insert_demand(tx, ids_.next(), demand, actor ? std::optional(actor->user_id) : std::nullopt,
                         clock_.now_ms());
}

Result<Demand> DemandService::update(const Actor& actor, const std::string& id, const DemandFields& input,
                                     DemandFieldsGiven given) {
    return store_.write([&](store::Tx& tx) -> Result<Demand> {
        KL_TRY_ASSIGN(std::optional<Demand> demand, find_demand(tx, id));
        if (!demand) return fail(ErrorCode::not_found, "demand " + id + " not found");
        KL_TRY(require_listing_write(actor, access::Role::buyer, demand->org_id));
        if (demand->status != ListingStatus::open) return fail(ErrorCode::conflict, "demand " + id + " is withdrawn");
        DemandFields fields = input;
        if (!given.min_shelf_life_days) fields.min_shelf_life_days = demand->fields.min_shelf_life_days;
        if (!given.min_aided_g) fields.min_aided_g = demand->fields.min_aided_g;
        KL_TRY(check_demand(tx, fields, std::nullopt));
        store::Params params{store::Value(std::in_place_type<std::string>, id)};
        for (auto& value : field_params(fields)) params.push_back(std::move(value));
        const int64_t now = clock_.now_ms();
        params.push_back(now);
        KL_TRY(tx.execute("UPDATE market_demands SET product_id = $2, category_id = $3, min_grade = $4, "
                          "min_grade_rank = $5, quantity_g = $6, max_price_fen_per_kg = $7, deliver_by = $8, "
                          "district_code = $9, min_shelf_life_days = $10, min_aided_g = $11, updated_at_ms = $12 "
                          "WHERE id = $1",
                          params));
        demand->fields = fields;
        demand->updated_at_ms = now;
        return std::move(*demand);
    });
}

Result<Demand> DemandService::withdraw(const Actor& actor, const std::string& id) {
    return store_.write([&](store::Tx& tx) -> Result<Demand> {
        KL_TRY_ASSIGN(std::optional<Demand> demand, find_demand(tx, id));
        if (!demand) return fail(ErrorCode::not_found, "demand " + id + " not found");
        KL_TRY(require_listing_write(actor, access::Role::buyer, demand->org_id));
        KL_TRY(tx.execute("UPDATE market_demands SET status = 'withdrawn', updated_at_ms = $2 WHERE id = $1",
                          {id, clock_.now_ms()}));
        demand->status = ListingStatus::withdrawn;
        return std::move(*demand);
    });
}

Result<Demand> DemandService::get(const Actor& actor, const std::string& id) {
    return store_.read([&](store::Tx& tx) -> Result<Demand> {
        KL_TRY_ASSIGN(std::optional<Demand> demand, find_demand(tx, id));
        if (!demand) return fail(ErrorCode::not_found, "demand " + id + " not found");
        KL_TRY(require_listing_read(actor, demand->org_id));
        return std::move(*demand);
    });
}

Result<DemandPage> DemandService::list(const Actor& actor, const ListingFilter& filter, int limit,
                                       const std::optional<std::string>& cursor) {
    KL_TRY(access::check_page_limit(limit));
    KL_TRY_ASSIGN(std::optional<std::string> after, access::decode_optional_cursor(cursor));
    KL_TRY_ASSIGN(ListingQuery query, listing_query(actor, filter, after));
    return store_.read([&](store::Tx& tx) -> Result<DemandPage> {
        query.params.emplace_back(std::in_place_type<int64_t>, int64_t{limit} + 1);
        KL_TRY_ASSIGN(store::Rows rows, tx.query(std::string(demand_select) + " WHERE x.id > $1" + query.where +
                                                     " ORDER BY x.id LIMIT $" + std::to_string(query.params.size()),
                                                 query.params));
        DemandPage page;
        for (const auto& row : rows) {
            if (static_cast<int>(page.demands.size()) == limit) {
                page.next_cursor = access::encode_cursor(page.demands.back().id);
                break;
            }
            page.demands.push_back(demand_from_row(row));
        }
        return page;
    });
}

}  // namespace kl::market

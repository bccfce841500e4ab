#include "market/offer_service.h"

#include "access/page_cursor.h"
#include "catalog/product_repo.h"
#include "market/listing_sql.h"

namespace kl::market {

namespace {

constexpr std::string_view offer_select =
    "SELECT x.id, x.org_id, x.ref, x.product_id, x.grade, x.quantity_g, x.price_fen_per_kg, x.available_from, "
    "x.available_to, x.packed_on, x.origin_node_id, x.status, x.created_at_ms, x.updated_at_ms, "
    "g.grade_rank, p.shelf_life_days, p.name_zh, p.name_en FROM market_offers x "
    "JOIN products p ON p.id = x.product_id "
    "JOIN product_grades g ON g.product_id = x.product_id AND g.code = x.grade";

catalog::Date stored_date(const store::Row& row, const char* column) {
    // Dates are written by this module only, always valid.
    return catalog::parse_date(row.text(column), column).value();
}

Offer offer_from_row(const store::Row& row) {
    Offer offer;
    offer.id = row.text("id");
    offer.org_id = row.text("org_id");
    offer.ref = row.opt_text("ref");
    offer.fields.product_id = row.text("product_id");
    offer.fields.grade = row.text("grade");
    offer.fields.quantity_g = row.i64("quantity_g");
    offer.fields.price_fen_per_kg = row.i64("price_fen_per_kg");
    offer.fields.available_from = stored_date(row, "available_from");
    offer.fields.available_to = stored_date(row, "available_to");
    offer.fields.packed_on = stored_date(row, "packed_on");
    offer.fields.origin_node_id = row.text("origin_node_id");
    offer.status = parse_listing_status(row.text("status")).value();
    offer.created_at_ms = row.i64("created_at_ms");
    offer.updated_at_ms = row.i64("updated_at_ms");
    offer.grade_rank = row.i64("grade_rank");
    offer.shelf_life_days = row.opt_i64("shelf_life_days").value_or(0);
    offer.best_before = catalog::add_days(offer.fields.packed_on, offer.shelf_life_days);
    offer.product_name_zh = row.text("name_zh");
    offer.product_name_en = row.text("name_en");
    return offer;
}

// Every rule of an offer's fields (and of a new offer's reference) that needs the database; all
// problems at once. The one copy of the rules: create, update and the import all come here.
Result<void> check_offer(store::Tx& tx, const std::string& org_id, const OfferFields& fields,
                         const std::optional<std::string>& ref) {
    std::vector<FieldError> errors;
    check_ref(ref, errors);
    KL_TRY_ASSIGN(std::optional<catalog::Product> product, catalog::find_product(tx, fields.product_id));
    if (!product) {
        errors.push_back({"product_id", "no product " + fields.product_id});
    } else if (product->producer_id != org_id) {
        errors.push_back({"product_id", "is not a product of organisation " + org_id});
    } else if (product->fields.status != catalog::ProductStatus::active) {
        errors.push_back({"product_id", "is not active in the catalogue"});
    } else {
        KL_TRY_ASSIGN(std::optional<catalog::ProductStandard> standard, catalog::load_standard(tx, fields.product_id));
        if (!standard) {
            errors.push_back({"product_id", "has no brand standard (its grades and shelf life)"});
        } else if (catalog::find_grade(standard->standard, fields.grade) == nullptr) {
            std::string codes;
            for (const auto& grade : standard->standard.grades) codes += (codes.empty() ? "" : ", ") + grade.code;
            errors.push_back({"grade", "is not a grade of the product's standard (" + codes + ")"});
        }
    }
    if (fields.quantity_g < 1 || fields.quantity_g > quantity_g_max) {
        errors.push_back({"quantity_g", "must be 1 to " + std::to_string(quantity_g_max) + " grams"});
    }
    if (fields.price_fen_per_kg < 1 || fields.price_fen_per_kg > price_fen_per_kg_max) {
        errors.push_back({"price_fen_per_kg", "must be 1 to " + std::to_string(price_fen_per_kg_max)});
    }
    if (fields.available_to < fields.available_from) errors.push_back({"available_to", "is before available_from"});
    if (fields.packed_on > fields.available_to) errors.push_back({"packed_on", "is after available_to"});
    KL_TRY_ASSIGN(store::Rows node, tx.query("SELECT kind FROM market_nodes WHERE id = $1", {fields.origin_node_id}));
    if (node.empty() || node[0].text(0) != "origin") {
        errors.push_back({"origin_node_id", "must be an origin node (origin-<county>)"});
    }
    if (errors.empty()) return ok();
    return fail(Error{ErrorCode::invalid_argument, errors.front().field + ": " + errors.front().message, errors});
}

store::Params field_params(const OfferFields& fields) {
    return {fields.product_id,
            fields.grade,
            fields.quantity_g,
            fields.price_fen_per_kg,
            catalog::format_date(fields.available_from),
            catalog::format_date(fields.available_to),
            catalog::format_date(fields.packed_on),
            fields.origin_node_id};
}

}  // namespace

Result<std::optional<Offer>> find_offer(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(std::string(offer_select) + " WHERE x.id = $1", {id}));
    if (rows.empty()) return std::optional<Offer>{};
    return std::optional<Offer>{offer_from_row(rows[0])};
}

Result<Offer> insert_offer(store::Tx& tx, const std::string& id, const NewOffer& offer,
                           const std::optional<std::string>& created_by, int64_t now_ms) {
    KL_TRY(require_org_kind(tx, offer.org_id, true));
    KL_TRY(check_offer(tx, offer.org_id, offer.fields, offer.ref));
    KL_TRY(check_ref_free(tx, ListingTable::offers, offer.org_id, offer.ref));
    store::Params params = field_params(offer.fields);
    params.insert(params.begin(), {id, offer.org_id});
    params.push_back(created_by ? store::Value(*created_by) : store::null());
    params.push_back(now_ms);
    params.push_back(offer.ref ? store::Value(*offer.ref) : store::null());
    KL_TRY(tx.execute("INSERT INTO market_offers (id, org_id, product_id, grade, quantity_g, price_fen_per_kg, "
                      "available_from, available_to, packed_on, origin_node_id, status, created_by, created_at_ms, "
                      "updated_at_ms, ref) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, $12, $12, $13)",
                      params));
    KL_TRY_ASSIGN(std::optional<Offer> made, find_offer(tx, id));
    KL_ASSERT(made.has_value());
    return std::move(*made);
}

Result<Offer> OfferService::create(const Actor& actor, const NewOffer& offer) {
    return store_.write([&](store::Tx& tx) -> Result<Offer> { return create_in(tx, actor, offer); });
}

Result<Offer> OfferService::create_in(store::Tx& tx, const Actor& actor, const NewOffer& offer) {
    KL_TRY(require_listing_write(actor, access::Role::producer, offer.org_id));
    return insert_offer(tx, ids_.next(), offer, actor ? std::optional(actor->user_id) : std::nullopt, clock_.now_ms());
}

Result<Offer> OfferService::update(const Actor& actor, const std::string& id, const OfferFields& fields) {
    return store_.write([&](store::Tx& tx) -> Result<Offer> {
        KL_TRY_ASSIGN(std::optional<Offer> offer, find_offer(tx, id));
        if (!offer) return fail(ErrorCode::not_found, "offer " + id + " not found");
        KL_TRY(require_listing_write(actor, access::Role::producer, offer->org_id));
        if (offer->status != ListingStatus::open) return fail(ErrorCode::conflict, "offer " + id + " is withdrawn");
        KL_TRY(check_offer(tx, offer->org_id, fields, std::nullopt));
        store::Params params{store::Value(std::in_place_type<std::string>, id)};
        for (auto& value : field_params(fields)) params.push_back(std::move(value));
        params.push_back(clock_.now_ms());
        KL_TRY(tx.execute("UPDATE market_offers SET product_id = $2, grade = $3, quantity_g = $4, price_fen_per_kg = $5, "
                          "available_from = $6, available_to = $7, packed_on = $8, origin_node_id = $9, "
                          "updated_at_ms = $10 WHERE id = $1",
                          params));
        KL_TRY_ASSIGN(std::optional<Offer> updated, find_offer(tx, id));
        return std::move(*updated);
    });
}

Result<Offer> OfferService::withdraw(const Actor& actor, const std::string& id) {
    return store_.write([&](store::Tx& tx) -> Result<Offer> {
        KL_TRY_ASSIGN(std::optional<Offer> offer, find_offer(tx, id));
        if (!offer) return fail(ErrorCode::not_found, "offer " + id + " not found");
        KL_TRY(require_listing_write(actor, access::Role::producer, offer->org_id));
        KL_TRY(tx.execute("UPDATE market_offers SET status = 'withdrawn', updated_at_ms = $2 WHERE id = $1",
                          {id, clock_.now_ms()}));
        offer->status = ListingStatus::withdrawn;
        return std::move(*offer);
    });
}

Result<Offer> OfferService::get(const Actor& actor, const std::string& id) {
    return store_.read([&](store::Tx& tx) -> Result<Offer> {
        KL_TRY_ASSIGN(std::optional<Offer> offer, find_offer(tx, id));
        if (!offer) return fail(ErrorCode::not_found, "offer " + id + " not found");
        KL_TRY(require_listing_read(actor, offer->org_id));
        return std::move(*offer);
    });
}

Result<OfferPage> OfferService::list(const Actor& actor, const ListingFilter& filter, int limit,
                                     const std::optional<std::string>& cursor) {
    KL_TRY(access::check_page_limit(limit));
    KL_TRY_ASSIGN(std::optional<std::string> after, access::decode_optional_cursor(cursor));
    KL_TRY_ASSIGN(ListingQuery query, listing_query(actor, filter, after));
    return store_.read([&](store::Tx& tx) -> Result<OfferPage> {
        query.params.emplace_back(std::in_place_type<int64_t>, int64_t{limit} + 1);
        KL_TRY_ASSIGN(store::Rows rows, tx.query(std::string(offer_select) + " WHERE x.id > $1" + query.where +
                                                     " ORDER BY x.id LIMIT $" + std::to_string(query.params.size()),
                                                 query.params));
        OfferPage page;
        for (const auto& row : rows) {
            if (static_cast<int>(page.offers.size()) == limit) {
                page.next_cursor = access::encode_cursor(page.offers.back().id);
                break;
            }
            page.offers.push_back(offer_from_row(row));
        }
        return page;
    });
}

}  // namespace kl::market

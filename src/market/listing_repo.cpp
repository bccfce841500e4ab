#include "market/listing_repo.h"

#include "store/list_window.h"
#include "store/stored.h"

namespace kl::market {

namespace {

std::string table_name(ListingTable table) { return table == ListingTable::offers ? "market_offers" : "market_demands"; }

// What each kind's rows are: the SELECT (alias x, joined for what is read but never written), the
// columns its fields write (in field_params order) and the row mapping.
template <typename Kind>
struct KindColumns;

template <>
struct KindColumns<OfferKind> {
    static constexpr std::string_view select =
        "SELECT x.id, x.org_id, x.ref, x.product_id, x.grade, x.quantity_g, x.price_fen_per_kg, x.available_from, "
        "x.available_to, x.packed_on, x.origin_node_id, x.status, x.created_at_ms, x.updated_at_ms, "
        "g.grade_rank, p.shelf_life_days, p.name_zh, p.name_en, o.name AS org_name FROM market_offers x "
        "JOIN products p ON p.id = x.product_id "
        "JOIN product_grades g ON g.product_id = x.product_id AND g.code = x.grade "
        "JOIN organisations o ON o.id = x.org_id";
    // A list finds an offer by its product's names or code, its producer's name, its reference or id,
    // and dates it by the day it was listed.
    static store::WindowColumns window() {
        return {{"p.name_zh", "p.name_en", "p.code", "o.name", "x.ref", "x.id"}, "x.created_at_ms", store::DateStored::epoch_ms};
    }
    static constexpr std::string_view fields[] = {"product_id",     "grade",        "quantity_g", "price_fen_per_kg",
                                                  "available_from", "available_to", "packed_on",  "origin_node_id"};

    static store::Params field_params(const OfferFields& fields) {
        return {fields.product_id,
                fields.grade,
                fields.quantity_g,
                fields.price_fen_per_kg,
                kl::format_date(fields.available_from),
                kl::format_date(fields.available_to),
                kl::format_date(fields.packed_on),
                fields.origin_node_id};
    }

    static Offer from_row(const store::Row& row) {
        Offer offer;
        OfferFields& f = offer.fields;
        f.product_id = row.text("product_id");
        f.grade = row.text("grade");
        f.quantity_g = row.i64("quantity_g");
        f.price_fen_per_kg = row.i64("price_fen_per_kg");
        f.available_from = store::stored_date(row.text("available_from"));
        f.available_to = store::stored_date(row.text("available_to"));
        f.packed_on = store::stored_date(row.text("packed_on"));
        f.origin_node_id = row.text("origin_node_id");
        offer.grade_rank = row.i64("grade_rank");
        offer.shelf_life_days = row.opt_i64("shelf_life_days").value_or(0);
        offer.best_before = kl::add_days(f.packed_on, offer.shelf_life_days);
        offer.product_name_zh = row.text("name_zh");
        offer.product_name_en = row.text("name_en");
        return offer;
    }
};

template <>
struct KindColumns<DemandKind> {
    static constexpr std::string_view select =
        "SELECT x.id, x.org_id, x.ref, x.product_id, x.category_id, x.min_grade, x.min_grade_rank, x.quantity_g, "
        "x.max_price_fen_per_kg, x.deliver_by, x.district_code, x.min_shelf_life_days, x.min_aided_g, x.status, "
        "x.created_at_ms, x.updated_at_ms, COALESCE(p.name_zh, c.name_zh, '') AS target_name_zh, "
        "COALESCE(p.name_en, c.name_en, '') AS target_name_en, o.name AS org_name FROM market_demands x "
        "LEFT JOIN products p ON p.id = x.product_id LEFT JOIN categories c ON c.id = x.category_id "
        "JOIN organisations o ON o.id = x.org_id";
    // A list finds a demand by the asked product's or category's names, the buyer's name, its
    // reference or id, and dates it by the day it was listed.
    static store::WindowColumns window() {
        return {{"p.name_zh", "p.name_en", "c.name_zh", "c.name_en", "o.name", "x.ref", "x.id"}, "x.created_at_ms",
                store::DateStored::epoch_ms};
    }
    static constexpr std::string_view fields[] = {"product_id",          "category_id",   "min_grade",
                                                  "min_grade_rank",      "quantity_g",    "max_price_fen_per_kg",
                                                  "deliver_by",          "district_code", "min_shelf_life_days",
                                                  "min_aided_g"};

    static store::Params field_params(const DemandFields& fields) {
        return {store::optional_text(fields.product_id),
                store::optional_text(fields.category_id),
                store::optional_text(fields.min_grade),
                fields.min_grade_rank,
                fields.quantity_g,
                fields.max_price_fen_per_kg,
                kl::format_date(fields.deliver_by),
                fields.district,
                fields.min_shelf_life_days,
                fields.min_aided_g};
    }

    static Demand from_row(const store::Row& row) {
        Demand demand;
        DemandFields& f = demand.fields;
        f.product_id = row.opt_text("product_id");
        f.category_id = row.opt_text("category_id");
        f.min_grade = row.opt_text("min_grade");
        f.min_grade_rank = row.i64("min_grade_rank");
        f.quantity_g = row.i64("quantity_g");
        f.max_price_fen_per_kg = row.i64("max_price_fen_per_kg");
        f.deliver_by = store::stored_date(row.text("deliver_by"));
        f.district = row.text("district_code");
        f.min_shelf_life_days = row.i64("min_shelf_life_days");
        f.min_aided_g = row.i64("min_aided_g");
        demand.target_name_zh = row.text("target_name_zh");
        demand.target_name_en = row.text("target_name_en");
        return demand;
    }
};

// The columns every kind has, then the kind's own.
template <typename Kind>
typename Kind::Listing listing_from_row(const store::Row& row) {
    typename Kind::Listing listing = KindColumns<Kind>::from_row(row);
    listing.id = row.text("id");
    listing.org_id = row.text("org_id");
    listing.ref = row.opt_text("ref");
    listing.org_name = row.text("org_name");
    listing.status = parse_listing_status(row.text("status")).value();
    listing.created_at_ms = row.i64("created_at_ms");
    listing.updated_at_ms = row.i64("updated_at_ms");
    return listing;
}

}  // namespace

template <typename Kind>
Result<std::optional<typename Kind::Listing>> find_listing(store::Tx& tx, const std::string& id) {
    return store::query_first(tx, std::string(KindColumns<Kind>::select) + " WHERE x.id = $1", {id}, listing_from_row<Kind>);
}

template <typename Kind>
Result<void> insert_listing_row(store::Tx& tx, const std::string& id, const typename Kind::New& listing,
                                const std::optional<std::string>& created_by, int64_t now_ms) {
    store::SqlQuery sql;
    std::string columns = "id, org_id";
    std::string values = sql.bind(id) + ", " + sql.bind(listing.org_id);
    store::Params fields = KindColumns<Kind>::field_params(listing.fields);
    KL_ASSERT(fields.size() == std::size(KindColumns<Kind>::fields));  // one value per column
    for (size_t i = 0; i < fields.size(); ++i) {
        columns += ", " + std::string(KindColumns<Kind>::fields[i]);
        values += ", " + sql.bind(std::move(fields[i]));
    }
    const std::string created_by_value = sql.bind(store::optional_text(created_by));
    const std::string now = sql.bind(now_ms);
    values += ", 'open', " + created_by_value + ", " + now + ", " + now + ", " + sql.bind(store::optional_text(listing.ref));
    return store::exec(tx, "INSERT INTO " + table_name(Kind::table) + " (" + columns +
                               ", status, created_by, created_at_ms, updated_at_ms, ref) VALUES (" + values + ")",
                       sql.params());
}

template <typename Kind>
Result<void> update_listing_row(store::Tx& tx, const std::string& id, const typename Kind::Fields& fields,
                                int64_t now_ms) {
    store::SqlQuery sql;
    const std::string id_value = sql.bind(id);
    std::string set;
    store::Params values = KindColumns<Kind>::field_params(fields);
    KL_ASSERT(values.size() == std::size(KindColumns<Kind>::fields));  // one value per column
    for (size_t i = 0; i < values.size(); ++i) {
        set += std::string(KindColumns<Kind>::fields[i]) + " = " + sql.bind(std::move(values[i])) + ", ";
    }
    return store::exec(tx, "UPDATE " + table_name(Kind::table) + " SET " + set + "updated_at_ms = " + sql.bind(now_ms) +
                               " WHERE id = " + id_value,
                       sql.params());
}

template <typename Kind>
Result<void> withdraw_listing_row(store::Tx& tx, const std::string& id, int64_t now_ms) {
    KL_TRY(tx.execute("UPDATE " + table_name(Kind::table) + " SET status = 'withdrawn', updated_at_ms = $2 WHERE id = $1",
                      {id, now_ms}));
    return ok();
}

template <typename Kind>
Result<std::vector<typename Kind::Listing>> select_listings(store::Tx& tx, store::SqlQuery query,
                                                            const store::ListWindow& window,
                                                            const std::optional<std::string>& after, int64_t limit,
                                                            std::optional<std::string>& next_cursor) {
    store::add_window(query, window, KindColumns<Kind>::window());
    const std::string page = query.page("x.id", after, limit, window.order);
    KL_TRY_ASSIGN(std::vector<typename Kind::Listing> listings,
                  store::query_as(tx, std::string(KindColumns<Kind>::select) + " WHERE " + page, query.params(),
                                  listing_from_row<Kind>));
    next_cursor = store::finish_page(listings, limit, [](const auto& listing) { return listing.id; });
    return listings;
}

Result<std::optional<std::string>> find_by_ref(store::Tx& tx, ListingTable table, const std::string& org_id,
                                               const std::string& ref) {
    return store::query_first_text(tx, "SELECT id FROM " + table_name(table) + " WHERE org_id = $1 AND ref = $2", {org_id, ref});
}

Result<std::optional<std::string>> listing_org(store::Tx& tx, ListingTable table, const std::string& id) {
    return store::query_first_text(tx, "SELECT org_id FROM " + table_name(table) + " WHERE id = $1", {id});
}

// The kinds there are (listing_kinds.h).
#define KL_LISTING_REPO_FOR(Kind)                                                                                 \
    template Result<std::optional<Kind::Listing>> find_listing<Kind>(store::Tx&, const std::string&);             \
    template Result<void> insert_listing_row<Kind>(store::Tx&, const std::string&, const Kind::New&,              \
                                                   const std::optional<std::string>&, int64_t);                   \
    template Result<void> update_listing_row<Kind>(store::Tx&, const std::string&, const Kind::Fields&, int64_t); \
    template Result<void> withdraw_listing_row<Kind>(store::Tx&, const std::string&, int64_t);                    \
    template Result<std::vector<Kind::Listing>> select_listings<Kind>(                                            \
        store::Tx&, store::SqlQuery, const store::ListWindow&, const std::optional<std::string>&, int64_t,            \
        std::optional<std::string>&);
KL_LISTING_REPO_FOR(OfferKind)
KL_LISTING_REPO_FOR(DemandKind)
#undef KL_LISTING_REPO_FOR

}  // namespace kl::market

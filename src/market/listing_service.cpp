#include "market/listing_service.h"

#include "core/field_errors.h"
#include "market/listing_repo.h"
#include "market/listing_sql.h"
#include "store/page.h"

namespace kl::market {

namespace {

template <typename Kind>
std::string listing_name(const std::string& id) {
    return std::string(Kind::noun) + " " + id;
}

// Every rule of a listing's fields (and of a new listing's reference) that needs the database; all
// problems at once. The one copy of the rules: create, update and the import all come here.
template <typename Kind>
Result<void> check_listing(store::Tx& tx, const std::string& org_id, typename Kind::Fields& fields,
                           const std::optional<std::string>& ref) {
    std::vector<FieldError> errors;
    check_ref(ref, errors);
    KL_TRY(Kind::check_fields(tx, org_id, fields, errors));
    if (errors.empty()) return ok();
    return fail(Error{ErrorCode::invalid_argument, errors.front().field + ": " + errors.front().message, errors});
}

template <typename Kind>
Result<typename Kind::Listing> require_listing(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(std::optional<typename Kind::Listing> listing, find_listing<Kind>(tx, id));
    if (!listing) return fail(ErrorCode::not_found, listing_name<Kind>(id) + " not found");
    return std::move(*listing);
}

}  // namespace

void check_ref(const std::optional<std::string>& ref, std::vector<FieldError>& errors) {
    if (!ref) return;
    FieldErrors checked;
    checked.check_text("ref", *ref, 1, listing_ref_chars_max);
    if (auto result = checked.finish(); !result) {
        errors.insert(errors.end(), result.error().fields.begin(), result.error().fields.end());
    }
}

Result<void> check_ref_free(store::Tx& tx, ListingTable table, const std::string& org_id,
                            const std::optional<std::string>& ref) {
    if (!ref) return ok();
    KL_TRY_ASSIGN(std::optional<std::string> existing, find_by_ref(tx, table, org_id, *ref));
    if (!existing) return ok();
    const std::string message = "the organisation's " +
                                std::string(table == ListingTable::offers ? "offer " : "demand ") + *existing +
                                " already has this reference";
    return fail(Error{ErrorCode::already_exists, "ref: " + message, {FieldError{"ref", ProblemCode::invalid_value, message}}});
}

template <typename Kind>
Result<typename Kind::Listing> insert_listing(store::Tx& tx, const std::string& id, const typename Kind::New& listing,
                                              const std::optional<std::string>& created_by, int64_t now_ms) {
    KL_TRY(require_org_kind(tx, listing.org_id, Kind::producing));
    typename Kind::New checked = listing;
    KL_TRY(check_listing<Kind>(tx, checked.org_id, checked.fields, checked.ref));
    KL_TRY(check_ref_free(tx, Kind::table, checked.org_id, checked.ref));
    KL_TRY(insert_listing_row<Kind>(tx, id, checked, created_by, now_ms));
    KL_TRY_ASSIGN(std::optional<typename Kind::Listing> made, find_listing<Kind>(tx, id));
    KL_ASSERT(made.has_value());
    return std::move(*made);
}

template <typename Kind>
Result<typename Kind::Listing> ListingService<Kind>::create(const Actor& actor, const New& listing) {
    return store_.write([&](store::Tx& tx) -> Result<Listing> { return create_in(tx, actor, listing); });
}

template <typename Kind>
Result<typename Kind::Listing> ListingService<Kind>::create_in(store::Tx& tx, const Actor& actor, const New& listing) {
    KL_TRY(require_listing_write(actor, Kind::owner_role, listing.org_id));
    return insert_listing<Kind>(tx, ids_.next(), listing, access::user_id_of(actor),
                                clock_.now_ms());
}

template <typename Kind>
Result<typename Kind::Listing> ListingService<Kind>::update(const Actor& actor, const std::string& id,
                                                            const Fields& input, const typename Kind::Given& given) {
    return store_.write([&](store::Tx& tx) -> Result<Listing> {
        KL_TRY_ASSIGN(Listing listing, require_listing<Kind>(tx, id));
        KL_TRY(require_listing_write(actor, Kind::owner_role, listing.org_id));
        if (listing.status != ListingStatus::open) return fail(ErrorCode::conflict, listing_name<Kind>(id) + " is withdrawn");
        Fields fields = input;
        Kind::keep_absent(fields, listing, given);
        KL_TRY(check_listing<Kind>(tx, listing.org_id, fields, std::nullopt));
        KL_TRY(update_listing_row<Kind>(tx, id, fields, clock_.now_ms()));
        return require_listing<Kind>(tx, id);
    });
}

template <typename Kind>
Result<typename Kind::Listing> ListingService<Kind>::withdraw(const Actor& actor, const std::string& id) {
    return store_.write([&](store::Tx& tx) -> Result<Listing> {
        KL_TRY_ASSIGN(Listing listing, require_listing<Kind>(tx, id));
        KL_TRY(require_listing_write(actor, Kind::owner_role, listing.org_id));
        KL_TRY(withdraw_listing_row<Kind>(tx, id, clock_.now_ms()));
        listing.status = ListingStatus::withdrawn;
        return listing;
    });
}

template <typename Kind>
Result<typename Kind::Listing> ListingService<Kind>::get(const Actor& actor, const std::string& id) {
    return store_.read([&](store::Tx& tx) -> Result<Listing> {
        KL_TRY_ASSIGN(Listing listing, require_listing<Kind>(tx, id));
        KL_TRY(require_listing_read(actor, listing.org_id));
        return listing;
    });
}

template <typename Kind>
Result<typename Kind::Page> ListingService<Kind>::list(const Actor& actor, const ListingFilter& filter, int limit,
                                                       const std::optional<std::string>& cursor) {
    KL_TRY_ASSIGN(std::optional<std::string> after, store::start_page(limit, cursor));
    KL_TRY_ASSIGN(store::SqlQuery query, listing_query(actor, filter));
    return store_.read([&](store::Tx& tx) -> Result<Page> {
        Page page;
        KL_TRY_ASSIGN(Kind::items(page), select_listings<Kind>(tx, query, filter.window, after, limit, page.next_cursor));
        return page;
    });
}

// The kinds there are (listing_kinds.h); import_csv is instantiated in listing_import.cpp.
#define KL_LISTING_SERVICE_FOR(Kind)                                                                               \
    template Result<Kind::Listing> ListingService<Kind>::create(const Actor&, const Kind::New&);                   \
    template Result<Kind::Listing> ListingService<Kind>::create_in(store::Tx&, const Actor&, const Kind::New&);    \
    template Result<Kind::Listing> ListingService<Kind>::update(const Actor&, const std::string&,                  \
                                                                const Kind::Fields&, const Kind::Given&);          \
    template Result<Kind::Listing> ListingService<Kind>::withdraw(const Actor&, const std::string&);               \
    template Result<Kind::Listing> ListingService<Kind>::get(const Actor&, const std::string&);                    \
    template Result<Kind::Page> ListingService<Kind>::list(const Actor&, const ListingFilter&, int,                \
                                                           const std::optional<std::string>&);                     \
    template Result<Kind::Listing> insert_listing<Kind>(store::Tx&, const std::string&, const Kind::New&,          \
                                                        const std::optional<std::string>&, int64_t);
KL_LISTING_SERVICE_FOR(OfferKind)
KL_LISTING_SERVICE_FOR(DemandKind)
#undef KL_LISTING_SERVICE_FOR

}  // namespace kl::market

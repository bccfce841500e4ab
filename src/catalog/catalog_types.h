#pragma once
// The catalog's plain data: who takes part (counties, districts, organisation profiles, supply links)
// and what they sell (categories, products, brand standards, consumption-aid certifications).
// Plain structs and enums only, with their names as they appear in the API, the database and CSV
// files; the services that check and store them are in *_service.h / organisation_directory.h.
//
// Units are in the names: `_g` grams, `_fen` 1/100 yuan, `_bp` basis points (1/10000),
// `_c_x10` tenths of a degree Celsius, `_pct` percent, `_x10`/`_x100` a tenth/hundredth of the unit.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "access/organisation_service.h"
#include "core/civil_date.h"
#include "core/enum_names.h"
#include "core/result.h"
#include "store/list_window.h"

namespace kl::catalog {

// Ids are ours (UUIDv7) or the demo's; nothing longer is an id, so it is not looked up at all.
inline constexpr size_t id_chars_max = 64;

// ---- reference data ------------------------------------------------------------------------------

// One of the four aided counties of Kashgar. `code` is the stable id ("shache"), `division_code`
// the GB/T 2260 administrative division code ("653125").
struct County {
    std::string code;
    std::string division_code;
    std::string name_zh;
    std::string name_en;
};

// One of Shanghai's 16 districts, same shape ("pudong", "310115", "浦东新区", "Pudong New Area").
using District = County;

// ---- enumerations ------------------------------------------------------------------------------
// Each has its name table (core/enum_names.h: kl::to_string gives its API/database name), the noun
// its error texts use (kl::parse_enum<E>(text, field) fails naming the field) and an all_* list.

// What kind of Shanghai buyer an organisation is.
enum class BuyerChannel {
    wholesale_market, supermarket, ecommerce, fresh_market, cooperative, group_dining, vending_counter, budget_unit
};
constexpr auto enum_table(BuyerChannel) {
    using enum BuyerChannel;
    return enum_table_of<BuyerChannel>({{wholesale_market, "wholesale_market"}, {supermarket, "supermarket"},
                                        {ecommerce, "ecommerce"}, {fresh_market, "fresh_market"},
                                        {cooperative, "cooperative"}, {group_dining, "group_dining"},
                                        {vending_counter, "vending_counter"}, {budget_unit, "budget_unit"}});
}
constexpr std::string_view enum_noun(BuyerChannel) { return "buyer channel"; }
// The eight channels an order can come through; a product's standard lists those it may be sold in.
enum class SalesChannel {
    fair_intent, fair_onsite, wholesale, supermarket, ecommerce, livestream, canteen, vending_counter
};
constexpr auto enum_table(SalesChannel) {
    using enum SalesChannel;
    return enum_table_of<SalesChannel>({{fair_intent, "fair_intent"}, {fair_onsite, "fair_onsite"},
                                        {wholesale, "wholesale"}, {supermarket, "supermarket"},
                                        {ecommerce, "ecommerce"}, {livestream, "livestream"},
                                        {canteen, "canteen"}, {vending_counter, "vending_counter"}});
}
constexpr std::string_view enum_noun(SalesChannel) { return "sales channel"; }
enum class UnitKind { kg, jin, box, piece };
constexpr auto enum_table(UnitKind) {
    using enum UnitKind;
    return enum_table_of<UnitKind>({{kg, "kg"}, {jin, "jin"}, {box, "box"}, {piece, "piece"}});
}
constexpr std::string_view enum_noun(UnitKind) { return "unit of sale"; }
// draft: being prepared, seen only by its producer, its county and programme-wide roles;
// active: in the public catalogue; withdrawn: no longer sold, kept for history.
enum class ProductStatus { draft, active, withdrawn };
constexpr auto enum_table(ProductStatus) {
    using enum ProductStatus;
    return enum_table_of<ProductStatus>({{draft, "draft"}, {active, "active"}, {withdrawn, "withdrawn"}});
}
constexpr std::string_view enum_noun(ProductStatus) { return "product status"; }
// Measurable grade criteria; the suffix is the integer unit.
enum class Metric {
    fruit_weight_g, diameter_mm, length_mm, sugar_brix_x10, defects_pct_x10, moisture_pct_x10,
    kernel_rate_pct_x10, impurity_pct_x10, fibre_length_mm_x10, piece_weight_g, carat_x100
};
constexpr auto enum_table(Metric) {
    using enum Metric;
    return enum_table_of<Metric>({{fruit_weight_g, "fruit_weight_g"}, {diameter_mm, "diameter_mm"},
                                  {length_mm, "length_mm"}, {sugar_brix_x10, "sugar_brix_x10"},
                                  {defects_pct_x10, "defects_pct_x10"}, {moisture_pct_x10, "moisture_pct_x10"},
                                  {kernel_rate_pct_x10, "kernel_rate_pct_x10"},
                                  {impurity_pct_x10, "impurity_pct_x10"},
                                  {fibre_length_mm_x10, "fibre_length_mm_x10"},
                                  {piece_weight_g, "piece_weight_g"}, {carat_x100, "carat_x100"}});
}
constexpr std::string_view enum_noun(Metric) { return "metric"; }
enum class PackagingType { carton, gift_box, bag, vacuum_bag, crate, tray, jar, bottle, bulk };
constexpr auto enum_table(PackagingType) {
    using enum PackagingType;
    return enum_table_of<PackagingType>({{carton, "carton"}, {gift_box, "gift_box"}, {bag, "bag"},
                                         {vacuum_bag, "vacuum_bag"}, {crate, "crate"}, {tray, "tray"},
                                         {jar, "jar"}, {bottle, "bottle"}, {bulk, "bulk"}});
}
constexpr std::string_view enum_noun(PackagingType) { return "packaging type"; }
enum class ColdChain { ambient, chilled_0_4, chilled_0_10, frozen_minus18 };
constexpr auto enum_table(ColdChain) {
    using enum ColdChain;
    return enum_table_of<ColdChain>({{ambient, "ambient"}, {chilled_0_4, "chilled_0_4"},
                                     {chilled_0_10, "chilled_0_10"}, {frozen_minus18, "frozen_minus18"}});
}
constexpr std::string_view enum_noun(ColdChain) { return "cold-chain class"; }
// A product's consumption-aid status on a given date (see certification_service.h).
enum class CertStatus { none, in_notice, certified, expired, revoked };
constexpr auto enum_table(CertStatus) {
    using enum CertStatus;
    return enum_table_of<CertStatus>({{none, "none"}, {in_notice, "in_notice"}, {certified, "certified"},
                                      {expired, "expired"}, {revoked, "revoked"}});
}
constexpr std::string_view enum_noun(CertStatus) { return "certification status"; }

using kl::to_string;

inline std::span<const BuyerChannel> all_buyer_channels() { return enum_values<BuyerChannel>(); }
inline std::span<const SalesChannel> all_sales_channels() { return enum_values<SalesChannel>(); }

// The sales channel through which a buyer of this kind of business orders (a canteen group or budget
// unit buys for canteens, a supermarket for supermarkets, markets and cooperatives wholesale). Orders
// made from allocation proposals take it, and the matching engine pairs a demand only with offers
// whose products are sold through it.
SalesChannel sales_channel_of(BuyerChannel channel);
inline std::span<const UnitKind> all_unit_kinds() { return enum_values<UnitKind>(); }
inline std::span<const ProductStatus> all_product_statuses() { return enum_values<ProductStatus>(); }
inline std::span<const Metric> all_metrics() { return enum_values<Metric>(); }
inline std::span<const PackagingType> all_packaging_types() { return enum_values<PackagingType>(); }
inline std::span<const ColdChain> all_cold_chains() { return enum_values<ColdChain>(); }
inline std::span<const CertStatus> all_cert_statuses() { return enum_values<CertStatus>(); }

// The producing kinds: enterprise, cooperative, family_workshop, household.
bool is_producer_kind(access::OrgKind kind);

// ---- organisations ------------------------------------------------------------------------------

// What an admin gives when creating or updating an organisation. Which fields a kind needs:
//   producers (enterprise, cooperative, family_workshop, household): county; no district, channel
//   buyer: district and channel; no county
//   agency: county optional (a county branch command has one, the Front Command none)
//   logistics: county or district optional; no channel
// credit_code is required for enterprises, cooperatives and buyers and optional for the others
// (households and unregistered workshops have none); it is unique when present.
struct OrganisationFields {
    std::string name;     // the registered (usually Chinese) name; the identity column of access
    std::string name_en;  // may be empty
    access::OrgKind kind = access::OrgKind::enterprise;
    std::optional<std::string> credit_code;
    std::optional<std::string> county;    // County::code
    std::optional<std::string> district;  // District::code
    std::optional<BuyerChannel> channel;
    std::string contact_name;
    std::string contact_phone;
    std::string address;
};

// Which of OrganisationFields' optional fields an update carries; one left out keeps its current
// value (null or "" in the body clears it).
struct OrganisationFieldsGiven {
    bool name_en = true;
    bool credit_code = true;
    bool county = true;
    bool district = true;
    bool channel = true;
    bool contact_name = true;
    bool contact_phone = true;
    bool address = true;
};

struct OrganisationProfile {
    std::string id;
    OrganisationFields fields;
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
    // Kashlink's own record (the walk-in buyer, 0023_system_organisations.sql): nobody edits it,
    // no user belongs to it, and organisation lists and exports leave it out.
    bool system = false;
};

struct OrganisationFilter {
    std::optional<access::OrgKind> kind;
    std::optional<std::string> county;
    std::optional<std::string> district;
    std::optional<BuyerChannel> channel;
    // q: contained in the name, English name or credit code (case-insensitive for ASCII); dated by the
    // Beijing day the organisation was registered; creation order.
    store::ListWindow window;
};

struct OrganisationPage {
    std::vector<OrganisationProfile> organisations;
    std::optional<std::string> next_cursor;
};

// "Company + family workshop + household": an enterprise (or cooperative) buys from a workshop or
// household; share_bp is that supplier's share of the enterprise's purchases in basis points.
struct SupplyLinkInput {
    std::string supplier_id;
    int64_t share_bp = 0;
};

struct SupplyLink {
    std::string supplier_id;
    int64_t share_bp = 0;
    std::string supplier_name;
    access::OrgKind supplier_kind = access::OrgKind::household;
};

// ---- categories ---------------------------------------------------------------------------------

struct CategoryFields {
    std::optional<std::string> parent_id;  // nullopt: a top-level category
    std::string name_zh;
    std::string name_en;
    int64_t sort_order = 0;  // siblings are shown in ascending order, then by id
};

// Which of CategoryFields' optional fields an update carries; one left out keeps its current value
// (a rename must not move the category to the top or reorder it). parent_id given as null is "top".
struct CategoryFieldsGiven {
    bool parent_id = true;
    bool sort_order = true;
};

struct Category {
    std::string id;  // a stable code such as "fresh_fruit"
    CategoryFields fields;
};

// ---- products -----------------------------------------------------------------------------------

// What one unit of sale is: kg (1000 g), jin (500 g), a box of net_g grams, or a piece (net_g may
// be 0 when pieces are not sold by weight, such as a carved box).
struct SaleUnit {
    UnitKind kind = UnitKind::kg;
    int64_t net_g = 1000;

    bool operator==(const SaleUnit&) const = default;
};

// The fields a producer edits (PUT /products/{id}); the owner is fixed at creation.
struct ProductFields {
    std::string name_zh;
    std::string name_en;
    std::string category_id;
    SaleUnit unit;
    ProductStatus status = ProductStatus::draft;
};

// Which of ProductFields' optional fields an update carries (the others keep their current value).
struct ProductFieldsGiven {
    bool status = true;
    bool name_en = true;
};

struct Product {
    std::string id;
    std::string producer_id;
    ProductFields fields;
    std::string county;            // the producer's county (the product's origin)
    std::string producer_name;
    std::string producer_name_en;
    int64_t standard_version = 0;  // 0: no brand standard yet; +1 on every change of it
    // The lowest list price over the standard's grades (fen); nullopt without a standard.
    std::optional<int64_t> price_from_fen;
    // The consumption-aid status today (Asia/Shanghai) when ProductService read it; find_product
    // (product_repo.h) leaves it `none` (ask certification_status_on for a given date).
    CertStatus aid_status_today = CertStatus::none;
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
};

// ---- brand standard -----------------------------------------------------------------------------
// The six parts a brand standard covers (the Yecheng walnut rice cake brand set all six):
// specification (grades), packaging, storage, logistics, sales channels and pricing.

// min and max are inclusive; at least one is given.
struct Criterion {
    Metric metric = Metric::fruit_weight_g;
    std::optional<int64_t> min;
    std::optional<int64_t> max;
};

// A named grade. Codes are what offers and orders name ("A", "特级"); rank 1 is the best grade and
// ranks are unique within a standard (an order for rank r may be filled with rank ≤ r).
struct Grade {
    std::string code;
    std::string name_zh;
    std::string name_en;
    int64_t rank = 1;
    std::vector<Criterion> criteria;
};

struct Packaging {
    PackagingType type = PackagingType::carton;
    int64_t net_weight_g = 0;             // content of one package
    std::vector<std::string> materials;   // "corrugated board", "PE film"…
};

struct Storage {
    int64_t temperature_min_c_x10 = 0;
    int64_t temperature_max_c_x10 = 0;
    int64_t humidity_min_pct = 0;
    int64_t humidity_max_pct = 100;
    int64_t shelf_life_days = 1;  // from packing, under these conditions
};

struct Logistics {
    ColdChain cold_chain = ColdChain::ambient;
};

struct GradePrice {
    std::string grade;     // Grade::code
    int64_t price_fen = 0;  // per unit of sale
};

// From min_quantity units of sale on, these grades cost `prices` per unit.
struct PriceTier {
    int64_t min_quantity = 0;
    std::vector<GradePrice> prices;
};

struct Pricing {
    std::vector<GradePrice> list_prices;  // exactly one per grade
    int64_t min_order_quantity = 1;       // units of sale
    std::vector<PriceTier> tiers;         // ascending min_quantity, each above min_order_quantity
};

struct BrandStandard {
    std::vector<Grade> grades;  // ordered by rank when read back
    Packaging packaging;
    Storage storage;
    Logistics logistics;
    std::vector<SalesChannel> channels;  // in all_sales_channels() order when read back
    Pricing pricing;
};

struct ProductStandard {
    std::string product_id;
    int64_t version = 0;
    int64_t updated_at_ms = 0;
    BrandStandard standard;
};

// The grade with this code, or nullptr.
const Grade* find_grade(const BrandStandard& standard, std::string_view code);
// The price per unit of sale of `grade` when `quantity` units are ordered: the price of the tier
// with the largest min_quantity ≤ quantity that prices the grade, else its list price. nullopt for
// an unknown grade.
std::optional<int64_t> unit_price_fen(const BrandStandard& standard, std::string_view grade, int64_t quantity);

struct NewProduct {
    std::string producer_id;
    ProductFields fields;
    std::optional<BrandStandard> standard;  // may be set later with PUT /products/{id}/standard
};

struct ProductFilter {
    std::optional<std::string> county;
    std::optional<std::string> category;   // this category and all below it
    std::optional<SalesChannel> channel;   // the standard allows this channel
    std::optional<std::string> producer;
    std::optional<Date> certified_on;      // certified (not in notice, not revoked) on that date
    std::optional<ProductStatus> status;
    // q: contained in name_zh, name_en or the producer's code for it (not the producer's name: the
    // catalogue is searched for products, and a producer's products have its filter); dated by the
    // Beijing day the product was added; creation order.
    store::ListWindow window;
};

struct ProductPage {
    std::vector<Product> products;
    std::optional<std::string> next_cursor;
};

// ---- certification ------------------------------------------------------------------------------

struct CertificationInput {
    std::string certificate_no;  // unique across the programme
    Date valid_from;
    Date valid_to;               // inclusive
    int64_t notice_days = 0;     // public notice: valid_from .. valid_from + notice_days − 1
};

struct Objection {
    std::string id;
    std::string text;
    std::optional<std::string> raised_by;  // user id; nullopt for the command line
    int64_t created_at_ms = 0;
};

struct Revocation {
    Date effective_on;  // the product is `revoked` from this date on
    std::string reason;
    std::optional<std::string> revoked_by;
    int64_t revoked_at_ms = 0;
};

struct Certification {
    std::string id;
    std::string product_id;
    std::string county;
    CertificationInput input;
    Date certified_from;  // valid_from + notice_days: the first day that counts as certified
    std::optional<std::string> certified_by;
    int64_t created_at_ms = 0;
    std::optional<Revocation> revocation;
    int64_t objection_count = 0;
    std::vector<Objection> objections;  // left empty for anonymous readers (objectors' words)
};

// The state of one certification on `date`: none before valid_from, revoked from the revocation
// date, expired after valid_to, in_notice during the notice period, certified otherwise.
CertStatus certification_state(const Certification& certification, Date date);

}  // namespace kl::catalog

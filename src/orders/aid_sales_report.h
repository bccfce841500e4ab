#pragma once
// The aid-sales report (GET /api/v1/reports/aid-sales): the aid_sales rows (aid_sales.h) summed by
// any of county, district, channel, category, month and buyer, over a date range of ORDER dates.
//
// Scope: programme-wide roles see every sale; a buyer its own purchases; a producer its own sales;
// a county officer its county's sales (none when its agency has no county); logistics firms are
// refused (they buy and sell nothing).
//
// The query reads one covering index (aid_sales_by_date) and groups in SQL; names of counties,
// districts, categories and buyers are looked up afterwards for the groups only.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.h"
#include "core/result.h"
#include "orders/order_access.h"
#include "store/store.h"

namespace kl::orders {

enum class AidGroup { county, district, channel, category, month, buyer };
std::string_view to_string(AidGroup group);
Result<AidGroup> parse_aid_group(std::string_view text, const std::string& field = "group_by");
// "county,month" → [county, month]; invalid_argument naming `field` for an unknown or repeated key.
Result<std::vector<AidGroup>> parse_aid_groups(std::string_view text, const std::string& field = "group_by");

// A report groups at most this many rows (16 districts × 8 channels × 12 months × … stays far below).
inline constexpr size_t aid_report_rows_max = 50'000;
// A range spans at most ten years.
inline constexpr int64_t aid_report_days_max = 3'660;

struct AidSalesQuery {
    std::vector<AidGroup> group_by;  // empty: one row of totals
    Date from;                       // inclusive order dates
    Date to;
    std::optional<std::string> county;
    std::optional<std::string> district;
    std::optional<SalesChannel> channel;
    std::optional<std::string> category;
    std::optional<std::string> buyer_id;
};

struct AidSalesRow {
    std::vector<std::string> keys;    // one per group_by, in its order
    std::vector<std::string> labels;  // display names (Chinese) of the keys
    int64_t amount_fen = 0;
    int64_t quantity_g = 0;
    int64_t lines = 0;
};

struct AidSalesReport {
    AidSalesQuery query;
    std::vector<AidSalesRow> rows;  // ordered by the keys
    int64_t amount_fen = 0;         // totals over every row
    int64_t quantity_g = 0;
    int64_t lines = 0;
};

// Whose sales a report sums: all (nothing set), one buyer's, one seller's or one county's; `none`
// for an actor who may report but has nothing to report (a county officer whose agency has no county).
struct AidScope {
    std::optional<std::string> buyer_id, seller_id, county;
    bool none = false;
};

class AidSalesReporter {
public:
    explicit AidSalesReporter(store::Store& store) : store_(store) {}
    // invalid_argument naming from/to for a reversed or too long range; resource_exhausted when the
    // grouping yields more than aid_report_rows_max rows.
    Result<AidSalesReport> report(const Actor& actor, const AidSalesQuery& query);
    // The same inside a caller's transaction, in `scope` rather than an actor's (benchmarks, tests).
    static Result<AidSalesReport> run(store::Tx& tx, const AidSalesQuery& query, const AidScope& scope = {});

private:
    store::Store& store_;
};

}  // namespace kl::orders

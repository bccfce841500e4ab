#pragma once
// A season of accepted orders for benchmarks that need many order lines (report_bench, backup_bench):
// N lines, 10 per order, spread over 4 counties, 16 districts, 8 channels, 10 categories, 24 months
// (2025-2026) and 500 buyers, each counted in aid_sales, under a seller, a buyer and one graded product,
// loaded in transactions of 2,000 orders (bulk_load.h). Deterministic (a fixed LCG), so two runs load
// the same rows.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "bench_support.h"
#include "bulk_load.h"
#include "store/store.h"

namespace kl::bench {

constexpr int lines_per_order = 10;
constexpr int load_orders_per_tx = 2'000;

inline const std::vector<std::string> counties = {"shache", "zepu", "yecheng", "bachu"};
inline const std::vector<std::string> districts = {"huangpu", "xuhui",   "changning", "jingan",  "putuo",   "hongkou",
                                            "yangpu",  "minhang", "baoshan",   "jiading", "pudong",  "jinshan",
                                            "songjiang", "qingpu", "fengxian", "chongming"};
inline const std::vector<std::string> channels = {"fair_intent", "fair_onsite", "wholesale", "supermarket",
                                           "ecommerce",   "livestream",  "canteen",   "vending_counter"};
inline const std::vector<std::string> categories = {"fresh_fruit", "nuts_dried_fruit", "grain_oil",       "processed_food",
                                             "tea_drinks",  "meat_dairy",       "cotton_textiles", "handicrafts_culture",
                                             "cosmetics",   "jewellery"};

// Loads through bulk_load.h (multi-row INSERTs on SQLite, COPY on PostgreSQL) into the migrated
// database at `url`, which no store may hold open meanwhile; secondary indexes are made again after.
inline void load_order_lines(const std::string& url, int64_t lines) {
    uint64_t state = 20240909;
    auto next = [&state](uint64_t span) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<size_t>((state >> 33) % span);
    };
    const BulkTable orders_table{"orders", {"id", "buyer_id", "seller_id", "channel", "status", "delivery_district",
                                            "delivery_date", "order_date", "total_fen", "accepted_fen", "created_at_ms",
                                            "updated_at_ms"}};
    const BulkTable lines_table{"order_lines", {"order_id", "line_no", "product_id", "grade", "quantity", "quantity_g",
                                                "unit_price_fen", "amount_fen", "accepted_quantity"}};
    const BulkTable sales_table{"aid_sales", {"order_id", "line_no", "sale_date", "sale_year", "sale_month", "county",
                                              "seller_id", "buyer_id", "district", "channel", "category_id", "product_id",
                                              "quantity_g", "amount_fen"}};
    const std::vector<std::string> tables = {"orders", "order_lines", "aid_sales"};
    auto loader = bulk_loader(url);
    loader->begin();
    loader->rows({"organisations", {"id", "name", "kind", "created_at_ms", "county_code"}},
                 {{std::string("seller"), std::string("seller"), std::string("cooperative"), int64_t{0}, std::string("shache")},
                  {std::string("buyer"), std::string("buyer"), std::string("buyer"), int64_t{0}, store::null()}});
    loader->rows({"products", {"id", "producer_id", "category_id", "name_zh", "name_en", "unit_kind", "unit_net_g", "status",
                               "standard_version", "shelf_life_days", "created_at_ms", "updated_at_ms"}},
                 {{std::string("product"), std::string("seller"), std::string("fresh_fruit"), std::string("巴旦木"),
                   std::string("Almonds"), std::string("kg"), int64_t{1000}, std::string("active"), int64_t{1}, int64_t{300},
                   int64_t{0}, int64_t{0}}});
    loader->rows({"product_grades", {"product_id", "code", "grade_rank", "name_zh", "name_en", "list_price_fen"}},
                 {{std::string("product"), std::string("A"), int64_t{1}, std::string("特级"), std::string("Premium"),
                   int64_t{12800}}});
    loader->commit();
    loader->drop_indexes(tables);
    const int64_t orders = lines / lines_per_order;
    for (int64_t first = 0; first < orders; first += load_orders_per_tx) {
        std::vector<store::Params> order_rows, line_rows, sale_rows;
        for (int64_t o = first; o < std::min(orders, first + load_orders_per_tx); ++o) {
            const std::string id = "o" + std::to_string(o);
            const int month = static_cast<int>(next(24));
            const std::string date = std::to_string(2025 + month / 12) + "-" + (month % 12 < 9 ? "0" : "") +
                                     std::to_string(month % 12 + 1) + "-" + std::to_string(10 + next(18));
            const std::string district = districts[next(districts.size())];
            const std::string channel = channels[next(channels.size())];
            const std::string buyer = "buyer-" + std::to_string(next(500));
            order_rows.push_back({id, std::string("buyer"), std::string("seller"), channel, std::string("accepted"), district,
                                  date, date, int64_t{1000}, int64_t{1000}, int64_t{0}, int64_t{0}});
            const std::string county = counties[next(counties.size())];
            for (int line = 1; line <= lines_per_order; ++line) {
                const auto quantity = static_cast<int64_t>(1 + next(200));
                line_rows.push_back({id, int64_t{line}, std::string("product"), std::string("A"), quantity, quantity * 1000,
                                     int64_t{12800}, quantity * 12800, quantity});
                sale_rows.push_back({id, int64_t{line}, date, int64_t{std::stoll(date.substr(0, 4))}, date.substr(0, 7), county,
                                     std::string("seller"), buyer, district, channel, categories[next(categories.size())],
                                     std::string("product"), quantity * 1000, quantity * 12800});
            }
        }
        loader->begin();
        loader->rows(orders_table, order_rows);
        loader->rows(lines_table, line_rows);
        loader->rows(sales_table, sale_rows);
        loader->commit();
    }
    loader->restore_indexes();
    loader->analyze(tables);
}

}  // namespace kl::bench

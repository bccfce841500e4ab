// report_bench: the aid-sales report over 1,000,000 order lines, against the bare SQL aggregate.
//
// Loads a fresh SQLite file (migrated schema) with N order lines (default 1,000,000; 10 per order)
// spread over 4 counties, 16 districts, 8 channels, 10 categories, 24 months and 500 buyers, each
// accepted and counted in aid_sales, then times:
//   (a) the bare SQL: SELECT county, sale_month, SUM(amount_fen), SUM(quantity_g), COUNT(*) FROM
//       aid_sales WHERE sale_date in the year GROUP BY county, sale_month;
//   (b) AidSalesReporter::run for group_by=county,month over the same year (what
//       GET /api/v1/reports/aid-sales does after its permission check): the same aggregate plus the
//       labels of the groups;
//   (c) the same report grouped by district, channel, category (more groups).
// Each is the median of 5 runs; it prints the times and the ratio (b)/(a). It asserts nothing.
//
//   report_bench [--lines N]

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "orders/aid_sales_report.h"
#include "store/store.h"
#include "bench_support.h"

namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr int lines_per_order = 10;
constexpr int load_orders_per_tx = 2'000;
constexpr int runs = 5;

using kl::bench::must;

const std::vector<std::string> counties = {"shache", "zepu", "yecheng", "bachu"};
const std::vector<std::string> districts = {"huangpu", "xuhui",   "changning", "jingan",  "putuo",   "hongkou",
                                            "yangpu",  "minhang", "baoshan",   "jiading", "pudong",  "jinshan",
                                            "songjiang", "qingpu", "fengxian", "chongming"};
const std::vector<std::string> channels = {"fair_intent", "fair_onsite", "wholesale", "supermarket",
                                           "ecommerce",   "livestream",  "canteen",   "vending_counter"};
const std::vector<std::string> categories = {"fresh_fruit", "nuts_dried_fruit", "grain_oil",       "processed_food",
                                             "tea_drinks",  "meat_dairy",       "cotton_textiles", "handicrafts_culture",
                                             "cosmetics",   "jewellery"};

// A seller, a buyer and one product with a grade, so the foreign keys of orders and lines hold.
void seed_references(kl::store::Tx& tx) {
    must(tx.execute("INSERT INTO organisations (id, name, kind, created_at_ms, county_code) VALUES "
                    "('seller', 'seller', 'cooperative', 0, 'shache'), ('buyer', 'buyer', 'buyer', 0, NULL)"),
         "organisations");
    must(tx.execute("INSERT INTO products (id, producer_id, category_id, name_zh, name_en, unit_kind, unit_net_g, status, "
                    "standard_version, shelf_life_days, created_at_ms, updated_at_ms) VALUES "
                    "('product', 'seller', 'fresh_fruit', '巴旦木', 'Almonds', 'kg', 1000, 'active', 1, 300, 0, 0)"),
         "product");
    must(tx.execute("INSERT INTO product_grades (product_id, code, grade_rank, name_zh, name_en, list_price_fen) "
                    "VALUES ('product', 'A', 1, '特级', 'Premium', 12800)"),
         "grade");
}

void load(kl::store::Store& store, int64_t lines) {
    uint64_t state = 20240909;
    auto next = [&state](uint64_t span) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<size_t>((state >> 33) % span);
    };
    const int64_t orders = lines / lines_per_order;
    for (int64_t first = 0; first < orders; first += load_orders_per_tx) {
        auto tx = must(store.begin(kl::store::TxMode::read_write), "begin");
        if (first == 0) seed_references(*tx);
        for (int64_t o = first; o < std::min(orders, first + load_orders_per_tx); ++o) {
            const std::string id = "o" + std::to_string(o);
            const int month = static_cast<int>(next(24));
            const std::string date = std::to_string(2025 + month / 12) + "-" + (month % 12 < 9 ? "0" : "") +
                                     std::to_string(month % 12 + 1) + "-" + std::to_string(10 + next(18));
            const std::string district = districts[next(districts.size())];
            const std::string channel = channels[next(channels.size())];
            const std::string buyer = "buyer-" + std::to_string(next(500));
            must(tx->execute("INSERT INTO orders (id, buyer_id, seller_id, channel, status, delivery_district, delivery_date, "
                             "order_date, total_fen, accepted_fen, created_at_ms, updated_at_ms) VALUES "
                             "($1, 'buyer', 'seller', $2, 'accepted', $3, $4, $4, 1000, 1000, 0, 0)",
                             {id, channel, district, date}),
                 "order");
            const std::string county = counties[next(counties.size())];
            for (int line = 1; line <= lines_per_order; ++line) {
                const auto quantity = static_cast<int64_t>(1 + next(200));
                must(tx->execute("INSERT INTO order_lines (order_id, line_no, product_id, grade, quantity, quantity_g, "
                                 "unit_price_fen, amount_fen, accepted_quantity) VALUES ($1, $2, 'product', 'A', $3, $4, "
                                 "12800, $5, $3)",
                                 {id, int64_t{line}, quantity, quantity * 1000, quantity * 12800}),
                     "line");
                must(tx->execute("INSERT INTO aid_sales (order_id, line_no, sale_date, sale_year, sale_month, county, "
                                 "seller_id, buyer_id, district, channel, category_id, product_id, quantity_g, amount_fen) "
                                 "VALUES ($1, $2, $3, $4, $5, $6, 'seller', $7, $8, $9, $10, 'product', $11, $12)",
                                 {id, int64_t{line}, date, int64_t{std::stoll(date.substr(0, 4))}, date.substr(0, 7), county,
                                  buyer, district, channel, categories[next(categories.size())], quantity * 1000,
                                  quantity * 12800}),
                     "aid sale");
            }
        }
        must(tx->commit(), "commit");
    }
    auto tx = must(store.begin(kl::store::TxMode::read_write), "begin");
    must(tx->execute("ANALYZE"), "analyze");
    must(tx->commit(), "commit");
}

template <typename F>
double median_ms(F run) {
    run();  // warm the page cache, so the first case measured is not the only cold one
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = SteadyClock::now();
        run();
        times.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    kl::bench::configure_process_like_the_server();
    int64_t lines = 1'000'000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--lines") lines = std::max<int64_t>(lines_per_order, std::atoll(argv[i + 1]));
    }
    const std::string dir = kl::bench::temp_dir("kashlink-report-bench");
    int status = 0;
    try {
        kl::store::StoreOptions options;
        options.url = dir + "/report.sqlite";
        options.synchronous_full = false;  // loading speed only; the report reads
        auto store = must(kl::store::open_store(options), "store");
        const auto load_start = SteadyClock::now();
        load(*store, lines);
        std::printf("Kashlink aid-sales report benchmark: %lld order lines loaded in %.1f s (SQLite, %s)\n\n",
                    static_cast<long long>(lines), std::chrono::duration<double>(SteadyClock::now() - load_start).count(),
                    dir.c_str());
        kl::orders::AidSalesQuery query;
        query.group_by = {kl::orders::AidGroup::county, kl::orders::AidGroup::month};
        query.from = kl::date_from_civil(2025, 1, 1);
        query.to = kl::date_from_civil(2025, 12, 31);
        int64_t bare_total = 0;
        int64_t report_total = 0;
        const double bare = median_ms([&] {
            must(store->read([&](kl::store::Tx& tx) -> kl::Result<void> {
                     KL_TRY_ASSIGN(kl::store::Rows rows,
                                   tx.query("SELECT county, sale_month, CAST(SUM(amount_fen) AS BIGINT), "
                                            "CAST(SUM(quantity_g) AS BIGINT), COUNT(*) FROM aid_sales WHERE sale_date >= $1 "
                                            "AND sale_date <= $2 GROUP BY county, sale_month ORDER BY county, sale_month",
                                            {std::string("2025-01-01"), std::string("2025-12-31")}));
                     bare_total = 0;
                     for (const auto& row : rows) bare_total += row.i64(2);
                     return kl::ok();
                 }),
                 "bare");
        });
        const double report = median_ms([&] {
            auto made = must(store->read([&](kl::store::Tx& tx) { return kl::orders::AidSalesReporter::run(tx, query); }),
                             "report");
            report_total = made.amount_fen;
        });
        query.group_by = {kl::orders::AidGroup::district, kl::orders::AidGroup::channel, kl::orders::AidGroup::category};
        size_t groups = 0;
        const double wide = median_ms([&] {
            auto made = must(store->read([&](kl::store::Tx& tx) { return kl::orders::AidSalesReporter::run(tx, query); }),
                             "report");
            groups = made.rows.size();
        });
        std::printf("(a) bare SQL aggregate, county x month, one year        %9.1f ms (total %lld fen)\n", bare,
                    static_cast<long long>(bare_total));
        std::printf("(b) aid-sales report, county x month, one year          %9.1f ms (total %lld fen)\n", report,
                    static_cast<long long>(report_total));
        std::printf("(c) aid-sales report, district x channel x category     %9.1f ms (%zu groups)\n\n", wide, groups);
        kl::bench::print_untargeted("ratio (b)/(a) report vs bare aggregate", bare > 0 ? report / bare : 0);
        if (bare_total != report_total) {
            std::printf("MISMATCH: the report's total differs from the bare aggregate\n");
            status = 1;
        }
    } catch (const std::exception& error) {
        std::cerr << "report_bench: " << error.what() << "\n";
        status = 1;
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return status;
}

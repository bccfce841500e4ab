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
#include "order_lines_load.h"

namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr int runs = 5;

using kl::bench::lines_per_order;
using kl::bench::load_order_lines;
using kl::bench::must;

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
        must(kl::store::open_store(options), "store");  // the schema; the loader writes on its own connection
        const auto load_start = SteadyClock::now();
        load_order_lines(options.url, lines);
        auto store = must(kl::store::open_store(options), "store");
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

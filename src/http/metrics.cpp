#include "http/metrics.h"

#include <fmt/format.h>

#include "core/assert.h"
#include "http/router.h"
#include "store/store.h"

namespace kl::http {

namespace {

constexpr size_t statuses_per_method = 16;  // distinct statuses kept per (route, method); more go to "other"
// Upper bounds of the latency buckets in microseconds (Prometheus wants seconds: divided on output).
constexpr std::array<int64_t, 14> duration_buckets_us = {250,    500,    1000,    2500,    5000,    10000,   25000,
                                                         50000,  100000, 250000,  500000,  1000000, 2500000, 10000000};

constexpr std::array<std::string_view, 3> special_labels = {route_label_unmatched, route_label_static,
                                                            route_label_rejected};

std::string escape_label(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\' || c == '"') {
            out.push_back('\\');
            out.push_back(c);
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string seconds(int64_t microseconds) {
    return fmt::format("{}.{:06d}", microseconds / 1000000, microseconds % 1000000);
}

}  // namespace

struct Metrics::Slot {
    struct StatusCount {
        std::atomic<int> status{0};  // 0: free
        std::atomic<uint64_t> count{0};
    };
    std::array<std::array<StatusCount, statuses_per_method>, method_count> requests;
    std::array<std::atomic<uint64_t>, method_count> other_statuses{};
    std::array<std::atomic<uint64_t>, duration_buckets_us.size() + 1> buckets{};  // last: above every bound
    std::atomic<uint64_t> count{0};
    std::atomic<int64_t> sum_us{0};
};

Metrics::Metrics() {
    for (auto label : special_labels) {
        labels_.emplace_back(label);
        slots_.push_back(std::make_unique<Slot>());
    }
}

Metrics::~Metrics() = default;

void Metrics::bind_routes(const Router& router) {
    const auto& routes = router.routes();
    if (route_count_ != 0 || slots_.size() > special_labels.size()) {
        // Binding again (a server restarted on the same metrics) must see the same routes.
        KL_ASSERT(route_count_ == routes.size());
        return;
    }
    route_count_ = routes.size();
    for (const auto& route : routes) {
        labels_.push_back(route->pattern);
        slots_.push_back(std::make_unique<Slot>());
    }
}

size_t Metrics::slot_for_route(size_t route_index) const {
    KL_ASSERT(route_index < route_count_);
    return special_labels.size() + route_index;
}

size_t Metrics::slot_for_label(std::string_view label) const {
    for (size_t i = 0; i < special_labels.size(); ++i) {
        if (special_labels[i] == label) return i;
    }
    KL_ASSERT(false && "unknown special route label");
    return 0;
}

void Metrics::record(size_t slot_index, Method method, int status, int64_t duration_us) {
    KL_ASSERT(slot_index < slots_.size());
    Slot& slot = *slots_[slot_index];
    const auto m = static_cast<size_t>(method);
    bool counted = false;
    for (auto& entry : slot.requests[m]) {
        int seen = entry.status.load(std::memory_order_acquire);
        if (seen == 0 && entry.status.compare_exchange_strong(seen, status, std::memory_order_acq_rel)) seen = status;
        if (seen == status) {
            entry.count.fetch_add(1, std::memory_order_relaxed);
            counted = true;
            break;
        }
    }
    if (!counted) slot.other_statuses[m].fetch_add(1, std::memory_order_relaxed);

    size_t bucket = 0;
    while (bucket < duration_buckets_us.size() && duration_us > duration_buckets_us[bucket]) ++bucket;
    slot.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
    slot.count.fetch_add(1, std::memory_order_relaxed);
    slot.sum_us.fetch_add(duration_us, std::memory_order_relaxed);
}

void Metrics::set_queue_depth_probe(std::function<int64_t()> probe) {
    std::lock_guard lock(probe_mutex_);
    queue_depth_probe_ = std::move(probe);
}

uint64_t Metrics::requests_total(std::string_view route_label, Method method, int status) const {
    for (size_t i = 0; i < slots_.size(); ++i) {
        if (labels_[i] != route_label) continue;
        for (const auto& entry : slots_[i]->requests[static_cast<size_t>(method)]) {
            if (entry.status.load() == status) return entry.count.load();
        }
    }
    return 0;
}

void Metrics::render_requests(std::string& out) const {
    out += "# HELP kashlink_http_requests_total HTTP requests answered, by route pattern, method and status.\n";
    out += "# TYPE kashlink_http_requests_total counter\n";
    for (size_t i = 0; i < slots_.size(); ++i) {
        const std::string route = escape_label(labels_[i]);
        for (size_t m = 0; m < method_count; ++m) {
            const auto method = to_string(static_cast<Method>(m));
            for (const auto& entry : slots_[i]->requests[m]) {
                const int status = entry.status.load(std::memory_order_acquire);
                const uint64_t count = entry.count.load(std::memory_order_relaxed);
                if (status == 0 || count == 0) continue;
                out += fmt::format("kashlink_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                                   route, method, status, count);
            }
            if (const uint64_t other = slots_[i]->other_statuses[m].load(); other > 0) {
                out += fmt::format("kashlink_http_requests_total{{route=\"{}\",method=\"{}\",status=\"other\"}} {}\n",
                                   route, method, other);
            }
        }
    }
}

void Metrics::render_durations(std::string& out) const {
    out += "# HELP kashlink_http_request_duration_seconds Time from a whole request read to its answer, by route.\n";
    out += "# TYPE kashlink_http_request_duration_seconds histogram\n";
    for (size_t i = 0; i < slots_.size(); ++i) {
        const Slot& slot = *slots_[i];
        const uint64_t count = slot.count.load(std::memory_order_relaxed);
        if (count == 0) continue;
        const std::string route = escape_label(labels_[i]);
        uint64_t cumulative = 0;
        for (size_t b = 0; b < duration_buckets_us.size(); ++b) {
            cumulative += slot.buckets[b].load(std::memory_order_relaxed);
            out += fmt::format("kashlink_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
                               seconds(duration_buckets_us[b]), cumulative);
        }
        cumulative += slot.buckets.back().load(std::memory_order_relaxed);
        out += fmt::format("kashlink_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", route,
                           cumulative);
        out += fmt::format("kashlink_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route,
                           seconds(slot.sum_us.load(std::memory_order_relaxed)));
        out += fmt::format("kashlink_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route, cumulative);
    }
}

std::string Metrics::render(const store::Store* store) const {
    std::string out;
    out.reserve(16 * 1024);
    render_requests(out);
    render_durations(out);

    int64_t queue_depth = 0;
    {
        std::lock_guard lock(probe_mutex_);
        if (queue_depth_probe_) queue_depth = queue_depth_probe_();
    }
    out += "# HELP kashlink_worker_queue_depth Requests waiting for a worker thread.\n";
    out += "# TYPE kashlink_worker_queue_depth gauge\n";
    out += fmt::format("kashlink_worker_queue_depth {}\n", queue_depth);
    out += "# HELP kashlink_http_connections_open Client connections open now.\n";
    out += "# TYPE kashlink_http_connections_open gauge\n";
    out += fmt::format("kashlink_http_connections_open {}\n", connections_open.load());

    if (store == nullptr) return out;
    const store::StoreStats stats = store->stats();
    out += "# HELP kashlink_db_commits_total Durable commits made by the group committer.\n";
    out += "# TYPE kashlink_db_commits_total counter\n";
    out += fmt::format("kashlink_db_commits_total {}\n", stats.commits);
    out += "# HELP kashlink_db_write_jobs_total Write jobs acknowledged (several share one commit).\n";
    out += "# TYPE kashlink_db_write_jobs_total counter\n";
    out += fmt::format("kashlink_db_write_jobs_total {}\n", stats.write_jobs);
    out += "# HELP kashlink_db_write_queue_depth Write jobs waiting for the group committer.\n";
    out += "# TYPE kashlink_db_write_queue_depth gauge\n";
    out += fmt::format("kashlink_db_write_queue_depth {}\n", stats.write_queue_depth);
    out += "# HELP kashlink_db_pool_connections Reader connections by state.\n";
    out += "# TYPE kashlink_db_pool_connections gauge\n";
    out += fmt::format("kashlink_db_pool_connections{{state=\"in_use\"}} {}\n", stats.pool_in_use);
    out += fmt::format("kashlink_db_pool_connections{{state=\"idle\"}} {}\n", stats.pool_size - stats.pool_in_use);
    out += "# HELP kashlink_db_wal_checkpoints_total SQLite log checkpoints, by the thread that ran them.\n";
    out += "# TYPE kashlink_db_wal_checkpoints_total counter\n";
    out += fmt::format("kashlink_db_wal_checkpoints_total{{by=\"background\"}} {}\n", stats.wal_checkpoints);
    out += fmt::format("kashlink_db_wal_checkpoints_total{{by=\"commit\"}} {}\n", stats.wal_checkpoints_inline);
    return out;
}

}  // namespace kl::http

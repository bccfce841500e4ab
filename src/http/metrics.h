#pragma once
// Prometheus counters of the HTTP layer. Recording is lock-free (atomics in slots fixed when the
// routes are bound), so it costs a few atomic increments per request; labels are route patterns,
// never raw paths, so the number of series is bounded by the router.

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "http/message.h"

namespace kl::store {
class Store;
}

namespace kl::http {

class Router;

// Route labels for requests that matched no route.
inline constexpr std::string_view route_label_unmatched = "unmatched";   // 404/405 from the router
inline constexpr std::string_view route_label_static = "static";         // console files
inline constexpr std::string_view route_label_rejected = "rejected";     // refused before routing (413, 431, 400…)

class Metrics {
public:
    Metrics();
    ~Metrics();
    Metrics(const Metrics&) = delete;
    Metrics& operator=(const Metrics&) = delete;

    // Fixes one slot per route (by Route::index) plus the special labels. Called once, before serving.
    void bind_routes(const Router& router);
    // Slot of a route index, or of one of the special labels above.
    size_t slot_for_route(size_t route_index) const;
    size_t slot_for_label(std::string_view label) const;

    void record(size_t slot, Method method, int status, int64_t duration_us);

    std::atomic<int64_t> connections_open{0};
    // Reads the worker queue depth when rendering; set by the server while it runs.
    void set_queue_depth_probe(std::function<int64_t()> probe);

    // The Prometheus text exposition (version 0.0.4). `store` may be null (no DB figures then).
    std::string render(const store::Store* store) const;

    // Total count for one (route label, method, status), for tests.
    uint64_t requests_total(std::string_view route_label, Method method, int status) const;

private:
    struct Slot;
    void render_requests(std::string& out) const;
    void render_durations(std::string& out) const;

    std::vector<std::string> labels_;
    std::vector<std::unique_ptr<Slot>> slots_;
    size_t route_count_ = 0;
    mutable std::mutex probe_mutex_;
    std::function<int64_t()> queue_depth_probe_;
};

}  // namespace kl::http

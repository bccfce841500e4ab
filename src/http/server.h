#pragma once
// The HTTP server: Boost.Beast with C++20 coroutines. One I/O thread runs the listener and one
// coroutine per connection; blocking work goes to a WorkerPool and its result is posted back to the
// connection. This file and server.cpp only move bytes; what happens to a request is pipeline.h.
// No Beast type appears here, so including it stays cheap.
//
// Pipelined requests on one connection are answered strictly in order, one at a time: the next
// request is read only after the previous answer is written, so at most one request per connection
// is in flight and read-ahead is bounded by the connection's buffer (header + body limits).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "core/result.h"

namespace kl::access {
class Authenticator;
}
namespace kl::store {
class Store;
}

namespace kl::http {

class Metrics;
class Router;

// Defaults; kl::Config carries the same values so `kashlink serve` can override each one.
inline constexpr int worker_threads_default = 128;  // see kl::Config::worker_threads
inline constexpr int worker_queue_max_default = 1024;
inline constexpr int connections_max_default = 10000;
inline constexpr int64_t header_bytes_max_default = 16 * 1024;   // beyond: 431
inline constexpr int64_t body_bytes_max_default = 4 * 1024 * 1024;  // beyond: 413 (a ledger batch of 8,000 transfers is ~1.6 MB)
inline constexpr int read_timeout_ms_default = 10000;            // whole request, from its first byte
inline constexpr int idle_timeout_ms_default = 60000;            // keep-alive wait for the next request
inline constexpr int write_timeout_ms_default = 10000;           // a client that does not read its answer
inline constexpr int first_byte_timeout_ms_default = 5000;       // a new connection's first byte
inline constexpr int connections_per_address_max_default = 1000;  // beyond: 429
inline constexpr int connections_reserved_default = 64;          // of connections_max, see ServerOptions

struct ServerOptions {
    std::string listen_host = "127.0.0.1";
    int listen_port = 8080;  // 0 picks a free port (tests); port() tells which
    int worker_threads = worker_threads_default;
    int worker_queue_max = worker_queue_max_default;
    int connections_max = connections_max_default;  // beyond: the new connection gets 503 and is closed
    int64_t header_bytes_max = header_bytes_max_default;
    int64_t body_bytes_max = body_bytes_max_default;
    int read_timeout_ms = read_timeout_ms_default;
    int idle_timeout_ms = idle_timeout_ms_default;
    int write_timeout_ms = write_timeout_ms_default;
    // A new connection that sends nothing for this long is closed (the idle timeout applies only
    // between requests), so silent sockets cannot hold slots for long.
    int first_byte_timeout_ms = first_byte_timeout_ms_default;
    // Open connections per client IP address (all of a loopback test's clients share 127.0.0.1).
    int connections_per_address_max = connections_per_address_max_default;
    // The last connections_reserved slots of connections_max serve only requests that may use them:
    // GET /healthz, or a request carrying a token-shaped bearer token or session cookie. Such a
    // connection answers one request and closes; any other request on it gets 503. When the reserve
    // is full too, a new connection displaces the oldest reserve connection whose request header has
    // not yet arrived. 0: no reserve, connections_max is a hard limit for everyone.
    int connections_reserved = connections_reserved_default;
    std::string web_root;  // the console's build (web/dist, see static_files.h); empty: no console
    size_t gzip_body_bytes_min = 1024;
    bool stop_on_signals = false;  // SIGINT/SIGTERM start a graceful stop (the `serve` command)
};

// The server part of the configuration, for the binary: stop_on_signals is on.
ServerOptions server_options_from(const Config& config);

struct ServerDeps {
    const Router* router = nullptr;                  // required; must outlive the server
    access::Authenticator* authenticator = nullptr;  // null: authenticated routes answer 401
    store::Store* store = nullptr;                   // null: no Idempotency-Key support
    Metrics* metrics = nullptr;                      // null: no metrics
    const Clock* clock = nullptr;                    // required
};

class Server {
public:
    Server(ServerOptions options, ServerDeps deps);
    ~Server();  // stops gracefully if running
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Validates the options, binds (SO_REUSEADDR) and starts the I/O and worker threads.
    // invalid_argument for bad options or web root; unavailable when the address cannot be bound.
    Result<void> start();
    uint16_t port() const;
    // Graceful: stops accepting, closes idle connections, lets in-flight requests finish and be
    // answered (with Connection: close), then joins every thread. Idempotent; not from a handler.
    void stop();
    // Blocks until the server has stopped (after stop() from elsewhere, or a signal).
    void wait();

    int64_t worker_queue_depth() const;
    int64_t connections_open() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kl::http

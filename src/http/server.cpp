#include <utility>  // before Asio (Boost 1.74 with GCC 12)

#include "http/server.h"

// GCC 12 mistakes Asio's awaitable frames (allocated by their own operator new, freed by the
// matching operator delete) for a mismatch once coroutines are inlined, as in sanitizer builds.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "access/token.h"
#include "core/assert.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/pipeline.h"
#include "http/security_headers.h"
#include "http/static_files.h"
#include "http/worker_pool.h"

namespace kl::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using std::chrono::milliseconds;

namespace {

// Bytes asked for per socket read.
constexpr size_t read_chunk_bytes = 16 * 1024;
// After refusing a request (413, 431, 400) the rest of what the client sends is read and dropped
// for a short while, so it sees our answer instead of a connection reset (nginx's lingering close).
constexpr size_t linger_bytes_max = 1024 * 1024;
constexpr int linger_timeout_ms = 2000;
// accept() failing (EMFILE…) is retried after this pause instead of spinning.
constexpr int accept_retry_delay_ms = 50;
// The empty line that ends a request's header block.
constexpr std::string_view header_block_end = "\r\n\r\n";

Method method_of(bhttp::verb verb) {
    switch (verb) {
        case bhttp::verb::get: return Method::get;
        case bhttp::verb::head: return Method::head;
        case bhttp::verb::post: return Method::post;
        case bhttp::verb::put: return Method::put;
        case bhttp::verb::patch: return Method::patch;
        case bhttp::verb::delete_: return Method::del;
        case bhttp::verb::options: return Method::options;
        default: return Method::other;
    }
}

Result<void> validate(const ServerOptions& o) {
    if (o.listen_port < 0 || o.listen_port > 65535) return fail_field("listen_port", ProblemCode::out_of_range, "must be between 0 and 65535");
    if (o.worker_threads < 1 || o.worker_threads > 1024) return fail_field("worker_threads", ProblemCode::out_of_range, "must be between 1 and 1024");
    if (o.worker_queue_max < 0) return fail_field("worker_queue_max", ProblemCode::invalid_value, "must not be negative");
    if (o.connections_max < 1) return fail_field("connections_max", ProblemCode::below_min, "must be at least 1");
    if (o.header_bytes_max < 1024 || o.header_bytes_max > 1024 * 1024) {
        return fail_field("header_bytes_max", ProblemCode::out_of_range, "must be between 1 KiB and 1 MiB");
    }
    if (o.body_bytes_max < 0 || o.body_bytes_max > 1024LL * 1024 * 1024) {
        return fail_field("body_bytes_max", ProblemCode::out_of_range, "must be between 0 and 1 GiB");
    }
    if (o.read_timeout_ms < 1) return fail_field("read_timeout_ms", ProblemCode::not_positive, "must be positive");
    if (o.idle_timeout_ms < 1) return fail_field("idle_timeout_ms", ProblemCode::not_positive, "must be positive");
    if (o.write_timeout_ms < 1) return fail_field("write_timeout_ms", ProblemCode::not_positive, "must be positive");
    if (o.first_byte_timeout_ms < 1) return fail_field("first_byte_timeout_ms", ProblemCode::not_positive, "must be positive");
    if (o.connections_per_address_max < 1) return fail_field("connections_per_address_max", ProblemCode::below_min, "must be at least 1");
    if (o.connections_reserved < 0 || o.connections_reserved >= o.connections_max) {
        return fail_field("connections_reserved", ProblemCode::below_min, "must be at least 0 and less than connections_max");
    }
    return ok();
}

// A canned answer for a connection refused at accept, sent with one non-blocking write.
std::string canned_refusal(int status, std::string_view title, std::string_view detail) {
    const std::string body = R"({"type":"about:blank","title":")" + std::string(title) + R"(","status":)" +
                             std::to_string(status) + R"(,"detail":")" + std::string(detail) + "\"}";
    return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason_phrase(status)) +
           "\r\nContent-Type: application/problem+json\r\nRetry-After: " + std::to_string(retry_after_s) +
           "\r\nContent-Security-Policy: " + std::string(content_security_policy) +
           "\r\nReferrer-Policy: " + std::string(referrer_policy) + "\r\nX-Frame-Options: " + std::string(frame_options) +
           "\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

// Whether a request may use a reserve slot, judged from its header alone on the I/O thread. Whether
// a token is valid is a question for the sessions table (SQL on a worker), which the I/O thread must
// never wait on; its shape is not. A forged token of the right shape buys one request, then 401: a
// request rate, which the worker queue bounds, not a socket held for free.
bool may_use_reserve(const bhttp::request_header<>& header) {
    const std::string_view target = header.target();
    if (target.substr(0, target.find('?')) == "/healthz") return true;
    constexpr std::string_view bearer = "bearer ";
    const std::string_view authorization = header[bhttp::field::authorization];
    if (authorization.size() > bearer.size() && beast::iequals(authorization.substr(0, bearer.size()), bearer)) {
        return access::is_token_shaped(authorization.substr(bearer.size()));
    }
    Request cookies;
    cookies.headers.emplace("cookie", std::string(header[bhttp::field::cookie]));
    auto session = cookies.cookie(session_cookie_name);
    return session && access::is_token_shaped(*session);
}

// The Date header, formatted once per second per thread.
const std::string& date_now() {
    thread_local int64_t second = -1;
    thread_local std::string text;
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
    if (now != second) {
        second = now;
        text = http_date(now);
    }
    return text;
}

struct Connection {
    explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    std::string remote;
    std::string address;  // the client's IP address, for connections_per_address_max
    bool idle = false;    // waiting for the first byte of a request: stop() may close it
    bool answered_any = false;  // a request was answered: later waits use the idle timeout
    bool reserve = false;       // holds a reserve slot (see ServerOptions::connections_reserved)
    bool released = false;      // its slot is given back (the session ended, or it was displaced)
    // Its place in Impl::reserve_waiting while its first request header has not arrived.
    std::optional<std::list<Connection*>::iterator> waiting;
};

using Clock = std::chrono::steady_clock;

int64_t micros_since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
}

// Runs pipeline.execute() on the worker pool; completes with nullopt when the queue is full.
template <typename Handler>
class OffloadJob final : public WorkerPool::Job {
public:
    OffloadJob(Handler handler, const Pipeline& pipeline, Request& request, const Dispatch& dispatch)
        : handler_(std::move(handler)), pipeline_(pipeline), request_(request), dispatch_(dispatch) {}

    void run() override {
        std::optional<Response> out = pipeline_.execute(request_, dispatch_);
        auto executor = asio::get_associated_executor(handler_);
        asio::post(executor, [handler = std::move(handler_), out = std::move(out)]() mutable {
            std::move(handler)(std::move(out));
        });
    }

    void reject() {
        auto executor = asio::get_associated_executor(handler_);
        asio::post(executor, [handler = std::move(handler_)]() mutable { std::move(handler)(std::nullopt); });
    }

private:
    Handler handler_;
    const Pipeline& pipeline_;
    Request& request_;
    const Dispatch& dispatch_;
};

// `request` and `dispatch` live in the awaiting coroutine's frame, which stays suspended until the
// job completes, so the worker may use them by reference.
template <typename Token>
auto async_offload(WorkerPool& pool, const Pipeline& pipeline, Request& request, const Dispatch& dispatch,
                   Token&& token) {
    return asio::async_initiate<Token, void(std::optional<Response>)>(
        [&pool, &pipeline, &request, &dispatch](auto handler) {
            using Job = OffloadJob<decltype(handler)>;
            auto typed = std::make_unique<Job>(std::move(handler), pipeline, request, dispatch);
            Job* job = typed.get();
            std::unique_ptr<WorkerPool::Job> owned(typed.release());
            if (!pool.try_submit(owned)) job->reject();  // `owned` still holds the job
        },
        token);
}

}  // namespace

ServerOptions server_options_from(const Config& config) {
    ServerOptions options;
    options.listen_host = config.listen_host;
    options.listen_port = config.listen_port;
    options.worker_threads = config.worker_threads;
    options.worker_queue_max = config.worker_queue_max;
    options.connections_max = config.connections_max;
    options.header_bytes_max = config.header_bytes_max;
    options.body_bytes_max = config.body_bytes_max;
    options.read_timeout_ms = config.read_timeout_ms;
    options.idle_timeout_ms = config.idle_timeout_ms;
    options.first_byte_timeout_ms = config.first_byte_timeout_ms;
    options.connections_per_address_max = config.connections_per_address_max;
    options.connections_reserved = config.connections_reserved;
    options.web_root = config.web_root;
    options.stop_on_signals = true;  // the binary stops gracefully on Ctrl+C and SIGTERM
    return options;
}

struct Server::Impl {
    Impl(ServerOptions o, ServerDeps d) : options(std::move(o)), deps(d) {}

    asio::awaitable<void> listen();
    void accept_connection(tcp::socket socket);
    void refuse_connection(tcp::socket& socket, const std::string& reply, int status);
    bool displace_waiting_reserve();
    void release_slot(Connection& connection);
    void release_waiting(Connection& connection);
    asio::awaitable<void> session(std::shared_ptr<Connection> connection);
    asio::awaitable<void> serve_connection(Connection& connection);
    asio::awaitable<bool> wait_for_request(Connection& connection, beast::flat_buffer& buffer);
    asio::awaitable<beast::error_code> read_header_block(Connection& connection, beast::flat_buffer& buffer);
    asio::awaitable<void> refuse_request(Connection& connection, beast::error_code ec, std::string_view method,
                                         std::string_view target, Clock::time_point started);
    asio::awaitable<void> refuse_with(Connection& connection, int status, const std::string& detail,
                                      std::string_view method, std::string_view target, Clock::time_point started);
    asio::awaitable<bool> answer(Connection& connection, bhttp::request<bhttp::string_body> request,
                                 Clock::time_point started);
    asio::awaitable<Response> respond(Request& request, const Dispatch& dispatch);
    // Moves the body out of `response`.
    asio::awaitable<size_t> write(Connection& connection, Response& response, unsigned version, bool head,
                                  bool keep_alive, beast::error_code& ec);
    void begin_shutdown();
    void run_io();

    ServerOptions options;
    ServerDeps deps;
    std::unique_ptr<StaticFiles> static_files;
    std::optional<Pipeline> pipeline;
    std::unique_ptr<WorkerPool> pool;
    asio::io_context io{1};
    tcp::acceptor acceptor{io};
    std::optional<asio::signal_set> signals;
    const std::string refusal = canned_refusal(503, "Server busy", "Too many connections; retry shortly");
    const std::string address_refusal =
        canned_refusal(429, "Too many connections", "Too many connections from your address; close some and retry");
    // Touched only on the I/O thread.
    std::unordered_set<std::shared_ptr<Connection>> connections;
    std::unordered_map<std::string, int> connections_by_address;
    int general_open = 0;  // connections in the first connections_max - connections_reserved slots
    int reserve_open = 0;
    // Reserve connections whose first request header has not arrived, oldest first: the ones a new
    // connection may displace when the reserve is full.
    std::list<Connection*> reserve_waiting;
    bool stopping = false;
    std::atomic<int64_t> open_connections{0};
    uint16_t bound_port = 0;

    std::thread io_thread;
    std::mutex state_mutex;
    std::condition_variable stopped_signal;
    bool running = false;  // start() succeeded
    bool stopped = false;
};

Server::Server(ServerOptions options, ServerDeps deps) : impl_(std::make_unique<Impl>(std::move(options), deps)) {
    KL_ASSERT(deps.router != nullptr);
    KL_ASSERT(deps.clock != nullptr);
}

Server::~Server() { stop(); }

uint16_t Server::port() const { return impl_->bound_port; }
int64_t Server::worker_queue_depth() const { return impl_->pool ? impl_->pool->queue_depth() : 0; }
int64_t Server::connections_open() const { return impl_->open_connections.load(); }

Result<void> Server::start() {
    Impl& s = *impl_;
    KL_ASSERT(!s.running);
    KL_TRY(validate(s.options));
    if (!s.options.web_root.empty()) {
        KL_TRY_ASSIGN(s.static_files, StaticFiles::open(StaticOptions{s.options.web_root}));
    }
    beast::error_code ec;
    auto address = asio::ip::make_address(s.options.listen_host, ec);
    if (ec) return fail_field("listen_host", ProblemCode::unknown_reference, "is not an IP address: " + s.options.listen_host);
    const tcp::endpoint endpoint(address, static_cast<uint16_t>(s.options.listen_port));
    const auto where = s.options.listen_host + ":" + std::to_string(s.options.listen_port);
    s.acceptor.open(endpoint.protocol(), ec);
    if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) s.acceptor.bind(endpoint, ec);
    if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail(ErrorCode::unavailable, "cannot listen on " + where + ": " + ec.message());
    s.bound_port = s.acceptor.local_endpoint().port();

    if (s.deps.metrics) s.deps.metrics->bind_routes(*s.deps.router);
    s.pipeline.emplace(PipelineDeps{s.deps.router, s.deps.authenticator, s.deps.store, s.deps.metrics, s.deps.clock,
                                    s.static_files.get(), s.options.gzip_body_bytes_min});
    s.pool = std::make_unique<WorkerPool>(s.options.worker_threads, s.options.worker_queue_max);
    if (s.deps.metrics) s.deps.metrics->set_queue_depth_probe([pool = s.pool.get()] { return pool->queue_depth(); });
    if (s.options.stop_on_signals) {
        s.signals.emplace(s.io, SIGINT, SIGTERM);
        s.signals->async_wait([&s](const beast::error_code& error, int) {
            if (!error) s.begin_shutdown();
        });
    }
    asio::co_spawn(s.io, s.listen(), asio::detached);
    {
        std::lock_guard lock(s.state_mutex);
        s.running = true;
    }
    s.io_thread = std::thread([&s] { s.run_io(); });
    spdlog::info("listening on http://{}:{}", s.options.listen_host, s.bound_port);
    return ok();
}

void Server::stop() {
    Impl& s = *impl_;
    {
        std::lock_guard lock(s.state_mutex);
        if (!s.running) return;
    }
    asio::post(s.io, [&s] { s.begin_shutdown(); });
    wait();
}

void Server::wait() {
    Impl& s = *impl_;
    std::unique_lock lock(s.state_mutex);
    if (!s.running) return;
    s.stopped_signal.wait(lock, [&s] { return s.stopped; });
    if (s.io_thread.joinable()) s.io_thread.join();
}

void Server::Impl::run_io() {
    while (true) {
        try {
            io.run();
            break;
        } catch (const std::exception& error) {
            // Sessions catch their own exceptions; this is a last line so the server keeps serving.
            spdlog::error("I/O loop: unexpected exception: {}", error.what());
        }
    }
    pool->stop();
    if (deps.metrics) deps.metrics->set_queue_depth_probe(nullptr);
    std::lock_guard lock(state_mutex);
    stopped = true;
    stopped_signal.notify_all();
}

void Server::Impl::begin_shutdown() {
    if (stopping) return;
    stopping = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    if (signals) signals->cancel(ignored);
    for (const auto& connection : connections) {
        if (connection->idle) connection->stream.cancel();
    }
}

asio::awaitable<void> Server::Impl::listen() {
    while (true) {
        beast::error_code ec;
        tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (stopping) co_return;
        if (ec == asio::error::operation_aborted) co_return;
        if (ec) {
            spdlog::warn("accept failed: {}", ec.message());
            asio::steady_timer pause(io, milliseconds(accept_retry_delay_ms));
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        accept_connection(std::move(socket));
    }
}

// Admission: at most connections_per_address_max per client address; the general slots first;
// beyond them a reserve slot, displacing the oldest reserve connection still silent if need be.
void Server::Impl::accept_connection(tcp::socket socket) {
    beast::error_code ec;
    auto endpoint = socket.remote_endpoint(ec);
    if (ec) return;  // the client is already gone; the socket closes here
    std::string address = endpoint.address().to_string();
    auto same_address = connections_by_address.find(address);
    if (same_address != connections_by_address.end() && same_address->second >= options.connections_per_address_max) {
        refuse_connection(socket, address_refusal, 429);
        return;
    }
    const bool reserve = general_open >= options.connections_max - options.connections_reserved;
    if (reserve && reserve_open >= options.connections_reserved && !displace_waiting_reserve()) {
        refuse_connection(socket, refusal, 503);
        return;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto connection = std::make_shared<Connection>(std::move(socket));
    connection->remote = address + ":" + std::to_string(endpoint.port());
    connection->address = std::move(address);
    connection->reserve = reserve;
    if (reserve) {
        ++reserve_open;
        connection->waiting = reserve_waiting.insert(reserve_waiting.end(), connection.get());
    } else {
        ++general_open;
    }
    ++connections_by_address[connection->address];
    connections.insert(connection);
    ++open_connections;
    if (deps.metrics) ++deps.metrics->connections_open;
    asio::co_spawn(io, session(std::move(connection)), asio::detached);
}

void Server::Impl::refuse_connection(tcp::socket& socket, const std::string& reply, int status) {
    // Never blocks the I/O thread: one non-blocking write, then close. If the socket buffer cannot
    // take it the client just sees the connection closed, which the limit allows.
    beast::error_code ec;
    socket.non_blocking(true, ec);
    socket.write_some(asio::buffer(reply), ec);
    socket.shutdown(tcp::socket::shutdown_send, ec);
    socket.close(ec);
    pipeline->record_rejected("-", "-", "-", status, reply.size(), 0);
}

// Closes the oldest reserve connection that has not sent its request header and gives its slot
// back at once. Honest clients of the reserve (a health check, a signed-in console) send their whole
// header as soon as they connect, so only silent or dribbling sockets are displaced.
bool Server::Impl::displace_waiting_reserve() {
    if (reserve_waiting.empty()) return false;
    Connection& oldest = *reserve_waiting.front();
    release_slot(oldest);
    beast::error_code ignored;
    oldest.stream.socket().close(ignored);  // its session sees operation_aborted and ends
    return true;
}

// Gives a connection's slot back, once: from the end of its session, or earlier when displaced.
void Server::Impl::release_slot(Connection& connection) {
    if (connection.released) return;
    connection.released = true;
    release_waiting(connection);
    --(connection.reserve ? reserve_open : general_open);
    auto same_address = connections_by_address.find(connection.address);
    KL_ASSERT(same_address != connections_by_address.end());
    if (--same_address->second == 0) connections_by_address.erase(same_address);
    --open_connections;
    if (deps.metrics) --deps.metrics->connections_open;
}

void Server::Impl::release_waiting(Connection& connection) {
    if (!connection.waiting) return;
    reserve_waiting.erase(*connection.waiting);
    connection.waiting.reset();
}

asio::awaitable<void> Server::Impl::session(std::shared_ptr<Connection> connection) {
    try {
        co_await serve_connection(*connection);
    } catch (const std::exception& error) {
        spdlog::error("connection {}: unexpected exception: {}", connection->remote, error.what());
    }
    beast::error_code ignored;
    connection->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    connection->stream.close();
    connections.erase(connection);
    release_slot(*connection);
}

asio::awaitable<bool> Server::Impl::wait_for_request(Connection& connection, beast::flat_buffer& buffer) {
    if (buffer.size() > 0) co_return true;  // a pipelined request is already here
    if (stopping) co_return false;
    connection.idle = true;
    connection.stream.expires_after(
        milliseconds(connection.answered_any ? options.idle_timeout_ms : options.first_byte_timeout_ms));
    beast::error_code ec;
    const size_t n = co_await connection.stream.async_read_some(buffer.prepare(read_chunk_bytes),
                                                                asio::redirect_error(asio::use_awaitable, ec));
    connection.idle = false;
    if (ec) co_return false;  // closed by the client, idle timeout, or shutdown
    buffer.commit(n);
    co_return true;
}

asio::awaitable<void> Server::Impl::serve_connection(Connection& connection) {
    const auto buffer_max = static_cast<size_t>(options.header_bytes_max + options.body_bytes_max) + read_chunk_bytes;
    beast::flat_buffer buffer(buffer_max);
    while (co_await wait_for_request(connection, buffer)) {
        const auto started = Clock::now();
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(options.header_bytes_max));
        parser.body_limit(static_cast<std::uint64_t>(options.body_bytes_max));
        // One deadline for the whole request from its first byte: a client dribbling its headers
        // (slowloris) is cut off when it passes, however steadily it sends.
        connection.stream.expires_after(milliseconds(options.read_timeout_ms));
        beast::error_code ec = co_await read_header_block(connection, buffer);
        if (!ec) {
            co_await bhttp::async_read_header(connection.stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        }
        if (connection.released) co_return;  // displaced from the reserve; its socket is closed
        if (!ec && connection.reserve) {
            release_waiting(connection);
            if (!may_use_reserve(parser.get())) {
                co_await refuse_with(connection, 503,
                                     "Too many connections are open; only /healthz and signed-in requests are served now",
                                     bhttp::to_string(parser.get().method()), parser.get().target(), started);
                co_return;
            }
        }
        if (!ec && !parser.is_done()) {
            const auto expect = parser.get()[bhttp::field::expect];
            if (beast::iequals(expect, "100-continue")) {
                static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
                co_await asio::async_write(connection.stream, asio::buffer(go_on.data(), go_on.size()),
                                           asio::redirect_error(asio::use_awaitable, ec));
            }
            if (!ec) {
                co_await bhttp::async_read(connection.stream, buffer, parser,
                                           asio::redirect_error(asio::use_awaitable, ec));
            }
        }
        if (ec) {
            const bool have_header = parser.is_header_done();
            co_await refuse_request(connection, ec, have_header ? bhttp::to_string(parser.get().method()) : "",
                                    have_header ? parser.get().target() : "", started);
            co_return;
        }
        if (!co_await answer(connection, parser.release(), started)) co_return;
    }
}

// Reads until `buffer` holds a whole header block (request line, fields and the empty line that ends
// them) and holds it to header_bytes_max. Beast's own header_limit counts only what one read brought
// (two 15,000-byte fields in two reads passed a 16 KiB limit), so the block is measured here whole.
asio::awaitable<beast::error_code> Server::Impl::read_header_block(Connection& connection, beast::flat_buffer& buffer) {
    const auto limit = static_cast<size_t>(options.header_bytes_max);
    size_t searched = 0;  // where the end may start: earlier bytes were searched already
    while (true) {
        const std::string_view data(static_cast<const char*>(buffer.data().data()), buffer.size());
        const size_t end = data.find(header_block_end, searched);
        if (end != std::string_view::npos) {
            if (end + header_block_end.size() > limit) co_return bhttp::error::header_limit;
            co_return beast::error_code{};
        }
        if (data.size() >= limit) co_return bhttp::error::header_limit;
        searched = data.size() < header_block_end.size() ? 0 : data.size() - (header_block_end.size() - 1);
        beast::error_code ec;
        const size_t n = co_await connection.stream.async_read_some(buffer.prepare(read_chunk_bytes),
                                                                    asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return ec;
        buffer.commit(n);
    }
}

asio::awaitable<void> Server::Impl::refuse_request(Connection& connection, beast::error_code ec,
                                                   std::string_view method, std::string_view target,
                                                   Clock::time_point started) {
    int status = 0;
    std::string detail;
    if (ec == bhttp::error::header_limit) {
        status = 431;
        detail = "The request line and headers exceed " + std::to_string(options.header_bytes_max) + " bytes";
    } else if (ec == bhttp::error::body_limit || ec == bhttp::error::buffer_overflow) {
        status = 413;
        detail = "The request body exceeds " + std::to_string(options.body_bytes_max) + " bytes";
    } else if (ec == beast::error::timeout) {
        // The stream closed the socket when its deadline passed; nothing can be written any more.
        pipeline->record_rejected(method, target, connection.remote, 408, 0, micros_since(started));
        co_return;
    } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() && ec != bhttp::error::end_of_stream &&
               ec != bhttp::error::partial_message) {
        status = 400;
        detail = "The request is not valid HTTP/1.1: " + ec.message();
    } else {
        co_return;  // the client went away
    }
    co_await refuse_with(connection, status, detail, method, target, started);
}

// Answers `status` with Connection: close, then reads and drops what the client is still sending.
asio::awaitable<void> Server::Impl::refuse_with(Connection& connection, int status, const std::string& detail,
                                                std::string_view method, std::string_view target,
                                                Clock::time_point started) {
    Request request;
    request.request_id = pipeline->next_request_id();
    Response response = problem(status, reason_phrase(status), detail);
    if (status == 503) response.with_header("Retry-After", std::to_string(retry_after_s));
    Pipeline::finalize(request, response);
    beast::error_code write_error;
    const size_t bytes = co_await write(connection, response, 11, false, false, write_error);
    pipeline->record_rejected(method, target, connection.remote, status, bytes, micros_since(started));
    if (write_error) co_return;
    // Lingering close: read and drop what the client is still sending, so the answer is not lost to
    // a reset, within a byte and time budget.
    connection.stream.socket().shutdown(tcp::socket::shutdown_send, write_error);
    connection.stream.expires_after(milliseconds(linger_timeout_ms));
    std::vector<char> sink(read_chunk_bytes);
    size_t drained = 0;
    while (drained < linger_bytes_max) {
        const size_t n = co_await connection.stream.async_read_some(asio::buffer(sink),
                                                                    asio::redirect_error(asio::use_awaitable, write_error));
        if (write_error) break;
        drained += n;
    }
}

asio::awaitable<bool> Server::Impl::answer(Connection& connection, bhttp::request<bhttp::string_body> message,
                                           Clock::time_point started) {
    Request request;
    request.method = method_of(message.method());
    request.target = std::string(message.target());
    request.remote_address = connection.remote;
    for (const auto& field : message) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        auto [it, inserted] = request.headers.emplace(name, std::string(field.value()));
        if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + std::string(field.value());
    }
    request.body = std::move(message.body());
    const unsigned version = message.version();
    const bool head = request.method == Method::head;

    if (!parse_target(request.target, request)) {
        request.request_id = pipeline->next_request_id();
        Response response = problem(400, "Bad request", "The request target is not a valid path (origin-form, UTF-8)");
        Pipeline::finalize(request, response);
        beast::error_code ec;
        const size_t bytes = co_await write(connection, response, version, head, false, ec);
        pipeline->record_rejected(to_string(request.method), request.target, connection.remote, 400, bytes,
                                  micros_since(started));
        co_return false;
    }
    const Dispatch dispatch = pipeline->begin(request);
    Response response = co_await respond(request, dispatch);
    // A reserve slot serves one request, so that it is free again for the next health check.
    const bool keep_alive = message.keep_alive() && !stopping && !connection.reserve;
    beast::error_code ec;
    const size_t bytes = co_await write(connection, response, version, head, keep_alive, ec);
    pipeline->record(request, dispatch, response.status, bytes, micros_since(started));
    connection.answered_any = true;
    co_return keep_alive && !ec;
}

asio::awaitable<Response> Server::Impl::respond(Request& request, const Dispatch& dispatch) {
    switch (dispatch.kind) {
        case Dispatch::Kind::answer: co_return *dispatch.response;
        case Dispatch::Kind::run_inline: co_return pipeline->execute(request, dispatch);
        case Dispatch::Kind::run_on_worker: break;
    }
    std::optional<Response> out = co_await async_offload(*pool, *pipeline, request, dispatch, asio::use_awaitable);
    if (out) co_return std::move(*out);
    Response busy = Pipeline::busy_response();
    Pipeline::finalize(request, busy);
    co_return busy;
}

asio::awaitable<size_t> Server::Impl::write(Connection& connection, Response& response, unsigned version,
                                            bool head, bool keep_alive, beast::error_code& ec) {
    bhttp::response<bhttp::string_body> out;
    out.version(version);
    out.result(static_cast<unsigned>(response.status));
    out.set(bhttp::field::server, "kashlink");
    out.set(bhttp::field::date, date_now());
    const bool bodiless = response.status == 204 || response.status == 304 || response.status < 200;
    if (!bodiless && !response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) out.insert(name, value);
    out.keep_alive(keep_alive);
    if (!bodiless) {
        out.content_length(response.body.size());
        // HEAD gets the headers GET would get, Content-Length included, and no body.
        if (!head) out.body() = std::move(response.body);
    }
    connection.stream.expires_after(milliseconds(options.write_timeout_ms));
    const size_t bytes = co_await bhttp::async_write(connection.stream, out, asio::redirect_error(asio::use_awaitable, ec));
    co_return bytes;
}

}  // namespace kl::http

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
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "core/assert.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/pipeline.h"
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
    if (o.listen_port < 0 || o.listen_port > 65535) return fail_field("listen_port", "must be between 0 and 65535");
    if (o.worker_threads < 1 || o.worker_threads > 1024) return fail_field("worker_threads", "must be between 1 and 1024");
    if (o.worker_queue_max < 0) return fail_field("worker_queue_max", "must not be negative");
    if (o.connections_max < 1) return fail_field("connections_max", "must be at least 1");
    if (o.header_bytes_max < 1024 || o.header_bytes_max > 1024 * 1024) {
        return fail_field("header_bytes_max", "must be between 1 KiB and 1 MiB");
    }
    if (o.body_bytes_max < 0 || o.body_bytes_max > 1024LL * 1024 * 1024) {
        return fail_field("body_bytes_max", "must be between 0 and 1 GiB");
    }
    if (o.read_timeout_ms < 1) return fail_field("read_timeout_ms", "must be positive");
    if (o.idle_timeout_ms < 1) return fail_field("idle_timeout_ms", "must be positive");
    if (o.write_timeout_ms < 1) return fail_field("write_timeout_ms", "must be positive");
    return ok();
}

// The canned answer for a connection beyond connections_max, sent with one non-blocking write.
std::string over_capacity_reply() {
    const std::string body =
        R"({"type":"about:blank","title":"Server busy","status":503,"detail":"Too many connections; retry shortly"})";
    return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: " +
           std::to_string(retry_after_s) + "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + body;
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
    bool idle = false;  // waiting for the first byte of a request: stop() may close it
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
    options.web_root = config.web_root;
    options.stop_on_signals = true;  // the binary stops gracefully on Ctrl+C and SIGTERM
    return options;
}

struct Server::Impl {
    Impl(ServerOptions o, ServerDeps d) : options(std::move(o)), deps(d) {}

    asio::awaitable<void> listen();
    void accept_connection(tcp::socket socket);
    void refuse_connection(tcp::socket& socket);
    asio::awaitable<void> session(std::shared_ptr<Connection> connection);
    asio::awaitable<void> serve_connection(Connection& connection);
    asio::awaitable<bool> wait_for_request(Connection& connection, beast::flat_buffer& buffer);
    asio::awaitable<void> refuse_request(Connection& connection, beast::error_code ec, std::string_view method,
                                         std::string_view target, Clock::time_point started);
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
    const std::string refusal = over_capacity_reply();
    // Touched only on the I/O thread.
    std::unordered_set<std::shared_ptr<Connection>> connections;
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
        KL_TRY_ASSIGN(s.static_files, StaticFiles::open(StaticOptions{s.options.web_root, s.options.vendor_packages}));
    }
    beast::error_code ec;
    auto address = asio::ip::make_address(s.options.listen_host, ec);
    if (ec) return fail_field("listen_host", "is not an IP address: " + s.options.listen_host);
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

void Server::Impl::accept_connection(tcp::socket socket) {
    if (open_connections.load() >= options.connections_max) {
        refuse_connection(socket);
        return;
    }
    beast::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    auto endpoint = socket.remote_endpoint(ec);
    auto connection = std::make_shared<Connection>(std::move(socket));
    if (!ec) connection->remote = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
    connections.insert(connection);
    ++open_connections;
    if (deps.metrics) ++deps.metrics->connections_open;
    asio::co_spawn(io, session(std::move(connection)), asio::detached);
}

void Server::Impl::refuse_connection(tcp::socket& socket) {
    // Never blocks the I/O thread: one non-blocking write, then close. If the socket buffer cannot
    // take it the client just sees the connection closed, which the limit allows.
    beast::error_code ec;
    socket.non_blocking(true, ec);
    socket.write_some(asio::buffer(refusal), ec);
    socket.shutdown(tcp::socket::shutdown_send, ec);
    socket.close(ec);
    pipeline->record_rejected("-", "-", "-", 503, refusal.size(), 0);
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
    --open_connections;
    if (deps.metrics) --deps.metrics->connections_open;
}

asio::awaitable<bool> Server::Impl::wait_for_request(Connection& connection, beast::flat_buffer& buffer) {
    if (buffer.size() > 0) co_return true;  // a pipelined request is already here
    if (stopping) co_return false;
    connection.idle = true;
    connection.stream.expires_after(milliseconds(options.idle_timeout_ms));
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
        beast::error_code ec;
        co_await bhttp::async_read_header(connection.stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
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
    Request request;
    request.request_id = pipeline->next_request_id();
    Response response = problem(status, reason_phrase(status), detail);
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
    const bool keep_alive = message.keep_alive() && !stopping;
    beast::error_code ec;
    const size_t bytes = co_await write(connection, response, version, head, keep_alive, ec);
    pipeline->record(request, dispatch, response.status, bytes, micros_since(started));
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

#pragma once
// A real server on 127.0.0.1, port 0, with a fake authenticator and test routes, plus a raw-socket
// client for what httplib cannot do (dribbling bytes, pipelining, malformed requests).

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "access/authenticator.h"
#include "core/clock.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/routes/system_routes.h"
#include "http/server.h"

namespace kl::http::test {

// Tokens are looked up in a map; each session has its own CSRF token.
class FakeAuthenticator final : public access::Authenticator {
public:
    void add(const std::string& token, const std::string& user_id, const std::string& csrf) {
        std::lock_guard lock(mutex_);
        access::Principal principal;
        principal.user_id = user_id;
        principal.username = user_id;
        principal.role = access::Role::admin;
        principal.session_id = "session-" + token;
        sessions_[token] = principal;
        csrf_[principal.session_id] = csrf;
    }
    Result<access::Principal> authenticate(const std::string& token) override {
        std::lock_guard lock(mutex_);
        ++calls;
        auto found = sessions_.find(token);
        if (found == sessions_.end()) return fail(ErrorCode::unauthenticated, "unknown token");
        return found->second;
    }
    Result<void> check_csrf(const access::Principal& principal, const std::string& header) override {
        std::lock_guard lock(mutex_);
        auto found = csrf_.find(principal.session_id);
        if (found == csrf_.end() || header.empty() || header != found->second) {
            return fail(ErrorCode::permission_denied, "bad CSRF token");
        }
        return ok();
    }
    std::atomic<int> calls{0};

private:
    std::mutex mutex_;
    std::map<std::string, access::Principal> sessions_;
    std::map<std::string, std::string> csrf_;
};

// Holds handlers until released; tells the test when a handler is inside.
class Gate {
public:
    void wait_inside() {
        std::unique_lock lock(mutex_);
        ++inside_;
        changed_.notify_all();
        changed_.wait(lock, [this] { return open_; });
    }
    void await_inside(int count) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return inside_ >= count; });
    }
    void open() {
        std::lock_guard lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int inside_ = 0;
    bool open_ = false;
};

inline ServerOptions test_options() {
    ServerOptions options;
    options.listen_host = "127.0.0.1";
    options.listen_port = 0;
    options.worker_threads = 4;
    options.worker_queue_max = 64;
    return options;
}

inline Route make_route(Method method, std::string pattern, Access access, Handler handler, bool blocking = true) {
    Route route;
    route.method = method;
    route.pattern = std::move(pattern);
    route.access = access;
    route.doc.summary = "test route";
    route.doc.tag = "test";
    // Test routes read whatever body they are sent; a route documented without one refuses any
    // (Pipeline), so a test that wants that sets request_schema back to empty.
    if (method == Method::post || method == Method::put || method == Method::patch) {
        route.doc.request_schema = R"({"description":"any body: a test route"})";
    }
    route.handler = std::move(handler);
    route.blocking = blocking;
    return route;
}

// A server with its router (the system routes plus the test's own `routes`), metrics and fake sign-in.
class Harness {
public:
    explicit Harness(ServerOptions options = test_options(), std::function<void(Router&)> routes = {},
                     store::Store* store = nullptr) {
        if (routes) routes(router);
        add_system_routes(router, SystemRoutesDeps{store, &metrics, nullptr, {}, {}});
        server = std::make_unique<Server>(options, ServerDeps{&router, &auth, store, &metrics, &clock});
        auto started = server->start();
        if (!started) throw std::runtime_error("server did not start: " + started.error().message);
    }
    ~Harness() { server->stop(); }

    httplib::Client client() const {
        httplib::Client client("127.0.0.1", server->port());
        client.set_read_timeout(30, 0);
        client.set_connection_timeout(10, 0);
        return client;
    }
    uint16_t port() const { return server->port(); }

    Router router;
    Metrics metrics;
    SystemClock clock;
    FakeAuthenticator auth;
    std::unique_ptr<Server> server;
};

// A blocking TCP client. Receives time out after 30 s so that a broken server fails the test
// instead of hanging it (a liveness bound, not a timing assertion).
class RawConnection {
public:
    // `source_address` (e.g. "127.0.0.2") makes the connection come from another loopback address.
    explicit RawConnection(uint16_t port, const char* source_address = nullptr) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (source_address != nullptr) {
            sockaddr_in source{};
            source.sin_family = AF_INET;
            ::inet_pton(AF_INET, source_address, &source.sin_addr);
            ::bind(fd_, reinterpret_cast<sockaddr*>(&source), sizeof source);
        }
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        timeval timeout{30, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        int one = 1;
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    ~RawConnection() { close(); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return connected_; }
    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    // False when the peer has closed or reset the connection.
    bool send(std::string_view data) {
        while (!data.empty()) {
            const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
            if (n <= 0) return false;
            data.remove_prefix(static_cast<size_t>(n));
        }
        return true;
    }
    // True when the server has closed the connection (EOF or reset) without more data pending.
    bool closed_by_peer_now() {
        char byte = 0;
        const ssize_t n = ::recv(fd_, &byte, 1, MSG_DONTWAIT | MSG_PEEK);
        if (n == 0) return true;
        if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK;
        return false;
    }
    // Reads one response (headers + Content-Length body). nullopt when the connection closes first.
    std::optional<std::string> read_response() {
        while (true) {
            const size_t header_end = buffer_.find("\r\n\r\n");
            if (header_end != std::string::npos) {
                const size_t length = content_length(buffer_.substr(0, header_end));
                const size_t total = header_end + 4 + length;
                if (buffer_.size() >= total) {
                    std::string response = buffer_.substr(0, total);
                    buffer_.erase(0, total);
                    return response;
                }
            }
            if (!fill()) return std::nullopt;
        }
    }
    // Reads only a response's headers (for HEAD, whose Content-Length announces no body).
    std::optional<std::string> read_headers() {
        while (true) {
            const size_t header_end = buffer_.find("\r\n\r\n");
            if (header_end != std::string::npos) {
                std::string head = buffer_.substr(0, header_end + 4);
                buffer_.erase(0, header_end + 4);
                return head;
            }
            if (!fill()) return std::nullopt;
        }
    }
    // Reads until the server closes; true if it did (EOF or reset) within the receive timeout.
    bool wait_closed() {
        while (true) {
            char chunk[4096];
            const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (n == 0) return true;
            if (n < 0) return errno == ECONNRESET || errno == EPIPE;
            buffer_.append(chunk, static_cast<size_t>(n));
        }
    }
    const std::string& pending() const { return buffer_; }

private:
    static size_t content_length(const std::string& head) {
        std::string lower = head;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const size_t at = lower.find("\r\ncontent-length:");
        if (at == std::string::npos) return 0;
        return static_cast<size_t>(std::stoul(lower.substr(at + 17)));
    }
    bool fill() {
        char chunk[4096];
        const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        buffer_.append(chunk, static_cast<size_t>(n));
        return true;
    }

    int fd_ = -1;
    bool connected_ = false;
    std::string buffer_;
};

inline int status_of(const std::string& response) {
    if (response.size() < 12) return 0;
    return std::stoi(response.substr(9, 3));
}

// Polls `done` until it holds; fails the test after `attempts` tries (liveness, not timing).
inline bool eventually(const std::function<bool()>& done, int attempts = 1000) {
    for (int i = 0; i < attempts; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
}

}  // namespace kl::http::test

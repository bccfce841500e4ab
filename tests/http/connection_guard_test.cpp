// The guards against connection floods: the first-byte deadline, the cap per client address, the
// reserve that keeps /healthz and signed-in requests answered when idle sockets hold every other
// slot, and the header block limit. Thousands of idle sockets on loopback; every test asserts what
// happened (answered, refused, closed), never how long it took.

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "http_harness.h"

namespace kl::http::test {
namespace {

// How many silent sockets the flood tests open: "a few thousand", as many as the descriptor limit allows.
constexpr int flood_sockets_max = 2000;
// Fewer than this and the flood is not worth the name: the test is skipped (the limit is too low).
constexpr int flood_sockets_min = 500;
// Descriptors kept for everything else the test process opens (files, the test's own clients).
constexpr rlim_t spare_descriptors = 256;
// A token of the shape the access module issues (64 lowercase hex characters).
constexpr std::string_view signed_in_token = "fdcc3f1bb90eed6f988b0d25454ccb42159f9d52445d66f15faf24c4b2b670d6";
constexpr std::string_view unknown_token = "0000000000000000000000000000000000000000000000000000000000000000";

// Raises the soft descriptor limit to the hard one and answers how many silent sockets fit: each
// costs two descriptors, the client's and the server's, both in this process.
int flood_size() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
    ::getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur <= spare_descriptors) return 0;
    return static_cast<int>(std::min<rlim_t>(flood_sockets_max, (limit.rlim_cur - spare_descriptors) / 2));
}

// Opens `count` connections that never send a byte.
std::vector<std::unique_ptr<RawConnection>> open_silent(uint16_t port, int count) {
    std::vector<std::unique_ptr<RawConnection>> sockets;
    sockets.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) sockets.push_back(std::make_unique<RawConnection>(port));
    return sockets;
}

// Sends one request on a new connection and reads the answer ("" when the connection closed first).
std::string ask(uint16_t port, const std::string& request, const char* source_address = nullptr) {
    RawConnection connection(port, source_address);
    if (!connection.send(request)) return "";
    return connection.read_response().value_or("");
}

std::string get(std::string_view path, std::string_view extra_headers = "") {
    return "GET " + std::string(path) + " HTTP/1.1\r\nHost: x\r\n" + std::string(extra_headers) + "\r\n";
}

void add_probe_routes(Router& router) {
    router.add(make_route(Method::get, "/api/v1/whoami", Access::authenticated, [](Request& request) {
        Response response;
        response.body = "{\"user\":\"" + request.principal->user_id + "\"}";
        return response;
    }));
    router.add(make_route(Method::get, "/api/v1/public", Access::open, [](Request&) {
        Response response;
        response.body = "{\"public\":true}";
        return response;
    }));
}

TEST(ConnectionGuard, SilentSocketsAreClosedAtTheFirstByteDeadline) {
    const int count = flood_size();
    if (count < flood_sockets_min) GTEST_SKIP() << "descriptor limit too low for " << flood_sockets_min << " sockets";
    ServerOptions options = test_options();
    options.first_byte_timeout_ms = 300;
    options.idle_timeout_ms = 600000;  // so only the first-byte deadline can close the silent ones
    options.connections_per_address_max = count + 10;
    Harness harness(options);

    // A connection that has sent a request waits for its next one under the idle timeout.
    RawConnection answered(harness.port());
    ASSERT_TRUE(answered.send(get("/healthz")));
    auto first = answered.read_response();
    ASSERT_TRUE(first);
    EXPECT_EQ(status_of(*first), 200);

    auto silent = open_silent(harness.port(), count);
    ASSERT_TRUE(eventually([&] { return harness.server->connections_open() == 1; }))
        << harness.server->connections_open() << " connections still open";
    for (auto& socket : silent) EXPECT_TRUE(socket->wait_closed());

    ASSERT_TRUE(answered.send(get("/healthz")));
    auto second = answered.read_response();
    ASSERT_TRUE(second);
    EXPECT_EQ(status_of(*second), 200);
}

TEST(ConnectionGuard, ReserveAnswersHealthzAndSignedInRequestsWhileSilentSocketsHoldTheRest) {
    const int count = flood_size();
    if (count < flood_sockets_min) GTEST_SKIP() << "descriptor limit too low for " << flood_sockets_min << " sockets";
    constexpr int reserved = 8;
    ServerOptions options = test_options();
    options.connections_max = count;
    options.connections_reserved = reserved;
    options.connections_per_address_max = 2 * count;  // every client of this test is 127.0.0.1
    options.first_byte_timeout_ms = 600000;  // the silent sockets stay for the whole test
    Harness harness(options, add_probe_routes);
    harness.auth.add(std::string(signed_in_token), "user-1", "csrf-1");

    // Every slot is taken, the reserve's included.
    auto silent = open_silent(harness.port(), count);
    ASSERT_TRUE(eventually([&] { return harness.server->connections_open() == count; }));

    const std::string health = ask(harness.port(), get("/healthz"));
    EXPECT_EQ(status_of(health), 200) << health;
    EXPECT_NE(health.find("Connection: close"), std::string::npos);  // a reserve slot serves one request

    const std::string bearer = "Authorization: Bearer " + std::string(signed_in_token) + "\r\n";
    const std::string by_token = ask(harness.port(), get("/api/v1/whoami", bearer));
    EXPECT_EQ(status_of(by_token), 200) << by_token;
    EXPECT_NE(by_token.find("user-1"), std::string::npos);

    const std::string cookie = "Cookie: lang=zh; kl_session=" + std::string(signed_in_token) + "\r\n";
    const std::string by_cookie = ask(harness.port(), get("/api/v1/whoami", cookie));
    EXPECT_EQ(status_of(by_cookie), 200) << by_cookie;

    // Only the shape is judged on the I/O thread: an unknown token gets its one request, then 401.
    const std::string forged = ask(harness.port(), get("/api/v1/whoami", "Authorization: Bearer " + std::string(unknown_token) + "\r\n"));
    EXPECT_EQ(status_of(forged), 401) << forged;

    // Anyone else is told the server is busy, or finds the connection closed; never served.
    for (const std::string& request : {get("/api/v1/public"), get("/api/v1/whoami", "Authorization: Bearer short\r\n")}) {
        const std::string refused = ask(harness.port(), request);
        if (!refused.empty()) {
            EXPECT_EQ(status_of(refused), 503) << refused;
        }
    }
    EXPECT_LE(harness.server->connections_open(), count);
}

TEST(ConnectionGuard, ConnectionsPerAddressAreCapped) {
    ServerOptions options = test_options();
    options.connections_per_address_max = 3;
    Harness harness(options);
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<RawConnection>(harness.port()));
        ASSERT_TRUE(held.back()->send(get("/healthz")));
        auto served = held.back()->read_response();
        ASSERT_TRUE(served);
        EXPECT_EQ(status_of(*served), 200);
    }

    RawConnection fourth(harness.port());
    (void)fourth.send(get("/healthz"));
    auto refused = fourth.read_response();
    if (refused) {
        EXPECT_EQ(status_of(*refused), 429) << *refused;  // or simply closed; never served
    }
    EXPECT_TRUE(fourth.wait_closed());

    // Another address is not affected.
    EXPECT_EQ(status_of(ask(harness.port(), get("/healthz"), "127.0.0.2")), 200);

    // Once one of the three closes, the address may connect again.
    held.front()->close();
    EXPECT_TRUE(eventually([&] { return status_of(ask(harness.port(), get("/healthz"))) == 200; }));
}

// A request whose header block (request line, fields and the empty line) is exactly `bytes` long.
std::string header_block_of(size_t bytes) {
    const std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ";
    const std::string tail = "\r\n\r\n";
    return head + std::string(bytes - head.size() - tail.size(), 'p') + tail;
}

TEST(ConnectionGuard, HeaderBlockIsCountedWholeAgainstTheLimit) {
    Harness harness(test_options());
    const auto limit = static_cast<size_t>(header_bytes_max_default);
    EXPECT_EQ(status_of(ask(harness.port(), header_block_of(limit))), 200);
    const std::string over = ask(harness.port(), header_block_of(limit + 1));
    EXPECT_EQ(status_of(over), 431) << over;
    EXPECT_NE(over.find("application/problem+json"), std::string::npos);

    // Two fields that each fit the limit but not together, sent in two writes (two reads, often).
    RawConnection split(harness.port());
    ASSERT_TRUE(split.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-One: " + std::string(15000, 'a') + "\r\n"));
    ASSERT_TRUE(split.send("X-Two: " + std::string(15000, 'b') + "\r\n\r\n"));
    auto refused = split.read_response();
    ASSERT_TRUE(refused);
    EXPECT_EQ(status_of(*refused), 431);
}

}  // namespace
}  // namespace kl::http::test

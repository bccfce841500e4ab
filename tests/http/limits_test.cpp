// Limits under hostile or heavy clients: body and header sizes, slow and idle clients, too many
// connections, a full worker queue, and a graceful stop with requests in flight. Every test asserts
// behaviour (status, closed or not), never a duration.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http_harness.h"

namespace kl::http::test {
namespace {

// Answers with the size of the body it received.
void add_echo_route(Router& router) {
    router.add(make_route(Method::post, "/api/v1/echo", Access::open, [](Request& request) {
        Response response;
        response.body = "{\"bytes\":" + std::to_string(request.body.size()) + "}";
        return response;
    }));
}

TEST(Limits, BodyOverTheDefaultMegabyteIs413) {
    Harness harness(test_options(), add_echo_route);
    auto client = harness.client();
    auto fits = client.Post("/api/v1/echo", std::string(512 * 1024, 'a'), "application/json");
    ASSERT_TRUE(fits);
    EXPECT_EQ(fits->status, 200);
    EXPECT_EQ(fits->body, "{\"bytes\":524288}");

    // The header alone announces too much: the server answers 413 without reading the body. (A client
    // that writes the whole body first may meet a closed socket instead of the answer, so this one
    // sends the header only and reads.)
    RawConnection connection(harness.port());
    ASSERT_TRUE(connection.send("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                "Content-Length: " + std::to_string(body_bytes_max_default + 1) + "\r\n\r\n"));
    auto too_big = connection.read_response();
    ASSERT_TRUE(too_big);
    EXPECT_EQ(status_of(*too_big), 413);
    EXPECT_NE(too_big->find("application/problem+json"), std::string::npos);

    auto after = harness.client().Get("/healthz");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 200);
}

TEST(Limits, ConfiguredBodyLimitAppliesToChunkedBodiesToo) {
    ServerOptions options = test_options();
    options.body_bytes_max = 1000;
    Harness harness(options, add_echo_route);
    RawConnection connection(harness.port());
    ASSERT_TRUE(connection.send("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                "3e8\r\n" + std::string(1000, 'a') + "\r\n"
                                "10\r\n" + std::string(16, 'b') + "\r\n0\r\n\r\n"));
    auto response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(status_of(*response), 413);
    EXPECT_TRUE(connection.wait_closed());
}

TEST(Limits, HeadersOver16KiBAre431) {
    Harness harness(test_options());
    auto client = harness.client();
    auto fits = client.Get("/healthz", {{"X-Padding", std::string(8 * 1024, 'p')}});
    ASSERT_TRUE(fits);
    EXPECT_EQ(fits->status, 200);

    RawConnection connection(harness.port());
    ASSERT_TRUE(connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " +
                                std::string(header_bytes_max_default + 1, 'p') + "\r\n\r\n"));
    auto response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(status_of(*response), 431);
    EXPECT_NE(response->find("application/problem+json"), std::string::npos);
}

TEST(Limits, SlowlorisIsCutOffByTheWholeRequestDeadline) {
    ServerOptions options = test_options();
    options.read_timeout_ms = 300;
    Harness harness(options);
    RawConnection slow(harness.port());
    ASSERT_TRUE(slow.connected());
    // Steady progress (a byte every 50 ms) must not keep the connection alive: the deadline is for
    // the whole request. 400 bytes would take 20 s; the server must close long before the end.
    const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(400, 's') + "\r\n\r\n";
    bool closed = false;
    for (char byte : request) {
        if (!slow.send(std::string_view(&byte, 1)) || slow.closed_by_peer_now()) {
            closed = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(closed);
    EXPECT_TRUE(slow.wait_closed());
    EXPECT_EQ(slow.pending().find("200 OK"), std::string::npos);

    auto others = harness.client().Get("/healthz");
    ASSERT_TRUE(others);
    EXPECT_EQ(others->status, 200);
    EXPECT_GE(harness.metrics.requests_total(route_label_rejected, Method::other, 408), 1u);
}

TEST(Limits, IdleKeepAliveConnectionIsClosed) {
    ServerOptions options = test_options();
    options.idle_timeout_ms = 200;
    Harness harness(options);
    RawConnection connection(harness.port());
    ASSERT_TRUE(connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(status_of(*response), 200);
    EXPECT_TRUE(connection.wait_closed());
    EXPECT_TRUE(eventually([&] { return harness.server->connections_open() == 0; }));
}

TEST(Limits, ConnectionsBeyondTheMaximumAreRefused) {
    ServerOptions options = test_options();
    options.connections_max = 2;
    options.connections_reserved = 0;  // a hard limit for everyone (the reserve: connection_guard_test)
    Harness harness(options);
    RawConnection first(harness.port());
    RawConnection second(harness.port());
    for (RawConnection* connection : {&first, &second}) {
        ASSERT_TRUE(connection->send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
        auto response = connection->read_response();
        ASSERT_TRUE(response);
        EXPECT_EQ(status_of(*response), 200);
    }
    EXPECT_EQ(harness.server->connections_open(), 2);

    RawConnection third(harness.port());
    (void)third.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    auto refused = third.read_response();
    // Either the canned 503 arrives or the connection is simply closed; never a 200.
    if (refused) {
        EXPECT_EQ(status_of(*refused), 503);
        EXPECT_NE(refused->find("Retry-After: 1"), std::string::npos);
    }
    EXPECT_TRUE(third.wait_closed());

    // Once a slot frees, new connections are served again.
    first.close();
    EXPECT_TRUE(eventually([&] { return harness.server->connections_open() < 2; }));
    RawConnection fourth(harness.port());
    ASSERT_TRUE(fourth.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto served = fourth.read_response();
    ASSERT_TRUE(served);
    EXPECT_EQ(status_of(*served), 200);
}

TEST(Limits, FullWorkerQueueAnswers503WithRetryAfterAtOnce) {
    Gate gate;
    ServerOptions options = test_options();
    options.worker_threads = 1;
    options.worker_queue_max = 1;
    Harness harness(options, [&gate](Router& router) {
        router.add(make_route(Method::get, "/api/v1/block", Access::open, [&gate](Request&) {
            gate.wait_inside();
            Response response;
            response.body = "{\"released\":true}";
            return response;
        }));
    });
    std::optional<int> first_status;
    std::optional<int> second_status;
    std::thread first([&] {
        auto result = harness.client().Get("/api/v1/block");
        if (result) first_status = result->status;
    });
    gate.await_inside(1);  // the only worker is now busy
    std::thread second([&] {
        auto result = harness.client().Get("/api/v1/block");
        if (result) second_status = result->status;
    });
    ASSERT_TRUE(eventually([&] { return harness.server->worker_queue_depth() == 1; }));  // the queue is full

    auto refused = harness.client().Get("/healthz");  // needs a worker: refused without waiting
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 503);
    EXPECT_EQ(refused->get_header_value("Retry-After"), "1");
    EXPECT_EQ(refused->get_header_value("Content-Type"), "application/problem+json");
    // Routes that need no worker are still served while the pool is saturated.
    auto metrics = harness.client().Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_EQ(metrics->status, 200);
    EXPECT_NE(metrics->body.find("kashlink_worker_queue_depth 1"), std::string::npos);

    gate.open();
    first.join();
    second.join();
    EXPECT_EQ(first_status, 200);
    EXPECT_EQ(second_status, 200);
    auto after = harness.client().Get("/healthz");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 200);
}

TEST(Limits, GracefulStopFinishesInFlightAndRefusesNewConnections) {
    Gate gate;
    auto harness = std::make_unique<Harness>(test_options(), [&gate](Router& router) {
        router.add(make_route(Method::get, "/api/v1/block", Access::open, [&gate](Request&) {
            gate.wait_inside();
            Response response;
            response.body = "{\"released\":true}";
            return response;
        }));
    });
    const uint16_t port = harness->port();
    RawConnection idle(port);
    ASSERT_TRUE(idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_TRUE(idle.read_response());

    RawConnection busy(port);
    ASSERT_TRUE(busy.send("GET /api/v1/block HTTP/1.1\r\nHost: x\r\n\r\n"));
    gate.await_inside(1);
    std::thread stopper([&] { harness->server->stop(); });

    EXPECT_TRUE(idle.wait_closed());  // idle keep-alive connections are closed at once
    EXPECT_TRUE(eventually([&] {
        RawConnection probe(port);
        return !probe.connected();  // the listener is closed
    }));
    gate.open();
    auto answered = busy.read_response();
    ASSERT_TRUE(answered);
    EXPECT_EQ(status_of(*answered), 200);
    EXPECT_NE(answered->find("Connection: close"), std::string::npos);
    EXPECT_TRUE(busy.wait_closed());
    stopper.join();
}

}  // namespace
}  // namespace kl::http::test

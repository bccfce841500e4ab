// Through the real server on every backend: an Idempotency-Key reused to pay another payment request
// is 409 naming the key, and that request is not left unpaid behind a replayed answer; routes that
// document no body refuse one instead of acting as if it were not there.
#include <gtest/gtest.h>

#include "projects_world.h"

namespace kl::projects::testing {
namespace {

using nlohmann::json;

class PaymentIdempotencyScope : public ::testing::TestWithParam<std::string> {};

// A second submitted request on the Shache contract, against its own invoice.
std::string second_request(ProjectsWorld& w) {
    auto& p = w.projects();
    const std::string invoice = must(p.contracts.add_invoice(std::nullopt, InvoiceFields{w.shache_contract,
                                                                                       w.org(Role::producer, test::Target::own),
                                                                                       "W-2", 20'000'000, day(4, 2)}),
                                     "invoice")
                                    .id;
    PaymentRequestFields fields;
    fields.contract_id = w.shache_contract;
    fields.invoice_id = invoice;
    fields.progress_id = w.shache_progress;
    fields.amount_fen = 1'000'000;
    fields.requested_on = day(4, 6);
    return must(p.payments.submit(std::nullopt, fields), "request").request.id;
}

std::string payment_status(ProjectsWorld& w, const std::string& id) {
    auto read = w.world().call_as(Role::fund_officer, "GET", "/api/v1/payment-requests/" + id);
    EXPECT_EQ(read.status, 200) << read.body;
    return json::parse(read.body).at("status").get<std::string>();
}

TEST_P(PaymentIdempotencyScope, OneKeyOnAnotherRequestIs409AndThatRequestStaysUnpaid) {
    ProjectsWorld w(GetParam());
    const std::string a = "/api/v1/payment-requests/" + w.shache_request;
    const std::string b = "/api/v1/payment-requests/" + second_request(w);
    ASSERT_EQ(w.world().call_as(Role::fund_officer, "POST", a + "/approve").status, 200);
    ASSERT_EQ(w.world().call_as(Role::fund_officer, "POST", b + "/approve").status, 200);

    auto paid_a = w.world().call_as(Role::fund_officer, "POST", a + "/pay", "{}", {{"Idempotency-Key", "one-key"}});
    ASSERT_EQ(paid_a.status, 200) << paid_a.body;
    auto reused = w.world().call_as(Role::fund_officer, "POST", b + "/pay", "{}", {{"Idempotency-Key", "one-key"}});
    EXPECT_EQ(reused.status, 409) << reused.body;
    EXPECT_EQ(fields_of(reused), std::vector<std::string>{"Idempotency-Key"});
    EXPECT_EQ(w.funds().orders.size(), 1u);
    EXPECT_EQ(payment_status(w, w.shache_request), "paid");
    EXPECT_EQ(payment_status(w, b.substr(b.rfind('/') + 1)), "approved");

    // Its own key pays it. A query parameter the route does not take is refused before the key is
    // looked at (the query is part of the target too: tests/http/idempotency_test.cpp), paying nothing.
    auto paid_b = w.world().call_as(Role::fund_officer, "POST", b + "/pay", "{}", {{"Idempotency-Key", "other-key"}});
    ASSERT_EQ(paid_b.status, 200) << paid_b.body;
    EXPECT_EQ(w.funds().orders.size(), 2u);
    auto with_query = w.world().call_as(Role::fund_officer, "POST", b + "/pay?via=retry", "{}", {{"Idempotency-Key", "other-key"}});
    EXPECT_EQ(with_query.status, 400) << with_query.body;
    EXPECT_EQ(fields_of(with_query), std::vector<std::string>{"via"});
    auto again = w.world().call_as(Role::fund_officer, "POST", b + "/pay", "{ }", {{"Idempotency-Key", "other-key"}});
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.body, paid_b.body);
    EXPECT_EQ(w.funds().orders.size(), 2u);
}

TEST_P(PaymentIdempotencyScope, RoutesWithoutABodyRefuseOneNamingBodyAndChangeNothing) {
    ProjectsWorld w(GetParam());
    const std::string approve = "/api/v1/payment-requests/" + w.shache_request + "/approve";
    for (const std::string body : {"{not json", R"({"approve":false})", "[]", "null"}) {
        auto refused = w.world().call_as(Role::fund_officer, "POST", approve, body);
        EXPECT_EQ(refused.status, 400) << body << ": " << refused.body;
        EXPECT_EQ(fields_of(refused), std::vector<std::string>{"body"}) << body;
    }
    EXPECT_EQ(payment_status(w, w.shache_request), "submitted");

    auto scan = w.world().call_as(Role::admin, "POST", "/api/v1/risk/scan", R"({"dry_run":true})");
    EXPECT_EQ(scan.status, 400) << scan.body;
    EXPECT_EQ(fields_of(scan), std::vector<std::string>{"body"});

    auto report = must(w.projects().projects.report_progress(std::nullopt, w.shache_project, day(3, 20), 70,
                                                             ProgressBasis::physical, ""),
                       "progress");
    auto verify = w.world().call_as(Role::fund_officer, "POST", "/api/v1/progress/" + report.id + "/verify", "x");
    EXPECT_EQ(verify.status, 400) << verify.body;

    // Nothing, whitespace and an empty object all mean "no parameters".
    EXPECT_EQ(w.world().call_as(Role::fund_officer, "POST", "/api/v1/progress/" + report.id + "/verify", " \r\n").status, 200);
    auto approved = w.world().call_as(Role::fund_officer, "POST", approve, " { } ");
    EXPECT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(payment_status(w, w.shache_request), "approved");
}

INSTANTIATE_TEST_SUITE_P(Backends, PaymentIdempotencyScope, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::projects::testing

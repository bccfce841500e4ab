#pragma once
// The ledger, the funds structure and the audit trail over a fresh store (SQLite file or a fresh
// PostgreSQL database), on a ManualClock — for service-level tests of tests/ledger, tests/funds
// and tests/audit. The trail signs checkpoints and seals with test_signing_seed, as a server does
// with its key file.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "audit/audit_trail.h"
#include "funds/funds_service.h"
#include "ledger/ledger_service.h"
#include "ledger/ledger_verify.h"
#include "support/access_stack.h"
#include "support/test_env.h"

namespace kl::ledger::testing {

// A fixed Ed25519 seed (32 bytes as hex), so the tests' key is the same in every run.
inline constexpr std::string_view test_signing_seed = "4b6173686c696e6b2061756469742074657374207369676e696e67206b657921";

inline std::unique_ptr<audit::AuditSigner> test_signer() {
    auto signer = audit::AuditSigner::from_seed_hex(test_signing_seed);
    EXPECT_TRUE(signer);
    return signer ? std::move(*signer) : nullptr;
}

struct LedgerStack {
    explicit LedgerStack(const std::string& backend)
        : store(test::open_test_store(backend, dir)),
          signer(test_signer()),
          audit(store->backend(), clock, signer.get()),
          ledger(*store, clock, audit),
          funds(*store, clock, ledger) {}

    // The whole verification (chain and ledger) in one read transaction.
    VerifyReport verify() {
        auto report = store->read([&](store::Tx& tx) { return verify_all(tx, audit); });
        EXPECT_TRUE(report) << report.error().message;
        return report ? *report : VerifyReport{};
    }

    test::TempDir dir;
    std::unique_ptr<store::Store> store;
    ManualClock clock{test::test_epoch_ms};
    std::unique_ptr<audit::AuditSigner> signer;
    audit::AuditTrail audit;
    LedgerService ledger;
    funds::FundsService funds;
};

// Skips PostgreSQL cases when no server is configured and none is required.
class LedgerBackendTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "postgres" && test::postgres_url().empty() && !test::postgres_required()) {
            GTEST_SKIP() << "KASHLINK_TEST_PG is not set (run scripts/test-postgres.sh start)";
        }
        stack_ = std::make_unique<LedgerStack>(GetParam());
    }
    LedgerStack& s() { return *stack_; }
    std::unique_ptr<LedgerStack> stack_;
};

// A 128-bit id from a small number, for readable tests.
inline std::string id_of(uint64_t n) {
    char text[33];
    std::snprintf(text, sizeof text, "%032llx", static_cast<unsigned long long>(n));
    return text;
}

inline std::string breaks_text(const VerifyReport& report) {
    std::string out;
    for (const auto* list : {&report.chain.breaks, &report.ledger_breaks}) {
        for (const auto& b : *list) out += b.kind + " seq=" + std::to_string(b.seq) + " " + b.record_id + ": " + b.detail + "\n";
    }
    return out;
}

}  // namespace kl::ledger::testing

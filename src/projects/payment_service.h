#pragma once
// Payment requests: a county officer (or the Front Command) asks to pay a contractor against an
// invoice and a verified progress report; a fund officer approves (never their own request: four
// eyes, and a county officer never approves) or rejects; a fund officer pays. Paying calls
// FundsPort::pay_contractor in the same transaction as marking the request paid.
//
//   submit   checks the records fit together (invoice of this contract and payee, verified progress
//            of this project, amount ≤ invoice) and runs the risk rules; the flags come back with it
//   approve  submitted → approved; reject  submitted|approved → rejected (with a reason)
//   pay      approved → paid. Refused (stays approved, refusal_reason set, audited) when Σ paid would
//            exceed the contract's value + modifications (invariant 10) or FundsPort refuses (quota or
//            cash). An open or confirmed high-severity flag stops it unless the call carries an
//            override reason, which is recorded with its actor and audited.
// Each attempt sends a fresh 128-bit payment id (a failed id stays failed in the ledger).

#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "projects/project_context.h"
#include "projects/project_types.h"

namespace kl::projects {

struct SubmitOutcome {
    PaymentRequest request;
    std::vector<RiskFlag> flags;  // raised by this submission
};

struct PayOutcome {
    PaymentRequest request;
    bool paid = false;  // false: refused, request.refusal_reason says why
};

// The payment order id of an attempt: 32 lowercase hex digits (128 bits), the same for the same
// request and attempt so a retried call is idempotent in the ledger.
std::string payment_order_id(const std::string& request_id, int64_t attempt);

class PaymentService {
public:
    explicit PaymentService(ProjectContext& context) : context_(context) {}

    Result<SubmitOutcome> submit(const std::optional<access::Principal>& actor, const PaymentRequestFields& fields);
    Result<PaymentRequest> get(const std::optional<access::Principal>& actor, const std::string& id);
    Result<std::vector<PaymentRequest>> list(const std::optional<access::Principal>& actor, const PaymentFilter& filter,
                                             int limit, const std::optional<std::string>& cursor,
                                             std::optional<std::string>& next_cursor);
    Result<PaymentRequest> approve(const std::optional<access::Principal>& actor, const std::string& id);
    Result<PaymentRequest> reject(const std::optional<access::Principal>& actor, const std::string& id,
                                  const std::string& reason);
    Result<PayOutcome> pay(const std::optional<access::Principal>& actor, const std::string& id,
                           const std::optional<std::string>& override_reason, std::optional<Date> paid_on = std::nullopt);

private:
    ProjectContext& context_;
};

}  // namespace kl::projects

#pragma once
// Contracts (counterparty, value, retention, award, procurement), their modifications, and invoices
// (unique per payee and number). Who may: project_access.h — the project's county officer and the
// Front Command record them; modifications are recorded as approved, so only fund officers (and
// admin) add them; counterparties read their own.

#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "projects/project_context.h"
#include "projects/project_types.h"

namespace kl::projects {

inline constexpr size_t invoice_no_chars_max = 64;
inline constexpr int64_t retention_bp_max = 300;  // quality retention ≤ 3 % (财建〔2022〕183号)
inline constexpr int64_t bid_count_max = 1000;
inline constexpr int64_t tender_days_max = 365;

class ContractService {
public:
    explicit ContractService(ProjectContext& context) : context_(context) {}

    Result<Contract> create(const std::optional<access::Principal>& actor, const ContractFields& fields);
    Result<Contract> get(const std::optional<access::Principal>& actor, const std::string& id);
    Result<std::vector<Contract>> list(const std::optional<access::Principal>& actor, const ContractFilter& filter,
                                       int limit, const std::optional<std::string>& cursor,
                                       std::optional<std::string>& next_cursor);
    Result<Contract> modify(const std::optional<access::Principal>& actor, const std::string& contract_id,
                            ModificationKind kind, int64_t delta_fen, Date approved_on, const std::string& reason);

    Result<Invoice> add_invoice(const std::optional<access::Principal>& actor, const InvoiceFields& fields);
    Result<std::vector<Invoice>> invoices(const std::optional<access::Principal>& actor, const std::string& contract_id);

private:
    ProjectContext& context_;
};

}  // namespace kl::projects

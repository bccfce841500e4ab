#pragma once
// The records of the projects module and their enumerations (names as stored and sent on the wire).
// Money is integer fen; shares of money are basis points (1 bp = 0.01 %); dates are kl::Date.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "core/result.h"

namespace kl::projects {


enum class Sector { industry, agriculture, education, medical, housing, culture, infrastructure, other };
enum class ProjectStatus { planned, approved, started, completed, accepted, closed };
enum class ProgressBasis { cost, physical, duration };
enum class InspectionKind { quality, safety };
enum class ContractCategory { construction, goods, services };
enum class ProcurementMethod { open_tender, invited_tender, competitive_negotiation, inquiry, single_source, direct };
enum class ModificationKind { value, duration, scope };
enum class PaymentStatus { submitted, approved, paid, rejected };
enum class PaymentMethod { bank_transfer, cash };
enum class Severity { low, medium, high };
enum class FlagStatus { open, confirmed, dismissed };

// Names in declaration order, for to_string, parsing and the OpenAPI enums.
template <typename E>
const std::vector<std::string_view>& enum_names();
template <>
const std::vector<std::string_view>& enum_names<Sector>();
template <>
const std::vector<std::string_view>& enum_names<ProjectStatus>();
template <>
const std::vector<std::string_view>& enum_names<ProgressBasis>();
template <>
const std::vector<std::string_view>& enum_names<InspectionKind>();
template <>
const std::vector<std::string_view>& enum_names<ContractCategory>();
template <>
const std::vector<std::string_view>& enum_names<ProcurementMethod>();
template <>
const std::vector<std::string_view>& enum_names<ModificationKind>();
template <>
const std::vector<std::string_view>& enum_names<PaymentStatus>();
template <>
const std::vector<std::string_view>& enum_names<PaymentMethod>();
template <>
const std::vector<std::string_view>& enum_names<Severity>();
template <>
const std::vector<std::string_view>& enum_names<FlagStatus>();

template <typename E>
std::string_view to_string(E value) {
    return enum_names<E>().at(static_cast<size_t>(value));
}

// invalid_argument naming `field` for anything but one of the names.
template <typename E>
Result<E> parse_enum(std::string_view text, const std::string& field) {
    const auto& names = enum_names<E>();
    for (size_t index = 0; index < names.size(); ++index) {
        if (names[index] == text) return static_cast<E>(index);
    }
    std::string allowed;
    for (const auto name : names) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    return fail_field(field, "must be one of " + allowed);
}

// Opening a tender (invited or open) is what the tender thresholds require; bid counts are
// meaningful only for these.
bool is_tender(ProcurementMethod method);

struct ProjectFields {
    std::string code;  // the programme's project number, unique
    std::string name;
    std::string county;
    Sector sector = Sector::other;
    int64_t year = 0;
    int64_t budget_fen = 0;
};

struct Project {
    std::string id;
    ProjectFields fields;
    ProjectStatus status = ProjectStatus::planned;
    int64_t progress_pct = 0;  // the latest verified progress
    std::optional<ProgressBasis> progress_basis;
    std::optional<Date> approved_on, started_on, completed_on, accepted_on, closed_on;
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
};

struct Milestone {
    std::string id, project_id, name;
    Date due_on;
    std::optional<Date> done_on;
};

struct ProgressReport {
    std::string id, project_id;
    Date as_of;
    int64_t pct = 0;
    ProgressBasis basis = ProgressBasis::physical;
    std::string note;
    std::optional<std::string> reported_by, verified_by;
};

struct Inspection {
    std::string id, project_id;
    InspectionKind kind = InspectionKind::quality;
    Date inspected_on;
    std::string inspector, findings;
    bool passed = true;
    std::optional<Date> rectify_by, rectified_on;
};

struct Attachment {
    std::string id, project_id, file_name, sha256;
    int64_t size_bytes = 0;
    std::optional<std::string> added_by;
};

struct ContractFields {
    std::string project_id, counterparty_org_id, title;
    ContractCategory category = ContractCategory::construction;
    int64_t value_fen = 0;
    int64_t retention_bp = 0;
    Date award_date;
    ProcurementMethod procurement_method = ProcurementMethod::open_tender;
    int64_t bid_count = 0;
    std::optional<int64_t> tender_days;  // the bid submission period
};

struct Modification {
    std::string id, contract_id;
    ModificationKind kind = ModificationKind::value;
    int64_t delta_fen = 0;
    Date approved_on;
    std::string reason;
};

struct Contract {
    std::string id;
    ContractFields fields;
    std::string county;              // the project's
    int64_t modifications_fen = 0;   // Σ approved modifications
    int64_t paid_fen = 0;            // Σ paid requests
    std::vector<Modification> modifications;
};

struct InvoiceFields {
    std::string contract_id, payee_org_id, invoice_no;
    int64_t amount_fen = 0;
    Date issued_on;
};

struct Invoice {
    std::string id;
    InvoiceFields fields;
};

struct PaymentRequestFields {
    std::string contract_id, invoice_id, progress_id;
    std::optional<std::string> payee_org_id;  // defaults to the contract's counterparty
    int64_t amount_fen = 0;
    PaymentMethod method = PaymentMethod::bank_transfer;
    Date requested_on;
};

struct PaymentRequest {
    std::string id, project_id, county, contract_id, invoice_id, progress_id, payee_org_id;
    int64_t amount_fen = 0;
    PaymentMethod method = PaymentMethod::bank_transfer;
    Date requested_on;
    PaymentStatus status = PaymentStatus::submitted;
    std::optional<std::string> requested_by, approved_by;
    std::string decision_reason;
    int64_t attempts = 0;
    std::optional<std::string> payment_id, chain_id;
    std::optional<Date> paid_on;
    std::string refusal_reason;
    int64_t created_at_ms = 0;
};

struct RiskFlag {
    std::string id, rule;
    Severity severity = Severity::low;
    std::optional<std::string> county, project_id, contract_id, payment_request_id;
    std::string summary, evidence_json;
    FlagStatus status = FlagStatus::open;
    std::optional<std::string> reviewed_by;
    std::string review_reason;
    int64_t raised_at_ms = 0;
};

}  // namespace kl::projects

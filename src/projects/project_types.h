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
#include "core/enum_names.h"
#include "core/result.h"
#include "store/list_window.h"
#include "store/page.h"

namespace kl::projects {

// Each enumeration's name table (core/enum_names.h) gives to_string, parse_enum and the OpenAPI enums.
enum class Sector { industry, agriculture, education, medical, housing, culture, infrastructure, other };
constexpr auto enum_table(Sector) {
    using enum Sector;
    return enum_table_of<Sector>({{industry, "industry"}, {agriculture, "agriculture"}, {education, "education"},
                                  {medical, "medical"}, {housing, "housing"}, {culture, "culture"},
                                  {infrastructure, "infrastructure"}, {other, "other"}});
}
enum class ProjectStatus { planned, approved, started, completed, accepted, closed };
constexpr auto enum_table(ProjectStatus) {
    using enum ProjectStatus;
    return enum_table_of<ProjectStatus>({{planned, "planned"}, {approved, "approved"}, {started, "started"},
                                         {completed, "completed"}, {accepted, "accepted"}, {closed, "closed"}});
}
enum class ProgressBasis { cost, physical, duration };
constexpr auto enum_table(ProgressBasis) {
    using enum ProgressBasis;
    return enum_table_of<ProgressBasis>({{cost, "cost"}, {physical, "physical"}, {duration, "duration"}});
}
enum class InspectionKind { quality, safety };
constexpr auto enum_table(InspectionKind) {
    return enum_table_of<InspectionKind>({{InspectionKind::quality, "quality"}, {InspectionKind::safety, "safety"}});
}
enum class ContractCategory { construction, goods, services };
constexpr auto enum_table(ContractCategory) {
    using enum ContractCategory;
    return enum_table_of<ContractCategory>({{construction, "construction"}, {goods, "goods"}, {services, "services"}});
}
enum class ProcurementMethod { open_tender, invited_tender, competitive_negotiation, inquiry, single_source, direct };
constexpr auto enum_table(ProcurementMethod) {
    using enum ProcurementMethod;
    return enum_table_of<ProcurementMethod>({{open_tender, "open_tender"}, {invited_tender, "invited_tender"},
                                             {competitive_negotiation, "competitive_negotiation"},
                                             {inquiry, "inquiry"}, {single_source, "single_source"},
                                             {direct, "direct"}});
}
enum class ModificationKind { value, duration, scope };
constexpr auto enum_table(ModificationKind) {
    using enum ModificationKind;
    return enum_table_of<ModificationKind>({{value, "value"}, {duration, "duration"}, {scope, "scope"}});
}
enum class PaymentStatus { submitted, approved, paid, rejected };
constexpr auto enum_table(PaymentStatus) {
    using enum PaymentStatus;
    return enum_table_of<PaymentStatus>({{submitted, "submitted"}, {approved, "approved"}, {paid, "paid"},
                                         {rejected, "rejected"}});
}
enum class PaymentMethod { bank_transfer, cash };
constexpr auto enum_table(PaymentMethod) {
    return enum_table_of<PaymentMethod>({{PaymentMethod::bank_transfer, "bank_transfer"}, {PaymentMethod::cash, "cash"}});
}
enum class Severity { low, medium, high };
constexpr auto enum_table(Severity) {
    using enum Severity;
    return enum_table_of<Severity>({{low, "low"}, {medium, "medium"}, {high, "high"}});
}
enum class FlagStatus { open, confirmed, dismissed };
constexpr auto enum_table(FlagStatus) {
    using enum FlagStatus;
    return enum_table_of<FlagStatus>({{open, "open"}, {confirmed, "confirmed"}, {dismissed, "dismissed"}});
}

using kl::enum_names;
using kl::parse_enum;
using kl::to_string;

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
    std::string counterparty_name, counterparty_name_en;  // the contractor by name ("" in English when it has none)
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
    // The refusal as a code with its parameters (a risk code or a problem code; "" when none).
    std::string refusal_code, refusal_params_json = "{}";
    int64_t created_at_ms = 0;
    // For the people deciding on it (read with the request): its project, contract and payee by name.
    struct Names {
        std::string project_code, project_name, contract_title, payee, payee_en;
        std::string contractor, contractor_en;  // the contract's counterparty
    } names;
};

// One county's projects of one year as the programme reports them (project_reports.h).
struct CountyYearFigures {
    std::string county;
    int64_t year = 0;
    int64_t planned = 0, started = 0, completed = 0;
    // planned (budgets), arrived (quota allocated to the projects' accounts), committed (contracts
    // with their modifications), disbursed (paid requests)
    int64_t budget_fen = 0, arrived_fen = 0, committed_fen = 0, disbursed_fen = 0;
    int64_t execution_bp = 0;  // disbursed / budget in basis points
    int64_t open_flags = 0;
};

struct RiskFlag {
    std::string id, rule;
    Severity severity = Severity::low;
    std::optional<std::string> county, project_id, contract_id, payment_request_id;
    std::string summary, evidence_json;
    // The finding's stable code and its parameters as a JSON object (risk_codes.h), from which a
    // client writes the summary in its reader's language; "" and "{}" on flags raised before codes.
    std::string code, params_json = "{}";
    FlagStatus status = FlagStatus::open;
    std::optional<std::string> reviewed_by;
    std::string review_reason;
    int64_t raised_at_ms = 0;
    // What it is about, by name ("" when the flag is not on a project or contract).
    std::string project_code, project_name, contract_title;
};

// The filters of the project, contract, payment request and risk flag lists (their services list
// with them; project_repo.h turns them into SQL).
struct ProjectFilter {
    std::optional<std::string> county;
    std::optional<int64_t> year;
    std::vector<ProjectStatus> statuses;  // any of these; none: every status
    std::optional<Sector> sector;
    store::ListWindow search;  // q, from, to and sort (each list says what it searches and dates)
};

struct ContractFilter {
    std::optional<std::string> project_id;
    std::optional<std::string> counterparty_org_id;
};

struct PaymentFilter {
    std::optional<PaymentStatus> status;
    std::optional<std::string> project_id;
    std::optional<std::string> contract_id;
    // Leaves out this user's own requests (a fund officer's approval queue: a requester never approves).
    std::optional<std::string> not_requested_by;
    store::ListWindow search;  // q, from, to and sort (each list says what it searches and dates)
};

struct FlagFilter {
    std::optional<FlagStatus> status;
    std::optional<Severity> severity;
    std::optional<std::string> rule;
    std::optional<std::string> project_id;
    std::optional<std::string> payment_request_id;
    store::ListWindow search;  // q, from, to and sort (each list says what it searches and dates)
};

}  // namespace kl::projects

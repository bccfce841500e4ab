#include "http/routes/projects_json.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"

namespace kl::http::projects_json {

namespace {

std::string date_text(kl::Date date) { return kl::format_date(date); }
template <typename E>
std::string name(E value) {
    return std::string(pj::to_string(value));
}

// A refusal as a problem is written: its code, params and the English message; null when none.
json refusal_json(const pj::PaymentRequest& request) {
    if (request.refusal_code.empty()) return nullptr;
    const json params = json::parse(request.refusal_params_json, nullptr, false);
    return {{"code", request.refusal_code}, {"params", params.is_object() ? params : json::object()},
            {"message", request.refusal_reason}};
}

}  // namespace

json project_json(const pj::Project& project) {
    return {{"id", project.id},
            {"code", project.fields.code},
            {"name", project.fields.name},
            {"county", project.fields.county},
            {"sector", name(project.fields.sector)},
            {"year", project.fields.year},
            {"budget_fen", project.fields.budget_fen},
            {"status", name(project.status)},
            {"progress_pct", project.progress_pct},
            {"progress_basis", project.progress_basis ? json(name(*project.progress_basis)) : json(nullptr)},
            {"approved_on", date_or_null(project.approved_on)},
            {"started_on", date_or_null(project.started_on)},
            {"completed_on", date_or_null(project.completed_on)},
            {"accepted_on", date_or_null(project.accepted_on)},
            {"closed_on", date_or_null(project.closed_on)}};
}

json milestone_json(const pj::Milestone& milestone) {
    return {{"id", milestone.id}, {"project_id", milestone.project_id}, {"name", milestone.name},
            {"due_on", date_text(milestone.due_on)}, {"done_on", date_or_null(milestone.done_on)}};
}

json progress_json(const pj::ProgressReport& report) {
    return {{"id", report.id},       {"project_id", report.project_id},      {"as_of", date_text(report.as_of)},
            {"pct", report.pct},     {"basis", name(report.basis)},           {"note", report.note},
            {"verified", report.verified_by.has_value()}, {"verified_by", or_null(report.verified_by)}};
}

json inspection_json(const pj::Inspection& inspection) {
    return {{"id", inspection.id},
            {"project_id", inspection.project_id},
            {"kind", name(inspection.kind)},
            {"inspected_on", date_text(inspection.inspected_on)},
            {"inspector", inspection.inspector},
            {"findings", inspection.findings},
            {"passed", inspection.passed},
            {"rectify_by", date_or_null(inspection.rectify_by)},
            {"rectified_on", date_or_null(inspection.rectified_on)}};
}

json attachment_json(const pj::Attachment& attachment) {
    return {{"id", attachment.id}, {"project_id", attachment.project_id}, {"file_name", attachment.file_name},
            {"sha256", attachment.sha256}, {"size_bytes", attachment.size_bytes}};
}

json project_detail_json(const pj::ProjectDetail& detail) {
    json out = project_json(detail.project);
    out["milestones"] = json::array();
    for (const auto& item : detail.milestones) out["milestones"].push_back(milestone_json(item));
    out["progress"] = json::array();
    for (const auto& item : detail.progress) out["progress"].push_back(progress_json(item));
    out["inspections"] = json::array();
    for (const auto& item : detail.inspections) out["inspections"].push_back(inspection_json(item));
    out["attachments"] = json::array();
    for (const auto& item : detail.attachments) out["attachments"].push_back(attachment_json(item));
    return out;
}

json contract_json(const pj::Contract& contract) {
    json out = {{"id", contract.id},
                {"project_id", contract.fields.project_id},
                {"county", contract.county},
                {"counterparty_org_id", contract.fields.counterparty_org_id},
                {"title", contract.fields.title},
                {"category", name(contract.fields.category)},
                {"value_fen", contract.fields.value_fen},
                {"retention_bp", contract.fields.retention_bp},
                {"award_date", date_text(contract.fields.award_date)},
                {"procurement_method", name(contract.fields.procurement_method)},
                {"bid_count", contract.fields.bid_count},
                {"tender_days", contract.fields.tender_days ? json(*contract.fields.tender_days) : json(nullptr)},
                {"modifications_fen", contract.modifications_fen},
                {"paid_fen", contract.paid_fen},
                {"counterparty_name", contract.counterparty_name},
                {"counterparty_name_en", contract.counterparty_name_en},
                {"modifications", json::array()}};
    for (const auto& modification : contract.modifications) {
        out["modifications"].push_back({{"id", modification.id}, {"kind", name(modification.kind)},
                                        {"delta_fen", modification.delta_fen},
                                        {"approved_on", date_text(modification.approved_on)},
                                        {"reason", modification.reason}});
    }
    return out;
}

json invoice_json(const pj::Invoice& invoice) {
    return {{"id", invoice.id}, {"contract_id", invoice.fields.contract_id}, {"payee_org_id", invoice.fields.payee_org_id},
            {"invoice_no", invoice.fields.invoice_no}, {"amount_fen", invoice.fields.amount_fen},
            {"issued_on", date_text(invoice.fields.issued_on)}};
}

json payment_json(const pj::PaymentRequest& request) {
    return {{"id", request.id},
            {"project_id", request.project_id},
            {"county", request.county},
            {"contract_id", request.contract_id},
            {"invoice_id", request.invoice_id},
            {"progress_id", request.progress_id},
            {"payee_org_id", request.payee_org_id},
            {"amount_fen", request.amount_fen},
            {"method", name(request.method)},
            {"requested_on", date_text(request.requested_on)},
            {"status", name(request.status)},
            {"requested_by", or_null(request.requested_by)},
            {"approved_by", or_null(request.approved_by)},
            {"decision_reason", request.decision_reason},
            {"attempts", request.attempts},
            {"payment_id", or_null(request.payment_id)},
            {"chain_id", or_null(request.chain_id)},
            {"paid_on", date_or_null(request.paid_on)},
            {"refusal_reason", request.refusal_reason},
            {"refusal", refusal_json(request)},
            {"project_code", request.names.project_code},
            {"project_name", request.names.project_name},
            {"contract_title", request.names.contract_title},
            {"payee_name", request.names.payee},
            {"payee_name_en", request.names.payee_en},
            {"contractor_name", request.names.contractor},
            {"contractor_name_en", request.names.contractor_en}};
}

json flag_json(const pj::RiskFlag& flag) {
    json evidence = json::parse(flag.evidence_json, nullptr, false);
    const json params = json::parse(flag.params_json, nullptr, false);
    return {{"id", flag.id},
            {"rule", flag.rule},
            {"severity", name(flag.severity)},
            {"county", or_null(flag.county)},
            {"project_id", or_null(flag.project_id)},
            {"contract_id", or_null(flag.contract_id)},
            {"payment_request_id", or_null(flag.payment_request_id)},
            {"summary", flag.summary},
            {"code", flag.code.empty() ? json(nullptr) : json(flag.code)},
            {"params", params.is_object() ? params : json::object()},
            {"evidence", evidence.is_discarded() ? json(flag.evidence_json) : evidence},
            {"status", name(flag.status)},
            {"reviewed_by", or_null(flag.reviewed_by)},
            {"review_reason", flag.review_reason},
            {"raised_at", format_utc_iso8601(flag.raised_at_ms)},
            {"project_code", flag.project_code},
            {"project_name", flag.project_name},
            {"contract_title", flag.contract_title}};
}

json settings_json(const pj::RiskSettings& settings) {
    json out = json::object();
    for (const auto& [setting, value] : settings.values) out[setting] = value;
    return out;
}

json figures_json(const pj::CountyYearFigures& figures) {
    return {{"county", figures.county},         {"year", figures.year},
            {"planned", figures.planned},       {"started", figures.started},
            {"completed", figures.completed},   {"budget_fen", figures.budget_fen},
            {"arrived_fen", figures.arrived_fen},
            {"committed_fen", figures.committed_fen}, {"disbursed_fen", figures.disbursed_fen},
            {"execution_bp", figures.execution_bp},   {"open_flags", figures.open_flags}};
}

Result<pj::ProjectFields> decode_project(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"code", "name", "county", "sector", "year", "budget_fen"});
    pj::ProjectFields fields;
    fields.code = reader.text("code", 1, pj::project_code_chars_max);
    fields.name = reader.text("name", 1, pj::name_chars_max);
    fields.county = reader.text("county", 1, 64);
    fields.sector = read_enum<pj::Sector>(reader, "sector").value_or(pj::Sector::other);
    fields.year = reader.integer("year", pj::project_year_min, pj::project_year_max);
    fields.budget_fen = reader.integer("budget_fen", 1, pj::budget_fen_max);
    KL_TRY(reader.finish());
    return fields;
}

Result<pj::ContractFields> decode_contract(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"project_id", "counterparty_org_id", "title", "category", "value_fen", "retention_bp", "award_date",
                       "procurement_method", "bid_count", "tender_days"});
    pj::ContractFields fields;
    fields.project_id = reader.text("project_id", 1, 64);
    fields.counterparty_org_id = reader.text("counterparty_org_id", 1, 64);
    fields.title = reader.text("title", 1, pj::name_chars_max);
    fields.category = read_enum<pj::ContractCategory>(reader, "category").value_or(pj::ContractCategory::construction);
    fields.value_fen = reader.integer("value_fen", 1, pj::budget_fen_max);
    fields.retention_bp = reader.integer("retention_bp", 0, pj::retention_bp_max);
    fields.award_date = read_date(reader, "award_date").value_or(kl::Date{});
    fields.procurement_method = read_enum<pj::ProcurementMethod>(reader, "procurement_method").value_or(pj::ProcurementMethod::open_tender);
    fields.bid_count = reader.integer("bid_count", 0, pj::bid_count_max);
    fields.tender_days = reader.opt_integer("tender_days", 0, pj::tender_days_max);
    KL_TRY(reader.finish());
    return fields;
}

Result<pj::InvoiceFields> decode_invoice(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"contract_id", "payee_org_id", "invoice_no", "amount_fen", "issued_on"});
    pj::InvoiceFields fields;
    fields.contract_id = reader.text("contract_id", 1, 64);
    fields.payee_org_id = reader.text("payee_org_id", 1, 64);
    fields.invoice_no = reader.text("invoice_no", 1, pj::invoice_no_chars_max);
    fields.amount_fen = reader.integer("amount_fen", 1, pj::budget_fen_max);
    fields.issued_on = read_date(reader, "issued_on").value_or(kl::Date{});
    KL_TRY(reader.finish());
    return fields;
}

Result<pj::PaymentRequestFields> decode_payment_request(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"contract_id", "invoice_id", "progress_id", "payee_org_id", "amount_fen", "method", "requested_on"});
    pj::PaymentRequestFields fields;
    fields.contract_id = reader.text("contract_id", 1, 64);
    fields.invoice_id = reader.text("invoice_id", 1, 64);
    fields.progress_id = reader.text("progress_id", 1, 64);
    fields.payee_org_id = reader.opt_text("payee_org_id", 64);
    fields.amount_fen = reader.integer("amount_fen", 1, pj::budget_fen_max);
    if (body.contains("method")) fields.method = read_enum<pj::PaymentMethod>(reader, "method").value_or(pj::PaymentMethod::bank_transfer);
    fields.requested_on = read_date(reader, "requested_on").value_or(kl::Date{});
    KL_TRY(reader.finish());
    return fields;
}

Result<pj::InspectionInput> decode_inspection(const json& body) {
    FieldReader reader(body);
    reader.allow_only({"kind", "inspected_on", "inspector", "findings", "passed", "rectify_by"});
    pj::InspectionInput input;
    input.kind = read_enum<pj::InspectionKind>(reader, "kind").value_or(pj::InspectionKind::quality);
    input.inspected_on = read_date(reader, "inspected_on").value_or(kl::Date{});
    input.inspector = reader.text("inspector", 1, pj::name_chars_max);
    input.findings = reader.text("findings", 1, pj::note_chars_max, TextKind::prose);
    input.passed = reader.boolean("passed");
    input.rectify_by = read_date(reader, "rectify_by", false);
    KL_TRY(reader.finish());
    return input;
}

Result<std::map<std::string, int64_t>> decode_settings(const json& body) {
    FieldReader reader(body);
    std::map<std::string, int64_t> values;
    for (const auto& [setting, max] : pj::risk_setting_names()) {
        if (auto value = reader.opt_integer(setting, 0, max)) values[setting] = *value;
    }
    std::vector<std::string> names;
    for (const auto& [setting, max] : pj::risk_setting_names()) names.push_back(setting);
    reader.allow_only(names);
    KL_TRY(reader.finish());
    return values;
}

}  // namespace kl::http::projects_json

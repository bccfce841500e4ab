#include "http/routes/projects_routes.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "access/page_cursor.h"
#include "http/json_body.h"
#include "http/routes/projects_json.h"
#include "http/query.h"
#include "http/routes/route_kit.h"
#include "http/routes/route_support.h"
#include "projects/risk_codes.h"

namespace kl::http {

namespace {

using nlohmann::json;
using namespace projects_json;
namespace pj = kl::projects;

void add_schemas(Router& router) {
    const json project = object_schema({{"id", string_schema()}, {"code", string_schema()}, {"name", string_schema()},
                                        {"county", string_schema()}, {"sector", enum_of<pj::Sector>()},
                                        {"year", integer_schema()}, {"budget_fen", integer_schema()},
                                        {"status", enum_of<pj::ProjectStatus>()}, {"progress_pct", integer_schema()}});
    router.add_schema("Project", project.dump());
    router.add_schema("ProjectPage", page_of("Project").dump());
    router.add_schema("ProjectInput", object_schema({{"code", string_schema()}, {"name", string_schema()},
                                                     {"county", string_schema()}, {"sector", enum_of<pj::Sector>()},
                                                     {"year", integer_schema()}, {"budget_fen", integer_schema()}}).dump());
    router.add_schema("ProjectDetail", object_schema({{"milestones", {{"type", "array"}}}, {"progress", {{"type", "array"}}},
                                                      {"inspections", {{"type", "array"}}},
                                                      {"attachments", {{"type", "array"}}}}).dump());
    router.add_schema("Transition", object_schema({{"to", enum_of<pj::ProjectStatus>()}, {"on", date_schema()}}).dump());
    router.add_schema("Milestone", object_schema({{"id", string_schema()}, {"name", string_schema()},
                                                  {"due_on", date_schema()}, {"done_on", date_schema()}}).dump());
    router.add_schema("MilestoneInput", object_schema({{"name", string_schema()}, {"due_on", date_schema()}}).dump());
    router.add_schema("MilestoneDone", object_schema({{"done_on", date_schema()}}).dump());
    router.add_schema("Progress", object_schema({{"id", string_schema()}, {"as_of", date_schema()}, {"pct", integer_schema()},
                                                 {"basis", enum_of<pj::ProgressBasis>()}, {"note", string_schema()}}).dump());
    router.add_schema("ProgressInput", object_schema({{"as_of", date_schema()}, {"pct", integer_schema()},
                                                      {"basis", enum_of<pj::ProgressBasis>()},
                                                      {"note", string_schema()}}).dump());
    router.add_schema("Inspection", object_schema({{"kind", enum_of<pj::InspectionKind>()}, {"inspected_on", date_schema()},
                                                   {"inspector", string_schema()}, {"findings", string_schema()},
                                                   {"passed", {{"type", "boolean"}}}, {"rectify_by", date_schema()}}).dump());
    router.add_schema("Rectification", object_schema({{"rectified_on", date_schema()}}).dump());
    router.add_schema("Attachment", object_schema({{"file_name", string_schema()}, {"sha256", string_schema()},
                                                   {"size_bytes", integer_schema()}}).dump());
    router.add_schema("Contract", object_schema({{"project_id", string_schema()}, {"counterparty_org_id", string_schema()},
                                                 {"title", string_schema()}, {"category", enum_of<pj::ContractCategory>()},
                                                 {"value_fen", integer_schema()}, {"retention_bp", integer_schema()},
                                                 {"award_date", date_schema()},
                                                 {"procurement_method", enum_of<pj::ProcurementMethod>()},
                                                 {"bid_count", integer_schema()}, {"tender_days", integer_schema()}}).dump());
    // A contract as the API answers it: its fields, what was paid, and the contractor by name.
    router.add_schema("ContractRecord", object_schema({{"id", string_schema()}, {"project_id", string_schema()},
                                                       {"county", string_schema()}, {"counterparty_org_id", string_schema()},
                                                       {"counterparty_name", string_schema()},
                                                       {"counterparty_name_en", string_schema()}, {"title", string_schema()},
                                                       {"value_fen", integer_schema()}, {"modifications_fen", integer_schema()},
                                                       {"paid_fen", integer_schema()}}).dump());
    router.add_schema("ContractPage", page_of("ContractRecord").dump());
    router.add_schema("Modification", object_schema({{"kind", enum_of<pj::ModificationKind>()},
                                                     {"delta_fen", integer_schema()}, {"approved_on", date_schema()},
                                                     {"reason", string_schema()}}).dump());
    router.add_schema("Invoice", object_schema({{"contract_id", string_schema()}, {"payee_org_id", string_schema()},
                                                {"invoice_no", string_schema()}, {"amount_fen", integer_schema()},
                                                {"issued_on", date_schema()}}).dump());
    router.add_schema("InvoiceList", object_schema({{"items", array_of(ref_schema("Invoice"))}}).dump());
    router.add_schema("PaymentRequest", object_schema({{"contract_id", string_schema()}, {"invoice_id", string_schema()},
                                                       {"progress_id", string_schema()}, {"payee_org_id", string_schema()},
                                                       {"amount_fen", integer_schema()}, {"method", enum_of<pj::PaymentMethod>()},
                                                       {"requested_on", date_schema()},
                                                       {"status", enum_of<pj::PaymentStatus>()},
                                                       {"refusal_reason", string_schema()},
                                                       // The refusal as code + params + English message
                                                       // (a RiskCode or a ProblemCode), or null.
                                                       {"refusal", nullable(object_schema({{"code", string_schema()},
                                                                                           {"params", {{"type", "object"}}},
                                                                                           {"message", string_schema()}}))},
                                                       // Names to decide by: its project, contract and payee.
                                                       {"project_code", string_schema()}, {"project_name", string_schema()},
                                                       {"contract_title", string_schema()}, {"payee_name", string_schema()},
                                                       {"payee_name_en", string_schema()},
                                                       {"contractor_name", string_schema()},
                                                       {"contractor_name_en", string_schema()}}).dump());
    // What POST /payment-requests reads (status and refusal_reason are the server's, not the caller's).
    router.add_schema("PaymentRequestInput", object_schema({{"contract_id", string_schema()}, {"invoice_id", string_schema()},
                                                            {"progress_id", string_schema()}, {"payee_org_id", string_schema()},
                                                            {"amount_fen", integer_schema()},
                                                            {"method", enum_of<pj::PaymentMethod>()},
                                                            {"requested_on", date_schema()}}).dump());
    router.add_schema("PaymentRequestPage", page_of("PaymentRequest").dump());
    router.add_schema("SubmittedPayment", object_schema({{"request", ref_schema("PaymentRequest")},
                                                         {"flags", array_of(ref_schema("RiskFlag"))}}).dump());
    router.add_schema("Decision", object_schema({{"reason", string_schema()}}).dump());
    router.add_schema("Payment", object_schema({{"override_reason", string_schema()}, {"paid_on", date_schema()}}).dump());
    router.add_schema("RiskFlag", object_schema({{"id", string_schema()}, {"rule", string_schema()},
                                                 {"severity", enum_of<pj::Severity>()},
                                                 {"summary", {{"type", "string"}, {"description", "the finding in English, for logs"}}},
                                                 {"code", nullable(ref_schema("RiskCode"))},
                                                 {"params", {{"type", "object"}, {"description", "the code's parameters (x-risk-codes)"}}},
                                                 {"evidence", {{"type", "object"}}}, {"status", enum_of<pj::FlagStatus>()},
                                                 {"raised_at", date_time_schema()}, {"project_code", string_schema()},
                                                 {"project_name", string_schema()}, {"contract_title", string_schema()}}).dump());
    router.add_schema("RiskFlagPage", page_of("RiskFlag").dump());
    json codes = json::array();
    for (const auto& info : pj::risk_codes()) {
        codes.push_back({{"code", info.name}, {"rule", info.rule}, {"params", info.params}, {"meaning", info.meaning}});
    }
    json risk_code = enum_of(pj::risk_code_names());
    risk_code["description"] = "A risk finding's stable code (null on flags raised before codes); x-risk-codes lists each "
                               "with its rule, params and meaning.";
    risk_code["x-risk-codes"] = codes;
    router.add_schema("RiskCode", risk_code.dump());
    router.add_schema("Review", object_schema({{"decision", {{"type", "string"}, {"enum", {"confirmed", "dismissed"}}}},
                                               {"reason", string_schema()}}).dump());
    router.add_schema("ScanSummary", object_schema({{"contracts", integer_schema()}, {"requests", integer_schema()},
                                                    {"new_flags", integer_schema()}}).dump());
    json settings = {{"type", "object"}, {"properties", json::object()}};
    for (const auto& [name, max] : pj::risk_setting_names()) {
        settings["properties"][name] = {{"type", "integer"}, {"minimum", 0}, {"maximum", max}};
    }
    router.add_schema("RiskSettings", settings.dump());
    router.add_schema("ProjectFigures", object_schema({{"items", {{"type", "array"}}}}).dump());
}

// ---- handlers --------------------------------------------------------------------------------------

// A list route's own filters, then the window's (q, from, to, sort), `searched` saying what q finds.
QueryDocs with_window(QueryDocs params, const std::string& searched) {
    for (auto& param : list_window_params(searched)) params.push_back(std::move(param));
    return with_page(std::move(params));
}

// `status=a,b`: any of these statuses (at most every status once).
Result<std::vector<pj::ProjectStatus>> parse_statuses(std::string_view text, const std::string& field) {
    std::vector<pj::ProjectStatus> out;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = std::min(text.find(',', start), text.size());
        KL_TRY_ASSIGN(pj::ProjectStatus status, EnumText<pj::ProjectStatus>::parse(text.substr(start, comma - start), field));
        if (std::find(out.begin(), out.end(), status) == out.end()) out.push_back(status);
        start = comma + 1;
    }
    return out;
}

// `others=true`: only requests someone else made; `false` or absent: every request.
Result<bool> parse_flag(std::string_view text, const std::string& field) {
    if (text == "true") return true;
    if (text == "false") return false;
    return fail_field(field, ProblemCode::not_one_of, "must be true or false", {{"allowed", "true,false"}});
}

Response list_projects(pj::ProjectService& service, Request& request) {
    QueryReader query(request);
    pj::ProjectFilter filter;
    filter.county = query.text("county");
    filter.year = query.integer("year", pj::project_year_min, pj::project_year_max);
    filter.statuses = query.parsed("status", parse_statuses).value_or(std::vector<pj::ProjectStatus>{});
    filter.sector = query_enum<pj::Sector>(query, "sector");
    filter.search = read_list_window(query);
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto page = service.list(actor_of(request), filter, limit, cursor);
    if (!page) return error_response(page.error());
    return json_response(200, page_json(page->projects, page->next_cursor, project_json));
}

Response projects_transition(pj::ProjectService& service, Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"to", "on"});
    const auto to = read_enum<pj::ProjectStatus>(reader, "to").value_or(pj::ProjectStatus::planned);
    const auto on = read_date(reader, "on", false);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.transition(actor_of(request), request.param("id"), to, on), 200, project_json);
}

Response add_milestone(pj::ProjectService& service, Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"name", "due_on"});
    const std::string name = reader.text("name", 1, pj::name_chars_max);
    const auto due_on = read_date(reader, "due_on").value_or(kl::Date{});
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.add_milestone(actor_of(request), request.param("id"), name, due_on), 201, milestone_json);
}

// A body with one date field, for the "done", "rectify" style actions.
Result<kl::Date> one_date(const Request& request, const std::string& field) {
    KL_TRY_ASSIGN(json body, parse_json_object(request.body));
    FieldReader reader(body);
    reader.allow_only({field});
    const auto date = read_date(reader, field).value_or(kl::Date{});
    KL_TRY(reader.finish());
    return date;
}

Response report_progress(pj::ProjectService& service, Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"as_of", "pct", "basis", "note"});
    const auto as_of = read_date(reader, "as_of").value_or(kl::Date{});
    const int64_t pct = reader.integer("pct", 0, 100);
    const auto basis = read_enum<pj::ProgressBasis>(reader, "basis").value_or(pj::ProgressBasis::physical);
    const std::string note = reader.opt_text("note", pj::note_chars_max, TextKind::prose).value_or("");
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.report_progress(actor_of(request), request.param("id"), as_of, pct, basis, note), 201, progress_json);
}

Response add_attachment(pj::ProjectService& service, Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"file_name", "sha256", "size_bytes"});
    const std::string file_name = reader.text("file_name", 1, pj::file_name_chars_max);
    const std::string sha256 = reader.text("sha256", 64, 64);
    const int64_t size = reader.integer("size_bytes", 1, pj::attachment_bytes_max);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.add_attachment(actor_of(request), request.param("id"), file_name, sha256, size), 201,
                 attachment_json);
}

Response list_contracts(pj::ContractService& service, Request& request) {
    QueryReader query(request);
    pj::ContractFilter filter;
    filter.project_id = query.text("project");
    filter.counterparty_org_id = query.text("counterparty");
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    std::optional<std::string> next;
    auto contracts = service.list(actor_of(request), filter, limit, cursor, next);
    return page_reply(contracts, next, contract_json);
}

Response modify_contract(pj::ContractService& service, Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"kind", "delta_fen", "approved_on", "reason"});
    const auto kind = read_enum<pj::ModificationKind>(reader, "kind").value_or(pj::ModificationKind::value);
    const int64_t delta = reader.opt_integer("delta_fen", -pj::budget_fen_max, pj::budget_fen_max).value_or(0);
    const auto approved_on = read_date(reader, "approved_on").value_or(kl::Date{});
    const std::string reason = reader.text("reason", 1, pj::note_chars_max, TextKind::prose);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.modify(actor_of(request), request.param("id"), kind, delta, approved_on, reason), 201, contract_json);
}

Response list_invoices(pj::ContractService& service, Request& request) {
    return list_reply(service.invoices(actor_of(request), request.param("id")), invoice_json);
}

Response submit_payment(pj::PaymentService& service, Request& request) {
    auto fields = decode_body(request, decode_payment_request);
    if (!fields) return error_response(fields.error());
    auto outcome = service.submit(actor_of(request), *fields);
    if (!outcome) return error_response(outcome.error());
    json out = {{"request", payment_json(outcome->request)}, {"flags", json::array()}};
    for (const auto& flag : outcome->flags) out["flags"].push_back(flag_json(flag));
    return json_response(201, out).with_header("Location", "/api/v1/payment-requests/" + outcome->request.id);
}

Response list_payments(pj::PaymentService& service, Request& request) {
    QueryReader query(request);
    pj::PaymentFilter filter;
    filter.status = query_enum<pj::PaymentStatus>(query, "status");
    filter.project_id = query.text("project");
    filter.contract_id = query.text("contract");
    if (query.parsed("others", parse_flag).value_or(false)) filter.not_requested_by = actor_of(request)->user_id;
    filter.search = read_list_window(query);
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    std::optional<std::string> next;
    auto requests = service.list(actor_of(request), filter, limit, cursor, next);
    return page_reply(requests, next, payment_json);
}

Response reject_payment(pj::PaymentService& service, Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"reason"});
    const std::string reason = reader.text("reason", 1, pj::note_chars_max, TextKind::prose);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.reject(actor_of(request), request.param("id"), reason), 200, payment_json);
}

Response pay(pj::PaymentService& service, Request& request) {
    json body = json::object();
    if (!request.body.empty()) {
        auto parsed = parse_json_object(request.body);
        if (!parsed) return error_response(parsed.error());
        body = std::move(*parsed);
    }
    FieldReader reader(body);
    reader.allow_only({"override_reason", "paid_on"});
    const auto override_reason = reader.opt_text("override_reason", pj::note_chars_max, TextKind::prose);
    const auto paid_on = read_date(reader, "paid_on", false);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    auto outcome = service.pay(actor_of(request), request.param("id"), override_reason, paid_on);
    if (!outcome) return error_response(outcome.error());
    if (!outcome->paid) {
        // Refused and recorded: the answer says why, and the request stays approved.
        Response response = error_response(Error{ErrorCode::failed_precondition, outcome->request.refusal_reason, {}});
        return response;
    }
    return json_response(200, payment_json(outcome->request));
}

Response list_flags(pj::RiskService& service, Request& request) {
    QueryReader query(request);
    pj::FlagFilter filter;
    filter.status = query_enum<pj::FlagStatus>(query, "status");
    filter.severity = query_enum<pj::Severity>(query, "severity");
    filter.rule = query.text("rule");
    filter.project_id = query.text("project");
    filter.payment_request_id = query.text("payment_request");
    filter.search = read_list_window(query);
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    std::optional<std::string> next;
    auto flags = service.list(actor_of(request), filter, limit, cursor, next);
    return page_reply(flags, next, flag_json);
}

Response review_flag(pj::RiskService& service, Request& request) {
    auto body = parse_json_object(request.body);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"decision", "reason"});
    const auto decision = read_enum<pj::FlagStatus>(reader, "decision").value_or(pj::FlagStatus::open);
    const std::string reason = reader.text("reason", 1, pj::review_reason_chars_max, TextKind::prose);
    if (reader.ok() && decision == pj::FlagStatus::open) reader.add_error("decision", ProblemCode::not_one_of, "must be confirmed or dismissed");
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.review(actor_of(request), request.param("id"), decision, reason), 200, flag_json);
}

Response projects_report(pj::ProjectReports& reports, const ExportNames& names, Request& request) {
    QueryReader query(request);
    const auto year = query.integer("year", pj::project_year_min, pj::project_year_max);
    const auto format = read_file_format(query);
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto figures = reports.by_county(actor_of(request), year);
    if (!figures) return error_response(figures.error());
    if (format) return file_response(pj::figures_table(*figures), *format, "projects-report", names);
    return json_response(200, items_json(*figures, figures_json));
}

void add_project_record_routes(Router& router, pj::ProjectService& service) {
    router.add(documented_route(Method::get, "/api/v1/projects", "projects", "List projects (a county officer: its county's)", "", ref("ProjectPage"), 200,
        [&service](Request& request) { return list_projects(service, request); },
        with_window({{"county", "county code"}, {"year", "programme year"},
                     {"status", "life-cycle status, or several separated by commas (any of them)"}, {"sector", "sector"}},
                    "the project's code, name or id; from/to: the day it was recorded (Beijing time)")));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/projects", "projects", "Create a planned project (fund officer; county officer for its county)", ref("ProjectInput"), ref("Project"), 201,
        [&service](Request& request) {
            auto fields = decode_body(request, decode_project);
            if (!fields) return error_response(fields.error());
            auto made = service.create(actor_of(request), *fields);
            if (!made) return error_response(made.error());
            return json_response(201, project_json(*made)).with_header("Location", "/api/v1/projects/" + made->id);
        })));
    router.add(documented_route(Method::get, "/api/v1/projects/{id}", "projects", "A project with milestones, progress, inspections and attachments", "", ref("ProjectDetail"), 200,
        [&service](Request& request) { return reply(service.get(actor_of(request), request.param("id")), 200, project_detail_json); }));
    router.add(documented_route(Method::put, "/api/v1/projects/{id}", "projects", "Change a planned project's fields", ref("ProjectInput"), ref("Project"), 200,
        [&service](Request& request) {
            auto fields = decode_body(request, decode_project);
            if (!fields) return error_response(fields.error());
            return reply(service.update(actor_of(request), request.param("id"), *fields), 200, project_json);
        }));
    router.add(documented_route(Method::post, "/api/v1/projects/{id}/transitions", "projects", "Move a project along its life cycle (409 when illegal)", ref("Transition"), ref("Project"), 200,
        [&service](Request& request) { return projects_transition(service, request); }));
    router.add(documented_route(Method::post, "/api/v1/projects/{id}/milestones", "projects", "Add a milestone", ref("MilestoneInput"), ref("Milestone"), 201,
        [&service](Request& request) { return add_milestone(service, request); }));
    router.add(documented_route(Method::post, "/api/v1/milestones/{id}/done", "projects", "Mark a milestone done", ref("MilestoneDone"), ref("Milestone"), 200,
        [&service](Request& request) {
            auto date = one_date(request, "done_on");
            if (!date) return error_response(date.error());
            return reply(service.complete_milestone(actor_of(request), request.param("id"), *date), 200, milestone_json);
        }));
    router.add(documented_route(Method::post, "/api/v1/projects/{id}/progress", "projects", "Report progress with its basis", ref("ProgressInput"), ref("Progress"), 201,
        [&service](Request& request) { return report_progress(service, request); }));
    router.add(documented_route(Method::post, "/api/v1/progress/{id}/verify", "projects", "Verify a progress report (fund officer)", "", ref("Progress"), 200,
        [&service](Request& request) {
            return reply(service.verify_progress(actor_of(request), request.param("id")), 200, progress_json);
        }));
    router.add(documented_route(Method::post, "/api/v1/projects/{id}/inspections", "projects", "Record a quality or safety inspection", ref("Inspection"), ref("Inspection"), 201,
        [&service](Request& request) {
            auto input = decode_body(request, decode_inspection);
            if (!input) return error_response(input.error());
            return reply(service.add_inspection(actor_of(request), request.param("id"), *input), 201, inspection_json);
        }));
    router.add(documented_route(Method::post, "/api/v1/inspections/{id}/rectify", "projects", "Record the rectification of failed findings", ref("Rectification"), ref("Inspection"), 200,
        [&service](Request& request) {
            auto date = one_date(request, "rectified_on");
            if (!date) return error_response(date.error());
            return reply(service.rectify(actor_of(request), request.param("id"), *date), 200, inspection_json);
        }));
    router.add(documented_route(Method::post, "/api/v1/projects/{id}/attachments", "projects", "Attach a file by reference (name, SHA-256, size)", ref("Attachment"), ref("Attachment"), 201,
        [&service](Request& request) { return add_attachment(service, request); }));
}

void add_money_routes(Router& router, pj::Projects& projects) {
    auto& contracts = projects.contracts;
    auto& payments = projects.payments;
    router.add(documented_route(Method::get, "/api/v1/contracts", "projects", "List contracts (counterparties: their own)", "", ref("ContractPage"), 200,
        [&contracts](Request& request) { return list_contracts(contracts, request); },
        with_page({{"project", "project id"}, {"counterparty", "organisation id"}})));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/contracts", "projects", "Record a contract", ref("Contract"), ref("ContractRecord"), 201,
        [&contracts](Request& request) {
            auto fields = decode_body(request, decode_contract);
            if (!fields) return error_response(fields.error());
            return reply(contracts.create(actor_of(request), *fields), 201, contract_json);
        })));
    router.add(documented_route(Method::get, "/api/v1/contracts/{id}", "projects", "A contract with its modifications and what was paid", "", ref("ContractRecord"), 200,
        [&contracts](Request& request) { return reply(contracts.get(actor_of(request), request.param("id")), 200, contract_json); }));
    router.add(documented_route(Method::post, "/api/v1/contracts/{id}/modifications", "projects", "Record an approved modification (fund officer)", ref("Modification"), ref("ContractRecord"), 201,
        [&contracts](Request& request) { return modify_contract(contracts, request); }));
    router.add(documented_route(Method::get, "/api/v1/contracts/{id}/invoices", "projects", "A contract's invoices", "", ref("InvoiceList"), 200,
        [&contracts](Request& request) { return list_invoices(contracts, request); }));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/invoices", "projects", "Record an invoice (unique per payee and number)", ref("Invoice"), ref("Invoice"), 201,
        [&contracts](Request& request) {
            auto fields = decode_body(request, projects_json::decode_invoice);
            if (!fields) return error_response(fields.error());
            return reply(contracts.add_invoice(actor_of(request), *fields), 201, invoice_json);
        })));
    router.add(documented_route(Method::get, "/api/v1/payment-requests", "projects", "Payment requests (the approval queue: status=submitted)", "", ref("PaymentRequestPage"), 200,
        [&payments](Request& request) { return list_payments(payments, request); },
        with_window({{"status", "submitted, approved, paid or rejected"}, {"project", "project id"},
                     {"contract", "contract id"},
                     {"others", "true: only requests made by someone other than the caller (the approval queue)"}},
                    "the request's id, its project's code or name, its contract's title or its payee's name; "
                    "from/to: the date requested")));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/payment-requests", "projects", "Request a payment against an invoice and verified progress", ref("PaymentRequestInput"), ref("SubmittedPayment"), 201,
        [&payments](Request& request) { return submit_payment(payments, request); })));
    router.add(documented_route(Method::get, "/api/v1/payment-requests/{id}", "projects", "A payment request", "", ref("PaymentRequest"), 200,
        [&payments](Request& request) { return reply(payments.get(actor_of(request), request.param("id")), 200, payment_json); }));
    router.add(documented_route(Method::post, "/api/v1/payment-requests/{id}/approve", "projects", "Approve (fund officer; not one's own request)", "", ref("PaymentRequest"), 200,
        [&payments](Request& request) { return reply(payments.approve(actor_of(request), request.param("id")), 200, payment_json); }));
    router.add(documented_route(Method::post, "/api/v1/payment-requests/{id}/reject", "projects", "Reject with a reason (fund officer)", ref("Decision"), ref("PaymentRequest"), 200,
        [&payments](Request& request) { return reject_payment(payments, request); }));
    router.add(with_idempotency_key(documented_route(Method::post, "/api/v1/payment-requests/{id}/pay", "projects", "Pay through the zero-balance chain (fund officer); 422 with the reason when refused", ref("Payment"), ref("PaymentRequest"), 200,
        [&payments](Request& request) { return pay(payments, request); })));
}

void add_risk_routes(Router& router, pj::Projects& projects, const ExportNames& names) {
    auto& risk = projects.risk;
    router.add(documented_route(Method::get, "/api/v1/risk/flags", "projects", "Risk flags (a county officer: its county's)", "", ref("RiskFlagPage"), 200,
        [&risk](Request& request) { return list_flags(risk, request); },
        with_window({{"status", "open, confirmed or dismissed"}, {"severity", "low, medium or high"}, {"rule", "R1…R15"},
                     {"project", "project id"}, {"payment_request", "payment request id"}},
                    "the flag's id or rule, its project's code or name or its contract's title; "
                    "from/to: the day it was raised (Beijing time)")));
    router.add(documented_route(Method::get, "/api/v1/risk/flags/{id}", "projects", "A risk flag with its evidence", "", ref("RiskFlag"), 200,
        [&risk](Request& request) { return reply(risk.get(actor_of(request), request.param("id")), 200, flag_json); }));
    router.add(documented_route(Method::post, "/api/v1/risk/flags/{id}/review", "projects", "Confirm or dismiss a flag with a reason (fund officer, auditor)", ref("Review"), ref("RiskFlag"), 200,
        [&risk](Request& request) { return review_flag(risk, request); }));
    router.add(documented_route(Method::post, "/api/v1/risk/scan", "projects", "Run every risk rule over the programme now (admin; nightly otherwise)", "", ref("ScanSummary"), 200,
        [&risk](Request& request) {
            auto summary = risk.scan(actor_of(request));
            if (!summary) return error_response(summary.error());
            return json_response(200, {{"contracts", summary->contracts}, {"requests", summary->requests},
                                       {"new_flags", summary->new_flags}});
        }));
    router.add(documented_route(Method::get, "/api/v1/risk/settings", "projects", "The risk rules' thresholds", "", ref("RiskSettings"), 200,
        [&risk](Request& request) { return reply(risk.settings(actor_of(request)), 200, settings_json); }));
    router.add(documented_route(Method::put, "/api/v1/risk/settings", "projects", "Change thresholds (admin)", ref("RiskSettings"), ref("RiskSettings"), 200,
        [&risk](Request& request) {
            auto values = decode_body(request, decode_settings);
            if (!values) return error_response(values.error());
            return reply(risk.update_settings(actor_of(request), *values), 200, settings_json);
        }));
    auto& reports = projects.reports;
    router.add(documented_route(Method::get, "/api/v1/reports/projects", "projects", "Projects planned/started/completed and funds planned/committed/disbursed by county and year", "", ref("ProjectFigures"), 200,
        [&reports, names](Request& request) { return projects_report(reports, names, request); },
        {{"year", "programme year"}, {"format", "json (default), csv or xlsx"}}));
}

}  // namespace

void add_projects_routes(Router& router, projects::Projects& projects, const ExportNames& names) {
    add_schemas(router);
    add_project_record_routes(router, projects.projects);
    add_money_routes(router, projects);
    add_risk_routes(router, projects, names);
}

}  // namespace kl::http

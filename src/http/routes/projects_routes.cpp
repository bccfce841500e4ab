#include "http/routes/projects_routes.h"

#include <nlohmann/json.hpp>

#include "access/page_cursor.h"
#include "http/json_body.h"
#include "http/routes/projects_json.h"
#include "http/routes/projects_query.h"

namespace kl::http {

namespace {

using nlohmann::json;
using namespace projects_json;
namespace pj = kl::projects;

const std::optional<access::Principal>& projects_actor_of(const Request& request) {
    KL_ASSERT(request.principal.has_value());  // authenticated routes only
    return request.principal;
}

template <typename T>
Response reply(const Result<T>& result, int status, json (*encode)(const T&)) {
    if (!result) return error_response(result.error());
    return json_response(status, encode(*result));
}

template <typename T, typename Encode>
Response page_reply(const Result<std::vector<T>>& result, const std::optional<std::string>& next, Encode encode) {
    if (!result) return error_response(result.error());
    json out = {{"items", json::array()}, {"next_cursor", next ? json(*next) : json(nullptr)}};
    for (const auto& item : *result) out["items"].push_back(encode(item));
    return json_response(200, out);
}

template <typename Decode>
auto decode(const Request& request, Decode decoder) -> decltype(decoder(std::declval<const json&>())) {
    auto body = parse_json_object(request.body);
    if (!body) return fail(std::move(body).error());
    return decoder(*body);
}

Result<json> body_of(const Request& request) { return parse_json_object(request.body); }

// ---- registration helpers ------------------------------------------------------------------------

std::string projects_ref(const std::string& name) { return json({{"$ref", "#/components/schemas/" + name}}).dump(); }

using ProjectsQueryDocs = std::vector<std::pair<std::string, std::string>>;
const ProjectsQueryDocs paging = {{"limit", "page size, 1 to 200 (default 50)"}, {"cursor", "next_cursor of the previous page"}};
ProjectsQueryDocs with_paging(ProjectsQueryDocs docs) {
    docs.insert(docs.end(), paging.begin(), paging.end());
    return docs;
}

struct Adder {
    Router& router;
    std::string tag;
    void operator()(Method method, std::string pattern, std::string summary, std::string request_schema,
                    std::string response_schema, int status, Handler handler, ProjectsQueryDocs query = {},
                    bool idempotent = false) const {
        Route route;
        route.method = method;
        route.pattern = std::move(pattern);
        route.access = Access::authenticated;
        route.doc.summary = std::move(summary);
        route.doc.tag = tag;
        route.doc.request_schema = std::move(request_schema);
        route.doc.response_schema = std::move(response_schema);
        route.doc.success_status = status;
        route.doc.query_params = std::move(query);
        route.doc.idempotency_key = idempotent;
        route.handler = std::move(handler);
        router.add(std::move(route));
    }
};

json projects_object_schema(std::initializer_list<std::pair<const char*, json>> properties) {
    json out = {{"type", "object"}, {"properties", json::object()}};
    for (const auto& [name, schema] : properties) out["properties"][name] = schema;
    return out;
}
json string_schema() { return {{"type", "string"}}; }
json integer_schema() { return {{"type", "integer"}, {"format", "int64"}}; }
json date_schema() { return {{"type", "string"}, {"format", "date"}}; }
template <typename E>
json projects_enum_schema() {
    json names = json::array();
    for (const auto name : pj::enum_names<E>()) names.push_back(std::string(name));
    return {{"type", "string"}, {"enum", names}};
}
json projects_page_of(const std::string& item) {
    return projects_object_schema({{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/" + item}}}}},
                          {"next_cursor", {{"type", "string"}, {"nullable", true}}}});
}

void add_schemas(Router& router) {
    const json project = projects_object_schema({{"id", string_schema()}, {"code", string_schema()}, {"name", string_schema()},
                                        {"county", string_schema()}, {"sector", projects_enum_schema<pj::Sector>()},
                                        {"year", integer_schema()}, {"budget_fen", integer_schema()},
                                        {"status", projects_enum_schema<pj::ProjectStatus>()}, {"progress_pct", integer_schema()}});
    router.add_schema("Project", project.dump());
    router.add_schema("ProjectPage", projects_page_of("Project").dump());
    router.add_schema("ProjectInput", projects_object_schema({{"code", string_schema()}, {"name", string_schema()},
                                                     {"county", string_schema()}, {"sector", projects_enum_schema<pj::Sector>()},
                                                     {"year", integer_schema()}, {"budget_fen", integer_schema()}}).dump());
    router.add_schema("ProjectDetail", projects_object_schema({{"milestones", {{"type", "array"}}}, {"progress", {{"type", "array"}}},
                                                      {"inspections", {{"type", "array"}}},
                                                      {"attachments", {{"type", "array"}}}}).dump());
    router.add_schema("Transition", projects_object_schema({{"to", projects_enum_schema<pj::ProjectStatus>()}, {"on", date_schema()}}).dump());
    router.add_schema("Milestone", projects_object_schema({{"id", string_schema()}, {"name", string_schema()},
                                                  {"due_on", date_schema()}, {"done_on", date_schema()}}).dump());
    router.add_schema("MilestoneInput", projects_object_schema({{"name", string_schema()}, {"due_on", date_schema()}}).dump());
    router.add_schema("MilestoneDone", projects_object_schema({{"done_on", date_schema()}}).dump());
    router.add_schema("Progress", projects_object_schema({{"id", string_schema()}, {"as_of", date_schema()}, {"pct", integer_schema()},
                                                 {"basis", projects_enum_schema<pj::ProgressBasis>()}, {"note", string_schema()}}).dump());
    router.add_schema("ProgressInput", projects_object_schema({{"as_of", date_schema()}, {"pct", integer_schema()},
                                                      {"basis", projects_enum_schema<pj::ProgressBasis>()},
                                                      {"note", string_schema()}}).dump());
    router.add_schema("Inspection", projects_object_schema({{"kind", projects_enum_schema<pj::InspectionKind>()}, {"inspected_on", date_schema()},
                                                   {"inspector", string_schema()}, {"findings", string_schema()},
                                                   {"passed", {{"type", "boolean"}}}, {"rectify_by", date_schema()}}).dump());
    router.add_schema("Rectification", projects_object_schema({{"rectified_on", date_schema()}}).dump());
    router.add_schema("Attachment", projects_object_schema({{"file_name", string_schema()}, {"sha256", string_schema()},
                                                   {"size_bytes", integer_schema()}}).dump());
    router.add_schema("Contract", projects_object_schema({{"project_id", string_schema()}, {"counterparty_org_id", string_schema()},
                                                 {"title", string_schema()}, {"category", projects_enum_schema<pj::ContractCategory>()},
                                                 {"value_fen", integer_schema()}, {"retention_bp", integer_schema()},
                                                 {"award_date", date_schema()},
                                                 {"procurement_method", projects_enum_schema<pj::ProcurementMethod>()},
                                                 {"bid_count", integer_schema()}, {"tender_days", integer_schema()}}).dump());
    router.add_schema("ContractPage", projects_page_of("Contract").dump());
    router.add_schema("Modification", projects_object_schema({{"kind", projects_enum_schema<pj::ModificationKind>()},
                                                     {"delta_fen", integer_schema()}, {"approved_on", date_schema()},
                                                     {"reason", string_schema()}}).dump());
    router.add_schema("Invoice", projects_object_schema({{"contract_id", string_schema()}, {"payee_org_id", string_schema()},
                                                {"invoice_no", string_schema()}, {"amount_fen", integer_schema()},
                                                {"issued_on", date_schema()}}).dump());
    router.add_schema("InvoiceList", projects_object_schema({{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Invoice"}}}}}}).dump());
    router.add_schema("PaymentRequest", projects_object_schema({{"contract_id", string_schema()}, {"invoice_id", string_schema()},
                                                       {"progress_id", string_schema()}, {"payee_org_id", string_schema()},
                                                       {"amount_fen", integer_schema()}, {"method", projects_enum_schema<pj::PaymentMethod>()},
                                                       {"requested_on", date_schema()},
                                                       {"status", projects_enum_schema<pj::PaymentStatus>()},
                                                       {"refusal_reason", string_schema()}}).dump());
    // What POST /payment-requests reads (status and refusal_reason are the server's, not the caller's).
    router.add_schema("PaymentRequestInput", projects_object_schema({{"contract_id", string_schema()}, {"invoice_id", string_schema()},
                                                            {"progress_id", string_schema()}, {"payee_org_id", string_schema()},
                                                            {"amount_fen", integer_schema()},
                                                            {"method", projects_enum_schema<pj::PaymentMethod>()},
                                                            {"requested_on", date_schema()}}).dump());
    router.add_schema("PaymentRequestPage", projects_page_of("PaymentRequest").dump());
    router.add_schema("SubmittedPayment", projects_object_schema({{"request", {{"$ref", "#/components/schemas/PaymentRequest"}}},
                                                         {"flags", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/RiskFlag"}}}}}}).dump());
    router.add_schema("Decision", projects_object_schema({{"reason", string_schema()}}).dump());
    router.add_schema("Payment", projects_object_schema({{"override_reason", string_schema()}, {"paid_on", date_schema()}}).dump());
    router.add_schema("RiskFlag", projects_object_schema({{"id", string_schema()}, {"rule", string_schema()},
                                                 {"severity", projects_enum_schema<pj::Severity>()}, {"summary", string_schema()},
                                                 {"evidence", {{"type", "object"}}}, {"status", projects_enum_schema<pj::FlagStatus>()}}).dump());
    router.add_schema("RiskFlagPage", projects_page_of("RiskFlag").dump());
    router.add_schema("Review", projects_object_schema({{"decision", {{"type", "string"}, {"enum", {"confirmed", "dismissed"}}}},
                                               {"reason", string_schema()}}).dump());
    router.add_schema("ScanSummary", projects_object_schema({{"contracts", integer_schema()}, {"requests", integer_schema()},
                                                    {"new_flags", integer_schema()}}).dump());
    json settings = {{"type", "object"}, {"properties", json::object()}};
    for (const auto& [name, max] : pj::risk_setting_names()) {
        settings["properties"][name] = {{"type", "integer"}, {"minimum", 0}, {"maximum", max}};
    }
    router.add_schema("RiskSettings", settings.dump());
    router.add_schema("ProjectFigures", projects_object_schema({{"items", {{"type", "array"}}}}).dump());
    router.add_schema("ServiceBookItem", projects_object_schema({{"id", string_schema()}, {"county", string_schema()}}).dump());
    router.add_schema("ServiceBookPage", projects_page_of("ServiceBookItem").dump());
    router.add_schema("ServiceBookCounts", projects_object_schema({{"from", date_schema()}, {"to", date_schema()},
                                                          {"items", {{"type", "array"}}}}).dump());
}

// ---- handlers --------------------------------------------------------------------------------------

Response list_projects(pj::ProjectService& service, Request& request) {
    Query query(request);
    pj::ProjectFilter filter;
    filter.county = query.text("county");
    filter.year = query.integer("year", pj::project_year_min, pj::project_year_max);
    filter.status = query.named<pj::ProjectStatus>("status");
    filter.sector = query.named<pj::Sector>("sector");
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto page = service.list(projects_actor_of(request), filter, limit, cursor);
    if (!page) return error_response(page.error());
    json out = {{"items", json::array()}, {"next_cursor", page->next_cursor ? json(*page->next_cursor) : json(nullptr)}};
    for (const auto& item : page->projects) out["items"].push_back(project_json(item));
    return json_response(200, out);
}

Response projects_transition(pj::ProjectService& service, Request& request) {
    auto body = body_of(request);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"to", "on"});
    const auto to = read_enum(reader, "to", pj::ProjectStatus::planned);
    const auto on = read_opt_date(reader, *body, "on");
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.transition(projects_actor_of(request), request.param("id"), to, on), 200, project_json);
}

Response add_milestone(pj::ProjectService& service, Request& request) {
    auto body = body_of(request);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"name", "due_on"});
    const std::string name = reader.text("name", 1, pj::name_chars_max);
    const auto due_on = read_date(reader, *body, "due_on");
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.add_milestone(projects_actor_of(request), request.param("id"), name, due_on), 201, milestone_json);
}

// A body with one date field, for the "done", "rectify" style actions.
Result<kl::Date> one_date(const Request& request, const std::string& field) {
    KL_TRY_ASSIGN(json body, body_of(request));
    FieldReader reader(body);
    reader.allow_only({field});
    const auto date = read_date(reader, body, field);
    KL_TRY(reader.finish());
    return date;
}

Response report_progress(pj::ProjectService& service, Request& request) {
    auto body = body_of(request);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"as_of", "pct", "basis", "note"});
    const auto as_of = read_date(reader, *body, "as_of");
    const int64_t pct = reader.integer("pct", 0, 100);
    const auto basis = read_enum(reader, "basis", pj::ProgressBasis::physical);
    const std::string note = reader.opt_text("note", pj::note_chars_max, TextKind::prose).value_or("");
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.report_progress(projects_actor_of(request), request.param("id"), as_of, pct, basis, note), 201, progress_json);
}

Response add_attachment(pj::ProjectService& service, Request& request) {
    auto body = body_of(request);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"file_name", "sha256", "size_bytes"});
    const std::string file_name = reader.text("file_name", 1, pj::file_name_chars_max);
    const std::string sha256 = reader.text("sha256", 64, 64);
    const int64_t size = reader.integer("size_bytes", 1, pj::attachment_bytes_max);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.add_attachment(projects_actor_of(request), request.param("id"), file_name, sha256, size), 201,
                 attachment_json);
}

Response list_contracts(pj::ContractService& service, Request& request) {
    Query query(request);
    pj::ContractFilter filter;
    filter.project_id = query.text("project");
    filter.counterparty_org_id = query.text("counterparty");
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    std::optional<std::string> next;
    auto contracts = service.list(projects_actor_of(request), filter, limit, cursor, next);
    return page_reply(contracts, next, contract_json);
}

Response modify_contract(pj::ContractService& service, Request& request) {
    auto body = body_of(request);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"kind", "delta_fen", "approved_on", "reason"});
    const auto kind = read_enum(reader, "kind", pj::ModificationKind::value);
    const int64_t delta = reader.opt_integer("delta_fen", -pj::budget_fen_max, pj::budget_fen_max).value_or(0);
    const auto approved_on = read_date(reader, *body, "approved_on");
    const std::string reason = reader.text("reason", 1, pj::note_chars_max, TextKind::prose);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.modify(projects_actor_of(request), request.param("id"), kind, delta, approved_on, reason), 201, contract_json);
}

Response list_invoices(pj::ContractService& service, Request& request) {
    auto invoices = service.invoices(projects_actor_of(request), request.param("id"));
    if (!invoices) return error_response(invoices.error());
    json out = {{"items", json::array()}};
    for (const auto& invoice : *invoices) out["items"].push_back(invoice_json(invoice));
    return json_response(200, out);
}

Response submit_payment(pj::PaymentService& service, Request& request) {
    auto fields = decode(request, decode_payment_request);
    if (!fields) return error_response(fields.error());
    auto outcome = service.submit(projects_actor_of(request), *fields);
    if (!outcome) return error_response(outcome.error());
    json out = {{"request", payment_json(outcome->request)}, {"flags", json::array()}};
    for (const auto& flag : outcome->flags) out["flags"].push_back(flag_json(flag));
    return json_response(201, out).with_header("Location", "/api/v1/payment-requests/" + outcome->request.id);
}

Response list_payments(pj::PaymentService& service, Request& request) {
    Query query(request);
    pj::PaymentFilter filter;
    filter.status = query.named<pj::PaymentStatus>("status");
    filter.project_id = query.text("project");
    filter.contract_id = query.text("contract");
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    std::optional<std::string> next;
    auto requests = service.list(projects_actor_of(request), filter, limit, cursor, next);
    return page_reply(requests, next, payment_json);
}

Response reject_payment(pj::PaymentService& service, Request& request) {
    auto body = body_of(request);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"reason"});
    const std::string reason = reader.text("reason", 1, pj::note_chars_max, TextKind::prose);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.reject(projects_actor_of(request), request.param("id"), reason), 200, payment_json);
}

Response pay(pj::PaymentService& service, Request& request) {
    json body = json::object();
    if (!request.body.empty()) {
        auto parsed = body_of(request);
        if (!parsed) return error_response(parsed.error());
        body = std::move(*parsed);
    }
    FieldReader reader(body);
    reader.allow_only({"override_reason", "paid_on"});
    const auto override_reason = reader.opt_text("override_reason", pj::note_chars_max, TextKind::prose);
    const auto paid_on = read_opt_date(reader, body, "paid_on");
    if (auto done = reader.finish(); !done) return error_response(done.error());
    auto outcome = service.pay(projects_actor_of(request), request.param("id"), override_reason, paid_on);
    if (!outcome) return error_response(outcome.error());
    if (!outcome->paid) {
        // Refused and recorded: the answer says why, and the request stays approved.
        Response response = error_response(Error{ErrorCode::failed_precondition, outcome->request.refusal_reason, {}});
        return response;
    }
    return json_response(200, payment_json(outcome->request));
}

Response list_flags(pj::RiskService& service, Request& request) {
    Query query(request);
    pj::FlagFilter filter;
    filter.status = query.named<pj::FlagStatus>("status");
    filter.severity = query.named<pj::Severity>("severity");
    filter.rule = query.text("rule");
    filter.project_id = query.text("project");
    filter.payment_request_id = query.text("payment_request");
    const int limit = query.limit();
    const auto cursor = query.cursor();
    if (auto done = query.finish(); !done) return error_response(done.error());
    std::optional<std::string> next;
    auto flags = service.list(projects_actor_of(request), filter, limit, cursor, next);
    return page_reply(flags, next, flag_json);
}

Response review_flag(pj::RiskService& service, Request& request) {
    auto body = body_of(request);
    if (!body) return error_response(body.error());
    FieldReader reader(*body);
    reader.allow_only({"decision", "reason"});
    const auto decision = read_enum(reader, "decision", pj::FlagStatus::open);
    const std::string reason = reader.text("reason", 1, pj::review_reason_chars_max, TextKind::prose);
    if (reader.ok() && decision == pj::FlagStatus::open) reader.add_error("decision", "must be confirmed or dismissed");
    if (auto done = reader.finish(); !done) return error_response(done.error());
    return reply(service.review(projects_actor_of(request), request.param("id"), decision, reason), 200, flag_json);
}

Response projects_report(pj::ProjectReports& reports, Request& request) {
    Query query(request);
    const auto year = query.integer("year", pj::project_year_min, pj::project_year_max);
    const auto format = query.file_format();
    if (auto done = query.finish(); !done) return error_response(done.error());
    auto figures = reports.by_county(projects_actor_of(request), year);
    if (!figures) return error_response(figures.error());
    if (format) return file_response(pj::figures_table(*figures), *format, "projects-report");
    json out = {{"items", json::array()}};
    for (const auto& row : *figures) out["items"].push_back(figures_json(row));
    return json_response(200, out);
}

void add_project_record_routes(const Adder& add, pj::ProjectService& service) {
    add(Method::get, "/api/v1/projects", "List projects (a county officer: its county's)", "", projects_ref("ProjectPage"), 200,
        [&service](Request& request) { return list_projects(service, request); },
        with_paging({{"county", "county code"}, {"year", "programme year"}, {"status", "life-cycle status"},
                     {"sector", "sector"}}));
    add(Method::post, "/api/v1/projects", "Create a planned project (fund officer; county officer for its county)",
        projects_ref("ProjectInput"), projects_ref("Project"), 201,
        [&service](Request& request) {
            auto fields = decode(request, decode_project);
            if (!fields) return error_response(fields.error());
            auto made = service.create(projects_actor_of(request), *fields);
            if (!made) return error_response(made.error());
            return json_response(201, project_json(*made)).with_header("Location", "/api/v1/projects/" + made->id);
        },
        {}, true);
    add(Method::get, "/api/v1/projects/{id}", "A project with milestones, progress, inspections and attachments", "",
        projects_ref("ProjectDetail"), 200,
        [&service](Request& request) { return reply(service.get(projects_actor_of(request), request.param("id")), 200, project_detail_json); });
    add(Method::put, "/api/v1/projects/{id}", "Change a planned project's fields", projects_ref("ProjectInput"), projects_ref("Project"), 200,
        [&service](Request& request) {
            auto fields = decode(request, decode_project);
            if (!fields) return error_response(fields.error());
            return reply(service.update(projects_actor_of(request), request.param("id"), *fields), 200, project_json);
        });
    add(Method::post, "/api/v1/projects/{id}/transitions", "Move a project along its life cycle (409 when illegal)",
        projects_ref("Transition"), projects_ref("Project"), 200, [&service](Request& request) { return projects_transition(service, request); });
    add(Method::post, "/api/v1/projects/{id}/milestones", "Add a milestone", projects_ref("MilestoneInput"), projects_ref("Milestone"), 201,
        [&service](Request& request) { return add_milestone(service, request); });
    add(Method::post, "/api/v1/milestones/{id}/done", "Mark a milestone done", projects_ref("MilestoneDone"), projects_ref("Milestone"), 200,
        [&service](Request& request) {
            auto date = one_date(request, "done_on");
            if (!date) return error_response(date.error());
            return reply(service.complete_milestone(projects_actor_of(request), request.param("id"), *date), 200, milestone_json);
        });
    add(Method::post, "/api/v1/projects/{id}/progress", "Report progress with its basis", projects_ref("ProgressInput"), projects_ref("Progress"),
        201, [&service](Request& request) { return report_progress(service, request); });
    add(Method::post, "/api/v1/progress/{id}/verify", "Verify a progress report (fund officer)", "", projects_ref("Progress"), 200,
        [&service](Request& request) {
            return reply(service.verify_progress(projects_actor_of(request), request.param("id")), 200, progress_json);
        });
    add(Method::post, "/api/v1/projects/{id}/inspections", "Record a quality or safety inspection", projects_ref("Inspection"),
        projects_ref("Inspection"), 201, [&service](Request& request) {
            auto input = decode(request, decode_inspection);
            if (!input) return error_response(input.error());
            return reply(service.add_inspection(projects_actor_of(request), request.param("id"), *input), 201, inspection_json);
        });
    add(Method::post, "/api/v1/inspections/{id}/rectify", "Record the rectification of failed findings", projects_ref("Rectification"),
        projects_ref("Inspection"), 200, [&service](Request& request) {
            auto date = one_date(request, "rectified_on");
            if (!date) return error_response(date.error());
            return reply(service.rectify(projects_actor_of(request), request.param("id"), *date), 200, inspection_json);
        });
    add(Method::post, "/api/v1/projects/{id}/attachments", "Attach a file by reference (name, SHA-256, size)",
        projects_ref("Attachment"), projects_ref("Attachment"), 201, [&service](Request& request) { return add_attachment(service, request); });
}

void add_money_routes(const Adder& add, pj::Projects& projects) {
    auto& contracts = projects.contracts;
    auto& payments = projects.payments;
    add(Method::get, "/api/v1/contracts", "List contracts (counterparties: their own)", "", projects_ref("ContractPage"), 200,
        [&contracts](Request& request) { return list_contracts(contracts, request); },
        with_paging({{"project", "project id"}, {"counterparty", "organisation id"}}));
    add(Method::post, "/api/v1/contracts", "Record a contract", projects_ref("Contract"), projects_ref("Contract"), 201,
        [&contracts](Request& request) {
            auto fields = decode(request, decode_contract);
            if (!fields) return error_response(fields.error());
            return reply(contracts.create(projects_actor_of(request), *fields), 201, contract_json);
        },
        {}, true);
    add(Method::get, "/api/v1/contracts/{id}", "A contract with its modifications and what was paid", "", projects_ref("Contract"),
        200, [&contracts](Request& request) { return reply(contracts.get(projects_actor_of(request), request.param("id")), 200, contract_json); });
    add(Method::post, "/api/v1/contracts/{id}/modifications", "Record an approved modification (fund officer)",
        projects_ref("Modification"), projects_ref("Contract"), 201, [&contracts](Request& request) { return modify_contract(contracts, request); });
    add(Method::get, "/api/v1/contracts/{id}/invoices", "A contract's invoices", "", projects_ref("InvoiceList"), 200,
        [&contracts](Request& request) { return list_invoices(contracts, request); });
    add(Method::post, "/api/v1/invoices", "Record an invoice (unique per payee and number)", projects_ref("Invoice"), projects_ref("Invoice"),
        201,
        [&contracts](Request& request) {
            auto fields = decode(request, projects_json::decode_invoice);
            if (!fields) return error_response(fields.error());
            return reply(contracts.add_invoice(projects_actor_of(request), *fields), 201, invoice_json);
        },
        {}, true);
    add(Method::get, "/api/v1/payment-requests", "Payment requests (the approval queue: status=submitted)", "",
        projects_ref("PaymentRequestPage"), 200, [&payments](Request& request) { return list_payments(payments, request); },
        with_paging({{"status", "submitted, approved, paid or rejected"}, {"project", "project id"},
                     {"contract", "contract id"}}));
    add(Method::post, "/api/v1/payment-requests", "Request a payment against an invoice and verified progress",
        projects_ref("PaymentRequestInput"), projects_ref("SubmittedPayment"), 201,
        [&payments](Request& request) { return submit_payment(payments, request); }, {}, true);
    add(Method::get, "/api/v1/payment-requests/{id}", "A payment request", "", projects_ref("PaymentRequest"), 200,
        [&payments](Request& request) { return reply(payments.get(projects_actor_of(request), request.param("id")), 200, payment_json); });
    add(Method::post, "/api/v1/payment-requests/{id}/approve", "Approve (fund officer; not one's own request)", "",
        projects_ref("PaymentRequest"), 200,
        [&payments](Request& request) { return reply(payments.approve(projects_actor_of(request), request.param("id")), 200, payment_json); });
    add(Method::post, "/api/v1/payment-requests/{id}/reject", "Reject with a reason (fund officer)", projects_ref("Decision"),
        projects_ref("PaymentRequest"), 200, [&payments](Request& request) { return reject_payment(payments, request); });
    add(Method::post, "/api/v1/payment-requests/{id}/pay",
        "Pay through the zero-balance chain (fund officer); 422 with the reason when refused", projects_ref("Payment"),
        projects_ref("PaymentRequest"), 200, [&payments](Request& request) { return pay(payments, request); }, {}, true);
}

void add_risk_routes(const Adder& add, pj::Projects& projects) {
    auto& risk = projects.risk;
    add(Method::get, "/api/v1/risk/flags", "Risk flags (a county officer: its county's)", "", projects_ref("RiskFlagPage"), 200,
        [&risk](Request& request) { return list_flags(risk, request); },
        with_paging({{"status", "open, confirmed or dismissed"}, {"severity", "low, medium or high"}, {"rule", "R1…R15"},
                     {"project", "project id"}, {"payment_request", "payment request id"}}));
    add(Method::get, "/api/v1/risk/flags/{id}", "A risk flag with its evidence", "", projects_ref("RiskFlag"), 200,
        [&risk](Request& request) { return reply(risk.get(projects_actor_of(request), request.param("id")), 200, flag_json); });
    add(Method::post, "/api/v1/risk/flags/{id}/review", "Confirm or dismiss a flag with a reason (fund officer, auditor)",
        projects_ref("Review"), projects_ref("RiskFlag"), 200, [&risk](Request& request) { return review_flag(risk, request); });
    add(Method::post, "/api/v1/risk/scan", "Run every risk rule over the programme now (admin; nightly otherwise)", "",
        projects_ref("ScanSummary"), 200, [&risk](Request& request) {
            auto summary = risk.scan(projects_actor_of(request));
            if (!summary) return error_response(summary.error());
            return json_response(200, {{"contracts", summary->contracts}, {"requests", summary->requests},
                                       {"new_flags", summary->new_flags}});
        });
    add(Method::get, "/api/v1/risk/settings", "The risk rules' thresholds", "", projects_ref("RiskSettings"), 200,
        [&risk](Request& request) { return reply(risk.settings(projects_actor_of(request)), 200, settings_json); });
    add(Method::put, "/api/v1/risk/settings", "Change thresholds (admin)", projects_ref("RiskSettings"), projects_ref("RiskSettings"), 200,
        [&risk](Request& request) {
            auto values = decode(request, decode_settings);
            if (!values) return error_response(values.error());
            return reply(risk.update_settings(projects_actor_of(request), *values), 200, settings_json);
        });
    auto& reports = projects.reports;
    add(Method::get, "/api/v1/reports/projects",
        "Projects planned/started/completed and funds planned/committed/disbursed by county and year", "",
        projects_ref("ProjectFigures"), 200, [&reports](Request& request) { return projects_report(reports, request); },
        {{"year", "programme year"}, {"format", "json (default), csv or xlsx"}});
}

}  // namespace

void add_projects_routes(Router& router, projects::Projects& projects) {
    add_schemas(router);
    const Adder add{router, "projects"};
    add_project_record_routes(add, projects.projects);
    add_money_routes(add, projects);
    add_risk_routes(add, projects);
}

}  // namespace kl::http

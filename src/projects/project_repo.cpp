#include "projects/project_repo.h"

#include "store/work_queue.h"

namespace kl::projects {

namespace {

constexpr std::string_view select_project =
    "SELECT id, code, name, county_code, sector, year, budget_fen, status, progress_pct, progress_basis, "
    "approved_on, started_on, completed_on, accepted_on, closed_on, created_at_ms, updated_at_ms FROM projects";

Project project_from_row(const store::Row& row) {
    Project out;
    out.id = row.text("id");
    out.fields = ProjectFields{row.text("code"),  row.text("name"), row.text("county_code"),
                               stored_enum<Sector>(row.text("sector")), row.i64("year"), row.i64("budget_fen")};
    out.status = stored_enum<ProjectStatus>(row.text("status"));
    out.progress_pct = row.i64("progress_pct");
    if (auto basis = row.opt_text("progress_basis")) out.progress_basis = stored_enum<ProgressBasis>(*basis);
    out.approved_on = stored_opt_date(row.opt_text("approved_on"));
    out.started_on = stored_opt_date(row.opt_text("started_on"));
    out.completed_on = stored_opt_date(row.opt_text("completed_on"));
    out.accepted_on = stored_opt_date(row.opt_text("accepted_on"));
    out.closed_on = stored_opt_date(row.opt_text("closed_on"));
    out.created_at_ms = row.i64("created_at_ms");
    out.updated_at_ms = row.i64("updated_at_ms");
    return out;
}

constexpr std::string_view select_contract =
    "SELECT c.id, c.project_id, c.counterparty_org_id, c.title, c.category, c.value_fen, c.retention_bp, "
    "c.award_date, c.procurement_method, c.bid_count, c.tender_days, p.county_code, "
    "(SELECT COALESCE(SUM(m.delta_fen), 0) FROM contract_modifications m WHERE m.contract_id = c.id) AS mods, "
    "(SELECT COALESCE(SUM(r.amount_fen), 0) FROM payment_requests r WHERE r.contract_id = c.id "
    "AND r.status = 'paid') AS paid, cp.name AS counterparty_name, cp.name_en AS counterparty_name_en "
    "FROM contracts c JOIN projects p ON p.id = c.project_id JOIN organisations cp ON cp.id = c.counterparty_org_id";

Contract contract_from_row(const store::Row& row) {
    Contract out;
    out.id = row.text("id");
    out.fields.project_id = row.text("project_id");
    out.fields.counterparty_org_id = row.text("counterparty_org_id");
    out.fields.title = row.text("title");
    out.fields.category = stored_enum<ContractCategory>(row.text("category"));
    out.fields.value_fen = row.i64("value_fen");
    out.fields.retention_bp = row.i64("retention_bp");
    out.fields.award_date = stored_date(row.text("award_date"));
    out.fields.procurement_method = stored_enum<ProcurementMethod>(row.text("procurement_method"));
    out.fields.bid_count = row.i64("bid_count");
    out.fields.tender_days = row.opt_i64("tender_days");
    out.county = row.text("county_code");
    out.modifications_fen = row.i64("mods");
    out.paid_fen = row.i64("paid");
    out.counterparty_name = row.text("counterparty_name");
    out.counterparty_name_en = row.opt_text("counterparty_name_en").value_or("");
    return out;
}

constexpr std::string_view select_payment =
    "SELECT id, project_id, county_code, contract_id, invoice_id, progress_id, payee_org_id, amount_fen, method, "
    "requested_on, status, requested_by, approved_by, decision_reason, attempts, payment_id, chain_id, paid_on, "
    "refusal_reason, refusal_code, refusal_params, created_at_ms, "
    // The names its readers decide by, as scalar subqueries so that the conditions keep naming
    // payment_requests' own columns unqualified.
    "(SELECT code FROM projects WHERE projects.id = payment_requests.project_id) AS project_code, "
    "(SELECT name FROM projects WHERE projects.id = payment_requests.project_id) AS project_name, "
    "(SELECT title FROM contracts WHERE contracts.id = payment_requests.contract_id) AS contract_title, "
    "(SELECT name FROM organisations WHERE organisations.id = payment_requests.payee_org_id) AS payee_name, "
    "(SELECT name_en FROM organisations WHERE organisations.id = payment_requests.payee_org_id) AS payee_name_en, "
    "(SELECT o.name FROM contracts c JOIN organisations o ON o.id = c.counterparty_org_id "
    "WHERE c.id = payment_requests.contract_id) AS contractor_name, "
    "(SELECT o.name_en FROM contracts c JOIN organisations o ON o.id = c.counterparty_org_id "
    "WHERE c.id = payment_requests.contract_id) AS contractor_name_en "
    "FROM payment_requests";

PaymentRequest payment_from_row(const store::Row& row) {
    PaymentRequest out;
    out.id = row.text("id");
    out.project_id = row.text("project_id");
    out.county = row.text("county_code");
    out.contract_id = row.text("contract_id");
    out.invoice_id = row.text("invoice_id");
    out.progress_id = row.text("progress_id");
    out.payee_org_id = row.text("payee_org_id");
    out.amount_fen = row.i64("amount_fen");
    out.method = stored_enum<PaymentMethod>(row.text("method"));
    out.requested_on = stored_date(row.text("requested_on"));
    out.status = stored_enum<PaymentStatus>(row.text("status"));
    out.requested_by = row.opt_text("requested_by");
    out.approved_by = row.opt_text("approved_by");
    out.decision_reason = row.text("decision_reason");
    out.attempts = row.i64("attempts");
    out.payment_id = row.opt_text("payment_id");
    out.chain_id = row.opt_text("chain_id");
    out.paid_on = stored_opt_date(row.opt_text("paid_on"));
    out.refusal_reason = row.text("refusal_reason");
    out.refusal_code = row.text("refusal_code");
    out.refusal_params_json = row.text("refusal_params");
    out.created_at_ms = row.i64("created_at_ms");
    out.names = {row.opt_text("project_code").value_or(""), row.opt_text("project_name").value_or(""),
                 row.opt_text("contract_title").value_or(""), row.opt_text("payee_name").value_or(""),
                 row.opt_text("payee_name_en").value_or(""), row.opt_text("contractor_name").value_or(""),
                 row.opt_text("contractor_name_en").value_or("")};
    return out;
}

constexpr std::string_view select_invoice =
    "SELECT id, contract_id, payee_org_id, invoice_no, amount_fen, issued_on FROM invoices";

Invoice invoice_from_row(const store::Row& row) {
    return Invoice{row.text("id"), InvoiceFields{row.text("contract_id"), row.text("payee_org_id"), row.text("invoice_no"),
                                                 row.i64("amount_fen"), stored_date(row.text("issued_on"))}};
}

constexpr std::string_view select_progress =
    "SELECT id, project_id, as_of, pct, basis, note, reported_by, verified_by FROM project_progress";

ProgressReport progress_from_row(const store::Row& row) {
    return ProgressReport{row.text("id"), row.text("project_id"), stored_date(row.text("as_of")),
                          row.i64("pct"), stored_enum<ProgressBasis>(row.text("basis")), row.text("note"),
                          row.opt_text("reported_by"), row.opt_text("verified_by")};
}

constexpr std::string_view select_milestone = "SELECT id, project_id, name, due_on, done_on FROM project_milestones";

Milestone milestone_from_row(const store::Row& row) {
    return Milestone{row.text("id"), row.text("project_id"), row.text("name"), stored_date(row.text("due_on")),
                     stored_opt_date(row.opt_text("done_on"))};
}

constexpr std::string_view select_inspection =
    "SELECT id, project_id, kind, inspected_on, inspector, findings, passed, rectify_by, rectified_on FROM project_inspections";

Inspection inspection_from_row(const store::Row& row) {
    return Inspection{row.text("id"), row.text("project_id"), stored_enum<InspectionKind>(row.text("kind")),
                      stored_date(row.text("inspected_on")), row.text("inspector"), row.text("findings"),
                      row.i64("passed") == 1, stored_opt_date(row.opt_text("rectify_by")),
                      stored_opt_date(row.opt_text("rectified_on"))};
}

constexpr std::string_view select_attachment =
    "SELECT id, project_id, file_name, sha256, size_bytes, added_by FROM project_attachments";

Attachment attachment_from_row(const store::Row& row) {
    return Attachment{row.text("id"), row.text("project_id"), row.text("file_name"), row.text("sha256"),
                      row.i64("size_bytes"), row.opt_text("added_by")};
}

constexpr std::string_view select_flag =
    "SELECT id, rule, severity, county_code, project_id, contract_id, payment_request_id, summary, "
    "evidence_json, code, params_json, status, reviewed_by, review_reason, raised_at_ms, "
    // Named as payment requests are, by scalar subqueries, so that the conditions keep naming
    // risk_flags' own columns unqualified.
    "(SELECT code FROM projects WHERE projects.id = risk_flags.project_id) AS project_code, "
    "(SELECT name FROM projects WHERE projects.id = risk_flags.project_id) AS project_name, "
    "(SELECT title FROM contracts WHERE contracts.id = risk_flags.contract_id) AS contract_title "
    "FROM risk_flags";

RiskFlag flag_from_row(const store::Row& row) {
    RiskFlag flag;
    flag.id = row.text("id");
    flag.rule = row.text("rule");
    flag.severity = stored_enum<Severity>(row.text("severity"));
    flag.county = row.opt_text("county_code");
    flag.project_id = row.opt_text("project_id");
    flag.contract_id = row.opt_text("contract_id");
    flag.payment_request_id = row.opt_text("payment_request_id");
    flag.summary = row.text("summary");
    flag.evidence_json = row.text("evidence_json");
    flag.status = stored_enum<FlagStatus>(row.text("status"));
    flag.reviewed_by = row.opt_text("reviewed_by");
    flag.review_reason = row.text("review_reason");
    flag.raised_at_ms = row.i64("raised_at_ms");
    flag.code = row.opt_text("code").value_or("");
    flag.params_json = row.opt_text("params_json").value_or("{}");
    flag.project_code = row.opt_text("project_code").value_or("");
    flag.project_name = row.opt_text("project_name").value_or("");
    flag.contract_title = row.opt_text("contract_title").value_or("");
    return flag;
}

// The records `select` (a SELECT … FROM …, above) returns under `tail` (its conditions, then any
// ORDER BY and LIMIT), each read with `from_row`.
template <typename FromRow>
auto rows_where(store::Tx& tx, std::string_view select, const std::string& tail, const store::Params& params, FromRow from_row) {
    return store::query_as(tx, std::string(select) + " WHERE " + tail, params, from_row);
}

template <typename T>
Result<T> first_or_not_found(Result<std::vector<T>> found, const std::string& what, const std::string& id) {
    if (!found) return fail(std::move(found).error());
    if (found->empty()) return fail(ErrorCode::not_found, what + " " + id + " not found");
    return std::move(found->front());
}

bool plausible_id(const std::string& id) { return !id.empty() && id.size() <= record_id_chars_max; }

}  // namespace

Result<std::vector<Project>> list_projects(store::Tx& tx, const ProjectFilter& filter, const ListScope& scope,
                                           const std::optional<std::string>& after, int limit) {
    KL_ASSERT(!scope.counterparty);  // a counterparty is refused project records before it lists
    store::SqlQuery query;
    if (scope.county) query.where("county_code", *scope.county);
    if (filter.county) query.where("county_code", *filter.county);
    if (filter.year) query.where("year", *filter.year);
    if (!filter.statuses.empty()) {
        std::vector<std::string> names;
        for (const auto status : filter.statuses) names.emplace_back(to_string(status));
        query.where_text("status IN (" + query.bind_list(names) + ")");
    }
    if (filter.sector) query.where("sector", std::string(to_string(*filter.sector)));
    store::add_window(query, filter.search, {{"code", "name", "id"}, "created_at_ms", store::DateStored::epoch_ms});
    return rows_where(tx, select_project, query.page("id", after, limit, filter.search.order), query.params(), project_from_row);
}

Result<std::vector<Project>> active_projects(store::Tx& tx) {
    return rows_where(tx, select_project, "status IN ('approved', 'started') ORDER BY id", {}, project_from_row);
}

Result<std::optional<Project>> find_project(store::Tx& tx, const std::string& id) {
    if (!plausible_id(id)) return std::optional<Project>{};
    return store::query_first(tx, std::string(select_project) + " WHERE id = $1", {id}, project_from_row);
}

Result<Project> require_project(store::Tx& tx, const std::string& id) {
    KL_TRY_ASSIGN(auto found, find_project(tx, id));
    if (!found) return fail(ErrorCode::not_found, "project " + id + " not found");
    return std::move(*found);
}

Result<std::vector<Contract>> all_contracts(store::Tx& tx) {
    return rows_where(tx, select_contract, "1 = 1 ORDER BY c.id", {}, contract_from_row);
}

Result<std::vector<Contract>> list_contracts(store::Tx& tx, const ContractFilter& filter, const ListScope& scope,
                                             const std::optional<std::string>& after, int limit) {
    store::SqlQuery query;
    if (scope.county) query.where("p.county_code", *scope.county);
    if (scope.counterparty) query.where("c.counterparty_org_id", *scope.counterparty);
    if (filter.project_id) query.where("c.project_id", *filter.project_id);
    if (filter.counterparty_org_id) query.where("c.counterparty_org_id", *filter.counterparty_org_id);
    return rows_where(tx, select_contract, query.page("c.id", after, limit), query.params(), contract_from_row);
}

Result<std::vector<Contract>> split_group_contracts(store::Tx& tx, const SplitGroup& group) {
    return rows_where(tx, select_contract,
                      "(c.counterparty_org_id = $1 OR c.project_id = $2) AND c.category = $3 "
                      "AND c.award_date >= $4 AND c.award_date <= $5 AND c.value_fen < $6 ORDER BY c.id",
                      {group.counterparty_org_id, group.project_id, std::string(to_string(group.category)),
                       kl::format_date(group.from), kl::format_date(group.to), group.below_fen},
                      contract_from_row);
}

Result<Contract> require_contract(store::Tx& tx, const std::string& id) {
    if (!plausible_id(id)) return fail(ErrorCode::not_found, "contract not found");
    KL_TRY_ASSIGN(Contract contract,
                  first_or_not_found(rows_where(tx, select_contract, "c.id = $1", {id}, contract_from_row), "contract", id));
    KL_TRY_ASSIGN(contract.modifications,
                  store::query_as(tx, "SELECT id, kind, delta_fen, approved_on, reason FROM contract_modifications "
                                      "WHERE contract_id = $1 ORDER BY approved_on, id",
                                  {id}, [&id](const store::Row& row) {
                                      return Modification{row.text("id"), id, stored_enum<ModificationKind>(row.text("kind")),
                                                          row.i64("delta_fen"), stored_date(row.text("approved_on")),
                                                          row.text("reason")};
                                  }));
    return contract;
}

Result<std::vector<Invoice>> contract_invoices(store::Tx& tx, const std::string& contract_id) {
    return rows_where(tx, select_invoice, "contract_id = $1 ORDER BY issued_on, id", {contract_id}, invoice_from_row);
}

Result<Invoice> require_invoice(store::Tx& tx, const std::string& id) {
    if (!plausible_id(id)) return fail(ErrorCode::not_found, "invoice not found");
    return first_or_not_found(rows_where(tx, select_invoice, "id = $1", {id}, invoice_from_row), "invoice", id);
}

Result<std::vector<ProgressReport>> project_progress(store::Tx& tx, const std::string& project_id) {
    return rows_where(tx, select_progress, "project_id = $1 ORDER BY as_of, id", {project_id}, progress_from_row);
}

Result<ProgressReport> require_progress(store::Tx& tx, const std::string& id) {
    if (!plausible_id(id)) return fail(ErrorCode::not_found, "progress report not found");
    return first_or_not_found(rows_where(tx, select_progress, "id = $1", {id}, progress_from_row), "progress report", id);
}

Result<std::vector<PaymentRequest>> list_payments(store::Tx& tx, const PaymentFilter& filter, const ListScope& scope,
                                                  const std::optional<std::string>& after, int limit) {
    store::SqlQuery query;
    if (scope.county) query.where("county_code", *scope.county);
    if (scope.counterparty) query.where("payee_org_id", *scope.counterparty);
    if (filter.status) query.where("status", std::string(to_string(*filter.status)));
    if (filter.project_id) query.where("project_id", *filter.project_id);
    if (filter.contract_id) query.where("contract_id", *filter.contract_id);
    if (filter.not_requested_by) {
        query.where_text("(requested_by IS NULL OR requested_by <> " + query.bind(*filter.not_requested_by) + ")");
    }
    const std::string any = store::search_condition(query, filter.search.q, {"payment_requests.id", "x.code", "x.name", "c.title", "o.name", "o.name_en"});
    if (!any.empty()) {
        query.where_text("EXISTS (SELECT 1 FROM projects x JOIN contracts c ON c.id = payment_requests.contract_id "
                         "JOIN organisations o ON o.id = payment_requests.payee_org_id "
                         "WHERE x.id = payment_requests.project_id AND " + any + ")");
    }
    store::add_date_range(query, filter.search, "requested_on", store::DateStored::text_date);
    return rows_where(tx, select_payment, query.page("id", after, limit, filter.search.order), query.params(), payment_from_row);
}

Result<std::vector<PaymentRequest>> unrejected_payments(store::Tx& tx) {
    return rows_where(tx, select_payment, "status <> 'rejected' ORDER BY id", {}, payment_from_row);
}

Result<PaymentRequest> require_payment(store::Tx& tx, const std::string& id) {
    if (!plausible_id(id)) return fail(ErrorCode::not_found, "payment request not found");
    return first_or_not_found(rows_where(tx, select_payment, "id = $1", {id}, payment_from_row), "payment request", id);
}

Result<std::vector<Milestone>> query_milestones(store::Tx& tx, const std::string& project_id) {
    return rows_where(tx, select_milestone, "project_id = $1 ORDER BY due_on, id", {project_id}, milestone_from_row);
}

Result<std::vector<Inspection>> project_inspections(store::Tx& tx, const std::string& project_id) {
    return rows_where(tx, select_inspection, "project_id = $1 ORDER BY inspected_on, id", {project_id}, inspection_from_row);
}

Result<Inspection> require_inspection(store::Tx& tx, const std::string& id) {
    return first_or_not_found(rows_where(tx, select_inspection, "id = $1", {id}, inspection_from_row), "inspection", id);
}

Result<std::vector<Attachment>> query_attachments(store::Tx& tx, const std::string& project_id) {
    return rows_where(tx, select_attachment, "project_id = $1 ORDER BY id", {project_id}, attachment_from_row);
}

Result<std::optional<RiskFlag>> find_flag(store::Tx& tx, const std::string& id) {
    return store::query_first(tx, std::string(select_flag) + " WHERE id = $1", {id}, flag_from_row);
}

Result<std::vector<RiskFlag>> list_flags(store::Tx& tx, const FlagFilter& filter, const std::optional<std::string>& county,
                                         const std::optional<std::string>& after, int limit) {
    store::SqlQuery query;
    if (county) query.where("county_code", *county);
    if (filter.status) query.where("status", std::string(to_string(*filter.status)));
    if (filter.severity) query.where("severity", std::string(to_string(*filter.severity)));
    if (filter.rule) query.where("rule", *filter.rule);
    if (filter.project_id) query.where("project_id", *filter.project_id);
    if (filter.payment_request_id) query.where("payment_request_id", *filter.payment_request_id);
    // A flag need not name a project or a contract: both are joined on the side.
    const std::string any = store::search_condition(query, filter.search.q, {"risk_flags.id", "risk_flags.rule", "x.code", "x.name", "c.title"});
    if (!any.empty()) {
        query.where_text("EXISTS (SELECT 1 FROM risk_flags me LEFT JOIN projects x ON x.id = me.project_id "
                         "LEFT JOIN contracts c ON c.id = me.contract_id WHERE me.id = risk_flags.id AND " + any + ")");
    }
    store::add_date_range(query, filter.search, "raised_at_ms", store::DateStored::epoch_ms);
    return rows_where(tx, select_flag, query.page("id", after, limit, filter.search.order), query.params(), flag_from_row);
}

Result<std::vector<RiskFlag>> blocking_flags(store::Tx& tx, const PaymentRequest& request) {
    return rows_where(tx, select_flag,
                      "severity = 'high' AND status IN ('open', 'confirmed') AND (payment_request_id = $1 OR "
                      "(payment_request_id IS NULL AND contract_id = $2)) ORDER BY id",
                      {request.id, request.contract_id}, flag_from_row);
}

Result<int64_t> contract_paid_fen(store::Tx& tx, const std::string& contract_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COALESCE(SUM(amount_fen), 0) FROM payment_requests "
                                             "WHERE contract_id = $1 AND status = 'paid'",
                                             {contract_id}));
    return rows[0].i64(0);
}

Result<bool> county_exists(store::Tx& tx, const std::string& county) {
    return store::row_exists(tx, "SELECT 1 FROM counties WHERE code = $1", {county});
}

Result<bool> code_key_in_use(store::Tx& tx, const std::string& code_key, const std::optional<std::string>& except_id) {
    if (except_id) return store::row_exists(tx, "SELECT 1 FROM projects WHERE code_key = $1 AND id <> $2", {code_key, *except_id});
    return store::row_exists(tx, "SELECT 1 FROM projects WHERE code_key = $1", {code_key});
}

Result<void> insert_project(store::Tx& tx, const std::string& id, const ProjectFields& fields, const std::string& code_key,
                            const std::optional<std::string>& created_by, int64_t now_ms) {
    KL_TRY(tx.execute("INSERT INTO projects (id, code, code_key, name, county_code, sector, year, budget_fen, "
                      "status, created_by, created_at_ms, updated_at_ms) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'planned', $9, $10, $10)",
                      {id, fields.code, code_key, fields.name, fields.county, std::string(to_string(fields.sector)),
                       fields.year, fields.budget_fen, created_by ? store::Value(*created_by) : store::null(), now_ms}));
    return ok();
}

Result<void> update_project_fields(store::Tx& tx, const std::string& id, const ProjectFields& fields,
                                   const std::string& code_key, int64_t now_ms) {
    KL_TRY(tx.execute("UPDATE projects SET code = $1, code_key = $2, name = $3, county_code = $4, sector = $5, "
                      "year = $6, budget_fen = $7, updated_at_ms = $8 WHERE id = $9",
                      {fields.code, code_key, fields.name, fields.county, std::string(to_string(fields.sector)),
                       fields.year, fields.budget_fen, now_ms, id}));
    return ok();
}

Result<void> update_project_status(store::Tx& tx, const std::string& id, ProjectStatus status,
                                   std::string_view date_column, Date on, int64_t now_ms) {
    KL_TRY(tx.execute("UPDATE projects SET status = $1, " + std::string(date_column) +
                          " = $2, updated_at_ms = $3 WHERE id = $4",
                      {std::string(to_string(status)), kl::format_date(on), now_ms, id}));
    return ok();
}

Result<int64_t> count_pending_payments(store::Tx& tx, const std::string& project_id) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query("SELECT COUNT(*) FROM payment_requests WHERE project_id = $1 "
                                             "AND status IN ('submitted', 'approved')",
                                             {project_id}));
    return rows[0].i64(0);
}

Result<void> update_project_progress(store::Tx& tx, const std::string& id, int64_t pct, ProgressBasis basis,
                                     int64_t now_ms) {
    KL_TRY(tx.execute("UPDATE projects SET progress_pct = $1, progress_basis = $2, updated_at_ms = $3 WHERE id = $4",
                      {pct, std::string(to_string(basis)), now_ms, id}));
    return ok();
}

Result<void> insert_milestone(store::Tx& tx, const Milestone& milestone, int64_t now_ms) {
    KL_TRY(tx.execute("INSERT INTO project_milestones (id, project_id, name, due_on, created_at_ms) "
                      "VALUES ($1, $2, $3, $4, $5)",
                      {milestone.id, milestone.project_id, milestone.name, kl::format_date(milestone.due_on), now_ms}));
    return ok();
}

Result<std::optional<std::string>> find_milestone_project(store::Tx& tx, const std::string& id) {
    return store::query_first_text(tx, "SELECT project_id FROM project_milestones WHERE id = $1", {id});
}

Result<void> update_milestone_done(store::Tx& tx, const std::string& id, Date done_on) {
    KL_TRY(tx.execute("UPDATE project_milestones SET done_on = $1 WHERE id = $2", {kl::format_date(done_on), id}));
    return ok();
}

Result<void> insert_progress(store::Tx& tx, const ProgressReport& report, int64_t now_ms) {
    KL_TRY(tx.execute("INSERT INTO project_progress (id, project_id, as_of, pct, basis, note, reported_by, created_at_ms) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                      {report.id, report.project_id, kl::format_date(report.as_of), report.pct,
                       std::string(to_string(report.basis)), report.note,
                       report.reported_by ? store::Value(*report.reported_by) : store::null(), now_ms}));
    return ok();
}

Result<void> update_progress_verified(store::Tx& tx, const std::string& id, const std::string& verified_by,
                                      int64_t now_ms) {
    KL_TRY(tx.execute("UPDATE project_progress SET verified_by = $1, verified_at_ms = $2 WHERE id = $3",
                      {verified_by, now_ms, id}));
    return ok();
}

Result<void> insert_inspection(store::Tx& tx, const Inspection& inspection, int64_t now_ms) {
    KL_TRY(tx.execute("INSERT INTO project_inspections (id, project_id, kind, inspected_on, inspector, findings, "
                      "passed, rectify_by, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                      {inspection.id, inspection.project_id, std::string(to_string(inspection.kind)),
                       kl::format_date(inspection.inspected_on), inspection.inspector, inspection.findings,
                       int64_t{inspection.passed ? 1 : 0}, date_value(inspection.rectify_by), now_ms}));
    return ok();
}

Result<void> update_inspection_rectified(store::Tx& tx, const std::string& id, Date rectified_on) {
    KL_TRY(tx.execute("UPDATE project_inspections SET rectified_on = $1 WHERE id = $2",
                      {kl::format_date(rectified_on), id}));
    return ok();
}

Result<void> insert_attachment(store::Tx& tx, const Attachment& attachment, int64_t now_ms) {
    KL_TRY(tx.execute("INSERT INTO project_attachments (id, project_id, file_name, sha256, size_bytes, added_by, "
                      "created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                      {attachment.id, attachment.project_id, attachment.file_name, attachment.sha256,
                       attachment.size_bytes, attachment.added_by ? store::Value(*attachment.added_by) : store::null(),
                       now_ms}));
    return ok();
}

Result<WorkQueue> payments_awaiting(store::Tx& tx, std::string kind, PaymentStatus status,
                                    const std::optional<std::string>& not_requested_by) {
    store::WorkQuery query;
    query.kind = std::move(kind);
    // The list filtered to exactly these requests (payments.js reads the address): the status, and
    // for the approval queue only others' requests.
    const std::string status_query = "status=" + std::string(to_string(status));
    query.route = "/payments?" + status_query + (not_requested_by ? "&others=true" : "");
    // Project names are kept in Chinese only: the same text in both.
    query.columns = "r.id, p.name AS label, p.name AS label_en, o.name AS party, "
                    "COALESCE(NULLIF(o.name_en, ''), o.name) AS party_en, r.amount_fen, r.requested_on";
    query.from_where = "FROM payment_requests r JOIN projects p ON p.id = r.project_id "
                       "JOIN organisations o ON o.id = r.payee_org_id WHERE r.status = $1";
    query.params = {std::string(to_string(status))};
    if (not_requested_by) {
        query.from_where += " AND (r.requested_by IS NULL OR r.requested_by <> $2)";
        query.params.push_back(*not_requested_by);
    }
    query.order_by = "r.requested_on, r.id";
    return store::read_work_queue(tx, query, [&status_query](WorkItem& item, const store::Row& row) {
        item.amount_fen = row.i64("amount_fen");
        item.due_on = stored_date(row.text("requested_on"));
        item.route = "/payments?" + status_query + "&q=" + item.id;
    });
}

Result<WorkQueue> open_flags(store::Tx& tx, const std::optional<std::string>& county) {
    store::WorkQuery query;
    query.kind = "risk_flags_open";
    // A county officer's list is its county's by the server's rule: the status is the whole filter.
    query.route = "/risk-flags?status=open";
    // A flag on a project is named by it; one on a county's programme as a whole by the county.
    query.columns = "f.id, COALESCE(p.name, c.name_zh, '') AS label, COALESCE(p.name, c.name_en, '') AS label_en, "
                    "'' AS party, '' AS party_en, f.rule, f.code, f.severity";
    query.from_where = "FROM risk_flags f LEFT JOIN projects p ON p.id = f.project_id "
                       "LEFT JOIN counties c ON c.code = f.county_code WHERE f.status = 'open'";
    if (county) {
        query.from_where += " AND f.county_code = $1";
        query.params = {*county};
    }
    query.order_by = "CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, f.raised_at_ms, f.id";
    return store::read_work_queue(tx, query, [](WorkItem& item, const store::Row& row) {
        item.tag = row.text("severity");
        // What the flag found (risk_codes.h); a flag raised before codes is named by its rule.
        item.code = row.text("code").empty() ? row.text("rule") : row.text("code");
        item.route = "/risk-flags?status=open&q=" + item.id;
    });
}

Result<WorkQueue> projects_awaiting(store::Tx& tx, const std::vector<ProjectStatus>& statuses,
                                    const std::optional<std::string>& county) {
    KL_ASSERT(!statuses.empty());
    store::SqlQuery where;
    std::vector<std::string> names;
    for (const auto status : statuses) names.emplace_back(to_string(status));
    where.where_text("p.status IN (" + where.bind_list(names) + ")");
    if (county) where.where("p.county_code", *county);
    store::WorkQuery query;
    query.kind = "projects_to_move";
    // Every year's (the list defaults to this year's) in these statuses; a county officer's are its
    // county's by the server's rule.
    query.route = "/projects?year=all&status=" + [&names] {
        std::string list;
        for (const auto& name : names) list += (list.empty() ? "" : ",") + name;
        return list;
    }();
    query.columns = "p.id, p.name AS label, p.name AS label_en, '' AS party, '' AS party_en, p.status, p.budget_fen";
    query.from_where = "FROM projects p WHERE " + where.condition();
    query.params = where.params();
    query.order_by = "p.code, p.id";
    return store::read_work_queue(tx, query, [](WorkItem& item, const store::Row& row) {
        item.amount_fen = row.i64("budget_fen");
        item.tag = row.text("status");
        item.route = "/projects/" + item.id;
    });
}

Result<std::vector<CountyYearFigures>> county_year_figures(store::Tx& tx, const store::SqlQuery& where) {
    KL_TRY_ASSIGN(store::Rows rows, tx.query(
        "SELECT p.county_code, p.year, COUNT(*) AS planned, "
        "SUM(CASE WHEN p.status IN ('started', 'completed', 'accepted', 'closed') THEN 1 ELSE 0 END) AS started, "
        "SUM(CASE WHEN p.status IN ('completed', 'accepted', 'closed') THEN 1 ELSE 0 END) AS completed, "
        "SUM(p.budget_fen) AS budget, "
        "SUM((SELECT COALESCE(SUM(c.value_fen), 0) FROM contracts c WHERE c.project_id = p.id) + "
        "(SELECT COALESCE(SUM(m.delta_fen), 0) FROM contract_modifications m JOIN contracts c ON c.id = m.contract_id "
        "WHERE c.project_id = p.id)) AS committed, "
        "SUM((SELECT COALESCE(SUM(r.amount_fen), 0) FROM payment_requests r WHERE r.project_id = p.id "
        "AND r.status = 'paid')) AS disbursed, "
        "SUM((SELECT COUNT(*) FROM risk_flags f WHERE f.project_id = p.id AND f.status = 'open')) AS open_flags "
        "FROM projects p JOIN counties k ON k.code = p.county_code WHERE " + where.condition() +
        " GROUP BY p.county_code, p.year, k.sort_order ORDER BY p.year, k.sort_order", where.params()));
    std::vector<CountyYearFigures> out;
    for (const auto& row : rows) {
        CountyYearFigures figures;
        figures.county = row.text("county_code");
        figures.year = row.i64("year");
        figures.planned = row.i64("planned");
        figures.started = row.i64("started");
        figures.completed = row.i64("completed");
        figures.budget_fen = row.i64("budget");
        figures.committed_fen = row.i64("committed");
        figures.disbursed_fen = row.i64("disbursed");
        figures.open_flags = row.i64("open_flags");
        out.push_back(figures);
    }
    return out;
}

Result<std::vector<ProjectCountyYear>> project_county_years(store::Tx& tx, const store::SqlQuery& where) {
    return store::query_as(tx, "SELECT p.id, p.county_code, p.year FROM projects p WHERE " + where.condition(), where.params(),
                           [](const store::Row& row) {
                               return ProjectCountyYear{row.text("id"), row.text("county_code"), row.i64("year")};
                           });
}

}  // namespace kl::projects

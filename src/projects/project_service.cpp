#include "projects/project_service.h"

#include "audit/canonical_json.h"
#include "catalog/catalog_access.h"
#include "core/field_errors.h"
#include "core/identifier.h"
#include "projects/project_access.h"
#include "projects/project_repo.h"

namespace kl::projects {

namespace {

std::string project_body(const Project& project) {
    return audit::CanonicalJson()
        .add("code", project.fields.code)
        .add("name", project.fields.name)
        .add("county", project.fields.county)
        .add("sector", to_string(project.fields.sector))
        .add("year", project.fields.year)
        .add("budget_fen", project.fields.budget_fen)
        .add("status", to_string(project.status))
        .str();
}

bool is_hex_lower(const std::string& text) {
    return text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

struct Transition {
    ProjectStatus from, to;
    bool county_officer_may;  // besides fund officers and admin
    const char* date_column;
};

constexpr Transition transitions[] = {
    {ProjectStatus::planned, ProjectStatus::approved, false, "approved_on"},
    {ProjectStatus::approved, ProjectStatus::started, true, "started_on"},
    {ProjectStatus::started, ProjectStatus::completed, true, "completed_on"},
    {ProjectStatus::completed, ProjectStatus::accepted, false, "accepted_on"},
    {ProjectStatus::accepted, ProjectStatus::closed, false, "closed_on"},
};

const Transition* find_transition(ProjectStatus to) {
    for (const auto& transition : transitions) {
        if (transition.to == to) return &transition;
    }
    return nullptr;
}

Result<void> check_county(store::Tx& tx, const std::string& county) {
    KL_TRY_ASSIGN(bool known, county_exists(tx, county));
    if (!known) return fail_field("county", ProblemCode::unknown_reference, "is not one of the aided counties");
    return ok();
}

Result<void> require_unclosed(const Project& project) {
    if (project.status == ProjectStatus::closed) {
        return fail(ErrorCode::conflict, "project " + project.fields.code + " is closed");
    }
    return ok();
}

// Look-alike codes count as one (core/identifier.h); said by the check inside the write and by the
// unique index on code_key when two writes race past it.
Error project_code_taken() {
    Error error{ErrorCode::already_exists, "code: another project has this code", {}};
    error.fields.push_back(FieldError{"code", ProblemCode::duplicate, "is already used by another project (compared ignoring case, width, "
                                              "dash forms and surrounding spaces)"});
    return error;
}

template <typename T>
Result<T> code_race_answered(Result<T> written) {
    if (!written && written.error().code == ErrorCode::already_exists) return fail(project_code_taken());
    return written;
}

}  // namespace

Result<void> check_project_fields(const ProjectFields& fields) {
    FieldErrors errors;
    errors.check_text("code", fields.code, 1, project_code_chars_max, TextKind::identifier);
    errors.check_text("name", fields.name, 1, name_chars_max);
    errors.check_text("county", fields.county, 1, record_id_chars_max);
    if (fields.year < project_year_min || fields.year > project_year_max) {
        errors.add("year", ProblemCode::out_of_range, "must be between " + std::to_string(project_year_min) + " and " +
                               std::to_string(project_year_max));
    }
    if (fields.budget_fen <= 0 || fields.budget_fen > budget_fen_max) {
        errors.add("budget_fen", ProblemCode::out_of_range, "must be between 1 and " + std::to_string(budget_fen_max) + " fen");
    }
    return errors.finish();
}

Result<Project> ProjectService::writable_project(store::Tx& tx, const std::optional<access::Principal>& actor,
                                                 const std::string& id) {
    KL_TRY_ASSIGN(Project project, require_project(tx, id));
    KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
    KL_TRY(require_project_read(scope, project));
    KL_TRY(require_project_write(scope, project.fields.county));
    return project;
}

Result<Project> ProjectService::create(const std::optional<access::Principal>& actor, const ProjectFields& fields) {
    KL_TRY(check_project_fields(fields));
    const std::string code_key = identifier_key(fields.code);
    return code_race_answered(context_.store.write([&](store::Tx& tx) -> Result<Project> {
        KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
        KL_TRY(require_project_write(scope, fields.county));
        KL_TRY(check_county(tx, fields.county));
        KL_TRY_ASSIGN(bool taken, code_key_in_use(tx, code_key, std::nullopt));
        if (taken) return fail(project_code_taken());
        const std::string id = context_.ids.next();
        const std::optional<std::string> created_by = user_id_of(actor);
        KL_TRY(insert_project(tx, id, fields, code_key, created_by, context_.clock.now_ms()));
        KL_TRY_ASSIGN(Project made, require_project(tx, id));
        KL_TRY(audit(tx, context_, actor, "project.create", "project", id, project_body(made)));
        return made;
    }));
}

Result<Project> ProjectService::update(const std::optional<access::Principal>& actor, const std::string& id,
                                       const ProjectFields& fields) {
    KL_TRY(check_project_fields(fields));
    const std::string code_key = identifier_key(fields.code);
    return code_race_answered(context_.store.write([&](store::Tx& tx) -> Result<Project> {
        KL_TRY_ASSIGN(Project project, writable_project(tx, actor, id));
        if (project.status != ProjectStatus::planned) {
            return fail(ErrorCode::conflict, ProblemCode::wrong_state,
                        "a project's fields change only while it is planned; it is " + std::string(to_string(project.status)),
                        {{"record", "project"}, {"status", to_string(project.status)}, {"action", "edit"}});
        }
        KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
        KL_TRY(require_project_write(scope, fields.county));  // a county officer cannot move it away
        KL_TRY(check_county(tx, fields.county));
        KL_TRY_ASSIGN(bool taken, code_key_in_use(tx, code_key, id));
        if (taken) return fail(project_code_taken());
        KL_TRY(update_project_fields(tx, id, fields, code_key, context_.clock.now_ms()));
        KL_TRY_ASSIGN(Project updated, require_project(tx, id));
        KL_TRY(audit(tx, context_, actor, "project.update", "project", id, project_body(updated)));
        return updated;
    }));
}

Result<ProjectDetail> ProjectService::get(const std::optional<access::Principal>& actor, const std::string& id) {
    return context_.store.read([&](store::Tx& tx) -> Result<ProjectDetail> {
        KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
        ProjectDetail detail;
        KL_TRY_ASSIGN(detail.project, require_project(tx, id));
        KL_TRY(require_project_read(scope, detail.project));
        KL_TRY_ASSIGN(detail.milestones, query_milestones(tx, id));
        KL_TRY_ASSIGN(detail.progress, project_progress(tx, id));
        KL_TRY_ASSIGN(detail.inspections, project_inspections(tx, id));
        KL_TRY_ASSIGN(detail.attachments, query_attachments(tx, id));
        return detail;
    });
}

Result<ProjectPage> ProjectService::list(const std::optional<access::Principal>& actor, const ProjectFilter& filter,
                                         int limit, const std::optional<std::string>& cursor) {
    ProjectPage page;
    KL_TRY_ASSIGN(page.projects,
                  scoped_page(
                      context_.store, limit, cursor, page.next_cursor,
                      [&](store::Tx& tx) -> Result<Scope> {
                          KL_TRY_ASSIGN(Scope scope, scope_of(tx, actor));
                          KL_TRY(catalog::check_county_filter(tx, actor, filter.county));
                          if (scope.kind == Scope::Kind::counterparty) {
                              return fail(ErrorCode::permission_denied,
                                          "project records are for the Front Command, the auditor and county officers");
                          }
                          return scope;
                      },
                      [&](store::Tx& tx, const ListScope& rows, const auto& after) {
                          return list_projects(tx, filter, rows, after, limit);
                      }));
    return page;
}

Result<Project> ProjectService::transition(const std::optional<access::Principal>& actor, const std::string& id,
                                           ProjectStatus to, std::optional<Date> on) {
    const Date date = on.value_or(today());
    return context_.store.write([&](store::Tx& tx) -> Result<Project> {
        KL_TRY_ASSIGN(Project project, writable_project(tx, actor, id));
        const Transition* transition = find_transition(to);
        if (transition == nullptr || transition->from != project.status) {
            return fail(ErrorCode::conflict, ProblemCode::wrong_state,
                        "a project cannot move from " + std::string(to_string(project.status)) + " to " +
                            std::string(to_string(to)),
                        {{"record", "project"}, {"status", to_string(project.status)}, {"action", to_string(to)}});
        }
        if (!transition->county_officer_may) {
            KL_TRY(require_fund_officer(actor, "make a project " + std::string(to_string(to))));
        }
        if (to == ProjectStatus::approved) {
            KL_TRY(context_.funds.open_project_accounts(tx, project.id, project.fields.county, project.fields.budget_fen));
        }
        if (to == ProjectStatus::closed) {
            KL_TRY_ASSIGN(int64_t pending, count_pending_payments(tx, id));
            if (pending > 0) {
                return fail(ErrorCode::failed_precondition, "the project has " + std::to_string(pending) +
                                                                " payment requests still submitted or approved");
            }
            KL_TRY_ASSIGN(bool settled, context_.funds.project_settled(tx, id));
            if (!settled) {
                return fail(ErrorCode::failed_precondition,
                            "the project's accounts are not settled (quota left or transfers pending)");
            }
            KL_TRY(context_.funds.close_project_accounts(tx, id));
        }
        KL_TRY(update_project_status(tx, id, to, transition->date_column, date, context_.clock.now_ms()));
        KL_TRY_ASSIGN(Project moved, require_project(tx, id));
        KL_TRY(audit(tx, context_, actor, "project." + std::string(to_string(to)), "project", id,
                     audit::CanonicalJson().add("from", to_string(project.status)).add("to", to_string(to))
                         .add("on", kl::format_date(date)).str()));
        return moved;
    });
}

Result<Milestone> ProjectService::add_milestone(const std::optional<access::Principal>& actor,
                                                const std::string& project_id, const std::string& name, Date due_on) {
    FieldErrors errors;
    errors.check_text("name", name, 1, name_chars_max);
    KL_TRY(errors.finish());
    return context_.store.write([&](store::Tx& tx) -> Result<Milestone> {
        KL_TRY_ASSIGN(Project project, writable_project(tx, actor, project_id));
        KL_TRY(require_unclosed(project));
        Milestone made{context_.ids.next(), project_id, name, due_on, std::nullopt};
        KL_TRY(insert_milestone(tx, made, context_.clock.now_ms()));
        KL_TRY(audit(tx, context_, actor, "milestone.create", "milestone", made.id,
                     audit::CanonicalJson().add("project_id", project_id).add("name", name)
                         .add("due_on", kl::format_date(due_on)).str()));
        return made;
    });
}

Result<Milestone> ProjectService::complete_milestone(const std::optional<access::Principal>& actor,
                                                     const std::string& milestone_id, Date done_on) {
    return context_.store.write([&](store::Tx& tx) -> Result<Milestone> {
        KL_TRY_ASSIGN(std::optional<std::string> owner, find_milestone_project(tx, milestone_id));
        if (!owner) return fail(ErrorCode::not_found, "milestone " + milestone_id + " not found");
        KL_TRY_ASSIGN(Project project, writable_project(tx, actor, *owner));
        KL_TRY(require_unclosed(project));
        KL_TRY(update_milestone_done(tx, milestone_id, done_on));
        KL_TRY(audit(tx, context_, actor, "milestone.done", "milestone", milestone_id,
                     audit::CanonicalJson().add("done_on", kl::format_date(done_on)).str()));
        KL_TRY_ASSIGN(auto milestones, query_milestones(tx, project.id));
        for (auto& milestone : milestones) {
            if (milestone.id == milestone_id) return milestone;
        }
        return fail(ErrorCode::internal, "milestone vanished");
    });
}

Result<ProgressReport> ProjectService::report_progress(const std::optional<access::Principal>& actor,
                                                       const std::string& project_id, Date as_of, int64_t pct,
                                                       ProgressBasis basis, const std::string& note) {
    FieldErrors errors;
    if (pct < 0 || pct > 100) errors.add("pct", ProblemCode::out_of_range, "must be between 0 and 100");
    errors.check_text("note", note, 0, note_chars_max, TextKind::prose);
    KL_TRY(errors.finish());
    return context_.store.write([&](store::Tx& tx) -> Result<ProgressReport> {
        KL_TRY_ASSIGN(Project project, writable_project(tx, actor, project_id));
        if (project.status != ProjectStatus::started && project.status != ProjectStatus::completed) {
            return fail(ErrorCode::conflict, ProblemCode::wrong_state,
                        "progress is reported on started or completed projects; this one is " +
                            std::string(to_string(project.status)),
                        {{"record", "project"}, {"status", to_string(project.status)}, {"action", "report_progress"}});
        }
        const std::string id = context_.ids.next();
        const ProgressReport report{id, project_id, as_of, pct, basis, note,
                                    user_id_of(actor), std::nullopt};
        KL_TRY(insert_progress(tx, report, context_.clock.now_ms()));
        KL_TRY(audit(tx, context_, actor, "progress.report", "progress", id,
                     audit::CanonicalJson().add("project_id", project_id).add("pct", pct).add("basis", to_string(basis))
                         .add("as_of", kl::format_date(as_of)).str()));
        return require_progress(tx, id);
    });
}

Result<ProgressReport> ProjectService::verify_progress(const std::optional<access::Principal>& actor,
                                                       const std::string& progress_id) {
    return context_.store.write([&](store::Tx& tx) -> Result<ProgressReport> {
        KL_TRY_ASSIGN(ProgressReport report, require_progress(tx, progress_id));
        KL_TRY_ASSIGN(Project project, writable_project(tx, actor, report.project_id));
        KL_TRY(require_fund_officer(actor, "verify progress"));
        if (report.verified_by) return fail(ErrorCode::conflict, "progress report " + progress_id + " is already verified");
        if (report.pct < project.progress_pct) {
            return fail(ErrorCode::failed_precondition, "verified progress never goes back: the project is at " +
                                                            std::to_string(project.progress_pct) + " %");
        }
        KL_TRY(update_progress_verified(tx, progress_id, actor_name(actor), context_.clock.now_ms()));
        KL_TRY(update_project_progress(tx, project.id, report.pct, report.basis, context_.clock.now_ms()));
        KL_TRY(audit(tx, context_, actor, "progress.verify", "progress", progress_id,
                     audit::CanonicalJson().add("project_id", project.id).add("pct", report.pct).str()));
        return require_progress(tx, progress_id);
    });
}

Result<Inspection> ProjectService::add_inspection(const std::optional<access::Principal>& actor,
                                                  const std::string& project_id, const InspectionInput& input) {
    FieldErrors errors;
    errors.check_text("inspector", input.inspector, 1, name_chars_max);
    errors.check_text("findings", input.findings, 1, note_chars_max, TextKind::prose);
    if (!input.passed && !input.rectify_by) errors.add("rectify_by", ProblemCode::required, "is required when the inspection did not pass");
    if (input.rectify_by && *input.rectify_by < input.inspected_on) errors.add("rectify_by", ProblemCode::before_other_field, "must not be before inspected_on");
    KL_TRY(errors.finish());
    return context_.store.write([&](store::Tx& tx) -> Result<Inspection> {
        KL_TRY_ASSIGN(Project project, writable_project(tx, actor, project_id));
        KL_TRY(require_unclosed(project));
        const std::string id = context_.ids.next();
        const Inspection made{id, project_id, input.kind, input.inspected_on, input.inspector, input.findings,
                              input.passed, input.rectify_by, std::nullopt};
        KL_TRY(insert_inspection(tx, made, context_.clock.now_ms()));
        KL_TRY(audit(tx, context_, actor, "inspection.create", "inspection", id,
                     audit::CanonicalJson().add("project_id", project_id).add("kind", to_string(input.kind))
                         .add("passed", input.passed).add("findings", input.findings).str()));
        return require_inspection(tx, id);
    });
}

Result<Inspection> ProjectService::rectify(const std::optional<access::Principal>& actor,
                                           const std::string& inspection_id, Date rectified_on) {
    return context_.store.write([&](store::Tx& tx) -> Result<Inspection> {
        KL_TRY_ASSIGN(Inspection found, require_inspection(tx, inspection_id));
        KL_TRY_ASSIGN(Project project, writable_project(tx, actor, found.project_id));
        if (found.passed) return fail(ErrorCode::conflict, "this inspection passed; there is nothing to rectify");
        if (found.rectified_on) return fail(ErrorCode::conflict, "already rectified");
        if (rectified_on < found.inspected_on) {
            return fail_field("rectified_on", ProblemCode::before_other_field, "must not be before the inspection");
        }
        KL_TRY(update_inspection_rectified(tx, inspection_id, rectified_on));
        KL_TRY(audit(tx, context_, actor, "inspection.rectified", "inspection", inspection_id,
                     audit::CanonicalJson().add("project_id", project.id).add("rectified_on", kl::format_date(rectified_on)).str()));
        return require_inspection(tx, inspection_id);
    });
}

Result<Attachment> ProjectService::add_attachment(const std::optional<access::Principal>& actor,
                                                  const std::string& project_id, const std::string& file_name,
                                                  const std::string& sha256, int64_t size_bytes) {
    FieldErrors errors;
    errors.check_text("file_name", file_name, 1, file_name_chars_max);
    if (!errors.has("file_name") && file_name.find_first_of("/\\") != std::string::npos) {
        errors.add("file_name", ProblemCode::invalid_value, "is a name, not a path");
    }
    if (sha256.size() != 64 || !is_hex_lower(sha256)) errors.add("sha256", ProblemCode::bad_format, "must be 64 lowercase hex digits");
    if (size_bytes <= 0 || size_bytes > attachment_bytes_max) {
        errors.add("size_bytes", ProblemCode::out_of_range, "must be between 1 and " + std::to_string(attachment_bytes_max));
    }
    KL_TRY(errors.finish());
    return context_.store.write([&](store::Tx& tx) -> Result<Attachment> {
        KL_TRY_ASSIGN(Project project, writable_project(tx, actor, project_id));
        KL_TRY(require_unclosed(project));
        Attachment made{context_.ids.next(), project_id, file_name, sha256, size_bytes,
                        user_id_of(actor)};
        KL_TRY(insert_attachment(tx, made, context_.clock.now_ms()));
        KL_TRY(audit(tx, context_, actor, "attachment.create", "attachment", made.id,
                     audit::CanonicalJson().add("project_id", project_id).add("file_name", file_name).add("sha256", sha256)
                         .add("size_bytes", size_bytes).str()));
        return made;
    });
}


}  // namespace kl::projects

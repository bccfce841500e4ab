#pragma once
// Aid construction projects: the record, its life cycle, milestones, progress with its basis,
// quality and safety inspections, and attachments by reference. Permissions: project_access.h.
//
// Life cycle (409 conflict for any other move; 403 when the role may not make it):
//   planned   → approved    fund officer, admin   opens the project's accounts (FundsPort)
//   approved  → started     + the county officer of the project's county
//   started   → completed   + the county officer of the project's county
//   completed → accepted    fund officer, admin   (acceptance: retention may then be released)
//   accepted  → closed      fund officer, admin   only when no request is submitted or approved and
//                                                 FundsPort::project_settled; closes the accounts
// Fields (code, name, sector, year, budget) change only while planned. Every change is audited.

#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "projects/project_context.h"
#include "projects/project_types.h"

namespace kl::projects {

inline constexpr size_t project_code_chars_max = 40;
inline constexpr size_t name_chars_max = 200;
inline constexpr size_t note_chars_max = 2000;
inline constexpr size_t file_name_chars_max = 255;
inline constexpr int64_t attachment_bytes_max = 2LL * 1024 * 1024 * 1024;
inline constexpr int64_t project_year_min = 2010;
inline constexpr int64_t project_year_max = 2100;
// ¥10 billion: above any single aid project (the Development Zone's 37 projects total ¥3 billion).
inline constexpr int64_t budget_fen_max = 1'000'000'000'000LL;

struct ProjectPage {
    std::vector<Project> projects;
    std::optional<std::string> next_cursor;
};

// A project with everything its page shows.
struct ProjectDetail {
    Project project;
    std::vector<Milestone> milestones;
    std::vector<ProgressReport> progress;
    std::vector<Inspection> inspections;
    std::vector<Attachment> attachments;
};

struct InspectionInput {
    InspectionKind kind = InspectionKind::quality;
    Date inspected_on;
    std::string inspector, findings;
    bool passed = true;
    std::optional<Date> rectify_by;  // required when not passed
};

// invalid_argument naming each bad field (shared with the CSV/JSON decoders).
Result<void> check_project_fields(const ProjectFields& fields);

class ProjectService {
public:
    explicit ProjectService(ProjectContext& context) : context_(context) {}

    Result<Project> create(const std::optional<access::Principal>& actor, const ProjectFields& fields);
    Result<Project> update(const std::optional<access::Principal>& actor, const std::string& id, const ProjectFields& fields);
    Result<ProjectDetail> get(const std::optional<access::Principal>& actor, const std::string& id);
    Result<ProjectPage> list(const std::optional<access::Principal>& actor, const ProjectFilter& filter, int limit,
                             const std::optional<std::string>& cursor);
    // `on` defaults to today (Shanghai).
    Result<Project> transition(const std::optional<access::Principal>& actor, const std::string& id, ProjectStatus to,
                               std::optional<Date> on = std::nullopt);

    Result<Milestone> add_milestone(const std::optional<access::Principal>& actor, const std::string& project_id,
                                    const std::string& name, Date due_on);
    Result<Milestone> complete_milestone(const std::optional<access::Principal>& actor, const std::string& milestone_id,
                                         Date done_on);
    Result<ProgressReport> report_progress(const std::optional<access::Principal>& actor, const std::string& project_id,
                                           Date as_of, int64_t pct, ProgressBasis basis, const std::string& note);
    // Fund officers verify; a verified report sets the project's progress and may be cited by payments.
    Result<ProgressReport> verify_progress(const std::optional<access::Principal>& actor, const std::string& progress_id);
    Result<Inspection> add_inspection(const std::optional<access::Principal>& actor, const std::string& project_id,
                                      const InspectionInput& input);
    Result<Inspection> rectify(const std::optional<access::Principal>& actor, const std::string& inspection_id,
                               Date rectified_on);
    Result<Attachment> add_attachment(const std::optional<access::Principal>& actor, const std::string& project_id,
                                      const std::string& file_name, const std::string& sha256, int64_t size_bytes);

    Date today() const { return kl::today_in_shanghai(context_.clock); }

private:
    // The project if the actor may write it (read first: a county officer of another county gets 403).
    Result<Project> writable_project(store::Tx& tx, const std::optional<access::Principal>& actor, const std::string& id);

    ProjectContext& context_;
};

}  // namespace kl::projects

// Projects: the life cycle (who may make each move, 409 on illegal ones), county scoping, fields,
// milestones, progress, inspections and attachments, and that every change is audited.
#include "projects_fixture.h"

namespace kl::projects::testing {
namespace {

class ProjectServiceTest : public ProjectsTest {};

TEST_P(ProjectServiceTest, LifeCycleFollowsTheTableAndCallsTheFundsPort) {
    Project made = must(p().projects.create(shache_officer, fields("SC-2023-01")), "create");
    EXPECT_EQ(made.status, ProjectStatus::planned);
    // A county officer may not approve; the fund officer may.
    auto refused = p().projects.transition(shache_officer, made.id, ProjectStatus::approved);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
    // Skipping a state is a conflict.
    auto skipped = p().projects.transition(fund, made.id, ProjectStatus::started);
    ASSERT_FALSE(skipped);
    EXPECT_EQ(skipped.error().code, ErrorCode::conflict);

    must(p().projects.transition(fund, made.id, ProjectStatus::approved, day(1, 5)), "approve");
    EXPECT_EQ(funds.calls, std::vector<std::string>{"open " + made.id});
    must(p().projects.transition(shache_officer, made.id, ProjectStatus::started, day(2, 1)), "start");
    must(p().projects.transition(shache_officer, made.id, ProjectStatus::completed, day(9, 1)), "complete");
    auto accepted_by_county = p().projects.transition(shache_officer, made.id, ProjectStatus::accepted);
    ASSERT_FALSE(accepted_by_county);
    EXPECT_EQ(accepted_by_county.error().code, ErrorCode::permission_denied);
    must(p().projects.transition(fund, made.id, ProjectStatus::accepted, day(10, 1)), "accept");
    Project closed = must(p().projects.transition(fund, made.id, ProjectStatus::closed, day(12, 1)), "close");
    EXPECT_EQ(closed.status, ProjectStatus::closed);
    ASSERT_TRUE(closed.approved_on.has_value());
    EXPECT_EQ(kl::format_date(*closed.approved_on), "2023-01-05");
    EXPECT_EQ(funds.calls.back(), "close " + made.id);
    for (const char* action : {"project.create", "project.approved", "project.started", "project.completed",
                               "project.accepted", "project.closed"}) {
        EXPECT_TRUE(audit.has(action)) << action;
    }
    // Nothing moves a closed project.
    auto again = p().projects.transition(fund, made.id, ProjectStatus::closed);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_P(ProjectServiceTest, CloseWaitsForSettledAccounts) {
    auto [project, progress] = started("SC-2023-02");
    must(p().projects.transition(fund, project.id, ProjectStatus::completed), "complete");
    must(p().projects.transition(fund, project.id, ProjectStatus::accepted), "accept");
    funds.settled = false;
    auto refused = p().projects.transition(fund, project.id, ProjectStatus::closed);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::failed_precondition);
    EXPECT_EQ(must(p().projects.get(fund, project.id), "get").project.status, ProjectStatus::accepted);
}

TEST_P(ProjectServiceTest, CountyOfficersSeeAndEditOnlyTheirCounty) {
    Project shache = must(p().projects.create(std::nullopt, fields("SC-1")), "shache");
    Project zepu = must(p().projects.create(std::nullopt, fields("ZP-1", "zepu")), "zepu");
    auto page = must(p().projects.list(shache_officer, {}, 50, std::nullopt), "list");
    ASSERT_EQ(page.projects.size(), 1u);
    EXPECT_EQ(page.projects[0].id, shache.id);
    EXPECT_EQ(must(p().projects.list(fund, {}, 50, std::nullopt), "all").projects.size(), 2u);
    auto other = p().projects.get(shache_officer, zepu.id);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::permission_denied);
    auto edit = p().projects.update(shache_officer, zepu.id, fields("ZP-1", "zepu"));
    ASSERT_FALSE(edit);
    EXPECT_EQ(edit.error().code, ErrorCode::permission_denied);
    // Creating for another county, or moving one's own project away, is refused too.
    EXPECT_FALSE(p().projects.create(shache_officer, fields("ZP-2", "zepu")));
    EXPECT_FALSE(p().projects.update(shache_officer, shache.id, fields("SC-1", "zepu")));
    // Producers see no projects; the auditor sees all but changes nothing.
    EXPECT_EQ(p().projects.list(contractor, {}, 50, std::nullopt).error().code, ErrorCode::permission_denied);
    EXPECT_EQ(must(p().projects.list(auditor, {}, 50, std::nullopt), "auditor").projects.size(), 2u);
    EXPECT_EQ(p().projects.create(auditor, fields("AU-1")).error().code, ErrorCode::permission_denied);
}

TEST_P(ProjectServiceTest, BadFieldsAreNamedAndNothingIsWritten) {
    const int64_t audit_rows = count_rows("audit_events");
    ProjectFields bad{"", "x", "shanghai", Sector::housing, 1999, 0};
    auto made = p().projects.create(fund, bad);
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().code, ErrorCode::invalid_argument);
    std::vector<std::string> named;
    for (const auto& field : made.error().fields) named.push_back(field.field);
    EXPECT_EQ(named, (std::vector<std::string>{"code", "year", "budget_fen"}));
    auto county = p().projects.create(fund, fields("X-1", "shanghai"));
    ASSERT_FALSE(county);
    EXPECT_EQ(county.error().fields.at(0).field, "county");
    must(p().projects.create(fund, fields("X-2")), "first");
    auto duplicate = p().projects.create(fund, fields("X-2"));
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, ErrorCode::already_exists);
    EXPECT_EQ(count_rows("projects"), 1);
    EXPECT_EQ(count_rows("audit_events"), audit_rows + 1);
}

TEST_P(ProjectServiceTest, FieldsChangeOnlyWhilePlanned) {
    auto [project, progress] = started("SC-3");
    auto edit = p().projects.update(fund, project.id, fields("SC-3"));
    ASSERT_FALSE(edit);
    EXPECT_EQ(edit.error().code, ErrorCode::conflict);
}

TEST_P(ProjectServiceTest, ProgressIsVerifiedByTheFundOfficerAndNeverGoesBack) {
    auto [project, first] = started("SC-4", "shache", 500'000'000, 40);
    auto report = must(p().projects.report_progress(shache_officer, project.id, day(5, 1), 60, ProgressBasis::cost, "walls"),
                       "report");
    EXPECT_FALSE(report.verified_by);
    EXPECT_EQ(p().projects.verify_progress(shache_officer, report.id).error().code, ErrorCode::permission_denied);
    must(p().projects.verify_progress(fund, report.id), "verify");
    auto detail = must(p().projects.get(fund, project.id), "get");
    EXPECT_EQ(detail.project.progress_pct, 60);
    EXPECT_EQ(detail.project.progress_basis, ProgressBasis::cost);
    auto lower = must(p().projects.report_progress(shache_officer, project.id, day(6, 1), 30, ProgressBasis::cost, ""), "r");
    EXPECT_EQ(p().projects.verify_progress(fund, lower.id).error().code, ErrorCode::failed_precondition);
    EXPECT_EQ(p().projects.report_progress(fund, project.id, day(6, 1), 101, ProgressBasis::cost, "").error().fields.at(0).field,
              "pct");
}

TEST_P(ProjectServiceTest, MilestonesInspectionsAndAttachments) {
    auto [project, progress] = started("SC-5");
    auto milestone = must(p().projects.add_milestone(shache_officer, project.id, "Foundations", day(5, 1)), "milestone");
    must(p().projects.complete_milestone(shache_officer, milestone.id, day(4, 28)), "done");
    InspectionInput failed{InspectionKind::safety, day(4, 2), "Safety bureau", "scaffold without rails", false, std::nullopt};
    auto missing = p().projects.add_inspection(shache_officer, project.id, failed);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().fields.at(0).field, "rectify_by");
    failed.rectify_by = day(4, 16);
    auto inspection = must(p().projects.add_inspection(shache_officer, project.id, failed), "inspection");
    must(p().projects.rectify(shache_officer, inspection.id, day(4, 12)), "rectify");
    EXPECT_EQ(p().projects.rectify(shache_officer, inspection.id, day(4, 13)).error().code, ErrorCode::conflict);
    const std::string sha(64, 'a');
    must(p().projects.add_attachment(shache_officer, project.id, "acceptance.pdf", sha, 12345), "attach");
    auto bad = p().projects.add_attachment(shache_officer, project.id, "../x.pdf", "ABC", 0);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().fields.size(), 3u);
    EXPECT_EQ(p().projects.add_milestone(zepu_officer, project.id, "x", day(5, 1)).error().code,
              ErrorCode::permission_denied);
    auto detail = must(p().projects.get(auditor, project.id), "get");
    ASSERT_EQ(detail.milestones.size(), 1u);
    EXPECT_TRUE(detail.milestones[0].done_on.has_value());
    ASSERT_EQ(detail.inspections.size(), 1u);
    EXPECT_TRUE(detail.inspections[0].rectified_on.has_value());
    ASSERT_EQ(detail.attachments.size(), 1u);
    EXPECT_EQ(detail.attachments[0].sha256, sha);
    EXPECT_TRUE(audit.has("inspection.rectified"));
    EXPECT_TRUE(audit.has("attachment.create"));
}

TEST_P(ProjectServiceTest, ListsPageByCursor) {
    for (int index = 0; index < 5; ++index) {
        must(p().projects.create(std::nullopt, fields("P-" + std::to_string(index))), "create");
        stack().clock.advance_ms(1);
    }
    auto first = must(p().projects.list(fund, {}, 2, std::nullopt), "first");
    ASSERT_EQ(first.projects.size(), 2u);
    ASSERT_TRUE(first.next_cursor);
    auto second = must(p().projects.list(fund, {}, 2, first.next_cursor), "second");
    auto third = must(p().projects.list(fund, {}, 2, second.next_cursor), "third");
    EXPECT_EQ(third.projects.size(), 1u);
    EXPECT_FALSE(third.next_cursor);
    EXPECT_EQ(p().projects.list(fund, {}, 0, std::nullopt).error().fields.at(0).field, "limit");
    EXPECT_EQ(p().projects.list(fund, {}, 10, std::string("zz")).error().fields.at(0).field, "cursor");
}

INSTANTIATE_TEST_SUITE_P(Backends, ProjectServiceTest, ::testing::ValuesIn(test::backends_under_test()));

}  // namespace
}  // namespace kl::projects::testing

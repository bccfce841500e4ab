#pragma once
// Risk flags: raised by the rules (risk_rules.h) on every payment request and contract and by the
// nightly scan; reviewed by a fund officer or the auditor, who confirms or dismisses each with a
// reason. Thresholds live in risk_settings (admin changes them; every change is audited).
//
// Who may: list flags — programme-wide roles all, a county officer its county's; review — fund
// officer and auditor (the auditor's one write: reviewing is what auditors do); scan and settings
// changes — admin (and `kashlink risk scan`).

#include <optional>
#include <string>
#include <vector>

#include "access/principal.h"
#include "core/daily_job.h"
#include "projects/project_context.h"
#include "projects/risk_rules.h"

namespace kl::projects {

inline constexpr size_t review_reason_chars_max = 2000;

// Inserts the findings not raised before (by fingerprint) as open flags, audited. Returns the ids of
// the new flags.
Result<std::vector<std::string>> raise_findings(store::Tx& tx, const ProjectContext& context,
                                                const std::optional<access::Principal>& actor,
                                                const std::vector<Finding>& findings);

struct ScanSummary {
    int64_t contracts = 0, requests = 0, new_flags = 0;
};

class RiskService {
public:
    explicit RiskService(ProjectContext& context) : context_(context) {}

    Result<std::vector<RiskFlag>> list(const std::optional<access::Principal>& actor, const FlagFilter& filter, int limit,
                                       const std::optional<std::string>& cursor, std::optional<std::string>& next_cursor);
    Result<RiskFlag> get(const std::optional<access::Principal>& actor, const std::string& id);
    Result<RiskFlag> review(const std::optional<access::Principal>& actor, const std::string& id, FlagStatus decision,
                            const std::string& reason);
    // Every rule over every contract, every live request and the programme (the nightly scan).
    Result<ScanSummary> scan(const std::optional<access::Principal>& actor);

    Result<RiskSettings> settings(const std::optional<access::Principal>& actor);
    // Changes the named values (invalid_argument naming an unknown name or a value out of range).
    Result<RiskSettings> update_settings(const std::optional<access::Principal>& actor,
                                         const std::map<std::string, int64_t>& values);

private:
    ProjectContext& context_;
};

// The nightly scan runs at 02:00 Shanghai time, after the day's payments and the day-end sweep.
inline constexpr int64_t nightly_scan_local_time_ms = 2 * 60 * 60 * 1000;

// The scan as a daily job's run (the system, not a user, is its actor), described for the log.
DailyJob::Run nightly_risk_scan(RiskService& risk);

}  // namespace kl::projects

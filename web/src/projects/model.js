// Names and small helpers of the projects pages (pure functions, unit-tested in web/test).

export const PROJECT_STATUSES = ['planned', 'approved', 'started', 'completed', 'accepted', 'closed'];
export const SECTORS = ['industry', 'agriculture', 'education', 'medical', 'housing', 'culture', 'infrastructure', 'other'];
export const PAYMENT_STATUSES = ['submitted', 'approved', 'paid', 'rejected'];
export const COUNTY_CODES = ['shache', 'zepu', 'yecheng', 'bachu'];
// The roles that write project records (projects/project_access.h): a county officer its county's.
export const PROJECT_WRITERS = ['admin', 'fund_officer', 'county_officer'];
// Verifying progress is the Front Command's decision (admin, fund officers).
export const PROGRESS_VERIFIERS = ['admin', 'fund_officer'];

// The next status of a project and who may move it there (the server decides; this only offers
// the button to roles that could press it).
const NEXT = { planned: 'approved', approved: 'started', started: 'completed', completed: 'accepted', accepted: 'closed' };
const COUNTY_MOVES = new Set(['started', 'completed']);

/** The status a project may move to next, or null when it is closed. */
export function nextStatus(status) {
    return NEXT[status] ?? null;
}

/** Whether `role` is offered the move to `to` (fund officers and admin all; county officers start and complete). */
export function mayMove(role, to) {
    if (!to) return false;
    if (role === 'admin' || role === 'fund_officer') return true;
    return role === 'county_officer' && COUNTY_MOVES.has(to);
}

/** Basis points as a percent text: 4112 → "41.12%". */
export function bpPercent(bp) {
    const value = Number(bp ?? 0);
    return `${(value / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

/** The query string of the projects list from its filters (empty values left out). */
export function projectsQuery(filters, extra = {}) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...filters, ...extra })) {
        if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
    }
    return query.toString();
}

// The roles GET /system/daily-jobs answers (src/http/routes/system_routes.cpp): the ones who review
// risk flags and the administrator.
export const DAILY_JOB_ROLES = ['admin', 'fund_officer', 'auditor'];
export const NIGHTLY_SCAN_JOB = 'nightly risk scan';

/** The latest run of `job` among the runs the server listed (newest first), or null. */
export function latestRun(runs, job) {
    return (runs ?? []).find((run) => run.job === job) ?? null;
}

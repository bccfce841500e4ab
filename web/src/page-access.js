// Which roles each page is for. The server decides every permission (access/permissions.h); this
// table only keeps the console from offering a page whose API would refuse the role, or that would
// show it nothing: an organisation-scoped role sees only its own organisation's records, so a buyer
// has no offers, a producer no demands, and a logistics firm neither. A page missing here is for
// every signed-in user. The end-to-end suite walks every role through every page it is offered and
// checks that none is refused (tests/e2e/run.mjs, "each role is offered only the pages it may use").
export const ROLES = ['admin', 'fund_officer', 'county_officer', 'producer', 'buyer', 'logistics', 'auditor'];

const PROGRAMME = ['admin', 'fund_officer', 'auditor'];

export const PAGE_ROLES = {
    'product-new': ['admin', 'producer'],
    'product-edit': ['admin', 'producer'],
    reports: [...PROGRAMME, 'buyer'],
    offers: [...PROGRAMME, 'producer'],
    demands: [...PROGRAMME, 'buyer'],
    allocations: [...PROGRAMME, 'producer', 'buyer'],
    allocation: [...PROGRAMME, 'producer', 'buyer'],
    // Funds tree: fund officers and auditors read every account, county officers their county's;
    // the administrator runs the platform, not the money (the API refuses it).
    funds: ['fund_officer', 'auditor', 'county_officer'],
    audit: PROGRAMME,
    // The ledger's transfers: the roles the ledger's reads answer (ledger/ledger_service.h).
    ledger: ['fund_officer', 'auditor'],
    projects: [...PROGRAMME, 'county_officer'],
    project: [...PROGRAMME, 'county_officer'],
    flags: [...PROGRAMME, 'county_officer'],
    servicebook: [...PROGRAMME, 'county_officer'],
    // The users API answers the administrator (who adds them) and the auditor (who reads them).
    users: ['admin', 'auditor'],
    // The backups (GET /api/v1/system/backups): the administrator keeps the platform, the auditor checks it.
    backups: ['admin', 'auditor'],
    // Fairs: organisers (admins, and the users an event names: programme and county officers), the
    // exhibitors' and buyers' own organisations, and the programme's readers (src/fair/fair_service.h).
    fairs: [...PROGRAMME, 'county_officer', 'producer', 'buyer'],
    fair: [...PROGRAMME, 'county_officer', 'producer', 'buyer'],
    // An event's report: the programme's readers and county officers (their county's exhibitors); the
    // officers an event names as organisers are of these roles (src/fair/fair_report.h).
    'fair-report': [...PROGRAMME, 'county_officer'],
    // Lots: whom the trace module shows lots (src/trace/trace_access.h): the producers who record them,
    // county officers (their county's), carriers and buyers (what they carry and bought), and the
    // programme-wide readers.
    lots: [...PROGRAMME, 'county_officer', 'producer', 'buyer', 'logistics'],
    lot: [...PROGRAMME, 'county_officer', 'producer', 'buyer', 'logistics'],
    'lot-label': [...PROGRAMME, 'county_officer', 'producer', 'buyer', 'logistics'],
    // Recalls: whom the recall service shows them (src/trace/recall.h): the programme's readers, county
    // officers (their county's), producers (their lots'), buyers (those naming them); no carrier.
    recalls: [...PROGRAMME, 'county_officer', 'producer', 'buyer'],
    recall: [...PROGRAMME, 'county_officer', 'producer', 'buyer'],
};

/** Whether a user of `role` may open the page of route `routeId`. */
export function mayOpen(routeId, role) {
    const roles = PAGE_ROLES[routeId];
    return !roles || roles.includes(role);
}

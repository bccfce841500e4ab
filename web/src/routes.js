// The console's pages. A new page is one module under pages/ and one line here (and, if it belongs
// in the top bar, one in nav.js's NAV_GROUPS; a page not for every role, one in page-access.js). access: 'user' needs a session, 'guest' is for signed-out
// users only (signed-in users are sent on), 'any' is public (the catalogue, as the API's open
// routes are; and the trace page /t/:code). Earlier lines win: /products/new before /products/:id.
// `prefetch` (location, { includeCached } → API paths): what the page asks for first, which the boot
// starts beside /me (app.js startEarlyRequests) and the next load of the address starts before the
// bundle is evaluated (early.js, early-plan.js) — the pages whose warm load is benchmarked
// (bench/console_bench.mjs). includeCached: also reference data this tab has read already.
import { HomePage } from './pages/home.js';
import { LoginPage } from './pages/login.js';
import { NotFoundPage } from './pages/not-found.js';
import { ForbiddenPage } from './pages/forbidden.js';
import { CataloguePage, cataloguePrefetch } from './pages/catalogue.js';
import { ProductPage } from './pages/product.js';
import { ProductEditPage } from './pages/product-edit.js';
import { OrganisationsPage } from './pages/organisations.js';
import { OrganisationPage } from './pages/organisation.js';
import { OrdersPage, ordersPrefetch } from './pages/orders.js';
import { OrderPage } from './pages/order.js';
import { ReportsPage, reportsPrefetch } from './pages/reports.js';
import { OffersPage } from './pages/offers.js';
import { DemandsPage } from './pages/demands.js';
import { AllocationsPage, AllocationRunPage } from './pages/allocations.js';
import { FundsPage } from './pages/funds.js';
import { AuditPage } from './pages/audit.js';
import { ProjectsPage } from './pages/projects.js';
import { ProjectPage } from './pages/project.js';
import { PaymentsPage, paymentsPrefetch, paymentsTitleKey } from './pages/payments.js';
import { RiskFlagsPage } from './pages/risk-flags.js';
import { ServiceBookPage } from './pages/servicebook.js';
import { UsersPage } from './pages/users.js';
import { BackupsPage } from './pages/backups.js';
import { LedgerPage } from './pages/ledger.js';
import { FairsPage } from './fairs/events-page.js';
import { FairEventPage } from './fairs/event-page.js';
import { FairReportPage } from './fairs/report-page.js';
import { TracePage } from './trace/public-page.js';
import { LotLabelPage, LotPage, LotsPage } from './trace/lots-page.js';
import { RecallPage, RecallsPage } from './trace/recalls-page.js';

export const ROUTES = [
    { id: 'home', path: '/', page: HomePage, access: 'user', titleKey: 'home.title' },
    { id: 'login', path: '/login', page: LoginPage, access: 'guest', titleKey: 'login.title', bare: true },
    { id: 'catalogue', path: '/catalogue', page: CataloguePage, access: 'any', titleKey: 'catalogue.title', prefetch: cataloguePrefetch },
    { id: 'product-new', path: '/products/new', page: ProductEditPage, access: 'user', titleKey: 'product.newTitle' },
    { id: 'product', path: '/products/:id', page: ProductPage, access: 'any', titleKey: 'product.title' },
    { id: 'product-edit', path: '/products/:id/edit', page: ProductEditPage, access: 'user', titleKey: 'product.editTitle' },
    { id: 'organisations', path: '/organisations', page: OrganisationsPage, access: 'user', titleKey: 'org.title' },
    { id: 'organisation', path: '/organisations/:id', page: OrganisationPage, access: 'user', titleKey: 'org.detailTitle' },
    { id: 'orders', path: '/orders', page: OrdersPage, access: 'user', titleKey: 'orders.title', prefetch: ordersPrefetch },
    { id: 'order', path: '/orders/:id', page: OrderPage, access: 'user', titleKey: 'order.title' },
    { id: 'reports', path: '/reports', page: ReportsPage, access: 'user', titleKey: 'reports.title', prefetch: reportsPrefetch },
    { id: 'offers', path: '/offers', page: OffersPage, access: 'user', titleKey: 'offers.title' },
    { id: 'demands', path: '/demands', page: DemandsPage, access: 'user', titleKey: 'demands.title' },
    { id: 'allocations', path: '/allocations', page: AllocationsPage, access: 'user', titleKey: 'allocations.title' },
    { id: 'allocation', path: '/allocations/:id', page: AllocationRunPage, access: 'user', titleKey: 'allocations.runTitle' },
    { id: 'funds', path: '/funds', page: FundsPage, access: 'user', titleKey: 'funds.title' },
    { id: 'audit', path: '/audit', page: AuditPage, access: 'user', titleKey: 'audit.title' },
    { id: 'projects', path: '/projects', page: ProjectsPage, access: 'user', titleKey: 'projects.title' },
    { id: 'project', path: '/projects/:id', page: ProjectPage, access: 'user', titleKey: 'projects.detailTitle' },
    { id: 'payments', path: '/payments', page: PaymentsPage, access: 'user', titleKey: 'payments.title', titleFor: paymentsTitleKey, prefetch: paymentsPrefetch },
    { id: 'flags', path: '/risk-flags', page: RiskFlagsPage, access: 'user', titleKey: 'flags.title' },
    { id: 'servicebook', path: '/servicebook', page: ServiceBookPage, access: 'user', titleKey: 'servicebook.title' },
    { id: 'ledger', path: '/ledger', page: LedgerPage, access: 'user', titleKey: 'ledger.title' },
    { id: 'users', path: '/users', page: UsersPage, access: 'user', titleKey: 'users.title' },
    { id: 'backups', path: '/backups', page: BackupsPage, access: 'user', titleKey: 'backups.title' },
    { id: 'fairs', path: '/fairs', page: FairsPage, access: 'user', titleKey: 'fairs.title' },
    { id: 'fair-report', path: '/fairs/:id/report', page: FairReportPage, access: 'user', titleKey: 'fairs.report.pageTitle' },
    { id: 'fair', path: '/fairs/:id', page: FairEventPage, access: 'user', titleKey: 'fairs.eventTitle' },
    { id: 'lots', path: '/lots', page: LotsPage, access: 'user', titleKey: 'lots.title' },
    { id: 'lot-label', path: '/lots/:id/label', page: LotLabelPage, access: 'user', titleKey: 'lots.label', bare: true },
    { id: 'lot', path: '/lots/:id', page: LotPage, access: 'user', titleKey: 'lots.detailTitle' },
    { id: 'recalls', path: '/recalls', page: RecallsPage, access: 'user', titleKey: 'recalls.title' },
    { id: 'recall', path: '/recalls/:id', page: RecallPage, access: 'user', titleKey: 'recalls.detailTitle' },
    // The public trace page a lot's QR code leads to: anyone, signed in or not.
    { id: 'trace', path: '/t/:code', page: TracePage, access: 'any', titleKey: 'trace.title' },
];

export const NOT_FOUND_ROUTE = { id: 'not-found', path: '', page: NotFoundPage, access: 'any', titleKey: 'notFound.title' };
// Shown in place of a page the signed-in user's role may not open (page-access.js).
export const FORBIDDEN_ROUTE = { id: 'forbidden', path: '', page: ForbiddenPage, access: 'user', titleKey: 'forbidden.title' };

// The top bar's items, apart from the page table (routes.js) so that the header can read them without
// importing every page. A page that belongs in the top bar adds one line here, in the group of the
// task it serves; page-access.js says which roles are offered it.
// `prefixes`: the item is also marked current on the pages below it (/products/… belongs to the catalogue).
// `public`: shown in the signed-out top bar too.
// `icon`: a name from components/nav-icon.js.
// `roleLabelKeys`: the item's label for a role whose work there differs (a payee receives payments,
// it does not approve them); other roles read `labelKey`.
import { mayOpen } from './page-access.js';

// The payments page approves for the fund office, tracks its county's requests for a county officer
// and lists what an organisation is paid (it may be a contract's payee) for the others.
const PAYMENT_LABELS = {
    county_officer: 'nav.paymentRequests',
    producer: 'nav.paymentsReceived',
    buyer: 'nav.paymentsReceived',
    logistics: 'nav.paymentsReceived',
};

export const NAV_GROUPS = [
    { id: 'start', labelKey: 'navGroup.start', items: [
        { id: 'home', path: '/', labelKey: 'nav.home', icon: 'home' },
    ] },
    { id: 'trade', labelKey: 'navGroup.trade', items: [
        { id: 'catalogue', path: '/catalogue', labelKey: 'nav.catalogue', prefixes: ['/products/'], public: true, icon: 'catalogue' },
        { id: 'offers', path: '/offers', labelKey: 'nav.offers', icon: 'offers' },
        { id: 'demands', path: '/demands', labelKey: 'nav.demands', icon: 'demands' },
        { id: 'allocations', path: '/allocations', labelKey: 'nav.allocations', prefixes: ['/allocations/'], icon: 'allocations' },
        { id: 'orders', path: '/orders', labelKey: 'nav.orders', prefixes: ['/orders/'], icon: 'orders' },
        { id: 'lots', path: '/lots', labelKey: 'nav.lots', prefixes: ['/lots/'], icon: 'lots' },
        { id: 'recalls', path: '/recalls', labelKey: 'nav.recalls', prefixes: ['/recalls/'], icon: 'recalls' },
    ] },
    { id: 'aid', labelKey: 'navGroup.aid', items: [
        { id: 'projects', path: '/projects', labelKey: 'nav.projects', prefixes: ['/projects/'], icon: 'projects' },
        { id: 'payments', path: '/payments', labelKey: 'nav.payments', icon: 'payments', roleLabelKeys: PAYMENT_LABELS },
        { id: 'funds', path: '/funds', labelKey: 'nav.funds', icon: 'funds' },
        { id: 'flags', path: '/risk-flags', labelKey: 'nav.flags', icon: 'flags' },
    ] },
    { id: 'fairs', labelKey: 'navGroup.fairs', items: [
        { id: 'fairs', path: '/fairs', labelKey: 'nav.fairs', prefixes: ['/fairs/'], icon: 'fairs' },
    ] },
    { id: 'oversight', labelKey: 'navGroup.oversight', items: [
        { id: 'reports', path: '/reports', labelKey: 'nav.reports', icon: 'reports' },
        { id: 'audit', path: '/audit', labelKey: 'nav.audit', icon: 'audit' },
        { id: 'ledger', path: '/ledger', labelKey: 'nav.ledger', icon: 'ledger' },
    ] },
    { id: 'directory', labelKey: 'navGroup.directory', items: [
        { id: 'organisations', path: '/organisations', labelKey: 'nav.organisations', prefixes: ['/organisations/'], icon: 'organisations' },
        { id: 'servicebook', path: '/servicebook', labelKey: 'nav.servicebook', icon: 'servicebook' },
        { id: 'users', path: '/users', labelKey: 'nav.users', icon: 'users' },
    ] },
];

/** Every item of every group, in order. */
export const NAV_ITEMS = NAV_GROUPS.flatMap((group) => group.items);

/** The label key of the item `id` for a user of `role` (its own label where the role's work differs). */
export function navLabelKey(id, role) {
    const item = NAV_ITEMS.find((candidate) => candidate.id === id);
    if (!item) return undefined;
    return item.roleLabelKeys?.[role] ?? item.labelKey;
}

/** The groups as a user of `role` sees them: only the items it may open, each labelled for the role, and no empty group. */
export function navGroupsFor(role) {
    return NAV_GROUPS
        .map((group) => ({
            ...group,
            // An item named differently for the role is a copy with that label; the others stay the
            // table's own objects.
            items: group.items.filter((item) => mayOpen(item.id, role))
                .map((item) => (item.roleLabelKeys?.[role] ? { ...item, labelKey: item.roleLabelKeys[role] } : item)),
        }))
        .filter((group) => group.items.length > 0);
}

/** The signed-out visitor's items (the public pages), as one group. */
export function publicNavGroups() {
    const items = NAV_ITEMS.filter((item) => item.public);
    return [{ id: 'public', labelKey: 'navGroup.trade', items }];
}

/** Whether the top-bar item is the current page's. */
export function isNavCurrent(item, pathname) {
    return pathname === item.path || (item.prefixes ?? []).some((prefix) => pathname.startsWith(prefix));
}

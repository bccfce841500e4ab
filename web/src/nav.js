// The top bar's items, apart from the page table (routes.js) so that the header can read them without
// importing every page. A page that belongs in the top bar adds one line here.
// `prefixes`: the item is also marked current on the pages below it (/products/… belongs to the catalogue).
// `public`: shown in the signed-out top bar too.
export const NAV_ITEMS = [
    { id: 'home', path: '/', labelKey: 'nav.home' },
    { id: 'catalogue', path: '/catalogue', labelKey: 'nav.catalogue', prefixes: ['/products/'], public: true },
    { id: 'organisations', path: '/organisations', labelKey: 'nav.organisations', prefixes: ['/organisations/'] },
    { id: 'orders', path: '/orders', labelKey: 'nav.orders', prefixes: ['/orders/'] },
    { id: 'reports', path: '/reports', labelKey: 'nav.reports' },
    { id: 'offers', path: '/offers', labelKey: 'nav.offers' },
    { id: 'demands', path: '/demands', labelKey: 'nav.demands' },
    { id: 'allocations', path: '/allocations', labelKey: 'nav.allocations', prefixes: ['/allocations/'] },
    { id: 'funds', path: '/funds', labelKey: 'nav.funds' },
    { id: 'audit', path: '/audit', labelKey: 'nav.audit' },
    { id: 'projects', path: '/projects', labelKey: 'nav.projects', prefixes: ['/projects/'] },
    { id: 'payments', path: '/payments', labelKey: 'nav.payments' },
    { id: 'flags', path: '/risk-flags', labelKey: 'nav.flags' },
    { id: 'servicebook', path: '/servicebook', labelKey: 'nav.servicebook' },
];

/** Whether the top-bar item is the current page's. */
export function isNavCurrent(item, pathname) {
    return pathname === item.path || (item.prefixes ?? []).some((prefix) => pathname.startsWith(prefix));
}

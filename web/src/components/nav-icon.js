// The navigation's icons: simple 24×24 line drawings in the current text colour, decorative (the
// link's text names the page), so hidden from screen readers.
import { html } from '../html.js';

const PATHS = {
    home: 'M3 11l9-7 9 7M5 10v10h5v-6h4v6h5V10',
    catalogue: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
    offers: 'M20 12l-8 8-9-9V3h8zM7.5 7.5h.01',
    demands: 'M3 4h2l2.5 11h11L21 7H6.2M9 20h.01M18 20h.01',
    allocations: 'M4 7h12l-3-3M20 17H8l3 3M16 7l4 0M4 17h4',
    orders: 'M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6M9 16h4',
    projects: 'M3 6h6l2 2h10v11H3zM3 10h18',
    payments: 'M3 6h18v12H3zM3 10h18M7 15h4',
    funds: 'M12 3v18M8 7l4 5 4-5M8 13h8M8 16h8',
    flags: 'M5 21V4M5 4h12l-2 4 2 4H5',
    reports: 'M4 20V10M10 20V4M16 20v-7M3 20h18',
    audit: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4',
    organisations: 'M4 21V5h9v16M13 9h7v12M7 9h3M7 13h3M7 17h3M16 13h1M16 17h1M2 21h20',
    servicebook: 'M5 4h11a3 3 0 013 3v14H8a3 3 0 01-3-3zM5 18a3 3 0 013-3h11M9 8h6',
    users: 'M9 11a4 4 0 100-8 4 4 0 000 8zM2 21v-1a6 6 0 0112 0v1M16 3.5a4 4 0 010 7M22 21v-1a6 6 0 00-4-5.6',
    ledger: 'M5 3h14v18H5zM9 7h6M9 11h6M9 15h3',
    fairs: 'M3 9l9-5 9 5M5 9v10M19 9v10M3 19h18M9 13h6M9 16h6',
    lots: 'M4 7l8-4 8 4v10l-8 4-8-4zM4 7l8 4 8-4M12 11v10',
    recalls: 'M12 3l9 16H3zM12 9v5M12 17h.01',
    menu: 'M4 6h16M4 12h16M4 18h16',
};

export function NavIcon({ name }) {
    return html`
        <svg class="nav-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"
             fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
            <path d=${PATHS[name] ?? PATHS.catalogue} />
        </svg>`;
}

// The funds-side lists' filters as the address keeps them (payments, projects, risk flags, the
// service book's requests): each page reads its filters and the list window (q, from, to) from its
// query, so a link (the to-do home's, GET /api/v1/me/todo) opens the list filtered to exactly its
// items; and the API path of a page of the list, newest first. Pure functions, unit-tested in
// web/test/projects-lists.test.mjs.
import { setWindow, windowFromQuery } from '../components/table-model.js';

export const LIST_PAGE_SIZE = 50;

// Each list's own filters, in the order the address writes them; the API takes them by these names.
export const PAYMENT_FILTERS = ['status', 'others'];
export const PROJECT_FILTERS = ['county', 'status', 'year'];
export const FLAG_FILTERS = ['status', 'severity'];
export const REQUEST_FILTERS = ['status', 'due_by'];

// The longest filter value read from an address: a comma list of every project status fits.
const FILTER_CHARS_MAX = 80;

/** The filters `names` and the window from an address's query (blank values left out). */
export function filtersFrom(query, names) {
    const filters = windowFromQuery(query);
    for (const name of names) {
        const value = (query.get(name) ?? '').trim().slice(0, FILTER_CHARS_MAX);
        if (value) filters[name] = value;
    }
    return filters;
}

/** The page's address for `filters` (`base`: '/payments'). */
export function listAddress(base, filters, names) {
    const query = new URLSearchParams();
    for (const name of names) if (filters[name]) query.set(name, filters[name]);
    setWindow(query, filters);
    const text = query.toString();
    return text ? `${base}?${text}` : base;
}

/** The API path of one page of the list (`resource`: 'payment-requests'), newest first. */
export function listPath(resource, filters, names, { limit = LIST_PAGE_SIZE, cursor = null } = {}) {
    const query = new URLSearchParams();
    for (const name of names) if (filters[name]) query.set(name, filters[name]);
    setWindow(query, filters);
    query.set('sort', 'newest');
    query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    return `${resource}?${query}`;
}

/**
 * The projects list's filters as the API takes them: the address's `year=all` is every year, and
 * no year at all is this year (`currentYear`), as the page opens.
 */
export function projectApiFilters(filters, currentYear) {
    const out = { ...filters };
    if (filters.year === 'all') delete out.year;
    else if (!filters.year) out.year = String(currentYear);
    return out;
}

/** A name in the reader's language: the English one in English when there is one. */
export function nameIn(lang, zh, en) {
    return (lang === 'en' && en) || zh || '';
}

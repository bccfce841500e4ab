// The pure part of the console's one list table (components/data-table.js): sorting rows by a
// column, finding rows by text and date, and the window (q, from, to) kept in a page's address.
// Unit-tested in test/table-model.test.mjs.

// Longest search text sent (the API's list_search_chars_max, src/http/routes/route_kit.h).
export const SEARCH_CHARS_MAX = 100;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function compare(a, b) {
    if (a === b) return 0;
    if (a === null || a === undefined || a === '') return 1;  // blanks last, whichever the direction
    if (b === null || b === undefined || b === '') return -1;
    if (typeof a === 'bigint' || typeof b === 'bigint') return BigInt(a) < BigInt(b) ? -1 : 1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a).localeCompare(String(b), 'zh-CN');
}

/** `rows` sorted by `column.sortValue(row)` ('asc' or 'desc'); stable; blanks last. */
export function sortRows(rows, column, dir) {
    if (!column?.sortValue) return rows;
    const sign = dir === 'desc' ? -1 : 1;
    return rows.map((row, i) => [row, column.sortValue(row), i]).sort(([, a, i], [, b, j]) => {
        const blank = (v) => v === null || v === undefined || v === '';
        if (blank(a) || blank(b)) return compare(a, b) || i - j;
        return sign * compare(a, b) || i - j;
    }).map(([row]) => row);
}

/** The next sort after a click on column `id`: a new column sorts ascending, the same one flips. */
export function nextSort(current, id, firstDir = 'asc') {
    if (current?.column !== id) return { column: id, dir: firstDir };
    return { column: id, dir: current.dir === 'asc' ? 'desc' : 'asc' };
}

/** aria-sort of column `id`'s header: 'ascending' | 'descending' when it is sorted, else 'none'. */
export function ariaSort(sort, id) {
    if (sort?.column !== id) return 'none';
    return sort.dir === 'desc' ? 'descending' : 'ascending';
}

/** { q, from, to } from an address's query (blank or malformed values left out). */
export function windowFromQuery(query) {
    const window = {};
    const q = (query.get('q') ?? '').trim().slice(0, SEARCH_CHARS_MAX);
    if (q) window.q = q;
    for (const name of ['from', 'to']) {
        const value = query.get(name) ?? '';
        if (DATE.test(value)) window[name] = value;
    }
    return window;
}

/** Adds the window's non-blank members to a URLSearchParams. */
export function setWindow(params, window) {
    for (const name of ['q', 'from', 'to']) if (window[name]) params.set(name, window[name]);
    return params;
}

/**
 * The rows of a fully loaded list inside the window: `texts(row)` are the strings searched (any case),
 * `date(row)` the row's YYYY-MM-DD (or a timestamp, cut to its date) compared with from/to.
 */
export function filterRows(rows, window, { texts, date }) {
    const needle = (window.q ?? '').trim().toLowerCase();
    return rows.filter((row) => {
        if (needle && !texts(row).some((text) => String(text ?? '').toLowerCase().includes(needle))) return false;
        const day = String(date?.(row) ?? '').slice(0, 10);
        if (window.from && day && day < window.from) return false;
        if (window.to && day && day > window.to) return false;
        return true;
    });
}

// ---- a list whose window and filters live in the address and go to the API -------------------------

/** The window (q, from, to) and each of `filterNames` (non-blank) read from an address's query. */
export function listStateFromQuery(query, filterNames = []) {
    const state = windowFromQuery(query);
    for (const name of filterNames) {
        const value = (query.get(name) ?? '').trim();
        if (value) state[name] = value;
    }
    return state;
}

function stateParams(state, filterNames) {
    const params = new URLSearchParams();
    for (const name of filterNames) if (state[name]) params.set(name, state[name]);
    return setWindow(params, state);
}

/** The page's address keeping `state`: `pathname` with its filters and window. */
export function listAddress(pathname, state, filterNames = []) {
    const text = stateParams(state, filterNames).toString();
    return text ? `${pathname}?${text}` : pathname;
}

/**
 * The API path of a page of the list, newest first (sort=newest), with `state`'s filters and window;
 * without `limit` it is the list's filters alone (what an export takes: exportPath).
 */
export function windowedApiPath(path, state, filterNames = [], { limit, cursor } = {}) {
    const params = stateParams(state, filterNames);
    params.set('sort', 'newest');
    if (limit) params.set('limit', String(limit));
    if (cursor) params.set('cursor', cursor);
    return `${path}?${params}`;
}

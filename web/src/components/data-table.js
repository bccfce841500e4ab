// The console's one list table: column headers that sort (buttons with aria-sort), and above it a
// search box and a date range (ListWindow) that a page keeps in its address. A page whose API pages
// passes the window to the API (orders: q, from, to, sort=newest); a short, fully loaded list filters
// its rows here (table-model.js filterRows). Sorting orders the rows on screen.
//
//   <${ListWindow} window=${window} onChange=${apply} testId="orders" />
//   <${DataTable} testId="orders" columns=${COLUMNS} rows=${items} rowKey=${(o) => o.id} rowProps=${…} initialSort=${…} />
// A column: { id, label, sortValue?(row), num?, cell(row) }; one without sortValue does not sort.
// A sort: { column: id, dir: 'asc' | 'desc' }.
// A list that the API pages and filters keeps its window and filters in the address (useWindowedList),
// so a link (from the to-do home, say) opens it filtered, and back/forward restore it:
//   const { state, list, setWindow, setFilter, filtersPath } = useWindowedList({ path: 'offers', location, filterNames: ['status'] });
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { navigate } from '../router.js';
import { useCursorList } from '../catalog/lists.js';
import { ariaSort, listAddress, listStateFromQuery, nextSort, SEARCH_CHARS_MAX, sortRows, windowedApiPath } from './table-model.js';
import { LoadError, Loading, LoadMore } from './catalog-bits.js';

export function DataTable({ testId, columns, rows, rowKey, rowProps = () => ({}), initialSort = null, caption = '' }) {
    const { t } = useApp();
    const [sort, setSort] = useState(initialSort);
    const column = columns.find((c) => c.id === sort?.column);
    const shown = column ? sortRows(rows, column, sort.dir) : rows;
    return html`
        <table class="table" data-testid=${`${testId}-table`}>
            ${caption && html`<caption class="visually-hidden">${caption}</caption>`}
            <thead><tr>
                ${columns.map((c) => html`
                    <th key=${c.id} scope="col" class=${c.num ? 'num' : ''} aria-sort=${c.sortValue ? ariaSort(sort, c.id) : undefined}>
                        ${c.sortValue
                            ? html`<button type="button" class="sort-button" data-testid=${`${testId}-sort-${c.id}`}
                                    title=${t('table.sortBy', { column: c.label })}
                                    onClick=${() => setSort(nextSort(sort, c.id))}>
                                    ${c.label}<span class="sort-mark" aria-hidden="true">${ariaSort(sort, c.id) === 'ascending' ? '▲' : ariaSort(sort, c.id) === 'descending' ? '▼' : '↕'}</span>
                                </button>`
                            : c.label}
                    </th>`)}
            </tr></thead>
            <tbody>
                ${shown.map((row) => html`
                    <tr key=${rowKey(row)} ...${rowProps(row)}>
                        ${columns.map((c) => html`<td key=${c.id} class=${c.num ? 'num' : ''}>${c.cell(row)}</td>`)}
                    </tr>`)}
            </tbody>
        </table>`;
}

/** Search text and a date range; `onChange(window)` on submit (search) or on a date's change. */
export function ListWindow({ window, onChange, testId, searchLabel, dateLabel }) {
    const { t } = useApp();
    const [text, setText] = useState(window.q ?? '');
    useEffect(() => setText(window.q ?? ''), [window.q]);
    const id = (name) => `${testId}-${name}`;
    const setDate = (name) => (event) => onChange({ ...window, [name]: event.currentTarget.value || undefined });
    return html`
        <form class="list-window" role="search" aria-label=${t('table.search')} data-testid=${id('window')}
            onSubmit=${(event) => {
                event.preventDefault();
                onChange({ ...window, q: text.trim() || undefined });
            }}>
            <label class="filter"><span>${searchLabel ?? t('table.search')}</span>
                <input id=${id('q')} type="search" value=${text} maxLength=${SEARCH_CHARS_MAX} data-testid=${id('q')}
                    placeholder=${t('table.searchPlaceholder')} onInput=${(event) => setText(event.currentTarget.value)} />
            </label>
            <button type="submit" class="button" data-testid=${id('search')}>${t('table.search')}</button>
            <fieldset class="date-range">
                <legend>${dateLabel ?? t('table.dates')}</legend>
                <label><span>${t('table.from')}</span>
                    <input type="date" value=${window.from ?? ''} max=${window.to ?? undefined} data-testid=${id('from')} onChange=${setDate('from')} /></label>
                <label><span>${t('table.to')}</span>
                    <input type="date" value=${window.to ?? ''} min=${window.from ?? undefined} data-testid=${id('to')} onChange=${setDate('to')} /></label>
            </fieldset>
            ${(window.q || window.from || window.to) && html`
                <button type="button" class="button small" data-testid=${id('clear')} onClick=${() => onChange({})}>${t('table.clear')}</button>`}
        </form>`;
}

/**
 * A list the API reads a page at a time, newest first, with its filters (`filterNames`) and window
 * (q, from, to) kept in the page's address: { state, list (useCursorList), filtersPath (the API path
 * without page: exportPath takes it), setWindow(window) (keeps the filters), setFilter(name, value) }.
 * `generation` reads the list again when it changes (after a create or an import).
 */
export function useWindowedList({ path, location, filterNames = [], limit = 50, generation = 0 }) {
    const state = listStateFromQuery(location.query, filterNames);
    const filtersPath = windowedApiPath(path, state, filterNames);
    const list = useCursorList((cursor) => windowedApiPath(path, state, filterNames, { limit, cursor }), `${filtersPath}#${generation}`);
    const go = (next) => navigate(listAddress(location.pathname, next, filterNames));
    const filters = Object.fromEntries(filterNames.filter((name) => state[name]).map((name) => [name, state[name]]));
    return {
        state,
        list,
        filtersPath,
        setWindow: (window) => go({ ...filters, ...window }),
        setFilter: (name, value) => go({ ...state, [name]: value || undefined }),
    };
}

/**
 * A paged list (catalog/lists.js useCursorList) in its states: loading, its error with a retry, the
 * `none` line when empty, else the table (DataTable's props) in a scrolling card and "more". Test
 * ids: `${testId}-loading`, -error, -empty, -table, -more.
 */
export function PagedTable({ list, testId, none, card = true, ...table }) {
    if (list.phase === 'loading') return html`<${Loading} testId=${`${testId}-loading`} />`;
    if (list.phase === 'error') return html`<${LoadError} error=${list.error} onRetry=${list.retry} testId=${`${testId}-error`} />`;
    if (list.items.length === 0) return html`<p class="empty" data-testid=${`${testId}-empty`}>${none}</p>`;
    return html`
        <div class=${card ? 'card table-scroll' : 'table-scroll'}>
            <${DataTable} testId=${testId} rows=${list.items} ...${table} />
        </div>
        <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId=${`${testId}-more`} />`;
}

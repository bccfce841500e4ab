// The Chief Service Officer book: counts by county for a period (enterprises served, visits,
// requests, investment projects, events) with CSV/XLSX exports of them; the enterprises' requests,
// a table newest first, filtered by status, those due by a date (the to-do home's link: still open
// or in progress, overdue ones included), a search (subject, enterprise) and a range of the dates
// raised, all kept in the address; and the enterprises served.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { navigate } from '../router.js';
import { useCursorList } from '../catalog/lists.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';
import { ListWindow, PagedTable } from '../components/data-table.js';
import { useRecord } from './organisation.js';
import { apiUrl } from '../api.js';
import { todayInShanghai, yearInShanghai } from '../format.js';
import { REQUEST_FILTERS, filtersFrom, listAddress, listPath, nameIn } from '../projects/lists.js';

const REQUEST_STATUSES = ['open', 'in_progress', 'resolved', 'closed'];

function requestColumns(t, lang, today) {
    return [
        { id: 'raised', label: t('servicebook.raisedOn'), sortValue: (r) => `${r.raised_on} ${r.id}`, cell: (r) => r.raised_on },
        { id: 'subject', label: t('servicebook.subject'), sortValue: (r) => r.subject, cell: (r) => r.subject },
        { id: 'enterprise', label: t('servicebook.enterprise'), sortValue: (r) => nameIn(lang, r.enterprise_name, r.enterprise_name_en),
            cell: (r) => nameIn(lang, r.enterprise_name, r.enterprise_name_en) },
        { id: 'county', label: t('projects.county'), sortValue: (r) => t(`county.${r.county}`), cell: (r) => t(`county.${r.county}`) },
        { id: 'deadline', label: t('servicebook.deadline'), sortValue: (r) => r.deadline,
            cell: (r) => html`<span class=${r.deadline < today && ['open', 'in_progress'].includes(r.status) ? 'error' : ''}>${r.deadline}</span>` },
        { id: 'status', label: t('servicebook.status'), sortValue: (r) => REQUEST_STATUSES.indexOf(r.status),
            cell: (r) => html`<span class=${`badge status-${r.status}`}>${t(`requestStatus.${r.status}`)}</span>` },
    ];
}

function Requests({ location }) {
    const { t, lang } = useApp();
    const filters = filtersFrom(location.query, REQUEST_FILTERS);
    const address = listAddress('/servicebook', filters, REQUEST_FILTERS);
    const list = useCursorList((cursor) => listPath('servicebook/requests', filters, REQUEST_FILTERS, { cursor }), address);
    const go = (next) => navigate(listAddress('/servicebook', next, REQUEST_FILTERS));
    return html`
        <section class="card" aria-labelledby="servicebook-requests-title" data-testid="servicebook-requests">
            <h2 id="servicebook-requests-title">${t('servicebook.requestsTitle')}</h2>
            <div class="filters">
                <div class="filter-row">
                    <label class="filter"><span>${t('servicebook.status')}</span>
                        <select value=${filters.status ?? ''} data-testid="requests-filter-status" onChange=${(event) => go({ ...filters, status: event.currentTarget.value || undefined })}>
                            <option value="">${t('servicebook.allStatuses')}</option>
                            ${REQUEST_STATUSES.map((s) => html`<option key=${s} value=${s}>${t(`requestStatus.${s}`)}</option>`)}
                        </select>
                    </label>
                    ${filters.due_by && html`
                        <p class="small" data-testid="requests-due-by">${t('servicebook.dueBy', { date: filters.due_by })}
                            ${' '}<button type="button" class="button small" data-testid="requests-clear-due" onClick=${() => go({ ...filters, due_by: undefined })}>${t('servicebook.clearDue')}</button></p>`}
                </div>
                <${ListWindow} window=${filters} testId="requests" searchLabel=${t('servicebook.search')} dateLabel=${t('servicebook.dates')}
                    onChange=${(window) => go({ status: filters.status, due_by: filters.due_by, ...window })} />
            </div>
            <${PagedTable} list=${list} testId="requests" none=${t('servicebook.none')} card=${false} columns=${requestColumns(t, lang, todayInShanghai())}
                rowKey=${(r) => r.id} caption=${t('servicebook.requestsTitle')} initialSort=${{ column: 'raised', dir: 'desc' }}
                rowProps=${(r) => ({ 'data-testid': 'request-row', 'data-request-id': r.id, 'data-status': r.status })} />
        </section>`;
}

export function ServiceBookPage({ location }) {
    const { t } = useApp();
    // This year so far, in Beijing time.
    const [period, setPeriod] = useState(() => ({ from: `${yearInShanghai()}-01-01`, to: todayInShanghai() }));
    const counts = useRecord(`servicebook/counts?from=${period.from}&to=${period.to}`);
    const enterprises = useCursorList((cursor) => `servicebook/enterprises?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, 'all');
    const county = (code) => (code ? t(`county.${code}`) : t('servicebook.programme'));
    return html`
        <div class="page" data-testid="servicebook-page">
            <h1>${t('servicebook.title')}</h1>
            <div class="card filter-row">
                <label class="filter"><span>${t('servicebook.from')}</span>
                    <input type="date" value=${period.from} onChange=${(event) => setPeriod({ ...period, from: event.currentTarget.value })} /></label>
                <label class="filter"><span>${t('servicebook.to')}</span>
                    <input type="date" value=${period.to} onChange=${(event) => setPeriod({ ...period, to: event.currentTarget.value })} /></label>
            </div>
            <section class="card" data-testid="servicebook-counts">
                ${counts.phase === 'loading' && html`<${Loading} />`}
                ${counts.phase === 'error' && html`<${LoadError} error=${counts.error} onRetry=${counts.reload} />`}
                ${counts.phase === 'ready' && html`
                    <table class="table">
                        <thead><tr><th>${t('projects.county')}</th><th>${t('servicebook.enterprises')}</th><th>${t('servicebook.visits')}</th>
                            <th>${t('servicebook.requests')}</th><th>${t('servicebook.investments')}</th><th>${t('servicebook.listed')}</th>
                            <th>${t('servicebook.events')}</th></tr></thead>
                        <tbody>${counts.value.items.map((row) => html`
                            <tr key=${row.county}><td>${county(row.county)}</td><td>${row.enterprises_served}</td><td>${row.visits}</td>
                                <td>${row.requests_raised}</td><td>${row.investments}</td><td>${row.investments_listed}</td><td>${row.events}</td></tr>`)}
                        </tbody>
                    </table>
                    <p class="small">
                        <a href=${apiUrl(`servicebook/counts?from=${period.from}&to=${period.to}&format=csv`)} download data-testid="servicebook-csv">CSV</a>
                        ${' · '}
                        <a href=${apiUrl(`servicebook/counts?from=${period.from}&to=${period.to}&format=xlsx`)} download>XLSX</a>
                    </p>`}
            </section>
            <${Requests} location=${location} />
            <section class="card">
                <h2>${t('servicebook.enterprises')}</h2>
                ${enterprises.phase === 'ready' && html`
                    <ul class="plain-list">${enterprises.items.map((item) => html`<li key=${item.id}>${item.org_name} · ${county(item.county)} · ${item.officer}</li>`)}</ul>
                    <${LoadMore} hasMore=${enterprises.hasMore} busy=${enterprises.busy} onMore=${enterprises.more} count=${enterprises.items.length} />`}
            </section>
        </div>`;
}

// The Chief Service Officer book: counts by county for a period (enterprises served, visits,
// requests, investment projects, events) with CSV/XLSX exports of them, and the enterprises served.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { useCursorList } from '../catalog/lists.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';
import { useRecord } from './organisation.js';
import { apiUrl } from '../api.js';
import { todayInShanghai, yearInShanghai } from '../format.js';

export function ServiceBookPage() {
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
            <section class="card">
                <h2>${t('servicebook.enterprises')}</h2>
                ${enterprises.phase === 'ready' && html`
                    <ul class="plain-list">${enterprises.items.map((item) => html`<li key=${item.id}>${item.org_name} · ${county(item.county)} · ${item.officer}</li>`)}</ul>
                    <${LoadMore} hasMore=${enterprises.hasMore} busy=${enterprises.busy} onMore=${enterprises.more} count=${enterprises.items.length} />`}
            </section>
        </div>`;
}

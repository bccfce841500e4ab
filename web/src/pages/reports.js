// The aid-sales dashboard: aid sales by county and by month, quota completion by district (SVG bars,
// components/aid-charts.js), with CSV and XLSX exports of the reports. The server scopes the figures
// to what the user may see.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, apiUrl } from '../api.js';
import { LoadError, Loading } from '../components/catalog-bits.js';
import { formatMoneyCompact, yearInShanghai } from '../format.js';
import { aidSalesPath, totalsBy } from '../orders/model.js';
import { Bars, QuotaBars } from '../components/aid-charts.js';

export function ReportsPage() {
    const { t, lang } = useApp();
    const year = yearInShanghai();
    const [state, setState] = useState({ phase: 'loading' });
    const load = () => {
        const quota = api.get(`reports/quotas?year=${year}`).catch(() => null);  // not every role has quotas
        Promise.all([api.get(aidSalesPath({ groupBy: ['county', 'month'], year })), quota]).then(
            ([aid, quotas]) => setState({ phase: 'ready', aid, quotas }),
            (error) => setState({ phase: 'error', error }));
    };
    useEffect(load, []);
    if (state.phase === 'loading') return html`<div class="page"><${Loading} testId="reports-loading" /></div>`;
    if (state.phase === 'error') return html`<div class="page"><${LoadError} error=${state.error} onRetry=${load} testId="reports-error" /></div>`;
    const { aid, quotas } = state;
    return html`
        <div class="page">
            <div class="page-head">
                <h1 data-testid="reports-heading">${t('reports.heading')} ${year}</h1>
                <p class="muted">${t('reports.intro')}</p>
                <p data-testid="reports-total">${t('reports.total')}: ${formatMoneyCompact(BigInt(aid.totals.amount_fen), lang)}</p>
            </div>
            <section class="card"><h2>${t('reports.byCounty')}</h2><${Bars} entries=${totalsBy(aid, 'county', (code) => t(`county.${code}`))} testId="chart-county" label=${t('reports.byCounty')} /></section>
            <section class="card"><h2>${t('reports.byMonth')}</h2><${Bars} entries=${totalsBy(aid, 'month')} testId="chart-month" label=${t('reports.byMonth')} /></section>
            ${quotas && html`<section class="card"><h2>${t('reports.quotaByDistrict')}</h2><${QuotaBars} districts=${quotas.districts} /></section>`}
            <section class="card">
                <h2>${t('reports.exports')}</h2>
                <p>
                    <a href=${apiUrl(aidSalesPath({ groupBy: ['county', 'district', 'channel', 'category', 'month'], year, format: 'csv' }))} data-testid="export-aid-csv">${t('reports.aidCsv')}</a>
                    · <a href=${apiUrl(aidSalesPath({ groupBy: ['county', 'district', 'channel', 'category', 'month'], year, format: 'xlsx' }))}>${t('reports.aidXlsx')}</a>
                    ${quotas && html` · <a href=${apiUrl(`reports/quotas.csv?year=${year}`)}>${t('reports.quotaCsv')}</a>
                    · <a href=${apiUrl(`reports/quotas.xlsx?year=${year}`)}>${t('reports.quotaXlsx')}</a>`}
                </p>
            </section>
        </div>`;
}

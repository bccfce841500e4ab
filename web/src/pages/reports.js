// The aid-sales dashboard: aid sales by county and by month, quota completion by district (ECharts,
// components/aid-charts.js; each chart downloads its figures), with CSV and XLSX exports of the reports. The server scopes the figures
// to what the user may see.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, apiUrl } from '../api.js';
import { LoadError, Loading } from '../components/catalog-bits.js';
import { formatMoneyCompact, yearInShanghai } from '../format.js';
import { aidSalesPath, totalsBy } from '../orders/model.js';
import { Bars, MonthlyBars, QuotaBars } from '../components/aid-charts.js';

const quotasPath = (year) => `reports/quotas?year=${year}`;
const chartsPath = (year) => aidSalesPath({ groupBy: ['county', 'month'], year });

/** What the page asks for first (routes.js: the boot asks for it beside /me). */
export function reportsPrefetch() {
    const year = yearInShanghai();
    return [chartsPath(year), quotasPath(year)];
}

export function ReportsPage() {
    const { t, lang } = useApp();
    const year = yearInShanghai();
    const [state, setState] = useState({ phase: 'loading' });
    const load = () => {
        const quota = api.get(quotasPath(year)).catch(() => null);  // not every role has quotas
        Promise.all([api.get(chartsPath(year)), quota]).then(
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
            <section class="card"><h2>${t('reports.byCounty')}</h2><${Bars} entries=${totalsBy(aid, 'county', (code) => t(`county.${code}`))} testId="chart-county" label=${t('reports.byCounty')} file=${`aid-sales-by-county-${year}`} /></section>
            <section class="card"><h2>${t('reports.byMonth')}</h2><${MonthlyBars} report=${aid} testId="chart-month" label=${t('reports.byMonth')} file=${`aid-sales-by-month-${year}`} /></section>
            ${quotas && html`<section class="card"><h2>${t('reports.quotaByDistrict')}</h2><${QuotaBars} districts=${quotas.districts} file=${`quota-by-district-${year}`} /></section>`}
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

// The aid-sales charts (Apache ECharts through components/chart.js): money per county, aid sales per
// month stacked by county with a time range, and quota completion per district with the 100 % mark.
// Used by the dashboard (pages/reports.js) and the home page's card.
import { useMemo } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { byCode, useReference } from '../catalog/reference.js';
import { localName } from '../catalog/model.js';
import { monthlyStack, monthsByCounty, moneyBars, quotaBars } from './chart-data.js';
import { Chart } from './chart.js';

/** Money per entry ({ key, label, fen: BigInt }), e.g. aid sales per county. */
export function Bars({ entries, testId, label, keyName = 'county', file }) {
    const { t, lang } = useApp();
    const data = useMemo(() => moneyBars(entries, { t, lang, series: t('chart.aidSales'), keyName }), [entries, lang]);
    return html`<${Chart} testId=${testId} label=${label} data=${data} file=${file ?? testId} size="short" />`;
}

/** Aid sales per month stacked by county, from a report grouped by county and month. */
export function MonthlyBars({ report, testId, label, file }) {
    const { t, lang } = useApp();
    const data = useMemo(() => monthlyStack(monthsByCounty(report, (code) => t(`county.${code}`)), { t, lang }), [report, lang]);
    return html`<${Chart} testId=${testId} label=${label} data=${data} file=${file ?? testId} />`;
}

export function QuotaBars({ districts, file = 'quota-by-district' }) {
    const { t, lang } = useApp();
    const { districts: names } = useReference(['districts']);
    const named = useMemo(() => districts.map((d) => ({ ...d, name: localName(byCode(names, d.district), lang) || d.district_name })),
        [districts, names, lang]);
    const data = useMemo(() => quotaBars(named, { t, lang }), [named, lang]);
    if (districts.length === 0) return html`<p class="muted" data-testid="chart-quota-empty">${t('reports.noQuota')}</p>`;
    return html`<${Chart} testId="chart-quota" label=${t('reports.quotaByDistrict')} data=${data} file=${file} />`;
}

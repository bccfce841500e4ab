// What the console's charts show, as plain data: the ECharts option of each chart, the table that
// stands in for it for screen readers (and anyone who wants the figures), and the CSV it downloads.
// Pure functions of the API's answers, so they are unit-tested without a browser (test/charts.test.mjs).
import { formatMoneyCompact } from '../format.js';
import { percentText } from '../orders/model.js';

// Completion at or above this many basis points has met its target (100 %).
export const QUOTA_FULL_BP = 10_000;
// Quota bars coloured by meaning: amber below the target, green once it is met.
export const QUOTA_BELOW = '#c77c02';
export const QUOTA_MET = '#1e7a45';
const BAR_COLOUR = '#2f7d5b';
// Colours of the counties' series in the by-month chart, in the order the counties come.
const SERIES_COLOURS = ['#2f7d5b', '#c77c02', '#3465a4', '#8f3f71', '#5c6b73', '#a0522d'];
// Beyond this many months the by-month chart opens on the latest ones; the slider shows the rest.
const MONTHS_SHOWN_MAX = 12;

const money = (lang) => (value) => formatMoneyCompact(BigInt(Math.round(Number(value) || 0)), lang);
const yuan = (fen) => {
    const n = BigInt(fen);
    const sign = n < 0n ? '-' : '';
    const abs = n < 0n ? -n : n;
    return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

/** RFC 4180 CSV with a byte-order mark (so spreadsheet programs read the Chinese names right). */
export function csvText(header, rows) {
    const cell = (value) => {
        const text = String(value ?? '');
        return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    };
    return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** A data: address of the CSV (no blob to revoke; the figures of one chart are small). */
export function csvHref(csv) {
    return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}

/** Tooltip shown inside the canvas (the CSP refuses the inline styles of ECharts' HTML tooltips). */
function tooltip(format) {
    return { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' }, formatter: format };
}

function axisTooltip(valueText) {
    return tooltip((params) => {
        const items = Array.isArray(params) ? params : [params];
        const lines = items.filter((p) => Number(p.value) !== 0 || items.length === 1)
            .map((p) => `${p.seriesName}: ${valueText(p.value)}`);
        return [items[0]?.name ?? '', ...lines].join('\n');
    });
}

/**
 * Money per entry ({ key, label, fen: BigInt }) as horizontal bars: the chart, its table and its CSV
 * (`keyName` heads the machine column of the keys, e.g. 'county').
 */
export function moneyBars(entries, { t, lang, series, keyName }) {
    const ordered = [...entries].reverse();  // ECharts draws a category axis bottom up
    const option = {
        animation: false,
        // containLabel keeps the axis labels in, not the bars' value labels: the right margin holds the
        // longest of those ("¥296.65万", "¥2,966,500.00") beside the longest bar.
        grid: { left: 8, right: 96, top: 32, bottom: 8, containLabel: true },
        legend: { data: [series], top: 0 },
        tooltip: axisTooltip(money(lang)),
        xAxis: { type: 'value', axisLabel: { formatter: money(lang) } },
        yAxis: { type: 'category', data: ordered.map((e) => e.label) },
        series: [{ name: series, type: 'bar', data: ordered.map((e) => Number(e.fen)), itemStyle: { color: BAR_COLOUR },
            label: { show: true, position: 'right', formatter: (p) => money(lang)(p.value) } }],
    };
    return {
        option,
        table: { columns: [t(`chart.${keyName}`), series], rows: entries.map((e) => [e.label, formatMoneyCompact(e.fen, lang)]) },
        csv: csvText([keyName, `${keyName}_name`, 'amount_fen', 'amount_yuan'],
            entries.map((e) => [e.key, e.label, e.fen.toString(), yuan(e.fen)])),
    };
}

/** { months (sorted), counties: [{ key, label, byMonth: Map(month → fen) }] } of an aid-sales report by county and month. */
export function monthsByCounty(report, nameOf) {
    const months = new Set();
    const counties = new Map();
    for (const row of report?.rows ?? []) {
        const { county, month } = row.keys ?? {};
        if (county === undefined || month === undefined) continue;
        months.add(month);
        const entry = counties.get(county) ?? { key: county, label: nameOf(county), byMonth: new Map() };
        entry.byMonth.set(month, (entry.byMonth.get(month) ?? 0n) + BigInt(row.amount_fen));
        counties.set(county, entry);
    }
    return { months: [...months].sort(), counties: [...counties.values()] };
}

/** Aid sales per month, stacked by county, with a legend and a time-range slider. */
export function monthlyStack({ months, counties }, { t, lang }) {
    const first = Math.max(0, months.length - MONTHS_SHOWN_MAX);
    const option = {
        animation: false,
        color: SERIES_COLOURS,
        grid: { left: 8, right: 24, top: 32, bottom: 48, containLabel: true },
        legend: { data: counties.map((c) => c.label), top: 0 },
        tooltip: axisTooltip(money(lang)),
        xAxis: { type: 'category', data: months },
        yAxis: { type: 'value', axisLabel: { formatter: money(lang) } },
        dataZoom: [{ type: 'slider', startValue: first, endValue: Math.max(0, months.length - 1), bottom: 8 }, { type: 'inside' }],
        series: counties.map((c) => ({ name: c.label, type: 'bar', stack: 'aid', data: months.map((m) => Number(c.byMonth.get(m) ?? 0n)) })),
    };
    const total = (m) => counties.reduce((sum, c) => sum + (c.byMonth.get(m) ?? 0n), 0n);
    return {
        option,
        table: {
            columns: [t('chart.month'), ...counties.map((c) => c.label), t('reports.total')],
            rows: months.map((m) => [m, ...counties.map((c) => formatMoneyCompact(c.byMonth.get(m) ?? 0n, lang)), formatMoneyCompact(total(m), lang)]),
        },
        csv: csvText(['month', 'county', 'county_name', 'amount_fen', 'amount_yuan'],
            months.flatMap((m) => counties.filter((c) => c.byMonth.has(m)).map((c) => [m, c.key, c.label, c.byMonth.get(m).toString(), yuan(c.byMonth.get(m))]))),
    };
}

/** Quota completion per district ({ district, name, completion_bp, completion_pct, target_fen, purchased_fen }), with the 100 % mark. */
export function quotaBars(districts, { t, lang }) {
    const ordered = [...districts].reverse();
    const percent = (bp) => Number(bp) / 100;
    const option = {
        animation: false,
        grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
        legend: { data: [t('chart.completion')], top: 0 },
        tooltip: axisTooltip((value) => `${value} %`),
        xAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
        yAxis: { type: 'category', data: ordered.map((d) => d.name) },
        series: [{
            name: t('chart.completion'), type: 'bar',
            data: ordered.map((d) => ({ value: percent(d.completion_bp), itemStyle: { color: d.completion_bp >= QUOTA_FULL_BP ? QUOTA_MET : QUOTA_BELOW } })),
            label: { show: true, position: 'right', formatter: '{c} %' },
            markLine: { symbol: 'none', silent: true, lineStyle: { color: '#1c2733', type: 'solid' }, label: { formatter: '100 %' }, data: [{ xAxis: 100 }] },
        }],
    };
    const fen = (value) => (value === null || value === undefined ? '' : formatMoneyCompact(value, lang));
    return {
        option,
        table: {
            columns: [t('chart.district'), t('chart.target'), t('chart.purchased'), t('chart.completion')],
            rows: districts.map((d) => [d.name, fen(d.target_fen), fen(d.purchased_fen), percentText(d.completion_pct, d.completion_bp)]),
            met: districts.map((d) => d.completion_bp >= QUOTA_FULL_BP),
        },
        csv: csvText(['district', 'district_name', 'target_fen', 'purchased_fen', 'completion_bp'],
            districts.map((d) => [d.district, d.name, d.target_fen ?? '', d.purchased_fen ?? '', d.completion_bp])),
    };
}

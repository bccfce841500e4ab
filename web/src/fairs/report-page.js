// /fairs/:id/report — an event's report (issue 15 item 7) as GET /api/v1/reports/fairs/{id} answers
// it for the reader (organisers, admin, fund officer, auditor; a county officer its county's
// exhibitors): participants and check-ins, meetings by outcome, intended and on-site amounts by
// county, exhibitor, buyer channel and category as bar charts (names, never codes; ¥/万), the
// conversion of intended orders (open / confirmed / paid / cancelled) and per Beijing week as a line
// chart, and the sheet as CSV and Excel. Other roles are never offered the page (page-access.js).
import { useMemo } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { Link } from '../router.js';
import { LoadError, Loading, Refusal } from '../components/catalog-bits.js';
import { Chart } from '../components/chart.js';
import { moneyBars } from '../components/chart-data.js';
import { useRecord } from '../pages/organisation.js';
import { formatCount, formatMoney, formatMoneyCompact } from '../format.js';
import { conversionChart, figureEntries, REPORT_BARS_MAX, reportFile } from './at-event-model.js';
import { eventDates, eventName } from './model.js';
import { StateBadge } from './shared.js';

const BREAKDOWNS = ['by_county', 'by_exhibitor', 'by_buyer_channel', 'by_category'];
const AMOUNTS = ['intended_fen', 'onsite_fen'];

function Figure({ label, value, testId }) {
    return html`<div class="stat" data-testid=${testId}><dt>${label}</dt><dd>${value}</dd></div>`;
}

function money(fen, lang) {
    return `${formatMoneyCompact(BigInt(fen), lang)}`;
}

function Breakdown({ report, breakdown, amount }) {
    const { t, lang } = useApp();
    const entries = useMemo(() => figureEntries(report[breakdown], amount, lang), [report, lang]);
    const label = t(`fairs.report.${breakdown}.${amount}`);
    if (entries.length === 0) return html`<section class="card" data-testid=${`fair-report-${breakdown}-${amount}`}><h3>${label}</h3><p class="muted">${t('fairs.report.nothing')}</p></section>`;
    const options = { t, lang, series: t(`fairs.report.${amount}`), keyName: breakdown.replace('by_', '') };
    // The largest bars drawn; the table beneath and the CSV hold every entry.
    const all = moneyBars(entries, options);
    const data = entries.length > REPORT_BARS_MAX ? { ...all, option: moneyBars(entries.slice(0, REPORT_BARS_MAX), options).option } : all;
    return html`
        <section class="card" data-testid=${`fair-report-${breakdown}-${amount}`}>
            <h3>${label}</h3>
            ${entries.length > REPORT_BARS_MAX && html`<p class="muted small">${t('fairs.report.largest', { count: REPORT_BARS_MAX, all: entries.length })}</p>`}
            <${Chart} testId=${`fair-chart-${breakdown}-${amount}`} label=${label} data=${data} file=${`fair-${breakdown}-${amount}`} size=${entries.length > 6 ? 'tall' : 'short'} />
        </section>`;
}

export function FairReportPage({ params }) {
    const { t, lang } = useApp();
    const record = useRecord(`reports/fairs/${encodeURIComponent(params.id)}`);
    const conversion = useMemo(() => (record.value ? conversionChart(record.value.conversion.by_week, { t, lang }) : null), [record.value, lang]);
    if (record.phase === 'error') {
        if (record.error?.status === 403 || record.error?.status === 404) return html`<${Refusal} status=${record.error.status} />`;
        return html`<div class="page"><${LoadError} error=${record.error} onRetry=${record.reload} /></div>`;
    }
    if (!record.value) return html`<div class="page"><${Loading} /></div>`;
    const r = record.value;
    const c = r.conversion;
    const hasAmounts = (amount) => BREAKDOWNS.some((b) => r[b].some((row) => Number(row[amount]) > 0));
    return html`
        <div class="page" data-testid="fair-report">
            <div class="page-head with-actions">
                <div>
                    <p class="muted small"><${Link} href=${`/fairs/${encodeURIComponent(r.event.id)}`} data-testid="fair-report-back">${eventName(r.event, lang)}<//></p>
                    <h1 data-testid="fair-report-heading">${t('fairs.report.title', { name: eventName(r.event, lang) })}</h1>
                    <p class="muted">${t(`fairKind.${r.event.kind}`)} · ${eventDates(r.event)} · <${StateBadge} state=${r.event.state} />
                        ${r.county !== null && html` · <span data-testid="fair-report-county">${t('fairs.report.countyScope', { county: r.county ? t(`county.${r.county}`) : t('fairs.report.noCounty') })}</span>`}</p>
                </div>
                <div class="actions export-links">
                    <a class="button" href=${reportFile(r.event.id, 'csv')} download data-testid="fair-report-csv">CSV</a>
                    <a class="button" href=${reportFile(r.event.id, 'xlsx')} download data-testid="fair-report-xlsx">Excel</a>
                </div>
            </div>
            <section class="card" data-testid="fair-report-figures">
                <h2>${t('fairs.report.figures')}</h2>
                <dl class="stats">
                    <${Figure} label=${t('fairs.report.exhibitors')} value=${t('fairs.report.checkedInOf.exhibitors', { checked: formatCount(r.participants.exhibitors_checked_in, lang), all: formatCount(r.participants.exhibitors, lang) })} testId="fair-report-exhibitors" />
                    <${Figure} label=${t('fairs.report.buyers')} value=${t('fairs.report.checkedInOf.buyers', { checked: formatCount(r.participants.buyers_checked_in, lang), all: formatCount(r.participants.buyers, lang) })} testId="fair-report-buyers" />
                    <${Figure} label=${t('fairs.report.intended')} value=${`${money(r.total.intended_fen, lang)} · ${t('fairs.report.orders', { count: r.total.intent_orders })}`} testId="fair-report-intended" />
                    <${Figure} label=${t('fairs.report.onsite')} value=${`${money(r.total.onsite_fen, lang)} · ${t('fairs.report.orders', { count: r.total.onsite_orders })}`} testId="fair-report-onsite" />
                </dl>
                <h3>${t('fairs.report.meetings')}</h3>
                <dl class="stats" data-testid="fair-report-meetings">
                    ${['scheduled', 'held', 'follow_up', 'no_show', 'unrecorded'].map((key) => html`
                        <${Figure} key=${key} label=${t(`fairs.report.meetings.${key}`)} value=${formatCount(r.meetings[key], lang)} testId=${`fair-report-meetings-${key}`} />`)}
                </dl>
            </section>
            ${AMOUNTS.filter(hasAmounts).map((amount) => html`
                <section key=${amount} data-testid=${`fair-report-${amount}`}>
                    <h2>${t(`fairs.report.${amount}`)}</h2>
                    <div class="grid chart-grid">
                        ${BREAKDOWNS.map((breakdown) => html`<${Breakdown} key=${breakdown} report=${r} breakdown=${breakdown} amount=${amount} />`)}
                    </div>
                </section>`)}
            ${!AMOUNTS.some(hasAmounts) && html`<p class="empty card" data-testid="fair-report-no-orders">${t('fairs.report.noOrders')}</p>`}
            <section class="card" data-testid="fair-report-conversion">
                <h2>${t('fairs.report.conversion')}</h2>
                <dl class="stats">
                    ${['open', 'confirmed', 'paid', 'cancelled'].map((key) => html`
                        <${Figure} key=${key} label=${t(`fairs.report.intents.${key}`)} testId=${`fair-report-intents-${key}`}
                            value=${`${formatCount(c[`intents_${key}`], lang)} · ${formatMoney(c[`intents_${key}_fen`])}`} />`)}
                </dl>
                ${c.by_week.length === 0
                    ? html`<p class="muted" data-testid="fair-report-no-conversion">${t('fairs.report.noConversion')}</p>`
                    : html`<${Chart} testId="fair-chart-conversion" label=${t('fairs.report.conversionByWeek')} data=${conversion} file="fair-conversion-by-week" />`}
            </section>
        </div>`;
}

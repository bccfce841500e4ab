// The aid-sales charts as SVG bars (no chart library): money per entry (county, month, …) and quota
// completion per district. Used by the dashboard (pages/reports.js) and the home page's card.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { formatMoneyCompact } from '../format.js';
import { barWidths, completionWidth, percentText } from '../orders/model.js';

const ROW_HEIGHT = 22;
const LABEL_WIDTH = 120;

export function Bars({ entries, testId }) {
    const { lang } = useApp();
    const widths = barWidths(entries);
    return html`
        <svg class="chart" data-testid=${testId} width="640" height=${entries.length * ROW_HEIGHT + 4} role="img">
            ${entries.map((entry, i) => html`
                <g key=${entry.key} data-testid=${`${testId}-bar`} transform=${`translate(0 ${i * ROW_HEIGHT})`}>
                    <text x="0" y="15" font-size="12">${entry.label}</text>
                    <rect x=${LABEL_WIDTH} y="3" height="15" width=${widths[i]} fill="#2f7d5b"></rect>
                    <text x=${LABEL_WIDTH + widths[i] + 6} y="15" font-size="12">${formatMoneyCompact(entry.fen, lang)}</text>
                </g>`)}
        </svg>`;
}

export function QuotaBars({ districts }) {
    const { t } = useApp();
    return html`
        <svg class="chart" data-testid="chart-quota" width="640" height=${districts.length * ROW_HEIGHT + 4} role="img">
            ${districts.map((d, i) => html`
                <g key=${d.district} transform=${`translate(0 ${i * ROW_HEIGHT})`}>
                    <text x="0" y="15" font-size="12">${d.district_name}</text>
                    <rect x=${LABEL_WIDTH} y="3" height="15" width="400" fill="#e6eee9"></rect>
                    <rect x=${LABEL_WIDTH} y="3" height="15" width=${completionWidth(d.completion_bp)} fill="#c8553d"></rect>
                    <text x=${LABEL_WIDTH + 406} y="15" font-size="12">${percentText(d.completion_pct, d.completion_bp)}</text>
                </g>`)}
            ${districts.length === 0 && html`<text x="0" y="15">${t('reports.noQuota')}</text>`}
        </svg>`;
}

// The aid-sales charts as SVG bars (no chart library): money per entry (county, month, …) and quota
// completion per district. Used by the dashboard (pages/reports.js) and the home page's card.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { formatMoneyCompact } from '../format.js';
import { barWidths, completionWidth, percentText } from '../orders/model.js';
import { byCode, useReference } from '../catalog/reference.js';
import { localName } from '../catalog/model.js';

// Quota bars coloured by meaning: amber below the target, green once it is met; a mark at 100 %.
const QUOTA_BELOW = '#c77c02';
const QUOTA_MET = '#1e7a45';
const QUOTA_FULL_BP = 10_000;

const ROW_HEIGHT = 22;
const LABEL_WIDTH = 120;

// `label` names the chart for screen readers (role="img" hides the bars' texts from them).
export function Bars({ entries, testId, label }) {
    const { lang } = useApp();
    const widths = barWidths(entries);
    return html`
        <svg class="chart" data-testid=${testId} width="640" height=${entries.length * ROW_HEIGHT + 4} role="img"
             aria-label=${`${label}: ${entries.map((entry) => `${entry.label} ${formatMoneyCompact(entry.fen, lang)}`).join('; ')}`}>
            ${entries.map((entry, i) => html`
                <g key=${entry.key} data-testid=${`${testId}-bar`} transform=${`translate(0 ${i * ROW_HEIGHT})`}>
                    <text x="0" y="15" font-size="12">${entry.label}</text>
                    <rect x=${LABEL_WIDTH} y="3" height="15" width=${widths[i]} fill="#2f7d5b"></rect>
                    <text x=${LABEL_WIDTH + widths[i] + 6} y="15" font-size="12">${formatMoneyCompact(entry.fen, lang)}</text>
                </g>`)}
        </svg>`;
}

export function QuotaBars({ districts }) {
    const { t, lang } = useApp();
    const { districts: names } = useReference(['districts']);
    const nameOf = (d) => localName(byCode(names, d.district), lang) || d.district_name;
    const full = completionWidth(QUOTA_FULL_BP);
    return html`
        <svg class="chart" data-testid="chart-quota" width="640" height=${districts.length * ROW_HEIGHT + 4} role="img"
             aria-label=${t('reports.quotaByDistrict')}>
            ${districts.map((d, i) => html`
                <g key=${d.district} transform=${`translate(0 ${i * ROW_HEIGHT})`} data-testid="chart-quota-bar"
                   data-met=${d.completion_bp >= QUOTA_FULL_BP ? 'true' : 'false'}>
                    <text x="0" y="15" font-size="12">${nameOf(d)}</text>
                    <rect x=${LABEL_WIDTH} y="3" height="15" width="400" fill="#e6eee9"></rect>
                    <rect x=${LABEL_WIDTH} y="3" height="15" width=${completionWidth(d.completion_bp)}
                          fill=${d.completion_bp >= QUOTA_FULL_BP ? QUOTA_MET : QUOTA_BELOW}></rect>
                    <line x1=${LABEL_WIDTH + full} x2=${LABEL_WIDTH + full} y1="1" y2="20" stroke="#1c2733" stroke-width="1"></line>
                    <text x=${LABEL_WIDTH + 406} y="15" font-size="12">${percentText(d.completion_pct, d.completion_bp)}</text>
                </g>`)}
            ${districts.length === 0 && html`<text x="0" y="15">${t('reports.noQuota')}</text>`}
        </svg>`;
}

// Risk flags raised by R1–R15: a table newest first, each flag written in the reader's language
// from its code and figures (risk-messages.js), by severity, the project or contract it concerns
// and its county, filtered by status and severity, a search (project, contract, rule) and a range
// of the dates raised, all kept in the address so that the to-do home's links open exactly their
// flags. A fund officer or the auditor confirms or dismisses an open flag with a reason.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { Link, navigate } from '../router.js';
import { useCursorList } from '../catalog/lists.js';
import { ListWindow, PagedTable } from '../components/data-table.js';
import { formatDate, formatDateTime } from '../format.js';
import { DAILY_JOB_ROLES, latestRun, NIGHTLY_SCAN_JOB } from '../projects/model.js';
import { FLAG_FILTERS, filtersFrom, listAddress, listPath } from '../projects/lists.js';
import { jobSummaryText, riskText, riskTitle } from '../risk-messages.js';

const FLAG_STATUSES = ['open', 'confirmed', 'dismissed'];
const SEVERITIES = ['high', 'medium', 'low'];
const REVIEWERS = ['fund_officer', 'auditor'];

// When the server's nightly scan last ran and what it found (the flags below include its new ones);
// only for the roles the daily-jobs route answers, and absent if it fails.
function LastScan() {
    const { t, lang, session } = useApp();
    const role = session?.user?.role;
    const [run, setRun] = useState(null);
    useEffect(() => {
        setRun(null);
        if (!DAILY_JOB_ROLES.includes(role)) return undefined;
        let live = true;
        api.get('system/daily-jobs?limit=20').then(
            (value) => { if (live) setRun(latestRun(value.runs, NIGHTLY_SCAN_JOB)); },
            () => { if (live) setRun(null); });
        return () => { live = false; };
    }, [role]);
    if (!run) return null;
    const summary = jobSummaryText(run, lang);
    return html`
        <p class="small" data-testid="last-scan" data-state=${run.state}>
            ${t('flags.lastScan')}: ${run.run_date} · ${t(`jobState.${run.state}`)}
            ${run.finished_at && html` · ${formatDateTime(run.finished_at)}`}${summary && html` — <span data-testid="last-scan-summary">${summary}</span>`}
        </p>`;
}

// A fund officer's or the auditor's decision on an open flag, with the reason it needs.
function Review({ flag, onDone }) {
    const { t } = useApp();
    const [reason, setReason] = useState('');
    const [error, setError] = useState('');
    const review = (decision) => api.post(`risk/flags/${encodeURIComponent(flag.id)}/review`, { decision, reason: reason.trim() })
        .then(onDone, (failure) => setError(failure.fieldErrors?.reason || failure.detail || failure.message));
    return html`
        <div class="cell-actions">
            <input type="text" value=${reason} placeholder=${t('flags.reason')} aria-label=${t('flags.reason')} data-testid="flag-reason"
                onInput=${(event) => setReason(event.currentTarget.value)} />
            <button type="button" class="button small" data-testid="flag-confirm" onClick=${() => review('confirmed')}>${t('flags.confirm')}</button>
            <button type="button" class="button small" data-testid="flag-dismiss" onClick=${() => review('dismissed')}>${t('flags.dismiss')}</button>
            ${error && html`<span class="error" role="alert" data-testid="flag-error">${error}</span>`}
        </div>`;
}

// What the flag concerns, by name: its project (a link) and contract, or its county as a whole.
function Subject({ flag }) {
    const { t } = useApp();
    if (!flag.project_id) {
        return flag.county ? t('flags.countyWide', { county: t(`county.${flag.county}`) }) : '';
    }
    return html`
        <${Link} href=${`/projects/${encodeURIComponent(flag.project_id)}`} data-testid="flag-project">${flag.project_code} ${flag.project_name}<//>
        ${flag.contract_title && html`<div class="muted small" data-testid="flag-contract">${flag.contract_title}</div>`}`;
}

function flagColumns(t, lang, review) {
    const columns = [
        { id: 'date', label: t('flags.raisedOn'), sortValue: (f) => `${f.raised_at} ${f.id}`, cell: (f) => formatDate(f.raised_at) },
        { id: 'severity', label: t('flags.severity'), sortValue: (f) => SEVERITIES.indexOf(f.severity),
            cell: (f) => html`<span class=${`badge severity-${f.severity}`}>${t('flags.severityLevel', { level: t(`severity.${f.severity}`) })}</span>` },
        { id: 'finding', label: t('flags.finding'), sortValue: (f) => riskTitle(f.code, lang) ?? f.summary,
            cell: (f) => html`
                <strong data-testid="flag-title">${riskTitle(f.code, lang) ?? f.rule}</strong>
                <div class="small" data-testid="flag-text">${riskText(f, lang)}</div>` },
        { id: 'subject', label: t('flags.subject'), sortValue: (f) => f.project_code || f.county, cell: (f) => html`<${Subject} flag=${f} />` },
        { id: 'county', label: t('flags.county'), sortValue: (f) => (f.county ? t(`county.${f.county}`) : ''), cell: (f) => (f.county ? t(`county.${f.county}`) : '') },
        { id: 'status', label: t('flags.status'), sortValue: (f) => FLAG_STATUSES.indexOf(f.status),
            cell: (f) => html`
                <span class=${`badge status-${f.status}`}>${t(`flagStatus.${f.status}`)}</span>
                ${f.review_reason && html`<div class="small" data-testid="flag-review-reason">${f.review_reason}</div>`}` },
    ];
    if (review) columns.push({ id: 'review', label: t('flags.review'), cell: review });
    return columns;
}

export function RiskFlagsPage({ location }) {
    const { t, lang, session } = useApp();
    const filters = filtersFrom(location.query, FLAG_FILTERS);
    const address = listAddress('/risk-flags', filters, FLAG_FILTERS);
    const [round, setRound] = useState(0);
    const list = useCursorList((cursor) => listPath('risk/flags', filters, FLAG_FILTERS, { cursor }), `${address}:${round}`);
    const go = (next) => navigate(listAddress('/risk-flags', next, FLAG_FILTERS));
    const reviews = REVIEWERS.includes(session?.user?.role);
    const review = reviews
        ? (f) => (f.status === 'open' ? html`<${Review} key=${f.id} flag=${f} onDone=${() => setRound(round + 1)} />` : null)
        : null;
    const select = (name, values, label, labelOf) => html`
        <label class="filter"><span>${label}</span>
            <select value=${filters[name] ?? ''} data-testid=${`flags-filter-${name}`} onChange=${(event) => go({ ...filters, [name]: event.currentTarget.value || undefined })}>
                <option value="">${t('flags.all')}</option>
                ${values.map((value) => html`<option key=${value} value=${value}>${labelOf(value)}</option>`)}
            </select>
        </label>`;
    return html`
        <div class="page" data-testid="flags-page">
            <div class="page-head">
                <h1>${t('flags.title')}</h1>
                <${LastScan} />
            </div>
            <div class="card filters">
                <div class="filter-row">
                    ${select('status', FLAG_STATUSES, t('flags.status'), (s) => t(`flagStatus.${s}`))}
                    ${select('severity', SEVERITIES, t('flags.severity'), (s) => t(`severity.${s}`))}
                </div>
                <${ListWindow} window=${filters} testId="flags" searchLabel=${t('flags.search')} dateLabel=${t('flags.dates')}
                    onChange=${(window) => go({ status: filters.status, severity: filters.severity, ...window })} />
            </div>
            <${PagedTable} list=${list} testId="flags" none=${t('flags.none')} columns=${flagColumns(t, lang, review)}
                rowKey=${(f) => f.id} caption=${t('flags.title')} initialSort=${{ column: 'date', dir: 'desc' }}
                rowProps=${(f) => ({ 'data-testid': 'flag-row', 'data-flag-id': f.id, 'data-rule': f.rule, 'data-code': f.code ?? '' })} />
        </div>`;
}

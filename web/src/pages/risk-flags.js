// Risk flags raised by R1–R15: each with its severity, summary and evidence; a fund officer or the
// auditor confirms or dismisses it with a reason.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { useCursorList } from '../catalog/lists.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';
import { formatDateTime } from '../format.js';
import { DAILY_JOB_ROLES, latestRun, NIGHTLY_SCAN_JOB } from '../projects/model.js';

// When the server's nightly scan last ran and what it found (the flags below include its new ones);
// only for the roles the daily-jobs route answers, and absent if it fails.
function LastScan() {
    const { t, session } = useApp();
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
    return html`
        <p class="small" data-testid="last-scan" data-state=${run.state}>
            ${t('flags.lastScan')}: ${run.run_date} · ${t(`jobState.${run.state}`)}
            ${run.finished_at && html` · ${formatDateTime(run.finished_at)}`}${run.summary && html` — ${run.summary}`}
        </p>`;
}

function Flag({ flag, onDone }) {
    const { t, session } = useApp();
    const [reason, setReason] = useState('');
    const [error, setError] = useState('');
    const canReview = ['fund_officer', 'auditor'].includes(session?.user?.role) && flag.status === 'open';
    const review = (decision) => api.post(`risk/flags/${encodeURIComponent(flag.id)}/review`, { decision, reason: reason.trim() })
        .then(onDone, (failure) => setError(failure.fieldErrors?.reason || failure.detail || failure.message));
    return html`
        <li data-testid="flag-row" data-rule=${flag.rule}>
            <strong>${flag.rule}</strong> · ${t(`severity.${flag.severity}`)} · ${flag.summary}
            ${flag.county && html` · ${t(`county.${flag.county}`)}`}
            <details><summary>${t('flags.evidence')}</summary><pre class="small">${JSON.stringify(flag.evidence, null, 2)}</pre></details>
            ${flag.review_reason && html`<p class="small">${t(`flagStatus.${flag.status}`)}: ${flag.review_reason}</p>`}
            ${canReview && html`
                <input type="text" value=${reason} placeholder=${t('flags.reason')} data-testid="flag-reason"
                    onInput=${(event) => setReason(event.currentTarget.value)} />
                <button type="button" class="button small" data-testid="flag-confirm" onClick=${() => review('confirmed')}>${t('flags.confirm')}</button>
                <button type="button" class="button small" data-testid="flag-dismiss" onClick=${() => review('dismissed')}>${t('flags.dismiss')}</button>`}
            ${error && html` <span class="error" data-testid="flag-error">${error}</span>`}
        </li>`;
}

export function RiskFlagsPage() {
    const { t } = useApp();
    const [status, setStatus] = useState('open');
    const [round, setRound] = useState(0);
    const list = useCursorList((cursor) => `risk/flags?status=${status}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        `${status}:${round}`);
    return html`
        <div class="page" data-testid="flags-page">
            <h1>${t('flags.title')}</h1>
            <${LastScan} />
            <div class="card filter-row">
                ${['open', 'confirmed', 'dismissed'].map((name) => html`
                    <button key=${name} type="button" class=${`button small${status === name ? ' primary' : ''}`}
                        onClick=${() => setStatus(name)}>${t(`flagStatus.${name}`)}</button>`)}
            </div>
            <section class="card">
                ${list.phase === 'loading' && html`<${Loading} />`}
                ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} />`}
                ${list.phase === 'ready' && html`
                    <ul class="plain-list">${list.items.map((flag) => html`<${Flag} key=${flag.id} flag=${flag} onDone=${() => setRound(round + 1)} />`)}</ul>
                    <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} />`}
            </section>
        </div>`;
}

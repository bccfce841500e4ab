// The audit verification result: the hash chain recomputed row by row, the sealed months, and the
// ledger's invariants (totals = transfers, debits = credits per ledger, zero-balance accounts at
// zero). Every break names the row and what differs. Auditors, fund officers and admins.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { formatInteger } from '../format.js';
import { LoadError, Loading, Refusal } from '../components/catalog-bits.js';
import { AuditEvents } from '../components/audit-events.js';

export function AuditPage({ location }) {
    const { t } = useApp();
    const [state, setState] = useState({ status: 'loading' });
    const verify = () => {
        setState({ status: 'loading' });
        api.get('audit/verify', { timeoutMs: 120_000 })
            .then((report) => setState({ status: 'ready', report }))
            .catch((error) => setState({ status: 'error', error }));
    };
    useEffect(verify, []);
    if (state.status === 'error' && state.error.status === 403) return html`<${Refusal} status=${403} />`;
    const report = state.report;
    return html`
        <div class="page" data-testid="audit-page">
            <h1>${t('audit.heading')}</h1>
            <p class="muted">${t('audit.intro')}</p>
            <p><button type="button" class="button primary" data-testid="audit-verify" onClick=${verify} disabled=${state.status === 'loading'}>${t('audit.verify')}</button></p>
            ${state.status === 'loading' && html`<${Loading} />`}
            ${state.status === 'error' && html`<${LoadError} error=${state.error} onRetry=${verify} />`}
            ${state.status === 'ready' && html`
                <section class="card" data-testid="audit-result" data-ok=${String(report.ok)}>
                    <h2 class=${report.ok ? 'ok' : 'error'} data-testid="audit-verdict">${report.ok ? t('audit.ok') : t('audit.broken', { count: report.breaks.length })}</h2>
                    <dl class="details">
                        <dt>${t('audit.rows')}</dt><dd data-testid="audit-rows">${formatInteger(report.audit_rows)}</dd>
                        <dt>${t('audit.seals')}</dt><dd>${formatInteger(report.seals)}</dd>
                        <dt>${t('audit.accounts')}</dt><dd>${formatInteger(report.accounts)}</dd>
                        <dt>${t('audit.transfers')}</dt><dd>${formatInteger(report.transfers)}</dd>
                        <dt>${t('audit.head')}</dt><dd><code>${report.head_hash}</code></dd>
                    </dl>
                    ${report.breaks.length > 0 && html`
                        <table class="table" data-testid="audit-breaks">
                            <thead><tr><th>${t('audit.row')}</th><th>${t('audit.kind')}</th><th>${t('audit.record')}</th><th>${t('audit.detail')}</th></tr></thead>
                            <tbody>${report.breaks.map((b, i) => html`
                                <tr key=${i}><td>${b.seq || '—'}</td><td>${b.kind}</td><td>${b.record_type} ${b.record_id}</td><td>${b.detail}</td></tr>`)}
                            </tbody>
                        </table>`}
                </section>`}
            <${AuditEvents} location=${location} />
        </div>`;
}

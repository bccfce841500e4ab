// The payment-approval queue: submitted requests wait for a fund officer's approval (never their
// own), approved ones for payment. A refusal (quota, overpayment) stays on the request with its
// reason; a request with a high-severity flag needs an override reason to be paid.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { Link } from '../router.js';
import { formatMoney } from '../format.js';
import { useCursorList } from '../catalog/lists.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';

function Row({ request, onDone }) {
    const { t, session } = useApp();
    const [error, setError] = useState('');
    const [override, setOverride] = useState('');
    const canDecide = ['admin', 'fund_officer'].includes(session?.user?.role);
    const act = (action, body) => api.post(`payment-requests/${encodeURIComponent(request.id)}/${action}`, body)
        .then(onDone, (failure) => setError(failure.detail || failure.message));
    return html`
        <li data-testid="payment-row" data-request-id=${request.id}>
            <${Link} href=${`/projects/${encodeURIComponent(request.project_id)}`}>${t(`county.${request.county}`)} · ${request.requested_on}<//>
            ${' · '}${formatMoney(request.amount_fen)} · ${t(`paymentStatus.${request.status}`)}
            ${request.refusal_reason && html` · <span class="error" data-testid="payment-refusal">${request.refusal_reason}</span>`}
            ${canDecide && request.status === 'submitted' && html`
                ${' '}<button type="button" class="button small primary" data-testid="payment-approve" onClick=${() => act('approve')}>${t('payments.approve')}</button>`}
            ${canDecide && request.status === 'approved' && html`
                ${' '}<input type="text" value=${override} placeholder=${t('payments.overrideReason')} data-testid="payment-override"
                    onInput=${(event) => setOverride(event.currentTarget.value)} />
                <button type="button" class="button small primary" data-testid="payment-pay"
                    onClick=${() => act('pay', override.trim() ? { override_reason: override.trim() } : {})}>${t('payments.pay')}</button>`}
            ${error && html` <span class="error" data-testid="payment-error">${error}</span>`}
        </li>`;
}

export function PaymentsPage() {
    const { t } = useApp();
    const [status, setStatus] = useState('submitted');
    const [round, setRound] = useState(0);
    const list = useCursorList((cursor) => `payment-requests?status=${status}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        `${status}:${round}`);
    return html`
        <div class="page" data-testid="payments-page">
            <h1>${t('payments.title')}</h1>
            <div class="card filter-row">
                ${['submitted', 'approved', 'paid', 'rejected'].map((name) => html`
                    <button key=${name} type="button" class=${`button small${status === name ? ' primary' : ''}`}
                        data-testid=${`payments-tab-${name}`} onClick=${() => setStatus(name)}>${t(`paymentStatus.${name}`)}</button>`)}
            </div>
            <section class="card">
                ${list.phase === 'loading' && html`<${Loading} />`}
                ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} />`}
                ${list.phase === 'ready' && html`
                    ${list.items.length === 0 && html`<p class="muted" data-testid="payments-empty">${t('projects.none')}</p>`}
                    <ul class="plain-list">${list.items.map((request) => html`<${Row} key=${request.id} request=${request} onDone=${() => setRound(round + 1)} />`)}</ul>
                    <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} />`}
            </section>
        </div>`;
}

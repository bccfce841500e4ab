// The payment-approval queue: submitted requests wait for a fund officer's approval (never their
// own), approved ones for payment. A refusal (quota, overpayment) stays on the request with its
// reason; a request with a high-severity flag needs an override reason to be paid.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, idempotencyKeys } from '../api.js';
import { Link } from '../router.js';
import { formatMoney } from '../format.js';
import { useCursorList } from '../catalog/lists.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';
import { useConfirmedAction } from '../components/confirm.js';
import { localizeServerMessage } from '../server-messages.js';

function Row({ request, onDone, confirmed }) {
    const { t, lang, session } = useApp();
    const [override, setOverride] = useState('');
    const [reason, setReason] = useState('');
    const [keys] = useState(() => idempotencyKeys());
    const canDecide = ['admin', 'fund_officer'].includes(session?.user?.role);
    const { run, busy } = confirmed;
    // The amount, the county and the date requested, repeated before approving or paying.
    const act = (action, body) => run({
        title: t(`payments.confirm.${action}`),
        facts: [[t('payments.amount'), formatMoney(request.amount_fen)], [t('payments.payee'), (lang === 'en' && request.payee_name_en) || request.payee_name],
            [t('paymentRequest.contract_id'), request.contract_title], [t('projects.county'), t(`county.${request.county}`)],
            [t('payments.requestedOn'), request.requested_on], ...(body?.override_reason ? [[t('payments.overrideReason'), body.override_reason]] : []),
            ...(body?.reason ? [[t('payments.rejectReason'), body.reason]] : [])],
        danger: action === 'reject',
        confirmLabel: t(`payments.${action}`),
        done: t(`payments.done.${action}`),
    }, () => api.post(`payment-requests/${encodeURIComponent(request.id)}/${action}`, body,
        // Paying moves money: one key per request and body, so a retry after a lost answer is answered
        // from the server's record instead of paying twice.
        action === 'pay' ? { headers: { 'Idempotency-Key': keys({ request: request.id, action, body }) } } : undefined)).then((ok) => ok && onDone());
    return html`
        <li data-testid="payment-row" data-request-id=${request.id}>
            <${Link} href=${`/projects/${encodeURIComponent(request.project_id)}`} data-testid="payment-project">${request.project_code} ${request.project_name}<//>
            ${' · '}<span data-testid="payment-contract">${request.contract_title}</span>
            ${' · '}<span data-testid="payment-payee">${(lang === 'en' && request.payee_name_en) || request.payee_name}</span>
            ${' · '}${t(`county.${request.county}`)} · ${request.requested_on}
            ${' · '}${formatMoney(request.amount_fen)} · ${t(`paymentStatus.${request.status}`)}
            ${request.refusal_reason && html` · <span class="error" data-testid="payment-refusal">${localizeServerMessage(request.refusal_reason, lang)}</span>`}
            ${canDecide && request.status === 'submitted' && html`
                ${' '}<button type="button" class="button small primary" data-testid="payment-approve" disabled=${busy} onClick=${() => act('approve')}>${t('payments.approve')}</button>
                ${' '}<input type="text" value=${reason} placeholder=${t('payments.rejectReason')} aria-label=${t('payments.rejectReason')} data-testid="payment-reject-reason"
                    onInput=${(event) => setReason(event.currentTarget.value)} />
                <button type="button" class="button small danger" data-testid="payment-reject" disabled=${busy || !reason.trim()}
                    onClick=${() => act('reject', { reason: reason.trim() })}>${t('payments.reject')}</button>`}
            ${request.status === 'rejected' && request.decision_reason && html` · <span data-testid="payment-decision-reason">${t('payments.rejectedBecause', { reason: request.decision_reason })}</span>`}
            ${canDecide && request.status === 'approved' && html`
                ${' '}<input type="text" value=${override} placeholder=${t('payments.overrideReason')} aria-label=${t('payments.overrideReason')} data-testid="payment-override"
                    onInput=${(event) => setOverride(event.currentTarget.value)} />
                <button type="button" class="button small primary" data-testid="payment-pay" disabled=${busy}
                    onClick=${() => act('pay', override.trim() ? { override_reason: override.trim() } : {})}>${t('payments.pay')}</button>`}
        </li>`;
}

export function PaymentsPage() {
    const { t } = useApp();
    const [status, setStatus] = useState('submitted');
    const [round, setRound] = useState(0);
    // One dialog and one acknowledgement for the page: the row acted on leaves the tab when it moves on.
    const confirmed = useConfirmedAction('payment');
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
            ${confirmed.feedback}
            ${confirmed.dialog}
            <section class="card">
                ${list.phase === 'loading' && html`<${Loading} />`}
                ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} />`}
                ${list.phase === 'ready' && html`
                    ${list.items.length === 0 && html`<p class="muted" data-testid="payments-empty">${t('projects.none')}</p>`}
                    <ul class="plain-list">${list.items.map((request) => html`<${Row} key=${request.id} request=${request} confirmed=${confirmed} onDone=${() => setRound(round + 1)} />`)}</ul>
                    <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} />`}
            </section>
        </div>`;
}

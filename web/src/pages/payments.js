// Payment requests: a table newest first, filtered by status (and, for a fund officer's approval
// queue, only others' requests: a requester never approves), a search (project, contract, payee)
// and a range of the dates requested, all kept in the address so that the to-do home's links open
// exactly their requests; the headers sort the rows loaded. Submitted requests wait for a fund
// officer's approval, approved ones for payment. A refusal (quota, overpayment) stays on the
// request with its reason; a request with a high-severity flag needs an override reason to be paid.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, idempotencyKeys } from '../api.js';
import { Link, navigate } from '../router.js';
import { navLabelKey } from '../nav.js';
import { formatMoney } from '../format.js';
import { useCursorList } from '../catalog/lists.js';
import { useConfirmedAction } from '../components/confirm.js';
import { ListWindow, PagedTable } from '../components/data-table.js';
import { refusalText } from '../risk-messages.js';
import { PAYMENT_STATUSES } from '../projects/model.js';
import { PAYMENT_FILTERS, filtersFrom, listAddress, listPath, nameIn } from '../projects/lists.js';

const DECIDERS = ['admin', 'fund_officer'];

// The decisions on one request, for the roles that make them.
function Decide({ request, onDone, confirmed }) {
    const { t, lang } = useApp();
    const [override, setOverride] = useState('');
    const [reason, setReason] = useState('');
    const [keys] = useState(() => idempotencyKeys());
    const { run, busy } = confirmed;
    // The amount, the payee, the contract, the county and the date requested, repeated before acting.
    const act = (action, body) => run({
        title: t(`payments.confirm.${action}`),
        facts: [[t('payments.amount'), formatMoney(request.amount_fen)], [t('payments.payee'), nameIn(lang, request.payee_name, request.payee_name_en)],
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
    if (request.status === 'submitted') {
        return html`
            <div class="cell-actions">
                <button type="button" class="button small primary" data-testid="payment-approve" disabled=${busy} onClick=${() => act('approve')}>${t('payments.approve')}</button>
                <input type="text" value=${reason} placeholder=${t('payments.rejectReason')} aria-label=${t('payments.rejectReason')} data-testid="payment-reject-reason"
                    onInput=${(event) => setReason(event.currentTarget.value)} />
                <button type="button" class="button small danger" data-testid="payment-reject" disabled=${busy || !reason.trim()}
                    onClick=${() => act('reject', { reason: reason.trim() })}>${t('payments.reject')}</button>
            </div>`;
    }
    if (request.status === 'approved') {
        return html`
            <div class="cell-actions">
                <input type="text" value=${override} placeholder=${t('payments.overrideReason')} aria-label=${t('payments.overrideReason')} data-testid="payment-override"
                    onInput=${(event) => setOverride(event.currentTarget.value)} />
                <button type="button" class="button small primary" data-testid="payment-pay" disabled=${busy}
                    onClick=${() => act('pay', override.trim() ? { override_reason: override.trim() } : {})}>${t('payments.pay')}</button>
            </div>`;
    }
    return null;
}

// What the request's status says beside its name: why it was rejected or refused.
function StatusCell({ request }) {
    const { t, lang } = useApp();
    return html`
        <span class=${`badge status-${request.status}`}>${t(`paymentStatus.${request.status}`)}</span>
        ${request.refusal_reason && html`<div class="error small" data-testid="payment-refusal">${refusalText(request, lang)}</div>`}
        ${request.status === 'rejected' && request.decision_reason && html`<div class="small" data-testid="payment-decision-reason">${t('payments.rejectedBecause', { reason: request.decision_reason })}</div>`}`;
}

function paymentColumns(t, lang, decide) {
    const columns = [
        { id: 'date', label: t('payments.requestedOn'), sortValue: (r) => `${r.requested_on} ${r.id}`, cell: (r) => r.requested_on },
        { id: 'project', label: t('payments.project'), sortValue: (r) => r.project_code,
            cell: (r) => html`<${Link} href=${`/projects/${encodeURIComponent(r.project_id)}`} data-testid="payment-project">${r.project_code} ${r.project_name}<//>` },
        { id: 'contract', label: t('payments.contract'), sortValue: (r) => r.contract_title,
            cell: (r) => html`<span data-testid="payment-contract">${r.contract_title}</span>
                <div class="muted small" data-testid="payment-contractor">${nameIn(lang, r.contractor_name, r.contractor_name_en)}</div>` },
        { id: 'payee', label: t('payments.payee'), sortValue: (r) => nameIn(lang, r.payee_name, r.payee_name_en),
            cell: (r) => html`<span data-testid="payment-payee">${nameIn(lang, r.payee_name, r.payee_name_en)}</span>` },
        { id: 'county', label: t('payments.county'), sortValue: (r) => t(`county.${r.county}`), cell: (r) => t(`county.${r.county}`) },
        { id: 'amount', label: t('payments.amount'), num: true, sortValue: (r) => BigInt(r.amount_fen), cell: (r) => formatMoney(r.amount_fen) },
        { id: 'status', label: t('payments.status'), sortValue: (r) => PAYMENT_STATUSES.indexOf(r.status), cell: (r) => html`<${StatusCell} request=${r} />` },
    ];
    if (decide) columns.push({ id: 'actions', label: t('payments.actions'), cell: decide });
    return columns;
}

/** What the page asks for first (routes.js: the boot asks for it beside /me). */
export function paymentsPrefetch(location) {
    return [listPath('payment-requests', filtersFrom(location.query, PAYMENT_FILTERS), PAYMENT_FILTERS)];
}

// The page's title for the role: what the top bar calls it (nav.js), approvals for the deciders.
export function paymentsTitleKey(role) {
    const key = navLabelKey('payments', role);
    return key === 'nav.payments' ? 'payments.title' : key;
}

export function PaymentsPage({ location }) {
    const { t, lang, session } = useApp();
    const filters = filtersFrom(location.query, PAYMENT_FILTERS);
    const address = listAddress('/payments', filters, PAYMENT_FILTERS);
    const [round, setRound] = useState(0);
    // One dialog and one acknowledgement for the page: the row acted on leaves the list when it moves on.
    const confirmed = useConfirmedAction('payment');
    const list = useCursorList((cursor) => listPath('payment-requests', filters, PAYMENT_FILTERS, { cursor }), `${address}:${round}`);
    const go = (next) => navigate(listAddress('/payments', next, PAYMENT_FILTERS));
    const decides = DECIDERS.includes(session?.user?.role);
    const decide = decides
        ? (r) => html`<${Decide} key=${`${r.id}:${r.status}`} request=${r} confirmed=${confirmed} onDone=${() => setRound(round + 1)} />`
        : null;
    return html`
        <div class="page" data-testid="payments-page">
            <div class="page-head">
                <h1 data-testid="payments-title">${t(paymentsTitleKey(session?.user?.role))}</h1>
            </div>
            <div class="card filters">
                <div class="filter-row" role="group" aria-label=${t('payments.status')}>
                    ${['', ...PAYMENT_STATUSES].map((name) => html`
                        <button key=${name || 'all'} type="button" class=${`button small${(filters.status ?? '') === name ? ' primary' : ''}`}
                            aria-pressed=${(filters.status ?? '') === name ? 'true' : 'false'}
                            data-testid=${`payments-tab-${name || 'all'}`} onClick=${() => go({ ...filters, status: name || undefined })}>
                            ${name ? t(`paymentStatus.${name}`) : t('payments.all')}</button>`)}
                    ${decides && html`
                        <label class="check"><input type="checkbox" checked=${filters.others === 'true'} data-testid="payments-others"
                            onChange=${(event) => go({ ...filters, others: event.currentTarget.checked ? 'true' : undefined })} /> ${t('payments.othersOnly')}</label>`}
                </div>
                <${ListWindow} window=${filters} testId="payments" searchLabel=${t('payments.search')} dateLabel=${t('payments.dates')}
                    onChange=${(window) => go({ status: filters.status, others: filters.others, ...window })} />
            </div>
            ${confirmed.feedback}
            ${confirmed.dialog}
            <${PagedTable} list=${list} testId="payments" none=${t('payments.none')} columns=${paymentColumns(t, lang, decide)}
                rowKey=${(r) => r.id} caption=${t('payments.title')} initialSort=${{ column: 'date', dir: 'desc' }}
                rowProps=${(r) => ({ 'data-testid': 'payment-row', 'data-request-id': r.id, 'data-status': r.status })} />
        </div>`;
}

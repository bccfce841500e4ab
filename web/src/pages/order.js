// One order: its parties, lines (with what was accepted and counted as aid), the timeline of every
// transition, and buttons for exactly the actions the server says this user may take now
// (`allowed_actions`). A cancel asks for a reason; a payment carries an Idempotency-Key.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, idempotencyKeys } from '../api.js';
import { LoadError, Loading } from '../components/catalog-bits.js';
import { formatDateTime, formatMoney, formatWeight } from '../format.js';
import { actionBody, actionNeeds, partyName } from '../orders/model.js';
import { useConfirmedAction } from '../components/confirm.js';
import { Alert } from '../components/alert.js';
import { TextField } from '../components/field.js';
import { localizeServerMessage } from '../server-messages.js';
import { ShipWithLots } from '../trace/ship-with-lots.js';

function Timeline({ events }) {
    const { t } = useApp();
    return html`
        <section class="card" data-testid="order-timeline">
            <h2>${t('order.timeline')}</h2>
            <ol class="timeline">
                ${events.map((event) => html`
                    <li key=${event.seq} data-testid="order-event" data-action=${event.action}>
                        <strong>${t(`orderEvent.${event.action}`)}</strong>
                        · ${t(`orderStatus.${event.to}`)} · ${formatDateTime(event.at)}
                        · <span class="muted">${event.actor_role === 'system' ? t('order.system') : t(`role.${event.actor_role}`)}</span>
                        ${event.note && html`<div class="small muted">${event.note}</div>`}
                    </li>`)}
            </ol>
        </section>`;
}

function Actions({ order, onDone }) {
    const { t, lang } = useApp();
    const [reason, setReason] = useState('');
    const [error, setError] = useState(null);
    const [keys] = useState(() => idempotencyKeys());
    const { run: confirmed, dialog, feedback, busy } = useConfirmedAction('order-action');
    if (order.allowed_actions.length === 0) return html`${dialog}${feedback}`;
    const run = async (action) => {
        const body = actionBody(action, { reason });
        if (!body) {
            setError(t('order.reasonRequired'));
            return;
        }
        setError(null);
        const headers = actionNeeds(action).idempotencyKey ? { 'Idempotency-Key': keys({ order: order.id, action }) } : undefined;
        // The order's amount and both parties, repeated before the order is committed or money moves.
        const request = {
            title: t('order.confirmTitle', { action: t(`orderAction.${action}`) }),
            facts: [[t('order.seller'), partyName(order, 'seller', lang)], [t('order.buyer'), partyName(order, 'buyer', lang)], [t('orders.total'), formatMoney(order.total_fen)],
                ...(action === 'cancel' ? [[t('order.reason'), body.reason]] : [])],
            confirmLabel: t(`orderAction.${action}`),
            danger: actionNeeds(action).danger,
            done: t('order.actionDone', { action: t(`orderAction.${action}`) }),
        };
        let answer = null;
        if (await confirmed(request, async () => { answer = await api.post(`orders/${encodeURIComponent(order.id)}/${action}`, body, { headers }); })) onDone(answer);
    };
    return html`
        <section class="card" data-testid="order-actions">
            <h2>${t('order.actions')}</h2>
            ${order.allowed_actions.includes('cancel') && html`
                <label class="field"><span>${t('order.reason')}</span>
                    <input value=${reason} data-testid="order-reason" onInput=${(e) => setReason(e.currentTarget.value)} />
                </label>`}
            <div class="button-row">
                ${order.allowed_actions.map((action) => html`
                    <button key=${action} type="button" disabled=${busy} data-testid=${`order-action-${action}`}
                        class=${`button ${actionNeeds(action).danger ? 'danger' : 'primary'}`} onClick=${() => run(action)}>
                        ${t(`orderAction.${action}`)}
                    </button>`)}
            </div>
            ${order.allowed_actions.includes('pay') && !order.invoice_no && html`<p class="muted" data-testid="order-awaiting-invoice">${t('order.awaitingInvoice')}</p>`}
            ${error && html`<p class="alert error" role="alert" data-testid="order-action-error">${error}</p>`}
            ${feedback}
            ${dialog}
        </section>`;
}

// The seller's invoice number (unique per seller), recorded once the order is confirmed and before it
// is paid or cancelled: the buyer's payment waits for it. The server decides who may; the form shows
// for the seller's users and the admin while the order is in those states.
const INVOICE_STATUSES = ['confirmed', 'shipped', 'delivered', 'accepted'];

function mayRecordInvoice(order, user) {
    if (!INVOICE_STATUSES.includes(order.status)) return false;
    return user?.role === 'admin' || (user?.role === 'producer' && user.orgId === order.seller_id);
}

function InvoiceForm({ order, onDone }) {
    const { t, lang, session } = useApp();
    const [value, setValue] = useState(order.invoice_no ?? '');
    const [error, setError] = useState('');
    const [notice, setNotice] = useState('');
    const [busy, setBusy] = useState(false);
    if (!mayRecordInvoice(order, session.user)) return null;
    const save = async (event) => {
        event.preventDefault();
        setError('');
        setNotice('');
        if (!value.trim()) {
            setError(t('validation.required', { field: t('order.invoiceNo') }));
            return;
        }
        setBusy(true);
        try {
            const updated = await api.put(`orders/${encodeURIComponent(order.id)}/invoice`, { invoice_no: value.trim() });
            setNotice(t('order.invoiceSaved'));
            onDone(updated);
        } catch (failure) {
            const message = failure.fieldErrors?.invoice_no ?? failure.detail ?? failure.message;
            setError(localizeServerMessage(message, lang));
        } finally {
            setBusy(false);
        }
    };
    return html`
        <form class="card form inline-form" data-testid="order-invoice-form" onSubmit=${save}>
            <h2>${t('order.invoiceHeading')}</h2>
            <${TextField} id="order-invoice" label=${t('order.invoiceNo')} value=${value} onInput=${setValue} error=${error} />
            <button type="submit" class="button primary" disabled=${busy} data-testid="order-invoice-save">${t('order.invoiceSave')}</button>
            ${notice && html`<${Alert} kind="success" testId="order-invoice-saved">${notice}<//>`}
        </form>`;
}

export function OrderPage({ params }) {
    const { t, lang } = useApp();
    const [state, setState] = useState({ phase: 'loading', order: null, error: null });
    const load = () => api.get(`orders/${encodeURIComponent(params.id)}`).then(
        (order) => setState({ phase: 'ready', order, error: null }),
        (error) => setState({ phase: 'error', order: null, error }));
    useEffect(() => { load(); }, [params.id]);
    if (state.phase === 'loading') return html`<div class="page"><${Loading} testId="order-loading" /></div>`;
    if (state.phase === 'error') return html`<div class="page"><${LoadError} error=${state.error} onRetry=${load} testId="order-error" /></div>`;
    const { order } = state;
    return html`
        <div class="page">
            <div class="page-head">
                <h1 data-testid="order-heading">${t('order.heading')} · ${partyName(order, 'seller', lang)} → ${partyName(order, 'buyer', lang)}</h1>
                <p><span class=${`badge status-${order.status}`} data-testid="order-status">${t(`orderStatus.${order.status}`)}</span>
                    · ${t(`salesChannel.${order.channel}`)} · ${t('order.orderDate')} ${order.order_date}
                    · ${t('order.delivery')} ${order.delivery_date}</p>
            </div>
            <section class="card table-scroll">
                <table class="table" data-testid="order-lines">
                    <thead><tr><th>${t('order.product')}</th><th>${t('order.grade')}</th><th class="num">${t('order.quantity')}</th>
                        <th class="num">${t('order.weight')}</th><th class="num">${t('order.unitPrice')}</th><th class="num">${t('order.amount')}</th>
                        <th class="num">${t('order.accepted')}</th><th>${t('order.aid')}</th></tr></thead>
                    <tbody>
                        ${order.lines.map((line) => html`
                            <tr key=${line.line_no} data-testid="order-line">
                                <td>${line.product_name}${line.quality_note && html`<div class="small muted">${line.quality_note}</div>`}</td>
                                <td>${line.grade}</td><td class="num">${line.quantity}</td>
                                <td class="num">${formatWeight(line.quantity_g, 'kg', lang)}</td>
                                <td class="num">${formatMoney(line.unit_price_fen)}</td><td class="num">${formatMoney(line.amount_fen)}</td>
                                <td class="num">${line.accepted_quantity ?? '—'}</td>
                                <td>${line.aid_counted ? t('order.aidYes') : '—'}</td>
                            </tr>`)}
                    </tbody>
                </table>
                <p class="num"><strong>${t('orders.total')}: <span data-testid="order-total">${formatMoney(order.total_fen)}</span></strong>
                    ${order.invoice_no && html` · ${t('order.invoice')} ${order.invoice_no}`}
                    ${order.cancel_reason && html` · ${t('order.cancelReason')}: ${order.cancel_reason}`}</p>
            </section>
            <${Actions} order=${order} onDone=${(updated) => setState({ phase: 'ready', order: updated, error: null })} />
            <${ShipWithLots} key=${`${order.id}-${order.status}`} order=${order} onDone=${(updated) => setState({ phase: 'ready', order: updated, error: null })} />
            <${InvoiceForm} key=${order.id} order=${order} onDone=${(updated) => setState({ phase: 'ready', order: updated, error: null })} />
            <${Timeline} events=${order.events} />
        </div>`;
}

// The recall pages (召回): the recalls the user sees (scoped by the server, src/trace/recall.h: a
// county officer its county's, a producer its lots', a buyer those naming it with its own notice
// only, the programme's readers all) with an open/closed filter, and a recall's page — the lot and
// reason, what it reached (lots, pallets, orders, buyers, with quantities), each buyer's
// acknowledgement and what it recovered, the buyer's own acknowledgement form, the opener's close
// button, and the FSMA 204 sheet. Opening a recall is on the lot page (OpenRecall below). Every
// change is confirmed first and acknowledged after. Names, never ids.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, idempotencyKeys } from '../api.js';
import { Link, navigate, useLocation } from '../router.js';
import { formatDate, formatDateTime } from '../format.js';
import { localName } from '../catalog/model.js';
import { LoadError, LoadMore, Loading } from '../components/catalog-bits.js';
import { useConfirmedAction } from '../components/confirm.js';
import { Alert } from '../components/alert.js';
import { lotQuantity } from './model.js';
import { acknowledgementBody, mayCloseRecall, RECALL_OPENERS, recoveredInput, recoveredTotal } from './recall-model.js';
import { TraceGraph } from './trace-graph.js';

export const RECALLS_PAGE_SIZE = 50;
export const RECALL_STATUSES = ['open', 'closed'];

const productOf = (recall, lang) => localName({ name: recall.product_name, name_en: recall.product_name_en }, lang);
const producerOf = (recall, lang) => localName({ name: recall.producer_name, name_en: recall.producer_name_en }, lang);
const buyerOf = (notice, lang) => localName({ name: notice.buyer_name, name_en: notice.buyer_name_en }, lang);

function useRecalls(status) {
    const [state, setState] = useState({ phase: 'loading', items: [], next: null, error: null, busy: false });
    const load = (cursor = null) => {
        setState((previous) => ({ ...previous, phase: cursor ? previous.phase : 'loading', busy: true, error: null }));
        const query = new URLSearchParams({ limit: String(RECALLS_PAGE_SIZE) });
        if (status) query.set('status', status);
        if (cursor) query.set('cursor', cursor);
        api.get(`recalls?${query}`).then(
            (page) => setState((previous) => ({ phase: 'ready', items: cursor ? [...previous.items, ...page.items] : page.items,
                next: page.next_cursor, error: null, busy: false })),
            (error) => setState((previous) => ({ ...previous, phase: 'error', error, busy: false })),
        );
    };
    useEffect(() => load(), [status]);
    return { ...state, reload: () => load(), more: () => load(state.next) };
}

function StatusBadge({ recall }) {
    const { t } = useApp();
    return html`<span class=${`badge ${recall.status === 'open' ? 'badge-down' : 'badge-ok'}`} data-testid="recall-status">${t(`recalls.status.${recall.status}`)}</span>`;
}

/** "2 of 3 buyers" — for a buyer, whether its own notice is acknowledged. */
function Progress({ recall }) {
    const { t, session } = useApp();
    if (session.user.role === 'buyer') {
        const own = recall.notices[0];
        return html`${own?.acknowledged ? t('recalls.youAcknowledged') : t('recalls.youPending')}`;
    }
    if (recall.buyers === 0) return html`${t('recalls.noBuyers')}`;
    return html`${t('recalls.progress', { done: recall.buyers_acknowledged, count: recall.buyers })}`;
}

function RecallsTable({ recalls }) {
    const { t, lang } = useApp();
    return html`
        <div class="table-wrap">
            <table class="table" data-testid="recalls-table">
                <thead><tr>
                    <th scope="col">${t('recalls.lot')}</th><th scope="col">${t('lots.product')}</th><th scope="col">${t('lots.producer')}</th>
                    <th scope="col">${t('recalls.reason')}</th><th scope="col">${t('recalls.opened')}</th>
                    <th scope="col">${t('recalls.acknowledgements')}</th><th scope="col">${t('recalls.statusLabel')}</th>
                </tr></thead>
                <tbody>
                    ${recalls.map((recall) => html`
                        <tr key=${recall.id} data-testid="recall-row" data-lot-code=${recall.lot_code}>
                            <td><${Link} href=${`/recalls/${encodeURIComponent(recall.id)}`} data-testid="recall-link">${recall.lot_code}<//></td>
                            <td>${productOf(recall, lang)}</td>
                            <td>${producerOf(recall, lang)}</td>
                            <td class="recall-reason">${recall.reason}</td>
                            <td><time datetime=${recall.opened_at}>${formatDateTime(recall.opened_at)}</time></td>
                            <td><${Progress} recall=${recall} /></td>
                            <td><${StatusBadge} recall=${recall} /></td>
                        </tr>`)}
                </tbody>
            </table>
        </div>`;
}

export function RecallsPage() {
    const { t } = useApp();
    const location = useLocation();
    const asked = location.query.get('status');
    const status = RECALL_STATUSES.includes(asked) ? asked : '';
    const { phase, items, next, error, busy, reload, more } = useRecalls(status);
    const choose = (value) => navigate(value ? `/recalls?status=${value}` : '/recalls');
    return html`
        <div data-testid="recalls-page">
            <h1>${t('recalls.title')}</h1>
            <p class="muted">${t('recalls.intro')}</p>
            <div class="inline-fields">
                <label for="recalls-status">${t('recalls.statusLabel')}</label>
                <select id="recalls-status" value=${status} data-testid="recalls-status" onChange=${(event) => choose(event.currentTarget.value)}>
                    <option value="">${t('recalls.status.all')}</option>
                    ${RECALL_STATUSES.map((value) => html`<option key=${value} value=${value}>${t(`recalls.status.${value}`)}</option>`)}
                </select>
            </div>
            ${phase === 'loading' && html`<${Loading} />`}
            ${phase === 'error' && html`<${LoadError} error=${error} onRetry=${reload} />`}
            ${phase === 'ready' && items.length === 0 && html`<p class="muted" data-testid="recalls-none">${t('recalls.none')}</p>`}
            ${items.length > 0 && html`<${RecallsTable} recalls=${items} />`}
            <${LoadMore} hasMore=${Boolean(next)} busy=${busy} onMore=${more} count=${items.length} />
        </div>`;
}

function useRecall(id) {
    const [state, setState] = useState({ phase: 'loading', recall: null, error: null });
    const load = () => api.get(`recalls/${encodeURIComponent(id)}`).then(
        (recall) => setState({ phase: 'ready', recall, error: null }),
        (error) => setState({ phase: 'error', recall: null, error }),
    );
    useEffect(() => {
        setState({ phase: 'loading', recall: null, error: null });
        load();
    }, [id]);
    return { ...state, reload: load, replace: (recall) => setState({ phase: 'ready', recall, error: null }) };
}

function ItemsList({ notice, recall }) {
    const { t, lang } = useApp();
    return html`
        <ul class="plain-list">
            ${notice.items.map((item) => html`
                <li key=${item.lot_id}>
                    ${localName({ name: item.product_name, name_en: item.product_name_en }, lang)} ${item.lot_code}
                    · ${lotQuantity(t, item.quantity, item.quantity_unit ?? recall.quantity_unit, lang)}
                    ${item.recovered !== null && html` · <span data-testid="recall-recovered">${t('recalls.recoveredOf', {
                        quantity: lotQuantity(t, item.recovered, item.quantity_unit ?? recall.quantity_unit, lang) })}</span>`}
                </li>`)}
        </ul>`;
}

function NoticesTable({ recall }) {
    const { t, lang } = useApp();
    if (recall.notices.length === 0) return html`<p class="muted" data-testid="recall-no-buyers">${t('recalls.noBuyersLong')}</p>`;
    return html`
        <div class="table-wrap">
            <table class="table" data-testid="recall-notices">
                <thead><tr>
                    <th scope="col">${t('recalls.buyer')}</th><th scope="col">${t('recalls.received')}</th>
                    <th scope="col">${t('recalls.orders')}</th><th scope="col">${t('recalls.acknowledgement')}</th>
                </tr></thead>
                <tbody>
                    ${recall.notices.map((notice) => html`
                        <tr key=${notice.buyer_id} data-testid="recall-notice" data-acknowledged=${notice.acknowledged ? 'true' : 'false'}>
                            <td>${buyerOf(notice, lang)}</td>
                            <td><${ItemsList} notice=${notice} recall=${recall} /></td>
                            <td>${notice.orders.map((order, i) => html`${i > 0 ? ', ' : ''}<${Link} key=${order.id} href=${`/orders/${encodeURIComponent(order.id)}`}>${
                                t('recalls.orderOf', { date: order.order_date ?? '—' })}<//>`)}</td>
                            <td>${notice.acknowledged
                                ? html`<span class="badge badge-ok">${t('recalls.acknowledged')}</span>
                                    <div class="muted small"><time datetime=${notice.acknowledged_at}>${formatDateTime(notice.acknowledged_at)}</time>
                                    ${notice.note && html` · ${notice.note}`}</div>`
                                : html`<span class="badge badge-notice">${t('recalls.pending')}</span>`}</td>
                        </tr>`)}
                </tbody>
            </table>
        </div>`;
}

function AcknowledgeForm({ recall, onDone }) {
    const { t, lang } = useApp();
    const notice = recall.notices[0];
    const [texts, setTexts] = useState({});
    const [note, setNote] = useState('');
    const [errors, setErrors] = useState({});
    const [keys] = useState(() => idempotencyKeys());
    const { run, dialog, feedback, busy } = useConfirmedAction('recall-acknowledging');
    const unitOf = (item) => item.quantity_unit ?? recall.quantity_unit;
    const submit = async (event) => {
        event.preventDefault();
        const made = acknowledgementBody(notice, texts, note, (text, item) => recoveredInput(text, unitOf(item)));
        setErrors(made.errors);
        if (Object.keys(made.errors).length > 0) return;
        const unit = notice.items.length > 0 ? unitOf(notice.items[0]) : recall.quantity_unit;
        const request = {
            title: t('recalls.acknowledgeTitle', { code: recall.lot_code }),
            facts: [[t('lots.product'), productOf(recall, lang)], [t('recalls.recovered'), lotQuantity(t, recoveredTotal(made.body), unit, lang)],
                [t('recalls.note'), note.trim() || '—']],
            confirmLabel: t('recalls.acknowledge'),
            done: t('recalls.acknowledgedDone'),
        };
        let answer = null;
        const body = made.body;
        if (await run(request, async () => {
            answer = await api.post(`recalls/${encodeURIComponent(recall.id)}/acknowledgements`, body, { headers: { 'Idempotency-Key': keys(body) } });
        })) onDone(answer);
    };
    return html`
        <form class="card form" onSubmit=${submit} data-testid="recall-acknowledge-form" noValidate>
            <h2>${t('recalls.acknowledgeHeading')}</h2>
            <p class="muted small">${t('recalls.acknowledgeIntro')}</p>
            ${notice.items.map((item) => {
                const id = `recovered-${item.lot_id}`;
                const error = errors[item.lot_id];
                return html`
                    <div key=${item.lot_id} class=${`field ${error ? 'field-invalid' : ''}`}>
                        <label for=${id}>${t(unitOf(item) === 'units' ? 'recalls.recoveredUnits' : 'recalls.recoveredKg', {
                            lot: item.lot_code, received: lotQuantity(t, item.quantity, unitOf(item), lang) })}</label>
                        <input id=${id} inputmode="decimal" value=${texts[item.lot_id] ?? ''} data-testid="recall-recovered-input"
                            aria-invalid=${error ? 'true' : undefined} aria-describedby=${error ? `${id}-error` : undefined}
                            onInput=${(event) => setTexts({ ...texts, [item.lot_id]: event.currentTarget.value })} />
                        ${error && html`<p class="field-error" id=${`${id}-error`}>${t(`recalls.error.${error}`)}</p>`}
                    </div>`;
            })}
            <div class="field">
                <label for="recall-note">${t('recalls.note')}</label>
                <textarea id="recall-note" rows="2" value=${note} data-testid="recall-note" onInput=${(event) => setNote(event.currentTarget.value)}></textarea>
            </div>
            <button type="submit" class="button primary" disabled=${busy} data-testid="recall-acknowledge">${t('recalls.acknowledge')}</button>
            ${dialog}${feedback}
        </form>`;
}

function CloseRecall({ recall, onDone }) {
    const { t, lang } = useApp();
    const [note, setNote] = useState('');
    const [error, setError] = useState(false);
    const [keys] = useState(() => idempotencyKeys());
    const { run, dialog, feedback, busy } = useConfirmedAction('recall-closing');
    const submit = async (event) => {
        event.preventDefault();
        if (!note.trim()) {
            setError(true);
            return;
        }
        setError(false);
        const body = { note: note.trim() };
        const request = {
            title: t('recalls.closeTitle', { code: recall.lot_code }),
            facts: [[t('lots.product'), productOf(recall, lang)],
                [t('recalls.acknowledgements'), t('recalls.progress', { done: recall.buyers_acknowledged, count: recall.buyers })],
                [t('recalls.closeNote'), body.note]],
            note: recall.buyers_acknowledged < recall.buyers ? t('recalls.closeEarlyWarning') : undefined,
            confirmLabel: t('recalls.close'),
            danger: true,
            done: t('recalls.closedDone'),
        };
        let answer = null;
        if (await run(request, async () => {
            answer = await api.post(`recalls/${encodeURIComponent(recall.id)}/close`, body, { headers: { 'Idempotency-Key': keys(body) } });
        })) onDone(answer);
    };
    return html`
        <form class="card form" onSubmit=${submit} data-testid="recall-close-form" noValidate>
            <h2>${t('recalls.closeHeading')}</h2>
            <div class=${`field ${error ? 'field-invalid' : ''}`}>
                <label for="recall-close-note">${t('recalls.closeNote')}</label>
                <textarea id="recall-close-note" rows="2" value=${note} data-testid="recall-close-note" aria-invalid=${error ? 'true' : undefined}
                    aria-describedby=${error ? 'recall-close-note-error' : undefined} onInput=${(event) => setNote(event.currentTarget.value)}></textarea>
                ${error && html`<p class="field-error" id="recall-close-note-error">${t('lots.form.required')}</p>`}
            </div>
            <button type="submit" class="button danger" disabled=${busy} data-testid="recall-close">${t('recalls.close')}</button>
            ${dialog}${feedback}
        </form>`;
}

function Facts({ recall }) {
    const { t, lang } = useApp();
    return html`
        <dl class="trace-facts">
            <div><dt>${t('recalls.lot')}</dt><dd><${Link} href=${`/lots/${encodeURIComponent(recall.lot_id)}`} data-testid="recall-lot-link">${recall.lot_code}<//></dd></div>
            <div><dt>${t('lots.product')}</dt><dd>${productOf(recall, lang)}</dd></div>
            <div><dt>${t('lots.producer')}</dt><dd>${producerOf(recall, lang)}</dd></div>
            <div><dt>${t('lots.county')}</dt><dd>${recall.county ? t(`county.${recall.county}`) : ''}</dd></div>
            <div><dt>${t('recalls.reason')}</dt><dd data-testid="recall-reason">${recall.reason}</dd></div>
            <div><dt>${t('recalls.opened')}</dt><dd><time datetime=${recall.opened_at}>${formatDateTime(recall.opened_at)}</time>
                · ${t(`recalls.openedBy.${recall.opened_role}`)}</dd></div>
            <div><dt>${t('recalls.statusLabel')}</dt><dd><${StatusBadge} recall=${recall} />
                ${recall.closed_at && html` <span class="muted small">${t(`recalls.closedHow.${recall.closed_how}`, { date: formatDate(recall.closed_at) })}
                    ${recall.close_note && ` · ${recall.close_note}`}</span>`}</dd></div>
            <div><dt>${t('recalls.reached')}</dt><dd data-testid="recall-reached">${t('recalls.reachedCounts', {
                lots: recall.affected_lots, pallets: recall.affected_pallets, orders: recall.affected_orders, buyers: recall.buyers })}</dd></div>
        </dl>`;
}

export function RecallPage({ params }) {
    const { t, session } = useApp();
    const { phase, recall, error, reload, replace } = useRecall(params.id);
    // What was just done here: the form that did it is gone once the recall has changed.
    const [done, setDone] = useState(null);
    const after = (key, testId) => (changed) => {
        replace(changed);
        setDone({ text: t(key), testId });
    };
    if (phase === 'loading') return html`<${Loading} />`;
    if (phase === 'error') return html`<${LoadError} error=${error} onRetry=${reload} />`;
    const user = session.user;
    const own = user.role === 'buyer' ? recall.notices[0] : null;
    const mayAcknowledge = recall.status === 'open' && own && !own.acknowledged;
    return html`
        <div data-testid="recall-page">
            <p><${Link} href="/recalls">← ${t('recalls.title')}<//></p>
            <h1>${t('recalls.detailTitle')} <span data-testid="recall-lot-code">${recall.lot_code}</span></h1>
            <section class="card">
                <${Facts} recall=${recall} />
                ${user.role !== 'buyer' && html`<p><a class="button" href=${`/api/v1/lots/${encodeURIComponent(recall.lot_id)}/trace.xlsx`} download
                    data-testid="recall-sheet">${t('recalls.sheet')}</a></p>`}
            </section>
            ${done && html`<${Alert} kind="success" testId=${done.testId}>${done.text}<//>`}
            ${mayAcknowledge && html`<${AcknowledgeForm} recall=${recall} onDone=${after('recalls.acknowledgedDone', 'recall-acknowledge-done')} />`}
            <section class="card" aria-labelledby="recall-buyers-title">
                <h2 id="recall-buyers-title">${t(own ? 'recalls.yourNotice' : 'recalls.buyers')}</h2>
                <${NoticesTable} recall=${recall} />
            </section>
            ${recall.status === 'open' && mayCloseRecall(user, recall) && html`<${CloseRecall} recall=${recall} onDone=${after('recalls.closedDone', 'recall-close-done')} />`}
            ${user.role !== 'buyer' && html`<${TraceGraph} lotId=${recall.lot_id} initial="forward" />`}
        </div>`;
}

// Whether the lot has an open recall: its id, for a link instead of a second opening.
function useOpenRecall(lotId, enabled) {
    const [state, setState] = useState({ ready: false, recall: null });
    useEffect(() => {
        if (!enabled) return;
        api.get(`recalls?${new URLSearchParams({ lot: lotId, status: 'open', limit: '1' })}`).then(
            (page) => setState({ ready: true, recall: page.items[0] ?? null }),
            () => setState({ ready: true, recall: null }),
        );
    }, [lotId, enabled]);
    return state;
}

/** On the lot page: the open recall of the lot, or a form to open one (for who may). */
export function OpenRecall({ lot }) {
    const { t, lang, session } = useApp();
    const user = session.user;
    const mayOpen = RECALL_OPENERS.includes(user.role);
    const seesRecalls = mayOpen || ['fund_officer', 'auditor'].includes(user.role);
    const { ready, recall } = useOpenRecall(lot.id, seesRecalls);
    const [reason, setReason] = useState('');
    const [error, setError] = useState(false);
    const [keys] = useState(() => idempotencyKeys());
    const { run, dialog, feedback, busy } = useConfirmedAction('recall-open');
    if (!seesRecalls || !ready) return null;
    if (recall) {
        return html`
            <p class="alert alert-error" role="status" data-testid="lot-open-recall">
                ${t('recalls.lotHasOpen')} <${Link} href=${`/recalls/${encodeURIComponent(recall.id)}`} data-testid="lot-open-recall-link">${t('recalls.see')}<//>
            </p>`;
    }
    if (!mayOpen) return null;
    const submit = async (event) => {
        event.preventDefault();
        if (!reason.trim()) {
            setError(true);
            return;
        }
        setError(false);
        const body = { lot_id: lot.id, reason: reason.trim() };
        const request = {
            title: t('recalls.openTitle', { code: lot.lot_code }),
            facts: [[t('lots.product'), localName({ name: lot.product_name, name_en: lot.product_name_en }, lang)],
                [t('lots.producer'), localName({ name: lot.producer_name, name_en: lot.producer_name_en }, lang)],
                [t('recalls.reason'), body.reason]],
            note: t('recalls.openNote'),
            confirmLabel: t('recalls.open'),
            danger: true,
            done: t('recalls.openedDone'),
        };
        let opened = null;
        if (await run(request, async () => { opened = await api.post('recalls', body, { headers: { 'Idempotency-Key': keys(body) } }); })) {
            navigate(`/recalls/${encodeURIComponent(opened.id)}`);
        }
    };
    return html`
        <details class="card" data-testid="recall-open">
            <summary>${t('recalls.openHeading')}</summary>
            <form class="form" onSubmit=${submit} noValidate>
                <p class="muted small">${t('recalls.openIntro')}</p>
                <div class=${`field ${error ? 'field-invalid' : ''}`}>
                    <label for="recall-reason">${t('recalls.reason')}</label>
                    <textarea id="recall-reason" rows="3" value=${reason} data-testid="recall-reason-input" aria-invalid=${error ? 'true' : undefined}
                        aria-describedby=${error ? 'recall-reason-error' : undefined} onInput=${(event) => setReason(event.currentTarget.value)}></textarea>
                    ${error && html`<p class="field-error" id="recall-reason-error">${t('lots.form.required')}</p>`}
                </div>
                <button type="submit" class="button danger" disabled=${busy} data-testid="recall-open-submit">${t('recalls.open')}</button>
                ${dialog}${feedback}
            </form>
        </details>`;
}

// "Ship with lots" on the order page, for the seller while the order may be shipped: each line names
// the seller's lots of its product that fill it (POST /api/v1/orders/{id}/ship with lines/<i>/lots;
// the server checks each lot is the seller's, of the line's product and grade, holds enough, and that
// the quantities add up). A line whose product has no lots ships without them. Confirmed before,
// acknowledged after.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { formatMoney } from '../format.js';
import { partyName } from '../orders/model.js';
import { useConfirmedAction } from '../components/confirm.js';
import { Loading } from '../components/catalog-bits.js';
import { lotQuantity, shipWithLotsBody } from './model.js';

// The seller's lots of each line's product that hold something: line_no → lots.
function useLineLots(order) {
    const [state, setState] = useState({ ready: false, byLine: {}, error: null });
    useEffect(() => {
        const products = [...new Set(order.lines.map((line) => line.product_id))];
        Promise.all(products.map((product) => api.get(`lots?${new URLSearchParams({ product, producer: order.seller_id, limit: '200' })}`))).then(
            (pages) => {
                const byProduct = Object.fromEntries(products.map((product, i) => [product, pages[i].items.filter((lot) => lot.on_hand > 0)]));
                const byLine = Object.fromEntries(order.lines.map((line) => [line.line_no,
                    byProduct[line.product_id].filter((lot) => !lot.grade || lot.grade === line.grade)]));
                setState({ ready: true, byLine, error: null });
            },
            (error) => setState({ ready: true, byLine: {}, error }),
        );
    }, [order.id]);
    return state;
}

export function ShipWithLots({ order, onDone }) {
    if (!order.allowed_actions.includes('ship')) return null;
    return html`<${ShipForm} order=${order} onDone=${onDone} />`;
}

function ShipForm({ order, onDone }) {
    const { t, lang } = useApp();
    const { ready, byLine, error } = useLineLots(order);
    const [picks, setPicks] = useState({});
    const [problem, setProblem] = useState(null);
    const { run, dialog, feedback, busy } = useConfirmedAction('ship-lots');
    if (!ready) return html`<${Loading} />`;
    if (error) return null;  // the plain ship button still works; the server says why if lots are needed
    const withLots = order.lines.filter((line) => (byLine[line.line_no] ?? []).length > 0);
    if (withLots.length === 0) return null;
    const picksOf = (lineNo) => picks[lineNo] ?? [{ lotId: '', quantity: '' }];
    const setPick = (lineNo, index, change) => {
        const next = picksOf(lineNo).map((pick, i) => (i === index ? { ...pick, ...change } : pick));
        setPicks({ ...picks, [lineNo]: next });
    };
    const lotName = (lineNo, lotId) => byLine[lineNo]?.find((lot) => lot.id === lotId)?.lot_code ?? '';
    const submit = async (event) => {
        event.preventDefault();
        const made = shipWithLotsBody(order, picks);
        if (made.error) {
            setProblem(t('ship.mismatch'));
            return;
        }
        setProblem(null);
        const named = made.body.lines.map((line) => `${line.line_no}: ${line.lots.map((lot) => `${lotName(line.line_no, lot.lot_id)} × ${lot.quantity}`).join(', ')}`);
        const request = {
            title: t('ship.confirmTitle'),
            facts: [[t('order.seller'), partyName(order, 'seller', lang)], [t('order.buyer'), partyName(order, 'buyer', lang)],
                [t('orders.total'), formatMoney(order.total_fen)], [t('ship.lots'), named.join('; ')]],
            confirmLabel: t('ship.submit'),
            done: t('ship.done'),
        };
        let answer = null;
        if (await run(request, async () => { answer = await api.post(`orders/${encodeURIComponent(order.id)}/ship`, made.body); })) onDone(answer);
    };
    return html`
        <form class="card form" onSubmit=${submit} data-testid="ship-with-lots" noValidate>
            <h2>${t('ship.title')}</h2>
            <p class="muted small">${t('ship.intro')}</p>
            ${order.lines.map((line) => {
                const lots = byLine[line.line_no] ?? [];
                const named = picksOf(line.line_no).reduce((sum, pick) => sum + (Number(pick.quantity) || 0), 0);
                return html`
                    <fieldset key=${line.line_no} class="field" data-testid="ship-line">
                        <legend>${t('ship.line', { no: line.line_no, product: line.product_name, quantity: line.quantity })}</legend>
                        ${lots.length === 0 ? html`<p class="muted small">${t('ship.noLots')}</p>` : html`
                            ${picksOf(line.line_no).map((pick, index) => html`
                                <div key=${index} class="inline-fields">
                                    <label for=${`ship-${line.line_no}-${index}-lot`}>${t('lots.lot')}</label>
                                    <select id=${`ship-${line.line_no}-${index}-lot`} value=${pick.lotId} data-testid="ship-lot"
                                        onChange=${(event) => setPick(line.line_no, index, { lotId: event.currentTarget.value })}>
                                        <option value="">—</option>
                                        ${lots.map((lot) => html`<option key=${lot.id} value=${lot.id}>${t('ship.lotOption', { code: lot.lot_code, onHand: lotQuantity(t, lot.on_hand, lot.quantity_unit, lang) })}</option>`)}
                                    </select>
                                    <label for=${`ship-${line.line_no}-${index}-quantity`}>${t('lots.quantity')}</label>
                                    <input id=${`ship-${line.line_no}-${index}-quantity`} inputmode="numeric" size="6" value=${pick.quantity} data-testid="ship-lot-quantity"
                                        onInput=${(event) => setPick(line.line_no, index, { quantity: event.currentTarget.value })} />
                                </div>`)}
                            <button type="button" class="button small" onClick=${() => setPicks({ ...picks, [line.line_no]: [...picksOf(line.line_no), { lotId: '', quantity: '' }] })}>${t('ship.addLot')}</button>
                            <span class="muted small"> ${t('ship.sum', { named, needed: line.quantity })}</span>`}
                    </fieldset>`;
            })}
            ${problem && html`<p class="alert alert-error" role="alert" data-testid="ship-lots-problem">${problem}</p>`}
            <button type="submit" class="button primary" disabled=${busy} data-testid="ship-lots-submit">${t('ship.submit')}</button>
            ${dialog}${feedback}
        </form>`;
}

// At the event (issue 15 item 6) on the console: a meeting's outcome (held / no-show of a side /
// follow-up) with the version last seen sent as expected_version, so that a second writer is told in
// words that someone recorded first and sees the new state; an intended order signed at a meeting and
// a quick on-site sale at a booth, both through one line editor (the exhibitor's catalogue products by
// name, grade, whole units of sale, unit price in yuan → fen, the total in ¥/万), confirmed before
// anything is sent (one Idempotency-Key per submission, kept on a retry) and acknowledged after with
// the order and, for a sale, its receipt. The server decides who may (fair_outcome_service.h).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, idempotencyKeys } from '../api.js';
import { Link } from '../router.js';
import { TextField } from '../components/field.js';
import { SelectField } from '../components/market-form.js';
import { Alert } from '../components/alert.js';
import { LoadError, Loading } from '../components/catalog-bits.js';
import { useConfirmedAction } from '../components/confirm.js';
import { useReference } from '../catalog/reference.js';
import { gradeOptions, localName } from '../catalog/model.js';
import { unitLabel } from '../catalog/measures.js';
import { standardUnitPrice, fenToYuanText } from '../orders/model.js';
import { useRecord } from '../pages/organisation.js';
import { localizeServerMessage } from '../server-messages.js';
import { describeError, localize } from '../errors.js';
import { formatMoney } from '../format.js';
import { blankLine, lineAmount, NO_SHOW_SIDES, OUTCOMES, outcomeBody, outcomeText, receiptPdf, SALE_LINES_MAX, saleLines, totalText } from './at-event-model.js';
import { participantName } from './shared.js';

// Products of one exhibitor read for the line editor at most (one page of the catalogue API).
const EXHIBITOR_PRODUCTS_MAX = 200;

function outcomePath(event, meetingId) {
    return `fairs/${encodeURIComponent(event.id)}/meetings/${encodeURIComponent(meetingId)}/outcome`;
}

/** A meeting's current outcome in words, for a row of an agenda (read again when `generation` moves). */
export function OutcomeNow({ event, meetingId, generation = 0 }) {
    const { t } = useApp();
    const [state, setState] = useState({ phase: 'loading', outcome: null });
    useEffect(() => {
        let live = true;
        api.get(outcomePath(event, meetingId)).then(
            (answer) => live && setState({ phase: 'ready', outcome: answer.outcome }),
            () => live && setState({ phase: 'error', outcome: null }));
        return () => { live = false; };
    }, [meetingId, generation]);
    const text = state.phase === 'ready' ? outcomeText(t, state.outcome) : state.phase === 'error' ? '—' : '…';
    return html`<span class="fair-outcome-now" data-testid="fair-outcome-now">${text}</span>`;
}

/** The outcome buttons of one meeting and its current outcome; `onRecorded` after each recorded one. */
export function MeetingOutcome({ event, meetingId, onRecorded, testId = 'fair-outcome' }) {
    const { t, lang } = useApp();
    const path = outcomePath(event, meetingId);
    const record = useRecord(path);
    const [message, setMessage] = useState(null);
    const [busy, setBusy] = useState(false);
    if (record.phase === 'error') return html`<${LoadError} error=${record.error} onRetry=${record.reload} />`;
    if (!record.value) return html`<${Loading} />`;
    const current = record.value.outcome;
    const choice = current ? (current.outcome === 'no_show' ? `no_show:${current.no_show_side}` : current.outcome) : '';
    const choices = OUTCOMES.flatMap((outcome) => (outcome === 'no_show' ? NO_SHOW_SIDES.map((side) => `no_show:${side}`) : [outcome]));
    const save = async (wanted) => {
        setBusy(true);
        setMessage(null);
        try {
            const answer = await api.put(path, outcomeBody(wanted, record.value.version));
            setMessage({ kind: 'success', text: t('fairs.outcome.saved', { outcome: outcomeText(t, answer.outcome) }) });
            onRecorded?.(answer);
        } catch (error) {
            if (error.status === 409) {
                setMessage({ kind: 'error', text: t('fairs.outcome.conflict') });
            } else {
                const field = Object.values(error.fieldErrors ?? {})[0];
                setMessage({ kind: 'error', text: field ? localizeServerMessage(field, lang) : localize(t, describeError(error)) });
            }
        } finally {
            setBusy(false);
            record.reload();
        }
    };
    const label = (value) => (value.startsWith('no_show:') ? t('fairOutcome.noShowOf', { side: t(`fairNoShow.${value.slice(8)}`) }) : t(`fairOutcome.${value}`));
    return html`
        <div class="fair-outcome" data-testid=${testId} data-version=${record.value.version}>
            <p data-testid="fair-outcome-current">${t('fairs.outcome.current', { outcome: outcomeText(t, current) })}</p>
            <div class="button-row" role="group" aria-label=${t('fairs.outcome.label')}>
                ${choices.map((value) => html`
                    <button key=${value} type="button" class=${`button small${choice === value ? ' primary' : ''}`} aria-pressed=${choice === value ? 'true' : 'false'}
                        disabled=${busy} data-testid=${`fair-outcome-${value.replace(':', '-')}`} onClick=${() => save(value)}>${label(value)}</button>`)}
            </div>
            ${message && html`<${Alert} kind=${message.kind} testId=${`fair-outcome-${message.kind === 'success' ? 'done' : 'error'}`}>${message.text}<//>`}
        </div>`;
}

// The exhibitor's active catalogue products, and each one's brand standard once a line chooses it.
function useExhibitorProducts(orgId) {
    const [state, setState] = useState({ phase: 'loading', products: [], error: null });
    const [standards, setStandards] = useState({});
    useEffect(() => {
        let live = true;
        api.get(`products?producer=${encodeURIComponent(orgId)}&status=active&limit=${EXHIBITOR_PRODUCTS_MAX}`).then(
            (answer) => live && setState({ phase: 'ready', products: answer?.items ?? [], error: null }),
            (error) => live && setState({ phase: 'error', products: [], error }));
        return () => { live = false; };
    }, [orgId]);
    const standardOf = async (productId) => {
        if (standards[productId]) return standards[productId];
        const answer = await api.get(`products/${encodeURIComponent(productId)}/standard`).catch(() => null);
        const standard = answer?.standard ?? null;
        setStandards((known) => ({ ...known, [productId]: standard }));
        return standard;
    };
    return { ...state, standards, standardOf };
}

function LineEditor({ lines, setLines, catalogue, errors, idPrefix }) {
    const { t, lang } = useApp();
    const productById = new Map(catalogue.products.map((p) => [p.id, p]));
    const update = (i, patch) => setLines(lines.map((line, j) => (j === i ? { ...line, ...patch } : line)));
    // A product or grade chosen prices the line from the standard (editable: the price is agreed at the fair).
    const reprice = async (i, patch) => {
        const next = { ...lines[i], ...patch };
        update(i, patch);
        const standard = next.product_id ? await catalogue.standardOf(next.product_id) : null;
        const grade = next.grade || (patch.product_id ? gradeOptions(standard, lang)[0]?.value ?? '' : '');
        const price = standard && grade ? standardUnitPrice(standard, grade, Number(next.quantity) || 1) : null;
        setLines((current) => current.map((line, j) => (j === i ? { ...line, ...patch, grade, price: price === null ? line.price : fenToYuanText(price) } : line)));
    };
    return html`
        <ol class="plain-list fair-lines">
            ${lines.map((line, i) => {
                const product = productById.get(line.product_id);
                const amount = lineAmount(line);
                const at = `lines/${i}`;
                const id = `${idPrefix}-${i}`;
                return html`
                    <li key=${i} class="form-grid fair-line" data-testid="fair-line">
                        <${SelectField} id=${`${id}-product`} label=${t('fairs.line.productLabel', { n: i + 1 })} value=${line.product_id}
                            error=${errors[`${at}/product_id`]} onChange=${(value) => reprice(i, { product_id: value, grade: '' })}
                            options=${catalogue.products.map((p) => ({ value: p.id, label: localName(p, lang) }))} />
                        <${SelectField} id=${`${id}-grade`} label=${t('fairs.line.grade')} value=${line.grade} error=${errors[`${at}/grade`]}
                            onChange=${(value) => reprice(i, { grade: value })} options=${gradeOptions(catalogue.standards[line.product_id], lang)} />
                        <${TextField} id=${`${id}-quantity`} label=${t('fairs.line.quantity', { unit: product ? unitLabel(product.unit, t, lang) : t('fairs.line.units') })}
                            value=${line.quantity} error=${errors[`${at}/quantity`]} onInput=${(value) => update(i, { quantity: value })} />
                        <${TextField} id=${`${id}-price`} label=${t('fairs.line.price', { unit: product ? unitLabel(product.unit, t, lang) : t('fairs.line.units') })}
                            value=${line.price} error=${errors[`${at}/unit_price_fen`]} onInput=${(value) => update(i, { price: value })} />
                        <p class="fair-line-amount" data-testid="fair-line-amount">${t('fairs.line.amount', { amount: amount === null ? '—' : formatMoney(amount) })}</p>
                        ${lines.length > 1 && html`<button type="button" class="button small" data-testid="fair-line-remove"
                            onClick=${() => setLines(lines.filter((_, j) => j !== i))}>${t('fairs.line.remove', { n: i + 1 })}</button>`}
                    </li>`;
            })}
        </ol>
        ${lines.length < SALE_LINES_MAX && html`<button type="button" class="button small" data-testid="fair-line-add" onClick=${() => setLines([...lines, blankLine()])}>${t('fairs.line.add')}</button>`}`;
}

// The server's field problems by path, in the reader's language ('lines/0/quantity' stays as it is).
function fieldMessages(error, lang) {
    const out = {};
    for (const [field, message] of Object.entries(error?.fieldErrors ?? {})) out[field] = localizeServerMessage(message, lang);
    return out;
}

/**
 * The line editor of an intended order (`kind` 'intent', at `meetingId`) or an on-site sale ('onsite',
 * at the booth of `exhibitor`), with its confirmation and acknowledgement. `buyers`: the event's buyer
 * representatives (an on-site sale may name one's organisation, or be to a walk-in customer).
 */
export function SaleForm({ event, kind, exhibitor, counterpart, meetingId, buyers = [], onRecorded }) {
    const { t, lang } = useApp();
    const catalogue = useExhibitorProducts(exhibitor.org_id);
    const { districts } = useReference(['districts']);
    const [lines, setLines] = useState([blankLine()]);
    const [buyerOrg, setBuyerOrg] = useState('');
    const [district, setDistrict] = useState('');
    const [errors, setErrors] = useState({});
    const [made, setMade] = useState(null);
    const [keyFor, setKeyFor] = useState(() => idempotencyKeys());
    const { run, dialog, feedback, busy } = useConfirmedAction(`fair-sale-${kind}`);
    if (catalogue.phase === 'loading') return html`<${Loading} />`;
    if (catalogue.phase === 'error') return html`<${LoadError} error=${catalogue.error} />`;
    const buyerOrgs = [...new Map(buyers.filter((b) => !b.withdrawn).map((b) => [b.org_id, b])).values()];
    const walkIn = kind === 'onsite' && !buyerOrg;
    const built = saleLines(lines);
    const total = built.ok ? built.total_fen : null;
    const path = kind === 'intent'
        ? `fairs/${encodeURIComponent(event.id)}/meetings/${encodeURIComponent(meetingId)}/intents`
        : `fairs/${encodeURIComponent(event.id)}/participants/${encodeURIComponent(exhibitor.id)}/onsite-sales`;
    const submit = async (submitted) => {
        submitted.preventDefault();
        setMade(null);
        const checked = saleLines(lines);
        const local = checked.ok ? {} : Object.fromEntries(Object.entries(checked.errors).map(([field, key]) => [field, t(key)]));
        if (walkIn && !district) local.delivery_district = t('fairs.sale.districtRequired');
        setErrors(local);
        if (Object.keys(local).length > 0) return;
        const body = { lines: checked.lines };
        if (kind === 'onsite' && buyerOrg) body.buyer_org_id = buyerOrg;
        if (walkIn) body.delivery_district = district;
        const buyerName = kind === 'intent' ? participantName(counterpart, lang)
            : buyerOrg ? participantName({ ...buyerOrgs.find((b) => b.org_id === buyerOrg), person_name: '' }, lang) : t('fairs.sale.walkIn');
        let answer = null;
        const ok = await run({
            title: t(`fairs.sale.confirm.${kind}`),
            facts: [
                [t('fairs.sale.seller'), participantName(exhibitor, lang)],
                [t('fairs.sale.buyer'), buyerName],
                [t('fairs.sale.lines'), String(checked.lines.length)],
                [t('fairs.sale.total'), totalText(checked.total_fen, lang)],
            ],
            note: t(`fairs.sale.note.${kind}`),
            confirmLabel: t(`fairs.sale.submit.${kind}`),
            done: t(`fairs.sale.done.${kind}`, { amount: formatMoney(checked.total_fen) }),
        }, async () => {
            try {
                answer = await api.post(path, body, { headers: { 'Idempotency-Key': keyFor(body) } });
            } catch (error) {
                setErrors(fieldMessages(error, lang));
                throw error;
            }
        });
        if (ok && answer) {
            setMade(answer);
            setLines([blankLine()]);
            setKeyFor(() => idempotencyKeys());  // the next sale is another order, even with the same lines
            onRecorded?.(answer);
        }
    };
    const idPrefix = `fair-${kind}-${meetingId ?? exhibitor.id}`;
    return html`
        <form class="card form fair-sale" data-testid=${`fair-sale-${kind}`} onSubmit=${submit} noValidate>
            <h3>${t(`fairs.sale.title.${kind}`, { name: participantName(kind === 'intent' ? counterpart : exhibitor, lang) })}</h3>
            ${catalogue.products.length === 0 ? html`<p class="empty" data-testid="fair-sale-no-products">${t('fairs.sale.noProducts')}</p>` : html`
                ${kind === 'onsite' && html`
                    <div class="form-grid">
                        <${SelectField} id=${`${idPrefix}-buyer`} label=${t('fairs.sale.buyerOrWalkIn')} value=${buyerOrg} onChange=${setBuyerOrg}
                            error=${errors.buyer_org_id} options=${buyerOrgs.map((b) => ({ value: b.org_id, label: participantName({ ...b, person_name: '' }, lang) }))} />
                        ${walkIn && html`<${SelectField} id=${`${idPrefix}-district`} label=${t('fairs.sale.district')} value=${district} onChange=${setDistrict}
                            error=${errors.delivery_district} options=${districts.map((d) => ({ value: d.code, label: localName(d, lang) }))} />`}
                    </div>`}
                <${LineEditor} lines=${lines} setLines=${setLines} catalogue=${catalogue} errors=${errors} idPrefix=${idPrefix} />
                ${errors.lines && html`<p class="field-error" role="alert">${errors.lines}</p>`}
                <p class="fair-sale-total" data-testid="fair-sale-total">${t('fairs.sale.total')}: ${total === null ? '—' : totalText(total, lang)}</p>
                <button type="submit" class="button primary" disabled=${busy} data-testid="fair-sale-submit">${t(`fairs.sale.submit.${kind}`)}</button>`}
            ${feedback}
            ${made && html`
                <p data-testid="fair-sale-ack" data-order-id=${made.order_id}>
                    ${t('fairs.sale.ack', { number: made.order_id })}
                    <${Link} href=${`/orders/${encodeURIComponent(made.order_id)}`} data-testid="fair-sale-order-link">${t('fairs.sale.openOrder')}<//>
                    ${kind === 'onsite' && html` · <a href=${receiptPdf(event.id, exhibitor.id, made.order_id, lang)} download data-testid="fair-sale-receipt">${t('fairs.sale.receipt')}</a>`}
                </p>`}
            ${dialog}
        </form>`;
}

/**
 * One meeting at the event: its outcome and, on demand, the intended-order form. `exhibitor` and
 * `buyer` are the two participants (as the participants list has them).
 */
export function MeetingAtEvent({ event, meetingId, exhibitor, buyer, title, onRecorded }) {
    const { t } = useApp();
    const [ordering, setOrdering] = useState(false);
    return html`
        <section class="card fair-meeting" data-testid="fair-meeting" data-meeting-id=${meetingId}>
            <h3>${title}</h3>
            <${MeetingOutcome} event=${event} meetingId=${meetingId} onRecorded=${onRecorded} />
            ${exhibitor && buyer && html`
                <button type="button" class="button small" aria-expanded=${ordering ? 'true' : 'false'} data-testid="fair-intent-open"
                    onClick=${() => setOrdering(!ordering)}>${t('fairs.sale.openIntent')}</button>
                ${ordering && html`<${SaleForm} event=${event} kind="intent" exhibitor=${exhibitor} counterpart=${buyer} meetingId=${meetingId} />`}`}
        </section>`;
}

// The signed-in lot pages (批次与追溯): the lots the user sees (scoped by the server:
// src/trace/trace_access.h), a producer's form to record one (product, grade, lot code, dates,
// quantity, unit, the households and workshops of its supply links), a lot's page (its facts,
// suppliers by name, events as a timeline, its trace code with the QR and a printable label, the
// FSMA 204 sheet, its open recall or the form to open one, the trace graph) and the label itself. Names, never ids; quantities in 吨/公斤 or units of sale; dates in Beijing time.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, idempotencyKeys } from '../api.js';
import { Link } from '../router.js';
import { formatDate, formatDateTime, todayInShanghai } from '../format.js';
import { localName } from '../catalog/model.js';
import { LoadError, LoadMore, Loading } from '../components/catalog-bits.js';
import { useConfirmedAction } from '../components/confirm.js';
import { lotQuantity, stepLabel } from './model.js';
import { OpenRecall } from './recalls-page.js';
import { TraceGraph } from './trace-graph.js';

export const LOTS_PAGE_SIZE = 50;
const RECORDERS = ['admin', 'producer'];

// `code`: a lot code or a trace code as typed (the server normalises both), or ''.
function useLots(code) {
    const [state, setState] = useState({ phase: 'loading', items: [], next: null, error: null, busy: false });
    const load = (cursor = null) => {
        setState((previous) => ({ ...previous, phase: cursor ? previous.phase : 'loading', busy: true, error: null }));
        const query = new URLSearchParams({ limit: String(LOTS_PAGE_SIZE) });
        if (code) query.set('code', code);
        if (cursor) query.set('cursor', cursor);
        api.get(`lots?${query}`).then(
            (page) => setState((previous) => ({ phase: 'ready', items: cursor ? [...previous.items, ...page.items] : page.items,
                next: page.next_cursor, error: null, busy: false })),
            (error) => setState((previous) => ({ ...previous, phase: 'error', error, busy: false })),
        );
    };
    useEffect(() => load(), [code]);
    return { ...state, reload: () => load(), more: () => load(state.next) };
}

function LotsTable({ lots }) {
    const { t, lang } = useApp();
    return html`
        <div class="table-wrap">
            <table class="table" data-testid="lots-table">
                <thead><tr>
                    <th scope="col">${t('lots.lotCode')}</th><th scope="col">${t('lots.product')}</th><th scope="col">${t('lots.producer')}</th>
                    <th scope="col">${t('lots.county')}</th><th scope="col">${t('lots.quantity')}</th><th scope="col">${t('lots.onHand')}</th>
                    <th scope="col">${t('lots.harvest')}</th><th scope="col">${t('lots.pack')}</th><th scope="col">${t('lots.traceCode')}</th>
                </tr></thead>
                <tbody>
                    ${lots.map((lot) => html`
                        <tr key=${lot.id} data-testid="lot-row" data-lot-code=${lot.lot_code}>
                            <td><${Link} href=${`/lots/${encodeURIComponent(lot.id)}`}>${lot.lot_code}<//></td>
                            <td>${localName({ name: lot.product_name, name_en: lot.product_name_en }, lang)}${lot.grade && html` <span class="muted">${lot.grade}</span>`}</td>
                            <td>${localName({ name: lot.producer_name, name_en: lot.producer_name_en }, lang)}</td>
                            <td>${lot.county ? t(`county.${lot.county}`) : ''}</td>
                            <td class="num">${lotQuantity(t, lot.quantity, lot.quantity_unit, lang)}</td>
                            <td class="num">${lotQuantity(t, lot.on_hand, lot.quantity_unit, lang)}</td>
                            <td>${lot.harvest_date ?? ''}</td>
                            <td>${lot.pack_date ?? ''}</td>
                            <td class="mono" data-testid="lot-trace-code">${lot.trace_code_printed}</td>
                        </tr>`)}
                </tbody>
            </table>
        </div>`;
}

// The producer's products and supply links, for the form.
function useRecordChoices(orgId, enabled) {
    const [choices, setChoices] = useState({ products: [], links: [], ready: false, error: null });
    useEffect(() => {
        if (!enabled || !orgId) return;
        const id = encodeURIComponent(orgId);
        Promise.all([api.get(`products?producer=${id}&limit=200`), api.get(`organisations/${id}/supply-links`)]).then(
            ([products, links]) => setChoices({ products: products.items, links: links.links, ready: true, error: null }),
            (error) => setChoices({ products: [], links: [], ready: true, error }),
        );
    }, [orgId, enabled]);
    return choices;
}

const sellsByWeight = (product) => product && (product.unit?.kind === 'kg' || product.unit?.kind === 'jin');

/** Grams from a kilogram text ("12.5" → 12500), or null. */
function kgToGrams(text) {
    const match = /^\s*(\d+)(?:\.(\d{1,3}))?\s*$/.exec(text);
    if (!match) return null;
    const grams = Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
    return grams > 0 ? grams : null;
}

function wholeNumber(text) {
    return /^\s*\d+\s*$/.test(text) && Number(text) > 0 ? Number(text) : null;
}

function RecordLotForm({ orgId, onRecorded }) {
    const { t, lang } = useApp();
    const choices = useRecordChoices(orgId, true);
    const today = todayInShanghai();
    const [form, setForm] = useState({ product: '', grade: '', lotCode: '', harvest: today, pack: today, quantity: '', unit: 'carton', shares: {} });
    const [errors, setErrors] = useState({});
    const [keys] = useState(() => idempotencyKeys());
    const { run, dialog, feedback, busy } = useConfirmedAction('lot-record');
    const set = (name) => (event) => setForm({ ...form, [name]: event.currentTarget.value });
    const product = choices.products.find((item) => item.id === form.product);
    const byWeight = sellsByWeight(product);
    const toQuantity = (text) => (byWeight ? kgToGrams(text) : wholeNumber(text));
    const submit = async (event) => {
        event.preventDefault();
        const problems = {};
        if (!form.product) problems.product = t('lots.form.product');
        if (!form.lotCode.trim()) problems.lotCode = t('lots.form.required');
        const quantity = toQuantity(form.quantity);
        if (!quantity) problems.quantity = t('lots.form.quantity');
        if (form.harvest && form.pack && form.pack < form.harvest) problems.pack = t('lots.form.datesOrder');
        const suppliers = [];
        for (const link of choices.links) {
            const text = form.shares[link.supplier_id] ?? '';
            if (!text.trim()) continue;
            const share = toQuantity(text);
            if (!share) problems[`share-${link.supplier_id}`] = t('lots.form.quantity');
            else suppliers.push({ supplier_id: link.supplier_id, quantity: share });
        }
        setErrors(problems);
        if (Object.keys(problems).length > 0) return;
        const body = { producer_id: orgId, product_id: form.product, lot_code: form.lotCode.trim(), quantity, unit: form.unit, suppliers };
        if (form.grade.trim()) body.grade = form.grade.trim();
        if (form.harvest) body.harvest_date = form.harvest;
        if (form.pack) body.pack_date = form.pack;
        let lot = null;
        const request = {
            title: t('lots.confirmTitle', { code: body.lot_code }),
            facts: [[t('lots.product'), localName(product, lang)], [t('lots.quantity'), lotQuantity(t, quantity, byWeight ? 'grams' : 'units', lang)],
                [t('lots.suppliers'), String(suppliers.length)]],
            confirmLabel: t('lots.record'),
            done: t('lots.recorded', { code: body.lot_code, trace: '…' }),
        };
        if (await run(request, async () => { lot = await api.post('lots', body, { headers: { 'Idempotency-Key': keys(body) } }); })) onRecorded(lot);
    };
    if (!choices.ready) return html`<${Loading} />`;
    if (choices.error) return html`<${LoadError} error=${choices.error} />`;
    const field = (id, label, input, error) => html`
        <div class=${`field ${error ? 'field-invalid' : ''}`}>
            <label for=${id}>${label}</label>${input}
            ${error && html`<p class="field-error" id=${`${id}-error`}>${error}</p>`}
        </div>`;
    const invalid = (id, error) => (error ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {});
    return html`
        <form class="card form" onSubmit=${submit} data-testid="lot-form" noValidate>
            <h2>${t('lots.new')}</h2>
            ${field('lot-product', t('lots.product'), html`
                <select id="lot-product" value=${form.product} onChange=${set('product')} data-testid="lot-product" ...${invalid('lot-product', errors.product)}>
                    <option value="">—</option>
                    ${choices.products.map((item) => html`<option key=${item.id} value=${item.id}>${localName(item, lang)}</option>`)}
                </select>`, errors.product)}
            ${field('lot-grade', t('lots.grade'), html`<input id="lot-grade" value=${form.grade} onInput=${set('grade')} data-testid="lot-grade" />`)}
            ${field('lot-code', t('lots.lotCode'), html`<input id="lot-code" value=${form.lotCode} onInput=${set('lotCode')} data-testid="lot-code" ...${invalid('lot-code', errors.lotCode)} />`, errors.lotCode)}
            ${field('lot-harvest', t('lots.harvest'), html`<input id="lot-harvest" type="date" value=${form.harvest} max=${today} onInput=${set('harvest')} />`)}
            ${field('lot-pack', t('lots.pack'), html`<input id="lot-pack" type="date" value=${form.pack} max=${today} onInput=${set('pack')} ...${invalid('lot-pack', errors.pack)} />`, errors.pack)}
            ${field('lot-quantity', t(byWeight ? 'lots.form.quantityGrams' : 'lots.form.quantityUnits'), html`
                <input id="lot-quantity" inputmode="decimal" value=${form.quantity} onInput=${set('quantity')} data-testid="lot-quantity" ...${invalid('lot-quantity', errors.quantity)} />`, errors.quantity)}
            ${field('lot-unit', t('lots.unit'), html`
                <select id="lot-unit" value=${form.unit} onChange=${set('unit')}>
                    ${['loose', 'carton'].map((unit) => html`<option key=${unit} value=${unit}>${t(`lots.unit.${unit}`)}</option>`)}
                </select>`)}
            <fieldset class="field">
                <legend>${t('lots.suppliers')}</legend>
                ${choices.links.length === 0 && html`<p class="muted small">${t('lots.noSupplyLinks')}</p>`}
                ${choices.links.map((link) => field(`share-${link.supplier_id}`, `${link.supplier_name} · ${t('lots.supplierQuantity')}`, html`
                    <input id=${`share-${link.supplier_id}`} inputmode="decimal" value=${form.shares[link.supplier_id] ?? ''} data-testid="lot-supplier-share"
                        ...${invalid(`share-${link.supplier_id}`, errors[`share-${link.supplier_id}`])}
                        onInput=${(event) => setForm({ ...form, shares: { ...form.shares, [link.supplier_id]: event.currentTarget.value } })} />`,
                    errors[`share-${link.supplier_id}`]))}
            </fieldset>
            <button type="submit" class="button primary" disabled=${busy} data-testid="lot-submit">${t('lots.record')}</button>
            ${dialog}${feedback}
        </form>`;
}

function CodeSearch({ onSearch }) {
    const { t } = useApp();
    const [text, setText] = useState('');
    const submit = (event) => {
        event.preventDefault();
        onSearch(text.trim());
    };
    return html`
        <form class="inline-fields" role="search" onSubmit=${submit} data-testid="lots-search">
            <label for="lots-code">${t('lots.search')}</label>
            <input id="lots-code" value=${text} onInput=${(event) => setText(event.currentTarget.value)} data-testid="lots-code" />
            <button type="submit" class="button small">${t('lots.searchButton')}</button>
        </form>`;
}

export function LotsPage() {
    const { t, session } = useApp();
    const [code, setCode] = useState('');
    const { phase, items, next, error, busy, reload, more } = useLots(code);
    const [recorded, setRecorded] = useState(null);
    const user = session.user;
    const mayRecord = RECORDERS.includes(user.role) && user.orgId;
    return html`
        <div data-testid="lots-page">
            <h1>${t('lots.title')}</h1>
            <p class="muted">${t('lots.intro')}</p>
            ${mayRecord && html`<${RecordLotForm} orgId=${user.orgId} onRecorded=${(lot) => { setRecorded(lot); reload(); }} />`}
            ${recorded && html`<p class="alert alert-success" role="status" data-testid="lot-recorded">
                ${t('lots.recorded', { code: recorded.lot_code, trace: recorded.trace_code_printed })}
                ${' '}<${Link} href=${`/lots/${encodeURIComponent(recorded.id)}`}>${t('lots.detailTitle')}<//></p>`}
            <${CodeSearch} onSearch=${setCode} />
            ${phase === 'loading' && html`<${Loading} />`}
            ${phase === 'error' && html`<${LoadError} error=${error} onRetry=${reload} />`}
            ${phase === 'ready' && items.length === 0 && html`<p class="muted" data-testid="lots-none">${t(code ? 'lots.noneFound' : 'lots.none')}</p>`}
            ${items.length > 0 && html`<${LotsTable} lots=${items} />`}
            <${LoadMore} hasMore=${Boolean(next)} busy=${busy} onMore=${more} count=${items.length} />
        </div>`;
}

function useLot(id) {
    const [state, setState] = useState({ phase: 'loading', lot: null, events: [], scans: null, error: null });
    useEffect(() => {
        const path = `lots/${encodeURIComponent(id)}`;
        Promise.all([api.get(path), api.get(`${path}/events?limit=200`), api.get(`${path}/scans`)]).then(
            ([lot, events, scans]) => setState({ phase: 'ready', lot, events: events.items, scans, error: null }),
            (error) => setState({ phase: 'error', lot: null, events: [], scans: null, error }),
        );
    }, [id]);
    return state;
}

function EventsTimeline({ events }) {
    const { t } = useApp();
    return html`
        <ol class="timeline" data-testid="lot-events">
            ${events.map((event) => html`
                <li key=${event.id} class="timeline-step" data-testid="lot-event" data-step=${event.biz_step ?? event.type}>
                    <strong>${stepLabel(t, event)}</strong>
                    ${event.error_declaration && html` <span class="badge badge-danger">✕</span>`}
                    <div class="muted small"><time datetime=${event.event_time}>${formatDateTime(event.event_time)}</time></div>
                </li>`)}
        </ol>`;
}

export function LotPage({ params }) {
    const { t, lang } = useApp();
    const { phase, lot, events, scans, error } = useLot(params.id);
    if (phase === 'loading') return html`<${Loading} />`;
    if (phase === 'error') return html`<${LoadError} error=${error} />`;
    const publicPath = `/t/${lot.trace_code}`;
    return html`
        <div data-testid="lot-page">
            <p><${Link} href="/lots">← ${t('lots.title')}<//></p>
            <h1>${t('lots.lot')} <span data-testid="lot-code-title">${lot.lot_code}</span></h1>
            <div class="grid">
                <section class="card">
                    <dl class="trace-facts">
                        <div><dt>${t('lots.product')}</dt><dd>${localName({ name: lot.product_name, name_en: lot.product_name_en }, lang)}${lot.grade && ` · ${lot.grade}`}</dd></div>
                        <div><dt>${t('lots.producer')}</dt><dd>${localName({ name: lot.producer_name, name_en: lot.producer_name_en }, lang)}</dd></div>
                        <div><dt>${t('lots.county')}</dt><dd>${lot.county ? t(`county.${lot.county}`) : ''}</dd></div>
                        <div><dt>${t('lots.quantity')}</dt><dd>${lotQuantity(t, lot.quantity, lot.quantity_unit, lang)}</dd></div>
                        <div><dt>${t('lots.onHand')}</dt><dd data-testid="lot-on-hand">${lotQuantity(t, lot.on_hand, lot.quantity_unit, lang)}</dd></div>
                        <div><dt>${t('lots.harvest')}</dt><dd>${lot.harvest_date ?? t('trace.unknownDate')}</dd></div>
                        <div><dt>${t('lots.pack')}</dt><dd>${lot.pack_date ?? t('trace.unknownDate')}</dd></div>
                        <div><dt>${t('lots.unit')}</dt><dd>${t(`lots.unit.${lot.unit}`)}${lot.sscc ? ` · SSCC ${lot.sscc}` : ''}</dd></div>
                    </dl>
                    ${lot.suppliers.length > 0 && html`
                        <h2>${t('lots.suppliers')}</h2>
                        <ul data-testid="lot-suppliers">${lot.suppliers.map((supplier) => html`
                            <li key=${supplier.supplier_id}>${supplier.supplier_name} · ${lotQuantity(t, supplier.quantity, lot.quantity_unit, lang)}</li>`)}</ul>`}
                </section>
                <section class="card trace-qr" aria-labelledby="lot-code-heading">
                    <h2 id="lot-code-heading">${t('lots.traceCode')}</h2>
                    <p class="mono big" data-testid="lot-trace-printed">${lot.trace_code_printed}</p>
                    <img src=${`${publicPath}.svg`} width="160" height="160" alt=${t('trace.qrAlt', { code: lot.trace_code_printed })} data-testid="lot-qr" />
                    <p>
                        <${Link} href=${publicPath} data-testid="lot-public-link">${t('lots.openPublic')}<//>
                        ${' · '}<${Link} href=${`/lots/${encodeURIComponent(lot.id)}/label`} data-testid="lot-label-link">${t('lots.label')}<//>
                    </p>
                    <p><a class="button small" href=${`/api/v1/lots/${encodeURIComponent(lot.id)}/trace.xlsx`} download data-testid="lot-sheet">${t('lots.sheet')}</a></p>
                    ${scans && html`<p class="muted small" data-testid="lot-scans">${t('lots.scans')}: ${t('lots.scansTotal', { count: scans.total })}</p>`}
                </section>
            </div>
            <${OpenRecall} lot=${lot} />
            <section class="card" aria-labelledby="lot-events-title">
                <h2 id="lot-events-title">${t('lots.events')}</h2>
                <${EventsTimeline} events=${events} />
            </section>
            <${TraceGraph} lotId=${lot.id} />
        </div>`;
}

/** The printable label: product, lot, dates, the trace code and its QR, and the page's address. */
export function LotLabelPage({ params }) {
    const { t, lang } = useApp();
    const { phase, lot, error } = useLot(params.id);
    if (phase === 'loading') return html`<${Loading} />`;
    if (phase === 'error') return html`<${LoadError} error=${error} />`;
    const address = `${globalThis.location.origin}/t/${lot.trace_code}`;
    return html`
        <div class="trace-label" data-testid="lot-label">
            <h1>${localName({ name: lot.product_name, name_en: lot.product_name_en }, lang)}</h1>
            <p>${localName({ name: lot.producer_name, name_en: lot.producer_name_en }, lang)} · ${lot.county ? t(`county.${lot.county}`) : ''}</p>
            <p>${t('lots.lotCode')} ${lot.lot_code} · ${t('lots.pack')} ${lot.pack_date ?? formatDate(lot.created_at)}</p>
            <img src=${`/t/${lot.trace_code}.svg`} width="200" height="200" alt=${t('trace.qrAlt', { code: lot.trace_code_printed })} />
            <p class="mono big">${lot.trace_code_printed}</p>
            <p class="small">${address}</p>
            <button type="button" class="button no-print" onClick=${() => globalThis.print()}>${t('lots.printLabel')}</button>
        </div>`;
}

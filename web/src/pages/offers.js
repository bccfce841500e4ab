// Supply offers: the list (the API keeps org-scoped users to their own organisation's) and, for a
// producer (or an admin naming the producer), a form to offer a grade of a product: the grade is one
// of those the chosen product's brand standard lists, the best one until another is picked.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, idempotencyKeys } from '../api.js';
import { useCursorList } from '../catalog/lists.js';
import { bestGrade, gradeOptions, localName } from '../catalog/model.js';
import { formatMoney, formatWeight } from '../format.js';
import { mayWithdraw, offerBody } from '../market/model.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';
import { TextField } from '../components/field.js';
import { Alert } from '../components/alert.js';
import { ExportLinks } from '../components/export-links.js';
import { ImportCsv } from '../components/import-csv.js';
import { WithdrawButton } from '../components/withdraw-button.js';
import { SelectField, useChosenStandard, useMarketForm } from '../components/market-form.js';

const SERVER_FIELDS = { quantity_g: 'quantity', price_fen_per_kg: 'price' };

export function useOriginNodes(kind) {
    const [nodes, setNodes] = useState([]);
    useEffect(() => {
        api.get('market/nodes').then((answer) => setNodes((answer.items ?? []).filter((node) => node.kind === kind)), () => setNodes([]));
    }, [kind]);
    return nodes;
}

function OfferForm({ user, onCreated }) {
    const { t, lang } = useApp();
    const today = new Date().toISOString().slice(0, 10);
    const state = useMarketForm({ org_id: user.orgId ?? '', product_id: '', grade: '', quantity: '', price: '',
        available_from: today, available_to: today, packed_on: today, origin_node_id: '' });
    const [products, setProducts] = useState([]);
    const [notice, setNotice] = useState('');
    const [keyFor] = useState(() => idempotencyKeys());
    const origins = useOriginNodes('origin');
    const { form, set, errors } = state;
    useEffect(() => {
        if (!form.org_id) return;
        api.get(`products?producer=${encodeURIComponent(form.org_id)}&status=active&limit=200`)
            .then((answer) => setProducts(answer.items ?? []), () => setProducts([]));
    }, [form.org_id]);
    // A seller offers what it has, most often its best; the best grade saves a pick in the common case.
    const standard = useChosenStandard(products.find((product) => product.id === form.product_id), set('grade'), bestGrade);
    const submit = async (event) => {
        event.preventDefault();
        setNotice('');
        const built = offerBody(form, form.org_id);
        if (!built.ok) return state.showErrors(built.errors);
        try {
            await api.post('offers', built.body, { headers: { 'Idempotency-Key': keyFor(built.body) } });
            state.setErrors({});
            setNotice(t('offers.created'));
            onCreated();
        } catch (error) {
            state.serverErrors(error, SERVER_FIELDS);
            if (!error.hasFieldErrors) setNotice(error.message);
        }
    };
    return html`
        <form class="card form" data-testid="offer-form" onSubmit=${submit}>
            <h2>${t('offers.new')}</h2>
            <div class="form-grid">
            ${user.role === 'admin' && html`<${TextField} id="offer-org" label=${t('market.orgId')} value=${form.org_id} onInput=${set('org_id')} error=${errors.org_id} />`}
            <${SelectField} id="offer-product" label=${t('market.product')} value=${form.product_id} onChange=${set('product_id')} error=${errors.product_id}
                options=${products.map((product) => ({ value: product.id, label: localName(product, lang) }))} />
            <${SelectField} id="offer-grade" label=${t('market.grade')} value=${form.grade} onChange=${set('grade')} error=${errors.grade}
                options=${gradeOptions(standard, lang)} />
            <${TextField} id="offer-quantity" label=${t('market.quantity')} value=${form.quantity} onInput=${set('quantity')} error=${errors.quantity} />
            <${TextField} id="offer-price" label=${t('offers.price')} value=${form.price} onInput=${set('price')} error=${errors.price} />
            <${TextField} id="offer-from" type="date" label=${t('offers.availableFrom')} value=${form.available_from} onInput=${set('available_from')} error=${errors.available_from} />
            <${TextField} id="offer-to" type="date" label=${t('offers.availableTo')} value=${form.available_to} onInput=${set('available_to')} error=${errors.available_to} />
            <${TextField} id="offer-packed" type="date" label=${t('offers.packedOn')} value=${form.packed_on} onInput=${set('packed_on')} error=${errors.packed_on} />
            <${SelectField} id="offer-origin" label=${t('offers.origin')} value=${form.origin_node_id} onChange=${set('origin_node_id')} error=${errors.origin_node_id}
                options=${origins.map((node) => ({ value: node.id, label: localName(node, lang) }))} />
            </div>
            ${notice && html`<${Alert} testId="offer-notice">${notice}<//>`}
            <button type="submit" class="button primary" data-testid="offer-submit">${t('offers.submit')}</button>
        </form>`;
}

export function OffersPage() {
    const { t, lang, session } = useApp();
    const user = session.user;
    const [generation, setGeneration] = useState(0);
    const list = useCursorList((cursor) => `offers?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, `offers-${generation}`);
    const mayOffer = user?.role === 'producer' || user?.role === 'admin';
    return html`
        <div class="page">
            <div class="page-head">
                <h1 data-testid="offers-heading">${t('offers.heading')}</h1>
                <p class="muted">${t('offers.intro')}</p>
                <p><${ExportLinks} listPath="offers" /></p>
                ${mayOffer && html`<${ImportCsv} what="offers" onImported=${() => setGeneration((n) => n + 1)} />`}
            </div>
            ${mayOffer && html`<${OfferForm} user=${user} onCreated=${() => setGeneration((n) => n + 1)} />`}
            ${list.phase === 'loading' && html`<${Loading} testId="offers-loading" />`}
            ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} testId="offers-error" />`}
            ${list.phase === 'ready' && list.items.length === 0 && html`<p class="empty" data-testid="offers-empty">${t('offers.none')}</p>`}
            ${list.phase === 'ready' && list.items.length > 0 && html`
                <div class="card table-scroll">
                    <table class="table" data-testid="offers-table">
                        <thead><tr><th>${t('market.product')}</th><th>${t('market.grade')}</th><th>${t('market.quantity')}</th>
                            <th>${t('offers.price')}</th><th>${t('offers.window')}</th><th>${t('offers.bestBefore')}</th><th>${t('market.status')}</th><th></th></tr></thead>
                        <tbody>
                            ${list.items.map((offer) => html`
                                <tr key=${offer.id} data-testid="offer-row" data-offer-id=${offer.id}>
                                    <td>${lang === 'en' ? offer.product_name_en || offer.product_name_zh : offer.product_name_zh}</td>
                                    <td>${offer.grade}</td>
                                    <td>${formatWeight(offer.quantity_g, 'kg', lang)}</td>
                                    <td>${formatMoney(offer.price_fen_per_kg)}</td>
                                    <td>${offer.available_from} – ${offer.available_to}</td>
                                    <td>${offer.best_before}</td>
                                    <td>${t(`listingStatus.${offer.status}`)}</td>
                                    <td>${mayWithdraw(offer, user, 'offer') && html`<${WithdrawButton} path=${`offers/${encodeURIComponent(offer.id)}/withdraw`}
                                        testId="offer-withdraw" onDone=${() => setGeneration((n) => n + 1)} />`}</td>
                                </tr>`)}
                        </tbody>
                    </table>
                </div>
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId="offers-more" />`}
        </div>`;
}


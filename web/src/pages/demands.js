// Buyer demands: the list (org-scoped users see their own organisation's) and, for a buyer (or an
// admin naming the buyer), a form asking for a product or a whole category. A product demand's minimum
// grade is one of those the product's brand standard lists, its lowest until another is picked; a
// category's products have different standards, so a category demand names its minimum by rank (1 = best).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, idempotencyKeys } from '../api.js';
import { useCursorList } from '../catalog/lists.js';
import { gradeOptions, localName, lowestGrade } from '../catalog/model.js';
import { useReference } from '../catalog/reference.js';
import { formatMoney, formatWeight } from '../format.js';
import { demandBody, mayWithdraw } from '../market/model.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';
import { TextField } from '../components/field.js';
import { Alert } from '../components/alert.js';
import { ExportLinks } from '../components/export-links.js';
import { ImportCsv } from '../components/import-csv.js';
import { WithdrawButton } from '../components/withdraw-button.js';
import { SelectField, useChosenStandard, useMarketForm } from '../components/market-form.js';

const SERVER_FIELDS = { quantity_g: 'quantity', max_price_fen_per_kg: 'max_price', min_aided_g: 'min_aided',
    product_id: 'target', category_id: 'target', min_grade_rank: 'min_grade' };

function DemandForm({ user, onCreated }) {
    const { t, lang } = useApp();
    const { districts, categories } = useReference(['districts', 'categories']);
    const state = useMarketForm({ org_id: user.orgId ?? '', target: '', min_grade: '', quantity: '', max_price: '',
        deliver_by: new Date().toISOString().slice(0, 10), district: '', min_shelf_life_days: '', min_aided: '' });
    const [products, setProducts] = useState([]);
    const [notice, setNotice] = useState('');
    const [keyFor] = useState(() => idempotencyKeys());
    const { form, set, errors } = state;
    useEffect(() => {
        api.get('products?status=active&limit=200').then((answer) => setProducts(answer.items ?? []), () => setProducts([]));
    }, []);
    const chosenProduct = products.find((candidate) => form.target === `product:${candidate.id}`);
    // A minimum grade is a floor, and a buyer who has not picked one expects every grade of the product
    // to be welcome: the lowest lets all offers through, where the best would quietly narrow the demand
    // to the premium offers alone (unlike the offer form, where a seller most often offers its best).
    const standard = useChosenStandard(chosenProduct, set('min_grade'), lowestGrade);
    const targets = [
        ...products.map((product) => ({ value: `product:${product.id}`, label: localName(product, lang) })),
        ...(categories ?? []).map((category) => ({ value: `category:${category.id}`, label: `${t('demands.category')}: ${localName(category, lang)}` })),
    ];
    const submit = async (event) => {
        event.preventDefault();
        setNotice('');
        const built = demandBody(form, form.org_id);
        if (!built.ok) return state.showErrors(built.errors);
        try {
            await api.post('demands', built.body, { headers: { 'Idempotency-Key': keyFor(built.body) } });
            state.setErrors({});
            setNotice(t('demands.created'));
            onCreated();
        } catch (error) {
            state.serverErrors(error, SERVER_FIELDS);
            if (!error.hasFieldErrors) setNotice(error.message);
        }
    };
    return html`
        <form class="card form" data-testid="demand-form" onSubmit=${submit}>
            <h2>${t('demands.new')}</h2>
            <div class="form-grid">
            ${user.role === 'admin' && html`<${TextField} id="demand-org" label=${t('market.orgId')} value=${form.org_id} onInput=${set('org_id')} error=${errors.org_id} />`}
            <${SelectField} id="demand-target" label=${t('demands.target')} value=${form.target} onChange=${set('target')} error=${errors.target} options=${targets} />
            ${chosenProduct
                ? html`<${SelectField} id="demand-grade" label=${t('demands.minGrade')} value=${form.min_grade} onChange=${set('min_grade')} error=${errors.min_grade}
                    options=${gradeOptions(standard, lang)} />`
                : html`<${TextField} id="demand-grade" label=${t('demands.minGrade')} value=${form.min_grade} onInput=${set('min_grade')} error=${errors.min_grade} />`}
            <${TextField} id="demand-quantity" label=${t('market.quantity')} value=${form.quantity} onInput=${set('quantity')} error=${errors.quantity} />
            <${TextField} id="demand-price" label=${t('demands.maxPrice')} value=${form.max_price} onInput=${set('max_price')} error=${errors.max_price} />
            <${TextField} id="demand-by" type="date" label=${t('demands.deliverBy')} value=${form.deliver_by} onInput=${set('deliver_by')} error=${errors.deliver_by} />
            <${SelectField} id="demand-district" label=${t('demands.district')} value=${form.district} onChange=${set('district')} error=${errors.district}
                options=${(districts ?? []).map((district) => ({ value: district.code, label: localName(district, lang) }))} />
            <${TextField} id="demand-shelf" label=${t('demands.minShelfLife')} value=${form.min_shelf_life_days} onInput=${set('min_shelf_life_days')} error=${errors.min_shelf_life_days} />
            <${TextField} id="demand-aided" label=${t('demands.minAided')} value=${form.min_aided} onInput=${set('min_aided')} error=${errors.min_aided} />
            </div>
            ${notice && html`<${Alert} testId="demand-notice">${notice}<//>`}
            <button type="submit" class="button primary" data-testid="demand-submit">${t('demands.submit')}</button>
        </form>`;
}

export function DemandsPage() {
    const { t, lang, session } = useApp();
    const user = session.user;
    const [generation, setGeneration] = useState(0);
    const list = useCursorList((cursor) => `demands?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, `demands-${generation}`);
    const mayAsk = user?.role === 'buyer' || user?.role === 'admin';
    return html`
        <div class="page">
            <div class="page-head">
                <h1 data-testid="demands-heading">${t('demands.heading')}</h1>
                <p class="muted">${t('demands.intro')}</p>
                <p><${ExportLinks} listPath="demands" /></p>
                ${mayAsk && html`<${ImportCsv} what="demands" onImported=${() => setGeneration((n) => n + 1)} />`}
            </div>
            ${mayAsk && html`<${DemandForm} user=${user} onCreated=${() => setGeneration((n) => n + 1)} />`}
            ${list.phase === 'loading' && html`<${Loading} testId="demands-loading" />`}
            ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} testId="demands-error" />`}
            ${list.phase === 'ready' && list.items.length === 0 && html`<p class="empty" data-testid="demands-empty">${t('demands.none')}</p>`}
            ${list.phase === 'ready' && list.items.length > 0 && html`
                <div class="card table-scroll">
                    <table class="table" data-testid="demands-table">
                        <thead><tr><th>${t('demands.target')}</th><th>${t('demands.minGrade')}</th><th>${t('market.quantity')}</th>
                            <th>${t('demands.maxPrice')}</th><th>${t('demands.deliverBy')}</th><th>${t('demands.district')}</th><th>${t('market.status')}</th><th></th></tr></thead>
                        <tbody>
                            ${list.items.map((demand) => html`
                                <tr key=${demand.id} data-testid="demand-row" data-demand-id=${demand.id}>
                                    <td>${demand.category_id ? `${t('demands.category')}: ` : ''}${(lang === 'en' ? demand.target_name_en : demand.target_name_zh)
                                        || demand.product_id || demand.category_id}</td>
                                    <td>${demand.min_grade ?? demand.min_grade_rank}</td>
                                    <td>${formatWeight(demand.quantity_g, 'kg', lang)}</td>
                                    <td>${formatMoney(demand.max_price_fen_per_kg)}</td>
                                    <td>${demand.deliver_by}</td>
                                    <td>${demand.district}</td>
                                    <td>${t(`listingStatus.${demand.status}`)}</td>
                                    <td>${mayWithdraw(demand, user, 'demand') && html`<${WithdrawButton} path=${`demands/${encodeURIComponent(demand.id)}/withdraw`}
                                        testId="demand-withdraw" onDone=${() => setGeneration((n) => n + 1)} />`}</td>
                                </tr>`)}
                        </tbody>
                    </table>
                </div>
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId="demands-more" />`}
        </div>`;
}

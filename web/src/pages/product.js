// A product of the catalogue: who makes it and where, its brand standard's six parts (grades with
// their criteria, packaging, storage, logistics, sales channels, pricing by grade and quantity tier)
// and its consumption-aid certification history. Public for active products; the producer (or an
// admin) gets an "edit" button, a county officer of the product's county the certification forms,
// a buyer the form to order it.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { Link } from '../router.js';
import { formatDate, formatDateTime, formatInteger, formatWeight } from '../format.js';
import { categoryTrail, localName, productPermissions, secondaryName } from '../catalog/model.js';
import { formatRange, formatScaled, formatTemperatureRange } from '../catalog/measures.js';
import { byCode, useReference } from '../catalog/reference.js';
import { useOfficerCounty } from '../catalog/officer.js';
import { Alert } from '../components/alert.js';
import { CertBadge, LoadError, Loading, Price, ProductStatusBadge, Refusal } from '../components/catalog-bits.js';
import { Certifications } from '../components/certifications.js';
import { OrderForm } from '../components/order-form.js';

/** Reads a product and its standard (null when it has none yet). */
function useProduct(id) {
    const [state, setState] = useState({ phase: 'loading', product: null, standard: null, error: null });
    const load = () => {
        setState((previous) => ({ ...previous, phase: 'loading', error: null }));
        const path = `products/${encodeURIComponent(id)}`;
        Promise.all([
            api.get(path),
            api.get(`${path}/standard`).catch((error) => {
                if (error?.status === 404) return null;
                throw error;
            }),
        ]).then(
            ([product, standard]) => setState({ phase: 'ready', product, standard: standard?.standard ?? standard, error: null }),
            (error) => setState({ phase: 'error', product: null, standard: null, error }),
        );
    };
    useEffect(load, [id]);
    return { ...state, reload: load };
}

function Section({ id, title, children }) {
    return html`
        <section class="card standard-part" aria-labelledby=${`${id}-title`} data-testid=${id}>
            <h2 id=${`${id}-title`}>${title}</h2>
            ${children}
        </section>`;
}

function GradesPart({ standard }) {
    const { t, lang } = useApp();
    return html`
        <${Section} id="standard-grades" title=${t('standard.grades')}>
            <table class="table">
                <thead><tr><th>${t('standard.grade')}</th><th>${t('standard.criteria')}</th></tr></thead>
                <tbody>
                    ${standard.grades.map((grade) => html`
                        <tr key=${grade.code} data-testid="grade-row" data-grade=${grade.code}>
                            <td>
                                <strong>${grade.code}</strong> ${localName(grade, lang)}
                                ${secondaryName(grade, lang) && html`<div class="muted small">${secondaryName(grade, lang)}</div>`}
                            </td>
                            <td>
                                ${grade.criteria?.length ? html`
                                    <ul class="criteria">
                                        ${grade.criteria.map((criterion) => html`
                                            <li key=${criterion.metric}>
                                                <span class="muted">${t(`catalog.metric.${criterion.metric}`)}</span>
                                                ${' '}<span data-testid="criterion-range">${formatRange(criterion.metric, criterion.min, criterion.max)}</span>
                                            </li>`)}
                                    </ul>` : html`<span class="muted">${t('standard.noCriteria')}</span>`}
                            </td>
                        </tr>`)}
                </tbody>
            </table>
        <//>`;
}

function PackagingPart({ packaging }) {
    const { t, lang } = useApp();
    return html`
        <${Section} id="standard-packaging" title=${t('standard.packaging')}>
            <dl class="details">
                <dt>${t('standard.packagingType')}</dt><dd>${t(`packaging.${packaging.type}`)}</dd>
                <dt>${t('standard.netWeight')}</dt><dd>${formatWeight(packaging.net_weight_g ?? 0, 'kg', lang)}</dd>
                <dt>${t('standard.materials')}</dt><dd>${packaging.materials?.length ? packaging.materials.join(lang === 'en' ? ', ' : '、') : '—'}</dd>
            </dl>
        <//>`;
}

function StoragePart({ storage }) {
    const { t } = useApp();
    return html`
        <${Section} id="standard-storage" title=${t('standard.storage')}>
            <dl class="details">
                <dt>${t('standard.temperature')}</dt>
                <dd data-testid="storage-temperature">${formatTemperatureRange(storage.temperature_min_c_x10, storage.temperature_max_c_x10)}</dd>
                <dt>${t('standard.humidity')}</dt>
                <dd>${formatScaled(storage.humidity_min_pct, 0)}–${formatScaled(storage.humidity_max_pct, 0)} %</dd>
                <dt>${t('standard.shelfLife')}</dt><dd>${t('standard.days', { count: formatInteger(storage.shelf_life_days) })}</dd>
            </dl>
        <//>`;
}

function LogisticsPart({ logistics, channels }) {
    const { t } = useApp();
    return html`
        <${Section} id="standard-logistics" title=${t('standard.logistics')}>
            <dl class="details">
                <dt>${t('standard.coldChain')}</dt><dd data-testid="cold-chain">${t(`coldChain.${logistics.cold_chain}`)}</dd>
            </dl>
        <//>
        <${Section} id="standard-channels" title=${t('standard.channels')}>
            <ul class="chips">${channels.map((channel) => html`<li key=${channel} class="chip">${t(`channel.${channel}`)}</li>`)}</ul>
        <//>`;
}

// Rows are grades (best first), columns the list price then each quantity tier; a tier that does
// not price a grade shows "—" (the list price applies).
function PricingPart({ standard, unit }) {
    const { t, lang } = useApp();
    const { pricing } = standard;
    const listPrice = new Map(pricing.list_prices.map((entry) => [entry.grade, entry.price_fen]));
    const tiers = [...(pricing.tiers ?? [])].sort((a, b) => a.min_quantity - b.min_quantity);
    const tierPrice = tiers.map((tier) => new Map(tier.prices.map((entry) => [entry.grade, entry.price_fen])));
    return html`
        <${Section} id="standard-pricing" title=${t('standard.pricing')}>
            <p class="small">${t('standard.minOrder', { count: formatInteger(pricing.min_order_quantity) })}</p>
            <div class="table-scroll">
                <table class="table price-table" data-testid="price-table">
                    <thead>
                        <tr>
                            <th>${t('standard.grade')}</th>
                            <th>${t('standard.listPrice')}</th>
                            ${tiers.map((tier) => html`<th key=${tier.min_quantity}>${t('standard.tierFrom', { count: formatInteger(tier.min_quantity) })}</th>`)}
                        </tr>
                    </thead>
                    <tbody>
                        ${standard.grades.map((grade) => html`
                            <tr key=${grade.code} data-grade=${grade.code}>
                                <th scope="row">${grade.code} <span class="muted small">${localName(grade, lang)}</span></th>
                                <td>${listPrice.has(grade.code) ? html`<${Price} fen=${listPrice.get(grade.code)} unit=${unit} testId="list-price" />` : '—'}</td>
                                ${tierPrice.map((prices, i) => html`
                                    <td key=${tiers[i].min_quantity}>${prices.has(grade.code) ? html`<${Price} fen=${prices.get(grade.code)} unit=${unit} />` : '—'}</td>`)}
                            </tr>`)}
                    </tbody>
                </table>
            </div>
            ${tiers.length > 0 && html`<p class="muted small">${t('standard.tierNotPriced')}</p>`}
        <//>`;
}

function Standard({ standard, product }) {
    const { t } = useApp();
    if (!standard) return html`<p class="empty" data-testid="standard-missing">${t('standard.missing')}</p>`;
    return html`
        <div class="standard-grid" data-testid="standard">
            <${GradesPart} standard=${standard} />
            <${PricingPart} standard=${standard} unit=${product.unit} />
            <${PackagingPart} packaging=${standard.packaging} />
            <${StoragePart} storage=${standard.storage} />
            <${LogisticsPart} logistics=${standard.logistics} channels=${standard.channels ?? []} />
        </div>`;
}

function Summary({ product, standard, canEdit, canOrder }) {
    const { t, lang, session } = useApp();
    const { counties, categories } = useReference(['counties', 'categories']);
    const county = byCode(counties, product.county);
    const producer = localName({ name_zh: product.producer_name, name_en: product.producer_name_en }, lang) || product.producer_id;
    return html`
        <div class="page-head with-actions">
            <div>
                <p class="muted small"><${Link} href="/catalogue">${t('catalogue.heading')}<//> › ${categoryTrail(categories, product.category_id, lang) || product.category_id}</p>
                <h1 data-testid="product-heading">${localName(product, lang)}</h1>
                ${secondaryName(product, lang) && html`<p class="muted secondary-name" data-testid="product-secondary-name">${secondaryName(product, lang)}</p>`}
                <p class="badges">
                    <${CertBadge} status=${product.aid_status_today} testId="product-cert" />
                    <${ProductStatusBadge} status=${product.status} />
                </p>
            </div>
            ${canEdit && html`<${Link} href=${`/products/${encodeURIComponent(product.id)}/edit`} class="button primary" data-testid="product-edit">${t('product.edit')}<//>`}
            ${canOrder && html`<button type="button" class="button primary" data-testid="product-order"
                onClick=${() => document.querySelector('[data-testid="order-form"]')?.scrollIntoView({ behavior: 'smooth' })}>${t('orderForm.title')}</button>`}
        </div>
        <section class="card" data-testid="product-summary">
            <dl class="details">
                <dt>${t('product.producer')}</dt>
                <dd data-testid="product-producer">
                    ${session.status === 'signed-in'
                        ? html`<${Link} href=${`/organisations/${encodeURIComponent(product.producer_id)}`}>${producer}<//>`
                        : producer}
                </dd>
                <dt>${t('product.county')}</dt><dd data-testid="product-county">${county ? localName(county, lang) : product.county ?? '—'}</dd>
                <dt>${t('product.unit')}</dt><dd data-testid="product-unit"><${UnitText} unit=${product.unit} /></dd>
                ${standard && html`<dt>${t('product.standardVersion')}</dt><dd>${t('product.version', { version: product.standard_version ?? standard.version ?? '' })}</dd>`}
                ${product.updated_at && html`<dt>${t('product.updated')}</dt><dd>${formatDateTime(product.updated_at)}</dd>`}
            </dl>
        </section>`;
}

function UnitText({ unit }) {
    const { t, lang } = useApp();
    if (!unit) return '—';
    if (unit.kind === 'box') return t('catalog.unit.boxOf', { weight: formatWeight(unit.net_g, 'kg', lang) });
    if (unit.kind === 'piece' && unit.net_g > 0) return t('catalog.unit.pieceOf', { weight: formatWeight(unit.net_g, unit.net_g >= 1000 ? 'kg' : 'g', lang) });
    return t(`catalog.unit.${unit.kind}`);
}

export function ProductPage({ params, location }) {
    const { t, session } = useApp();
    const { phase, product, standard, error, reload } = useProduct(params.id);
    const officerCounty = useOfficerCounty(session);

    if (phase === 'loading' && !product) return html`<div class="page"><${Loading} testId="product-loading" /></div>`;
    if (phase === 'error') {
        if (error?.status === 404 || error?.status === 403) return html`<${Refusal} status=${error.status}><${Link} href="/catalogue" class="button">${t('catalogue.back')}<//><//>`;
        return html`<div class="page"><${LoadError} error=${error} onRetry=${reload} testId="product-error" /></div>`;
    }
    const permissions = productPermissions(session.user, product, officerCounty);
    const canOrder = session.user?.role === 'buyer' && Boolean(session.user.orgId) && product.status === 'active' && Boolean(standard);
    // The edit form comes back here with ?created=1 or ?saved=1.
    const notice = location?.query.get('created') ? 'product.created' : location?.query.get('saved') ? 'product.saved' : null;
    return html`
        <div class="page product-page" data-product-id=${product.id}>
            ${notice && html`<${Alert} kind="success" testId="product-notice">${t(notice)}<//>`}
            <${Summary} product=${product} standard=${standard} canEdit=${permissions.edit} canOrder=${canOrder} />
            <h2 class="section-title">${t('standard.title')}</h2>
            <${Standard} standard=${standard} product=${product} />
            ${canOrder && html`<${OrderForm} product=${product} standard=${standard} user=${session.user} />`}
            <h2 class="section-title">${t('cert.title')}</h2>
            <${Certifications} product=${product} canCertify=${permissions.certify} hasStandard=${Boolean(standard)}
                today=${formatDate(Date.now())} onChange=${reload} />
        </div>`;
}

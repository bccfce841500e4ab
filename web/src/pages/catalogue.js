// The public catalogue: search over Chinese and English names and product codes, filters
// (county, category with everything below it, sales channel, certified today, the day added), a page
// at a time with "load more", as cards (in catalogue order) or as a table (newest first) whose
// headers sort the rows loaded. The filters live in the address (/catalogue?q=核桃&county=yecheng&certified=1&view=table),
// so a search can be bookmarked, shared, reloaded and stepped back through. Anyone may browse.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { Link, navigate } from '../router.js';
import { formatDate } from '../format.js';
import {
    canCreateProducts, categoryTrail, filtersFromQuery, localName, productsPath, queryFromFilters, SALES_CHANNELS,
    secondaryName,
} from '../catalog/model.js';
import { useCursorList } from '../catalog/lists.js';
import { byCode, referencePaths, useReference } from '../catalog/reference.js';
import { useProductPrice } from '../catalog/prices.js';
import { ExportLinks } from '../components/export-links.js';
import { DataTable, ListWindow } from '../components/data-table.js';
import { CertBadge, LoadError, Loading, LoadMore, Price, ProductStatusBadge } from '../components/catalog-bits.js';

// Products per page: two screens of cards, small enough to answer quickly.
export const CATALOGUE_PAGE_SIZE = 24;

function ProductCard({ product, counties, categories }) {
    const { t, lang } = useApp();
    const price = useProductPrice(product);
    const county = byCode(counties, product.county);
    return html`
        <article class="card product-card" data-testid="product-card" data-product-id=${product.id}>
            <div class="product-card-top">
                <span class="muted small">${categoryTrail(categories, product.category_id, lang) || product.category_id}</span>
                <span class="badges">
                    <${ProductStatusBadge} status=${product.status} />
                    <${CertBadge} status=${product.aid_status_today} testId="product-card-cert" />
                </span>
            </div>
            <h2 class="product-card-name">
                <${Link} href=${`/products/${encodeURIComponent(product.id)}`} data-testid="product-card-link">${localName(product, lang)}<//>
            </h2>
            ${secondaryName(product, lang) && html`<p class="muted small secondary-name">${secondaryName(product, lang)}</p>`}
            <p class="small product-card-origin" data-testid="product-card-origin">
                ${localName({ name_zh: product.producer_name, name_en: product.producer_name_en }, lang)}
                ${county && html` · <span data-testid="product-card-county">${localName(county, lang)}</span>`}
            </p>
            <div class="product-card-price">
                ${price.phase === 'ready' && html`<span class="muted small">${t('catalogue.priceFrom')}</span>
                    <${Price} fen=${price.fen} unit=${product.unit} testId="product-card-price" compact />`}
                ${price.phase === 'none' && html`<span class="muted small">${t('catalogue.noPrice')}</span>`}
            </div>
        </article>`;
}

function Filters({ filters, counties, categories, onChange }) {
    const { t, lang } = useApp();
    const set = (name) => (event) => onChange({ ...filters, [name]: event.currentTarget.value });
    return html`
        <div class="filter-row">
            <label class="filter">
                <span>${t('catalogue.county')}</span>
                <select value=${filters.county ?? ''} onChange=${set('county')} data-testid="filter-county">
                    <option value="">${t('catalogue.allCounties')}</option>
                    ${counties.map((county) => html`<option key=${county.code} value=${county.code}>${localName(county, lang)}</option>`)}
                </select>
            </label>
            <label class="filter">
                <span>${t('catalogue.category')}</span>
                <select value=${filters.category ?? ''} onChange=${set('category')} data-testid="filter-category">
                    <option value="">${t('catalogue.allCategories')}</option>
                    ${categories.map((category) => html`
                        <option key=${category.id} value=${category.id}>${'\u00a0\u00a0'.repeat(category.depth)}${localName(category, lang)}</option>`)}
                </select>
            </label>
            <label class="filter">
                <span>${t('catalogue.channel')}</span>
                <select value=${filters.channel ?? ''} onChange=${set('channel')} data-testid="filter-channel">
                    <option value="">${t('catalogue.allChannels')}</option>
                    ${SALES_CHANNELS.map((channel) => html`<option key=${channel} value=${channel}>${t(`channel.${channel}`)}</option>`)}
                </select>
            </label>
            <label class="filter check">
                <input type="checkbox" checked=${Boolean(filters.certified)} data-testid="filter-certified"
                    onChange=${(event) => onChange({ ...filters, certified: event.currentTarget.checked })} />
                <span>${t('catalogue.certifiedOnly')}</span>
            </label>
        </div>`;
}

const REFERENCE = ['counties', 'categories'];
// The cards show the catalogue in its own order (the longest-listed first, as a shop shelf); the
// table, a list to work through, newest first like every other list.
const pagePath = (filters, cursor = null) => productsPath(filters, {
    today: formatDate(Date.now()), limit: CATALOGUE_PAGE_SIZE, cursor, newest: filters.view === 'table',
});

/**
 * The catalogue table's columns (DataTable's), every one by name in the reader's language: the
 * product (a link), its category, producer and county, the "from" list price, its status and aid
 * certification today, and the day it was added (Beijing time).
 */
export function catalogueColumns({ t, lang }, { counties = [], categories = [] } = {}) {
    const county = (product) => byCode(counties, product.county);
    const category = (product) => categoryTrail(categories, product.category_id, lang) || product.category_id;
    const producer = (product) => localName({ name_zh: product.producer_name, name_en: product.producer_name_en }, lang);
    return [
        { id: 'name', label: t('catalogue.product'), sortValue: (product) => localName(product, lang),
            cell: (product) => html`<${Link} href=${`/products/${encodeURIComponent(product.id)}`} data-testid="product-row-link">${localName(product, lang)}<//>` },
        { id: 'category', label: t('catalogue.category'), sortValue: category, cell: category },
        { id: 'producer', label: t('catalogue.producer'), sortValue: producer, cell: producer },
        { id: 'county', label: t('catalogue.county'), sortValue: (product) => county(product) && localName(county(product), lang),
            cell: (product) => (county(product) ? localName(county(product), lang) : '') },
        { id: 'price', label: t('catalogue.priceFrom'), num: true, sortValue: (product) => product.price_from_fen,
            cell: (product) => (Number.isSafeInteger(product.price_from_fen)
                ? html`<${Price} fen=${product.price_from_fen} unit=${product.unit} testId="product-row-price" compact />` : t('catalogue.noPrice')) },
        { id: 'status', label: t('catalogue.status'), sortValue: (product) => product.status,
            cell: (product) => html`<span class="badges"><${ProductStatusBadge} status=${product.status} /><${CertBadge} status=${product.aid_status_today} /></span>` },
        { id: 'added', label: t('catalogue.added'), sortValue: (product) => `${product.created_at} ${product.id}`, cell: (product) => formatDate(product.created_at) },
    ];
}

function ViewSwitch({ view, onChange }) {
    const { t } = useApp();
    return html`
        <div class="view-switch" role="group" aria-label=${t('catalogue.view')}>
            ${['cards', 'table'].map((name) => html`
                <button key=${name} type="button" class=${`button small${view === name ? ' primary' : ''}`} aria-pressed=${String(view === name)}
                    data-testid=${`catalogue-view-${name}`} onClick=${() => onChange(name)}>${t(`catalogue.view.${name}`)}</button>`)}
        </div>`;
}

/** What the page asks for first (routes.js: the boot asks for it beside /me). */
export function cataloguePrefetch(location, options) {
    return [pagePath(filtersFromQuery(location.query)), ...referencePaths(REFERENCE, options)];
}

export function CataloguePage({ location }) {
    const { t, lang, session } = useApp();
    const { counties, categories, error: referenceError } = useReference(REFERENCE);
    const filters = filtersFromQuery(location.query);
    const key = queryFromFilters(filters);
    const list = useCursorList((cursor) => pagePath(filters, cursor), key);
    const apply = (next) => navigate(`/catalogue${queryFromFilters(next)}`);
    const filtered = Object.keys(filters).some((name) => name !== 'view');
    const view = filters.view === 'table' ? 'table' : 'cards';

    return html`
        <div class="page">
            <div class="page-head with-actions">
                <div>
                    <h1 data-testid="catalogue-heading">${t('catalogue.heading')}</h1>
                    <p class="muted">${t('catalogue.intro')}</p>
                </div>
                <div class="actions">
                    <${ExportLinks} listPath=${productsPath(filters, { today: formatDate(Date.now()) })} />
                    ${canCreateProducts(session.user) && html`
                        <${Link} href="/products/new" class="button primary" data-testid="product-new">${t('catalogue.newProduct')}<//>`}
                </div>
            </div>
            <div class="card filters" data-testid="catalogue-filters">
                <${ListWindow} window=${filters} testId="catalogue" searchLabel=${t('catalogue.searchLabel')} dateLabel=${t('catalogue.addedDates')}
                    onChange=${(window) => apply({ ...filters, q: window.q, from: window.from, to: window.to })} />
                <${Filters} filters=${filters} counties=${counties} categories=${categories} onChange=${apply} />
                <div class="filter-row">
                    <${ViewSwitch} view=${view} onChange=${(name) => apply({ ...filters, view: name === 'table' ? 'table' : undefined })} />
                    ${filtered && html`<p class="small"><${Link} href=${view === 'table' ? '/catalogue?view=table' : '/catalogue'} data-testid="filters-clear">${t('catalogue.clear')}<//></p>`}
                </div>
            </div>
            ${referenceError && html`<${LoadError} error=${referenceError} testId="reference-error" />`}
            ${list.phase === 'loading' && html`<${Loading} testId="catalogue-loading" />`}
            ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} testId="catalogue-error" />`}
            ${list.phase === 'ready' && list.items.length === 0 && html`
                <p class="empty" data-testid="catalogue-empty">${filtered ? t('catalogue.noMatch') : t('catalogue.empty')}</p>`}
            ${list.phase === 'ready' && list.items.length > 0 && html`
                <p class="muted small" data-testid="catalogue-count">
                    ${t(list.hasMore ? 'catalogue.shownMore' : 'catalogue.shown', { count: list.items.length })}
                </p>
                ${view === 'cards' ? html`
                    <div class="product-grid" data-testid="catalogue-results">
                        ${list.items.map((product) => html`
                            <${ProductCard} key=${product.id} product=${product} counties=${counties} categories=${categories} />`)}
                    </div>` : html`
                    <div class="card table-scroll">
                        <${DataTable} testId="catalogue" columns=${catalogueColumns({ t, lang }, { counties, categories })} rows=${list.items}
                            rowKey=${(product) => product.id} caption=${t('catalogue.heading')}
                            rowProps=${(product) => ({ 'data-testid': 'product-row', 'data-product-id': product.id })} />
                    </div>`}
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} />`}
        </div>`;
}

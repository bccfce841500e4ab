// The orders the user may see (a buyer its purchases, a producer its sales, a carrier what it
// carries, a county officer its county's sellers', programme-wide roles all), filtered by status and
// channel in the address.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { Link, navigate } from '../router.js';
import { useCursorList } from '../catalog/lists.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';
import { formatMoney } from '../format.js';
import { ORDER_FILTERS, ORDER_STATUSES, SALES_CHANNELS, ordersPath } from '../orders/model.js';

function filtersFrom(query) {
    const filters = {};
    for (const name of ORDER_FILTERS) {
        const value = (query.get(name) ?? '').trim();
        if (value) filters[name] = value;
    }
    return filters;
}

function addressOf(filters) {
    const query = new URLSearchParams();
    for (const name of ORDER_FILTERS) if (filters[name]) query.set(name, filters[name]);
    const text = query.toString();
    return text ? `/orders?${text}` : '/orders';
}

/** What the page asks for first (routes.js: the boot asks for it beside /me). */
export function ordersPrefetch(location) {
    return [ordersPath(filtersFrom(location.query))];
}

export function OrdersPage({ location }) {
    const { t } = useApp();
    const filters = filtersFrom(location.query);
    const list = useCursorList((cursor) => ordersPath(filters, { cursor }), addressOf(filters));
    const set = (name, value) => navigate(addressOf({ ...filters, [name]: value }));
    return html`
        <div class="page">
            <div class="page-head">
                <h1 data-testid="orders-heading">${t('orders.heading')}</h1>
                <p class="muted">${t('orders.intro')}</p>
            </div>
            <div class="card filters">
                <div class="filter-row">
                    <label class="filter"><span>${t('orders.status')}</span>
                        <select value=${filters.status ?? ''} data-testid="orders-filter-status" onChange=${(e) => set('status', e.currentTarget.value)}>
                            <option value="">${t('orders.allStatuses')}</option>
                            ${ORDER_STATUSES.map((s) => html`<option key=${s} value=${s}>${t(`orderStatus.${s}`)}</option>`)}
                        </select>
                    </label>
                    <label class="filter"><span>${t('orders.channel')}</span>
                        <select value=${filters.channel ?? ''} data-testid="orders-filter-channel" onChange=${(e) => set('channel', e.currentTarget.value)}>
                            <option value="">${t('orders.allChannels')}</option>
                            ${SALES_CHANNELS.map((c) => html`<option key=${c} value=${c}>${t(`salesChannel.${c}`)}</option>`)}
                        </select>
                    </label>
                </div>
            </div>
            ${list.phase === 'loading' && html`<${Loading} testId="orders-loading" />`}
            ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} testId="orders-error" />`}
            ${list.phase === 'ready' && list.items.length === 0 && html`<p class="empty" data-testid="orders-empty">${t('orders.none')}</p>`}
            ${list.phase === 'ready' && list.items.length > 0 && html`
                <div class="card table-scroll">
                    <table class="table" data-testid="orders-table">
                        <thead><tr>
                            <th>${t('orders.date')}</th><th>${t('orders.buyer')}</th><th>${t('orders.seller')}</th>
                            <th>${t('orders.channel')}</th><th>${t('orders.status')}</th><th class="num">${t('orders.total')}</th>
                        </tr></thead>
                        <tbody>
                            ${list.items.map((order) => html`
                                <tr key=${order.id} data-testid="order-row" data-order-id=${order.id}>
                                    <td><${Link} href=${`/orders/${encodeURIComponent(order.id)}`} data-testid="order-link">${order.order_date}<//></td>
                                    <td>${order.buyer_name}</td>
                                    <td>${order.seller_name}</td>
                                    <td>${t(`salesChannel.${order.channel}`)}</td>
                                    <td><span class=${`badge status-${order.status}`}>${t(`orderStatus.${order.status}`)}</span></td>
                                    <td class="num">${formatMoney(order.total_fen)}</td>
                                </tr>`)}
                        </tbody>
                    </table>
                </div>
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId="orders-more" />`}
        </div>`;
}

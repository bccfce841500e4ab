// The orders the user may see (a buyer its purchases, a producer its sales, a carrier what it
// carries, a county officer its county's sellers', programme-wide roles all), newest first, filtered
// by status, channel, a search (names, order id, platform order number) and an order-date range, all
// in the address and all done by the API; the table's headers sort the rows loaded.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { Link, navigate } from '../router.js';
import { useCursorList } from '../catalog/lists.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';
import { formatMoney } from '../format.js';
import { ORDER_FILTERS, ORDER_STATUSES, SALES_CHANNELS, ordersPath, partyName } from '../orders/model.js';
import { DataTable, ListWindow } from '../components/data-table.js';
import { setWindow, windowFromQuery } from '../components/table-model.js';

function filtersFrom(query) {
    const filters = windowFromQuery(query);
    for (const name of ORDER_FILTERS) {
        const value = (query.get(name) ?? '').trim();
        if (value) filters[name] = value;
    }
    return filters;
}

function addressOf(filters) {
    const query = new URLSearchParams();
    for (const name of ORDER_FILTERS) if (filters[name]) query.set(name, filters[name]);
    setWindow(query, filters);
    const text = query.toString();
    return text ? `/orders?${text}` : '/orders';
}

// The table's columns; the list comes newest first from the API (sort=newest), the headers sort
// the rows loaded.
function orderColumns(t, lang) {
    return [
        { id: 'date', label: t('orders.date'), sortValue: (o) => `${o.order_date} ${o.id}`,
            cell: (o) => html`<${Link} href=${`/orders/${encodeURIComponent(o.id)}`} data-testid="order-link">${o.order_date}<//>` },
        { id: 'buyer', label: t('orders.buyer'), sortValue: (o) => partyName(o, 'buyer', lang), cell: (o) => partyName(o, 'buyer', lang) },
        { id: 'seller', label: t('orders.seller'), sortValue: (o) => partyName(o, 'seller', lang), cell: (o) => partyName(o, 'seller', lang) },
        { id: 'channel', label: t('orders.channel'), sortValue: (o) => t(`salesChannel.${o.channel}`), cell: (o) => t(`salesChannel.${o.channel}`) },
        { id: 'status', label: t('orders.status'), sortValue: (o) => ORDER_STATUSES.indexOf(o.status),
            cell: (o) => html`<span class=${`badge status-${o.status}`}>${t(`orderStatus.${o.status}`)}</span>` },
        { id: 'total', label: t('orders.total'), num: true, sortValue: (o) => BigInt(o.total_fen), cell: (o) => formatMoney(o.total_fen) },
    ];
}

/** What the page asks for first (routes.js: the boot asks for it beside /me). */
export function ordersPrefetch(location) {
    return [ordersPath(filtersFrom(location.query))];
}

export function OrdersPage({ location }) {
    const { t, lang } = useApp();
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
                <${ListWindow} window=${filters} testId="orders" searchLabel=${t('orders.search')} dateLabel=${t('orders.dates')}
                    onChange=${(window) => navigate(addressOf({ status: filters.status, channel: filters.channel, ...window }))} />
            </div>
            ${list.phase === 'loading' && html`<${Loading} testId="orders-loading" />`}
            ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} testId="orders-error" />`}
            ${list.phase === 'ready' && list.items.length === 0 && html`<p class="empty" data-testid="orders-empty">${t('orders.none')}</p>`}
            ${list.phase === 'ready' && list.items.length > 0 && html`
                <div class="card table-scroll">
                    <${DataTable} testId="orders" columns=${orderColumns(t, lang)} rows=${list.items} rowKey=${(o) => o.id}
                        initialSort=${{ column: 'date', dir: 'desc' }}
                        rowProps=${(o) => ({ 'data-testid': 'order-row', 'data-order-id': o.id })} />
                </div>
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId="orders-more" />`}
        </div>`;
}

// The orders console's pure logic (unit-tested in web/test/orders-model.test.mjs): statuses and
// actions as the API names them (src/orders/order_rules.h), list and report addresses, what an
// action's form needs, and the totals the charts draw (components/chart-data.js), on BigInt fen.

export const ORDER_STATUSES = ['intent', 'confirmed', 'shipped', 'delivered', 'accepted', 'paid', 'cancelled'];
export const ORDER_ACTIONS = ['confirm', 'ship', 'deliver', 'accept', 'pay', 'cancel'];
import { SALES_CHANNELS, localName } from '../catalog/model.js';
import { date, fen, required } from '../market/model.js';
import { moneyInputText } from '../format.js';

export { SALES_CHANNELS };
export const ORDER_FILTERS = ['status', 'channel'];
export const ORDERS_PAGE_SIZE = 50;

/** The API path of a page of orders with these filters (and q, from, to), newest first. */
/** An order's buyer or seller (`side`) by name in `lang`: the English name on English pages when the organisation has one. */
export function partyName(order, side, lang) {
    return localName({ name: order[`${side}_name`], name_en: order[`${side}_name_en`] }, lang);
}

export function ordersPath(filters, { limit = ORDERS_PAGE_SIZE, cursor = null } = {}) {
    const query = new URLSearchParams();
    for (const name of ORDER_FILTERS) if (filters[name]) query.set(name, filters[name]);
    for (const name of ['q', 'from', 'to']) if (filters[name]) query.set(name, filters[name]);
    query.set('sort', 'newest');
    query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    return `orders?${query}`;
}

/** The API path of the aid-sales report (`format`: '', 'csv' or 'xlsx'). */
export function aidSalesPath({ groupBy, year, format = '' }) {
    const query = new URLSearchParams({ group_by: groupBy.join(',') });
    if (year) query.set('year', String(year));
    return `reports/aid-sales${format ? `.${format}` : ''}?${query}`;
}

// The roles GET /reports/aid-sales answers (src/orders/aid_sales_report.cpp, scope_of): the
// programme-wide roles all sales, a buyer its purchases, a producer its sales, a county officer its
// county's; any other role (logistics) is refused with 403, so the console does not ask.
export const AID_SALES_ROLES = ['admin', 'fund_officer', 'auditor', 'buyer', 'producer', 'county_officer'];

/** Whether a user of this role has aid sales to see (the home page's card asks only then). */
export function mayReadAidSales(role) {
    return AID_SALES_ROLES.includes(role);
}

/** What the form of an action asks before it is sent: cancel a reason, pay an Idempotency-Key. */
export function actionNeeds(action) {
    return { reason: action === 'cancel', idempotencyKey: action === 'pay', danger: action === 'cancel' };
}

/** The request body of an action; null when the form is not complete (a cancel without a reason). */
export function actionBody(action, { reason = '' } = {}) {
    if (action === 'cancel') {
        const text = reason.trim();
        return text ? { reason: text } : null;
    }
    return {};
}

/**
 * Sums of one report key: [{ key, label, fen: BigInt }] in the report's order. `nameOf(code)` names a
 * code in the reader's language (the report's own labels are Chinese only); without it, the
 * report's label or the key itself.
 */
export function totalsBy(report, key, nameOf = null) {
    const totals = new Map();
    for (const row of report?.rows ?? []) {
        const value = row.keys?.[key];
        if (value === undefined) continue;
        const entry = totals.get(value) ?? { key: value, label: nameOf ? nameOf(value) : row.labels?.[key] ?? value, fen: 0n };
        entry.fen += BigInt(row.amount_fen);
        totals.set(value, entry);
    }
    return [...totals.values()];
}

/** "141.25 %" from the API's completion_pct text (or from basis points). */
export function percentText(pct, basisPoints) {
    if (typeof pct === 'string' && pct) return `${pct} %`;
    const bp = BigInt(basisPoints ?? 0);
    const hundredths = bp % 100n;
    return `${bp / 100n}.${hundredths < 10n ? '0' : ''}${hundredths} %`;
}

// The sales channel a buyer of each kind of business orders through (catalog::sales_channel_of).
export const BUYER_SALES_CHANNEL = {
    wholesale_market: 'wholesale', fresh_market: 'wholesale', cooperative: 'wholesale', supermarket: 'supermarket',
    ecommerce: 'ecommerce', group_dining: 'canteen', budget_unit: 'canteen', vending_counter: 'vending_counter',
};

/**
 * The channels an order of this product may use (the server refuses the others): those its brand
 * standard lists, in the canonical order, with the buyer's own channel first when listed.
 */
export function orderChannels(standardChannels, buyerChannel) {
    const listed = SALES_CHANNELS.filter((channel) => (standardChannels ?? []).includes(channel));
    const own = BUYER_SALES_CHANNEL[buyerChannel];
    return own && listed.includes(own) ? [own, ...listed.filter((channel) => channel !== own)] : listed;
}

/**
 * The brand standard's price in fen per unit of sale of `grade` for `quantity` units: the tier with
 * the largest min_quantity at or below the quantity that prices the grade, else the list price
 * (catalog::unit_price_fen); null for an unknown grade.
 */
export function standardUnitPrice(standard, grade, quantity) {
    const pricing = standard?.pricing ?? {};
    const listed = (pricing.list_prices ?? []).find((price) => price.grade === grade);
    if (!listed) return null;
    let best = null;
    for (const tier of pricing.tiers ?? []) {
        const price = (tier.prices ?? []).find((entry) => entry.grade === grade);
        if (price && tier.min_quantity <= quantity && (!best || tier.min_quantity > best.min_quantity)) {
            best = { min_quantity: tier.min_quantity, price_fen: price.price_fen };
        }
    }
    return best ? best.price_fen : listed.price_fen;
}

/** Fen as the yuan text a price field holds: 12800 → "128.00" (format.js moneyInputText). */
export const fenToYuanText = moneyInputText;

/**
 * The order form ({ channel, grade, quantity: whole units, price: yuan per unit, delivery_district,
 * delivery_date, note }) → { ok: true, body } for POST /orders (one line), or { ok: false, errors }
 * with message keys (marketError.*).
 */
export function orderBody(form, { buyerId, sellerId, productId }) {
    const errors = {};
    const quantityText = String(form.quantity ?? '').trim();
    const quantity = /^\d{1,9}$/.test(quantityText) ? Number(quantityText) : NaN;
    if (!Number.isInteger(quantity) || quantity < 1) errors.quantity = 'units';
    const body = {
        buyer_id: buyerId,
        seller_id: sellerId,
        channel: required(form.channel, 'channel', errors),
        delivery_district: required(form.delivery_district, 'delivery_district', errors),
        delivery_date: date(form.delivery_date, 'delivery_date', errors),
        lines: [{
            product_id: productId,
            grade: required(form.grade, 'grade', errors),
            quantity,
            unit_price_fen: fen(form.price, 'price', errors),
        }],
    };
    const note = String(form.note ?? '').trim();
    if (note) body.note = note;
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, body };
}

// The orders console's pure logic: addresses, action forms, and chart bars proportional to fen.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    actionBody, actionNeeds, aidSalesPath, fenToYuanText, mayReadAidSales, ORDER_ACTIONS, orderBody,
    orderChannels, ordersPath, partyName, percentText, standardUnitPrice, totalsBy,
} from '../src/orders/model.js';

describe('orders model', () => {
    test('list and report addresses carry only the filters that are set', () => {
        assert.equal(ordersPath({}), 'orders?sort=newest&limit=50');
        assert.equal(ordersPath({ status: 'intent', channel: '' }, { cursor: 'abc' }), 'orders?status=intent&sort=newest&limit=50&cursor=abc');
        assert.equal(ordersPath({ q: '核桃', from: '2026-01-01', to: '' }), 'orders?q=%E6%A0%B8%E6%A1%83&from=2026-01-01&sort=newest&limit=50');
        assert.equal(aidSalesPath({ groupBy: ['county', 'month'], year: 2026 }), 'reports/aid-sales?group_by=county%2Cmonth&year=2026');
        assert.equal(aidSalesPath({ groupBy: ['channel'], format: 'xlsx' }), 'reports/aid-sales.xlsx?group_by=channel');
    });

    test('every role but logistics has aid sales to see; no role, or an unknown one, has none', () => {
        for (const role of ['admin', 'fund_officer', 'auditor', 'buyer', 'producer', 'county_officer']) assert.ok(mayReadAidSales(role), role);
        for (const role of ['logistics', '', undefined, 'Admin']) assert.equal(mayReadAidSales(role), false, String(role));
    });

    test('a cancel needs a reason and a payment an Idempotency-Key; the others need nothing', () => {
        assert.equal(actionBody('cancel', { reason: '  ' }), null);
        assert.deepEqual(actionBody('cancel', { reason: ' late ' }), { reason: 'late' });
        assert.deepEqual(actionBody('confirm'), {});
        assert.deepEqual(ORDER_ACTIONS.filter((a) => actionNeeds(a).idempotencyKey), ['pay']);
        assert.deepEqual(ORDER_ACTIONS.filter((a) => actionNeeds(a).reason), ['cancel']);
    });

    test('totals per key add up exactly, beyond what a double holds', () => {
        const report = {
            rows: [
                { keys: { county: 'shache', month: '2026-01' }, labels: { county: '莎车县' }, amount_fen: 2 ** 53 },
                { keys: { county: 'shache', month: '2026-02' }, labels: { county: '莎车县' }, amount_fen: 1 },
                { keys: { county: 'bachu', month: '2026-01' }, labels: { county: '巴楚县' }, amount_fen: 5 },
            ],
        };
        const counties = totalsBy(report, 'county');
        assert.deepEqual(counties.map((c) => [c.key, c.label]), [['shache', '莎车县'], ['bachu', '巴楚县']]);
        assert.equal(counties[0].fen, 9007199254740993n);
        assert.deepEqual(totalsBy(report, 'month').map((m) => m.key), ['2026-01', '2026-02']);
        assert.deepEqual(totalsBy(null, 'county'), []);
    });

    test('completion reads as a percentage', () => {
        assert.equal(percentText('141.25'), '141.25 %');
        assert.equal(percentText(undefined, 5), '0.05 %');
    });
});

describe('the order form', () => {
    const standard = {
        channels: ['supermarket', 'fair_intent', 'canteen'],
        grades: [{ code: 'A' }, { code: 'B' }],
        pricing: {
            list_prices: [{ grade: 'A', price_fen: 12000 }, { grade: 'B', price_fen: 9000 }],
            min_order_quantity: 10,
            tiers: [{ min_quantity: 100, prices: [{ grade: 'A', price_fen: 11500 }] }, { min_quantity: 500, prices: [{ grade: 'A', price_fen: 11000 }] }],
        },
    };

    test('offers the standard\'s channels in canonical order, the buyer\'s own first when listed', () => {
        assert.deepEqual(orderChannels(standard.channels, 'budget_unit'), ['canteen', 'fair_intent', 'supermarket']);
        assert.deepEqual(orderChannels(standard.channels, 'wholesale_market'), ['fair_intent', 'supermarket', 'canteen']);
        assert.deepEqual(orderChannels(standard.channels, undefined), ['fair_intent', 'supermarket', 'canteen']);
        assert.deepEqual(orderChannels([], 'supermarket'), []);
    });

    test('prices a grade by its best tier at the quantity, else its list price; an unknown grade has none', () => {
        assert.equal(standardUnitPrice(standard, 'A', 10), 12000);
        assert.equal(standardUnitPrice(standard, 'A', 100), 11500);
        assert.equal(standardUnitPrice(standard, 'A', 499), 11500);
        assert.equal(standardUnitPrice(standard, 'A', 5000), 11000);
        assert.equal(standardUnitPrice(standard, 'B', 5000), 9000);  // no tier prices grade B
        assert.equal(standardUnitPrice(standard, 'Z', 10), null);
        assert.equal(fenToYuanText(11500), '115.00');
        assert.equal(fenToYuanText(5), '0.05');
    });

    test('builds one line in integer fen, or names each bad field', () => {
        const ids = { buyerId: 'b1', sellerId: 's1', productId: 'p1' };
        const good = orderBody({ channel: 'canteen', grade: 'A', quantity: ' 12 ', price: '¥115.50', delivery_district: 'pudong',
            delivery_date: '2026-12-01', note: ' 冷链 ' }, ids);
        assert.deepEqual(good, { ok: true, body: {
            buyer_id: 'b1', seller_id: 's1', channel: 'canteen', delivery_district: 'pudong', delivery_date: '2026-12-01',
            lines: [{ product_id: 'p1', grade: 'A', quantity: 12, unit_price_fen: 11550 }], note: '冷链' } });
        const bad = orderBody({ channel: '', grade: 'A', quantity: '2.5', price: '1.234', delivery_district: '', delivery_date: '1.12.2026' }, ids);
        assert.deepEqual(bad, { ok: false, errors: { quantity: 'units', channel: 'required', delivery_district: 'required',
            delivery_date: 'date.format', price: 'money.precision' } });
        assert.deepEqual(orderBody({ channel: 'canteen', grade: 'A', quantity: '0', price: '1', delivery_district: 'x', delivery_date: '2026-12-01' }, ids).errors,
            { quantity: 'units' });
    });
});

test('an order names its parties in the page language, the registered name when there is no English one', () => {
    const order = { buyer_name: '闵行区教育局食堂', buyer_name_en: 'Minhang Education Canteens', seller_name: '巴楚县留香瓜合作社', seller_name_en: '' };
    assert.equal(partyName(order, 'buyer', 'en'), 'Minhang Education Canteens');
    assert.equal(partyName(order, 'buyer', 'zh-CN'), '闵行区教育局食堂');
    assert.equal(partyName(order, 'seller', 'en'), '巴楚县留香瓜合作社');
});

// The orders console's pure logic: addresses, action forms, and chart bars proportional to fen.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    actionBody, actionNeeds, aidSalesPath, barWidths, completionWidth, mayReadAidSales, ORDER_ACTIONS, ordersPath, percentText,
    totalsBy,
} from '../src/orders/model.js';

describe('orders model', () => {
    test('list and report addresses carry only the filters that are set', () => {
        assert.equal(ordersPath({}), 'orders?limit=50');
        assert.equal(ordersPath({ status: 'intent', channel: '' }, { cursor: 'abc' }), 'orders?status=intent&limit=50&cursor=abc');
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

    test('bars are proportional, the largest full; completion is capped at 100 %', () => {
        assert.deepEqual(barWidths([{ fen: 50n }, { fen: 200n }, { fen: 0n }], 400), [100, 400, 0]);
        assert.deepEqual(barWidths([{ fen: 0n }]), [0]);
        assert.equal(completionWidth(5000, 400), 200);
        assert.equal(completionWidth(14125, 400), 400);
        assert.equal(completionWidth(-3, 400), 0);
        assert.equal(percentText('141.25'), '141.25 %');
        assert.equal(percentText(undefined, 5), '0.05 %');
    });
});

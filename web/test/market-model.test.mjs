// The market console's logic: form text to API bodies (grams and fen as integers, problems per
// field) and who gets which buttons on a proposal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canStartRuns, demandBody, mayWithdraw, mfenToFen, offerBody, proposalActions, runInProgress, sideOf } from '../src/market/model.js';

const offerForm = {
    product_id: 'p1', grade: 'A', quantity: '2.5 t', price: '12.80', available_from: '2026-09-01',
    available_to: '2026-09-20', packed_on: '2026-08-30', origin_node_id: 'origin-shache',
};

test('an offer form becomes integer grams and fen per kg', () => {
    const built = offerBody(offerForm, 'org1');
    assert.equal(built.ok, true);
    assert.deepEqual(built.body, {
        org_id: 'org1', product_id: 'p1', grade: 'A', quantity_g: 2_500_000, price_fen_per_kg: 1280,
        available_from: '2026-09-01', available_to: '2026-09-20', packed_on: '2026-08-30', origin_node_id: 'origin-shache',
    });
    assert.equal(offerBody({ ...offerForm, quantity: '3' }, 'org1').body.quantity_g, 3000);
});

test('a bad offer form names each field', () => {
    const built = offerBody({ ...offerForm, quantity: '-1', price: '12.345', available_to: '2026-08-01', grade: ' ' }, 'org1');
    assert.equal(built.ok, false);
    assert.equal(built.errors.quantity, 'weight.positive');
    assert.equal(built.errors.price, 'money.precision');
    assert.equal(built.errors.available_to, 'date.beforeFrom');
    assert.equal(built.errors.grade, 'required');
    assert.equal(offerBody({ ...offerForm, quantity: '0.0001' }, 'o').errors.quantity, 'weight.precision');
    assert.equal(offerBody({ ...offerForm, price: 'abc' }, 'o').errors.price, 'money.format');
    assert.equal(offerBody({ ...offerForm, packed_on: '30/08/2026' }, 'o').errors.packed_on, 'date.format');
});

const demandForm = {
    target: 'product:p1', min_grade: 'B', quantity: '500', max_price: '30', deliver_by: '2026-09-15',
    district: 'pudong', min_shelf_life_days: '5', min_aided: '100',
};

test('a product demand names its grade by code, a category demand by rank', () => {
    const product = demandBody(demandForm, 'buyer1');
    assert.equal(product.ok, true);
    assert.deepEqual(product.body, {
        org_id: 'buyer1', product_id: 'p1', min_grade: 'B', quantity_g: 500_000, max_price_fen_per_kg: 3000,
        deliver_by: '2026-09-15', district: 'pudong', min_shelf_life_days: 5, min_aided_g: 100_000,
    });
    const category = demandBody({ ...demandForm, target: 'category:fresh_fruit', min_grade: '2', min_aided: '' }, 'buyer1');
    assert.equal(category.ok, true);
    assert.equal(category.body.category_id, 'fresh_fruit');
    assert.equal(category.body.min_grade_rank, 2);
    assert.equal(category.body.min_aided_g, 0);
    assert.equal('product_id' in category.body, false);
});

test('a bad demand form names each field', () => {
    const built = demandBody({ ...demandForm, target: '', min_aided: '600', min_shelf_life_days: '1.5' }, 'b');
    assert.equal(built.ok, false);
    assert.equal(built.errors.target, 'required');
    assert.equal(built.errors.min_aided, 'aided.aboveQuantity');
    assert.equal(built.errors.min_shelf_life_days, 'days');
    assert.equal(demandBody({ ...demandForm, target: 'category:x', min_grade: 'A' }, 'b').errors.min_grade, 'rank');
    assert.equal(demandBody({ ...demandForm, max_price: '0' }, 'b').errors.max_price, 'money.positive');
});

test('only the two sides get buttons, each while its side is undecided', () => {
    const proposal = { seller_org_id: 's', buyer_org_id: 'b', status: 'proposed', seller_decision: null, buyer_decision: null };
    const producer = { role: 'producer', orgId: 's' };
    const buyer = { role: 'buyer', orgId: 'b' };
    assert.equal(sideOf(proposal, producer), 'seller');
    assert.equal(sideOf(proposal, buyer), 'buyer');
    assert.deepEqual(proposalActions(proposal, producer), ['accept', 'decline']);
    assert.deepEqual(proposalActions({ ...proposal, seller_decision: 'accepted' }, producer), []);
    assert.deepEqual(proposalActions({ ...proposal, seller_decision: 'accepted' }, buyer), ['accept', 'decline']);
    assert.deepEqual(proposalActions({ ...proposal, status: 'declined' }, buyer), []);
    assert.deepEqual(proposalActions(proposal, { role: 'admin', orgId: null }), []);
    assert.deepEqual(proposalActions(proposal, { role: 'producer', orgId: 'other' }), []);
    assert.deepEqual(proposalActions(proposal, { role: 'buyer', orgId: 's' }), []);
});

test('runs, roles and milli-fen', () => {
    assert.equal(runInProgress({ status: 'queued' }), true);
    assert.equal(runInProgress({ status: 'running' }), true);
    assert.equal(runInProgress({ status: 'done' }), false);
    assert.equal(canStartRuns({ role: 'fund_officer' }), true);
    assert.equal(canStartRuns({ role: 'producer' }), false);
    assert.equal(mfenToFen(106_000_500), 106_001n);
    assert.equal(mfenToFen(1_499), 1n);
    assert.equal(mfenToFen(0), 0n);
});

test('withdraw is offered on open listings to admin and to the listing organisation\'s own side only', () => {
    const offer = { org_id: 'coop-1', status: 'open' };
    assert.equal(mayWithdraw(offer, { role: 'admin' }, 'offer'), true);
    assert.equal(mayWithdraw(offer, { role: 'producer', orgId: 'coop-1' }, 'offer'), true);
    assert.equal(mayWithdraw(offer, { role: 'producer', orgId: 'coop-2' }, 'offer'), false);
    assert.equal(mayWithdraw(offer, { role: 'buyer', orgId: 'coop-1' }, 'offer'), false);
    assert.equal(mayWithdraw({ ...offer, status: 'withdrawn' }, { role: 'admin' }, 'offer'), false);
    const demand = { org_id: 'unit-1', status: 'open' };
    assert.equal(mayWithdraw(demand, { role: 'buyer', orgId: 'unit-1' }, 'demand'), true);
    assert.equal(mayWithdraw(demand, { role: 'producer', orgId: 'unit-1' }, 'demand'), false);
    assert.equal(mayWithdraw(demand, null, 'demand'), false);
});

test("a proposal is named in the reader's language: product, seller → buyer, origin → destination", async () => {
    const { proposalText } = await import('../src/pages/allocations.js');
    const proposal = { product_name_zh: '叶城核桃仁', product_name_en: 'Yecheng walnut kernels', seller_name: '叶城县核桃产业有限公司', seller_name_en: 'Yecheng Walnut Industry Co.',
        buyer_name: '上海市某单位', buyer_name_en: '', origin_name_zh: '叶城', origin_name_en: 'Yecheng', destination_name_zh: '徐汇', destination_name_en: 'Xuhui' };
    assert.deepEqual(proposalText(proposal, 'zh-CN'), { product: '叶城核桃仁', seller: '叶城县核桃产业有限公司', buyer: '上海市某单位',
        parties: '叶城县核桃产业有限公司 → 上海市某单位', lane: '叶城 → 徐汇' });
    assert.deepEqual(proposalText(proposal, 'en'), { product: 'Yecheng walnut kernels', seller: 'Yecheng Walnut Industry Co.', buyer: '上海市某单位',
        parties: 'Yecheng Walnut Industry Co. → 上海市某单位', lane: 'Yecheng → Xuhui' });
});

test('the proposals table names everything in the reader\'s language, sorts every column but the actions, and shows no id', async () => {
    const { translate } = await import('../src/i18n/index.js');
    const { proposalColumns } = await import('../src/pages/allocations.js');
    const proposal = { id: 'run-1-p000001', run_id: 'run-1', product_id: '0190-p', seller_org_id: '0190-s', buyer_org_id: '0190-b',
        product_name_zh: '叶城核桃仁', product_name_en: 'Yecheng walnut kernels', grade: 'A', seller_name: '叶城县核桃产业有限公司', seller_name_en: '',
        buyer_name: '闵行区机关食堂', buyer_name_en: 'Minhang canteen', origin_name_zh: '叶城', origin_name_en: 'Yecheng', destination_name_zh: '闵行',
        destination_name_en: 'Minhang', mode: 'truck', quantity_g: 500_000, delivered_price_fen_per_kg: 5150, arrival_date: '2026-09-05',
        shelf_life_left_days: 170, status: 'proposed' };
    for (const lang of ['zh-CN', 'en']) {
        const columns = proposalColumns({ t: (key, params) => translate(lang, key, params), lang });
        assert.deepEqual(columns.map((column) => column.id),
            ['product', 'seller', 'buyer', 'quantity', 'lane', 'price', 'value', 'arrival', 'shelf', 'status', 'actions']);
        for (const column of columns.slice(0, -1)) assert.equal(typeof column.sortValue, 'function', column.id);
        const sorted = Object.fromEntries(columns.slice(0, -1).map((column) => [column.id, column.sortValue(proposal)]));
        assert.ok(Object.values(sorted).every((value) => !/0190-|run-1/.test(String(value))), JSON.stringify(sorted, (k, v) => (typeof v === 'bigint' ? String(v) : v)));
        assert.equal(sorted.seller, '叶城县核桃产业有限公司');
        assert.equal(sorted.buyer, lang === 'en' ? 'Minhang canteen' : '闵行区机关食堂');
        assert.equal(sorted.value, 2_575_000n);  // 500 kg at ¥51.50 is ¥25,750
        const value = columns.find((column) => column.id === 'value').cell(proposal);
        assert.equal(value, '¥25,750.00');
    }
});

// The trace pages' pure logic (web/src/trace/model.js): steps and places in words (a buyer only by its
// district), quantities in their unit, and the ship body of an order whose lines name lots.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { lotQuantity, placeLabel, shipWithLotsBody, stepLabel } from '../src/trace/model.js';
import { translate } from '../src/i18n/index.js';

const zh = (key, params) => translate('zh-CN', key, params);
const en = (key, params) => translate('en', key, params);

test('a step is named by its business step, a transformation by its process, an unknown step as recorded', () => {
    assert.equal(stepLabel(zh, { type: 'ObjectEvent', biz_step: 'shipping' }), '发货');
    assert.equal(stepLabel(en, { type: 'ObjectEvent', biz_step: 'accepting' }), 'Accepted by the buyer');
    assert.equal(stepLabel(en, { type: 'TransformationEvent', process: 'grade' }), 'Graded');
    assert.equal(stepLabel(en, { type: 'ObjectEvent', biz_step: 'sensor_reporting' }), 'Recorded');
});

test('households are placed by their county and a buyer by its district, never by name', () => {
    assert.equal(placeLabel(zh, { kind: 'origin', name: '莎车县', name_en: 'Shache County' }, 'zh-CN'), '莎车县农户');
    assert.equal(placeLabel(en, { kind: 'buyer', name: '浦东新区', name_en: 'Pudong New Area' }, 'en'), 'Buyer in Pudong New Area, Shanghai');
    assert.equal(placeLabel(zh, { kind: 'buyer', name: '', name_en: '' }, 'zh-CN'), '上海收货方');
    assert.equal(placeLabel(en, { kind: 'producer', name: '叶城县核桃产业有限公司', name_en: 'Yecheng Walnut Co.' }, 'en'), 'Yecheng Walnut Co.');
    assert.equal(placeLabel(en, { kind: 'none', name: '', name_en: '' }, 'en'), '');
});

test('a lot counts grams as 公斤 or 吨, and units of sale as a count', () => {
    assert.equal(lotQuantity(zh, 12_500, 'grams', 'zh-CN'), '12.5公斤');
    assert.equal(lotQuantity(zh, 25_000_000, 'grams', 'zh-CN'), '25吨');
    assert.equal(lotQuantity(en, 40, 'units', 'en'), '40 unit(s) of sale');
});

test('shipping with lots sends the lines that name lots, each adding up to its quantity', () => {
    const order = { lines: [{ line_no: 1, quantity: 10 }, { line_no: 2, quantity: 5 }] };
    assert.deepEqual(shipWithLotsBody(order, { 1: [{ lotId: 'a', quantity: '4' }, { lotId: 'b', quantity: '6' }] }),
        { body: { lines: [{ line_no: 1, lots: [{ lot_id: 'a', quantity: 4 }, { lot_id: 'b', quantity: 6 }] }] } });
    assert.deepEqual(shipWithLotsBody(order, { 1: [{ lotId: 'a', quantity: '4' }] }), { error: 'mismatch', lineNo: 1 });
    assert.deepEqual(shipWithLotsBody(order, { 2: [{ lotId: 'a', quantity: '2.5' }] }), { error: 'mismatch', lineNo: 2 });
    assert.deepEqual(shipWithLotsBody(order, {}), { body: { lines: [] } });
});

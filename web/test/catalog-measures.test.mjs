// Unit tests of web/src/catalog/measures.js: scaled integers (°Brix ×10, ct ×100, °C ×10), criteria
// ranges, and prices per unit of sale, per kg and per jin.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    decimalsOf, formatRange, formatScaled, formatTemperatureRange, METRICS, metricUnit, parseScaled, parseWhole,
    pricePerWeightFen, unitLabel, unitPrice,
} from '../src/catalog/measures.js';
import { hasKey, translate } from '../src/i18n/index.js';

const zh = (key, params) => translate('zh-CN', key, params);
const en = (key, params) => translate('en', key, params);

describe('scaled integers', () => {
    test('the scale comes from the name', () => {
        assert.equal(decimalsOf('sugar_brix_x10'), 1);
        assert.equal(decimalsOf('carat_x100'), 2);
        assert.equal(decimalsOf('fruit_weight_g'), 0);
        assert.equal(decimalsOf('temperature_min_c_x10'), 1);
        assert.equal(decimalsOf('some_new_metric_x1000'), 3);
    });
    test('formats exactly, dropping trailing zeros', () => {
        assert.equal(formatScaled(125, 1), '12.5');
        assert.equal(formatScaled(120, 1), '12');
        assert.equal(formatScaled(150, 2), '1.5');
        assert.equal(formatScaled(5, 2), '0.05');
        assert.equal(formatScaled(-15, 1), '-1.5');
        assert.equal(formatScaled(-5, 1), '-0.5');
        assert.equal(formatScaled(7, 0), '7');
        assert.equal(formatScaled(0, 1), '0');
    });
    test('parses typed decimals into the integer the API wants', () => {
        assert.deepEqual(parseScaled('12.5', 1), { ok: true, value: 125 });
        assert.deepEqual(parseScaled(' 12 ', 1), { ok: true, value: 120 });
        assert.deepEqual(parseScaled('1.50', 2), { ok: true, value: 150 });
        assert.deepEqual(parseScaled('-1.5', 1), { ok: true, value: -15 });
        assert.deepEqual(parseScaled('\u22121.5', 1), { ok: true, value: -15 });
        assert.deepEqual(parseScaled('.5', 1), { ok: true, value: 5 });
        assert.deepEqual(parseScaled('-0', 1), { ok: true, value: 0 });
        assert.deepEqual(parseScaled('12.50', 1), { ok: true, value: 125 }, 'a trailing zero is not extra precision');
    });
    test('refuses what cannot be sent exactly', () => {
        assert.deepEqual(parseScaled('', 1), { ok: false, error: 'empty' });
        assert.deepEqual(parseScaled('abc', 1), { ok: false, error: 'format' });
        assert.deepEqual(parseScaled('1,5', 1), { ok: false, error: 'format' });
        assert.deepEqual(parseScaled('1e3', 0), { ok: false, error: 'format' });
        assert.deepEqual(parseScaled('12.55', 1), { ok: false, error: 'precision' });
        assert.deepEqual(parseWhole('1.5'), { ok: false, error: 'precision' });
        assert.deepEqual(parseScaled('90071992547409920', 0), { ok: false, error: 'range' });
    });
    test('round trip for every value a criterion can hold at each scale', () => {
        for (const decimals of [0, 1, 2]) {
            for (const value of [0, 1, 9, 10, 99, 101, 123456, -7, -1000]) {
                assert.deepEqual(parseScaled(formatScaled(value, decimals), decimals), { ok: true, value }, `${value} @ ${decimals}`);
            }
        }
    });
});

describe('criteria', () => {
    test('ranges with units', () => {
        assert.equal(formatRange('sugar_brix_x10', 125, null), '≥ 12.5 °Brix');
        assert.equal(formatRange('defects_pct_x10', undefined, 50), '≤ 5 %');
        assert.equal(formatRange('diameter_mm', 80, 90), '80–90 mm');
        assert.equal(formatRange('fruit_weight_g', 300, 300), '= 300 g');
        assert.equal(formatRange('carat_x100', 150, 200), '1.5–2 ct');
        assert.equal(formatRange('unknown_metric', 1, null), '≥ 1');
        assert.equal(formatTemperatureRange(-15, 40), '-1.5 – 4 °C');
    });
    test('every metric has a unit and a label in both languages', () => {
        for (const metric of METRICS) {
            assert.ok(metricUnit(metric), metric);
            assert.ok(hasKey('zh-CN', `catalog.metric.${metric}`) && hasKey('en', `catalog.metric.${metric}`), metric);
        }
    });
});

describe('prices', () => {
    test('per weight, rounded half away from zero to the fen', () => {
        assert.equal(pricePerWeightFen(10000, 5000, 1000), 2000); // ¥100 per 5 kg box → ¥20/kg
        assert.equal(pricePerWeightFen(10000, 5000, 500), 1000); // → ¥10/jin
        assert.equal(pricePerWeightFen(1000, 3000, 1000), 333); // ¥10 per 3 kg → ¥3.333/kg
        assert.equal(pricePerWeightFen(1000, 6000, 1000), 167); // ¥1.6667 → ¥1.67
        assert.equal(pricePerWeightFen(100, 0, 1000), null);
    });
    test('labels of the units of sale', () => {
        assert.equal(unitLabel({ kind: 'kg', net_g: 1000 }, zh, 'zh-CN'), zh('catalog.unit.kg'));
        assert.equal(unitLabel({ kind: 'box', net_g: 5000 }, zh, 'zh-CN'), zh('catalog.unit.boxOf', { weight: '5公斤' }));
        assert.equal(unitLabel({ kind: 'box', net_g: 2500 }, en, 'en'), en('catalog.unit.boxOf', { weight: '2.5 kg' }));
        assert.equal(unitLabel({ kind: 'piece', net_g: 0 }, en, 'en'), en('catalog.unit.piece'));
        assert.equal(unitLabel({ kind: 'piece', net_g: 250 }, en, 'en'), en('catalog.unit.pieceOf', { weight: '250 g' }));
    });
    test('a box price also per kg and per jin; kg and jin prices in the other unit', () => {
        assert.deepEqual(unitPrice(10000, { kind: 'box', net_g: 5000 }, zh, 'zh-CN'),
            { main: `¥100.00/${zh('catalog.unit.boxOf', { weight: '5公斤' })}`, perKg: '¥20.00', perJin: '¥10.00' });
        assert.deepEqual(unitPrice(2400, { kind: 'kg', net_g: 1000 }, en, 'en'),
            { main: `¥24.00/${en('catalog.unit.kg')}`, perKg: null, perJin: '¥12.00' });
        assert.deepEqual(unitPrice(1250, { kind: 'jin', net_g: 500 }, en, 'en'),
            { main: `¥12.50/${en('catalog.unit.jin')}`, perKg: '¥25.00', perJin: null });
        assert.deepEqual(unitPrice(39900, { kind: 'piece', net_g: 0 }, en, 'en'),
            { main: `¥399.00/${en('catalog.unit.piece')}`, perKg: null, perJin: null });
    });
});

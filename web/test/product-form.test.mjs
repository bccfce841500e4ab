// Unit tests of web/src/catalog/product-form.js: the form ↔ API JSON conversion (fen, grams,
// tenths), and placing the API's field errors next to the right input.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    addCriterion, addGrade, addTier, emptyProductForm, formPaths, inputId, listPricePath, moveGrade, placeFieldErrors,
    productFields, productFormFromApi, productFormToApi, removeGrade, setTierPrice, standardErrorPaths, tierPricePath,
    updateCriterion, updateGrade, updateTier,
} from '../src/catalog/product-form.js';

// The standard of a box of Yecheng walnuts as the API sends it.
const API_STANDARD = {
    grades: [
        { code: 'A', name_zh: '特级', name_en: 'Premium', rank: 1, criteria: [
            { metric: 'diameter_mm', min: 32 }, { metric: 'kernel_rate_pct_x10', min: 550, max: 700 }] },
        { code: 'B', name_zh: '一级', name_en: 'First grade', rank: 2, criteria: [{ metric: 'defects_pct_x10', max: 50 }] },
    ],
    packaging: { type: 'gift_box', net_weight_g: 2500, materials: ['corrugated board', 'PE film'] },
    storage: { temperature_min_c_x10: -15, temperature_max_c_x10: 100, humidity_min_pct: 40, humidity_max_pct: 65, shelf_life_days: 365 },
    logistics: { cold_chain: 'chilled_0_10' },
    channels: ['supermarket', 'wholesale'],
    pricing: {
        list_prices: [{ grade: 'B', price_fen: 6800 }, { grade: 'A', price_fen: 8850 }],
        min_order_quantity: 10,
        tiers: [{ min_quantity: 100, prices: [{ grade: 'B', price_fen: 6200 }] }],
    },
};

const API_PRODUCT = {
    id: 'p1', producer_id: 'org-1', name_zh: '叶城核桃礼盒', name_en: 'Yecheng walnut gift box', category_id: 'nuts_dried_fruit',
    unit: { kind: 'box', net_g: 2500 }, status: 'active',
};

function sendable(form) {
    const out = productFormToApi(form);
    assert.deepEqual(out.errors, {}, 'no local errors');
    return out;
}

describe('API → form → API', () => {
    test('a full product and standard survive the round trip exactly', () => {
        const form = productFormFromApi(API_PRODUCT, { product_id: 'p1', version: 3, standard: API_STANDARD });
        assert.equal(form.unitNet, '2.5');
        assert.equal(form.standard.grades[0].price, '88.50');
        assert.equal(form.standard.grades[0].criteria[1].min, '55');
        assert.equal(form.standard.storage.tempMin, '-1.5');
        assert.equal(form.standard.packaging.materials, 'corrugated board, PE film');
        const { product, standard } = sendable(form);
        assert.deepEqual(standard, {
            ...API_STANDARD,
            channels: ['wholesale', 'supermarket'], // in the server's order
            pricing: { ...API_STANDARD.pricing, list_prices: [{ grade: 'A', price_fen: 8850 }, { grade: 'B', price_fen: 6800 }] },
        });
        assert.deepEqual(productFields(product), {
            name_zh: '叶城核桃礼盒', name_en: 'Yecheng walnut gift box', category_id: 'nuts_dried_fruit',
            unit: { kind: 'box', net_g: 2500 }, status: 'active',
        });
        assert.equal(product.producer_id, 'org-1');
        assert.deepEqual(product.standard, standard);
    });
    test('a bare standard (without the product_id/version envelope) reads the same', () => {
        const a = productFormToApi(productFormFromApi(API_PRODUCT, API_STANDARD)).standard;
        const b = productFormToApi(productFormFromApi(API_PRODUCT, { standard: API_STANDARD })).standard;
        assert.deepEqual(a, b);
    });
    test('a product without a standard', () => {
        const form = productFormFromApi({ ...API_PRODUCT, unit: { kind: 'kg', net_g: 1000 }, status: 'draft' }, null);
        assert.equal(form.hasStandard, false);
        const { product, standard } = sendable(form);
        assert.equal(standard, null);
        assert.equal(product.standard, undefined);
        assert.deepEqual(product.unit, { kind: 'kg', net_g: 1000 });
    });
});

describe('form → API', () => {
    test('empty inputs are left out so the API names them; units fixed for kg and jin', () => {
        const form = emptyProductForm('org-1');
        form.unitKind = 'jin';
        const { product, errors } = productFormToApi(form);
        assert.deepEqual(errors, {});
        assert.deepEqual(product.unit, { kind: 'jin', net_g: 500 });
        assert.equal(product.name_zh, '');
        assert.deepEqual(product.standard.grades, [{ code: '', name_zh: '', name_en: '', rank: 1, criteria: [] }]);
        assert.deepEqual(product.standard.pricing.list_prices, [{ grade: '' }]);
        assert.deepEqual(product.standard.storage, {});
        assert.equal(product.standard.packaging.net_weight_g, undefined);
    });
    test('a box without a weight is sent without net_g; a piece sold by count has 0', () => {
        const form = emptyProductForm('org-1');
        form.unitKind = 'box';
        assert.deepEqual(productFormToApi(form).product.unit, { kind: 'box' });
        form.unitKind = 'piece';
        assert.deepEqual(productFormToApi(form).product.unit, { kind: 'piece', net_g: 0 });
        form.unitNet = '250 g';
        assert.deepEqual(productFormToApi(form).product.unit, { kind: 'piece', net_g: 250 });
        form.unitNet = '2斤';
        assert.deepEqual(productFormToApi(form).product.unit, { kind: 'piece', net_g: 1000 });
    });
    test('text that is no number is refused at its input and nothing is sendable', () => {
        const form = emptyProductForm('org-1');
        form.standard = updateGrade(form.standard, 0, { price: '12.345' });
        form.standard = addCriterion(form.standard, 0);
        form.standard = updateCriterion(form.standard, 0, 0, { metric: 'sugar_brix_x10', min: 'sweet', max: '12.55' });
        form.standard.storage.tempMin = '-1.5';
        form.standard.storage.shelfLifeDays = '7.5';
        const { errors, standard } = productFormToApi(form);
        assert.deepEqual(Object.keys(errors).sort(), [
            'standard/grades/0/criteria/0/max', 'standard/grades/0/criteria/0/min', listPricePath(0),
            'standard/storage/shelf_life_days'].sort());
        assert.equal(errors['standard/grades/0/criteria/0/min'].key, 'form.error.format');
        assert.equal(errors['standard/grades/0/criteria/0/max'].key, 'form.error.precision');
        assert.equal(errors[listPricePath(0)].key, 'form.error.moneyPrecision');
        assert.equal(standard.storage.temperature_min_c_x10, -15);
    });
    test('grades get ranks by position; moving a grade moves its rank', () => {
        let standard = productFormFromApi(API_PRODUCT, API_STANDARD).standard;
        standard = moveGrade(standard, 1, -1);
        const form = { ...productFormFromApi(API_PRODUCT, API_STANDARD), standard };
        const out = sendable(form).standard;
        assert.deepEqual(out.grades.map((g) => [g.code, g.rank]), [['B', 1], ['A', 2]]);
        assert.deepEqual(moveGrade(standard, 0, -1), standard, 'the first grade cannot move up');
    });
    test('tier prices are a grid by grade; empty cells are not sent; a removed grade leaves the grid', () => {
        let { standard } = emptyProductForm('org-1');
        standard = updateGrade(standard, 0, { code: 'A', price: '10' });
        standard = addGrade(standard);
        standard = updateGrade(standard, 1, { code: 'B', price: '8' });
        standard = addTier(standard);
        standard = updateTier(standard, 0, { minQuantity: '50' });
        standard = setTierPrice(standard, 0, standard.grades[1].key, '7.50');
        const form = { ...emptyProductForm('org-1'), standard };
        assert.deepEqual(sendable(form).standard.pricing.tiers, [{ min_quantity: 50, prices: [{ grade: 'B', price_fen: 750 }] }]);
        const fewer = { ...form, standard: removeGrade(standard, 1) };
        assert.deepEqual(sendable(fewer).standard.pricing.tiers, [{ min_quantity: 50, prices: [] }]);
        assert.deepEqual(fewer.standard.tiers[0].prices, {});
    });
    test('a new criterion takes a metric the grade does not have yet', () => {
        let { standard } = emptyProductForm('org-1');
        standard = addCriterion(standard, 0);
        standard = addCriterion(standard, 0);
        const metrics = standard.grades[0].criteria.map((c) => c.metric);
        assert.equal(new Set(metrics).size, 2);
    });
});

describe('where the API errors go', () => {
    function formWithTwoGradesAndATier() {
        const form = productFormFromApi(API_PRODUCT, API_STANDARD);
        form.standard = setTierPrice(form.standard, 0, form.standard.grades[0].key, '80');
        return form;
    }

    test('paths of inputs land at the input', () => {
        const form = formWithTwoGradesAndATier();
        const { aliases } = productFormToApi(form);
        const errors = {
            name_zh: 'is required',
            'standard/grades/1/criteria/0/max': 'must not be less than min',
            'unit/net_g': 'must be positive',
        };
        const { byPath, unplaced } = placeFieldErrors(errors, formPaths(form), aliases);
        assert.deepEqual(byPath, errors);
        assert.deepEqual(unplaced, []);
    });
    test('list prices go to the grade card; tier prices to their grid cell', () => {
        const form = formWithTwoGradesAndATier();
        const { aliases } = productFormToApi(form);
        // Tier 0 sends A (grade row 0) first, then B (grade row 1).
        const { byPath } = placeFieldErrors({
            'standard/pricing/list_prices/1/price_fen': 'too high',
            'standard/pricing/list_prices/0': 'missing',
            'standard/pricing/tiers/0/prices/1/price_fen': 'dearer than for fewer units',
            'standard/pricing/tiers/0/prices/0/grade': 'unknown grade',
            'standard/pricing/list_prices/1/grade': 'unknown grade',
        }, formPaths(form), aliases);
        assert.deepEqual(byPath, {
            [listPricePath(1)]: 'too high',
            [listPricePath(0)]: 'missing',
            [tierPricePath(0, 1)]: 'dearer than for fewer units',
            [tierPricePath(0, 0)]: 'unknown grade',
            'standard/grades/1/code': 'unknown grade',
        });
    });
    test('paths without an input go to the nearest section; the rest above the form', () => {
        const form = formWithTwoGradesAndATier();
        const { byPath, unplaced } = placeFieldErrors({
            'standard/packaging/materials/3': 'too long',
            'standard/grades/7/code': 'no such grade row',
            'standard/channels': 'choose at least one',
            '': 'the product was changed meanwhile',
            'whatever/else': 'unknown field',
        }, formPaths(form));
        assert.deepEqual(byPath, {
            'standard/packaging/materials': 'too long',
            'standard/grades': 'no such grade row',
            'standard/channels': 'choose at least one',
        });
        assert.deepEqual(unplaced, [{ field: '', message: 'the product was changed meanwhile' }, { field: 'whatever/else', message: 'unknown field' }]);
    });
    test('two messages for one place are joined', () => {
        const form = formWithTwoGradesAndATier();
        const { byPath } = placeFieldErrors({ 'standard/grades/0/criteria/5': 'a', 'standard/grades/0/criteria/6': 'b' }, formPaths(form));
        assert.deepEqual(byPath, { 'standard/grades/0/criteria': 'a b' });
    });
    test('without a standard, standard errors have no section and stay above the form', () => {
        const form = { ...emptyProductForm('o'), hasStandard: false };
        const { unplaced } = placeFieldErrors({ 'standard/grades/0/code': 'x' }, formPaths(form));
        assert.deepEqual(unplaced, [{ field: 'standard/grades/0/code', message: 'x' }]);
    });
    test('errors of PUT /standard are read with the standard/ prefix', () => {
        assert.deepEqual(standardErrorPaths({ 'grades/0/code': 'x', 'standard/channels': 'y', '': 'z' }),
            { 'standard/grades/0/code': 'x', 'standard/channels': 'y', '': 'z' });
    });
    test('input ids are valid and distinct', () => {
        const form = formWithTwoGradesAndATier();
        const ids = [...formPaths(form)].map(inputId);
        assert.equal(new Set(ids).size, ids.length);
        assert.ok(ids.every((id) => /^f-[A-Za-z0-9_-]+$/.test(id)));
        assert.equal(inputId('standard/grades/1/criteria/0/max'), 'f-standard-grades-1-criteria-0-max');
    });
});

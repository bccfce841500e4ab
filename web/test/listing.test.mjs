// The market listings' table of differences (pages/offers.js, pages/demands.js) against the one page
// that shows them (components/listing.js): each kind's labels exist, its form starts with the fields its
// body reads, the server's field names land on fields of the form, and its columns show a listing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasKey, translate } from '../src/i18n/index.js';
import { formatWeight, todayInShanghai } from '../src/format.js';
import { LISTING_LABELS, LISTING_STATUSES, listingColumns } from '../src/components/listing.js';
import { DEMAND_FIELDS, mayList, OFFER_FIELDS } from '../src/market/model.js';
import { OFFERS } from '../src/pages/offers.js';
import { DEMANDS } from '../src/pages/demands.js';

const KINDS = [[OFFERS, OFFER_FIELDS], [DEMANDS, DEMAND_FIELDS]];
const en = { t: (key, params) => translate('en', key, params), lang: 'en' };
const row = (kind, listing) => kind.columns.map((column) => String(column.cell(listing, en) ?? ''));

describe('listing kinds', () => {
    for (const [kind, fields] of KINDS) {
        test(`${kind.path}: labels in both languages, the form's fields, distinct columns`, () => {
            const keys = [...LISTING_LABELS.map((label) => `${kind.path}.${label}`), ...kind.columns.map((column) => column.labelKey)];
            assert.deepEqual(keys.filter((key) => !hasKey('zh-CN', key) || !hasKey('en', key)), []);
            assert.deepEqual(Object.keys(kind.blank()).sort(), [...fields].sort());
            assert.ok(Object.values(kind.serverFields).every((name) => fields.includes(name)), 'a server field names no form field');
            const empty = kind.body(kind.blank(), 'org-1');
            assert.equal(empty.ok, false);
            assert.ok(Object.keys(empty.errors).every((name) => fields.includes(name)), 'a problem names no form field');
            assert.equal(new Set(kind.columns.map((column) => column.labelKey)).size, kind.columns.length);
        });
    }

    test('dates start today in Beijing', () => {
        const today = todayInShanghai();  // not UTC's date: between 00:00 and 08:00 Beijing they differ
        assert.equal(OFFERS.blank().available_from, today);
        assert.equal(DEMANDS.blank().deliver_by, today);
    });

    test('an offer row: name in the language shown, weight, price per kg, the window', () => {
        const offer = { product_name_zh: '纸皮核桃', product_name_en: 'Paper-shell walnuts', grade: 'A', quantity_g: 2_500_000,
            price_fen_per_kg: 4850, available_from: '2026-09-01', available_to: '2026-09-20', best_before: '2027-03-01' };
        const cells = row(OFFERS, offer);
        assert.equal(cells[0], 'Paper-shell walnuts');
        assert.equal(row(OFFERS, { ...offer, product_name_en: '' })[0], '纸皮核桃');
        assert.equal(cells[1], 'A');
        assert.equal(cells[2], '2,500 kg');
        assert.equal(cells[3], '¥48.50');
        assert.equal(cells[4], '2026-09-01 – 2026-09-20');
        assert.equal(cells[5], '2027-03-01');
    });

    test('a demand row: a category is marked as one, a product demand names its grade, a category its rank', () => {
        const listed = { quantity_g: 2_000_000, max_price_fen_per_kg: 6000 };
        const product = { ...listed, product_id: 'p1', target_name_en: 'Walnuts', target_name_zh: '核桃', min_grade: 'B', deliver_by: '2026-10-01', district: 'xuhui' };
        assert.deepEqual(row(DEMANDS, product).filter((_, i) => [0, 1, 4].includes(i)), ['Walnuts', 'B', '2026-10-01']);
        // The district is shown by its name from the reference data, not its code.
        const district = DEMANDS.columns[5].cell(product, en);
        assert.equal(district.props.list, 'districts');
        assert.equal(district.props.code, 'xuhui');
        const category = { ...listed, category_id: 'nuts_dried_fruit', target_name_en: 'Nuts', min_grade_rank: 2 };
        assert.equal(row(DEMANDS, category)[0], 'Category: Nuts');
        assert.equal(row(DEMANDS, category)[1], '2');
        assert.equal(row(DEMANDS, { ...listed, category_id: 'nuts_dried_fruit' })[0], 'Category: nuts_dried_fruit');
    });
});

test('producers list offers, buyers demands, an admin either, others neither', () => {
    assert.equal(mayList({ role: 'producer' }, 'offer'), true);
    assert.equal(mayList({ role: 'producer' }, 'demand'), false);
    assert.equal(mayList({ role: 'buyer' }, 'demand'), true);
    assert.equal(mayList({ role: 'buyer' }, 'offer'), false);
    assert.equal(mayList({ role: 'admin' }, 'offer'), true);
    assert.equal(mayList({ role: 'admin' }, 'demand'), true);
    assert.equal(mayList({ role: 'auditor' }, 'offer'), false);
    assert.equal(mayList(null, 'offer'), false);
    assert.equal(mayList(undefined, 'demand'), false);
});

describe('the listing table both kinds share', () => {
    const zhContext = { t: (key, params) => translate('zh-CN', key, params), lang: 'zh-CN' };
    const offer = { id: '0190-offer', org_id: '0190-org', org_name: '叶城县核桃产业有限公司', product_name_zh: '纸皮核桃', product_name_en: 'Walnuts',
        grade: 'A', grade_rank: 1, quantity_g: 12_500_000, price_fen_per_kg: 4850, available_from: '2026-09-01', available_to: '2026-09-20',
        best_before: '2027-03-01', status: 'open', created_at: '2026-08-31T17:30:00Z' };
    const demand = { id: '0190-demand', org_id: '0190-unit', org_name: '闵行区机关食堂', product_id: '0190-p', target_name_zh: '核桃', target_name_en: 'Walnuts',
        min_grade: 'B', min_grade_rank: 2, quantity_g: 500_000, max_price_fen_per_kg: 6000, deliver_by: '2026-10-01', district: 'minhang',
        status: 'withdrawn', created_at: '2026-09-01T01:00:00Z' };

    for (const [kind, listing] of [[OFFERS, offer], [DEMANDS, demand]]) {
        test(`${kind.path}: every column but the actions is labelled and sorts; names, not ids, in both languages`, () => {
            for (const context of [en, zhContext]) {
                const columns = listingColumns(kind, context, () => 'actions');
                assert.deepEqual(columns.slice(-4).map((column) => column.id), ['org', 'listed', 'status', 'actions']);
                assert.equal(new Set(columns.map((column) => column.id)).size, columns.length, 'column ids are distinct');
                for (const column of columns.slice(0, -1)) {
                    assert.ok(column.label, `${column.id} has a label`);
                    assert.equal(typeof column.sortValue, 'function', `${column.id} sorts`);
                }
                const cells = columns.map((column) => column.cell(listing)).filter((cell) => typeof cell === 'string');
                assert.ok(cells.every((cell) => !/0190-/.test(cell)), cells.join(' | '));
                assert.ok(cells.includes(listing.org_name));
            }
        });
    }

    test('the day listed is the Beijing date; the status is named; money and weight are formatted', () => {
        const columns = listingColumns(OFFERS, zhContext);
        const cell = (id, listing = offer) => columns.find((column) => column.id === id).cell(listing);
        assert.equal(cell('listed'), '2026-09-01');  // 17:30 UTC is 01:30 the next day in Beijing
        assert.equal(cell('status'), translate('zh-CN', 'listingStatus.open'));
        assert.equal(cell('price'), '¥48.50');
        assert.equal(cell('quantity'), formatWeight(12_500_000, 'kg', 'zh-CN'));
        const status = columns.find((column) => column.id === 'status');
        assert.ok(status.sortValue(offer) < status.sortValue({ ...offer, status: 'withdrawn' }));
        assert.deepEqual(LISTING_STATUSES, ['open', 'withdrawn']);
        const price = columns.find((column) => column.id === 'price');
        assert.equal(typeof price.sortValue(offer), 'bigint');
    });
});


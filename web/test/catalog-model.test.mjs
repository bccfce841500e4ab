// Unit tests of web/src/catalog/model.js: names by language, the category tree, the catalogue's
// filters in the address and the API query, certification states, and who may edit or certify.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    addDays, bestGrade, canCreateProducts, categoryTrail, certBadge, certificationState, filtersFromQuery, flattenCategories,
    exportPath, gradeOptions, gradesByRank, itemsOf, localName, lowestGrade, nextCursorOf, organisationsPath, productCertState, productPermissions, productsPath,
    queryFromFilters, secondaryName, BUYER_CHANNELS, CERT_STATUSES, COLD_CHAINS, ORG_KINDS, PACKAGING_TYPES, PRODUCER_KINDS,
    PRODUCT_STATUSES, SALES_CHANNELS, UNIT_KINDS,
} from '../src/catalog/model.js';
import { hasKey } from '../src/i18n/index.js';

describe('grades of a brand standard', () => {
    // Listed out of rank order, as an editor may have typed them.
    const standard = {
        grades: [
            { code: 'B', name_zh: '一级', name_en: 'First grade', rank: 2 },
            { code: '特级', name_zh: '特级', name_en: '', rank: 1 },
            { code: 'C', name_zh: '二级', name_en: 'Second grade', rank: 3 },
        ],
    };
    test('come best (rank 1) first, from the standard or the answer that holds it', () => {
        assert.deepEqual(gradesByRank(standard).map((grade) => grade.code), ['特级', 'B', 'C']);
        assert.deepEqual(gradesByRank({ product_id: 'p1', version: 2, standard }).map((grade) => grade.code), ['特级', 'B', 'C']);
        assert.deepEqual(standard.grades.map((grade) => grade.code), ['B', '特级', 'C'], 'the standard is left as it was');
    });
    test('the best grade is the default choice; none without grades', () => {
        assert.equal(bestGrade(standard), '特级');
        assert.equal(bestGrade({ standard }), '特级');
        assert.equal(bestGrade(null), '');
        assert.equal(bestGrade({ grades: [] }), '');
    });
    test('the lowest grade (the last by rank) is the minimum every grade meets; none without grades', () => {
        assert.equal(lowestGrade(standard), 'C');
        assert.equal(lowestGrade({ product_id: 'p1', version: 2, standard }), 'C');
        assert.equal(lowestGrade({ grades: [{ code: 'A', rank: 1 }] }), 'A', 'a single grade is both best and lowest');
        assert.equal(lowestGrade(null), '');
        assert.equal(lowestGrade({ grades: [] }), '');
    });
    test('become select options labelled with code and name in the reader language', () => {
        assert.deepEqual(gradeOptions(standard, 'en'), [
            { value: '特级', label: '特级 特级' },
            { value: 'B', label: 'B First grade' },
            { value: 'C', label: 'C Second grade' },
        ]);
        assert.equal(gradeOptions(standard, 'zh-CN')[1].label, 'B 一级');
        assert.deepEqual(gradeOptions(undefined, 'en'), []);
    });
});

describe('names', () => {
    const walnut = { name_zh: '叶城核桃', name_en: 'Yecheng walnuts' };
    test('in the reader language, falling back to the other', () => {
        assert.equal(localName(walnut, 'zh-CN'), '叶城核桃');
        assert.equal(localName(walnut, 'en'), 'Yecheng walnuts');
        assert.equal(localName({ name_zh: '巴旦木', name_en: '' }, 'en'), '巴旦木');
        assert.equal(localName({ name: '莎车县农民合作社', name_en: 'Shache Farmers Co-op' }, 'zh-CN'), '莎车县农民合作社');
        assert.equal(localName(null, 'en'), '');
    });
    test('the secondary name is the other language, only when it adds something', () => {
        assert.equal(secondaryName(walnut, 'zh-CN'), 'Yecheng walnuts');
        assert.equal(secondaryName(walnut, 'en'), '叶城核桃');
        assert.equal(secondaryName({ name_zh: '巴旦木', name_en: '' }, 'en'), '');
    });
});

describe('category tree', () => {
    const nested = [
        { id: 'nuts', name_zh: '坚果', name_en: 'Nuts', sort_order: 20, children: [
            { id: 'walnuts', name_zh: '核桃', name_en: 'Walnuts', sort_order: 2, children: [] },
            { id: 'almonds', name_zh: '巴旦木', name_en: 'Almonds', sort_order: 1, children: [] },
        ] },
        { id: 'fruit', name_zh: '鲜果', name_en: 'Fruit', sort_order: 10, children: [] },
    ];
    const flat = [
        { id: 'walnuts', parent_id: 'nuts', name_zh: '核桃', name_en: 'Walnuts', sort_order: 2 },
        { id: 'fruit', parent_id: null, name_zh: '鲜果', name_en: 'Fruit', sort_order: 10 },
        { id: 'nuts', parent_id: null, name_zh: '坚果', name_en: 'Nuts', sort_order: 20 },
        { id: 'almonds', parent_id: 'nuts', name_zh: '巴旦木', name_en: 'Almonds', sort_order: 1 },
    ];
    const expected = [['fruit', 0], ['nuts', 0], ['almonds', 1], ['walnuts', 1]];

    test('nested and flat answers give the same list in display order', () => {
        assert.deepEqual(flattenCategories(nested).map((c) => [c.id, c.depth]), expected);
        assert.deepEqual(flattenCategories(flat).map((c) => [c.id, c.depth]), expected);
        assert.deepEqual(flattenCategories({ items: flat }).map((c) => [c.id, c.depth]), expected);
        assert.deepEqual(flattenCategories(undefined), []);
    });
    test('trail from the root', () => {
        const list = flattenCategories(flat);
        assert.equal(categoryTrail(list, 'walnuts', 'zh-CN'), '坚果 › 核桃');
        assert.equal(categoryTrail(list, 'walnuts', 'en'), 'Nuts › Walnuts');
        assert.equal(categoryTrail(list, 'nope', 'en'), '');
    });
    test('a parent cycle in bad data does not hang', () => {
        const cyclic = [{ id: 'a', parent_id: 'b', name_zh: 'A' }, { id: 'b', parent_id: 'a', name_zh: 'B' }];
        assert.deepEqual(flattenCategories(cyclic), []);
    });
});

describe('catalogue filters', () => {
    test('address → filters → address', () => {
        const filters = filtersFromQuery(new URLSearchParams('q=%E6%A0%B8%E6%A1%83&county=yecheng&certified=1&page=3&category='));
        assert.deepEqual(filters, { q: '核桃', county: 'yecheng', certified: true });
        assert.equal(queryFromFilters(filters), '?q=%E6%A0%B8%E6%A1%83&county=yecheng&certified=1');
        assert.equal(queryFromFilters({}), '');
        assert.deepEqual(filtersFromQuery(new URLSearchParams('certified=0')), {});
        // The day-added window and the table view; a malformed date or another view is left out.
        const window = filtersFromQuery(new URLSearchParams('from=2026-03-01&to=March&view=table'));
        assert.deepEqual(window, { from: '2026-03-01', view: 'table' });
        assert.equal(queryFromFilters(window), '?from=2026-03-01&view=table');
        assert.deepEqual(filtersFromQuery(new URLSearchParams('view=grid')), {});
    });
    test('the API query: certified becomes certified_on today; limit and cursor', () => {
        assert.equal(productsPath({ q: ' walnut ', county: 'yecheng', certified: true }, { today: '2025-03-05', limit: 24 }),
            'products?q=walnut&county=yecheng&certified_on=2025-03-05&limit=24');
        assert.equal(productsPath({ category: 'fresh_fruit', channel: 'canteen' }, { cursor: 'abc', extra: { producer: 'p1' } }),
            'products?category=fresh_fruit&channel=canteen&producer=p1&cursor=abc');
        assert.equal(productsPath({}), 'products');
        assert.equal(productsPath({ from: '2026-03-01', to: '2026-03-31', view: 'table' }, { newest: true, limit: 24 }),
            'products?from=2026-03-01&to=2026-03-31&sort=newest&limit=24');
        assert.equal(organisationsPath({ kind: 'enterprise', county: 'shache', q: '' }, { limit: 50 }),
            'organisations?kind=enterprise&county=shache&limit=50');
    });
    test('exports take the list filters, never the page', () => {
        assert.equal(exportPath(productsPath({ county: 'yecheng', certified: true }, { today: '2025-03-05' }), 'csv'),
            '/api/v1/exports/products.csv?county=yecheng&certified_on=2025-03-05');
        assert.equal(exportPath(organisationsPath({}), 'xlsx'), '/api/v1/exports/organisations.xlsx');
        assert.throws(() => exportPath('products', 'pdf'));
    });
    test('list answers in any of their shapes', () => {
        assert.deepEqual(itemsOf({ items: [1], next_cursor: 'x' }), [1]);
        assert.deepEqual(itemsOf({ products: [2] }, 'products'), [2]);
        assert.deepEqual(itemsOf([3]), [3]);
        assert.deepEqual(itemsOf(null), []);
        assert.equal(nextCursorOf({ next_cursor: 'x' }), 'x');
        assert.equal(nextCursorOf({ next_cursor: null }), null);
        assert.equal(nextCursorOf({ next_cursor: '' }), null);
    });
});

describe('certification state', () => {
    const certificate = { valid_from: '2025-03-01', valid_to: '2026-02-28', notice_days: 7 };
    test('none, in notice, certified, expired', () => {
        assert.equal(certificationState(certificate, '2025-02-28'), 'none');
        assert.equal(certificationState(certificate, '2025-03-01'), 'in_notice');
        assert.equal(certificationState(certificate, '2025-03-07'), 'in_notice');
        assert.equal(certificationState(certificate, '2025-03-08'), 'certified');
        assert.equal(certificationState(certificate, '2026-02-28'), 'certified');
        assert.equal(certificationState(certificate, '2026-03-01'), 'expired');
        assert.equal(certificationState({ ...certificate, certified_from: '2025-03-10' }, '2025-03-09'), 'in_notice');
    });
    test('revoked from the revocation date on', () => {
        const revoked = { ...certificate, revocation: { effective_on: '2025-06-01', reason: 'x' } };
        assert.equal(certificationState(revoked, '2025-05-31'), 'certified');
        assert.equal(certificationState(revoked, '2025-06-01'), 'revoked');
        assert.equal(certificationState(revoked, '2027-01-01'), 'revoked');
    });
    test('a product is certified if any certificate is, whatever older ones say', () => {
        const old = { valid_from: '2023-01-01', valid_to: '2023-12-31', notice_days: 0 };
        assert.equal(productCertState([old, certificate], '2025-04-01'), 'certified');
        assert.equal(productCertState([old], '2025-04-01'), 'expired');
        assert.equal(productCertState([{ ...certificate, status: 'revoked' }], '2025-04-01'), 'revoked');
        assert.equal(productCertState([], '2025-04-01'), 'none');
        assert.equal(certBadge('certified'), 'ok');
        assert.equal(certBadge('revoked'), 'down');
        assert.equal(certBadge('in_notice'), 'notice');
        assert.equal(certBadge('weird'), 'neutral');
    });
    test('calendar arithmetic over month and leap-year ends', () => {
        assert.equal(addDays('2024-02-28', 1), '2024-02-29');
        assert.equal(addDays('2025-02-28', 1), '2025-03-01');
        assert.equal(addDays('2025-12-31', 1), '2026-01-01');
        assert.equal(addDays('2025-03-01', 0), '2025-03-01');
    });
});

describe('permissions offered in the console', () => {
    const product = { id: 'p1', producer_id: 'org-a', county: 'yecheng' };
    test('admin edits any product; a producer only its own', () => {
        assert.deepEqual(productPermissions({ role: 'admin' }, product), { edit: true, certify: false });
        assert.equal(productPermissions({ role: 'producer', orgId: 'org-a' }, product).edit, true);
        assert.equal(productPermissions({ role: 'producer', orgId: 'org-b' }, product).edit, false);
        assert.equal(productPermissions({ role: 'producer', orgId: null }, { ...product, producer_id: null }).edit, false);
        assert.equal(productPermissions({ role: 'buyer', orgId: 'org-a' }, product).edit, false);
        assert.deepEqual(productPermissions(null, product), { edit: false, certify: false });
    });
    test('a county officer certifies only in its county', () => {
        assert.equal(productPermissions({ role: 'county_officer', orgId: 'agency' }, product, 'yecheng').certify, true);
        assert.equal(productPermissions({ role: 'county_officer', orgId: 'agency' }, product, 'shache').certify, false);
        assert.equal(productPermissions({ role: 'county_officer', orgId: 'agency' }, product, null).certify, false);
    });
    test('who may create products', () => {
        assert.equal(canCreateProducts({ role: 'admin' }), true);
        assert.equal(canCreateProducts({ role: 'producer', orgId: 'org-a' }), true);
        assert.equal(canCreateProducts({ role: 'producer', orgId: null }), false);
        assert.equal(canCreateProducts({ role: 'auditor' }), false);
        assert.equal(canCreateProducts(null), false);
    });
});

describe('labels of the enumerations', () => {
    // Labels built from API values (t(`channel.${value}`)) escape the scan of t('…') keys in
    // i18n.test.mjs, so every value of every enumeration is checked here.
    const ENUMS = {
        'cert.status': CERT_STATUSES,
        channel: SALES_CHANNELS,
        buyerChannel: BUYER_CHANNELS,
        orgKind: ORG_KINDS,
        packaging: PACKAGING_TYPES,
        coldChain: COLD_CHAINS,
        'product.status': PRODUCT_STATUSES,
        'product.unitKind': UNIT_KINDS,
        'catalog.unit': ['kg', 'jin', 'piece', 'boxOf', 'pieceOf'],
        'form.error': ['empty', 'format', 'precision', 'range', 'unit', 'moneyPrecision', 'weightPrecision'],
        'cert.field': ['certificate_no', 'valid_from', 'valid_to', 'notice_days', 'reason', 'effective_on', 'objection'],
        refusal: ['forbidden.title', 'forbidden.text', 'notFound.title', 'notFound.text'],
    };
    test('every value has a label in both languages', () => {
        const missing = [];
        for (const [prefix, values] of Object.entries(ENUMS)) {
            for (const value of values) {
                const key = `${prefix}.${value}`;
                if (!hasKey('zh-CN', key) || !hasKey('en', key)) missing.push(key);
            }
        }
        assert.deepEqual(missing, []);
    });
    test('every organisation kind of the server is known, producers among them', () => {
        assert.deepEqual(ORG_KINDS, ['enterprise', 'cooperative', 'family_workshop', 'household', 'buyer', 'logistics', 'agency']);
        assert.ok(PRODUCER_KINDS.every((kind) => ORG_KINDS.includes(kind)));
    });
});

// The page table: the catalogue's addresses reach the right pages with the right access, and the
// top bar marks the section a page belongs to.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { matchRoute } from '../src/router.js';
import { isNavCurrent, NAV_ITEMS } from '../src/nav.js';
import { ROUTES } from '../src/routes.js';

const route = (pathname) => matchRoute(ROUTES, pathname);

describe('catalogue routes', () => {
    test('each address reaches its page', () => {
        assert.equal(route('/catalogue').route.id, 'catalogue');
        assert.equal(route('/products/new').route.id, 'product-new', '"new" is not a product id');
        assert.deepEqual(route('/products/0190a1b2-c3d4').params, { id: '0190a1b2-c3d4' });
        assert.equal(route('/products/0190a1b2-c3d4').route.id, 'product');
        assert.equal(route('/products/abc/edit').route.id, 'product-edit');
        assert.equal(route('/organisations').route.id, 'organisations');
        assert.equal(route('/organisations/o-1').route.id, 'organisation');
    });
    test('the catalogue and products are public, like the API; editing and organisations need a session', () => {
        const access = Object.fromEntries(ROUTES.map((r) => [r.id, r.access]));
        assert.equal(access.catalogue, 'any');
        assert.equal(access.product, 'any');
        assert.equal(access['product-new'], 'user');
        assert.equal(access['product-edit'], 'user');
        assert.equal(access.organisations, 'user');
        assert.equal(access.organisation, 'user');
        assert.equal(access.home, 'user');
    });
    test('route ids are unique and every page has a title', () => {
        assert.equal(new Set(ROUTES.map((r) => r.id)).size, ROUTES.length);
        assert.ok(ROUTES.every((r) => typeof r.page === 'function' && r.titleKey));
    });
});

describe('top bar', () => {
    const item = (id) => NAV_ITEMS.find((entry) => entry.id === id);
    test('a product page belongs to the catalogue, an organisation to the organisations', () => {
        assert.ok(isNavCurrent(item('catalogue'), '/catalogue'));
        assert.ok(isNavCurrent(item('catalogue'), '/products/p1'));
        assert.ok(isNavCurrent(item('catalogue'), '/products/p1/edit'));
        assert.ok(!isNavCurrent(item('organisations'), '/products/p1'));
        assert.ok(isNavCurrent(item('organisations'), '/organisations/o1'));
        assert.ok(!isNavCurrent(item('home'), '/catalogue'));
        assert.ok(isNavCurrent(item('home'), '/'));
    });
    test('only the catalogue is in the signed-out top bar', () => {
        assert.deepEqual(NAV_ITEMS.filter((entry) => entry.public).map((entry) => entry.id), ['catalogue']);
    });
});

// Route matching and the login redirect's safety.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loginPath, matchRoute, safeNextPath } from '../src/router.js';

const ROUTES = [
    { id: 'home', path: '/' },
    { id: 'login', path: '/login' },
    { id: 'trace', path: '/t/:code' },
    { id: 'lot', path: '/lots/:id/events/:event' },
];

describe('matchRoute', () => {
    test('matches static paths, ignoring a trailing slash', () => {
        assert.equal(matchRoute(ROUTES, '/').route.id, 'home');
        assert.equal(matchRoute(ROUTES, '/login').route.id, 'login');
        assert.equal(matchRoute(ROUTES, '/login/').route.id, 'login');
    });
    test('extracts decoded parameters', () => {
        assert.deepEqual(matchRoute(ROUTES, '/t/KS%2D001').params, { code: 'KS-001' });
        assert.deepEqual(matchRoute(ROUTES, '/lots/7/events/9').params, { id: '7', event: '9' });
    });
    test('returns null for unknown paths and undecodable parameters', () => {
        assert.equal(matchRoute(ROUTES, '/nope'), null);
        assert.equal(matchRoute(ROUTES, '/t'), null);
        assert.equal(matchRoute(ROUTES, '/t/a/b'), null);
        assert.equal(matchRoute(ROUTES, '/t/%E0%A4%A'), null);
    });
});

describe('after login', () => {
    test('only same-origin paths are followed', () => {
        assert.equal(safeNextPath('/lots/7?tab=events'), '/lots/7?tab=events');
        assert.equal(safeNextPath('//evil.example/x'), '/');
        assert.equal(safeNextPath('https://evil.example/'), '/');
        assert.equal(safeNextPath('/\\evil.example'), '/');
        assert.equal(safeNextPath(null), '/');
        assert.equal(safeNextPath('javascript:alert(1)'), '/');
    });
    test('loginPath keeps where to return and why', () => {
        assert.equal(loginPath('/'), '/login');
        assert.equal(loginPath('/lots/7', 'expired'), '/login?next=%2Flots%2F7&reason=expired');
        assert.equal(loginPath('/login?next=%2Fx', 'expired'), '/login?reason=expired');
        assert.equal(loginPath('//evil.example', 'signed-out'), '/login?reason=signed-out');
    });
});

// early-plan.js and early.js's hand-over to api.js: what a page asked for first is remembered per
// role and address, started again before the main script on the next load, and adopted (not sent
// twice) by prefetch().
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    EARLY_PLAN_ADDRESSES_MAX, EARLY_PLAN_AGE_MS_MAX, EARLY_PLAN_KEY, EARLY_REQUESTS_GLOBAL, ROLE_KEY, forgetPlans, plannedPaths,
    rememberPlan, startPlannedRequests,
} from '../src/early-plan.js';

function memoryStorage(initial = {}) {
    const items = new Map(Object.entries(initial));
    return {
        getItem: (key) => (items.has(key) ? items.get(key) : null),
        setItem: (key, value) => items.set(key, String(value)),
        removeItem: (key) => items.delete(key),
        items,
    };
}

// A page's global scope: its address, its storage, and a fetch that records what it was asked.
function pageScope(address, storage) {
    const calls = [];
    const [pathname, search = ''] = address.split(/(?=\?)/);
    return {
        location: { pathname, search },
        localStorage: storage,
        fetch: async (url, init) => {
            calls.push({ url, init });
            return Response.json({ url });
        },
        calls,
    };
}

describe('the plan', () => {
    test('is remembered per role and address, and only for them', () => {
        const storage = memoryStorage();
        rememberPlan(storage, 'buyer', '/orders?status=shipped', ['orders?status=shipped&limit=50']);
        assert.deepEqual(plannedPaths(storage, 'buyer', '/orders?status=shipped'), ['orders?status=shipped&limit=50']);
        assert.deepEqual(plannedPaths(storage, 'producer', '/orders?status=shipped'), [], 'another role');
        assert.deepEqual(plannedPaths(storage, 'buyer', '/orders'), [], 'another address');
        assert.deepEqual(plannedPaths(storage, null, '/orders?status=shipped'), [], 'nobody remembered');
    });

    test('grows old, keeps the newest addresses, and is forgotten at sign-out', () => {
        const storage = memoryStorage();
        const start = 1_000_000;
        rememberPlan(storage, 'buyer', '/orders', ['orders?limit=50'], start);
        assert.deepEqual(plannedPaths(storage, 'buyer', '/orders', start + EARLY_PLAN_AGE_MS_MAX), ['orders?limit=50']);
        assert.deepEqual(plannedPaths(storage, 'buyer', '/orders', start + EARLY_PLAN_AGE_MS_MAX + 1), []);
        for (let i = 0; i < EARLY_PLAN_ADDRESSES_MAX; i += 1) rememberPlan(storage, 'buyer', `/catalogue?page=${i}`, ['products'], start + 1 + i);
        assert.deepEqual(plannedPaths(storage, 'buyer', '/orders', start + 100), [], 'the oldest address went first');
        assert.deepEqual(plannedPaths(storage, 'buyer', '/catalogue?page=0', start + 100), ['products']);
        assert.equal(Object.keys(JSON.parse(storage.getItem(EARLY_PLAN_KEY))).length, EARLY_PLAN_ADDRESSES_MAX);
        forgetPlans(storage);
        assert.equal(storage.getItem(EARLY_PLAN_KEY), null);
    });

    test('a damaged or foreign entry starts nothing', () => {
        assert.deepEqual(plannedPaths(memoryStorage({ [EARLY_PLAN_KEY]: '{not json' }), 'buyer', '/orders'), []);
        const storage = memoryStorage({ [EARLY_PLAN_KEY]: JSON.stringify({ 'buyer /orders': { paths: ['/healthz', 7, 'orders'], at: Date.now() } }) });
        assert.deepEqual(plannedPaths(storage, 'buyer', '/orders'), ['orders'], 'API paths only');
        const throwing = { getItem() { throw new Error('disabled'); }, setItem() { throw new Error('disabled'); } };
        assert.deepEqual(plannedPaths(throwing, 'buyer', '/orders'), []);
        rememberPlan(throwing, 'buyer', '/orders', ['orders']);  // does not throw
    });
});

describe('early.js', () => {
    test('starts /me and the remembered plan of the address, as the remembered role', async () => {
        const storage = memoryStorage({ [ROLE_KEY]: 'buyer' });
        rememberPlan(storage, 'buyer', '/orders?status=shipped', ['orders?status=shipped&limit=50']);
        const scope = pageScope('/orders?status=shipped', storage);
        const started = startPlannedRequests(scope);
        assert.deepEqual([...started.keys()], ['me', 'orders?status=shipped&limit=50']);
        assert.deepEqual(scope.calls.map((call) => call.url), ['/api/v1/me', '/api/v1/orders?status=shipped&limit=50']);
        assert.equal(scope.calls[0].init.credentials, 'same-origin');
        assert.equal(scope[EARLY_REQUESTS_GLOBAL], started);
    });

    test('starts only /me when no role is remembered (signed out), and nothing once the main script booted', () => {
        const storage = memoryStorage();
        rememberPlan(storage, 'buyer', '/orders', ['orders?limit=50']);
        const signedOut = pageScope('/orders', storage);
        startPlannedRequests(signedOut);
        assert.deepEqual(signedOut.calls.map((call) => call.url), ['/api/v1/me']);
        const late = pageScope('/orders', storage);
        late[EARLY_REQUESTS_GLOBAL] = true;
        assert.equal(startPlannedRequests(late), null);
        assert.equal(late.calls.length, 0);
    });

    test('its requests are adopted by prefetch() and taken by api.get, never sent twice', async () => {
        // A fresh instance of api.js: its hand-over state is per page load.
        const { api, prefetch } = await import('../src/api.js?early-adoption');
        const storage = memoryStorage({ [ROLE_KEY]: 'buyer' });
        rememberPlan(storage, 'buyer', '/orders', ['orders?limit=50']);
        const scope = pageScope('/orders', storage);
        startPlannedRequests(scope);
        const realFetch = globalThis.fetch;
        const later = [];
        globalThis.fetch = async (url) => {
            later.push(url);
            return Response.json({ late: true });
        };
        try {
            prefetch(['me'], Date.now, scope);
            prefetch(['orders?limit=50', 'counties'], Date.now, scope);
            assert.deepEqual(later, ['/api/v1/counties'], 'only what early.js had not started is sent');
            assert.deepEqual(await api.get('orders?limit=50'), { url: '/api/v1/orders?limit=50' });
            assert.deepEqual(await api.get('me'), { url: '/api/v1/me' });
            assert.equal(scope[EARLY_REQUESTS_GLOBAL], true, 'a late early.js starts nothing');
            assert.equal(scope.calls.length, 2);
        } finally {
            globalThis.fetch = realFetch;
        }
    });
});

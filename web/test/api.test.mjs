// api.js against a stubbed fetch: URLs, the CSRF header on writes, problem+json → field errors,
// 401 → the unauthorized handler, network failures and timeouts.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    ApiError, api, apiUrl, prefetch, idempotencyKeys, newIdempotencyKey, errorFromResponse, fieldErrorsFrom, onUnauthorized, parseRetryAfter, readCookie, request,
    setCsrfToken,
} from '../src/api.js';
import { describeError, isLockedError, localize } from '../src/errors.js';
import { translate } from '../src/i18n/index.js';

function problemResponse(status, problem, headers = {}) {
    return new Response(JSON.stringify(problem), { status, headers: { 'content-type': 'application/problem+json', ...headers } });
}

// A fetch that records its calls and answers with `answer(url, init)`.
function stubFetch(answer) {
    const calls = [];
    const fetch = async (url, init) => {
        calls.push({ url, init });
        return answer(url, init);
    };
    return { fetch, calls };
}

afterEach(() => {
    onUnauthorized(null);
    setCsrfToken('');
    delete globalThis.document;
});

describe('requests', () => {
    test('relative paths go under /api/v1; absolute ones are kept', () => {
        assert.equal(apiUrl('sessions'), '/api/v1/sessions');
        assert.equal(apiUrl('/healthz'), '/healthz');
    });

    test('a write carries the CSRF token from the kl_csrf cookie and a JSON body', async () => {
        globalThis.document = { cookie: 'other=1; kl_csrf=abc%20123; x=y' };
        const { fetch, calls } = stubFetch(() => new Response(null, { status: 204 }));
        assert.equal(await request('POST', 'things', { fetch, body: { a: 1 } }), null);
        const { url, init } = calls[0];
        assert.equal(url, '/api/v1/things');
        assert.equal(init.method, 'POST');
        assert.equal(init.headers['X-CSRF-Token'], 'abc 123');
        assert.equal(init.headers['Content-Type'], 'application/json');
        assert.equal(init.body, '{"a":1}');
        assert.equal(init.credentials, 'same-origin');
    });

    test('a CSV import is sent as it is, as text/csv, with the CSRF token', async () => {
        setCsrfToken('tok');
        const { fetch, calls } = stubFetch(() => Response.json({ rows: 1, created: 1, unchanged: 0 }));
        const csv = 'org_id,ref\r\no1,r1\r\n';
        assert.deepEqual(await api.postCsv('imports/offers', csv, { fetch }), { rows: 1, created: 1, unchanged: 0 });
        const { url, init } = calls[0];
        assert.equal(url, '/api/v1/imports/offers');
        assert.equal(init.method, 'POST');
        assert.equal(init.headers['Content-Type'], 'text/csv');
        assert.equal(init.headers['X-CSRF-Token'], 'tok');
        assert.equal(init.body, csv);
    });

    test('a read carries no CSRF header; the token remembered from login is used when the cookie is hidden', async () => {
        setCsrfToken('remembered');
        const { fetch, calls } = stubFetch(() => Response.json({ ok: true }));
        assert.deepEqual(await request('GET', 'me', { fetch }), { ok: true });
        assert.equal(calls[0].init.headers['X-CSRF-Token'], undefined);
        await request('DELETE', 'sessions/current', { fetch });
        assert.equal(calls[1].init.headers['X-CSRF-Token'], 'remembered');
    });

    test('extra headers (Idempotency-Key) are sent, but never replace Accept or the CSRF token', async () => {
        setCsrfToken('tok');
        const { fetch, calls } = stubFetch(() => Response.json({ id: 'p1' }, { status: 201 }));
        await request('POST', 'products', { fetch, body: {}, headers: { 'Idempotency-Key': 'k-1', Accept: 'text/html', 'X-CSRF-Token': 'forged' } });
        const { headers } = calls[0].init;
        assert.equal(headers['Idempotency-Key'], 'k-1');
        assert.equal(headers.Accept, 'application/json, application/problem+json');
        assert.equal(headers['X-CSRF-Token'], 'tok');
    });

    test('idempotency keys: the same body keeps its key, another body gets a new one', () => {
        let n = 0;
        const keyFor = idempotencyKeys(() => `k${++n}`);
        assert.equal(keyFor({ a: 1 }), 'k1');
        assert.equal(keyFor({ a: 1 }), 'k1');
        assert.equal(keyFor({ a: 2 }), 'k2');
        assert.equal(keyFor({ a: 1 }), 'k3');
        assert.match(newIdempotencyKey(), /^[0-9a-f]{32}$/);
        assert.notEqual(newIdempotencyKey(), newIdempotencyKey());
    });

    test('readCookie finds exact names only', () => {
        assert.equal(readCookie('kl_csrf', 'xkl_csrf=1; kl_csrf=2'), '2');
        assert.equal(readCookie('kl_csrf', 'kl_session=3'), '');
        assert.equal(readCookie('kl_csrf', ''), '');
    });
});

describe('errors', () => {
    test('problem+json becomes an ApiError with a field → message map', async () => {
        const { fetch } = stubFetch(() => problemResponse(422, {
            type: 'https://kashlink.example/problems/invalid', title: 'Invalid input', status: 422, detail: 'Two fields are wrong.',
            errors: [{ field: 'username', message: 'is too short' }, { field: 'username', message: 'has spaces' },
                { field: 'lines/0/quantity_g', message: 'must be positive' }],
        }));
        const error = await request('POST', 'users', { fetch, body: {} }).then(() => null, (e) => e);
        assert.ok(error instanceof ApiError);
        assert.equal(error.kind, 'http');
        assert.equal(error.status, 422);
        assert.equal(error.title, 'Invalid input');
        assert.equal(error.detail, 'Two fields are wrong.');
        assert.deepEqual(error.fieldErrors, { username: 'is too short has spaces', 'lines/0/quantity_g': 'must be positive' });
        assert.ok(error.hasFieldErrors);
    });

    test('a non-JSON error body still gives the status', async () => {
        const error = await errorFromResponse(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }));
        assert.equal(error.status, 502);
        assert.equal(error.title, 'Bad Gateway');
        assert.deepEqual(error.fieldErrors, {});
    });

    test('malformed errors entries are skipped', () => {
        assert.deepEqual(fieldErrorsFrom({ errors: [null, { field: 'a' }, { message: 'whole form' }, { field: 'b', message: 'bad' }] }),
            { '': 'whole form', b: 'bad' });
        assert.deepEqual(fieldErrorsFrom({ errors: 'nope' }), {});
    });

    test('Retry-After in seconds or as a date', () => {
        assert.equal(parseRetryAfter('120'), 120);
        assert.equal(parseRetryAfter(new Date(61_000).toUTCString(), 0), 61);
        assert.equal(parseRetryAfter('soon'), null);
        assert.equal(parseRetryAfter(null), null);
    });

    test('a locked account: 423, 429, or a problem type naming a lock', async () => {
        const error = await errorFromResponse(problemResponse(429, { title: 'Too many' }, { 'retry-after': '900' }));
        assert.equal(error.retryAfterS, 900);
        assert.ok(isLockedError(error));
        assert.ok(isLockedError(new ApiError({ status: 423 })));
        assert.ok(isLockedError(new ApiError({ status: 403, type: 'https://x/problems/account-locked' })));
        assert.ok(!isLockedError(new ApiError({ status: 401 })));
    });
});

describe('401 handling', () => {
    test('calls the unauthorized handler unless the caller opts out, and still rejects', async () => {
        const seen = [];
        onUnauthorized((error) => seen.push(error.status));
        const { fetch } = stubFetch(() => problemResponse(401, { title: 'Unauthenticated', status: 401 }));
        await assert.rejects(request('GET', 'me', { fetch }), (e) => e.status === 401);
        assert.deepEqual(seen, [401]);
        await assert.rejects(request('POST', 'sessions', { fetch, body: {}, redirectOn401: false }), (e) => e.status === 401);
        assert.deepEqual(seen, [401]);
    });

    test('other errors do not call it', async () => {
        let called = false;
        onUnauthorized(() => { called = true; });
        const { fetch } = stubFetch(() => problemResponse(403, { title: 'Forbidden', status: 403 }));
        await assert.rejects(request('GET', 'me', { fetch }), (e) => e.status === 403);
        assert.equal(called, false);
    });
});

describe('no answer', () => {
    test('a failed connection is a network error', async () => {
        const error = await request('GET', 'me', { fetch: async () => { throw new TypeError('fetch failed'); } }).catch((e) => e);
        assert.equal(error.kind, 'network');
        assert.equal(localize((k, p) => translate('en', k, p), describeError(error)), translate('en', 'error.network'));
    });

    test('a request that never answers times out', async () => {
        const hang = (url, init) => new Promise((resolve, reject) => {
            init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        });
        const error = await request('GET', 'me', { fetch: hang, timeoutMs: 10 }).catch((e) => e);
        assert.equal(error.kind, 'timeout');
    });
});

describe('messages', () => {
    const t = (key, params) => translate('zh-CN', key, params);
    test('descriptors are localized when shown; server words are shown as sent', () => {
        assert.equal(localize(t, { key: 'validation.required', params: { field: { key: 'login.username' } } }), '请填写用户名。');
        assert.equal(localize(t, 'as the server said'), 'as the server said');
        assert.equal(localize(t, null), '');
        assert.equal(localize(t, describeError(new ApiError({ status: 500 }))), '出现意外错误（500），请稍后重试。');
        assert.equal(describeError(new ApiError({ status: 400, detail: 'limit must be ≤ 200' })), 'limit must be ≤ 200');
    });
});

describe('early answers', () => {
    const realFetch = globalThis.fetch;
    afterEach(() => {
        globalThis.fetch = realFetch;
    });

    test('a prefetched GET is taken by the first api.get of its path, once', async () => {
        const stub = stubFetch(() => Response.json({ items: [1] }));
        globalThis.fetch = stub.fetch;
        prefetch(['orders?limit=50']);
        assert.equal(stub.calls.length, 1, 'asked at once');
        assert.deepEqual(await api.get('orders?limit=50'), { items: [1] });
        assert.equal(stub.calls.length, 1, 'the page took the early answer');
        await api.get('orders?limit=50');
        assert.equal(stub.calls.length, 2, 'a second read asks again');
    });

    test('an early error answer is the answer: its 401 reaches the handler once, as the page\'s call would', async () => {
        const stub = stubFetch(() => problemResponse(401, { status: 401, title: 'Unauthorized' }));
        globalThis.fetch = stub.fetch;
        let unauthorized = 0;
        onUnauthorized(() => { unauthorized += 1; });
        prefetch(['me2', 'me3']);
        await assert.rejects(api.get('me2'), (error) => error.status === 401);
        assert.equal(stub.calls.length, 2, 'not asked again');
        assert.equal(unauthorized, 1);
        await assert.rejects(api.get('me3', { redirectOn401: false }), (error) => error.status === 401);
        assert.equal(unauthorized, 1, 'a caller that opts out is not redirected');
    });

    test('an early request that got no answer is asked again', async () => {
        let calls = 0;
        globalThis.fetch = async () => {
            calls += 1;
            if (calls === 1) throw new TypeError('connection reset');
            return Response.json({ ok: true });
        };
        prefetch(['flaky']);
        assert.deepEqual(await api.get('flaky'), { ok: true });
        assert.equal(calls, 2);
    });

    test('an early answer too old to trust is not used', async () => {
        const stub = stubFetch(() => Response.json({}));
        globalThis.fetch = stub.fetch;
        prefetch(['stale'], () => Date.now() - 60_000);
        await api.get('stale');
        assert.equal(stub.calls.length, 2);
    });
});

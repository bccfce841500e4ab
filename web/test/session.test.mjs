// session.js against a stubbed global fetch: the login request, the user it yields, the
// organisation name lookup, and what "no session" looks like.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCurrentUser, normalizeUser, signIn, signOut, withOrganisation } from '../src/session.js';
import { csrfToken } from '../src/api.js';

const realFetch = globalThis.fetch;
afterEach(() => {
    globalThis.fetch = realFetch;
});

// Answers by "METHOD path"; anything else is a 404 problem. Records the calls.
function serve(routes) {
    const calls = [];
    globalThis.fetch = async (url, init) => {
        calls.push(`${init.method} ${url}`);
        const answer = routes[`${init.method} ${url}`];
        if (!answer) return Response.json({ title: 'Not found', status: 404 }, { status: 404 });
        return answer(init);
    };
    return calls;
}

const ADMIN = { id: 'u1', username: 'e2e-admin', display_name: 'E2E Admin', role: 'admin', org_id: null };
const PRODUCER = { id: 'u2', username: 'coop', display_name: '', role: 'producer', org_id: 'org 7' };

describe('normalizeUser', () => {
    test('maps the API user and falls back to the username for a missing display name', () => {
        assert.deepEqual(normalizeUser(ADMIN), {
            id: 'u1', username: 'e2e-admin', displayName: 'E2E Admin', role: 'admin', orgId: null, organisationName: null,
        });
        assert.equal(normalizeUser(PRODUCER).displayName, 'coop');
    });
    test('refuses an answer without a user', () => {
        assert.throws(() => normalizeUser(null), TypeError);
        assert.throws(() => normalizeUser({ id: 1 }), TypeError);
    });
});

describe('signIn', () => {
    test('posts the credentials, remembers the CSRF token and returns the user and expiry', async () => {
        let sent = null;
        serve({
            'POST /api/v1/sessions': (init) => {
                sent = JSON.parse(init.body);
                return Response.json({ token: 't', csrf_token: 'c1', expires_at: '2030-01-01T00:00:00Z', user: ADMIN }, { status: 201 });
            },
        });
        const { user, expiresAt } = await signIn('e2e-admin', 'secret-password');
        assert.deepEqual(sent, { username: 'e2e-admin', password: 'secret-password' });
        assert.equal(user.displayName, 'E2E Admin');
        assert.equal(expiresAt, '2030-01-01T00:00:00Z');
        assert.equal(csrfToken(), 'c1');
        await signOut().catch(() => {});
        assert.equal(csrfToken(), '');
    });

    test('adds the organisation name for organisation-scoped users', async () => {
        const calls = serve({
            'POST /api/v1/sessions': () => Response.json({ csrf_token: 'c', expires_at: null, user: PRODUCER }, { status: 201 }),
            'GET /api/v1/organisations/org%207': () => Response.json({ id: 'org 7', name: '莎车县巴旦木合作社', kind: 'producer' }),
        });
        const { user } = await signIn('coop', 'secret-password');
        assert.equal(user.organisationName, '莎车县巴旦木合作社');
        assert.deepEqual(calls, ['POST /api/v1/sessions', 'GET /api/v1/organisations/org%207']);
    });

    test("loading the current user does not wait for the organisation's name; an unreadable one leaves it unnamed", async () => {
        const calls = serve({ 'GET /api/v1/me': () => Response.json(PRODUCER) });
        const current = await loadCurrentUser();
        assert.equal(current.user.orgId, 'org 7');
        assert.equal(current.user.organisationName, null);
        assert.deepEqual(calls, ['GET /api/v1/me']);
        const named = await withOrganisation(current.user);
        assert.equal(named.organisationName, null);
    });

    test('a refused sign-in rejects with the status', async () => {
        serve({ 'POST /api/v1/sessions': () => Response.json({ title: 'Unauthenticated', status: 401 }, { status: 401, headers: { 'content-type': 'application/problem+json' } }) });
        await assert.rejects(signIn('e2e-admin', 'wrong-password'), (error) => error.status === 401);
    });
});

describe('loadCurrentUser and signOut', () => {
    test('no session is null, not an error', async () => {
        serve({ 'GET /api/v1/me': () => Response.json({ status: 401 }, { status: 401 }) });
        assert.equal(await loadCurrentUser(), null);
    });
    test('other failures are errors', async () => {
        serve({ 'GET /api/v1/me': () => Response.json({ status: 503 }, { status: 503 }) });
        await assert.rejects(loadCurrentUser(), (error) => error.status === 503);
    });
    test('signing out of a session that is already gone succeeds; a refused sign-out does not', async () => {
        serve({ 'DELETE /api/v1/sessions/current': () => Response.json({ status: 401 }, { status: 401 }) });
        await signOut();
        serve({ 'DELETE /api/v1/sessions/current': () => Response.json({ status: 403 }, { status: 403 }) });
        await assert.rejects(signOut(), (error) => error.status === 403);
    });
});

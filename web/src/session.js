// Sign-in, sign-out and "who am I" against the access API. The session itself lives in the
// HttpOnly kl_session cookie; the page only keeps the user it describes.
import { api, setCsrfToken } from './api.js';
import { forgetPlans, ROLE_KEY } from './early-plan.js';

/** The API's user object ({id, username, display_name, role, org_id}) as the console uses it. */
export function normalizeUser(user) {
    if (!user || typeof user !== 'object' || typeof user.username !== 'string') throw new TypeError('the server sent no user');
    return {
        id: String(user.id ?? ''),
        username: user.username,
        displayName: user.display_name || user.username,
        role: String(user.role ?? ''),
        orgId: user.org_id ?? null,
        organisationName: null,
    };
}

/**
 * Adds the name of the user's organisation (org-scoped roles), so the console can show it instead
 * of an id. The name is a nicety: if it cannot be read, the id is shown and nothing fails.
 */
export async function withOrganisation(user) {
    if (!user.orgId) return user;
    try {
        const organisation = await api.get(`organisations/${encodeURIComponent(user.orgId)}`, { redirectOn401: false });
        return typeof organisation?.name === 'string' ? { ...user, organisationName: organisation.name } : user;
    } catch {
        return user;
    }
}

/**
 * POST /api/v1/sessions. Resolves to { user, expiresAt }; rejects with the ApiError so the form can
 * tell a wrong password (401) from a locked account or a field error. A 401 here is an answer, not
 * an expired session, so it must not redirect.
 */
export async function signIn(username, password) {
    const answer = await api.post('sessions', { username, password }, { redirectOn401: false });
    setCsrfToken(answer?.csrf_token);
    const user = normalizeUser(answer?.user);
    rememberRole(user.role);
    return { user: await withOrganisation(user), expiresAt: expiryOf(answer) };
}

/** DELETE /api/v1/sessions/current. A session that is already gone counts as signed out. */
export async function signOut() {
    try {
        await api.del('sessions/current', { redirectOn401: false });
    } catch (error) {
        if (error?.status !== 401) throw error;
    } finally {
        setCsrfToken('');
        forgetPlans(globalThis.localStorage);
    }
}

// When the session ends, if the answer says (the login answer does; GET /me does not, and the
// dashboard then keeps what it knew).
function expiryOf(answer) {
    return answer?.expires_at ?? null;
}

/**
 * GET /api/v1/me: { user, expiresAt } for the signed-in user (expiresAt null when the answer does
 * not say), or null when there is no valid session. The organisation's name is not awaited: every
 * page load starts here, and the page should not wait a round trip for a name in the user menu —
 * the caller adds it with withOrganisation() once it arrives.
 */
export async function loadCurrentUser({ redirectOn401 = false } = {}) {
    try {
        const answer = await api.get('me', { redirectOn401 });
        return { user: normalizeUser(answer), expiresAt: expiryOf(answer) };
    } catch (error) {
        if (error?.status === 401) return null;
        throw error;
    }
}

// The role of the last user seen signed in on this browser, so the boot can start the first page's
// data before /me answers — only for a page that role may open (a page a role cannot use never calls
// the API). localStorage can throw (disabled storage): the boot then just waits for /me.

export function rememberRole(role, storage = globalThis.localStorage) {
    try {
        if (role) storage?.setItem(ROLE_KEY, role);
        else storage?.removeItem(ROLE_KEY);
    } catch {
        // not remembered: the next boot waits for /me
    }
}

export function rememberedRole(storage = globalThis.localStorage) {
    try {
        return storage?.getItem(ROLE_KEY) ?? null;
    } catch {
        return null;
    }
}

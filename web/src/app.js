// The console's root: holds the language and the session, finds the page for the address, guards
// pages that need a session, and lays the page out (with the top bar once signed in).
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { html } from './html.js';
import { AppContext, useApp } from './context.js';
import { onUnauthorized, prefetch } from './api.js';
import { rememberPlan } from './early-plan.js';
import { describeError, localize } from './errors.js';
import { loadLang, saveLang, translate } from './i18n/index.js';
import { currentLocation, loginPath, matchRoute, navigate, Redirect, safeNextPath, useLocation } from './router.js';
import { FORBIDDEN_ROUTE, NOT_FOUND_ROUTE, ROUTES } from './routes.js';
import { mayOpen } from './page-access.js';
import { loadCurrentUser, rememberedRole, rememberRole, withOrganisation } from './session.js';
import { Alert } from './components/alert.js';
import { Header, PublicHeader } from './components/header.js';

const ANONYMOUS = { status: 'anonymous', user: null, expiresAt: null };

/**
 * Called once before the first render (main.js): asks for /me and, for a page that declares its data
 * (routes.js `prefetch`), for that data too, all at once — a warm load then costs one round trip of
 * API calls instead of /me, a render, then the page's. A signed-in page's data is asked for only if
 * the role last seen here may open it; the answers are used by the page's own api.get (api.js).
 * What early.js started already (early-plan.js) is adopted, not asked again.
 */
export function startEarlyRequests(location = currentLocation()) {
    prefetch(['me']);
    const route = matchRoute(ROUTES, location.pathname)?.route;
    if (!route?.prefetch) return;
    const role = rememberedRole();
    if (route.access === 'user' && !(role && mayOpen(route.id, role))) return;
    prefetch(route.prefetch(location));
}

// The next load of a page that declares its first data starts those requests before this script is
// even evaluated (early.js): remembered for the signed-in role, on every page it opens.
function useEarlyPlan(route, location, session) {
    const role = session.status === 'signed-in' ? session.user.role : null;
    const address = location.pathname + location.search;
    useEffect(() => {
        if (role && route.prefetch && mayOpen(route.id, role)) {
            // What a first load asks for, also what this tab has read already (reference data).
            rememberPlan(globalThis.localStorage, role, address, route.prefetch(location, { includeCached: true }));
        }
    }, [route, address, role]);
}

function useSession() {
    const [session, setSession] = useState({ status: 'loading', user: null, expiresAt: null });
    const start = useCallback(() => {
        setSession({ status: 'loading', user: null, expiresAt: null });
        loadCurrentUser()
            .then((current) => {
                setSession(current ? { status: 'signed-in', ...current } : ANONYMOUS);
                rememberRole(current?.user.role ?? null);
                // The organisation's name follows when it arrives (the page does not wait for it).
                if (current?.user.orgId) {
                    withOrganisation(current.user).then((user) => setSession((previous) => (
                        previous.user?.id === user.id ? { ...previous, user } : previous)));
                }
            })
            .catch((error) => setSession({ status: 'error', user: null, error: describeError(error) }));
    }, []);
    useEffect(() => {
        // A request that finds the session gone (expired, revoked) brings the user back to the
        // login page, which then returns them here.
        onUnauthorized(() => {
            const here = globalThis.location.pathname + globalThis.location.search;
            navigate(loginPath(here, 'expired'), { replace: true });
            setSession(ANONYMOUS);
        });
        start();
    }, []);
    return { session, setSession, restart: start };
}

function useLanguage() {
    const [lang, setLangState] = useState(() => loadLang());
    const setLang = useCallback((code) => {
        saveLang(code);
        setLangState(code);
    }, []);
    const t = useCallback((key, params) => translate(lang, key, params), [lang]);
    useEffect(() => {
        document.documentElement.lang = lang;
    }, [lang]);
    return { lang, setLang, t };
}

function BootScreen({ session, restart }) {
    const { t } = useApp();
    if (session.status === 'loading') {
        return html`<div class="boot" data-testid="boot-loading"><span class="spinner" aria-hidden="true"></span>${t('boot.loading')}</div>`;
    }
    return html`
        <div class="boot">
            <h1>${t('boot.failed')}</h1>
            <${Alert} kind="error" testId="boot-error">${localize(t, session.error)}<//>
            <button type="button" class="button primary" onClick=${restart}>${t('error.retry')}</button>
        </div>`;
}

function Shell({ pathname, children }) {
    const { t } = useApp();
    return html`
        <div class="shell">
            <a class="skip-link" href="#main" data-testid="skip-link">${t('nav.skip')}</a>
            <${Header} pathname=${pathname} />
            <main class="app-main" id="main" tabindex="-1">${children}</main>
            <footer class="app-footer muted">${t('app.footer')}</footer>
        </div>`;
}

// Public pages seen while signed out (the catalogue, not found; the lot trace page later): brand,
// the public pages, language and "sign in".
function PublicShell({ location, children }) {
    const { t } = useApp();
    return html`
        <div class="shell">
            <a class="skip-link" href="#main">${t('nav.skip')}</a>
            <${PublicHeader} pathname=${location.pathname} search=${location.search} />
            <main class="app-main" id="main" tabindex="-1">${children}</main>
            <footer class="app-footer muted">${t('app.footer')}</footer>
        </div>`;
}

// Chooses between the page, a redirect, and the loading/error screen.
function Screen({ route, params, location, restart }) {
    const { session } = useApp();
    if (session.status === 'loading' || session.status === 'error') {
        return html`<${BootScreen} session=${session} restart=${restart} />`;
    }
    const signedIn = session.status === 'signed-in';
    if (route.access === 'user' && !signedIn) {
        return html`<${Redirect} to=${loginPath(location.pathname + location.search)} />`;
    }
    if (route.access === 'guest' && signedIn) {
        return html`<${Redirect} to=${safeNextPath(location.query.get('next'))} />`;
    }
    const page = html`<${route.page} params=${params} location=${location} />`;
    if (route.bare) return page;
    return signedIn ? html`<${Shell} pathname=${location.pathname}>${page}<//>` : html`<${PublicShell} location=${location}>${page}<//>`;
}

export function App() {
    const { lang, setLang, t } = useLanguage();
    const { session, setSession, restart } = useSession();
    const location = useLocation();
    const match = matchRoute(ROUTES, location.pathname);
    const found = match?.route ?? NOT_FOUND_ROUTE;
    // A page the role may not open is not rendered at all, so it never calls the API.
    const route = session.status === 'signed-in' && !mayOpen(found.id, session.user.role) ? FORBIDDEN_ROUTE : found;

    useEffect(() => {
        // A page whose name differs by role (payments: approvals or payments received) says so in the tab too.
        const titleKey = route.titleFor?.(session.user?.role) ?? route.titleKey;
        document.title = `${t(titleKey)} · ${t('app.name')}`;
    }, [route, t, session]);
    useEarlyPlan(route, location, session);

    const context = useMemo(() => ({ lang, setLang, t, session, setSession }), [lang, setLang, t, session, setSession]);
    return html`
        <${AppContext.Provider} value=${context}>
            <${Screen} route=${route} params=${match?.params ?? {}} location=${location} restart=${restart} />
        <//>`;
}

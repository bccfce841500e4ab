// A tiny history router. The server answers every non-API path with index.html, so real paths
// such as /login or (later) /t/<code> work on reload and as links. Routes are patterns with
// :params, listed in routes.js.
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';

const listeners = new Set();

function notify() {
    for (const listener of listeners) listener();
}

export function currentLocation() {
    const { pathname, search } = globalThis.location;
    return { pathname, search, query: new URLSearchParams(search) };
}

/** Goes to an in-app path without reloading; `replace` keeps it out of the back history. */
export function navigate(to, { replace = false } = {}) {
    const here = globalThis.location.pathname + globalThis.location.search;
    if (to !== here) globalThis.history[replace ? 'replaceState' : 'pushState'](null, '', to);
    notify();
}

/** The current location; re-renders the caller on navigate() and on back/forward. */
export function useLocation() {
    const [location, setLocation] = useState(currentLocation);
    useEffect(() => {
        const update = () => setLocation(currentLocation());
        listeners.add(update);
        globalThis.addEventListener('popstate', update);
        return () => {
            listeners.delete(update);
            globalThis.removeEventListener('popstate', update);
        };
    }, []);
    return location;
}

function segments(path) {
    return path.split('/').filter(Boolean);
}

/** The first route whose pattern matches `pathname`, with its decoded :params; null if none. */
export function matchRoute(routes, pathname) {
    const actual = segments(pathname);
    for (const route of routes) {
        const wanted = segments(route.path);
        if (wanted.length !== actual.length) continue;
        const params = {};
        const matches = wanted.every((part, i) => {
            if (part.startsWith(':')) {
                try {
                    params[part.slice(1)] = decodeURIComponent(actual[i]);
                    return true;
                } catch {
                    return false;
                }
            }
            return part === actual[i];
        });
        if (matches) return { route, params };
    }
    return null;
}

/**
 * Where to go after signing in. Only a same-origin path is accepted ("/x", not "//evil" or
 * "https://…"), so a crafted login link cannot send the user elsewhere.
 */
export function safeNextPath(next, fallback = '/') {
    if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
        return fallback;
    }
    return next;
}

/** The login page's address that returns to `from` afterwards, with an optional notice reason. */
export function loginPath(from, reason) {
    const query = new URLSearchParams();
    const next = safeNextPath(from, '');
    if (next && next !== '/' && !next.startsWith('/login')) query.set('next', next);
    if (reason) query.set('reason', reason);
    const text = query.toString();
    return text ? `/login?${text}` : '/login';
}

/** An <a> that navigates in-app on a plain left click and behaves normally otherwise. */
export function Link({ href, children, ...rest }) {
    const onClick = (event) => {
        if (event.defaultPrevented || event.button !== 0) return;
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href);
    };
    return html`<a href=${href} onClick=${onClick} ...${rest}>${children}</a>`;
}

/** Renders nothing and replaces the location with `to` (used by route guards). */
export function Redirect({ to }) {
    useEffect(() => navigate(to, { replace: true }), [to]);
    return null;
}

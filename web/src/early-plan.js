// What the console asks for first on a page it has opened before, remembered per role and address,
// so that the next load of that page can start those requests before the main script has even been
// evaluated (early.js, a script of about a kilobyte that index.html runs before the main bundle).
//
// Why: on a warm load the bundle comes from the cache at once, but evaluating it takes 50–120 ms
// (bench/console_bench.mjs --timeline 1 shows the API calls leaving only after that); the requests
// themselves take 30–60 ms on the server. Started by early.js they run while the bundle evaluates.
//
// The plan is written by the app (app.js useEarlyPlan) for each page with a `prefetch` (routes.js) the
// signed-in role opens, only when that role may open the page — so a page a role cannot use never calls the API,
// also early. It holds API paths only (no answers, no personal data) and is dropped at sign-out.
// No imports: early.js must stay tiny.

export const API_BASE = '/api/v1';
// A request that has not answered by then is abandoned and reported as a timeout.
export const REQUEST_TIMEOUT_MS = 15_000;
export const ACCEPT_JSON = 'application/json, application/problem+json';
// localStorage: the role of the last user seen signed in on this browser (session.js).
export const ROLE_KEY = 'kashlink.role';
// localStorage: { "<role> <path+search>": { paths: [...], at: ms } }.
export const EARLY_PLAN_KEY = 'kashlink.early';
// A plan older than this is not used: what a page asks for first may have changed since.
export const EARLY_PLAN_AGE_MS_MAX = 7 * 24 * 60 * 60 * 1000;
// Addresses remembered at most (the oldest is forgotten first); a page asks for a handful of paths.
export const EARLY_PLAN_ADDRESSES_MAX = 20;
export const EARLY_PLAN_PATHS_MAX = 8;
// Where early.js leaves the requests it started, for api.js prefetch() to adopt: a Map from API
// path to { response: Promise<Response>, signal, at }. Set to `true` by the main script once it
// has booted, so that nothing is ever started twice (early.js runs first: index.html loads it as a
// classic script, during parsing, before the main module).
export const EARLY_REQUESTS_GLOBAL = '__kashlinkEarlyRequests';

// "sessions" → "/api/v1/sessions"; absolute paths ("/healthz") are used as they are.
export function apiUrl(path) {
    return path.startsWith('/') ? path : `${API_BASE}/${path}`;
}

function readPlans(storage) {
    try {
        const plans = JSON.parse(storage?.getItem(EARLY_PLAN_KEY) ?? '{}');
        return plans && typeof plans === 'object' && !Array.isArray(plans) ? plans : {};
    } catch {
        return {};
    }
}

const planKey = (role, address) => `${role} ${address}`;

/** The API paths to start early for `address` (path + search) as `role`: [] when none is known. */
export function plannedPaths(storage, role, address, now = Date.now()) {
    if (!role) return [];
    const plan = readPlans(storage)[planKey(role, address)];
    if (!plan || !Array.isArray(plan.paths) || !(now - plan.at <= EARLY_PLAN_AGE_MS_MAX)) return [];
    return plan.paths.filter((path) => typeof path === 'string' && !path.startsWith('/')).slice(0, EARLY_PLAN_PATHS_MAX);
}

/** Remembers what the page at `address` asked for first as `role`. Storage errors are ignored. */
export function rememberPlan(storage, role, address, paths, now = Date.now()) {
    if (!role || paths.length === 0) return;
    const plans = readPlans(storage);
    plans[planKey(role, address)] = { paths: paths.slice(0, EARLY_PLAN_PATHS_MAX), at: now };
    const keys = Object.keys(plans).sort((a, b) => (plans[a].at ?? 0) - (plans[b].at ?? 0));
    for (const key of keys.slice(0, Math.max(0, keys.length - EARLY_PLAN_ADDRESSES_MAX))) delete plans[key];
    try {
        storage?.setItem(EARLY_PLAN_KEY, JSON.stringify(plans));
    } catch {
        // not remembered: the next load starts its requests from the main script
    }
}

/** At sign-out: the next user of this browser starts from nothing. */
export function forgetPlans(storage) {
    try {
        storage?.removeItem(EARLY_PLAN_KEY);
    } catch {
        // nothing to forget
    }
}

function storedRole(storage) {
    try {
        return storage?.getItem(ROLE_KEY) ?? null;
    } catch {
        return null;
    }
}

/**
 * early.js: starts GET /me and the remembered plan of this address, unless the main script has
 * booted already. Returns the map it left in `scope` (or null when it started nothing).
 */
export function startPlannedRequests(scope = globalThis) {
    if (scope[EARLY_REQUESTS_GLOBAL] !== undefined) return null;
    let storage = null;
    try {
        storage = scope.localStorage;
    } catch {
        storage = null;
    }
    const address = scope.location.pathname + scope.location.search;
    const started = new Map();
    for (const path of ['me', ...plannedPaths(storage, storedRole(storage), address)]) {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
        const response = scope.fetch(apiUrl(path), {
            method: 'GET', headers: { Accept: ACCEPT_JSON }, credentials: 'same-origin', signal: controller.signal,
        });
        response.then(() => clearTimeout(timer), () => clearTimeout(timer));
        started.set(path, { response, signal: controller.signal, at: Date.now() });
    }
    scope[EARLY_REQUESTS_GLOBAL] = started;
    return started;
}

// The one way pages talk to the server. It sends the session cookie (same origin), echoes the CSRF
// token on every write (double-submit: the kl_csrf cookie must match the X-CSRF-Token header), turns
// application/problem+json answers into an ApiError with a field → message map, and sends the user
// to the login page when the session is gone (401).
//
// The bearer token that POST /sessions also returns is deliberately not kept: the console relies on
// the HttpOnly cookie so that a script injected into the page cannot read the session.

import { hasKey, loadLang, translate } from './i18n/index.js';
import { localizeServerMessage } from './server-messages.js';
import { ACCEPT_JSON, API_BASE, apiUrl, EARLY_REQUESTS_GLOBAL, REQUEST_TIMEOUT_MS } from './early-plan.js';

export { API_BASE, apiUrl, REQUEST_TIMEOUT_MS };
export const CSRF_COOKIE = 'kl_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class ApiError extends Error {
    /**
     * kind: 'http' (the server answered with an error status), 'network' (no answer) or 'timeout'.
     * fieldErrors: { [field]: message } from the problem's `errors` array.
     * retryAfterS: the Retry-After header in seconds, when the server sent one.
     * code, params: the problem's stable code and parameters (src/core/problem_code.h).
     * detail and fieldErrors are already in the reader's language (server-messages.js).
     */
    constructor({ kind = 'http', status = 0, type = '', title = '', detail = '', fieldErrors = {}, retryAfterS = null, code = '', params = {} }) {
        super(detail || title || `${kind} error ${status}`);
        this.name = 'ApiError';
        this.kind = kind;
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.fieldErrors = fieldErrors;
        this.retryAfterS = retryAfterS;
        this.code = code;
        this.params = params;
    }

    get hasFieldErrors() {
        return Object.keys(this.fieldErrors).length > 0;
    }
}

let unauthorizedHandler = null;
let csrfFallback = '';

/** Called (once per failing request) when a request answers 401 and the caller did not opt out. */
export function onUnauthorized(handler) {
    unauthorizedHandler = handler;
}

/** Remembers the CSRF token of the login answer, for browsers that hide the cookie from the page. */
export function setCsrfToken(token) {
    csrfFallback = token || '';
}

export function readCookie(name, cookies = globalThis.document?.cookie ?? '') {
    for (const pair of cookies.split(';')) {
        const at = pair.indexOf('=');
        if (at > 0 && pair.slice(0, at).trim() === name) return decodeURIComponent(pair.slice(at + 1).trim());
    }
    return '';
}

export function csrfToken() {
    return readCookie(CSRF_COOKIE) || csrfFallback;
}

/** Retry-After as whole seconds; it may be a number of seconds or an HTTP date. */
export function parseRetryAfter(value, nowMs = Date.now()) {
    if (!value) return null;
    if (/^\d+$/.test(value.trim())) return Number(value.trim());
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/**
 * { errors: [{field, code, params, message}] } → { field: text } in `lang`: each error written from
 * its code (server-messages.js), its English message only for a code the console does not know;
 * several messages for a field are joined.
 */
export function fieldErrorsFrom(problem, lang = loadLang()) {
    const map = {};
    const errors = Array.isArray(problem?.errors) ? problem.errors : [];
    for (const error of errors) {
        if (!error || typeof error.message !== 'string') continue;
        const field = typeof error.field === 'string' && error.field ? error.field : '';
        const text = localizeServerMessage(error, lang);
        map[field] = map[field] ? `${map[field]} ${text}` : text;
    }
    return map;
}

/**
 * The field a problem names, in words (`field.<name>`): the last segment that is a name, so
 * "lines/0/quantity" is the quantity and "row 3/org" the organisation. '' when the console has no
 * word for it: a raw API name ("slot_ids") means nothing to the reader, so the message then stands
 * alone (the form shows it beside the field anyway).
 */
export function fieldLabel(field, lang = loadLang()) {
    if (typeof field !== 'string') return '';
    const name = field.split('/').reverse().find((part) => /^[a-z][a-z0-9_]*$/.test(part));
    return name && hasKey(lang, `field.${name}`) ? translate(lang, `field.${name}`) : '';
}

// The problem's detail in `lang`: from its code when the code says it all; a refusal with only a
// generic code keeps the server's words (in Chinese after the sentence that names the kind). A field
// problem starts with the field's name in words when the console has one.
const GENERIC_CODES = new Set(['invalid_request', 'permission_denied', 'not_found', 'already_exists', 'conflict', 'refused', 'limit_reached']);
export function problemDetail(problem, lang = loadLang()) {
    const detail = typeof problem?.detail === 'string' ? problem.detail : '';
    if (typeof problem?.code !== 'string') return detail;
    if (problem.code === 'invalid_request' && Array.isArray(problem.errors) && problem.errors.length > 0) {
        const first = problem.errors.find((error) => error && typeof error.message === 'string');
        if (!first) return detail;
        const label = fieldLabel(first.field, lang);
        const message = localizeServerMessage(first, lang);
        if (!label) return message;
        return lang === 'zh-CN' ? `${label}：${message}` : `${label}: ${message}`;
    }
    if (GENERIC_CODES.has(problem.code)) {
        return lang === 'zh-CN' ? localizeServerMessage({ code: problem.code, params: problem.params, message: detail }, lang) : detail;
    }
    return localizeServerMessage({ code: problem.code, params: problem.params, message: detail }, lang);
}

async function readBody(response) {
    const text = await response.text();
    if (!text) return null;
    const type = response.headers.get('content-type') || '';
    if (!/json/i.test(type)) return text;
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/** Builds the ApiError for a non-2xx response, reading a problem+json body when there is one. */
export async function errorFromResponse(response) {
    const body = await readBody(response);
    const problem = body && typeof body === 'object' ? body : {};
    return new ApiError({
        status: response.status,
        type: typeof problem.type === 'string' ? problem.type : '',
        title: typeof problem.title === 'string' ? problem.title : response.statusText || '',
        detail: problemDetail(problem),
        fieldErrors: fieldErrorsFrom(problem),
        code: typeof problem.code === 'string' ? problem.code : '',
        params: problem.params && typeof problem.params === 'object' ? problem.params : {},
        retryAfterS: parseRetryAfter(response.headers.get('retry-after')),
    });
}

function buildInit(method, body, signal, extraHeaders, text) {
    const headers = { ...extraHeaders, Accept: ACCEPT_JSON };
    const init = { method, headers, credentials: 'same-origin', signal };
    if (text !== undefined) {
        headers['Content-Type'] = text.contentType;
        init.body = text.body;
    } else if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    if (UNSAFE_METHODS.has(method)) {
        const token = csrfToken();
        if (token) headers[CSRF_HEADER] = token;
    }
    return init;
}

/**
 * Sends one request and resolves to the parsed JSON body (null when empty), or rejects with an
 * ApiError. Options: body (sent as JSON), text ({ body, contentType }: sent as it is, e.g. a CSV
 * file), redirectOn401 (default true; the login form turns it off), timeoutMs, headers (extra
 * request headers, e.g. Idempotency-Key), fetch (for tests).
 */
export async function request(method, path, options = {}) {
    const { body, text, redirectOn401 = true, timeoutMs = REQUEST_TIMEOUT_MS, headers, fetch: fetchImpl = globalThis.fetch } = options;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
        return await answerOf(fetchImpl(apiUrl(path), buildInit(method, body, controller.signal, headers, text)),
            controller.signal, redirectOn401);
    } finally {
        clearTimeout(timer);
    }
}

// The body of a fetch's answer, or the ApiError it stands for (a fetch that failed: network or
// timeout; an error status: its problem).
async function answerOf(responsePromise, signal, redirectOn401) {
    let response;
    try {
        response = await responsePromise;
    } catch (cause) {
        throw new ApiError({ kind: signal.aborted ? 'timeout' : 'network', detail: String(cause?.message ?? cause) });
    }
    if (response.ok) return readBody(response);
    const error = await errorFromResponse(response);
    if (error.status === 401 && redirectOn401 && unauthorizedHandler) unauthorizedHandler(error);
    throw error;
}

/** A fresh Idempotency-Key: 128 random bits as hex. */
export function newIdempotencyKey(crypto = globalThis.crypto) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Keys for one form's creates: the same body gets the same key (a retry after a lost answer is then
 * answered from the server's record instead of creating twice); a changed body gets a new key (the
 * server refuses a key reused with another body).
 */
export function idempotencyKeys(makeKey = newIdempotencyKey) {
    let last = null;
    return (body) => {
        const text = JSON.stringify(body);
        if (!last || last.text !== text) last = { text, key: makeKey() };
        return last.key;
    };
}

// Answers asked for before anyone needed them (the boot asks for /me and the first page's data at
// once, instead of the page asking only after /me has answered and the shell has rendered): the
// first api.get of the same path takes the answer, once. An early answer older than this is not
// used (the page asks again): it was meant for the page the console opened on, moments after.
export const EARLY_ANSWER_AGE_MS_MAX = 10_000;
const earlyAnswers = new Map();

/**
 * Starts GETs of `paths` now, for api.get to take later. Never redirects on 401 itself: api.get
 * does, as the page's own call would have. An error answer (401 for a visitor's /me, 403) is the
 * page's answer too; only a request that got no answer (network, timeout) is asked again.
 */
export function prefetch(paths, now = Date.now, scope = globalThis) {
    const started = startedByEarlyScript(scope);
    for (const path of paths) {
        if (earlyAnswers.has(path)) continue;
        const early = started.get(path);
        started.delete(path);
        const promise = early ? answerOf(early.response, early.signal, false) : request('GET', path, { redirectOn401: false });
        promise.catch(() => {});  // unused or failed: nobody waits for it
        earlyAnswers.set(path, { promise, at: early?.at ?? now() });
    }
}

// Requests early.js started before this script ran (early-plan.js) are adopted, not sent again; from
// the first prefetch on, early.js (async: it may run late) starts nothing.
let earlyScriptRequests = null;
function startedByEarlyScript(scope) {
    if (earlyScriptRequests === null) {
        const left = scope[EARLY_REQUESTS_GLOBAL];
        earlyScriptRequests = left instanceof Map ? left : new Map();
        scope[EARLY_REQUESTS_GLOBAL] = true;
    }
    return earlyScriptRequests;
}

function takeEarlyAnswer(path, now = Date.now) {
    const early = earlyAnswers.get(path);
    if (!early) return null;
    earlyAnswers.delete(path);
    return now() - early.at <= EARLY_ANSWER_AGE_MS_MAX ? early.promise : null;
}

function get(path, options = {}) {
    const early = takeEarlyAnswer(path);
    if (!early) return request('GET', path, options);
    return early.catch((error) => {
        if (error?.kind !== 'http') return request('GET', path, options);
        if (error.status === 401 && options.redirectOn401 !== false && unauthorizedHandler) unauthorizedHandler(error);
        throw error;
    });
}

export const api = {
    get,
    post: (path, body, options) => request('POST', path, { ...options, body }),
    // A CSV file as the body (the imports), with the CSRF token like every write.
    postCsv: (path, csv, options) => request('POST', path, { ...options, text: { body: csv, contentType: 'text/csv' } }),
    put: (path, body, options) => request('PUT', path, { ...options, body }),
    patch: (path, body, options) => request('PATCH', path, { ...options, body }),
    del: (path, options) => request('DELETE', path, options),
};

#!/usr/bin/env node
// End-to-end tests of the web console: a real `kashlink serve` on a fresh SQLite file, driven by
// Debian's Chromium through playwright-core (which never downloads a browser).
//
//   node tests/e2e/run.mjs --binary build/kashlink [--port 18080] [--web-root web] [--chromium /usr/bin/chromium]
//
// The binary may also come from KASHLINK_BIN, the port from E2E_PORT (default: a free one). All
// traffic goes to 127.0.0.1: the browser refuses every other address, and a test fails if a page
// tried one. The server is killed at the end, also on failure; a failing test leaves a screenshot
// and the server log in the temp dir, whose path is printed. Exits non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

import { formatDateTime } from '../../web/src/format.js';
import { translate } from '../../web/src/i18n/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_WEB = path.resolve(HERE, '../../web');
const HOST = '127.0.0.1';

// How long the server may take to answer /healthz after start (it migrates a new database first).
const SERVER_START_TIMEOUT_MS = 30_000;
const HEALTH_POLL_INTERVAL_MS = 100;
// How long one `kashlink user add` may take (argon2id hashing is deliberately slow).
const CLI_TIMEOUT_MS = 60_000;
// Playwright's wait for any one element or navigation.
const ACTION_TIMEOUT_MS = 15_000;
// After SIGTERM, how long the server gets to exit before SIGKILL.
const SERVER_STOP_GRACE_MS = 5_000;
// Wrong passwords tried before giving up on seeing the account locked (the server locks after 5).
const LOCKOUT_ATTEMPTS_MAX = 10;
// Lines of the server log printed when it fails to start.
const LOG_TAIL_LINES = 40;

const CHROMIUM_ARGS = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-proxy-server', '--disable-dev-shm-usage',
];

const ADMIN = { username: 'e2e-admin', displayName: 'E2E Admin', role: 'admin' };
const LOCKED = { username: 'e2e-locked', displayName: 'E2E Locked', role: 'auditor' };
// Fresh per run; long enough for the server's 10-character minimum.
const PASSWORD = `E2e-${randomBytes(9).toString('hex')}`;

const zh = (key, params) => translate('zh-CN', key, params);
const en = (key, params) => translate('en', key, params);

function usage(message) {
    console.error(`${message}\nusage: node tests/e2e/run.mjs --binary <kashlink> [--port N] [--web-root DIR] [--chromium PATH]`);
    process.exit(2);
}

function parseOptions(args, env) {
    const options = {
        binary: env.KASHLINK_BIN,
        port: env.E2E_PORT ? Number(env.E2E_PORT) : 0,
        webRoot: REPO_WEB,
        chromium: env.CHROMIUM_PATH || '/usr/bin/chromium',
    };
    for (let i = 0; i < args.length; i += 1) {
        const [name, value] = [args[i], args[i + 1]];
        if (name === '--binary') options.binary = value;
        else if (name === '--port') options.port = Number(value);
        else if (name === '--web-root') options.webRoot = value;
        else if (name === '--chromium') options.chromium = value;
        else if (!name.startsWith('--') && !options.binary) { options.binary = name; continue; }
        else usage(`unknown argument: ${name}`);
        if (value === undefined) usage(`${name} needs a value`);
        i += 1;
    }
    if (!options.binary) usage('the kashlink binary is required (--binary or KASHLINK_BIN)');
    options.binary = path.resolve(options.binary);
    options.webRoot = path.resolve(options.webRoot);
    if (!fs.existsSync(options.binary)) usage(`no such binary: ${options.binary}`);
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) usage('--port must be 0–65535');
    if (!fs.existsSync(path.join(options.webRoot, 'index.html'))) usage(`no index.html in ${options.webRoot}`);
    if (!fs.existsSync(options.chromium)) usage(`no Chromium at ${options.chromium}`);
    return options;
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, HOST, () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

function logTail(file) {
    try {
        return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
    } catch {
        return '(no log)';
    }
}

function addUser(binary, db, user) {
    const args = ['user', 'add', '--db', db, '--username', user.username, '--role', user.role,
        '--password', PASSWORD, '--display-name', user.displayName];
    const result = spawnSync(binary, args, { encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
    if (result.status !== 0) {
        throw new Error(`kashlink user add ${user.username} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}${result.error ?? ''}`);
    }
}

class Server {
    constructor(options, tempDir) {
        this.options = options;
        this.db = path.join(tempDir, 'e2e.sqlite');
        this.logFile = path.join(tempDir, 'server.log');
        this.child = null;
    }

    async start(port) {
        const log = fs.openSync(this.logFile, 'a');
        const args = ['serve', '--db', this.db, '--port', String(port), '--host', HOST, '--web-root', this.options.webRoot];
        this.child = spawn(this.options.binary, args, { stdio: ['ignore', log, log] });
        fs.closeSync(log);
        this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
        this.baseUrl = `http://${HOST}:${port}`;
        await this.waitHealthy();
    }

    async waitHealthy() {
        const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
        let exit = null;
        this.exited.then((value) => { exit = value; });
        while (Date.now() < deadline) {
            if (exit) throw new Error(`kashlink serve exited (${exit.code ?? exit.signal}) before answering:\n${logTail(this.logFile)}`);
            try {
                const response = await fetch(`${this.baseUrl}/healthz`);
                if (response.ok && (await response.json()).status === 'ok') return;
            } catch {
                // Not listening yet.
            }
            await sleep(HEALTH_POLL_INTERVAL_MS);
        }
        throw new Error(`kashlink serve did not answer /healthz within ${SERVER_START_TIMEOUT_MS} ms:\n${logTail(this.logFile)}`);
    }

    // SIGTERM, then SIGKILL if it lingers. Safe to call twice and when it never started.
    async stop() {
        if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
        this.child.kill('SIGTERM');
        const timer = setTimeout(() => this.child.kill('SIGKILL'), SERVER_STOP_GRACE_MS);
        await this.exited;
        clearTimeout(timer);
    }

    killNow() {
        if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    }
}

const options = parseOptions(process.argv.slice(2), process.env);
const requireFromWeb = createRequire(path.join(REPO_WEB, 'package.json'));
const { chromium } = requireFromWeb('playwright-core');

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kashlink-e2e-'));
const server = new Server(options, tempDir);
let browser = null;
// The temp dir is removed only when every test that started has passed, and the setup did not fail
// (a failing setup hook fails no test of its own, but server.log must be kept).
let setupDone = false;
let started = 0;
let passed = 0;

// Whatever happens (an exception, Ctrl-C), the server does not outlive the run.
process.on('exit', () => server.killNow());
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
        server.killNow();
        process.exit(1);
    });
}

// Watches a page for what should never happen: uncaught script errors, static files that fail to
// load, and requests to anywhere but our server (which are also blocked).
async function watchPage(context, page) {
    const problems = [];
    page.on('pageerror', (error) => problems.push(`uncaught error in page: ${error.message}`));
    page.on('response', (response) => {
        const url = new URL(response.url());
        if (!url.pathname.startsWith('/api/') && response.status() >= 400) problems.push(`${response.status()} for ${url.pathname}`);
    });
    // A request still running when the page navigates away is aborted by the browser; that is normal.
    page.on('requestfailed', (request) => {
        const url = new URL(request.url());
        const reason = request.failure()?.errorText ?? '';
        if (url.origin === server.baseUrl && reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${url.pathname} (${reason})`);
    });
    await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.origin === server.baseUrl || url.protocol === 'data:') return route.continue();
        problems.push(`blocked request to ${url.origin}`);
        return route.abort('blockedbyclient');
    });
    return problems;
}

function slug(name) {
    return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * One browser test in a fresh context (no cookies, empty localStorage), with the browser's own
 * locale and zone set to en-US / New York so that the console's defaults (zh-CN, Asia/Shanghai)
 * are shown to come from the console, not from the machine.
 */
function e2e(name, body) {
    test(name, async () => {
        started += 1;
        const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'en-US', timezoneId: 'America/New_York' });
        context.setDefaultTimeout(ACTION_TIMEOUT_MS);
        const page = await context.newPage();
        const problems = await watchPage(context, page);
        try {
            await body({ context, page });
            assert.deepEqual(problems, [], 'the page had errors');
            passed += 1;
        } catch (error) {
            const shot = path.join(tempDir, `failure-${slug(name)}.png`);
            await page.screenshot({ path: shot, fullPage: true }).then(
                () => console.error(`screenshot of the failure: ${shot}`),
                (shotError) => console.error(`no screenshot: ${shotError.message}`));
            throw error;
        } finally {
            await context.close();
        }
    });
}

// Fills the login form and submits it; resolves to the answer of POST /api/v1/sessions.
async function submitLogin(page, username, password) {
    await page.getByTestId('login-form').waitFor();
    await page.fill('#username', username);
    await page.fill('#password', password);
    const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/sessions' && r.request().method() === 'POST'),
        page.getByTestId('login-submit').click(),
    ]);
    return response;
}

// Waits until the form is usable again after an answer (the submit button is disabled meanwhile).
async function formSettled(page) {
    await page.waitForSelector('[data-testid="login-submit"]:not([disabled])');
}

async function signIn(page) {
    await page.goto('/login');
    const response = await submitLogin(page, ADMIN.username, PASSWORD);
    assert.ok(response.ok(), `sign-in answered ${response.status()}`);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('home-heading').waitFor();
    return response.json();
}

async function text(page, testId) {
    return (await page.getByTestId(testId).textContent()).trim();
}

// Waits for the element's text to become `expected` (the page renders asynchronously), then, if it
// never does, fails with the text it has.
async function expectText(page, testId, expected) {
    const matches = ([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent.trim() === want;
    try {
        await page.waitForFunction(matches, [testId, expected], { timeout: ACTION_TIMEOUT_MS });
    } catch {
        assert.equal(await text(page, testId), expected, `text of ${testId}`);
    }
}

async function expectAttribute(page, selector, name, expected) {
    const matches = ([sel, attr, want]) => document.querySelector(sel)?.getAttribute(attr) === want;
    try {
        await page.waitForFunction(matches, [selector, name, expected], { timeout: ACTION_TIMEOUT_MS });
    } catch {
        assert.equal(await page.getAttribute(selector, name), expected, `${name} of ${selector}`);
    }
}

async function sessionCookie(context) {
    return (await context.cookies()).find((cookie) => cookie.name === 'kl_session');
}

// "YYYY-MM-DD HH:mm" read as Asia/Shanghai (UTC+8, no daylight saving) → epoch ms.
function shanghaiToEpochMs(shown) {
    const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(shown);
    assert.ok(match, `not a Shanghai time: ${shown}`);
    const [, y, mo, d, h, mi] = match.map(Number);
    return Date.UTC(y, mo - 1, d, h - 8, mi);
}

// A dictionary template with its {placeholders} as wildcards.
function templatePattern(template) {
    const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    return new RegExp(`^${escaped.replace(/\{\w+\}/g, '.+')}$`);
}

describe('web console', () => {
    before(async () => {
        console.log(`e2e temp dir: ${tempDir}`);
        addUser(options.binary, server.db, ADMIN);
        addUser(options.binary, server.db, LOCKED);
        await server.start(options.port || (await freePort()));
        browser = await chromium.launch({ executablePath: options.chromium, args: CHROMIUM_ARGS });
        setupDone = true;
    });

    after(async () => {
        await browser?.close();
        await server.stop();
        if (setupDone && passed === started) fs.rmSync(tempDir, { recursive: true, force: true });
        else console.error(`e2e failed; screenshots and server.log are in ${tempDir}`);
    });

    e2e('a visitor is sent to the login page, in Chinese by default', async ({ page }) => {
        await page.goto('/');
        await page.waitForURL((url) => url.pathname === '/login');
        await expectText(page, 'login-heading', zh('login.heading'));
        await expectAttribute(page, 'html', 'lang', 'zh-CN');
        await page.waitForFunction((want) => document.title === want, `${zh('login.title')} · ${zh('app.name')}`);
    });

    e2e('an empty form shows a message next to each field', async ({ page, context }) => {
        await page.goto('/login');
        await page.getByTestId('login-submit').click();
        await expectText(page, 'username-error', zh('validation.required', { field: zh('login.username') }));
        await expectText(page, 'password-error', zh('validation.required', { field: zh('login.password') }));
        await expectAttribute(page, '#username', 'aria-invalid', 'true');
        assert.equal(await sessionCookie(context), undefined);
    });

    e2e('a wrong password shows an error and starts no session', async ({ page, context }) => {
        await page.goto('/login');
        const response = await submitLogin(page, ADMIN.username, `${PASSWORD}-wrong`);
        assert.equal(response.status(), 401);
        await formSettled(page);
        await expectText(page, 'login-error', zh('login.error.invalid'));
        assert.equal(new URL(page.url()).pathname, '/login');
        assert.equal(await page.inputValue('#password'), '', 'the wrong password is cleared');
        assert.equal(await sessionCookie(context), undefined);
    });

    e2e('signing in shows the user, role, session expiry in Shanghai time and server health', async ({ page }) => {
        const answer = await signIn(page);
        await expectText(page, 'user-name', ADMIN.displayName);
        await expectText(page, 'home-heading', zh('home.welcome', { name: ADMIN.displayName }));
        await expectText(page, 'account-username', ADMIN.username);
        await expectText(page, 'account-role', zh('role.admin'));
        await expectText(page, 'account-org', zh('user.noOrganisation'));
        await page.locator('[data-testid="health-status"][data-phase="ok"]').waitFor();
        await expectText(page, 'health-status', zh('health.ok'));
        const expires = await text(page, 'session-expires');
        assert.equal(expires, formatDateTime(answer.expires_at));
        assert.ok(shanghaiToEpochMs(expires) > Date.now(), `the session should expire in the future, shown: ${expires}`);
    });

    e2e('the session cookie is HttpOnly and SameSite=Strict; the CSRF cookie is readable', async ({ page, context }) => {
        await signIn(page);
        const visible = await page.evaluate(() => document.cookie);
        assert.ok(!/(^|;\s*)kl_session=/.test(visible), `document.cookie shows the session: ${visible}`);
        assert.match(visible, /(^|;\s*)kl_csrf=/);
        const cookie = await sessionCookie(context);
        assert.ok(cookie, 'kl_session is set');
        assert.equal(cookie.httpOnly, true);
        assert.equal(cookie.sameSite, 'Strict');
    });

    e2e('the language switch changes the labels and persists across a reload', async ({ page }) => {
        await signIn(page);
        await expectText(page, 'nav-home', zh('nav.home'));
        await page.getByTestId('lang-en').click();
        await expectText(page, 'nav-home', en('nav.home'));
        await expectText(page, 'home-heading', en('home.welcome', { name: ADMIN.displayName }));
        await expectText(page, 'account-role', en('role.admin'));
        await expectAttribute(page, 'html', 'lang', 'en');
        await page.reload();
        await page.getByTestId('home-heading').waitFor();
        await expectText(page, 'nav-home', en('nav.home'));
        await expectAttribute(page, '[data-testid="lang-switch"] button[aria-pressed="true"]', 'lang', 'en');
        await page.getByTestId('lang-zh-CN').click();
        await expectText(page, 'nav-home', zh('nav.home'));
        assert.equal(await page.evaluate(() => localStorage.getItem('kl.lang')), 'zh-CN');
    });

    e2e('an unknown address shows the not-found page, whose link goes home', async ({ page }) => {
        await signIn(page);
        await page.goto('/no/such/page');
        await expectText(page, 'not-found-heading', zh('notFound.title'));
        await page.getByTestId('not-found-home').click();
        await page.waitForURL((url) => url.pathname === '/');
        await expectText(page, 'user-name', ADMIN.displayName);
    });

    e2e('a session that ends while the console is open leads back to the login page', async ({ page, context }) => {
        await signIn(page);
        await page.goto('/no/such/page');
        await page.getByTestId('not-found-heading').waitFor();
        await context.clearCookies();
        await page.getByTestId('not-found-home').click();
        await page.waitForURL((url) => url.pathname === '/login');
        await expectText(page, 'login-notice', zh('login.notice.expired'));
        await submitLogin(page, ADMIN.username, PASSWORD);
        await page.waitForURL((url) => url.pathname === '/');
        await expectText(page, 'user-name', ADMIN.displayName);
    });

    e2e('signing out returns to the login page and ends the session on the server', async ({ page, context }) => {
        await signIn(page);
        await page.getByTestId('user-menu').click();
        const [response] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/sessions/current'),
            page.getByTestId('sign-out').click(),
        ]);
        assert.ok(response.ok(), `DELETE /api/v1/sessions/current answered ${response.status()} (is X-CSRF-Token sent?)`);
        await page.waitForURL((url) => url.pathname === '/login');
        await expectText(page, 'login-notice', zh('login.notice.signedOut'));
        const status = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
        assert.equal(status, 401, 'the session is over on the server');
        await page.goto('/');
        await page.waitForURL((url) => url.pathname === '/login');
        assert.equal(await sessionCookie(context), undefined, 'the session cookie is cleared');
    });

    // Last: a server that throttles by address rather than by account would also refuse the other
    // tests' sign-ins for a while.
    e2e('repeated wrong passwords lock the account, and the form says so', async ({ page, context }) => {
        const locked = [templatePattern(zh('login.error.locked')), templatePattern(zh('login.error.lockedLater'))];
        const isLockedMessage = (message) => locked.some((pattern) => pattern.test(message));
        await page.goto('/login');
        let attempts = 0;
        let message = '';
        while (attempts < LOCKOUT_ATTEMPTS_MAX && !isLockedMessage(message)) {
            attempts += 1;
            await submitLogin(page, LOCKED.username, `${PASSWORD}-wrong-${attempts}`);
            await formSettled(page);
            message = await text(page, 'login-error');
            assert.ok(isLockedMessage(message) || message === zh('login.error.invalid'), `unexpected message: ${message}`);
        }
        assert.ok(isLockedMessage(message), `still not locked after ${attempts} wrong passwords: ${message}`);
        await submitLogin(page, LOCKED.username, PASSWORD);
        await formSettled(page);
        assert.ok(isLockedMessage(await text(page, 'login-error')), 'the right password is refused while locked');
        assert.equal(await sessionCookie(context), undefined);
    });
});

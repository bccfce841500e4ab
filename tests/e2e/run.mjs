#!/usr/bin/env node
// End-to-end tests of the web console: a real `kashlink serve` on a fresh SQLite file, driven by
// Debian's Chromium through playwright-core (which never downloads a browser).
//
//   node tests/e2e/run.mjs --binary build/kashlink [--port 18080] [--web-root web/dist] [--chromium /usr/bin/chromium]
//
// Without --web-root the console is built first (web/build.mjs, about a second), so the suite tests
// the sources as they are, bundled as they are served; with it, that directory is served as it is.
// The binary may also come from KASHLINK_BIN, the port from E2E_PORT (default: a free one). All
// traffic goes to 127.0.0.1: the browser refuses every other address, and a test fails if a page
// tried one. The server is killed at the end, also on failure; a failing test leaves a screenshot
// and the server log in the temp dir, whose path is printed. Exits non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { CHROMIUM_DEFAULT, HOST, consoleWebRoot, freePort, launchChromium, sleep, startDemo } from './browser.mjs';
import { formatDate } from '../../web/src/format.js';
import { translate } from '../../web/src/i18n/index.js';
import { localizeServerMessage } from '../../web/src/server-messages.js';
import { NAV_ITEMS, navGroupsFor } from '../../web/src/nav.js';
import { accessibilityViolations, describeViolations } from './accessibility.mjs';
import { fairTests } from './fairs.mjs';
import { fairEventTests } from './fairs-event.mjs';
import { traceTests } from './trace.mjs';
import { recallTests } from './recalls.mjs';

// How long the server may take to answer /healthz after start (it migrates a new database first).
const SERVER_START_TIMEOUT_MS = 30_000;
const HEALTH_POLL_INTERVAL_MS = 100;
// How long one `kashlink user add` may take (argon2id hashing is deliberately slow).
const CLI_TIMEOUT_MS = 60_000;
// Playwright's wait for any one element or navigation. Generous: on a loaded 2-core CI machine a
// cold page load of the console's ES modules was seen to take over 15 s. Only failures wait this long.
const ACTION_TIMEOUT_MS = 45_000;
// After SIGTERM, how long the server gets to exit before SIGKILL.
const SERVER_STOP_GRACE_MS = 5_000;
// Wrong passwords tried before giving up on seeing the account locked (the server locks after 5).
const LOCKOUT_ATTEMPTS_MAX = 10;
// Lines of the server log printed when it fails to start.
const LOG_TAIL_LINES = 40;

const ADMIN = { username: 'e2e-admin', displayName: 'E2E Admin', role: 'admin' };
const LOCKED = { username: 'e2e-locked', displayName: 'E2E Locked', role: 'auditor' };
// A user with nothing to do: an auditor before any risk flag (the administrator is asked for a backup
// until one is taken, src/backup/backup_runs.h).
const QUIET = { username: 'e2e-quiet', displayName: 'E2E Quiet Auditor', role: 'auditor' };
const FUND = { username: 'e2e-fund', displayName: 'E2E Fund Officer', role: 'fund_officer' };
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
        webRoot: null,
        chromium: env.CHROMIUM_PATH || CHROMIUM_DEFAULT,
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
    if (!fs.existsSync(options.binary)) usage(`no such binary: ${options.binary}`);
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) usage('--port must be 0–65535');
    if (options.webRoot) {
        options.webRoot = path.resolve(options.webRoot);
        if (!fs.existsSync(path.join(options.webRoot, 'index.html'))) usage(`no index.html in ${options.webRoot}`);
    }
    if (!fs.existsSync(options.chromium)) usage(`no Chromium at ${options.chromium}`);
    return options;
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
options.webRoot = await consoleWebRoot(options.webRoot);

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
// load, anything the server's Content-Security-Policy refused, and requests to anywhere but our
// server (which are also blocked).
async function watchPage(context, page, origin = server.baseUrl) {
    const problems = [];
    page.on('pageerror', (error) => problems.push(`uncaught error in page: ${error.message}`));
    // Chromium reports a refused script, style or connection as a console error naming the policy.
    page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
    });
    page.on('response', (response) => {
        const url = new URL(response.url());
        if (!url.pathname.startsWith('/api/') && response.status() >= 400) problems.push(`${response.status()} for ${url.pathname}`);
        // Every route refuses a query parameter it does not document (README: API): a page sending one
        // would get a 400 instead of its list, so any such refusal is a console bug.
        if (url.pathname.startsWith('/api/') && url.search && response.status() === 400) {
            response.json().then((body) => {
                for (const error of body?.errors ?? []) {
                    if (error.code === 'unknown_field' && url.searchParams.has(error.field)) {
                        problems.push(`${url.pathname} does not take the query parameter ${error.field}`);
                    }
                }
            }, () => {});
        }
    });
    // A request still running when the page navigates away is aborted by the browser; that is normal.
    page.on('requestfailed', (request) => {
        const url = new URL(request.url());
        const reason = request.failure()?.errorText ?? '';
        if (url.origin === origin && reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${url.pathname} (${reason})`);
    });
    await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.origin === origin || url.protocol === 'data:') return route.continue();
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
function e2e(name, body, { origin = () => server.baseUrl } = {}) {
    test(name, async () => {
        started += 1;
        const baseURL = await origin();
        // Reduced motion: axe measures colours as they settle — a button's 0.15 s background transition
        // after a click otherwise gave a contrast failure or not, depending on when axe looked.
        const context = await browser.newContext({ baseURL, locale: 'en-US', timezoneId: 'America/New_York', reducedMotion: 'reduce' });
        context.setDefaultTimeout(ACTION_TIMEOUT_MS);
        const page = await context.newPage();
        const problems = await watchPage(context, page, baseURL);
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

async function signIn(page, user = ADMIN) {
    await page.goto('/login');
    const response = await submitLogin(page, user.username, PASSWORD);
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

// The live value of an input or select (a property: Preact sets it, not the attribute).
async function expectValue(page, selector, expected) {
    const matches = ([sel, want]) => document.querySelector(sel)?.value === want;
    try {
        await page.waitForFunction(matches, [selector, expected], { timeout: ACTION_TIMEOUT_MS });
    } catch {
        assert.equal(await page.inputValue(selector), expected, `value of ${selector}`);
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

// Submits the market's create form of `kind` ('offer' or 'demand'); resolves to the listing created.
async function submitListing(page, kind) {
    const [created] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/v1/${kind}s`) && r.request().method() === 'POST'),
        page.getByTestId(`${kind}-submit`).click(),
    ]);
    assert.equal(created.status(), 201, await created.text());
    return created.json();
}

// Withdraws a listed offer or demand with its row's button, accepting the confirmation it asks for.
// Places an order as the buyer whose token is given (orders move money: an Idempotency-Key each);
// resolves to the order the server answered 201 with.
async function placeOrder(token, key, fields) {
    const placed = await fetch(`${server.baseUrl}/api/v1/orders`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(fields),
    });
    assert.equal(placed.status, 201, await placed.clone().text());
    return placed.json();
}

// Answers "yes" in the console's confirm dialog (components/confirm.js).
async function confirmInDialog(page) {
    await page.getByTestId('confirm-dialog').getByTestId('confirm-yes').click();
}

async function withdrawListing(page, kind, id) {
    const row = page.locator(`[data-${kind}-id="${id}"]`);
    await row.waitFor();
    await row.getByTestId(`${kind}-withdraw`).click();
    const [withdrawn] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/v1/${kind}s/${id}/withdraw`)),
        confirmInDialog(page),
    ]);
    assert.equal(withdrawn.status(), 200, await withdrawn.text());
}

// A dictionary template with its {placeholders} as wildcards.
function templatePattern(template) {
    const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    return new RegExp(`^${escaped.replace(/\{\w+\}/g, '.+')}$`);
}


// ---- the catalogue's data: made through the API as the admin, before the browser starts ----------

// Organisation-scoped users of the catalogue tests (their organisations are made in seedCatalogue).
const PRODUCER_A = { username: 'e2e-producer-a', displayName: 'E2E Producer A', role: 'producer' };
const PRODUCER_B = { username: 'e2e-producer-b', displayName: 'E2E Producer B', role: 'producer' };
const OFFICER = { username: 'e2e-officer', displayName: 'E2E Yecheng Officer', role: 'county_officer' };
// More craft products than one catalogue page holds (web/src/pages/catalogue.js: CATALOGUE_PAGE_SIZE = 24),
// so "load more" has a second page to fetch.
const CRAFT_COUNT = 26;
const CATALOGUE_PAGE_SIZE = 24;

// GB 32100 unified social credit code: 17 characters and the check character over them.
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(first17) {
    let sum = 0;
    let weight = 1;
    for (const c of first17) {
        sum += CREDIT_CODE_CHARS.indexOf(c) * weight;
        weight = (weight * 3) % 31;
    }
    const check = 31 - (sum % 31);
    return first17 + CREDIT_CODE_CHARS[check === 31 ? 0 : check];
}

// A JSON call with the admin's (or another user's) bearer token; rejects with the problem on failure.
async function call(token, method, path, body) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${server.baseUrl}/api/v1/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const answer = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return answer;
}

async function tokenOf(user) {
    return (await call(null, 'POST', 'sessions', { username: user.username, password: PASSWORD })).token;
}

// A buyer organisation (`creditCode17`: the first 17 characters of its credit code) and a buyer user of
// it, made by the admin; resolves to { organisation, user } with the user as signIn() takes it.
async function addBuyer(admin, { name, district, channel, creditCode17 }, { username, displayName }) {
    const organisation = await call(admin, 'POST', 'organisations', { name, kind: 'buyer', district, channel, credit_code: creditCode(creditCode17) });
    const user = { username, displayName, role: 'buyer' };
    await call(admin, 'POST', 'users', { username, display_name: displayName, role: 'buyer', password: PASSWORD, org_id: organisation.id });
    return { organisation, user };
}

// A brand standard with grades A and B (list prices in fen per unit of sale) and one quantity tier,
// sold through the channels the tests' orders use (an order on any other channel is refused).
function standard({ a, b, criteria = [], channels = ['fair_intent', 'wholesale', 'supermarket', 'canteen'] }) {
    return {
        grades: [
            { code: 'A', name_zh: '特级', name_en: 'Premium', rank: 1, criteria },
            { code: 'B', name_zh: '一级', name_en: 'First grade', rank: 2, criteria: [] },
        ],
        packaging: { type: 'carton', net_weight_g: 5000, materials: ['瓦楞纸板'] },
        storage: { temperature_min_c_x10: 0, temperature_max_c_x10: 100, humidity_min_pct: 40, humidity_max_pct: 65, shelf_life_days: 180 },
        logistics: { cold_chain: 'chilled_0_10' },
        channels,
        pricing: {
            list_prices: [{ grade: 'A', price_fen: a }, { grade: 'B', price_fen: b }],
            min_order_quantity: 10,
            tiers: [{ min_quantity: 100, prices: [{ grade: 'A', price_fen: a - 500 }] }],
        },
    };
}

// Two producers in two counties, the Yecheng branch command with its officer, products in three
// categories (one certified today) and enough crafts to need a second page.
async function seedCatalogue() {
    const admin = await tokenOf(ADMIN);
    const org = (fields) => call(admin, 'POST', 'organisations', fields);
    const a = await org({ name: '叶城县核桃产业有限公司', name_en: 'Yecheng Walnut Industry Co.', kind: 'enterprise', county: 'yecheng', credit_code: creditCode('91653126MA0E2E001') });
    const b = await org({ name: '莎车县巴旦木农民专业合作社', name_en: 'Shache Almond Farmers Cooperative', kind: 'cooperative', county: 'shache', credit_code: creditCode('93653125MA0E2E002') });
    const agency = await org({ name: '上海援疆叶城分指挥部', name_en: 'Yecheng Branch Command', kind: 'agency', county: 'yecheng' });
    for (const [user, organisation] of [[PRODUCER_A, a], [PRODUCER_B, b], [OFFICER, agency]]) {
        await call(admin, 'POST', 'users', { username: user.username, display_name: user.displayName, role: user.role, password: PASSWORD, org_id: organisation.id });
    }
    const product = (producer, fields, prices) => call(admin, 'POST', 'products', { producer_id: producer.id, status: 'active', ...fields, standard: standard(prices) });
    const walnut = await product(a, { name_zh: '叶城薄皮核桃', name_en: 'Yecheng thin-shell walnuts', category_id: 'nuts_dried_fruit', unit: { kind: 'box', net_g: 5000 } },
        { a: 12000, b: 9000, criteria: [{ metric: 'diameter_mm', min: 32 }, { metric: 'kernel_rate_pct_x10', min: 550, max: 700 }] });
    const kernels = await product(a, { name_zh: '叶城核桃仁', name_en: 'Yecheng walnut kernels', category_id: 'nuts_dried_fruit', unit: { kind: 'kg', net_g: 1000 } }, { a: 6800, b: 5600 });
    const almond = await product(b, { name_zh: '莎车巴旦木', name_en: 'Shache almonds', category_id: 'nuts_dried_fruit', unit: { kind: 'jin', net_g: 500 } }, { a: 4500, b: 3800 });
    const melon = await product(b, { name_zh: '巴楚留香瓜', name_en: 'Bachu Liuxiang melon', category_id: 'fresh_fruit', unit: { kind: 'box', net_g: 8000 } }, { a: 9900, b: 7900 });
    for (let i = 1; i <= CRAFT_COUNT; i += 1) {
        const n = String(i).padStart(2, '0');
        await product(b, { name_zh: `手工铜壶 ${n}`, name_en: `Hand-made copper pot ${n}`, category_id: 'handicrafts_culture', unit: { kind: 'piece', net_g: 0 } }, { a: 39900 + i, b: 29900 + i });
    }
    const officer = await tokenOf(OFFICER);
    const today = formatDate(Date.now());
    await call(officer, 'POST', `products/${walnut.id}/certifications`, { certificate_no: 'YC-E2E-0001', valid_from: today, valid_to: addDays(today, 364), notice_days: 0 });
    return { a, b, agency, walnut, kernels, almond, melon };
}

// A started Yecheng project with a contract of producer A, its invoice and a payment request the
// Yecheng officer submitted; and a Shache project the Yecheng officer must not see.
async function seedProjects() {
    const admin = await tokenOf(ADMIN);
    // The aid money the payment flows through: cash and quota down to Yecheng (src/funds), so that
    // approving the project can release its budget and paying can move cash to the contractor.
    const fund = await tokenOf(FUND);
    const fundsId = (n) => n.toString(16).padStart(32, '0');
    await call(fund, 'POST', 'funds/receipts', { id: fundsId(0xe3e1), amount_fen: 100_000_000_00 });
    await call(fund, 'POST', 'funds/quota-grants', { id: fundsId(0xe3e2), amount_fen: 100_000_000_00 });
    await call(fund, 'POST', 'funds/county-allocations', { id: fundsId(0xe3e3), county_code: 'yecheng', amount_fen: 50_000_000_00 });
    const project = (code, county) => call(admin, 'POST', 'projects', { code, name: `E2E ${code}`, county, sector: 'education', year: 2023, budget_fen: 800000000 });
    const yecheng = await project('E2E-YC-1', 'yecheng');
    const shache = await project('E2E-SC-1', 'shache');
    for (const to of ['approved', 'started']) await call(admin, 'POST', `projects/${yecheng.id}/transitions`, { to });
    const progress = await call(admin, 'POST', `projects/${yecheng.id}/progress`, { as_of: '2023-05-01', pct: 50, basis: 'physical' });
    await call(admin, 'POST', `progress/${progress.id}/verify`);
    const contract = await call(admin, 'POST', 'contracts', {
        project_id: yecheng.id, counterparty_org_id: catalogue.a.id, title: '教学楼施工', category: 'construction', value_fen: 500000000,
        retention_bp: 300, award_date: '2023-03-01', procurement_method: 'open_tender', bid_count: 5, tender_days: 20 });
    const invoice = await call(admin, 'POST', 'invoices', { contract_id: contract.id, payee_org_id: catalogue.a.id, invoice_no: 'E2E-0001', amount_fen: 123456789, issued_on: '2023-05-03' });
    const officer = await tokenOf(OFFICER);
    const submitted = await call(officer, 'POST', 'payment-requests', { contract_id: contract.id, invoice_id: invoice.id, progress_id: progress.id, amount_fen: 123456789, requested_on: '2023-05-05' });
    return { yecheng, shache, request: submitted.request };
}

// "YYYY-MM-DD" + days.
function addDays(date, days) {
    const [y, m, d] = date.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// Waits until the chart `testId` (components/chart.js) has drawn its canvas with ECharts.
async function chartDrawn(page, testId) {
    await page.locator(`[data-testid="${testId}-canvas"][data-ready="true"] canvas`).first().waitFor();
}

// The catalogue's product cards as shown: their names in order.
async function cardNames(page) {
    return page.locator('[data-testid="product-card-link"]').allTextContents();
}

// Waits until the catalogue shows exactly `count` cards (after a search or a filter).
async function expectCards(page, count) {
    const shown = (want) => document.querySelectorAll('[data-testid="product-card"]').length === want
        && !document.querySelector('[data-testid="catalogue-loading"]');
    try {
        await page.waitForFunction(shown, count, { timeout: ACTION_TIMEOUT_MS });
    } catch {
        assert.equal((await cardNames(page)).length, count, `cards shown: ${(await cardNames(page)).join(', ')}`);
    }
}


// A raw id on screen: a UUID (records) or 32 hex digits (ledger accounts and transfers).
const RAW_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-|\b[0-9a-f]{32}\b/;

// The keys of a list table's rows in screen order (their `data-…` attribute).
function rowKeys(page, row, key) {
    return page.locator(`[data-testid="${row}"]`).evaluateAll((rows, name) => rows.map((r) => r.getAttribute(name)), key);
}

/**
 * A list page on the shared table (components/data-table.js), as its user sees it, in Chinese and
 * then English: a header sorts the rows one way and then the other (the `sortBy` column's values are
 * distinct); the search (`search[lang]`) puts q in the address and finds rows — all showing the text
 * unless `shows` is false (an account found by its county, say) — and a search for nothing empties
 * the list, as does a date range with nothing in it (`from`: a day after every row); clearing brings
 * the rows back. No raw id, and none of `codes`, is on screen.
 */
async function exerciseListTable(page, { id, row, key, sortBy, search, shows = true, from, empty, codes = [] }) {
    const rows = (r) => [...document.querySelectorAll(`[data-testid="${r}"]`)];
    const cleared = async () => {
        await page.getByTestId(`${id}-clear`).click();
        await page.locator(`[data-testid="${row}"]`).first().waitFor();
        assert.equal(new URL(page.url()).searchParams.get('q'), null);
    };
    for (const lang of ['zh-CN', 'en']) {
        await page.getByTestId(`lang-${lang}`).click();
        await page.locator(`[data-testid="${row}"]`).first().waitFor();
        const shown = await page.getByTestId(`${id}-table`).innerText();
        assert.doesNotMatch(shown, RAW_ID, `${id} (${lang}): no id on screen`);
        for (const code of codes) assert.ok(!shown.includes(code), `${id} (${lang}): the code ${code} is shown by name`);

        const header = `th:has([data-testid="${id}-sort-${sortBy}"])`;
        const before = await rowKeys(page, row, key);
        const unsorted = await page.getAttribute(header, 'aria-sort');
        await page.getByTestId(`${id}-sort-${sortBy}`).click();
        await page.waitForFunction(([sel, was]) => document.querySelector(sel)?.getAttribute('aria-sort') !== was, [header, unsorted]);
        const first = await page.getAttribute(header, 'aria-sort');
        const once = await rowKeys(page, row, key);
        await page.getByTestId(`${id}-sort-${sortBy}`).click();
        await expectAttribute(page, header, 'aria-sort', first === 'ascending' ? 'descending' : 'ascending');
        const twice = await rowKeys(page, row, key);
        assert.deepEqual([...once].reverse(), twice, `${id} (${lang}): sorting by ${sortBy} turns the rows round`);
        assert.deepEqual([...before].sort(), [...twice].sort(), `${id} (${lang}): sorting keeps the rows`);

        const text = search[lang];
        await page.fill(`[data-testid="${id}-q"]`, text);
        await page.getByTestId(`${id}-search`).click();
        await page.waitForURL((url) => url.searchParams.get('q') === text);
        await page.waitForFunction(([r, want, all]) => {
            const found = [...document.querySelectorAll(`[data-testid="${r}"]`)];
            return found.length > 0 && (!all || found.every((one) => one.innerText.toLowerCase().includes(want.toLowerCase())));
        }, [row, text, shows]);
        await page.fill(`[data-testid="${id}-q"]`, 'zzz-no-such-thing');
        await page.getByTestId(`${id}-search`).click();
        await page.getByTestId(empty).waitFor();
        await cleared();
        await page.fill(`[data-testid="${id}-from"]`, from);
        await page.getByTestId(empty).waitFor();
        assert.equal(new URL(page.url()).searchParams.get('from'), from);
        await cleared();
        assert.ok((await page.evaluate(rows, row)).length > 0);
        assert.deepEqual(await accessibilityViolations(page), [], `${id} (${lang})`);
    }
    await page.getByTestId('lang-zh-CN').click();
}

let catalogue = null;
let projects = null;  // seedProjects(), by the first projects test that runs
let demo = null;  // `kashlink demo` (tests/e2e/browser.mjs), started by the first to-do home test

describe('web console', () => {
    before(async () => {
        console.log(`e2e temp dir: ${tempDir}`);
        addUser(options.binary, server.db, ADMIN);
        addUser(options.binary, server.db, LOCKED);
        addUser(options.binary, server.db, QUIET);
        addUser(options.binary, server.db, FUND);
        await server.start(options.port || (await freePort()));
        catalogue = await seedCatalogue();
        browser = await launchChromium(options.chromium);
        // One untimed load first, so that the first test does not pay for the browser's and the
        // server's cold start (the first test timed out on that once).
        const warm = await browser.newPage({ baseURL: server.baseUrl });
        await warm.goto('/login', { timeout: 120_000 });
        await warm.close();
        setupDone = true;
    });

    after(async () => {
        await browser?.close();
        await server.stop();
        await demo?.stop();
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

    e2e('signing in opens the to-do home; with nothing to do it says so and offers the role\'s pages', async ({ page }) => {
        await signIn(page, QUIET);
        await expectText(page, 'user-name', QUIET.displayName);
        await expectText(page, 'home-heading', zh('home.welcome', { name: QUIET.displayName }));
        // An auditor before any risk flag has nothing waiting (src/todo): the empty state.
        await page.getByTestId('todo-empty').waitFor();
        assert.equal(await page.getByTestId('todo-empty').locator('h2').textContent(), zh('todo.empty'));
        await page.getByTestId('todo-page-catalogue').click();
        await page.waitForURL((url) => url.pathname === '/catalogue');
    });

    // ---- the to-do home on the demo programme, as each of its roles ----------------------------------

    // The kinds of work each demo role has on the demo programme (src/demo; src/todo decides who has
    // which kind), and the page its first queue's link opens.
    const DEMO_WORK = {
        admin: ['backups_overdue'],
        fund_officer: ['payments_to_approve', 'payments_to_pay', 'risk_flags_open', 'projects_to_move'],
        county_officer: ['risk_flags_open', 'projects_to_move', 'certifications_in_notice', 'service_requests_due'],
        producer: ['proposals_to_decide', 'orders_to_ship', 'orders_to_invoice'],
        buyer: ['proposals_to_decide', 'orders_to_confirm', 'orders_to_accept'],
        logistics: ['orders_to_deliver'],
        auditor: ['risk_flags_open'],
    };
    const PHONE_WIDTH_PX = 390;
    const demoOrigin = async () => {
        demo ??= await startDemo({ binary: options.binary, db: path.join(tempDir, 'demo.sqlite'), webRoot: options.webRoot });
        return demo.baseUrl;
    };

    async function signInDemo(page, role) {
        const login = demo.logins[role];
        await page.goto('/login');
        const response = await submitLogin(page, login.username, login.password);
        assert.ok(response.ok(), `sign-in answered ${response.status()}`);
        await page.waitForURL((url) => url.pathname === '/');
        await page.getByTestId('home-heading').waitFor();
    }

    // The queues with work in them, as the API answers the signed-in page.
    async function todoQueues(page) {
        const answer = await page.request.get('/api/v1/me/todo');
        assert.equal(answer.status(), 200);
        return (await answer.json()).queues.filter((queue) => queue.count > 0);
    }

    for (const role of Object.keys(DEMO_WORK)) {
        e2e(`the demo ${role}'s home lists its work with the API's counts, links to it, in zh and en, axe-clean, at phone width`, async ({ page }) => {
            await signInDemo(page, role);
            const queues = await todoQueues(page);
            assert.deepEqual(queues.map((queue) => queue.kind).filter((kind) => DEMO_WORK[role].includes(kind)).sort(),
                [...DEMO_WORK[role]].sort(), `the ${role}'s queues: ${queues.map((q) => `${q.kind}=${q.count}`).join(', ')}`);
            if (queues.length === 0) {
                await page.getByTestId('todo-empty').waitFor();
            } else {
                await page.getByTestId('todo-list').waitFor();
                for (const queue of queues) {
                    await expectText(page, `todo-count-${queue.kind}`, String(queue.count));
                    assert.equal(await page.locator(`#todo-title-${queue.kind} span`).first().textContent(), zh(`todo.kind.${queue.kind}`));
                    // The most urgent items by name, never an id.
                    const names = await page.getByTestId(`todo-${queue.kind}`).getByTestId('todo-item-link').allTextContents();
                    assert.equal(names.length, queue.items.length);
                    for (const [i, name] of names.entries()) {
                        assert.ok(name.trim() && !name.includes(queue.items[i].id), `item ${i} of ${queue.kind} is named: ${name}`);
                    }
                }
            }
            assert.deepEqual(await accessibilityViolations(page), []);
            await page.setViewportSize({ width: PHONE_WIDTH_PX, height: 844 });
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            assert.ok(overflow <= 0, `the home is ${overflow} px wider than a ${PHONE_WIDTH_PX} px phone`);
            await page.getByTestId('lang-en').click();
            await expectText(page, 'home-heading', en('home.welcome', { name: await text(page, 'user-name') }));
            if (queues.length === 0) {
                assert.equal(await page.getByTestId('todo-empty').locator('h2').textContent(), en('todo.empty'));
                return;
            }
            const first = queues[0];
            assert.equal(await page.locator(`#todo-title-${first.kind} span`).first().textContent(), en(`todo.kind.${first.kind}`));
            await page.getByTestId(`todo-link-${first.kind}`).click();
            const target = new URL(first.route, demo.baseUrl);
            await page.waitForURL((url) => url.pathname === target.pathname && url.search === target.search);
        }, { origin: demoOrigin });
    }

    // ---- the funds-side lists on the demo programme (payments, projects, risk flags, service book) ----

    // Each list page's rows and the attribute that carries a row's record id.
    const LIST_ROWS = {
        '/payments': { row: 'payment-row', id: 'data-request-id', list: 'payments' },
        '/risk-flags': { row: 'flag-row', id: 'data-flag-id', list: 'flags' },
        '/projects': { row: 'project-row', id: 'data-project-id', list: 'projects' },
        '/servicebook': { row: 'request-row', id: 'data-request-id', list: 'requests' },
    };
    const UUID = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/i;

    // The ids of the rows a list page shows once it has loaded (all of them: "more" is pressed until
    // the list ends).
    async function listedIds(page, pathname) {
        const { row, id, list } = LIST_ROWS[pathname];
        await page.locator(`[data-testid="${row}"], [data-testid="${list}-empty"]`).first().waitFor();
        for (;;) {
            const more = page.locator(`button[data-testid="${list}-more"]:not([disabled])`);
            if (await more.count() === 0) break;
            const before = await page.getByTestId(row).count();
            await more.first().click();
            await page.waitForFunction(([testId, n]) => document.querySelectorAll(`[data-testid="${testId}"]`).length > n, [row, before]);
        }
        return page.getByTestId(row).evaluateAll((rows, name) => rows.map((r) => r.getAttribute(name)), id);
    }

    // What a list page shows must never be an id or a code: names, amounts, dates, words.
    async function assertNoRawIds(page, pathname) {
        const shown = await page.getByTestId(`${LIST_ROWS[pathname].list}-table`).innerText();
        assert.doesNotMatch(shown, UUID, `${pathname} shows an id`);
        assert.doesNotMatch(shown, /\b[a-z]+_[a-z_]+\b/, `${pathname} shows a code`);
        assert.doesNotMatch(shown, /\d+ fen\b/, `${pathname} shows fen`);
    }

    for (const role of ['fund_officer', 'county_officer', 'auditor']) {
        e2e(`the demo ${role}'s to-do links open lists of exactly their items, named, in zh and en`, async ({ page }) => {
            await signInDemo(page, role);
            const queues = (await todoQueues(page)).filter((queue) => LIST_ROWS[new URL(queue.route, demo.baseUrl).pathname]);
            assert.ok(queues.length > 0, `the demo ${role} has funds-side work`);
            if (role === 'fund_officer') assert.ok(queues.some((queue) => queue.kind === 'payments_to_approve' && queue.count >= 4), 'requests await approval');
            // A flag on the home says what it found, in words: no rule number, no code.
            const flags = queues.find((queue) => queue.kind === 'risk_flags_open');
            if (flags) {
                await page.getByTestId('todo-risk_flags_open').getByTestId('todo-item').first().waitFor();
                const notes = await page.getByTestId('todo-risk_flags_open').getByTestId('todo-item').allInnerTexts();
                for (const note of notes) assert.doesNotMatch(note, /\bR\d+\b|_/, `a risk item in words: ${note}`);
                assert.ok(notes.some((note) => note.includes('风险')), notes.join(' | '));
            }
            for (const queue of queues) {
                await page.goto('/');
                await page.getByTestId(`todo-link-${queue.kind}`).click();
                const target = new URL(queue.route, demo.baseUrl);
                await page.waitForURL((url) => url.pathname === target.pathname && url.search === target.search);
                const listed = await listedIds(page, target.pathname);
                assert.equal(listed.length, queue.count, `${queue.kind}: ${queue.route} lists ${listed.length}, the home counts ${queue.count}`);
                for (const item of queue.items) assert.ok(listed.includes(item.id), `${queue.route} lists ${item.id}`);
                if (listed.length > 0) await assertNoRawIds(page, target.pathname);
                assert.deepEqual(await accessibilityViolations(page), [], queue.route);
                // The item's own link: the record, or the list narrowed to it.
                const own = new URL(queue.items[0].route, demo.baseUrl);
                if (LIST_ROWS[own.pathname]) {
                    await page.goto(own.pathname + own.search);
                    assert.deepEqual(await listedIds(page, own.pathname), [queue.items[0].id], queue.items[0].route);
                }
            }
            // In English: the same lists, names and words in English.
            await page.goto('/');
            await page.getByTestId('lang-en').click();
            const first = queues[0];
            await page.getByTestId(`todo-link-${first.kind}`).click();
            const target = new URL(first.route, demo.baseUrl);
            await page.waitForURL((url) => url.pathname === target.pathname);
            assert.equal((await listedIds(page, target.pathname)).length, first.count);
            await assertNoRawIds(page, target.pathname);
            const headers = await page.locator(`[data-testid="${LIST_ROWS[target.pathname].list}-table"] thead`).innerText();
            assert.doesNotMatch(headers, /[\u4e00-\u9fff]/, `English headers: ${headers}`);
            await page.getByTestId('lang-zh-CN').click();
        }, { origin: demoOrigin });
    }

    e2e('the demo fund officer reads risk flags in words and searches, filters and sorts the lists', async ({ page }) => {
        await signInDemo(page, 'fund_officer');
        await page.goto('/risk-flags?q=R3');
        await page.getByTestId('flag-row').first().waitFor();
        const titles = await page.getByTestId('flag-title').allInnerTexts();
        const texts = await page.getByTestId('flag-text').allInnerTexts();
        assert.ok(titles.length > 0);
        for (const title of titles) assert.doesNotMatch(title, /[A-Za-z]/, `a Chinese title: ${title}`);
        for (const line of texts) assert.doesNotMatch(line, /\b(payments|contract|the)\b|fen\b/, `no English summary: ${line}`);
        assert.ok(titles.includes('疑似拆分采购'), titles.join(', '));
        // The nightly scan's summary, when one has run, in Chinese too.
        const scan = page.getByTestId('last-scan-summary');
        if (await scan.count() > 0) assert.doesNotMatch(await scan.innerText(), /checked|flag\(s\)/);
        // Severity filter: only high ones.
        await page.selectOption('[data-testid="flags-filter-severity"]', 'high');
        await page.waitForURL((url) => url.search.includes('severity=high'));
        await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="flag-row"]')].length > 0
            && [...document.querySelectorAll('[data-testid="flag-row"] .badge')].filter((b) => b.className.includes('severity-')).every((b) => b.className.includes('severity-high')));
        await page.getByTestId('lang-en').click();
        await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="flag-title"]')].some((t) => t.textContent === 'Possible split purchase'));
        await page.getByTestId('lang-zh-CN').click();

        // Payments: the search is the address's, the API's, and the table's.
        await page.goto('/payments');
        await page.getByTestId('payment-row').first().waitFor();
        const code = 'SH-YJ-2023-zepu-1';
        await page.fill('[data-testid="payments-q"]', code);
        await page.getByTestId('payments-search').click();
        await page.waitForURL((url) => url.searchParams.get('q') === code);
        await page.waitForFunction((wanted) => {
            const rows = [...document.querySelectorAll('[data-testid="payment-row"]')];
            return rows.length > 0 && rows.every((row) => row.textContent.includes(wanted));
        }, code);
        // A date window: only requests from the year's last weeks.
        await page.fill('[data-testid="payments-from"]', '2023-12-01');
        await page.waitForURL((url) => url.searchParams.get('from') === '2023-12-01');
        await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="payment-row"]')]
            .every((row) => row.querySelector('td').textContent >= '2023-12-01') || document.querySelector('[data-testid="payments-empty"]'));
        await page.getByTestId('payments-clear').click();
        await page.waitForURL((url) => url.search === '');
        // Sorting by amount orders the rows on screen, with aria-sort saying so.
        await page.getByTestId('payment-row').first().waitFor();
        await page.getByTestId('payments-sort-amount').click();
        await expectAttribute(page, 'th:has([data-testid="payments-sort-amount"])', 'aria-sort', 'ascending');
        const amounts = await page.locator('[data-testid="payment-row"] td.num').allInnerTexts();
        const fen = amounts.map((text) => Math.round(Number(text.replace(/[¥,]/g, '')) * 100));
        assert.deepEqual(fen, [...fen].sort((x, y) => x - y));
        // The contractor is named beside the contract, never its id.
        const contractors = await page.getByTestId('payment-contractor').allInnerTexts();
        assert.ok(contractors.every((name) => name.includes('有限公司')), contractors.slice(0, 3).join(', '));

        // Projects: several statuses at once, every year, from the address.
        await page.goto('/projects?year=all&status=planned,completed');
        await page.getByTestId('project-row').first().waitFor();
        const statuses = await page.getByTestId('project-row').evaluateAll((rows) => [...new Set(rows.map((r) => r.dataset.status))].sort());
        assert.ok(statuses.every((status) => ['completed', 'planned'].includes(status)), statuses.join(','));
        await page.fill('[data-testid="projects-q"]', '泽普');
        await page.getByTestId('projects-search').click();
        await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="project-row"]')].every((row) => row.textContent.includes('泽普')));
        assert.deepEqual(await accessibilityViolations(page), []);
    }, { origin: demoOrigin });

    e2e('the demo Shache county officer sees only Shache\'s payments, projects and flags, in zh and en', async ({ page }) => {
        await signInDemo(page, 'county_officer');
        for (const [pathname, list, column] of [['/payments', 'payments', 4], ['/projects?year=all', 'projects', 2], ['/risk-flags', 'flags', 4]]) {
            await page.goto(pathname);
            const rows = page.locator(`[data-testid="${list}-table"] tbody tr`);
            await rows.first().waitFor();
            const counties = await rows.evaluateAll((list, index) => [...new Set(list.map((row) => row.children[index].textContent.trim()))], column);
            assert.deepEqual(counties, ['莎车'], `${pathname}: ${counties.join(', ')}`);
        }
        await page.getByTestId('lang-en').click();
        await page.goto('/payments');
        await page.locator('[data-testid="payments-table"] tbody tr').first().waitFor();
        const counties = await page.locator('[data-testid="payments-table"] tbody tr').evaluateAll((list) => [...new Set(list.map((row) => row.children[4].textContent.trim()))]);
        assert.deepEqual(counties, [en('county.shache')]);
        await assertNoRawIds(page, '/payments');
        await page.getByTestId('lang-zh-CN').click();
    }, { origin: demoOrigin });

    e2e('the demo buyer confirms an order and its home counts one order fewer to confirm', async ({ page }) => {
        await signInDemo(page, 'buyer');
        const before = (await todoQueues(page)).find((queue) => queue.kind === 'orders_to_confirm');
        assert.ok(before && before.count >= 2, 'the demo buyer has intents to confirm');
        await expectText(page, 'todo-count-orders_to_confirm', String(before.count));
        await page.getByTestId('todo-orders_to_confirm').getByTestId('todo-item-link').first().click();
        await page.waitForURL((url) => url.pathname === `/orders/${before.items[0].id}`);
        await page.getByTestId('order-action-confirm').click();
        const [confirmed] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith(`/api/v1/orders/${before.items[0].id}/confirm`)),
            confirmInDialog(page),
        ]);
        assert.equal(confirmed.status(), 200, await confirmed.text());
        await page.getByTestId('nav-home').click();
        await expectText(page, 'todo-count-orders_to_confirm', String(before.count - 1));
    }, { origin: demoOrigin });

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
        await signIn(page, QUIET);
        await expectText(page, 'nav-home', zh('nav.home'));
        await page.getByTestId('lang-en').click();
        await expectText(page, 'nav-home', en('nav.home'));
        await expectText(page, 'home-heading', en('home.welcome', { name: QUIET.displayName }));
        assert.equal(await page.getByTestId('todo-empty').locator('h2').textContent(), en('todo.empty'));
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


    e2e('a page opened again asks for its data once, started before the main script; signing out forgets it', async ({ page }) => {
        await signIn(page);
        await page.goto('/orders');
        await page.locator('[data-testid="order-row"], [data-testid="orders-empty"]').first().waitFor();
        const plans = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}'), 'kashlink.early');
        assert.ok(plans['admin /orders']?.paths?.some((p) => p.startsWith('orders?')), JSON.stringify(plans));
        const asked = [];
        page.on('request', (request) => {
            const url = new URL(request.url());
            if (url.pathname === '/api/v1/orders' || url.pathname === '/api/v1/me') asked.push(url.pathname);
        });
        // Which script called fetch: the call's stack names its file (assets/early-… or assets/main-…).
        await page.addInitScript(() => {
            const fetchOf = window.fetch.bind(window);
            window.klFetchedBy = [];
            window.fetch = (input, init) => {
                window.klFetchedBy.push({ url: String(input), by: /assets\/(early|main)-/.exec(new Error().stack)?.[1] ?? '?' });
                return fetchOf(input, init);
            };
        });
        await page.reload();
        await page.locator('[data-testid="order-row"], [data-testid="orders-empty"]').first().waitFor();
        assert.deepEqual(asked.sort(), ['/api/v1/me', '/api/v1/orders'], 'each asked once');
        const fetchedBy = await page.evaluate(() => window.klFetchedBy.filter((f) => /^\/api\/v1\/(me|orders)\b/.test(f.url)));
        assert.deepEqual(fetchedBy.map((f) => f.by), ['early', 'early'], `early.js started them: ${JSON.stringify(fetchedBy)}`);
        assert.equal(await page.evaluate(() => window.__kashlinkEarlyRequests), true, 'the main script adopted them');
        await page.getByTestId('user-menu').click();
        await page.getByTestId('sign-out').click();
        await page.waitForURL((url) => url.pathname === '/login');
        assert.equal(await page.evaluate((key) => localStorage.getItem(key), 'kashlink.early'), null, 'forgotten at sign-out');
    });

    // ---- catalogue ---------------------------------------------------------------------------------

    e2e('the public browses the catalogue and a product without signing in', async ({ page }) => {
        await page.goto('/catalogue');
        await expectText(page, 'catalogue-heading', zh('catalogue.heading'));
        assert.equal(new URL(page.url()).pathname, '/catalogue', 'no redirect to the login page');
        await page.getByTestId('nav-sign-in').waitFor();
        await expectCards(page, CATALOGUE_PAGE_SIZE);
        await page.getByTestId('product-card-link').filter({ hasText: '叶城薄皮核桃' }).click();
        await page.waitForURL((url) => url.pathname === `/products/${catalogue.walnut.id}`);
        await expectText(page, 'product-heading', '叶城薄皮核桃');
        await expectAttribute(page, '[data-testid="product-cert"]', 'data-status', 'certified');
        assert.equal(await page.getByTestId('product-edit').count(), 0, 'no edit button for the public');
        assert.equal(await page.getByTestId('certify-form').count(), 0);
    });

    e2e('searching over Chinese and English names, and filtering by county, category and certification', async ({ page }) => {
        await signIn(page);
        await page.getByTestId('nav-catalogue').click();
        await page.waitForURL((url) => url.pathname === '/catalogue');
        await expectCards(page, CATALOGUE_PAGE_SIZE);

        await page.fill('#catalogue-q', '核桃');
        await page.getByTestId('catalogue-search').click();
        await expectCards(page, 2);
        assert.deepEqual((await cardNames(page)).sort(), ['叶城核桃仁', '叶城薄皮核桃']);
        assert.equal(new URL(page.url()).searchParams.get('q'), '核桃');

        await page.fill('#catalogue-q', 'ALMOND');
        await page.getByTestId('catalogue-search').click();
        await expectCards(page, 1);
        assert.deepEqual(await cardNames(page), ['莎车巴旦木']);
        // The lowest list price (grade B): ¥38.00 per jin is also ¥76.00 per kg.
        await expectText(page, 'product-card-price', `¥38.00/${zh('catalog.unit.jin')}≈ ¥76.00/${zh('catalog.unit.kg')}`);

        await page.getByTestId('filters-clear').click();
        await page.selectOption('[data-testid="filter-county"]', 'yecheng');
        await expectCards(page, 2);
        assert.deepEqual((await cardNames(page)).sort(), ['叶城核桃仁', '叶城薄皮核桃']);

        await page.selectOption('[data-testid="filter-county"]', 'shache');
        await page.selectOption('[data-testid="filter-category"]', 'fresh_fruit');
        await expectCards(page, 1);
        assert.deepEqual(await cardNames(page), ['巴楚留香瓜']);
        await expectText(page, 'product-card-county', '莎车县');

        await page.selectOption('[data-testid="filter-county"]', '');
        await page.selectOption('[data-testid="filter-category"]', 'nuts_dried_fruit');
        await expectCards(page, 3);
        await page.getByTestId('filter-certified').check();
        await expectCards(page, 1);
        assert.deepEqual(await cardNames(page), ['叶城薄皮核桃']);
        await expectAttribute(page, '[data-testid="product-card-cert"]', 'data-status', 'certified');

        // The filters are the address: a reload shows the same result.
        const address = new URL(page.url());
        assert.equal(address.search, '?category=nuts_dried_fruit&certified=1');
        await page.reload();
        await expectCards(page, 1);
        assert.equal(await page.isChecked('[data-testid="filter-certified"]'), true);

        // The CSV link exports what the filters select: the one certified nut, every row, no page.
        const href = await page.getAttribute('[data-testid="export-csv"]', 'href');
        const exported = new URL(href, page.url());
        assert.equal(exported.pathname, '/api/v1/exports/products.csv');
        assert.equal(exported.searchParams.get('category'), 'nuts_dried_fruit');
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
        const csv = await fs.promises.readFile(await download.path(), 'utf8');
        const rows = csv.trim().split('\r\n');
        assert.equal(rows.length, 2, csv);
        assert.ok(rows[1].includes('叶城薄皮核桃'), rows[1]);
    });

    e2e('a long result loads its next page with "load more"', async ({ page }) => {
        await page.goto('/catalogue?category=handicrafts_culture');
        await expectCards(page, CATALOGUE_PAGE_SIZE);
        const [response] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/products' && new URL(r.url()).searchParams.has('cursor')),
            page.getByTestId('load-more').click(),
        ]);
        assert.ok(response.ok());
        await expectCards(page, CRAFT_COUNT);
        await expectText(page, 'list-end', zh('list.end', { count: CRAFT_COUNT }));
        assert.equal(new Set(await cardNames(page)).size, CRAFT_COUNT, 'no product is listed twice');
        // A piece sold by count has a price per piece and no per-kg equivalent.
        const prices = await page.getByTestId('product-card-price').allTextContents();
        assert.ok(prices.every((price) => price.endsWith(`/${zh('catalog.unit.piece')}`)), prices.join(' | '));
    });

    // Issue 14 item 5: the list carries each product's "from" price, so a page of 24 cards costs one
    // list request and no request per product for its standard (it cost 24 more before).
    e2e('a catalogue page costs one list request and none per product', async ({ page }) => {
        const apiCalls = [];
        page.on('request', (request) => {
            const url = new URL(request.url());
            if (url.pathname.startsWith('/api/')) apiCalls.push(url.pathname);
        });
        await page.goto('/catalogue?category=handicrafts_culture');
        await expectCards(page, CATALOGUE_PAGE_SIZE);
        await expectText(page, 'catalogue-count', zh('catalogue.shownMore', { count: CATALOGUE_PAGE_SIZE }));
        const prices = await page.getByTestId('product-card-price').allTextContents();
        assert.equal(prices.length, CATALOGUE_PAGE_SIZE, 'every card shows its price');
        assert.equal(apiCalls.filter((p) => p === '/api/v1/products').length, 1, apiCalls.join(' '));
        assert.deepEqual(apiCalls.filter((p) => /^\/api\/v1\/products\/./.test(p)), [], 'no per-product request');
    });

    e2e('a product page lays out its standard, the price table by grade and tier, and its certificates', async ({ page }) => {
        await page.goto(`/products/${catalogue.walnut.id}`);
        await expectText(page, 'product-heading', '叶城薄皮核桃');
        await expectText(page, 'product-secondary-name', 'Yecheng thin-shell walnuts');
        await expectText(page, 'product-county', '叶城县');
        const criteria = await page.locator('[data-grade="A"] [data-testid="criterion-range"]').allTextContents();
        assert.deepEqual(criteria, ['≥ 32 mm', '55–70 %']);
        // ¥120.00 per box of 5 kg: ¥24.00 per kg, ¥12.00 per jin; from 100 boxes ¥115.00.
        const listA = await page.locator('[data-testid="price-table"] tr[data-grade="A"] [data-testid="list-price"]').textContent();
        assert.equal(listA, `¥120.00/${zh('catalog.unit.boxOf', { weight: '5公斤' })}≈ ¥24.00/${zh('catalog.unit.kg')} · ¥12.00/${zh('catalog.unit.jin')}`);
        const rowA = await page.locator('[data-testid="price-table"] tr[data-grade="A"]').textContent();
        assert.ok(rowA.includes('¥115.00'), rowA);
        await expectText(page, 'storage-temperature', '0 – 10 °C');
        await expectText(page, 'cold-chain', zh('coldChain.chilled_0_10'));
        await expectText(page, 'cert-no', 'YC-E2E-0001');
        await expectAttribute(page, '[data-testid="cert-status"]', 'data-status', 'certified');
        await expectText(page, 'cert-status', zh('cert.status.certified'));
    });

    e2e('switching language on the catalogue changes its labels, names and units', async ({ page }) => {
        await page.goto('/catalogue?q=almond');
        await expectCards(page, 1);
        await expectText(page, 'catalogue-heading', zh('catalogue.heading'));
        assert.deepEqual(await cardNames(page), ['莎车巴旦木']);
        await page.getByTestId('lang-en').click();
        await expectText(page, 'catalogue-heading', en('catalogue.heading'));
        await expectText(page, 'nav-catalogue', en('nav.catalogue'));
        await expectText(page, 'product-card-link', 'Shache almonds');
        await expectText(page, 'product-card-county', 'Shache County');
        await expectText(page, 'product-card-price', `¥38.00/${en('catalog.unit.jin')}≈ ¥76.00/${en('catalog.unit.kg')}`);
        assert.equal(await page.locator('[data-testid="filter-county"] option').first().textContent(), en('catalogue.allCounties'));
        await expectAttribute(page, 'html', 'lang', 'en');
        await page.getByTestId('lang-zh-CN').click();
        await expectText(page, 'catalogue-heading', zh('catalogue.heading'));
        await expectText(page, 'product-card-link', '莎车巴旦木');
    });

    e2e('creating a product shows the API\'s field errors at their inputs, then succeeds once fixed', async ({ page }) => {
        await signIn(page, PRODUCER_A);
        await page.goto('/catalogue');
        await page.getByTestId('product-new').click();
        await page.waitForURL((url) => url.pathname === '/products/new');
        await page.getByTestId('product-form').waitFor();
        // Name left empty; a grade whose criterion has min 90 > max 80 mm.
        await page.fill('#f-name_en', 'Yecheng walnut gift box');
        await page.selectOption('#f-category_id', 'nuts_dried_fruit');
        await page.selectOption('#f-unit-kind', 'box');
        await page.fill('#f-unit-net_g', '2.5');
        await page.fill('#f-standard-grades-0-code', 'A');
        await page.fill('#f-standard-grades-0-name_zh', '特级');
        await page.fill('#f-standard-pricing-list_prices-0-price_fen', '88.5');
        await page.getByTestId('criterion-add').click();
        await page.selectOption('#f-standard-grades-0-criteria-0-metric', 'diameter_mm');
        await page.fill('#f-standard-grades-0-criteria-0-min', '90');
        await page.fill('#f-standard-grades-0-criteria-0-max', '80');
        await page.fill('#f-standard-packaging-net_weight_g', '2.5');
        await page.fill('#f-standard-storage-temperature_min_c_x10', '-1.5');
        await page.fill('#f-standard-storage-temperature_max_c_x10', '8');
        await page.fill('#f-standard-storage-humidity_min_pct', '40');
        await page.fill('#f-standard-storage-humidity_max_pct', '65');
        await page.fill('#f-standard-storage-shelf_life_days', '300');
        await page.locator('input[name="standard/channels"][value="supermarket"]').check();
        const [refused] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/products' && r.request().method() === 'POST'),
            page.getByTestId('product-save').click(),
        ]);
        assert.equal(refused.status(), 400, 'the API refuses the product');
        const problem = await refused.json();
        const fields = problem.errors.map((error) => error.field);
        assert.ok(fields.includes('name_zh'), `errors: ${fields}`);
        assert.ok(fields.some((field) => field.startsWith('standard/grades/0/criteria/0/')), `errors: ${fields}`);
        // Each message is shown next to its input: the API's words, in Chinese when the console knows them.
        const nameError = problem.errors.find((error) => error.field === 'name_zh');
        assert.notEqual(localizeServerMessage(nameError, 'zh-CN'), nameError.message, `"${nameError.message}" (${nameError.code}) is translated`);
        await expectText(page, 'f-name_zh-error', localizeServerMessage(nameError, 'zh-CN'));
        await expectAttribute(page, '#f-name_zh', 'aria-invalid', 'true');
        const criterion = problem.errors.find((error) => error.field.startsWith('standard/grades/0/criteria/0/'));
        const criterionInput = criterion.field.endsWith('/min') ? 'min' : 'max';
        await expectText(page, `f-standard-grades-0-criteria-0-${criterionInput}-error`, localizeServerMessage(criterion, 'zh-CN'));
        await expectAttribute(page, `#f-standard-grades-0-criteria-0-${criterionInput}`, 'aria-invalid', 'true');
        await expectText(page, 'product-form-error', zh('validation.fixBelow'));
        assert.equal(new URL(page.url()).pathname, '/products/new', 'still on the form, with what was typed');
        assert.equal(await page.inputValue('#f-name_en'), 'Yecheng walnut gift box');

        await page.fill('#f-name_zh', '叶城核桃礼盒');
        await page.fill('#f-standard-grades-0-criteria-0-max', '95');
        const [created] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/products' && r.request().method() === 'POST'),
            page.getByTestId('product-save').click(),
        ]);
        assert.equal(created.status(), 201, `answered ${created.status()}: ${await created.text()}`);
        const product = await created.json();
        assert.equal(product.producer_id, catalogue.a.id, 'a producer creates for its own organisation');
        await page.waitForURL((url) => url.pathname === `/products/${product.id}`);
        await expectText(page, 'product-notice', zh('product.created'));
        await expectText(page, 'product-heading', '叶城核桃礼盒');
        const criteria = await page.locator('[data-grade="A"] [data-testid="criterion-range"]').allTextContents();
        assert.deepEqual(criteria, ['90–95 mm']);
        await expectText(page, 'storage-temperature', '-1.5 – 8 °C');
        await page.getByTestId('product-edit').waitFor();
    });


    e2e('a producer edits its own product: the standard and the fields are saved together', async ({ page }) => {
        await signIn(page, PRODUCER_A);
        await page.goto(`/products/${catalogue.kernels.id}`);
        await page.getByTestId('product-edit').click();
        await page.waitForURL((url) => url.pathname === `/products/${catalogue.kernels.id}/edit`);
        await page.getByTestId('product-form').waitFor();
        assert.equal(await page.inputValue('#f-standard-pricing-list_prices-1-price_fen'), '56.00');
        await page.fill('#f-name_en', 'Yecheng walnut kernels, shelled');
        await page.fill('#f-standard-pricing-list_prices-1-price_fen', '59.5');
        await page.fill('#f-standard-pricing-tiers-0-grade-1', '57');
        const [standardSaved] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith(`/api/v1/products/${catalogue.kernels.id}/standard`) && r.request().method() === 'PUT'),
            page.getByTestId('product-save').click(),
        ]);
        assert.equal(standardSaved.status(), 200, await standardSaved.text());
        await page.waitForURL((url) => url.pathname === `/products/${catalogue.kernels.id}`);
        await expectText(page, 'product-notice', zh('product.saved'));
        await expectText(page, 'product-secondary-name', 'Yecheng walnut kernels, shelled');
        const rowB = await page.locator('[data-testid="price-table"] tr[data-grade="B"]').textContent();
        assert.ok(rowB.includes('¥59.50') && rowB.includes('¥57.00'), rowB);
        const standard = await (await fetch(`${server.baseUrl}/api/v1/products/${catalogue.kernels.id}/standard`)).json();
        assert.equal(standard.version, 2, 'the standard has a new version');
        assert.deepEqual(standard.standard.pricing.tiers, [{ min_quantity: 100, prices: [{ grade: 'A', price_fen: 6300 }, { grade: 'B', price_fen: 5700 }] }]);
    });

    e2e('a producer opening another producer\'s product edit page is refused', async ({ page }) => {
        await signIn(page, PRODUCER_B);
        await page.goto(`/products/${catalogue.walnut.id}`);
        await expectText(page, 'product-heading', '叶城薄皮核桃');
        assert.equal(await page.getByTestId('product-edit').count(), 0, 'no edit button on another producer\'s product');
        await page.goto(`/products/${catalogue.walnut.id}/edit`);
        await expectText(page, 'refusal-heading', zh('product.refused.title'));
        await expectText(page, 'refusal-text', zh('product.refused.text'));
        assert.equal(await page.getByTestId('product-form').count(), 0, 'no form is shown');
        // The refusal is the API's: a save from this session is answered 403 and changes nothing.
        const answer = await page.evaluate(async (id) => {
            const csrf = document.cookie.split('; ').find((pair) => pair.startsWith('kl_csrf='))?.slice('kl_csrf='.length) ?? '';
            const response = await fetch(`/api/v1/products/${id}`, {
                method: 'PUT',
                headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) },
                body: JSON.stringify({ name_zh: '改名', name_en: 'Renamed', category_id: 'nuts_dried_fruit', unit: { kind: 'box', net_g: 5000 }, status: 'active' }),
            });
            return response.status;
        }, catalogue.walnut.id);
        assert.equal(answer, 403);
        await page.getByTestId('refusal-back').click();
        await expectText(page, 'product-heading', '叶城薄皮核桃');
    });

    e2e('a county officer certifies a product of its county: field errors first, then in notice', async ({ page }) => {
        await signIn(page, OFFICER);
        await page.goto(`/products/${catalogue.kernels.id}`);
        await expectText(page, 'product-heading', '叶城核桃仁');
        await page.getByTestId('cert-empty').waitFor();
        await page.getByTestId('certify-form').waitFor();
        await page.fill('#cert-certificate-no', 'YC-E2E-0002');
        await page.fill('#cert-notice-days', 'seven');
        const [refused] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith(`/api/v1/products/${catalogue.kernels.id}/certifications`) && r.request().method() === 'POST'),
            page.getByTestId('certify-submit').click(),
        ]);
        assert.equal(refused.status(), 400);
        await page.getByTestId('cert-notice-days-error').waitFor();
        await expectAttribute(page, '#cert-notice-days', 'aria-invalid', 'true');
        await page.fill('#cert-notice-days', '7');
        const [created] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith(`/api/v1/products/${catalogue.kernels.id}/certifications`) && r.request().method() === 'POST'),
            page.getByTestId('certify-submit').click(),
        ]);
        assert.equal(created.status(), 201, await created.text());
        await expectText(page, 'cert-no', 'YC-E2E-0002');
        await expectAttribute(page, '[data-testid="cert-status"]', 'data-status', 'in_notice');
        await expectText(page, 'cert-status', zh('cert.status.in_notice'));
        // Revoked today with a reason: the history says so at once.
        await page.getByTestId('revoke-open').click();
        await page.fill('#revoke-reason', '抽检不合格');
        const [revoked] = await Promise.all([
            page.waitForResponse((r) => /\/api\/v1\/certifications\/[^/]+\/revoke$/.test(new URL(r.url()).pathname)),
            page.getByTestId('revoke-submit').click(),
        ]);
        assert.equal(revoked.status(), 200, await revoked.text());
        await expectAttribute(page, '[data-testid="cert-status"]', 'data-status', 'revoked');
        await expectText(page, 'cert-revoked', formatDate(Date.now()));
        // A product of another county offers no certification form.
        await page.goto(`/products/${catalogue.almond.id}`);
        await expectText(page, 'product-heading', '莎车巴旦木');
        await page.getByTestId('certifications').waitFor();
        assert.equal(await page.getByTestId('certify-form').count(), 0);
    });

    e2e('organisation pages: filters, the detail with its products', async ({ page }) => {
        await signIn(page);
        await page.getByTestId('nav-organisations').click();
        await page.waitForURL((url) => url.pathname === '/organisations');
        await page.selectOption('[data-testid="org-filter-kind"]', 'cooperative');
        await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="org-link"]')].map((a) => a.textContent).join('|') === '莎车县巴旦木农民专业合作社');
        await page.selectOption('[data-testid="org-filter-kind"]', '');
        await page.selectOption('[data-testid="org-filter-county"]', 'yecheng');
        await page.getByTestId('org-link').filter({ hasText: '叶城县核桃产业有限公司' }).click();
        await page.waitForURL((url) => url.pathname === `/organisations/${catalogue.a.id}`);
        await expectText(page, 'org-name', '叶城县核桃产业有限公司');
        await expectText(page, 'org-kind', zh('orgKind.enterprise'));
        await expectText(page, 'org-credit-code', catalogue.a.credit_code);
        await page.getByTestId('org-supply-links').waitFor();
        const products = page.locator('[data-testid="org-product"] a');
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="org-product"]').length >= 2);
        const names = await products.allTextContents();
        assert.ok(names.includes('叶城薄皮核桃') && names.includes('叶城核桃仁'), names.join(', '));
        assert.ok(!names.includes('莎车巴旦木'));
    });

    e2e('a buyer confirms its intended order and sees the timeline; another buyer is refused it', async ({ page, context }) => {
        const admin = await tokenOf(ADMIN);
        const buyers = [];
        for (const [n, district] of [[1, 'pudong'], [2, 'xuhui']]) {
            buyers.push(await addBuyer(admin, { name: `E2E 采购单位 ${n}`, district, channel: 'budget_unit', creditCode17: `12310115MB0E2E00${n}` },
                { username: `e2e-buyer-${n}`, displayName: `E2E Buyer ${n}` }));
        }
        const token = await tokenOf(buyers[0].user);
        const order = await placeOrder(token, `e2e-${PASSWORD}`, {
            buyer_id: buyers[0].organisation.id, seller_id: catalogue.a.id, channel: 'fair_intent', delivery_district: 'pudong',
            delivery_date: addDays(formatDate(Date.now()), 30), lines: [{ product_id: catalogue.walnut.id, grade: 'A', quantity: 40, unit_price_fen: 12000 }],
        });

        await signIn(page, buyers[0].user);
        await page.goto(`/orders/${order.id}`);
        await expectText(page, 'order-status', zh('orderStatus.intent'));
        await expectText(page, 'order-total', '¥4,800.00');
        // A dialog repeats the amount and both parties first; nothing is sent until it is confirmed.
        let sent = 0;
        page.on('request', (request) => { if (new URL(request.url()).pathname === `/api/v1/orders/${order.id}/confirm`) sent += 1; });
        await page.getByTestId('order-action-confirm').click();
        const facts = await page.getByTestId('confirm-facts').textContent();
        assert.ok(facts.includes('¥4,800.00') && facts.includes(order.seller_name) && facts.includes(order.buyer_name), facts);
        assert.deepEqual(await accessibilityViolations(page), [], 'the open dialog');
        await page.getByTestId('confirm-no').click();
        assert.equal(sent, 0, 'going back sends nothing');
        await page.getByTestId('order-action-confirm').click();
        await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/orders/${order.id}/confirm`),
            page.getByTestId('confirm-yes').click(),
        ]);
        await expectText(page, 'order-status', zh('orderStatus.confirmed'));
        await expectText(page, 'order-action-done', zh('order.actionDone', { action: zh('orderAction.confirm') }));
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="order-event"]').length === 2);
        const steps = await page.locator('[data-testid="order-event"]').evaluateAll((items) => items.map((item) => item.dataset.action));
        assert.deepEqual(steps, ['create', 'confirm']);
        // A buyer may cancel a confirmed order but not ship it: only its own actions are offered.
        await page.getByTestId('order-action-cancel').waitFor();
        assert.equal(await page.getByTestId('order-action-ship').count(), 0);
        await page.goto('/orders');
        await page.getByTestId('order-row').first().waitFor();

        await context.clearCookies();
        await signIn(page, buyers[1].user);
        await page.goto(`/orders/${order.id}`);
        await page.getByTestId('order-error').waitFor();
        assert.equal(await page.getByTestId('order-status').count(), 0);
        const refused = await fetch(`${server.baseUrl}/api/v1/orders/${order.id}/cancel`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${await tokenOf(buyers[1].user)}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ reason: 'not mine' }),
        });
        assert.equal(refused.status, 403);
    });

    // Issue 14 item 5: lists are real tables — newest first, searched and dated by the API (orders),
    // or here over a short loaded list (users); headers sort with aria-sort; in zh and en.
    e2e('the orders list is newest first, searched, dated and sorted by its headers', async ({ page }) => {
        const admin = await tokenOf(ADMIN);
        const buyer = await call(admin, 'POST', 'organisations', {
            name: 'E2E 列表采购单位', kind: 'buyer', district: 'putuo', channel: 'budget_unit', credit_code: creditCode('12310107MB0E2E031'),
        });
        const placed = [];
        for (const [n, quantity] of [[1, 30], [2, 5]]) {
            placed.push(await placeOrder(admin, `e2e-list-${n}-${PASSWORD}`, {
                buyer_id: buyer.id, seller_id: catalogue.a.id, channel: 'canteen', delivery_district: 'putuo',
                delivery_date: addDays(formatDate(Date.now()), 9), lines: [{ product_id: catalogue.walnut.id, grade: 'A', quantity, unit_price_fen: 12000 }],
            }));
        }
        await signIn(page);
        await page.goto('/orders');
        await page.getByTestId('order-row').first().waitFor();
        assert.equal(await page.getByTestId('order-row').first().getAttribute('data-order-id'), placed[1].id, 'newest first');
        await expectAttribute(page, 'th:has([data-testid="orders-sort-date"])', 'aria-sort', 'descending');

        await page.fill('[data-testid="orders-q"]', '列表采购');
        await page.getByTestId('orders-search').click();
        await page.waitForURL((url) => url.searchParams.get('q') === '列表采购');
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="order-row"]').length === 2);
        const ids = () => page.locator('[data-testid="order-row"]').evaluateAll((rows) => rows.map((row) => row.dataset.orderId));
        assert.deepEqual(await ids(), [placed[1].id, placed[0].id]);
        await page.getByTestId('orders-sort-total').click();
        await expectAttribute(page, 'th:has([data-testid="orders-sort-total"])', 'aria-sort', 'ascending');
        assert.deepEqual(await ids(), [placed[1].id, placed[0].id], 'the ¥600 order before the ¥3,600 one');
        await page.getByTestId('orders-sort-total').click();
        await expectAttribute(page, 'th:has([data-testid="orders-sort-total"])', 'aria-sort', 'descending');
        assert.deepEqual(await ids(), [placed[0].id, placed[1].id]);
        await expectAttribute(page, 'th:has([data-testid="orders-sort-date"])', 'aria-sort', 'none');

        // A date range after today finds none; clearing brings the list back.
        await page.fill('[data-testid="orders-from"]', addDays(formatDate(Date.now()), 1));
        await page.getByTestId('orders-empty').waitFor();
        assert.ok(new URL(page.url()).searchParams.has('from'));
        await page.getByTestId('orders-clear').click();
        await page.getByTestId('order-row').first().waitFor();
        assert.deepEqual(await accessibilityViolations(page), [], 'the orders table');

        await page.getByTestId('lang-en').click();
        await page.waitForFunction((label) => document.querySelector('[data-testid="orders-sort-total"]')?.textContent.startsWith(label), en('orders.total'));
        assert.equal(await page.locator('[data-testid="orders-window"] legend').textContent(), en('orders.dates'));
        await page.fill('[data-testid="orders-q"]', placed[0].id);
        await page.getByTestId('orders-search').click();
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="order-row"]').length === 1);
        assert.deepEqual(await ids(), [placed[0].id]);

        // The users list, short and loaded whole, is searched on the page.
        await page.goto('/users');
        await page.getByTestId('user-row').first().waitFor();
        await page.fill('[data-testid="users-q"]', 'e2e-fund');
        await page.getByTestId('users-search').click();
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="user-row"]').length === 1);
        assert.equal(await page.getByTestId('user-row').getAttribute('data-username'), FUND.username);
        await expectAttribute(page, 'th:has([data-testid="users-sort-created"])', 'aria-sort', 'descending');
        assert.deepEqual(await accessibilityViolations(page), [], 'the users table in English');
        await page.getByTestId('lang-zh-CN').click();
    });

    e2e('a buyer orders from a product page at the standard\'s tier price, on a channel the standard lists', async ({ page }) => {
        const admin = await tokenOf(ADMIN);
        const { user } = await addBuyer(admin, { name: 'E2E 超市采购部', district: 'minhang', channel: 'supermarket', creditCode17: '12310112MB0E2E010' },
            { username: 'e2e-buyer-shop', displayName: 'E2E Shop Buyer' });
        await signIn(page, user);
        await page.goto(`/products/${catalogue.walnut.id}`);
        await page.getByTestId('order-form').waitFor();
        // The buyer's own channel and district are the defaults; only the standard's channels are offered.
        await expectValue(page, '#order-channel', 'supermarket');
        await expectValue(page, '#order-district', 'minhang');
        const offered = await page.locator('[data-testid="order-channel"] option').evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
        assert.deepEqual(offered, ['supermarket', 'fair_intent', 'wholesale', 'canteen']);
        // 100 boxes of grade A: the tier price (¥115.00 instead of the list price ¥120.00).
        await expectValue(page, '#order-price', '120.00');
        await page.fill('#order-quantity', '100');
        await expectValue(page, '#order-price', '115.00');
        await page.getByTestId('order-submit').click();
        await page.waitForURL((url) => url.pathname.startsWith('/orders/'));
        await expectText(page, 'order-status', zh('orderStatus.confirmed'));
        await expectText(page, 'order-total', '¥11,500.00');
    });

    e2e('an accepted aid sale appears on the aid-sales dashboard and the home page card', async ({ page }) => {
        const admin = await tokenOf(ADMIN);
        const buyer = await call(admin, 'POST', 'organisations', {
            name: 'E2E 看板采购单位', kind: 'buyer', district: 'jingan', channel: 'budget_unit', credit_code: creditCode('12310106MB0E2E009'),
        });
        // A canteen order of the certified walnuts (Yecheng), shipped, delivered and accepted: one aid sale.
        const placed = await fetch(`${server.baseUrl}/api/v1/orders`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json', 'Idempotency-Key': `e2e-dashboard-${PASSWORD}` },
            body: JSON.stringify({
                buyer_id: buyer.id, seller_id: catalogue.a.id, channel: 'canteen', delivery_district: 'jingan',
                delivery_date: addDays(formatDate(Date.now()), 7), lines: [{ product_id: catalogue.walnut.id, grade: 'A', quantity: 10, unit_price_fen: 12000 }],
            }),
        });
        assert.equal(placed.status, 201, await placed.clone().text());
        const order = await placed.json();
        for (const step of ['ship', 'deliver', 'accept']) await call(admin, 'POST', `orders/${order.id}/${step}`, {});
        const report = await call(admin, 'GET', `reports/aid-sales?group_by=county&year=${new Date().getFullYear()}`);
        assert.ok(report.rows.some((row) => row.keys.county === 'yecheng'), JSON.stringify(report));

        await signIn(page);
        await page.getByTestId('home-aid-sales').waitFor();
        await chartDrawn(page, 'home-chart-county');
        const homeRows = await page.getByTestId('home-chart-county-row').allTextContents();
        assert.ok(homeRows.some((row) => row.includes('叶城')), `home rows: ${homeRows}`);

        await page.getByTestId('home-aid-more').click();
        await page.waitForURL((url) => url.pathname === '/reports');
        for (const chart of ['chart-county', 'chart-month']) await chartDrawn(page, chart);
        const rows = await page.getByTestId('chart-county-row').allTextContents();
        assert.ok(rows.some((row) => row.includes('叶城')), `county rows: ${rows}`);
        assert.ok(await page.getByTestId('chart-month-row').count() >= 1);
        await expectAttribute(page, '[data-testid="chart-county-canvas"]', 'aria-label', zh('reports.byCounty'));

        // Each chart's figures download as the CSV of what it shows.
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-county-csv').click()]);
        assert.equal(download.suggestedFilename(), `aid-sales-by-county-${new Date().getFullYear()}.csv`);
        const csv = (await fs.promises.readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
        assert.equal(csv[0], 'county,county_name,amount_fen,amount_yuan');
        assert.ok(csv.some((line) => line.startsWith('yecheng,叶城,')), csv.join(' | '));

        // In English: the charts' names, their tables' headings and the county names follow.
        await page.getByTestId('lang-en').click();
        await expectAttribute(page, '[data-testid="chart-month-canvas"]', 'aria-label', en('reports.byMonth'));
        await chartDrawn(page, 'chart-month');
        const headings = await page.locator('[data-testid="chart-month-table"] thead th').allTextContents();
        assert.equal(headings[0], en('chart.month'));
        assert.ok(headings.includes('Yecheng'), headings.join(' | '));
        const [english] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-month-csv').click()]);
        const monthly = await fs.promises.readFile(await english.path(), 'utf8');
        assert.ok(monthly.includes(',yecheng,Yecheng,'), monthly);
        await page.getByTestId('lang-zh-CN').click();
    });

    e2e('a fund officer sees the zero-balance account tree and a verified audit chain', async ({ page }) => {
        const token = await tokenOf(FUND);
        const id = (n) => n.toString(16).padStart(32, '0');
        await call(token, 'POST', 'funds/receipts', { id: id(0xe2e1), amount_fen: 500_000_000 });
        await call(token, 'POST', 'funds/quota-grants', { id: id(0xe2e2), amount_fen: 400_000_000 });
        await call(token, 'POST', 'funds/county-allocations', { id: id(0xe2e3), county_code: 'yecheng', amount_fen: 150_000_000 });
        await signIn(page, FUND);
        const projectCalls = [];
        page.on('request', (request) => { if (/\/api\/v1\/projects\//.test(new URL(request.url()).pathname)) projectCalls.push(request.url()); });
        await page.goto('/funds');
        await expectText(page, 'funds-zero', zh('funds.zeroHold'));
        const yecheng = page.locator('[data-testid="funds-node-county"][data-county="yecheng"]');
        await yecheng.waitFor();
        const balances = await yecheng.locator(':scope > table [data-testid="funds-account-quota"] [data-testid="funds-balance"]').allTextContents();
        assert.deepEqual(balances, ['¥1,500,000.00']);
        // Collapsed by default, the county's summary carries its subtotals in 万/亿.
        assert.equal(await yecheng.evaluate((details) => details.open), false);
        assert.match(await yecheng.locator(':scope > summary [data-testid="funds-subtotals"]').textContent(), /万|亿/);
        // Its projects are asked for only once it is opened (not one request per project on load).
        assert.deepEqual(projectCalls, []);
        await yecheng.locator(':scope > summary').click();
        assert.equal(await yecheng.evaluate((details) => details.open), true);
        assert.deepEqual(await accessibilityViolations(page), []);
        await page.goto('/audit');
        await expectAttribute(page, '[data-testid="audit-result"]', 'data-ok', 'true');
        await expectText(page, 'audit-verdict', zh('audit.ok'));
        // The service book's counts download as CSV with the session of the page.
        await page.goto('/servicebook');
        const csvLink = page.getByTestId('servicebook-csv');
        await csvLink.waitFor();
        const csv = await page.request.get(new URL(await csvLink.getAttribute('href'), server.baseUrl).toString());
        assert.equal(csv.status(), 200);
        assert.match(csv.headers()['content-type'], /^text\/csv/);
        assert.match(await csv.text(), /county,enterprises_served,/);
    });

    e2e('a fund officer approves and pays a payment request from the queue', async ({ page }) => {
        const seeded = projects ?? (projects = await seedProjects());
        await signIn(page, FUND);
        await page.getByTestId('nav-payments').click();
        await page.waitForURL((url) => url.pathname === '/payments');
        const row = page.locator(`[data-request-id="${seeded.request.id}"]`);
        // The queue names the project, the contract and the payee.
        await expectText(page, 'payment-payee', '叶城县核桃产业有限公司');
        assert.ok((await row.getByTestId('payment-contract').textContent()).includes('教学楼施工'));
        // Each step is confirmed in a dialog that repeats the amount, then acknowledged.
        await row.getByTestId('payment-approve').click();
        assert.ok((await page.getByTestId('confirm-facts').textContent()).includes('¥1,234,567.89'));
        const [approved] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith(`/payment-requests/${seeded.request.id}/approve`)),
            confirmInDialog(page),
        ]);
        assert.equal(approved.status(), 200, await approved.text());
        await page.getByTestId('payments-tab-approved').click();
        await page.locator(`[data-request-id="${seeded.request.id}"]`).getByTestId('payment-pay').click();
        await expectText(page, 'confirm-title', zh('payments.confirm.pay'));
        const [paid] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith(`/payment-requests/${seeded.request.id}/pay`)),
            confirmInDialog(page),
        ]);
        assert.equal(paid.status(), 200, await paid.text());
        assert.match(paid.request().headers()['idempotency-key'] ?? '', /^[0-9a-f]{32}$/, 'paying carries an Idempotency-Key');
        await expectText(page, 'payment-done', zh('payments.done.pay'));
        const fund = await tokenOf(FUND);
        assert.equal((await call(fund, 'GET', `payment-requests/${seeded.request.id}`)).status, 'paid');
        await page.goto(`/projects/${seeded.yecheng.id}`);
        await page.getByTestId('project-payments').waitFor();
        await page.waitForFunction(() => document.querySelector('[data-testid="project-payments"]')?.textContent.includes('¥1,234,567.89'));
    });

    // Issue 14's journey "a payment request from contract to paid", all of it entered in the console:
    // a new project, its approval and start, a milestone, a contract with a contractor found by name,
    // its invoice, a progress report and its verification, the request; a second fund officer
    // approves and pays, and the ledger shows the disbursement to the contractor, named.
    e2e('a payment request from contract to paid, every record entered in the console; the ledger shows the transfer', async ({ page }) => {
        const seeded = projects ?? (projects = await seedProjects());
        assert.ok(seeded.yecheng.id, 'Yecheng has quota for a new project');
        await signIn(page, FUND);
        await page.goto('/projects');
        await page.locator('[data-testid="project-new"] > summary').click();
        await page.getByTestId('project-new-submit').click();
        await expectText(page, 'project-new-code-error', zh('validation.required', { field: zh('projectForm.code') }));
        await expectValue(page, '#project-new-year', formatDate(Date.now()).slice(0, 4));
        await page.fill('#project-new-code', 'E2E-JOURNEY-1');
        await page.fill('#project-new-name', '叶城县职业学校实训楼');
        await page.selectOption('#project-new-county', 'yecheng');
        await page.selectOption('#project-new-sector', 'education');
        await page.fill('#project-new-budget', '1000000');
        await page.getByTestId('project-new-submit').click();
        await page.waitForURL((url) => /^\/projects\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/projects/'));
        await expectText(page, 'project-status', zh('projectStatus.planned'));
        for (const status of ['approved', 'started']) {
            await page.getByTestId('project-move').click();
            await confirmInDialog(page);
            await expectText(page, 'project-status', zh(`projectStatus.${status}`));
        }
        // A milestone, due today in Beijing by default, then done.
        await expectValue(page, '#milestone-due_on', formatDate(Date.now()));
        await page.fill('#milestone-name', '主体结构封顶');
        await page.getByTestId('milestone-submit').click();
        await expectText(page, 'milestone-done', zh('milestoneForm.saved'));
        await page.locator('[data-testid="project-milestones"] [data-testid="milestone-mark-done"]').click();
        await page.waitForFunction(() => document.querySelector('[data-testid="project-milestones"]').textContent.includes('✓'));
        // The contract: the server's field errors land on the fields, then the contractor by name.
        await page.getByTestId('contract-submit').click();
        await expectText(page, 'contract-title-error', zh('validation.required', { field: zh('contract.title') }));
        await page.fill('#contract-counterparty-search', '叶城县核桃');
        await page.waitForFunction((id) => [...document.querySelectorAll('[data-testid="contract-counterparty"] option')].some((o) => o.value === id), catalogue.a.id);
        await page.selectOption('[data-testid="contract-counterparty"]', catalogue.a.id);
        await page.fill('#contract-title', '实训楼施工总承包');
        await page.fill('#contract-value', '300000');
        await page.getByTestId('contract-submit').click();
        const contractFacts = await page.getByTestId('confirm-facts').textContent();
        assert.ok(contractFacts.includes('¥300,000.00') && contractFacts.includes('叶城县核桃产业有限公司'), contractFacts);
        const [contract] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/contracts' && r.request().method() === 'POST'),
            confirmInDialog(page),
        ]);
        assert.equal(contract.status(), 201, await contract.text());
        assert.match(contract.request().headers()['idempotency-key'] ?? '', /^[0-9a-f]{32}$/);
        assert.equal(JSON.parse(contract.request().postData()).value_fen, 30_000_000, 'yuan in, fen out');
        await expectText(page, 'contract-done', zh('contract.saved'));
        // Its invoice: the payee is the contractor, named.
        const contractId = (await contract.json()).id;
        await page.selectOption('#invoice-contract_id', contractId);
        await expectText(page, 'invoice-payee', `${zh('invoice.payee')}: 叶城县核桃产业有限公司`);
        await page.fill('#invoice-invoice_no', 'E2E-J-0001');
        await page.fill('#invoice-amount', '120000');
        await page.getByTestId('invoice-submit').click();
        assert.ok((await page.getByTestId('confirm-facts').textContent()).includes('¥120,000.00'));
        await confirmInDialog(page);
        await expectText(page, 'invoice-done', zh('invoice.saved'));
        // Progress, then its verification by the Front Command.
        await page.fill('#progress-pct', '40');
        await page.getByTestId('progress-submit').click();
        await expectText(page, 'progress-done', zh('progressForm.saved'));
        await page.locator('[data-testid="project-progress"] [data-testid="progress-verify"]').click();
        await page.waitForFunction((word) => document.querySelector('[data-testid="project-progress"]').textContent.includes(word), zh('projects.verified'));
        // The request, from the project page.
        await page.selectOption('#payment-request-contract_id', contractId);
        await page.waitForFunction(() => document.querySelectorAll('#payment-request-invoice_id option').length > 1);
        await page.selectOption('#payment-request-invoice_id', { index: 1 });
        await expectValue(page, '#payment-request-amount', '120000.00');
        await page.selectOption('#payment-request-progress_id', { index: 1 });
        await page.getByTestId('payment-request-submit').click();
        const [requested] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/payment-requests' && r.request().method() === 'POST'),
            confirmInDialog(page),
        ]);
        assert.equal(requested.status(), 201, await requested.text());
        const requestId = (await requested.json()).request.id;
        assert.deepEqual(await accessibilityViolations(page), []);
        // A second fund officer approves (nobody approves their own request) and pays.
        const admin = await tokenOf(ADMIN);
        const second = { username: 'e2e-fund-2', displayName: 'E2E Second Fund Officer', role: 'fund_officer' };
        await call(admin, 'POST', 'users', { username: second.username, display_name: second.displayName, role: 'fund_officer', password: PASSWORD });
        await page.context().clearCookies();
        await signIn(page, second);
        await page.goto('/payments');
        const row = page.locator(`[data-request-id="${requestId}"]`);
        await row.getByTestId('payment-approve').click();
        await confirmInDialog(page);
        await expectText(page, 'payment-done', zh('payments.done.approve'));
        await page.getByTestId('payments-tab-approved').click();
        await page.locator(`[data-request-id="${requestId}"]`).getByTestId('payment-pay').click();
        const [paid] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith(`/payment-requests/${requestId}/pay`)),
            confirmInDialog(page),
        ]);
        assert.equal(paid.status(), 200, await paid.text());
        // The ledger: newest first, the disbursement into the contractor's account, named, in 万.
        await page.getByTestId('nav-ledger').click();
        await page.waitForURL((url) => url.pathname === '/ledger');
        await page.selectOption('[data-testid="ledger-code"]', '3');
        await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="ledger-transfer"]')].some((row) => row.textContent.includes('叶城县核桃产业有限公司')));
        const payeeRow = page.locator('[data-testid="ledger-transfer"]', { hasText: '叶城县核桃产业有限公司' }).first();
        assert.equal(await payeeRow.getByTestId('ledger-amount').textContent(), '¥12万');
        assert.ok((await payeeRow.textContent()).includes('叶城县职业学校实训楼'), 'the project leg names the project');
        assert.doesNotMatch(await page.getByTestId('ledger-table').textContent(), /[0-9a-f]{32}/, 'no account id on screen');
        assert.deepEqual(await accessibilityViolations(page), []);
    });

    e2e('an auditor browses the ledger: newest first, by date and account, names not ids, in Chinese and English', async ({ page }) => {
        const seeded = projects ?? (projects = await seedProjects());
        assert.ok(seeded.yecheng.id);
        const admin = await tokenOf(ADMIN);
        const auditor = { username: 'e2e-ledger-auditor', displayName: 'E2E Ledger Auditor', role: 'auditor' };
        await call(admin, 'POST', 'users', { username: auditor.username, display_name: auditor.displayName, role: 'auditor', password: PASSWORD });
        await signIn(page, auditor);
        await page.getByTestId('nav-ledger').click();
        await page.getByTestId('ledger-transfer').first().waitFor();
        const seqs = await page.locator('[data-testid="ledger-transfer"]').evaluateAll((rows) => rows.map((row) => Number(row.dataset.seq)));
        assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
        assert.doesNotMatch(await page.getByTestId('ledger-table').textContent(), /[0-9a-f]{32}/, 'no account id on screen');
        // One account: the Yecheng branch's spending quota (seeded for every projects test), picked by its name.
        const yecheng = `${zh('county.yecheng')} ${zh('funds.level.county')} · ${zh('funds.role.quota')}`;
        await page.locator('[data-testid="ledger-account"]', { hasText: yecheng }).first().click();
        await expectText(page, 'ledger-account-filter', `${zh('ledger.account')}: ${yecheng}${zh('ledger.clearAccount')}`);
        await page.waitForFunction((name) => {
            const rows = [...document.querySelectorAll('[data-testid="ledger-transfer"]')];
            return rows.length > 0 && rows.every((row) => row.textContent.includes(name));
        }, yecheng);
        // Dates: nothing before the programme began; today (Beijing) holds the transfers just made.
        await page.fill('[data-testid="ledger-to"]', '2000-01-01');
        await page.getByTestId('ledger-empty').waitFor();
        await page.fill('[data-testid="ledger-to"]', formatDate(Date.now()));
        await page.fill('[data-testid="ledger-from"]', formatDate(Date.now()));
        await page.getByTestId('ledger-transfer').first().waitFor();
        assert.deepEqual(await accessibilityViolations(page), []);
        await page.getByTestId('lang-en').click();
        const yechengEn = `${en('county.yecheng')} ${en('funds.level.county')} · ${en('funds.role.quota')}`;
        await expectText(page, 'ledger-account-filter', `${en('ledger.account')}: ${yechengEn}${en('ledger.clearAccount')}`);
        await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid="ledger-transfer"]')].every((row) => row.textContent.includes(name)), yechengEn);
        await page.getByTestId('ledger-account-clear').click();
        await page.getByTestId('ledger-account-filter').waitFor({ state: 'detached' });
        assert.deepEqual(await accessibilityViolations(page), []);
    });

    e2e('a fund officer rejects a payment request with a reason, which the rejected tab shows', async ({ page }) => {
        const seeded = projects ?? (projects = await seedProjects());
        const admin = await tokenOf(ADMIN);
        const officer = await tokenOf(OFFICER);
        const invoice = await call(admin, 'POST', 'invoices', { contract_id: seeded.request.contract_id, payee_org_id: catalogue.a.id, invoice_no: 'E2E-0002', amount_fen: 1000000, issued_on: '2023-06-01' });
        const submitted = await call(officer, 'POST', 'payment-requests', { contract_id: seeded.request.contract_id, invoice_id: invoice.id,
            progress_id: seeded.request.progress_id, amount_fen: 1000000, requested_on: '2023-06-02' });
        await signIn(page, FUND);
        await page.goto('/payments');
        const row = page.locator(`[data-request-id="${submitted.request.id}"]`);
        await row.waitFor();
        assert.equal(await row.getByTestId('payment-reject').isDisabled(), true, 'no reason, no rejection');
        await row.getByTestId('payment-reject-reason').fill('发票金额与合同付款节点不符');
        await row.getByTestId('payment-reject').click();
        assert.ok((await page.getByTestId('confirm-facts').textContent()).includes('发票金额与合同付款节点不符'));
        const [rejected] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith(`/payment-requests/${submitted.request.id}/reject`)),
            confirmInDialog(page),
        ]);
        assert.equal(rejected.status(), 200, await rejected.text());
        await expectText(page, 'payment-done', zh('payments.done.reject'));
        await page.getByTestId('payments-tab-rejected').click();
        await expectText(page, 'payment-decision-reason', zh('payments.rejectedBecause', { reason: '发票金额与合同付款节点不符' }));
    });

    e2e("a county officer requests a payment from the project page: contract, invoice, verified progress, amount", async ({ page }) => {
        const seeded = projects ?? (projects = await seedProjects());
        const admin = await tokenOf(ADMIN);
        const invoice = await call(admin, 'POST', 'invoices', { contract_id: seeded.request.contract_id, payee_org_id: catalogue.a.id, invoice_no: 'E2E-0003', amount_fen: 2345600, issued_on: '2023-07-01' });
        await signIn(page, OFFICER);
        await page.goto(`/projects/${seeded.yecheng.id}`);
        await page.getByTestId('payment-request-form').waitFor();
        await page.getByTestId('payment-request-submit').click();
        await expectText(page, 'payment-request-contract_id-error', zh('validation.required', { field: zh('paymentRequest.contract_id') }));
        await page.selectOption('#payment-request-contract_id', seeded.request.contract_id);
        await page.waitForFunction((id) => [...document.querySelectorAll('#payment-request-invoice_id option')].some((o) => o.value === id), invoice.id);
        await page.selectOption('#payment-request-invoice_id', invoice.id);
        await expectValue(page, '#payment-request-amount', '23456.00');
        await page.selectOption('#payment-request-progress_id', seeded.request.progress_id);
        await page.getByTestId('payment-request-submit').click();
        assert.ok((await page.getByTestId('confirm-facts').textContent()).includes('¥23,456.00'));
        const [submitted] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/payment-requests' && r.request().method() === 'POST'),
            confirmInDialog(page),
        ]);
        assert.equal(submitted.status(), 201, await submitted.text());
        assert.ok(submitted.request().headers()['idempotency-key'], 'a money request carries an Idempotency-Key');
        await expectText(page, 'payment-request-done', zh('paymentRequest.submitted'));
        await page.waitForFunction(() => document.querySelector('[data-testid="project-payments"]')?.textContent.includes('¥23,456.00'));
    });

    e2e("moving a project on is confirmed with its code, county and budget, then acknowledged", async ({ page }) => {
        projects ?? (projects = await seedProjects());  // the Yecheng quota the approval draws on
        const admin = await tokenOf(ADMIN);
        const project = await call(admin, 'POST', 'projects', { code: 'E2E-YC-2', name: 'E2E 村级冷库', county: 'yecheng', sector: 'agriculture', year: 2023, budget_fen: 12000000 });
        await signIn(page, ADMIN);
        await page.goto(`/projects/${project.id}`);
        await expectText(page, 'project-status', zh('projectStatus.planned'));
        await page.getByTestId('project-move').click();
        const facts = await page.getByTestId('confirm-facts').textContent();
        assert.ok(facts.includes('E2E-YC-2') && facts.includes(zh('county.yecheng')) && facts.includes('¥120,000.00'), facts);
        await confirmInDialog(page);
        await expectText(page, 'project-move-done', zh('projects.moved', { status: zh('projectStatus.approved') }));
        await expectText(page, 'project-status', zh('projectStatus.approved'));
    });

    e2e("a county officer is refused another county's project", async ({ page }) => {
        const seeded = projects ?? (projects = await seedProjects());
        await signIn(page, OFFICER);
        await page.goto(`/projects/${seeded.shache.id}`);
        await page.getByTestId('refusal-forbidden').waitFor();
        await page.goto(`/projects/${seeded.yecheng.id}`);
        await expectText(page, 'project-status', zh('projectStatus.started'));
    });

    // Last: a server that throttles by address rather than by account would also refuse the other
    // tests' sign-ins for a while.
    e2e('a producer offers a grade of its product: field errors first, then listed', async ({ page }) => {
        await signIn(page, PRODUCER_A);
        await page.goto('/offers');
        await page.getByTestId('offer-form').waitFor();
        await page.waitForFunction((id) => [...document.querySelectorAll('#offer-product option')].some((o) => o.value === id), catalogue.kernels.id);
        await page.selectOption('#offer-product', catalogue.kernels.id);
        // The grades are the product's standard's, the best one chosen until another is picked.
        await expectValue(page, '#offer-grade', 'A');
        assert.deepEqual(await page.locator('#offer-grade option').evaluateAll((options) => options.map((o) => o.value)), ['', 'A', 'B']);
        await page.selectOption('#offer-grade', 'B');
        await page.fill('#offer-quantity', '-5');
        await page.fill('#offer-price', '48.5');
        await page.selectOption('#offer-origin', 'origin-yecheng');
        await page.getByTestId('offer-submit').click();
        await expectText(page, 'offer-quantity-error', zh('marketError.weight.positive'));
        await page.fill('#offer-quantity', '2.5 吨');
        const body = await submitListing(page, 'offer');
        assert.equal(body.grade, 'B');
        assert.equal(body.quantity_g, 2_500_000);
        assert.equal(body.price_fen_per_kg, 4850);
        await expectText(page, 'offer-notice', zh('offers.created'));
        await page.locator('[data-testid="offer-row"]').first().waitFor();
        // The export link downloads the producer's offers, the new one included.
        const href = await page.getByTestId('export-csv').getAttribute('href');
        const csv = await page.request.get(new URL(href, server.baseUrl).toString());
        assert.equal(csv.status(), 200);
        assert.ok((await csv.text()).includes(body.id), 'the new offer is in the export');
        // Withdrawn after a confirmation, the row says so and offers the button no more.
        await withdrawListing(page, 'offer', body.id);
        await page.waitForFunction(([id, status]) => {
            const shown = document.querySelector(`[data-offer-id="${id}"]`);
            return shown && shown.textContent.includes(status) && !shown.querySelector('[data-testid="offer-withdraw"]');
        }, [body.id, zh('listingStatus.withdrawn')], { timeout: ACTION_TIMEOUT_MS });
        assert.equal(await page.locator(`[data-offer-id="${body.id}"] [data-testid="offer-withdraw"]`).count(), 0);
    });

    e2e('a producer imports offers from a CSV file: the bad row is named, the fixed file imports once', async ({ page }) => {
        await signIn(page, PRODUCER_A);
        await page.goto('/offers');
        const header = 'org_id,ref,product_id,grade,quantity_g,price_fen_per_kg,available_from,available_to,packed_on,origin_node_id';
        const row = (ref, price) => [catalogue.a.id, ref, catalogue.kernels.id, 'B', '300000', price, '2026-09-01', '2026-09-20', '2026-08-30', 'origin-yecheng'].join(',');
        const file = (rows) => ({ name: 'offers.csv', mimeType: 'text/csv', buffer: Buffer.from(`${[header, ...rows].join('\r\n')}\r\n`) });
        const input = page.getByTestId('import-file');
        await input.setInputFiles(file([row('autumn-1', '4800'), row('autumn-2', '12.5')]));
        await expectText(page, 'import-problem', `${zh('import.row', { row: 3 })} · price_fen_per_kg: 须为整数。`);
        await input.setInputFiles(file([row('autumn-1', '4800'), row('autumn-2', '5200')]));
        await expectText(page, 'import-report', zh('import.done', { rows: 2, created: 2, unchanged: 0 }));
        await input.setInputFiles(file([row('autumn-1', '4800'), row('autumn-2', '5200')]));
        await expectText(page, 'import-report', zh('import.done', { rows: 2, created: 0, unchanged: 2 }));
    });

    e2e('an admin runs the matching from the console and views the finished run', async ({ page }) => {
        await signIn(page);
        await page.goto('/allocations');
        await page.getByTestId('allocation-start').click();
        await confirmInDialog(page);
        await page.waitForURL((url) => url.pathname.startsWith('/allocations/'));
        await expectText(page, 'run-status', zh('runStatus.done'));
        // No demand is open, so nothing could be proposed: a clean, empty result.
        await page.getByTestId('proposals-empty').waitFor();
    });

    // After the matching run, which expects no open demand; this demand is withdrawn at the end all the same.
    e2e("a buyer's demand for a product takes its minimum grade from the product's grades, the lowest by default", async ({ page }) => {
        const admin = await tokenOf(ADMIN);
        const { user } = await addBuyer(admin, { name: 'E2E 需求采购单位', district: 'xuhui', channel: 'budget_unit', creditCode17: '12310104MB0E2E011' },
            { username: 'e2e-buyer-demand', displayName: 'E2E Demand Buyer' });
        await signIn(page, user);
        await page.goto('/demands');
        await page.getByTestId('demand-form').waitFor();
        const target = `product:${catalogue.kernels.id}`;
        await page.waitForFunction((value) => [...document.querySelectorAll('#demand-target option')].some((o) => o.value === value), target);
        // A category demand names its minimum by rank, typed as before.
        await page.selectOption('#demand-target', 'category:nuts_dried_fruit');
        assert.equal(await page.locator('#demand-grade').evaluate((field) => field.tagName), 'INPUT');
        await page.fill('#demand-grade', '2');
        // A product demand picks one of the product's grades, the lowest until another is picked.
        await page.selectOption('#demand-target', target);
        await expectValue(page, '#demand-grade', 'B');
        assert.equal(await page.locator('#demand-grade').evaluate((field) => field.tagName), 'SELECT');
        assert.deepEqual(await page.locator('#demand-grade option').evaluateAll((options) => options.map((o) => o.value)), ['', 'A', 'B']);
        await page.fill('#demand-quantity', '0');
        await page.fill('#demand-price', '60');
        await page.fill('#demand-by', addDays(formatDate(Date.now()), 30));
        await page.selectOption('#demand-district', 'xuhui');
        await page.getByTestId('demand-submit').click();
        await expectText(page, 'demand-quantity-error', zh('marketError.weight.positive'));
        await page.fill('#demand-quantity', '2 吨');
        const body = await submitListing(page, 'demand');
        assert.equal(body.product_id, catalogue.kernels.id);
        assert.equal(body.min_grade, 'B');
        assert.equal(body.min_grade_rank, 2);
        assert.equal(body.quantity_g, 2_000_000);
        assert.equal(body.max_price_fen_per_kg, 6000);
        await expectText(page, 'demand-notice', zh('demands.created'));
        // The list names the district, in the language shown, rather than showing its code.
        const xuhui = (await call(null, 'GET', 'districts')).items.find((district) => district.code === 'xuhui');
        const districtCell = page.locator(`[data-demand-id="${body.id}"] [data-code="xuhui"]`);
        await page.waitForFunction(([id, want]) => document.querySelector(`[data-demand-id="${id}"] [data-code="xuhui"]`)?.textContent === want, [body.id, xuhui.name_zh]);
        await page.getByTestId('lang-en').click();
        await page.waitForFunction(([id, want]) => document.querySelector(`[data-demand-id="${id}"] [data-code="xuhui"]`)?.textContent === want, [body.id, xuhui.name_en]);
        assert.equal(await districtCell.count(), 1);
        await page.getByTestId('lang-zh-CN').click();
        await withdrawListing(page, 'demand', body.id);
    });

    // Issue 14's journey "a proposal accepted into an order": an offer and a demand that match over a
    // lane, a run started from the console, the seller and then the buyer accept their sides, and the
    // order appears on both sides' orders pages, each party named. (After the empty-run test above.)
    e2e('an allocation proposal accepted by both sides becomes an order on both orders pages, named', async ({ page }) => {
        const admin = await tokenOf(ADMIN);
        const today = formatDate(Date.now());
        await call(admin, 'POST', 'lanes', { origin_node_id: 'origin-yecheng', destination_node_id: 'dest-minhang', mode: 'truck', transit_hours: 72,
            cost_fen_per_kg: 150, temperature_class: 'chilled_0_10' });
        const producer = await tokenOf(PRODUCER_A);
        const offer = await call(producer, 'POST', 'offers', { org_id: catalogue.a.id, product_id: catalogue.kernels.id, grade: 'A', quantity_g: 1_000_000,
            price_fen_per_kg: 5000, available_from: today, available_to: addDays(today, 30), packed_on: today, origin_node_id: 'origin-yecheng' });
        const { organisation: canteen, user: buyer } = await addBuyer(admin, { name: 'E2E 闵行区机关食堂', district: 'minhang', channel: 'group_dining', creditCode17: '12310112MB0E2E014' },
            { username: 'e2e-journey-buyer', displayName: 'E2E Journey Buyer' });
        const buyerToken = await tokenOf(buyer);
        const demand = await call(buyerToken, 'POST', 'demands', { org_id: canteen.id, product_id: catalogue.kernels.id, min_grade: 'B', quantity_g: 500_000,
            max_price_fen_per_kg: 8000, deliver_by: addDays(today, 20), district: 'minhang' });
        assert.ok(offer.id && demand.id, `offer ${JSON.stringify(offer)} demand ${JSON.stringify(demand)}`);
        await signIn(page, ADMIN);
        await page.goto('/allocations');
        await page.getByTestId('allocation-start').click();
        await confirmInDialog(page);
        await page.waitForURL((url) => url.pathname.startsWith('/allocations/'));
        const runPath = new URL(page.url()).pathname;
        await expectText(page, 'run-status', zh('runStatus.done'));
        await page.getByTestId('proposal-row').first().waitFor();
        assert.equal(await text(page, 'proposal-seller'), '叶城县核桃产业有限公司');
        assert.equal(await text(page, 'proposal-buyer'), 'E2E 闵行区机关食堂');
        assert.ok((await text(page, 'proposal-product')).startsWith('叶城核桃仁'));
        const sides = [[PRODUCER_A, 'accept'], [buyer, 'accept']];
        for (const [user, action] of sides) {
            await page.context().clearCookies();
            await signIn(page, user);
            await page.goto(runPath);
            await page.getByTestId(`proposal-${action}`).click();
            assert.ok((await page.getByTestId('confirm-facts').textContent()).includes('E2E 闵行区机关食堂'));
            await confirmInDialog(page);
            await expectText(page, 'proposal-done', zh('allocations.done.accept'));
        }
        // The order, on both sides' orders pages, the parties named.
        for (const user of [buyer, PRODUCER_A]) {
            await page.context().clearCookies();
            await signIn(page, user);
            await page.getByTestId('nav-orders').click();
            const row = page.locator('[data-testid="order-row"]', { hasText: 'E2E 闵行区机关食堂' }).first();
            await row.waitFor();
            assert.ok((await row.textContent()).includes('叶城县核桃产业有限公司'), await row.textContent());
            assert.doesNotMatch(await row.textContent(), /[0-9a-f]{8}-[0-9a-f]{4}-/, 'no id on screen');
        }
        assert.deepEqual(await accessibilityViolations(page), []);
    });

    // One user of each role (admin, fund officer and the Yecheng officer and producer A exist already).
    async function oneUserOfEachRole() {
        const admin = await tokenOf(ADMIN);
        const auditor = { username: 'e2e-shell-auditor', displayName: 'E2E Shell Auditor', role: 'auditor' };
        await call(admin, 'POST', 'users', { username: auditor.username, display_name: auditor.displayName, role: 'auditor', password: PASSWORD });
        const { user: buyer } = await addBuyer(admin, { name: 'E2E 导航采购单位', district: 'pudong', channel: 'group_dining', creditCode17: '12310115MB0E2E012' },
            { username: 'e2e-shell-buyer', displayName: 'E2E Shell Buyer' });
        const carrier = await call(admin, 'POST', 'organisations', { name: 'E2E 喀什冷链物流', kind: 'logistics', credit_code: creditCode('91653101MA0E2E013') });
        const logistics = { username: 'e2e-shell-logistics', displayName: 'E2E Shell Logistics', role: 'logistics' };
        await call(admin, 'POST', 'users', { username: logistics.username, display_name: logistics.displayName, role: 'logistics', password: PASSWORD, org_id: carrier.id });
        return [ADMIN, FUND, auditor, OFFICER, PRODUCER_A, buyer, logistics];
    }

    // The API calls a page makes, with their answers; `idle()` waits until none has been running for
    // half a second (a page's calls start after its client-side navigation, so the browser's own
    // "network idle" state, which only follows a document load, does not see them).
    function recordApi(page) {
        const calls = [];
        let pending = 0;
        let quietSince = Date.now();
        page.on('request', (request) => {
            if (new URL(request.url()).pathname.startsWith('/api/')) pending += 1;
        });
        const done = (request) => {
            if (!new URL(request.url()).pathname.startsWith('/api/')) return;
            pending -= 1;
            quietSince = Date.now();
        };
        page.on('requestfinished', done);
        page.on('requestfailed', done);
        page.on('response', (response) => {
            const url = new URL(response.url());
            if (url.pathname.startsWith('/api/')) calls.push({ path: url.pathname, status: response.status() });
        });
        calls.idle = async () => {
            const deadline = Date.now() + ACTION_TIMEOUT_MS;
            while (pending > 0 || Date.now() - quietSince < 500) {
                assert.ok(Date.now() < deadline, 'API calls still running');
                await sleep(100);
            }
        };
        return calls;
    }

    e2e('each role is offered only the pages it may use, none of them refuses it, and the others never call the API', async ({ page }) => {
        const users = await oneUserOfEachRole();
        const violations = [];
        for (const user of users) {
            await signIn(page, user);
            const offered = navGroupsFor(user.role).flatMap((group) => group.items);
            const shown = await page.locator('[data-testid="main-nav"] a').evaluateAll((links) => links.map((a) => a.dataset.testid));
            assert.deepEqual(shown, offered.map((item) => `nav-${item.id}`), `${user.role}'s menu`);
            // Every page offered loads without a refusal from the API.
            const calls = recordApi(page);
            for (const item of offered) {
                await page.getByTestId(`nav-${item.id}`).click();
                await page.waitForURL((url) => url.pathname === item.path);
                await calls.idle();
                // Each page as this role sees it, against WCAG 2.1 A and AA.
                for (const violation of await accessibilityViolations(page)) violations.push({ where: `${user.role} ${item.path}`, ...violation });
            }
            const refused = calls.filter((entry) => entry.status === 401 || entry.status === 403);
            assert.deepEqual(refused, [], `${user.role} was refused by the pages it is offered`);
            // A page not offered, opened by its address in a new tab, says so and asks the API for
            // nothing but the session.
            const other = NAV_ITEMS.find((item) => !offered.some((shown) => shown.id === item.id));
            if (other) {
                const tab = await page.context().newPage();
                const asked = recordApi(tab);
                await tab.goto(other.path);
                await expectText(tab, 'forbidden-heading', zh('forbidden.title'));
                await asked.idle();
                const beyondSession = asked.map((entry) => entry.path).filter((path) => path !== '/api/v1/me' && !path.startsWith('/api/v1/organisations/'));
                assert.deepEqual(beyondSession, [], `${user.role} opening ${other.path}`);
                await tab.close();
            }
            await page.context().clearCookies();
        }
        assert.equal(violations.length, 0, `accessibility violations:\n${describeViolations(violations)}`);
    });

    fairTests({
        e2e, signIn, call, tokenOf, addBuyer, creditCode, addDays, confirmInDialog, expectText, recordApi, zh, en,
        users: { ADMIN, FUND, PRODUCER_A }, catalogue: () => catalogue, baseUrl: () => server.baseUrl, password: PASSWORD, rawId: RAW_ID, sleep,
    });
    fairEventTests({
        e2e, signIn, call, tokenOf, addBuyer, creditCode, addDays, confirmInDialog, expectText, recordApi, zh, en, standard,
        users: { ADMIN, FUND, PRODUCER_A }, catalogue: () => catalogue, baseUrl: () => server.baseUrl, password: PASSWORD, rawId: RAW_ID, sleep,
        demo: { origin: demoOrigin, signIn: signInDemo, baseUrl: () => demo.baseUrl, logins: () => demo.logins },
    });

    e2e('a page outside the role says so in English too, and leads home', async ({ page }) => {
        await signIn(page, PRODUCER_A);
        await page.getByTestId('lang-en').click();
        await page.goto('/funds');
        await expectText(page, 'forbidden-heading', en('forbidden.title'));
        await expectText(page, 'forbidden-text', en('forbidden.text', { role: en('role.producer') }));
        await page.getByTestId('forbidden-home').click();
        await page.waitForURL((url) => url.pathname === '/');
        await expectText(page, 'nav-offers', en('nav.offers'));
        assert.equal(await page.getByTestId('nav-funds').count(), 0);
    });

    // Where each link of the main navigation sits: its testid, its row (top, rounded) and whether it
    // is visible. One row: every link's top is the same.
    async function navRows(page) {
        const links = await page.locator('[data-testid="main-nav"] a').evaluateAll((anchors) => anchors.map((a) => {
            const box = a.getBoundingClientRect();
            return { id: a.dataset.testid, top: Math.round(box.top), visible: box.width > 0 && box.height > 0, text: a.textContent.trim() };
        }));
        return { links, rows: new Set(links.map((link) => link.top)).size };
    }

    e2e('at 1280 px the roles with the most pages see every link on one row, in Chinese and in English', async ({ page }) => {
        await page.setViewportSize({ width: 1280, height: 900 });
        const admin = await tokenOf(ADMIN);
        const auditor = { username: 'e2e-wide-auditor', displayName: 'E2E Wide Auditor', role: 'auditor' };
        await call(admin, 'POST', 'users', { username: auditor.username, display_name: auditor.displayName, role: 'auditor', password: PASSWORD });
        for (const user of [ADMIN, FUND, auditor]) {
            await signIn(page, user);
            for (const lang of ['zh-CN', 'en']) {
                await page.getByTestId(lang === 'en' ? 'lang-en' : 'lang-zh-CN').click();
                await page.waitForFunction((label) => document.querySelector('[data-testid="nav-home"]')?.textContent.trim() === label,
                    lang === 'en' ? en('nav.home') : zh('nav.home'));
                const { links, rows } = await navRows(page);
                const offered = navGroupsFor(user.role).flatMap((group) => group.items);
                assert.deepEqual(links.map((link) => link.id), offered.map((item) => `nav-${item.id}`), `${user.role} ${lang}`);
                assert.ok(links.every((link) => link.visible && link.text.length > 0), `${user.role} ${lang}: every link shows its name`);
                assert.equal(rows, 1, `${user.role} ${lang}: the links take ${rows} rows: ${JSON.stringify(links)}`);
                const header = await page.locator('header.app-header').boundingBox();
                assert.ok(header.height <= 110, `${user.role} ${lang}: the header is the brand row and one row of links (${header.height} px)`);
            }
            await page.getByTestId('lang-zh-CN').click();
            await page.context().clearCookies();
        }
    });

    e2e('logistics reads the payments page as payments received, in its menu, its heading and its tab', async ({ page }) => {
        const admin = await tokenOf(ADMIN);
        const carrier = await call(admin, 'POST', 'organisations', { name: 'E2E 收款物流', kind: 'logistics', credit_code: creditCode('91653101MA0E2E021') });
        const logistics = { username: 'e2e-payee-logistics', displayName: 'E2E Payee Logistics', role: 'logistics' };
        await call(admin, 'POST', 'users', { username: logistics.username, display_name: logistics.displayName, role: 'logistics', password: PASSWORD, org_id: carrier.id });
        await signIn(page, logistics);
        await expectText(page, 'nav-payments', zh('nav.paymentsReceived'));
        await page.getByTestId('nav-payments').click();
        await expectText(page, 'payments-title', zh('nav.paymentsReceived'));
        assert.ok((await page.title()).startsWith(zh('nav.paymentsReceived')), await page.title());
        await page.getByTestId('lang-en').click();
        await expectText(page, 'payments-title', en('nav.paymentsReceived'));
        await expectText(page, 'nav-payments', en('nav.paymentsReceived'));
        await page.getByTestId('lang-zh-CN').click();
        await page.context().clearCookies();
        await signIn(page, FUND);
        await expectText(page, 'nav-payments', zh('nav.payments'));
    });

    e2e('on a phone the navigation folds behind a menu button: one header row, grouped links, Escape closes', async ({ page }) => {
        await page.setViewportSize({ width: 390, height: 844 });
        await signIn(page, FUND);
        const header = await page.locator('header.app-header').boundingBox();
        assert.ok(header.height <= 64, `the header is one row on a phone (${header.height} px)`);
        assert.equal(await page.getByTestId('main-nav').isVisible(), false);
        const toggle = page.getByTestId('nav-toggle');
        await toggle.click();
        await page.getByTestId('nav-group-aid').waitFor();
        assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
        assert.equal(await page.getByTestId('nav-group-aid').getAttribute('aria-label'), zh('navGroup.aid'));
        await page.keyboard.press('Escape');
        assert.equal(await page.getByTestId('main-nav').isVisible(), false);
        assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'nav-toggle');
        await toggle.click();
        await page.getByTestId('nav-payments').click();
        await page.waitForURL((url) => url.pathname === '/payments');
        assert.equal(await page.getByTestId('main-nav').isVisible(), false, 'following a link closes the menu');
    });

    e2e("date fields open on today and year pickers on this year in Beijing time, whatever the browser's zone", async ({ page }) => {
        // 20:00 UTC on today's UTC date: Beijing is already on the next day (04:00), New York (the
        // browser's zone in these tests) still on the same one.
        const now = new Date();
        const fixed = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 20, 0);
        const beijingDay = formatDate(fixed);
        assert.notEqual(beijingDay, new Date(fixed).toISOString().slice(0, 10));
        await page.clock.setFixedTime(fixed);
        await signIn(page, PRODUCER_A);
        await page.goto('/offers');
        await page.getByTestId('offer-form').waitFor();
        await expectValue(page, '#offer-from', beijingDay);
        await page.context().clearCookies();
        await signIn(page, FUND);
        await page.goto('/projects');
        await expectValue(page, '[data-testid="projects-filter-year"]', beijingDay.slice(0, 4));
        await page.goto('/servicebook');
        await expectValue(page, '[data-testid="servicebook-page"] input[type="date"]', `${beijingDay.slice(0, 4)}-01-01`);
    });

    e2e('axe finds no WCAG 2.1 A or AA violation on sign-in, detail and form pages, errors showing, in Chinese and English', async ({ page }) => {
        const violations = [];
        const check = async (where) => {
            for (const violation of await accessibilityViolations(page)) violations.push({ where, ...violation });
        };
        await page.goto('/login');
        await page.getByTestId('login-submit').click();
        await page.getByTestId('username-error').waitFor();
        assert.equal(await page.getByTestId('username-error').getAttribute('role'), 'alert', 'a field error is announced');
        await check('/login with errors');
        await page.goto(`/products/${catalogue.walnut.id}`);
        await page.getByTestId('product-name').waitFor().catch(() => {});
        await check('public product page');
        await signIn(page, ADMIN);
        for (const path of [`/products/${catalogue.walnut.id}`, '/products/new', `/organisations/${catalogue.a.id}`, '/no-such-page']) {
            await page.goto(path);
            await page.locator('main h1').first().waitFor();
            await page.waitForTimeout(500);
            await check(`admin ${path}`);
        }
        await page.goto('/offers');
        await page.getByTestId('offer-submit').click();
        await page.locator('.field-error').first().waitFor();
        assert.equal(await page.locator('select[aria-invalid="true"]').first().getAttribute('aria-describedby') !== null, true, 'a select names its error');
        await check('admin /offers with errors');
        await page.getByTestId('lang-en').click();
        for (const path of ['/', '/catalogue', '/orders', '/projects']) {
            await page.goto(path);
            await page.locator('main h1').first().waitFor();
            await page.waitForTimeout(500);
            await check(`admin ${path} in English`);
        }
        assert.equal(violations.length, 0, `accessibility violations:\n${describeViolations(violations)}`);
        // The first Tab stop skips to the content; the focus ring is the brand colour, 3 px wide.
        await page.goto('/orders');
        await page.locator('main h1').first().waitFor();
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'skip-link');
        const ring = await page.evaluate(() => {
            const style = getComputedStyle(document.activeElement);
            return { color: style.outlineColor, width: style.outlineWidth };
        });
        assert.deepEqual(ring, { color: 'rgb(14, 90, 115)', width: '3px' });
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    });

    e2e('a refused action says so in red and what to do, and changes nothing on screen', async ({ page }) => {
        const admin = await tokenOf(ADMIN);
        const { organisation, user } = await addBuyer(admin, { name: 'E2E 拒绝提示采购单位', district: 'jingan', channel: 'budget_unit', creditCode17: '12310106MB0E2E014' },
            { username: 'e2e-buyer-refused', displayName: 'E2E Refused Buyer' });
        const token = await tokenOf(user);
        const order = await placeOrder(token, `e2e-refused-${PASSWORD}`, {
            buyer_id: organisation.id, seller_id: catalogue.a.id, channel: 'fair_intent', delivery_district: 'jingan',
            delivery_date: addDays(formatDate(Date.now()), 30), lines: [{ product_id: catalogue.walnut.id, grade: 'A', quantity: 10, unit_price_fen: 12000 }]
        });
        await signIn(page, user);
        await page.goto(`/orders/${order.id}`);
        await expectText(page, 'order-status', zh('orderStatus.intent'));
        // Cancelled elsewhere (another tab, a colleague) after this page was loaded: confirming is refused.
        await call(token, 'POST', `orders/${order.id}/cancel`, { reason: 'E2E: cancelled in another tab' });
        await page.getByTestId('order-action-confirm').click();
        await confirmInDialog(page);
        const alert = page.getByTestId('order-action-error');
        await alert.waitFor();
        assert.equal(await alert.getAttribute('role'), 'alert');
        assert.ok((await alert.textContent()).includes(zh('confirm.failedHint')), await alert.textContent());
        await expectText(page, 'order-status', zh('orderStatus.intent'));
    });

    e2e("an order's journey to paid in the console: the buyer confirms, the seller ships, delivers and records its invoice, the buyer accepts and pays", async ({ page }) => {
        const admin = await tokenOf(ADMIN);
        const { organisation, user: buyer } = await addBuyer(admin, { name: 'E2E 全流程采购单位', district: 'putuo', channel: 'budget_unit', creditCode17: '12310107MB0E2E015' },
            { username: 'e2e-buyer-journey', displayName: 'E2E Journey Buyer' });
        const token = await tokenOf(buyer);
        const order = await placeOrder(token, `e2e-journey-${PASSWORD}`, {
            buyer_id: organisation.id, seller_id: catalogue.a.id, channel: 'fair_intent', delivery_district: 'putuo',
            delivery_date: addDays(formatDate(Date.now()), 20), lines: [{ product_id: catalogue.walnut.id, grade: 'B', quantity: 20, unit_price_fen: 9000 }]
        });
        const act = async (action, status) => {
            await page.getByTestId(`order-action-${action}`).click();
            await Promise.all([
                page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/orders/${order.id}/${action}`),
                confirmInDialog(page),
            ]);
            await expectText(page, 'order-status', zh(`orderStatus.${status}`));
        };
        await signIn(page, buyer);
        await page.goto(`/orders/${order.id}`);
        await act('confirm', 'confirmed');
        await page.context().clearCookies();
        await signIn(page, PRODUCER_A);
        await page.goto(`/orders/${order.id}`);
        await act('ship', 'shipped');
        await act('deliver', 'delivered');
        // The seller records its invoice number: without it the buyer's payment would be refused.
        await page.getByTestId('order-invoice-save').click();
        await expectText(page, 'order-invoice-error', zh('validation.required', { field: zh('order.invoiceNo') }));
        await page.fill('#order-invoice', 'E2E-INV-0042');
        await page.getByTestId('order-invoice-save').click();
        await expectText(page, 'order-invoice-saved', zh('order.invoiceSaved'));
        await page.context().clearCookies();
        await signIn(page, buyer);
        await page.goto(`/orders/${order.id}`);
        await act('accept', 'accepted');
        assert.equal(await page.getByTestId('order-awaiting-invoice').count(), 0, 'the invoice is there, so nothing to wait for');
        await act('pay', 'paid');
        await expectText(page, 'order-action-done', zh('order.actionDone', { action: zh('orderAction.pay') }));
        const steps = await page.locator('[data-testid="order-event"]').evaluateAll((items) => items.map((item) => item.dataset.action));
        assert.ok(['create', 'confirm', 'ship', 'deliver', 'accept', 'pay'].every((step) => steps.includes(step)), steps.join(','));
    });

    e2e('an auditor browses the audit trail: newest first, by record type, with who acted by name', async ({ page }) => {
        const admin = await tokenOf(ADMIN);
        const auditor = { username: 'e2e-trail-auditor', displayName: 'E2E Trail Auditor', role: 'auditor' };
        await call(admin, 'POST', 'users', { username: auditor.username, display_name: auditor.displayName, role: 'auditor', password: PASSWORD });
        await signIn(page, auditor);
        await page.goto('/audit');
        await page.getByTestId('audit-event').first().waitFor();
        const seqs = await page.locator('[data-testid="audit-event"]').evaluateAll((rows) => rows.map((row) => Number(row.dataset.seq)));
        assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');
        await page.selectOption('[data-testid="audit-record-type"]', 'user');
        await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid="audit-event"] summary')].every((s) => s.textContent === name),
            zh('auditRecord.user'));
        // The admin added this auditor: the trail names the admin, not an id.
        await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid="audit-event"]')].some((row) => row.textContent.includes(name)), ADMIN.displayName);
        assert.deepEqual(await accessibilityViolations(page), []);
    });

    e2e('an administrator adds a user tied to an organisation of its role, who then signs in; in English too', async ({ page }) => {
        const admin = await tokenOf(ADMIN);
        const { organisation } = await addBuyer(admin, { name: 'E2E 用户管理采购单位', district: 'hongkou', channel: 'budget_unit', creditCode17: '12310109MB0E2E016' },
            { username: 'e2e-buyer-users-seed', displayName: 'E2E Users Seed Buyer' });
        await signIn(page, ADMIN);
        await page.getByTestId('nav-users').click();
        await page.getByTestId('user-form').waitFor();
        await page.fill('#user-username', 'e2e-new-buyer');
        await page.fill('#user-display_name', '新采购员');
        await page.selectOption('#user-role', 'buyer');
        await page.fill('#user-password', 'short');
        await page.getByTestId('user-submit').click();
        await expectText(page, 'user-password-error', zh('users.passwordShort', { min: 10 }));
        await expectText(page, 'f-org_id-error', zh('validation.required', { field: zh('users.field.org_id') }));
        await page.fill('#user-org-search', 'E2E 用户管理');
        await page.waitForFunction((id) => [...document.querySelectorAll('[data-testid="user-org"] option')].some((o) => o.value === id), organisation.id);
        await page.selectOption('[data-testid="user-org"]', organisation.id);
        await page.fill('#user-password', PASSWORD);
        await page.getByTestId('user-submit').click();
        await expectText(page, 'user-added', zh('users.added', { name: '新采购员' }));
        const row = page.locator('[data-testid="user-row"][data-username="e2e-new-buyer"]');
        await page.waitForFunction(() => document.querySelector('[data-testid="user-row"][data-username="e2e-new-buyer"]')?.textContent.includes('E2E 用户管理采购单位'));
        assert.ok((await row.textContent()).includes(zh('role.buyer')));
        assert.deepEqual(await accessibilityViolations(page), []);
        await page.getByTestId('lang-en').click();
        await expectText(page, 'user-submit', en('users.add'));
        await page.getByTestId('lang-zh-CN').click();
        await page.context().clearCookies();
        await signIn(page, { username: 'e2e-new-buyer', displayName: '新采购员', role: 'buyer' });
        await expectText(page, 'user-name', '新采购员');
    });

    e2e('an administrator disables a user, whose open session ends at once, then enables it and moves it to another role; in English too', async ({ page }) => {
        const admin = await tokenOf(ADMIN);
        const { user } = await addBuyer(admin, { name: 'E2E 停用测试采购单位', district: 'xuhui', channel: 'supermarket', creditCode17: '12310104MB0E2E017' },
            { username: 'e2e-buyer-disable', displayName: '停用测试采购员' });
        const buyerToken = await tokenOf(user);
        assert.equal((await call(buyerToken, 'GET', 'me')).username, user.username);
        await signIn(page, ADMIN);
        await page.getByTestId('nav-users').click();
        const row = page.locator('[data-testid="user-row"][data-username="e2e-buyer-disable"]');
        await row.getByTestId('user-edit-open').click();
        await page.getByTestId('user-edit').waitFor();
        // Nothing changed: said, nothing sent.
        await page.getByTestId('user-edit-save').click();
        await expectText(page, 'user-edit-display_name-error', zh('users.nothingChanged'));
        await page.check('#user-edit-disabled');
        await page.getByTestId('user-edit-save').click();
        await expectText(page, 'confirm-title', zh('users.saveConfirm', { name: '停用测试采购员' }));
        // (The editor has two confirmed actions, saving and the new password: the open dialog is this one.)
        assert.ok((await page.locator('[data-testid="confirm-dialog"][open]').textContent()).includes(zh('users.signsOutNote')));
        await confirmInDialog(page);
        await expectText(page, 'user-save-done', zh('users.saved', { name: '停用测试采购员' }));
        await page.waitForFunction((status) => document.querySelector('[data-testid="user-row"][data-username="e2e-buyer-disable"]')?.textContent.includes(status),
            zh('users.disabled'));
        // The buyer's session, cached by the server a moment ago, is refused at once.
        await assert.rejects(call(buyerToken, 'GET', 'me'), /answered 401/);
        await assert.rejects(tokenOf(user), /answered 401/);
        assert.deepEqual(await accessibilityViolations(page), []);
        // Enabled again and made an auditor (a programme-wide role: the organisation goes), in English.
        await page.getByTestId('lang-en').click();
        await expectText(page, 'user-edit-save', en('users.save'));
        await page.uncheck('#user-edit-disabled');
        await page.selectOption('#user-edit-role', 'auditor');
        await page.getByTestId('user-edit-save').click();
        await expectText(page, 'confirm-title', en('users.saveConfirm', { name: '停用测试采购员' }));
        await confirmInDialog(page);
        await expectText(page, 'user-save-done', en('users.saved', { name: '停用测试采购员' }));
        const me = await call(await tokenOf(user), 'GET', 'me');
        assert.equal(me.role, 'auditor');
        assert.equal(me.org_id, null);
        await page.getByTestId('lang-zh-CN').click();
    });

    e2e('the administrator is asked for a backup until one is taken, and reads the backups in Beijing time; the auditor too, in English', async ({ page }) => {
        const backupsStatus = async () => (await page.getByTestId('backups-status').textContent()).trim();
        await signIn(page, ADMIN);
        // No backup of the test database yet: the to-do asks for one and leads to the page.
        await page.getByTestId('todo-backups_overdue').waitFor();
        await page.getByTestId('todo-link-backups_overdue').click();
        await page.waitForURL((url) => url.pathname === '/backups');
        await expectText(page, 'backups-status', zh('backups.none'));
        await expectText(page, 'backups-schedule', zh('backups.scheduleOff'));
        await page.getByTestId('backups-empty').waitFor();
        assert.deepEqual(await accessibilityViolations(page), []);
        // The operator takes one on the server while it serves.
        const out = path.join(tempDir, 'e2e.backup');
        const taken = spawnSync(options.binary, ['backup', '--db', server.db, '--out', out], { encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
        assert.equal(taken.status, 0, `${taken.stdout}${taken.stderr}`);
        await page.reload();
        await page.getByTestId('backup-row').first().waitFor();
        const row = await page.getByTestId('backup-row').first().innerText();
        assert.ok(row.includes(zh('backups.by.command')), row);
        assert.match(row, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
        assert.match(await backupsStatus(), new RegExp(`^${zh('backups.recent', { when: 'X' }).split('X')[0]}`));
        await page.goto('/');
        await page.getByTestId('home-heading').waitFor();
        assert.equal(await page.getByTestId('todo-backups_overdue').count(), 0, 'the backup is no longer asked for');
        // The auditor checks that backups are kept; in English.
        const admin = await tokenOf(ADMIN);
        const auditor = { username: 'e2e-backups-auditor', displayName: 'E2E Backups Auditor', role: 'auditor' };
        await call(admin, 'POST', 'users', { username: auditor.username, display_name: auditor.displayName, role: 'auditor', password: PASSWORD });
        await page.context().clearCookies();
        await signIn(page, auditor);
        await page.goto('/users');
        await page.getByTestId('users-backups-link').click();
        await page.waitForURL((url) => url.pathname === '/backups');
        await page.getByTestId('backup-row').first().waitFor();
        await page.getByTestId('lang-en').click();
        await expectText(page, 'backups-schedule', en('backups.scheduleOff'));
        assert.ok((await page.getByTestId('backup-row').first().innerText()).includes(en('backups.by.command')));
        assert.deepEqual(await accessibilityViolations(page), []);
        await page.getByTestId('lang-zh-CN').click();
    });

    e2e('an administrator creates a buyer with its district picked by name, then edits it; field errors first; in English too', async ({ page }) => {
        await signIn(page, ADMIN);
        await page.goto('/organisations');
        await page.locator('[data-testid="org-new"] > summary').click();
        await page.getByTestId('org-new-submit').click();
        await expectText(page, 'org-new-name-error', zh('validation.required', { field: zh('org.name') }));
        await page.fill('#org-new-name', '闵行区机关事务管理局食堂');
        await page.selectOption('#org-new-kind', 'buyer');
        await page.selectOption('#org-new-district', { label: '闵行区' });
        await page.selectOption('#org-new-channel', 'group_dining');
        // A credit code whose check digit is wrong: the server's message lands on the field.
        await page.fill('#org-new-credit_code', '91310112MA1GB0000X');
        await page.getByTestId('org-new-submit').click();
        await page.getByTestId('org-new-credit_code-error').waitFor();
        await page.fill('#org-new-credit_code', creditCode('91310112MA1E2E0C1'));
        const [created] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/organisations' && r.request().method() === 'POST'),
            page.getByTestId('org-new-submit').click(),
        ]);
        assert.equal(created.status(), 201, await created.text());
        assert.match(created.request().headers()['idempotency-key'] ?? '', /^[0-9a-f]{32}$/);
        const id = (await created.json()).id;
        await page.waitForURL((url) => url.pathname === `/organisations/${id}`);
        await expectText(page, 'org-name', '闵行区机关事务管理局食堂');
        assert.deepEqual(await accessibilityViolations(page), []);
        await page.getByTestId('lang-en').click();
        await page.locator('[data-testid="org-edit"] > summary').click();
        await page.fill('#org-edit-name_en', 'Minhang Government Canteen');
        await page.getByTestId('org-edit-submit').click();
        await expectText(page, 'org-edit-done', en('orgForm.saved'));
        await expectText(page, 'org-name', 'Minhang Government Canteen');
        assert.deepEqual(await accessibilityViolations(page), []);
    });

    // ---- the list tables (issue 14 item 5): each page as the role that uses it ----------------------

    e2e('a producer finds its offers: sorted by a header, searched by product, dated by the day listed, named', async ({ page }) => {
        await signIn(page, PRODUCER_A);
        await page.goto('/offers');
        await page.getByTestId('offer-row').first().waitFor();
        await expectAttribute(page, 'th:has([data-testid="offers-sort-listed"])', 'aria-sort', 'descending');
        const listed = await page.locator('[data-testid="offer-row"]').evaluateAll((rows) => rows.map((row) => row.innerText));
        assert.ok(listed.every((text) => !text.includes('origin-yecheng')), 'the dispatch point is not shown as a code');
        await exerciseListTable(page, { id: 'offers', row: 'offer-row', key: 'data-offer-id', sortBy: 'listed', search: { 'zh-CN': '叶城核桃仁', en: 'kernels' },
            from: addDays(formatDate(Date.now()), 1), empty: 'offers-empty' });
        // The window is the address: a link opens the list searched.
        await page.goto(`/offers?q=${encodeURIComponent('核桃仁')}`);
        await expectValue(page, '[data-testid="offers-q"]', '核桃仁');
    });

    e2e('a buyer finds its demands and its proposals: by name, by date, sorted, districts by name', async ({ page }) => {
        const buyer = { username: 'e2e-journey-buyer', displayName: 'E2E Journey Buyer', role: 'buyer' };
        await signIn(page, buyer);
        await page.goto('/demands');
        await page.getByTestId('demand-row').first().waitFor();
        await exerciseListTable(page, { id: 'demands', row: 'demand-row', key: 'data-demand-id', sortBy: 'listed', search: { 'zh-CN': '核桃仁', en: 'kernels' },
            from: addDays(formatDate(Date.now()), 1), empty: 'demands-empty', codes: ['minhang'] });
        assert.ok((await page.getByTestId('demands-table').innerText()).includes('闵行区'), 'the district by name');

        // The run of the journey above, as this buyer: its one proposal, found by the seller's name.
        const admin = await tokenOf(ADMIN);
        const runs = await call(admin, 'GET', 'allocations?limit=5');
        const run = runs.items.find((one) => one.totals.proposal_count > 0);
        assert.ok(run, JSON.stringify(runs));
        await page.goto(`/allocations/${run.id}`);
        await page.getByTestId('proposal-row').first().waitFor();
        await expectText(page, 'proposal-seller', '叶城县核桃产业有限公司');
        await exerciseListTable(page, { id: 'proposals', row: 'proposal-row', key: 'data-proposal-id', sortBy: 'value', search: { 'zh-CN': '叶城县核桃', en: 'Yecheng Walnut' },
            from: addDays(formatDate(Date.now()), 400), empty: 'proposals-empty' });
        await page.fill('[data-testid="proposals-q"]', 'no such seller');
        await page.getByTestId('proposals-search').click();
        await expectText(page, 'proposals-empty', zh('allocations.noneFound'));
        assert.ok(new URL(page.url()).pathname.startsWith('/allocations/'), 'the window stays on the run page');
    });

    e2e('an admin finds organisations and catalogue products in tables: by name, by date, sorted, the category filter kept', async ({ page }) => {
        await signIn(page);
        await page.goto('/organisations');
        await page.getByTestId('org-row').first().waitFor();
        await exerciseListTable(page, { id: 'org', row: 'org-row', key: 'data-org-id', sortBy: 'registered', search: { 'zh-CN': '叶城县核桃', en: 'Yecheng Walnut' },
            from: addDays(formatDate(Date.now()), 1), empty: 'org-empty', codes: ['yecheng', 'shache'] });

        await page.goto('/catalogue?view=table&category=nuts_dried_fruit');
        await page.getByTestId('product-row').first().waitFor();
        await expectAttribute(page, '[data-testid="catalogue-view-table"]', 'aria-pressed', 'true');
        await exerciseListTable(page, { id: 'catalogue', row: 'product-row', key: 'data-product-id', sortBy: 'added', search: { 'zh-CN': '核桃', en: 'walnut' },
            from: addDays(formatDate(Date.now()), 1), empty: 'catalogue-empty', codes: ['nuts_dried_fruit', 'yecheng'] });
        // The category stays through search and clear; a code finds nothing it should not.
        assert.equal(new URL(page.url()).searchParams.get('category'), 'nuts_dried_fruit');
        await page.fill('[data-testid="catalogue-q"]', 'ALMOND');
        await page.getByTestId('catalogue-search').click();
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="product-row"]').length === 1);
        assert.equal(await page.getByTestId('product-row-link').textContent(), '莎车巴旦木');
        await page.getByTestId('catalogue-view-cards').click();
        await expectCards(page, 1);
    });

    e2e('an auditor finds audit events and ledger transfers by name and date, sorted, names not codes', async ({ page }) => {
        const admin = await tokenOf(ADMIN);
        const auditor = { username: 'e2e-list-auditor', displayName: 'E2E List Auditor', role: 'auditor' };
        await call(admin, 'POST', 'users', { username: auditor.username, display_name: auditor.displayName, role: 'auditor', password: PASSWORD });
        await signIn(page, auditor);
        await page.goto('/audit');
        await page.getByTestId('audit-event').first().waitFor();
        await exerciseListTable(page, { id: 'audit-events', row: 'audit-event', key: 'data-seq', sortBy: 'seq', search: { 'zh-CN': ADMIN.displayName, en: ADMIN.displayName },
            from: addDays(formatDate(Date.now()), 1), empty: 'audit-events-empty', codes: ['user.create'] });

        await page.goto('/ledger');
        await page.getByTestId('ledger-transfer').first().waitFor();
        await exerciseListTable(page, { id: 'ledger', row: 'ledger-transfer', key: 'data-seq', sortBy: 'at', search: { 'zh-CN': '叶城', en: 'Yecheng' }, shows: false,
            from: addDays(formatDate(Date.now()), 1), empty: 'ledger-empty' });
    });

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

    // Last: once a producer records lots of a product, its later shipments of it must name lots.
    traceTests({
        e2e, signIn, call, tokenOf, addBuyer, addDays, confirmInDialog, expectText, zh, en,
        users: { ADMIN, PRODUCER_A }, catalogue: () => catalogue, baseUrl: () => server.baseUrl, password: PASSWORD,
    });
    // After the trace tests: the recall pages and the trace graph, on a lot of the walnuts they keep lots of.
    recallTests({
        e2e, signIn, call, tokenOf, addBuyer, addDays, confirmInDialog, expectText, zh, en,
        users: { ADMIN, PRODUCER_A }, catalogue: () => catalogue, baseUrl: () => server.baseUrl, password: PASSWORD,
    });
});

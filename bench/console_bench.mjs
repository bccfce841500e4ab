#!/usr/bin/env node
// How fast the console loads: cold (a new browser profile, empty cache) and warm (the same profile
// opening the page again) loads of three pages in Debian's headless Chromium, each signed in as a
// role that uses it, against a real `kashlink demo` server on the demo programme.
//
//   node bench/console_bench.mjs --binary build/kashlink [--web-root web/dist] [--repeats 5]
//        [--rtt-ms 150 --kbps 1600] [--db var/bench-demo.sqlite] [--chromium /usr/bin/chromium] [--timeline 1]
//
// Without --web-root the console is built first (web/build.mjs), so the figures are those of the
// sources as they are. With --rtt-ms or --kbps, a second table repeats the loads over a link that
// Chromium emulates (a mobile link from Kashgar to a server in Shanghai: `make bench` uses 150 ms and
// 1,600 kbit/s). Without --db the demo programme is created in a temp directory.
//
// A load is timed in the page, from the start of navigation to the moment the page's data is on
// screen (the element named per page below), read from performance.now(). Requests and bytes are
// the page's Resource Timing entries up to that moment: "requests" is everything the page asked
// for, "network" those that reached the server (a cache hit has transferSize 0; a 304 does not),
// "KiB" the bytes transferred (headers included, as compressed on the wire). The figures are printed
// against the floor measured in the same run: a cold load of /healthz, one tiny request.
// With --timeline 1, the last warm load of each page is also printed as a timeline: when each
// request started and ended (ms from navigation start), and when the script ran and the data showed,
// which is what tells a round trip that waits for another from one that does not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { CHROMIUM_DEFAULT, consoleWebRoot, launchChromium, startDemo } from '../tests/e2e/browser.mjs';

// One page load, including its API calls, on the slowest link this is meant for.
const LOAD_TIMEOUT_MS = 60_000;
const REPEATS_DEFAULT = 5;
// The pages, the role that uses each, and what is on screen once its data has arrived.
const PAGES = [
    { path: '/catalogue', role: 'buyer', ready: '[data-testid="product-card"]' },
    { path: '/orders', role: 'buyer', ready: '[data-testid="order-row"]' },
    { path: '/reports', role: 'fund_officer', ready: '[data-testid="reports-total"]' },
];
// Shown instead of the data when a page fails; the bench stops rather than time an error page.
const FAILED = '[data-testid$="-error"], [data-testid="not-found-heading"], [data-testid="login-form"]';

function usage(message) {
    console.error(`${message}\nusage: node bench/console_bench.mjs --binary <kashlink> [--web-root DIR] [--repeats N] `
        + '[--rtt-ms MS] [--kbps KBPS] [--db FILE] [--chromium PATH]');
    process.exit(2);
}

function parseOptions(args) {
    const options = { binary: process.env.KASHLINK_BIN, webRoot: null, repeats: REPEATS_DEFAULT, rttMs: 0, kbps: 0, timeline: 0,
        db: null, chromium: process.env.CHROMIUM_PATH || CHROMIUM_DEFAULT };
    const numbers = { '--repeats': 'repeats', '--rtt-ms': 'rttMs', '--kbps': 'kbps', '--timeline': 'timeline' };
    const texts = { '--binary': 'binary', '--web-root': 'webRoot', '--db': 'db', '--chromium': 'chromium' };
    for (let i = 0; i < args.length; i += 2) {
        const [name, value] = [args[i], args[i + 1]];
        if (value === undefined) usage(`${name} needs a value`);
        if (numbers[name]) options[numbers[name]] = Number(value);
        else if (texts[name]) options[texts[name]] = value;
        else usage(`unknown argument: ${name}`);
    }
    if (!options.binary || !fs.existsSync(options.binary)) usage(`no kashlink binary: ${options.binary ?? '(none)'}`);
    if (!Number.isInteger(options.repeats) || options.repeats < 1) usage('--repeats must be a positive integer');
    if (!(options.rttMs >= 0) || !(options.kbps >= 0)) usage('--rtt-ms and --kbps must be ≥ 0');
    if (!fs.existsSync(options.chromium)) usage(`no Chromium at ${options.chromium}`);
    return options;
}

// `kashlink demo` on a free port (tests/e2e/browser.mjs), with a login for every role measured.
async function startBenchDemo(options, webRoot, tempDir) {
    const demo = await startDemo({ binary: options.binary, db: options.db ?? path.join(tempDir, 'demo.sqlite'), webRoot });
    for (const { role } of PAGES) if (!demo.logins[role]) throw new Error(`kashlink demo printed no ${role} login:\n${demo.output}`);
    return demo;
}

// Installed before the page's own script: notes the moment `ready` (or a failure) first appears and
// says so on the console. The bench listens for that message instead of polling the page with
// waitForFunction: polling injects Playwright's own script into the page, whose evaluation (20–50 ms)
// ran on the page's main thread while it loaded and was counted as the console's time.
function watchReady([ready, failed, signal]) {
    let said = false;
    const check = () => {
        if (said) return;
        const bad = document.querySelector(failed);
        const answer = bad ? { failed: bad.textContent.trim() } : document.querySelector(ready) ? { at: performance.now() } : null;
        if (!answer) return;
        said = true;
        console.debug(signal, JSON.stringify(answer));
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
}
const READY_SIGNAL = 'kl-bench-ready';

// One load of `url` in `page`: ms to `ready` and the page's requests up to then.
async function timeLoad(page, url, ready) {
    await page.addInitScript(watchReady, [ready, FAILED, READY_SIGNAL]);
    const said = page.waitForEvent('console', { predicate: (message) => message.text().startsWith(READY_SIGNAL), timeout: LOAD_TIMEOUT_MS });
    await page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS });
    const { at, failed } = JSON.parse((await said).text().slice(READY_SIGNAL.length + 1));
    if (failed !== undefined) throw new Error(`${url} failed: ${failed}`);
    const entries = await page.evaluate((until) => [...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource')].filter((e) => e.startTime <= until)
        .map((e) => ({ api: new URL(e.name).pathname.startsWith('/api/'), transfer: e.transferSize,
            name: new URL(e.name).pathname + new URL(e.name).search, start: e.startTime, end: e.responseEnd })), at);
    const network = entries.filter((e) => e.transfer > 0);
    return {
        ms: at,
        requests: entries.length,
        api: entries.filter((e) => e.api).length,
        network: network.length,
        bytes: network.reduce((sum, e) => sum + e.transfer, 0),
        timeline: entries,
    };
}

function printTimeline(spec, load) {
    console.log(`  ${spec.path} warm, ready at ${load.ms.toFixed(0)} ms:`);
    for (const e of load.timeline) {
        const cached = e.transfer === 0 ? ' (cache)' : '';
        console.log(`    ${e.start.toFixed(0).padStart(5)} → ${e.end.toFixed(0).padStart(5)} ms  ${e.name.slice(0, 90)}${cached}`);
    }
}

// A page on `link` ({ rttMs, kbps }; zeros: loopback as it is).
async function newPage(context, link) {
    const page = await context.newPage();
    if (link.rttMs > 0 || link.kbps > 0) {
        const cdp = await context.newCDPSession(page);
        const bytesPerS = link.kbps > 0 ? (link.kbps * 1000) / 8 : -1;
        await cdp.send('Network.emulateNetworkConditions', {
            offline: false, latency: link.rttMs, downloadThroughput: bytesPerS, uploadThroughput: bytesPerS,
        });
    }
    return page;
}

// Cold then warm load of one page in a new profile signed in as `login`.
async function coldAndWarm(browser, server, link, spec, login) {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
        const signedIn = await context.request.post('/api/v1/sessions', { data: login });
        if (!signedIn.ok()) throw new Error(`sign-in as ${login.username} answered ${signedIn.status()}`);
        const cold = await timeLoad(await newPage(context, link), spec.path, spec.ready);
        const warm = await timeLoad(await newPage(context, link), spec.path, spec.ready);
        return { cold, warm };
    } finally {
        await context.close();
    }
}

async function floorMs(browser, server, link) {
    const context = await browser.newContext({ baseURL: server.baseUrl });
    try {
        const page = await newPage(context, link);
        await page.goto('/healthz', { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
        return await page.evaluate(() => performance.getEntriesByType('navigation')[0].responseEnd);
    } finally {
        await context.close();
    }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

function row(spec, runs, floor) {
    const cell = (kind) => {
        const ms = runs.map((run) => run[kind].ms);
        const last = runs[runs.length - 1][kind];
        return [`${median(ms).toFixed(0)} (${Math.min(...ms).toFixed(0)})`.padStart(11), `${(median(ms) / floor).toFixed(1)}×`.padStart(7),
            `${last.requests}/${last.api}/${last.network}`.padStart(10), (last.bytes / 1024).toFixed(1).padStart(7)];
    };
    return [spec.path.padEnd(11), spec.role.padEnd(13), ...cell('cold'), ...cell('warm')].join(' ');
}

// Targets on loopback (issue 14): a cold load under 1 s, a warm one under 0.3 s, median of the runs.
// The emulated link has none yet. Printed like bench/bench_support.h's print_target.
const LOOPBACK_TARGET_MS = { cold: 1000, warm: 300 };

function verdictLines(spec, runs, targeted) {
    return ['cold', 'warm'].map((kind) => {
        const ms = median(runs.map((run) => run[kind].ms));
        const label = `${spec.path} ${kind} load, median ms`.padEnd(58);
        if (!targeted) return `${label} ${ms.toFixed(0).padStart(9)}   no target set`;
        const limit = LOOPBACK_TARGET_MS[kind];
        return `${label} ${ms.toFixed(0).padStart(9)}   target < ${limit} ms: ${ms < limit ? 'met' : 'not met'}`;
    });
}

// The table of one link: the floor, then each page's cold and warm loads, then their verdicts.
async function measure(browser, server, link, repeats, options) {
    const name = link.rttMs > 0 || link.kbps > 0
        ? `emulated link: ${link.rttMs} ms latency, ${link.kbps || 'unlimited'} kbit/s` : 'loopback, no emulation';
    const floors = [];
    for (let i = 0; i < repeats; i += 1) floors.push(await floorMs(browser, server, link));
    const floor = median(floors);
    console.log(`\n${name}; floor: a cold load of /healthz (one request) takes ${floor.toFixed(1)} ms (median)`);
    console.log(`${'page'.padEnd(11)} ${'role'.padEnd(13)} ${'cold ms'.padStart(11)} ${'×'.padStart(7)} ${'requests'.padStart(10)} `
        + `${'KiB'.padStart(7)} ${'warm ms'.padStart(11)} ${'×'.padStart(7)} ${'requests'.padStart(10)} ${'KiB'.padStart(7)}`);
    const verdicts = [];
    const targeted = !(link.rttMs > 0 || link.kbps > 0);
    for (const spec of PAGES) {
        const runs = [];
        for (let i = 0; i < repeats; i += 1) runs.push(await coldAndWarm(browser, server, link, spec, server.logins[spec.role]));
        console.log(row(spec, runs, floor));
        verdicts.push(...verdictLines(spec, runs, targeted));
        if (options.timeline) printTimeline(spec, runs[runs.length - 1].warm);
    }
    console.log('');
    for (const line of verdicts) console.log(line);
}

async function main() {
    const options = parseOptions(process.argv.slice(2));
    const webRoot = await consoleWebRoot(options.webRoot);
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kashlink-console-bench-'));
    const server = await startBenchDemo(options, webRoot, tempDir);
    const browser = await launchChromium(options.chromium);
    try {
        console.log(`console_bench: kashlink demo at ${server.baseUrl} serving ${webRoot}, `
            + `Chromium ${browser.version()} headless; ${options.repeats} runs per page`);
        console.log('load ms: median (best) and × the floor; requests: all/api/network of the last run; KiB on the wire');
        await measure(browser, server, { rttMs: 0, kbps: 0 }, options.repeats, options);
        if (options.rttMs > 0 || options.kbps > 0) await measure(browser, server, options, options.repeats, options);
    } finally {
        await browser.close();
        await server.stop();
        fs.rmSync(tempDir, { recursive: true, force: true });
    }
}

main().catch((error) => {
    console.error(error.stack ?? String(error));
    process.exit(1);
});

// What the browser suite (tests/e2e/run.mjs) and the console benchmark (bench/console_bench.mjs)
// share: Debian's Chromium launched one way, the console built before it is served, free ports.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
// Everything runs on loopback: the server listens here and the browser talks to nothing else.
export const HOST = '127.0.0.1';
export const CHROMIUM_DEFAULT = '/usr/bin/chromium';
// Creating the demo programme (products, orders, the 2023 aid programme) before the first answer.
const DEMO_START_TIMEOUT_MS = 180_000;
const DEMO_POLL_INTERVAL_MS = 200;
const DEMO_STOP_GRACE_MS = 5_000;
// Debian's Chromium in a container: no sandbox or GPU, and nothing that calls out to the network.
export const CHROMIUM_ARGS = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-proxy-server', '--disable-dev-shm-usage',
];

// playwright-core from web/node_modules (pinned by its lockfile); it never downloads a browser.
export function launchChromium(executablePath) {
    const { chromium } = createRequire(path.join(REPO_WEB, 'package.json'))('playwright-core');
    return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

// The web root to serve: `given` as it is, or else the console built from its sources now
// (web/build.mjs into web/dist, about a second), so a run never serves a stale bundle.
export async function consoleWebRoot(given) {
    if (given) return path.resolve(given);
    const { buildConsole, DIST } = await import(path.join(REPO_WEB, 'build.mjs'));
    await buildConsole();
    return DIST;
}

export function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, HOST, () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

export function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

// `kashlink demo` on a free port over `db` (made if absent), serving `webRoot`; resolves to
// { baseUrl, logins: role → {username, password} (the first demo user of each role), output, stop }.
// The server is killed when this process exits, whatever happens.
export async function startDemo({ binary, db, webRoot }) {
    const port = await freePort();
    const args = ['demo', '--db', db, '--host', HOST, '--port', String(port), '--web-root', webRoot, '--log-level', 'warn'];
    const child = spawn(path.resolve(binary), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    let exited = null;
    child.once('exit', (code, signal) => { exited = code ?? signal; });
    const stop = async () => {
        if (exited !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), DEMO_STOP_GRACE_MS);
        await new Promise((resolve) => child.once('exit', resolve));
        clearTimeout(timer);
    };
    process.on('exit', () => { if (exited === null) child.kill('SIGKILL'); });
    const baseUrl = `http://${HOST}:${port}`;
    const deadline = Date.now() + DEMO_START_TIMEOUT_MS;
    for (;;) {
        if (exited !== null) throw new Error(`kashlink demo exited (${exited}):\n${output}`);
        if (Date.now() > deadline) throw new Error(`kashlink demo did not start within ${DEMO_START_TIMEOUT_MS} ms:\n${output}`);
        const answered = await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false);
        if (answered && output.includes('Press Ctrl+C')) break;
        await sleep(DEMO_POLL_INTERVAL_MS);
    }
    // "  buyer / kashlink-buyer  (buyer, Shanghai …)": the first login of each role.
    const logins = {};
    for (const [, username, password, role] of output.matchAll(/^\s+(\S+) \/ (\S+)\s+\(([a-z_]+)/gm)) {
        logins[role] ??= { username, password };
    }
    return { baseUrl, logins, output, stop };
}

// What the browser suite (tests/e2e/run.mjs) and the console benchmark (bench/console_bench.mjs)
// share: Debian's Chromium launched one way, the console built before it is served, free ports.
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
// Everything runs on loopback: the server listens here and the browser talks to nothing else.
export const HOST = '127.0.0.1';
export const CHROMIUM_DEFAULT = '/usr/bin/chromium';
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

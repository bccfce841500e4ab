#!/usr/bin/env node
// Screenshots of each demo role's to-do home (pages/home.js), desktop and phone width, in Chinese:
// a fresh `kashlink demo` in a temp directory, Debian's Chromium, one PNG per role and width.
//
//   node tests/e2e/home-screens.mjs --binary build/kashlink --out DIR [--lang zh-CN|en] [--chromium /usr/bin/chromium]
//
// Writes DIR/home-<role>-desktop.png and DIR/home-<role>-phone.png (DIR is made if absent; keep it
// outside the repository). The console is built from its sources first, as the e2e suite does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { CHROMIUM_DEFAULT, consoleWebRoot, launchChromium, startDemo } from './browser.mjs';

const ROLES = ['admin', 'fund_officer', 'county_officer', 'producer', 'buyer', 'logistics', 'auditor'];
// A laptop and the narrow phone the console is checked at (390 px: an iPhone 12–15).
const SIZES = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
const WAIT_MS = 60_000;

function parseOptions(args) {
    const options = { binary: process.env.KASHLINK_BIN, out: null, lang: 'zh-CN', chromium: CHROMIUM_DEFAULT };
    for (let i = 0; i < args.length; i += 2) {
        const [name, value] = [args[i], args[i + 1]];
        if (value === undefined) throw new Error(`${name} needs a value`);
        if (name === '--binary') options.binary = value;
        else if (name === '--out') options.out = value;
        else if (name === '--lang') options.lang = value;
        else if (name === '--chromium') options.chromium = value;
        else throw new Error(`unknown argument ${name}`);
    }
    if (!options.binary || !options.out) throw new Error('usage: home-screens.mjs --binary <kashlink> --out <dir> [--lang zh-CN|en]');
    return options;
}

async function shoot(browser, demo, role, options) {
    const login = demo.logins[role];
    if (!login) throw new Error(`the demo has no ${role} login`);
    for (const [size, viewport] of Object.entries(SIZES)) {
        const context = await browser.newContext({ baseURL: demo.baseUrl, viewport, timezoneId: 'Asia/Shanghai' });
        await context.addInitScript((lang) => localStorage.setItem('kl.lang', lang), options.lang);
        const page = await context.newPage();
        page.setDefaultTimeout(WAIT_MS);
        await page.goto('/login');
        await page.fill('#username', login.username);
        await page.fill('#password', login.password);
        await page.getByTestId('login-submit').click();
        await page.waitForURL((url) => url.pathname === '/');
        await page.locator('[data-testid="todo-list"], [data-testid="todo-empty"]').first().waitFor();
        // The aid-sales chart loads on its own; a screenshot taken before ECharts draws shows an empty card.
        await page.waitForLoadState('networkidle');
        if (await page.locator('.chart-canvas').count() > 0) await page.locator('.chart-canvas canvas').first().waitFor();
        const file = path.join(options.out, `home-${role}-${size}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
        await context.close();
    }
}

const options = parseOptions(process.argv.slice(2));
fs.mkdirSync(options.out, { recursive: true });
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kashlink-home-screens-'));
const webRoot = await consoleWebRoot(null);
const demo = await startDemo({ binary: options.binary, db: path.join(tempDir, 'demo.sqlite'), webRoot });
const browser = await launchChromium(options.chromium);
try {
    for (const role of ROLES) await shoot(browser, demo, role, options);
} finally {
    await browser.close();
    await demo.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
}

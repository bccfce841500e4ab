// axe-core (WCAG 2.1 A and AA) in the e2e suite's pages. axe's source is evaluated through the
// DevTools protocol, which the console's Content Security Policy (script-src 'self') does not govern,
// so the page under test is the page as served.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The violations axe finds on the page as it is now: [{ rule, impact, targets, help }]. */
export async function accessibilityViolations(page) {
    if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) await page.evaluate(AXE_SOURCE);
    const result = await page.evaluate(async (tags) => globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags } }), WCAG_21_AA);
    return result.violations.map((violation) => ({
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
}

/** Adds the page's violations to `into`, each marked with `where` (the pages a journey passes, checked at the end). */
export async function checkAccessibility(page, where, into) {
    for (const violation of await accessibilityViolations(page)) into.push({ where, ...violation });
}

/** One line per violation, for an assertion message. */
export function describeViolations(found) {
    return found.map((entry) => `${entry.where}: ${entry.rule} (${entry.impact}) ${entry.help} — ${entry.targets.join(', ')}`).join('\n');
}

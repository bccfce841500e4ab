// The console's one direction: pages (and the page table, routes.js) use components, never the
// reverse. A component that reached a page, directly or through any module it imports, would load
// every page with the top bar and make pages and components a cycle (the header once did, through
// the routes table). Reads the import statements as text; no browser, nothing run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
const COMPONENTS = path.join(SRC, 'components');
const PAGES = path.join(SRC, 'pages');
const ROUTES = path.join(SRC, 'routes.js');

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`; bare names (preact) are
// packages and are skipped.
const SPECIFIER = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

function relativeImports(file) {
    const code = fs.readFileSync(file, 'utf8');
    return [...code.matchAll(SPECIFIER)]
        .map((m) => m[1])
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => path.resolve(path.dirname(file), specifier));
}

const isPageSide = (file) => file === ROUTES || file.startsWith(PAGES + path.sep);
const shown = (file) => path.relative(SRC, file);

/** The chain of imports from `start` to a page or routes.js, or null when there is none. */
function pathToPages(start) {
    const seen = new Set([start]);
    const queue = [[start]];
    while (queue.length) {
        const chain = queue.shift();
        for (const next of relativeImports(chain.at(-1))) {
            if (isPageSide(next)) return [...chain, next];
            if (seen.has(next) || !fs.existsSync(next)) continue;
            seen.add(next);
            queue.push([...chain, next]);
        }
    }
    return null;
}

test('the scan reads imports (it finds the pages routes.js imports)', () => {
    assert.ok(relativeImports(ROUTES).filter(isPageSide).length > 10);
});

test('no component imports a page or routes.js, directly or through another module', () => {
    const components = fs.readdirSync(COMPONENTS).filter((name) => name.endsWith('.js')).map((name) => path.join(COMPONENTS, name));
    assert.ok(components.length > 10, `found only ${components.length} components: is the scan broken?`);
    const backEdges = components.map(pathToPages).filter(Boolean).map((chain) => chain.map(shown).join(' → '));
    assert.deepEqual(backEdges, []);
});

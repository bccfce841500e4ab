#!/usr/bin/env node
// Builds the console into web/dist/, the directory `kashlink serve` serves:
//   dist/index.html                    index.html with its references rewritten to the files below
//   dist/assets/main-<hash>.js         src/main.js and every module and npm package it imports, minified
//   dist/assets/early-<hash>.js        src/early.js: starts a warm page's first API requests (early-plan.js)
//   dist/assets/charts-<hash>.js       the chart library (ECharts' parts the charts use), loaded on demand
//   dist/assets/styles-<hash>.css      styles.css, minified
//   dist/assets/favicon-<hash>.svg
//   dist/assets/*.gz, *.br             gzip (level 9) and brotli (quality 11) of each, where smaller
// A name carries a hash of its content, so the server caches assets/ for a year ("immutable") and a
// page costs index.html (revalidated) plus one script and one stylesheet. index.html holds no inline
// script, so the Content-Security-Policy allows scripts from files only (src/http/security_headers.h).
//
//   node build.mjs            one build (`make web` runs it; under a second)
//   node build.mjs --watch    development: rebuilds (unminified, inline source map) on every save
//
// New files are written before index.html is replaced (atomically), and stale files are removed
// after, so a running server never serves a page whose assets are missing.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const WEB = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.join(WEB, 'dist');
const ASSETS = 'assets';
// The template's references to the source files, each replaced by its built, hashed file.
const SCRIPT_REF = 'src="/src/main.js"';
const EARLY_REF = 'src="/src/early.js"';
const STYLES_REF = 'href="/styles.css"';
const FAVICON_REF = 'href="/favicon.svg"';
const CHARTS_SOURCE = 'src/components/echarts-setup.js';
const CHARTS_REF = `content="/${CHARTS_SOURCE}"`;
// Browsers the bundle is written for: those with ES modules and the syntax the sources use.
const TARGETS = ['es2022', 'chrome100', 'firefox100', 'safari15'];
// Hex digits of a file's SHA-256 in its name (esbuild's own hashes are 8 characters too).
const HASH_CHARS = 8;
// Files smaller than this are not precompressed: the server sends them as they are.
const PRECOMPRESS_BYTES_MIN = 256;

function hashed(name, content) {
    const digest = createHash('sha256').update(content).digest('hex').slice(0, HASH_CHARS);
    const extension = path.extname(name);
    return `${path.basename(name, extension)}-${digest}${extension}`;
}

function esbuildOptions(dev) {
    return {
        absWorkingDir: WEB,
        // The chart library is an entry of its own, not part of main: only pages with a chart load it
        // (components/chart.js imports it by the address index.html names), so the others neither
        // download nor parse it. Not esbuild's code splitting: that adds a shared chunk to every page.
        entryPoints: { main: 'src/main.js', charts: CHARTS_SOURCE, styles: 'styles.css' },
        bundle: true,
        format: 'esm',
        target: TARGETS,
        minify: !dev,
        sourcemap: dev ? 'inline' : false,
        legalComments: dev ? 'inline' : 'eof',
        entryNames: `${ASSETS}/[name]-[hash]`,
        assetNames: `${ASSETS}/[name]-[hash]`,
        outdir: DIST,
        write: false,
        metafile: true,
        logLevel: 'warning',
    };
}

// early.js (about a kilobyte) starts a warm page's first API requests before main is evaluated
// (src/early-plan.js). It is a classic script, not a module, so that it runs while the page is parsed,
// always before main (an async module may run after it); so it is built apart, as an IIFE that leaves
// no names in the page's global scope.
function earlyOptions(dev) {
    const options = esbuildOptions(dev);
    return { ...options, entryPoints: { early: 'src/early.js' }, format: 'iife' };
}

// Both builds' outputs as one result (publish reads outputFiles and metafile.outputs).
function merged(results) {
    return {
        outputFiles: results.flatMap((result) => result.outputFiles),
        metafile: { outputs: Object.assign({}, ...results.map((result) => result.metafile.outputs)) },
    };
}

// { 'src/main.js': 'assets/main-XXXX.js', 'styles.css': … } → the files to write, by relative path.
function collectOutputs(result) {
    const files = new Map();
    const entries = {};
    for (const file of result.outputFiles) files.set(path.relative(DIST, file.path), Buffer.from(file.contents));
    for (const [output, meta] of Object.entries(result.metafile.outputs)) {
        if (meta.entryPoint) entries[meta.entryPoint] = path.relative(DIST, path.resolve(WEB, output));
    }
    return { files, entries };
}

function pageFrom(template, { script, early, styles, favicon, charts }) {
    // The template's comments are for its readers, not for every page load.
    let page = template.replace(/\n?[ \t]*<!--[\s\S]*?-->/g, '');
    for (const [reference, target] of [[SCRIPT_REF, script], [EARLY_REF, early], [STYLES_REF, styles], [FAVICON_REF, favicon], [CHARTS_REF, charts]]) {
        if (!page.includes(reference)) throw new Error(`index.html no longer has ${reference}; update web/build.mjs`);
        page = page.replace(reference, reference.replace(/"\/[^"]+"/, `"/${target}"`));
    }
    // The policy forbids inline scripts: a page that had one would load without it, silently.
    for (const tag of page.match(/<script\b[^>]*>/g) ?? []) {
        if (!/\ssrc=/.test(tag)) throw new Error(`index.html has an inline script (${tag}); the CSP refuses it`);
    }
    return page;
}

function precompressed(content) {
    if (content.length < PRECOMPRESS_BYTES_MIN) return [];
    const gzip = zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION });
    const brotli = zlib.brotliCompressSync(content, {
        params: {
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
    });
    return [['.gz', gzip], ['.br', brotli]].filter(([, bytes]) => bytes.length < content.length);
}

function writeAtomically(file, content) {
    const temporary = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, file);
}

// Writes the build into dist/ and removes what the previous one left; returns the files written.
function publish(result, dev) {
    const { files, entries } = collectOutputs(result);
    const favicon = fs.readFileSync(path.join(WEB, 'favicon.svg'));
    const faviconName = `${ASSETS}/${hashed('favicon.svg', favicon)}`;
    files.set(faviconName, favicon);
    if (!dev) {
        for (const [name, content] of [...files]) {
            for (const [suffix, bytes] of precompressed(content)) files.set(name + suffix, bytes);
        }
    }
    const template = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
    const page = pageFrom(template, { script: entries['src/main.js'], early: entries['src/early.js'], styles: entries['styles.css'], favicon: faviconName,
        charts: entries[CHARTS_SOURCE] });

    fs.mkdirSync(path.join(DIST, ASSETS), { recursive: true });
    for (const [name, content] of files) {
        const file = path.join(DIST, name);
        // Same name, same content: an unchanged asset keeps its file (and its ETag).
        if (!fs.existsSync(file)) writeAtomically(file, content);
    }
    writeAtomically(path.join(DIST, 'index.html'), page);
    const keep = new Set([...files.keys(), 'index.html']);
    for (const entry of fs.readdirSync(DIST, { recursive: true, withFileTypes: true })) {
        const name = path.relative(DIST, path.join(entry.parentPath ?? entry.path, entry.name));
        if (entry.isFile() && !keep.has(name)) fs.rmSync(path.join(DIST, name));
    }
    return [...keep].sort();
}

// One production build of web/ into web/dist/; resolves to the relative paths written.
export async function buildConsole() {
    const results = await Promise.all([esbuild.build(esbuildOptions(false)), esbuild.build(earlyOptions(false))]);
    return publish(merged(results), false);
}

async function watch() {
    // Each build keeps its latest result; either one ending publishes both.
    const latest = { main: null, early: null };
    const republish = (name) => ({
        name: 'publish',
        setup(build) {
            build.onEnd((result) => {
                if (result.errors.length > 0) return;
                latest[name] = result;
                if (!latest.main || !latest.early) return;
                try {
                    publish(merged([latest.main, latest.early]), true);
                    console.log(`${new Date().toISOString()} built web/dist`);
                } catch (error) {
                    console.error(error.message);
                }
            });
        },
    });
    const contexts = await Promise.all([
        esbuild.context({ ...esbuildOptions(true), plugins: [republish('main')] }),
        esbuild.context({ ...earlyOptions(true), plugins: [republish('early')] }),
    ]);
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('watching src/ and styles.css (restart after editing index.html or favicon.svg); Ctrl+C to stop');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const started = Date.now();
    if (process.argv.includes('--watch')) {
        await watch();
    } else {
        const files = await buildConsole();
        const sizes = files.filter((name) => name.startsWith(`${ASSETS}/`) && !/\.(gz|br)$/.test(name))
            .map((name) => `${name} ${fs.statSync(path.join(DIST, name)).size} B`);
        console.log(`web/dist built in ${Date.now() - started} ms: ${sizes.join(', ')}`);
    }
}

// The dictionaries stay complete and consistent, and every label the source asks for exists.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
    DEFAULT_LANG, DICTIONARIES, LANG_STORAGE_KEY, LANGUAGES, hasKey, loadLang, saveLang, translate,
} from '../src/i18n/index.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
// Roles the server knows (src/access/principal.h); each needs a label in every language.
const ROLES = ['admin', 'fund_officer', 'county_officer', 'producer', 'buyer', 'logistics', 'auditor'];

function placeholders(text) {
    return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

function sourceFiles(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'i18n' ? [] : sourceFiles(full);
        return entry.name.endsWith('.js') ? [full] : [];
    });
}

class MemoryStorage {
    constructor(values = {}) { this.values = { ...values }; }
    getItem(key) { return Object.hasOwn(this.values, key) ? this.values[key] : null; }
    setItem(key, value) { this.values[key] = String(value); }
}

describe('dictionaries', () => {
    const [zh, en] = [DICTIONARIES['zh-CN'], DICTIONARIES.en];

    test('every language offered has a dictionary, and the default is Chinese', () => {
        assert.deepEqual(LANGUAGES.map((l) => l.code).sort(), Object.keys(DICTIONARIES).sort());
        assert.equal(DEFAULT_LANG, 'zh-CN');
    });

    test('zh-CN and en have the same keys', () => {
        const missingInEn = Object.keys(zh).filter((key) => !Object.hasOwn(en, key));
        const missingInZh = Object.keys(en).filter((key) => !Object.hasOwn(zh, key));
        assert.deepEqual({ missingInEn, missingInZh }, { missingInEn: [], missingInZh: [] });
    });

    test('no label is empty and both languages use the same {placeholders}', () => {
        for (const key of Object.keys(zh)) {
            assert.ok(zh[key].trim() && en[key].trim(), `empty label ${key}`);
            assert.deepEqual(placeholders(zh[key]), placeholders(en[key]), `placeholders of ${key}`);
        }
    });

    test('the Chinese labels are Chinese', () => {
        const latinOnly = Object.entries(zh).filter(([, text]) => !/[\u4e00-\u9fff]/.test(text)).map(([key]) => key);
        assert.deepEqual(latinOnly, []);
    });

    test('every role has a label', () => {
        for (const role of ROLES) {
            assert.ok(hasKey('zh-CN', `role.${role}`) && hasKey('en', `role.${role}`), `role.${role}`);
        }
    });

    test("every t('…') key used in web/src exists", () => {
        const used = new Set();
        for (const file of sourceFiles(SRC)) {
            const code = fs.readFileSync(file, 'utf8');
            for (const m of code.matchAll(/\bt\(\s*'([\w.-]+)'/g)) used.add(m[1]);
            for (const m of code.matchAll(/\bkey:\s*'([\w.-]+)'/g)) used.add(m[1]);
            for (const m of code.matchAll(/(?:titleKey|labelKey):\s*'([\w.-]+)'/g)) used.add(m[1]);
        }
        assert.ok(used.size > 20, `found only ${used.size} keys: is the scan broken?`);
        const missing = [...used].filter((key) => !hasKey('zh-CN', key) || !hasKey('en', key));
        assert.deepEqual(missing, []);
    });
});

describe('translate', () => {
    test('fills placeholders and leaves unknown ones visible', () => {
        assert.equal(translate('en', 'home.welcome', { name: 'Ayşe' }), 'Welcome, Ayşe');
        assert.equal(translate('zh-CN', 'home.welcome', { name: '阿依古丽' }), '欢迎，阿依古丽');
        assert.equal(translate('en', 'home.welcome'), 'Welcome, {name}');
    });
    test('a missing key shows as itself; an unknown language falls back to Chinese', () => {
        assert.equal(translate('en', 'no.such.key'), 'no.such.key');
        assert.equal(translate('de', 'nav.home'), DICTIONARIES['zh-CN']['nav.home']);
    });
});

describe('language choice', () => {
    test('defaults to zh-CN and ignores unsupported saved values', () => {
        assert.equal(loadLang(new MemoryStorage()), 'zh-CN');
        assert.equal(loadLang(new MemoryStorage({ [LANG_STORAGE_KEY]: 'fr' })), 'zh-CN');
        assert.equal(loadLang(undefined), 'zh-CN');
    });
    test('persists the choice', () => {
        const storage = new MemoryStorage();
        saveLang('en', storage);
        assert.equal(storage.getItem(LANG_STORAGE_KEY), 'en');
        assert.equal(loadLang(storage), 'en');
        assert.throws(() => saveLang('xx', storage), RangeError);
        assert.equal(loadLang(storage), 'en');
    });
    test('storage that throws does not break the console', () => {
        const broken = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('denied'); } };
        assert.equal(loadLang(broken), 'zh-CN');
        assert.doesNotThrow(() => saveLang('en', broken));
    });
});

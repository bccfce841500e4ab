// Every label of the console goes through translate(): one flat dictionary per language, keys
// shared, {name} placeholders filled from params. The choice is kept in localStorage.
import en from './en.js';
import zhCN from './zh-CN.js';

export const LANGUAGES = [
    { code: 'zh-CN', label: '中文' },
    { code: 'en', label: 'English' },
];
export const DEFAULT_LANG = 'zh-CN';
export const LANG_STORAGE_KEY = 'kl.lang';

export const DICTIONARIES = { 'zh-CN': zhCN, en };

export function isSupported(lang) {
    return Object.hasOwn(DICTIONARIES, lang);
}

export function hasKey(lang, key) {
    return isSupported(lang) && Object.hasOwn(DICTIONARIES[lang], key);
}

/**
 * The label `key` in `lang` with {placeholders} replaced from `params`. A key missing from the
 * dictionary shows as the key itself, so a gap is visible on screen rather than blank (and the unit
 * tests fail on it).
 */
export function translate(lang, key, params = {}) {
    const dictionary = DICTIONARIES[isSupported(lang) ? lang : DEFAULT_LANG];
    const template = Object.hasOwn(dictionary, key) ? dictionary[key] : key;
    return template.replace(/\{(\w+)\}/g, (whole, name) =>
        Object.hasOwn(params, name) ? String(params[name]) : whole);
}

// localStorage can throw (disabled storage, privacy modes); the console then just forgets the choice.
export function loadLang(storage = globalThis.localStorage) {
    try {
        const saved = storage?.getItem(LANG_STORAGE_KEY);
        return isSupported(saved) ? saved : DEFAULT_LANG;
    } catch {
        return DEFAULT_LANG;
    }
}

export function saveLang(lang, storage = globalThis.localStorage) {
    if (!isSupported(lang)) throw new RangeError(`unsupported language: ${lang}`);
    try {
        storage?.setItem(LANG_STORAGE_KEY, lang);
    } catch {
        // Not persisted; the current page still switches.
    }
}

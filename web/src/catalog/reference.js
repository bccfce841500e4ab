// Reference data every catalog page needs — counties, districts, the category tree — read once per
// visit and shared (they change only when an admin edits categories). A failed read is forgotten so
// the next page tries again.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { flattenCategories, itemsOf, localName } from './model.js';

const cache = new Map();

function load(name, read) {
    if (!cache.has(name)) {
        const promise = read().catch((error) => {
            cache.delete(name);
            throw error;
        });
        cache.set(name, promise);
    }
    return cache.get(name);
}

// Each list's API path (its name) and how its answer is read.
const READERS = {
    counties: () => api.get('counties', { redirectOn401: false }).then((answer) => itemsOf(answer, 'counties')),
    districts: () => api.get('districts', { redirectOn401: false }).then((answer) => itemsOf(answer, 'districts')),
    categories: () => api.get('categories', { redirectOn401: false }).then((answer) => flattenCategories(answer)),
};

/** The API paths of these reference lists (for a page's prefetch, routes.js). */
export function referencePaths(names, { includeCached = false } = {}) {
    return names.filter((name) => READERS[name] && (includeCached || !cache.has(name)));
}

/** Forgets what was read (after an admin changes categories). */
export function clearReference() {
    cache.clear();
}

/**
 * { counties, districts, categories, error } for the names listed (e.g. ['counties', 'categories']);
 * each is [] until read. categories is the flattened tree (model.js: flattenCategories).
 */
export function useReference(names) {
    const [state, setState] = useState(() => ({ counties: [], districts: [], categories: [], error: null }));
    useEffect(() => {
        let live = true;
        for (const name of names) {
            load(name, READERS[name]).then(
                (value) => live && setState((previous) => ({ ...previous, [name]: value })),
                (error) => live && setState((previous) => ({ ...previous, error })),
            );
        }
        return () => {
            live = false;
        };
    }, [names.join(',')]);
    return state;
}

/** The county (or district) record with this code, or null. */
export function byCode(list, code) {
    return list.find((entry) => entry.code === code) ?? null;
}

/**
 * A Shanghai district or Kashgar county by name in the reader's language, for a table cell that holds
 * its code: the code only until the names are read (or if they cannot be).
 */
export function PlaceName({ list, code }) {
    const { lang } = useApp();
    const state = useReference([list]);
    const place = byCode(state[list], code);
    return html`<span data-code=${code}>${place ? localName(place, lang) : code}</span>`;
}

// Pieces every fair page uses: reading a whole paged list (an event's participants, a run's
// meetings), the event's slots and tables by id, a state badge, and the button row of tabs.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { FAIR_PAGE_LIMIT, FAIR_PAGES_MAX, slotLabel } from './model.js';

/** Every item of the paged list at `path` (at most FAIR_PAGES_MAX pages): { phase, items, error, reload }. */
export function useAllPages(path, generation = 0) {
    const [state, setState] = useState({ phase: 'loading', items: [], error: null });
    const [reloads, setReloads] = useState(0);
    useEffect(() => {
        if (!path) return undefined;
        let live = true;
        (async () => {
            const items = [];
            let cursor = null;
            for (let page = 0; page < FAIR_PAGES_MAX; page += 1) {
                const sep = path.includes('?') ? '&' : '?';
                const answer = await api.get(`${path}${sep}limit=${FAIR_PAGE_LIMIT}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
                items.push(...(answer?.items ?? []));
                cursor = answer?.next_cursor;
                if (!cursor) break;
            }
            return items;
        })().then(
            (items) => live && setState({ phase: 'ready', items, error: null }),
            (error) => live && setState({ phase: 'error', items: [], error }),
        );
        return () => { live = false; };
    }, [path, generation, reloads]);
    return { ...state, reload: () => setReloads((n) => n + 1) };
}

/** A plain list answer ({ items }) at `path`: { phase, items, error, reload }. */
export function useItems(path, generation = 0) {
    const [state, setState] = useState({ phase: 'loading', items: [], error: null });
    const [reloads, setReloads] = useState(0);
    useEffect(() => {
        if (!path) return undefined;
        let live = true;
        api.get(path).then(
            (answer) => live && setState({ phase: 'ready', items: answer?.items ?? [], error: null }),
            (error) => live && setState({ phase: 'error', items: [], error }),
        );
        return () => { live = false; };
    }, [path, generation, reloads]);
    return { ...state, reload: () => setReloads((n) => n + 1) };
}

/** Lookups by id over the event's slots, tables and participants, for words and grids. */
export function lookups({ slots = [], tables = [], participants = [] }, t, lang) {
    const slotById = new Map(slots.map((slot) => [slot.id, slot]));
    const tableById = new Map(tables.map((table) => [table.id, table]));
    const participantById = new Map(participants.map((p) => [p.id, p]));
    return {
        slotOf: (id) => (id && slotById.has(id) ? slotLabel(slotById.get(id)) : '—'),
        tableOf: (id) => (id && tableById.has(id) ? t('fairs.tableNumber', { number: tableById.get(id).number }) : '—'),
        nameOf: (id) => (id && participantById.has(id) ? participantName(participantById.get(id), lang) : t('fairs.someone')),
    };
}

/**
 * "上海某食堂 · 王经理" — a buyer representative by organisation and person, an exhibitor by
 * organisation; in English the organisation's English name where the API gives one (org_name_en).
 */
export function participantName(p, lang) {
    if (!p) return '';
    const org = lang === 'en' && p.org_name_en ? p.org_name_en : p.org_name;
    return p.person_name ? `${org} · ${p.person_name}` : org;
}

export function StateBadge({ state }) {
    const { t } = useApp();
    const tone = { draft: 'neutral', registration: 'notice', scheduling: 'notice', published: 'ok', live: 'ok', closed: 'neutral' }[state] ?? 'neutral';
    return html`<span class=${`badge badge-${tone}`} data-testid="fair-state" data-state=${state}>${t(`fairState.${state}`)}</span>`;
}

/** A row of buttons, one pressed: the event page's tabs. */
export function Tabs({ tabs, current, onChoose, label }) {
    const { t } = useApp();
    return html`
        <div class="card filters">
            <div class="filter-row" role="group" aria-label=${label}>
                ${tabs.map((name) => html`
                    <button key=${name} type="button" class=${`button small${current === name ? ' primary' : ''}`}
                        aria-pressed=${current === name ? 'true' : 'false'} data-testid=${`fair-tab-${name}`}
                        onClick=${() => onChoose(name)}>${t(`fairs.tab.${name}`)}</button>`)}
            </div>
        </div>`;
}

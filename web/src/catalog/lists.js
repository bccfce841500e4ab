// Lists read a page at a time with the API's keyset cursor ({ items, next_cursor }).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { itemsOf, nextCursorOf } from './model.js';

/**
 * Pages of a list read with a cursor: `pathFor(cursor)` is the API path of a page, `key` says when
 * the list is a different one (new filters: start over; answers for the old one are dropped), and
 * `name` is the answer's list member when it is not `items`. Returns { items, phase: 'loading' |
 * 'ready' | 'error', error, hasMore, busy, more(), retry() }.
 */
export function useCursorList(pathFor, key, name) {
    const [state, setState] = useState({ items: [], cursor: null, phase: 'loading', error: null, busy: false });
    const generation = useRef(0);

    const fetchPage = (cursor, append) => {
        const mine = ++generation.current;
        setState((previous) => ({ ...previous, phase: append ? previous.phase : 'loading', busy: true, error: null }));
        api.get(pathFor(cursor)).then(
            (answer) => {
                if (mine !== generation.current) return;
                setState((previous) => ({
                    items: append ? [...previous.items, ...itemsOf(answer, name)] : itemsOf(answer, name),
                    cursor: nextCursorOf(answer),
                    phase: 'ready',
                    error: null,
                    busy: false,
                }));
            },
            (error) => {
                if (mine !== generation.current) return;
                setState((previous) => ({ ...previous, phase: append ? 'ready' : 'error', error, busy: false }));
            },
        );
    };

    useEffect(() => fetchPage(null, false), [key]);
    return {
        ...state,
        hasMore: Boolean(state.cursor),
        more: () => fetchPage(state.cursor, true),
        retry: () => fetchPage(null, false),
    };
}


// The "from ¥…" price of a product in a list: its lowest list price over all grades. The products
// list carries it (price_from_fen, null without a standard), so a catalogue page costs one request;
// only a product object without the field (an older server's) has its standard read, once per visit
// and standard version. readStandard also serves the market form, which needs the grades.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';

const standards = new Map();

/** The lowest list price of a standard in fen, or null when it prices nothing. */
export function lowestListPrice(standard) {
    const inner = standard?.standard ?? standard;
    const prices = (inner?.pricing?.list_prices ?? []).map((entry) => entry?.price_fen).filter(Number.isSafeInteger);
    return prices.length ? Math.min(...prices) : null;
}

/**
 * The answer of GET /products/{id}/standard for a product of a list (with its standard_version), read
 * once per visit and version; a failed read is forgotten, so the next call tries again.
 */
export function readStandard(product) {
    const key = `${product.id}@${product.standard_version}`;
    if (!standards.has(key)) {
        const promise = api.get(`products/${encodeURIComponent(product.id)}/standard`, { redirectOn401: false }).catch((error) => {
            standards.delete(key);
            throw error;
        });
        standards.set(key, promise);
    }
    return standards.get(key);
}

/** { phase: 'loading' | 'ready' | 'none' | 'error', fen } for a product of a list. */
export function useProductPrice(product) {
    const given = Number.isSafeInteger(product?.price_from_fen) ? product.price_from_fen : null;
    // Carried as null: the list says there is no price, so nothing is read.
    const hasStandard = Number(product?.standard_version) > 0 && product?.price_from_fen !== null;
    const [state, setState] = useState(() => {
        if (given !== null) return { phase: 'ready', fen: given };
        return hasStandard ? { phase: 'loading', fen: null } : { phase: 'none', fen: null };
    });
    useEffect(() => {
        if (given !== null || !hasStandard) return undefined;
        let live = true;
        readStandard(product).then(
            (standard) => {
                const fen = lowestListPrice(standard);
                if (live) setState(fen === null ? { phase: 'none', fen: null } : { phase: 'ready', fen });
            },
            () => live && setState({ phase: 'error', fen: null }),
        );
        return () => {
            live = false;
        };
    }, [product?.id, product?.standard_version, given]);
    return state;
}

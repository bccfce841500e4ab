// The market's console logic without any DOM: form text → API bodies (weights to integer grams,
// prices per kg to integer fen, with the problem named per field), and which decisions a user may
// take on an allocation proposal. Pages import it; web/test/market-model.test.mjs checks it.
import { parseMoney, parseWeight } from '../format.js';

export const OFFER_FIELDS = ['product_id', 'grade', 'quantity', 'price', 'available_from', 'available_to', 'packed_on', 'origin_node_id'];
export const DEMAND_FIELDS = ['target', 'min_grade', 'quantity', 'max_price', 'deliver_by', 'district', 'min_shelf_life_days', 'min_aided'];
export const RUN_STATUSES = ['queued', 'running', 'done', 'failed'];
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function grams(text, field, errors, { optional = false } = {}) {
    if (optional && !String(text ?? '').trim()) return 0;
    const parsed = parseWeight(text, 'kg');
    if (!parsed.ok) {
        errors[field] = `weight.${parsed.error}`;
        return null;
    }
    if (parsed.grams <= 0 && !optional) {
        errors[field] = 'weight.positive';
        return null;
    }
    return parsed.grams;
}

export function fen(text, field, errors) {
    const parsed = parseMoney(text);
    if (!parsed.ok) {
        errors[field] = `money.${parsed.error}`;
        return null;
    }
    if (parsed.fen <= 0) {
        errors[field] = 'money.positive';
        return null;
    }
    return parsed.fen;
}

export function date(text, field, errors) {
    const value = String(text ?? '').trim();
    if (!DATE_PATTERN.test(value)) errors[field] = 'date.format';
    return value;
}

export function required(text, field, errors) {
    const value = String(text ?? '').trim();
    if (!value) errors[field] = 'required';
    return value;
}

/**
 * The offer form ({ product_id, grade, quantity: "2.5 t", price: "¥12.80" per kg, dates, origin })
 * → { ok: true, body } for POST /offers, or { ok: false, errors: { field: messageKey } }.
 */
export function offerBody(form, orgId) {
    const errors = {};
    const body = {
        org_id: orgId,
        product_id: required(form.product_id, 'product_id', errors),
        grade: required(form.grade, 'grade', errors),
        quantity_g: grams(form.quantity, 'quantity', errors),
        price_fen_per_kg: fen(form.price, 'price', errors),
        available_from: date(form.available_from, 'available_from', errors),
        available_to: date(form.available_to, 'available_to', errors),
        packed_on: date(form.packed_on, 'packed_on', errors),
        origin_node_id: required(form.origin_node_id, 'origin_node_id', errors),
    };
    if (!errors.available_to && !errors.available_from && body.available_to < body.available_from) errors.available_to = 'date.beforeFrom';
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, body };
}

/**
 * The demand form. `target` is "product:<id>" or "category:<id>"; a product demand names its minimum
 * grade by code, a category demand by rank (1 = best).
 */
export function demandBody(form, orgId) {
    const errors = {};
    const target = String(form.target ?? '');
    const body = { org_id: orgId };
    if (target.startsWith('product:')) {
        body.product_id = target.slice('product:'.length);
        body.min_grade = required(form.min_grade, 'min_grade', errors);
    } else if (target.startsWith('category:')) {
        body.category_id = target.slice('category:'.length);
        const rank = Number(String(form.min_grade ?? '').trim());
        if (!Number.isInteger(rank) || rank < 1) errors.min_grade = 'rank';
        else body.min_grade_rank = rank;
    } else {
        errors.target = 'required';
    }
    body.quantity_g = grams(form.quantity, 'quantity', errors);
    body.max_price_fen_per_kg = fen(form.max_price, 'max_price', errors);
    body.deliver_by = date(form.deliver_by, 'deliver_by', errors);
    body.district = required(form.district, 'district', errors);
    const days = String(form.min_shelf_life_days ?? '').trim();
    body.min_shelf_life_days = days === '' ? 0 : Number(days);
    if (!Number.isInteger(body.min_shelf_life_days) || body.min_shelf_life_days < 0) errors.min_shelf_life_days = 'days';
    body.min_aided_g = grams(form.min_aided, 'min_aided', errors, { optional: true });
    if (!errors.min_aided && !errors.quantity && body.min_aided_g > body.quantity_g) errors.min_aided = 'aided.aboveQuantity';
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, body };
}

/** A proposal's statuses in the order a list sorts them (proposalStatus.<status> labels). */
export const PROPOSAL_STATUSES = ['proposed', 'declined', 'confirmed'];

/** The side of `proposal` the user decides for ('seller', 'buyer') or null. */
export function sideOf(proposal, user) {
    if (!user?.orgId) return null;
    if (user.role === 'producer' && proposal.seller_org_id === user.orgId) return 'seller';
    if (user.role === 'buyer' && proposal.buyer_org_id === user.orgId) return 'buyer';
    return null;
}

/** Which buttons a user gets on a proposal: accept and/or decline while its side is undecided. */
export function proposalActions(proposal, user) {
    const side = sideOf(proposal, user);
    if (!side || proposal.status !== 'proposed') return [];
    const decided = side === 'seller' ? proposal.seller_decision : proposal.buyer_decision;
    return decided ? [] : ['accept', 'decline'];
}

/** Whether a run is still being worked on (the page polls until it is not). */
export function runInProgress(run) {
    return run?.status === 'queued' || run?.status === 'running';
}

/** Milli-fen (grams × fen/kg) → whole fen, rounded half away from zero, for display. */
export function mfenToFen(mfen) {
    const value = BigInt(mfen);
    const sign = value < 0n ? -1n : 1n;
    return ((value * sign + 500n) / 1000n) * sign;
}

/** Who may start runs: the roles POST /allocations accepts. */
export function canStartRuns(user) {
    return user?.role === 'admin' || user?.role === 'fund_officer';
}

/** The role that lists each side (an admin may list either, naming the organisation). */
export const LISTING_ROLES = { offer: 'producer', demand: 'buyer' };

/** Whether `user` gets the create form and "Import CSV" for `side` ('offer' | 'demand'). */
export function mayList(user, side) {
    return user?.role === 'admin' || (Boolean(user?.role) && user.role === LISTING_ROLES[side]);
}

/**
 * Whether `user` is offered "withdraw" on an open listing: an admin on any, a producer on its own
 * organisation's offers, a buyer on its own organisation's demands (`side`: 'offer' | 'demand').
 * The server decides; this only hides a button it would refuse.
 */
export function mayWithdraw(listing, user, side) {
    if (!listing || listing.status !== 'open' || !user) return false;
    if (user.role === 'admin') return true;
    return user.role === LISTING_ROLES[side] && Boolean(user.orgId) && listing.org_id === user.orgId;
}

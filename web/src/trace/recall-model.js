// The recall pages' pure logic (unit-tested in web/test/trace-graph.test.mjs): who may open and
// close a recall as the server decides it (src/trace/recall.h), and the body of a buyer's
// acknowledgement from what it typed.

// Who opens a recall: admin any lot, a county officer its county's (the only lots it sees), a
// producer its own (idem).
export const RECALL_OPENERS = ['admin', 'county_officer', 'producer'];

/** Whether `user` (the console's session user) may close `recall` early: an admin, or the opener's organisation in the opener's role. */
export function mayCloseRecall(user, recall) {
    if (user.role === 'admin') return true;
    return RECALL_OPENERS.includes(user.role) && user.role === recall.opened_role && Boolean(user.orgId) && user.orgId === recall.opened_org;
}

/** What was typed as recovered, in the lot unit's integer (kilograms "12.5" → 12500 g; units a whole count), or null. */
export function recoveredInput(text, unit) {
    if (unit === 'units') return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
    const match = /^\s*(\d+)(?:\.(\d{1,3}))?\s*$/.exec(text);
    return match ? Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0')) : null;
}

/**
 * The acknowledgement's body from the texts typed per lot (lot_id → text; empty: nothing recovered
 * of it) and a note: { body: { recovered: [{ lot_id, quantity }], note }, errors: { lot_id: 'format'
 * | 'tooMuch' } }. `parse(text, item)` turns a text into the lot unit's integer or null.
 */
export function acknowledgementBody(notice, texts, note, parse) {
    const recovered = [];
    const errors = {};
    for (const item of notice.items) {
        const text = (texts[item.lot_id] ?? '').trim();
        if (!text) continue;
        const quantity = parse(text, item);
        if (quantity === null) errors[item.lot_id] = 'format';
        else if (quantity > item.quantity) errors[item.lot_id] = 'tooMuch';
        else recovered.push({ lot_id: item.lot_id, quantity });
    }
    const body = { recovered };
    if (note.trim()) body.note = note.trim();
    return { body, errors };
}

/** The sum of what an acknowledgement says was recovered. */
export function recoveredTotal(body) {
    return body.recovered.reduce((sum, item) => sum + item.quantity, 0);
}

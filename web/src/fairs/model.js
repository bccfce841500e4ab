// The fair pages' rules and words, kept apart from the pages so that the unit tests read them
// (web/test/fairs-model.test.mjs): who organises an event, which state move an organiser is offered,
// a slot in Beijing time, a recommendation's reasons and a schedule run's notes in words, and the
// meetings grid (slot × table). The server decides every permission (src/fair/fair_access.h); these
// only keep the console from offering what it would refuse.

// An event's states in their order (src/fair/fair_types.h EventState).
export const FAIR_STATES = ['draft', 'registration', 'scheduling', 'published', 'live', 'closed'];
export const EVENT_KINDS = ['trade_fair', 'matchmaking'];
export const SIDES = ['exhibitor', 'buyer'];
export const RATINGS = ['must_meet', 'meet', 'no_thanks'];
// A schedule run is polled this often until it is done or failed.
export const SCHEDULE_POLL_MS = 1_000;
// Rows read per request of the paged fair lists (the API's page_limit_max).
export const FAIR_PAGE_LIMIT = 200;
// Pages of participants or meetings read at most for one view (200 × 25 = 5,000: the API's participants_max).
export const FAIR_PAGES_MAX = 25;

// The move an organiser may make from `state` (one step on); `published` comes only from publishing
// a schedule, so `scheduling` offers none.
const NEXT_STATE = { draft: 'registration', registration: 'scheduling', published: 'live', live: 'closed' };

export function nextState(state) {
    return NEXT_STATE[state] ?? null;
}

/** Admins, and the users the event names as organisers. */
export function isOrganiser(user, event) {
    if (!user || !event) return false;
    return user.role === 'admin' || (event.organiser_ids ?? []).includes(user.id);
}

/** The side an organisation's user takes part on: producers exhibit, buyers send representatives. */
export function sideOfRole(role) {
    if (role === 'producer') return 'exhibitor';
    if (role === 'buyer') return 'buyer';
    return null;
}

export function otherSide(side) {
    return side === 'exhibitor' ? 'buyer' : 'exhibitor';
}

/** What the organiser may do in `state` (the states each action's service accepts). */
export function organiserMay(action, state) {
    const allowed = {
        session: ['draft', 'registration', 'scheduling'],
        table: ['draft', 'registration', 'scheduling', 'published'],
        register: ['draft', 'registration', 'scheduling', 'published', 'live'],
        checkIn: ['published', 'live'],
        withdraw: ['draft', 'registration', 'scheduling', 'published', 'live'],
        schedule: ['scheduling', 'published', 'live'],
        rate: ['registration', 'scheduling', 'published'],
    }[action];
    return Boolean(allowed?.includes(state));
}

/** An organisation's user registers itself only while registration is open; it rates until publishing. */
export function participantMay(action, state) {
    if (action === 'register') return state === 'registration';
    if (action === 'rate') return organiserMay('rate', state);
    if (action === 'withdraw') return organiserMay('withdraw', state);
    return false;
}

export function eventName(event, lang) {
    if (!event) return '';
    return lang === 'en' ? event.name_en || event.name_zh : event.name_zh || event.name_en;
}

/** "2024-05-20 09:00–09:20" — slots are kept in the event's zone, Asia/Shanghai (Beijing time). */
export function slotLabel(slot) {
    if (!slot) return '';
    return `${slot.held_on} ${slot.starts_at}–${slot.ends_at}`;
}

/** "2024-05-20 – 2024-05-21", or one date for a one-day event. */
export function eventDates(event) {
    return event.starts_on === event.ends_on ? event.starts_on : `${event.starts_on} – ${event.ends_on}`;
}

/**
 * A recommendation's reason in words: `names` gives a category's name by id (categoryName) and the
 * counterpart's side, so "buys walnuts for 12 canteens" reads with the category's name, not its id.
 */
export function reasonText(t, reason, { categoryName = (id) => id } = {}) {
    const p = reason?.params ?? {};
    const params = { count: p.count ?? 0, orders: p.orders ?? 0 };
    if (p.category !== undefined) params.category = categoryName(p.category) || p.category;
    if (p.channel !== undefined) params.channel = t(`channel.${p.channel}`);
    const key = `fairs.reason.${reason?.code}`;
    const text = t(key, params);
    return text === key ? t('fairs.reason.unknown') : text;
}

/** All of a recommendation's reasons as one sentence ("Why: …; …" / "推荐理由：…；…"), or the words for "nothing known". */
export function reasonsText(t, lang, reasons, names) {
    if (!reasons || reasons.length === 0) return t('fairs.reason.none');
    const separator = lang === 'en' ? '; ' : '；';
    return t('fairs.reason.because', { reasons: reasons.map((reason) => reasonText(t, reason, names)).join(separator) });
}

/**
 * A schedule note in words. `nameOf(participantId)` names a participant; `slotOf(id)` and
 * `tableOf(id)` a slot and a table. Kinds: must_meet_unmet, minimum_unmet, kept, moved, dropped.
 */
export function noteText(t, note, { nameOf = (id) => id, slotOf = (id) => id, tableOf = (id) => id } = {}) {
    const pair = { exhibitor: nameOf(note.exhibitor_id), buyer: nameOf(note.buyer_id) };
    const because = note.reason ? reasonWords(t, note) : '';
    switch (note.kind) {
    case 'must_meet_unmet':
        return t('fairs.note.mustMeetUnmet', { ...pair, reason: because });
    case 'minimum_unmet':
        return t('fairs.note.minimumUnmet', { who: nameOf(note.participant_id), min: note.meetings_min, scheduled: note.scheduled, reason: because });
    case 'kept':
        return t('fairs.note.kept', { ...pair, slot: slotOf(note.before_slot_id), table: tableOf(note.before_table_id) });
    case 'moved':
        return t('fairs.note.moved', { ...pair, from: slotOf(note.before_slot_id), fromTable: tableOf(note.before_table_id),
            to: slotOf(note.after_slot_id), toTable: tableOf(note.after_table_id), reason: because });
    case 'dropped':
        return t('fairs.note.dropped', { ...pair, slot: slotOf(note.before_slot_id), reason: because });
    default:
        return t('fairs.reason.unknown');
    }
}

// The words of a note's reason: a must-meet vetoed by the other side says so whatever the code.
function reasonWords(t, note) {
    if (note.kind === 'must_meet_unmet' && note.vetoed_must_meet) return t('fairs.why.vetoedMustMeet');
    const key = note.kind === 'minimum_unmet' ? `fairs.short.${note.reason}` : `fairs.why.${note.reason}`;
    const text = t(key);
    return text === key ? note.reason : text;
}

/** The notes a rerun's report groups: kept, moved, dropped, must-meets unmet, minimums unmet. */
export function notesByKind(notes = []) {
    const groups = { moved: [], dropped: [], kept: [], must_meet_unmet: [], minimum_unmet: [] };
    for (const note of notes) (groups[note.kind] ??= []).push(note);
    return groups;
}

/**
 * The meetings grid: one row per slot (time order), one column per table (by number), each cell the
 * meeting held there or null. Meetings at a slot or table not listed are left out (never happens for
 * one event's records).
 */
export function meetingsGrid(meetings, slots, tables) {
    const columns = [...tables].sort((a, b) => a.number - b.number);
    const columnOf = new Map(columns.map((table, i) => [table.id, i]));
    const rows = slots.map((slot) => ({ slot, cells: columns.map(() => null) }));
    const rowOf = new Map(slots.map((slot, i) => [slot.id, i]));
    for (const meeting of meetings) {
        const r = rowOf.get(meeting.slot_id);
        const c = columnOf.get(meeting.table_id);
        if (r !== undefined && c !== undefined) rows[r].cells[c] = meeting;
    }
    return { columns, rows: rows.filter((row) => row.cells.some(Boolean)) };
}

/** A run's bound and gap in words: proven optimal, or the gap against the bound in percent. */
export function optimalityText(t, run) {
    if (run.optimal) return t('fairs.run.proven');
    const pct = run.weight_bound > 0 ? Math.round((run.gap * 1000) / run.weight_bound) / 10 : 0;
    return t('fairs.run.gap', { gap: run.gap, bound: run.weight_bound, pct });
}

/** The CSV the participants' import reads (README "Fairs"): its header line and one example row. */
export const PARTICIPANT_CSV_HEADER = 'side,org,person_name,title,phone,booth,products,meetings_min,meetings_max,slots';

/** The register form's body for the API, from the form's text fields; { body } or { errors: {field: key} }. */
export function registrationBody(form) {
    const errors = {};
    const min = wholeNumber(form.meetings_min);
    const max = wholeNumber(form.meetings_max);
    if (!SIDES.includes(form.side)) errors.side = 'fairs.form.sideRequired';
    if (!form.org_id) errors.org_id = 'fairs.form.orgRequired';
    if (form.side === 'buyer' && !form.person_name?.trim()) errors.person_name = 'fairs.form.personRequired';
    if (min === null) errors.meetings_min = 'fairs.form.wholeNumber';
    if (max === null) errors.meetings_max = 'fairs.form.wholeNumber';
    if (min !== null && max !== null && min > max) errors.meetings_max = 'fairs.form.maxBelowMin';
    if (Object.keys(errors).length > 0) return { errors };
    const body = { side: form.side, org_id: form.org_id, meetings_min: min, meetings_max: max };
    for (const name of ['person_name', 'title', 'phone', 'booth']) if (form[name]?.trim()) body[name] = form[name].trim();
    if (form.side === 'exhibitor' && form.product_ids?.length) body.product_ids = form.product_ids;
    if (form.slot_ids?.length) body.slot_ids = form.slot_ids;
    return { body };
}

function wholeNumber(text) {
    const value = String(text ?? '').trim();
    return /^\d{1,4}$/.test(value) ? Number(value) : null;
}

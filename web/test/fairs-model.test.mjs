import { test } from 'node:test';
import assert from 'node:assert/strict';

import { translate } from '../src/i18n/index.js';
import {
    isOrganiser, meetingsGrid, nextState, noteText, optimalityText, organiserMay, participantMay, reasonsText,
    registrationBody, sideOfRole, slotLabel,
} from '../src/fairs/model.js';

const zh = (key, params) => translate('zh-CN', key, params);
const en = (key, params) => translate('en', key, params);

test('an organiser is offered one step on, never "published" (publishing a schedule makes it)', () => {
    assert.equal(nextState('draft'), 'registration');
    assert.equal(nextState('registration'), 'scheduling');
    assert.equal(nextState('scheduling'), null);
    assert.equal(nextState('published'), 'live');
    assert.equal(nextState('live'), 'closed');
    assert.equal(nextState('closed'), null);
});

test('organisers are admins and the users the event names; organisations take their side from their role', () => {
    const event = { organiser_ids: ['u-7'] };
    assert.ok(isOrganiser({ id: 'u-1', role: 'admin' }, event));
    assert.ok(isOrganiser({ id: 'u-7', role: 'county_officer' }, event));
    assert.ok(!isOrganiser({ id: 'u-8', role: 'fund_officer' }, event));
    assert.ok(!isOrganiser(null, event));
    assert.equal(sideOfRole('producer'), 'exhibitor');
    assert.equal(sideOfRole('buyer'), 'buyer');
    assert.equal(sideOfRole('auditor'), null);
});

test('actions follow the states the server accepts them in', () => {
    assert.ok(organiserMay('session', 'draft') && !organiserMay('session', 'published'));
    assert.ok(organiserMay('schedule', 'scheduling') && !organiserMay('schedule', 'registration'));
    assert.ok(organiserMay('checkIn', 'live') && !organiserMay('checkIn', 'scheduling'));
    assert.ok(participantMay('register', 'registration') && !participantMay('register', 'scheduling'));
    assert.ok(participantMay('rate', 'published') && !participantMay('rate', 'live'));
});

test('a slot reads as its day and times (Beijing time, as the server keeps them)', () => {
    assert.equal(slotLabel({ held_on: '2024-05-20', starts_at: '09:00', ends_at: '09:20' }), '2024-05-20 09:00–09:20');
});

test("a recommendation's reasons read as words in both languages, categories and channels by name", () => {
    const reasons = [
        { code: 'open_demand_category', params: { count: 12, category: 'cat-walnut' } },
        { code: 'certified_products', params: { count: 3 } },
        { code: 'channel_match', params: { channel: 'canteen' } },
    ];
    const names = { categoryName: (id) => (id === 'cat-walnut' ? '核桃' : '') };
    assert.equal(reasonsText(zh, 'zh-CN', reasons, names), '推荐理由：有 12 条核桃类求购；展商有 3 种已认定的产品；通过单位食堂销售，与产品标准所列渠道一致。');
    const english = reasonsText(en, 'en', reasons, { categoryName: () => 'Walnuts' });
    assert.equal(english, 'Why: has 12 open demand(s) for Walnuts; the exhibitor has 3 certified product(s); sells through Canteens, a channel the products’ standards name.');
    assert.equal(reasonsText(en, 'en', [], {}), en('fairs.reason.none'));
    assert.equal(reasonsText(en, 'en', [{ code: 'something_new', params: {} }], {}), 'Why: another reason.');
});

test("a run's notes name both sides, the slots and tables, and the reason; a vetoed must-meet says the veto won", () => {
    const names = {
        nameOf: (id) => ({ e: '叶城核桃', b: '闵行食堂 · 王芳' }[id]),
        slotOf: (id) => ({ s1: '2024-05-20 09:00–09:20', s2: '2024-05-20 09:25–09:45' }[id]),
        tableOf: (id) => ({ t1: '1 号桌', t2: '2 号桌' }[id]),
    };
    const moved = { kind: 'moved', exhibitor_id: 'e', buyer_id: 'b', reason: 'unavailable', before_slot_id: 's1', before_table_id: 't1', after_slot_id: 's2', after_table_id: 't2' };
    assert.equal(noteText(zh, moved, names), '叶城核桃 与 闵行食堂 · 王芳：由 2024-05-20 09:00–09:20，1 号桌 调整到 2024-05-20 09:25–09:45，2 号桌——有参会方在该时段不再有空。');
    const dropped = { kind: 'dropped', exhibitor_id: 'e', buyer_id: 'b', reason: 'withdrawn', before_slot_id: 's1' };
    assert.match(noteText(en, dropped, names), /the meeting at 2024-05-20 09:00–09:20 is dropped — a participant withdrew\.$/);
    const vetoed = { kind: 'must_meet_unmet', exhibitor_id: 'e', buyer_id: 'b', reason: 'veto', vetoed_must_meet: true };
    assert.match(noteText(en, vetoed, names), /“no, thanks”, which wins/);
    const short = { kind: 'minimum_unmet', participant_id: 'b', meetings_min: 4, scheduled: 1, reason: 'too_few_slots' };
    assert.equal(noteText(en, short, names), '闵行食堂 · 王芳: 1 meetings, fewer than the minimum of 4 — it is free in fewer slots than its minimum.');
});

test('the meetings grid has a row per slot that holds a meeting and a column per table by number', () => {
    const slots = [{ id: 's1' }, { id: 's2' }, { id: 's3' }];
    const tables = [{ id: 't2', number: 2 }, { id: 't1', number: 1 }];
    const meetings = [{ id: 'm1', slot_id: 's1', table_id: 't2' }, { id: 'm2', slot_id: 's3', table_id: 't1' }];
    const grid = meetingsGrid(meetings, slots, tables);
    assert.deepEqual(grid.columns.map((table) => table.number), [1, 2]);
    assert.deepEqual(grid.rows.map((row) => [row.slot.id, row.cells.map((cell) => cell?.id ?? null)]), [['s1', [null, 'm1']], ['s3', ['m2', null]]]);
});

test('optimality reads as proven, or as the gap to the bound', () => {
    assert.equal(optimalityText(en, { optimal: true }), 'Proven optimal');
    assert.equal(optimalityText(en, { optimal: false, gap: 15, weight_bound: 1000 }), 'Within 15 of the bound 1000 (1.5%)');
});

test('a registration needs its side, organisation, whole caps with min ≤ max, and a buyer its person', () => {
    const { errors } = registrationBody({ side: 'buyer', org_id: '', person_name: ' ', meetings_min: '5', meetings_max: '2' });
    assert.deepEqual(errors, { org_id: 'fairs.form.orgRequired', person_name: 'fairs.form.personRequired', meetings_max: 'fairs.form.maxBelowMin' });
    assert.deepEqual(registrationBody({ side: 'exhibitor', org_id: 'o', meetings_min: 'x', meetings_max: '3' }).errors, { meetings_min: 'fairs.form.wholeNumber' });
    const { body } = registrationBody({ side: 'exhibitor', org_id: 'o', booth: ' A-12 ', person_name: '', product_ids: ['p1'], slot_ids: [], meetings_min: '1', meetings_max: '6' });
    assert.deepEqual(body, { side: 'exhibitor', org_id: 'o', meetings_min: 1, meetings_max: 6, booth: 'A-12', product_ids: ['p1'] });
});

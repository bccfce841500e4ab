// The audit trail's names (components/audit-events.js): record types and actions by name in both
// languages, the code itself only for one that has no name yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translate } from '../src/i18n/index.js';
import { auditActionName, auditColumns, auditRecordName, RECORD_TYPES } from '../src/components/audit-events.js';

const tOf = (lang) => (key, params) => translate(lang, key, params);

test('every record type the filter offers has a name in both languages', () => {
    for (const lang of ['zh-CN', 'en']) {
        for (const type of RECORD_TYPES) assert.notEqual(auditRecordName(type, lang, tOf(lang)), type, `${lang} ${type}`);
    }
});

test('an action is its record and its verb by name; an unknown verb is shown as written', () => {
    assert.equal(auditActionName('ledger.transfer.create', 'ledger.transfer', 'zh-CN', tOf('zh-CN')), '分户账转账 · 新建');
    assert.equal(auditActionName('payment_request.approve', 'payment_request', 'en', tOf('en')), 'Payment request · approved');
    assert.equal(auditActionName('order.teleport', 'order', 'en', tOf('en')), 'Order · teleport');
    assert.equal(auditRecordName('something.new', 'en', tOf('en')), 'something.new');
});

test('the events table sorts by row, time, action and record', () => {
    const columns = auditColumns({ t: tOf('en'), lang: 'en' });
    assert.deepEqual(columns.filter((column) => column.sortValue).map((column) => column.id), ['seq', 'at', 'action', 'record']);
    const event = { seq: 12, at: '2026-03-01T02:00:00Z', action: 'user.update', record_type: 'user', record_id: 'u1', actor: 'u2' };
    assert.equal(columns.find((column) => column.id === 'action').sortValue(event), 'User · changed');
});

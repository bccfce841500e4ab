import { test } from 'node:test';
import assert from 'node:assert/strict';

import { accountLabel, shanghaiDayStartUtc, transfersPath } from '../src/pages/ledger.js';

const t = (key) => `<${key}>`;

test('a Beijing day starts at 16:00 UTC the day before', () => {
    assert.equal(shanghaiDayStartUtc('2026-03-01'), '2026-02-28T16:00:00Z');
    assert.equal(shanghaiDayStartUtc('2026-01-01'), '2025-12-31T16:00:00Z');
});

test('the page path carries the filters, the end date inclusive on screen and exclusive in the API', () => {
    const path = transfersPath({ from: '2026-03-01', to: '2026-03-31', account: { id: 'ab'.repeat(16) }, code: '3' }, 'next');
    const query = new URLSearchParams(path.split('?')[1]);
    assert.equal(path.split('?')[0], 'ledger/transfers');
    assert.equal(query.get('from'), '2026-02-28T16:00:00Z');
    assert.equal(query.get('to'), '2026-03-31T16:00:00Z');
    assert.equal(query.get('account'), 'ab'.repeat(16));
    assert.equal(query.get('code'), '3');
    assert.equal(query.get('cursor'), 'next');
    assert.equal(transfersPath({ from: '', to: '', account: null, code: '' }), 'ledger/transfers?limit=50');
});

test('accounts are named by their node and role, never by id', () => {
    assert.equal(accountLabel({ level: 'programme', role: 'master' }, t, 'zh-CN'), '<funds.level.programme> · <funds.role.master>');
    assert.equal(accountLabel({ level: 'county', role: 'zba', county_code: 'shache' }, t, 'zh-CN'), '<county.shache> <funds.level.county> · <funds.role.zba>');
    assert.equal(accountLabel({ level: 'project', role: 'quota', project_name: '莎车县职业学校' }, t, 'zh-CN'), '莎车县职业学校 · <funds.role.quota>');
    const payee = { level: 'payee', role: 'payee', payee_name: '莎车建工', payee_name_en: 'Shache Construction' };
    assert.equal(accountLabel(payee, t, 'zh-CN'), '莎车建工 · <funds.role.payee>');
    assert.equal(accountLabel(payee, t, 'en'), 'Shache Construction · <funds.role.payee>');
    assert.equal(accountLabel({ ...payee, payee_name_en: null }, t, 'en'), '莎车建工 · <funds.role.payee>');
    assert.equal(accountLabel({ level: 'project', role: 'zba', project_name: null }, t, 'en'), '<ledger.unnamedProject> · <funds.role.zba>');
    assert.equal(accountLabel({ id: 'f'.repeat(32), level: null, name: 'Escrow' }, t, 'en'), 'Escrow');
});

test('a search goes to the API as q; the table names both accounts and sorts amounts as integers', async () => {
    const { transferColumns } = await import('../src/pages/ledger.js');
    const query = new URLSearchParams(transfersPath({ q: '莎车', from: '', to: '', account: null, code: '' }).split('?')[1]);
    assert.equal(query.get('q'), '莎车');
    const transfer = { id: 'f'.repeat(32), seq: 7, code: 3, flags: [], amount: '274500000', ledger: 'cash', created_at: '2026-03-01T02:00:00Z',
        debit_account: { id: 'a'.repeat(32), level: 'project', role: 'zba', project_name: '莎车县职业学校' },
        credit_account: { id: 'b'.repeat(32), level: 'payee', role: 'payee', payee_name: '莎车建工' } };
    const columns = transferColumns({ t, lang: 'zh-CN' }, () => {});
    const sorted = Object.fromEntries(columns.map((column) => [column.id, column.sortValue(transfer)]));
    assert.equal(sorted.debit, '莎车县职业学校 · <funds.role.zba>');
    assert.equal(sorted.credit, '莎车建工 · <funds.role.payee>');
    assert.equal(sorted.amount, 274_500_000n);
    assert.ok(Object.values(sorted).every((value) => !String(value).includes('a'.repeat(32))));
});

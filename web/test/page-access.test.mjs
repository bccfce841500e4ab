// Which pages each role is offered (page-access.js, nav.js). The end-to-end suite checks the same
// table against the server's answers; here it is pinned so that a change to it is deliberate.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { mayOpen, PAGE_ROLES, ROLES } from '../src/page-access.js';
import { NAV_ITEMS, navGroupsFor, navLabelKey, publicNavGroups } from '../src/nav.js';
import { paymentsTitleKey } from '../src/pages/payments.js';
import { translate } from '../src/i18n/index.js';
import { ROUTES } from '../src/routes.js';

const navOf = (role) => navGroupsFor(role).flatMap((group) => group.items.map((item) => item.id));

test('each role is offered only the pages of its work', () => {
    assert.deepEqual(navOf('admin'), ['home', 'catalogue', 'offers', 'demands', 'allocations', 'orders', 'lots', 'recalls', 'projects', 'payments', 'flags', 'fairs', 'reports', 'audit', 'organisations', 'servicebook', 'users']);
    assert.deepEqual(navOf('fund_officer'), NAV_ITEMS.map((item) => item.id).filter((id) => id !== 'users'));
    assert.deepEqual(navOf('auditor'), NAV_ITEMS.map((item) => item.id));
    assert.deepEqual(navOf('county_officer'), ['home', 'catalogue', 'orders', 'lots', 'recalls', 'projects', 'payments', 'funds', 'flags', 'fairs', 'organisations', 'servicebook']);
    assert.deepEqual(navOf('producer'), ['home', 'catalogue', 'offers', 'allocations', 'orders', 'lots', 'recalls', 'payments', 'fairs', 'organisations']);
    assert.deepEqual(navOf('buyer'), ['home', 'catalogue', 'demands', 'allocations', 'orders', 'lots', 'recalls', 'payments', 'fairs', 'reports', 'organisations']);
    assert.deepEqual(navOf('logistics'), ['home', 'catalogue', 'orders', 'lots', 'payments', 'organisations']);
});

test('the payments item is named for what each role does there', () => {
    const label = (role) => navGroupsFor(role).flatMap((group) => group.items).find((item) => item.id === 'payments')?.labelKey;
    assert.equal(label('fund_officer'), 'nav.payments');
    assert.equal(label('admin'), 'nav.payments');
    assert.equal(label('auditor'), 'nav.payments');
    assert.equal(label('county_officer'), 'nav.paymentRequests');
    for (const payee of ['producer', 'buyer', 'logistics']) assert.equal(label(payee), 'nav.paymentsReceived', payee);
    assert.equal(translate('zh-CN', label('logistics')), '收款');
    assert.equal(translate('en', label('logistics')), 'Payments received');
    assert.equal(paymentsTitleKey('logistics'), 'nav.paymentsReceived');
    assert.equal(paymentsTitleKey('fund_officer'), 'payments.title');
    assert.equal(navLabelKey('no-such-item', 'admin'), undefined);
});

test('no group is left empty and the signed-out bar shows only public pages', () => {
    for (const role of ROLES) assert.ok(navGroupsFor(role).every((group) => group.items.length > 0), role);
    assert.deepEqual(publicNavGroups().flatMap((group) => group.items.map((item) => item.id)), ['catalogue']);
});

test('the access table names real pages and real roles, and detail pages follow their list', () => {
    const routeIds = new Set(ROUTES.map((route) => route.id));
    for (const [id, roles] of Object.entries(PAGE_ROLES)) {
        assert.ok(routeIds.has(id), `page-access names unknown page ${id}`);
        for (const role of roles) assert.ok(ROLES.includes(role), `${id}: unknown role ${role}`);
    }
    for (const [detail, list] of [['project', 'projects'], ['allocation', 'allocations'], ['fair', 'fairs'], ['lot', 'lots'], ['lot-label', 'lots'], ['recall', 'recalls']]) {
        for (const role of ROLES) assert.equal(mayOpen(detail, role), mayOpen(list, role), `${detail} vs ${list} for ${role}`);
    }
    assert.ok(mayOpen('home', 'logistics') && mayOpen('catalogue', 'buyer') && mayOpen('not-found', 'producer'));
    // An event's report: the roles GET /reports/fairs/{id} answers (src/fair/fair_report.h), never an
    // organisation's user nor logistics.
    assert.deepEqual(ROLES.filter((role) => mayOpen('fair-report', role)), ['admin', 'fund_officer', 'county_officer', 'auditor']);
    // Recalls: every role the recall service shows them to (src/trace/recall.h), never logistics.
    assert.deepEqual(ROLES.filter((role) => mayOpen('recalls', role)), ['admin', 'fund_officer', 'county_officer', 'producer', 'buyer', 'auditor']);
});

test("a new user's form asks for an organisation of its role's kind, and a long enough password", async () => {
    const { newUserProblems, ROLE_ORG_KINDS } = await import('../src/pages/users.js');
    const form = { username: 'li', display_name: '李', role: 'buyer', org_id: '', password: 'short' };
    assert.deepEqual(newUserProblems(form), { org_id: 'validation.required', password: 'users.passwordShort' });
    assert.deepEqual(newUserProblems({ ...form, role: 'auditor', password: '十个字符的密码口令好' }), {});
    assert.deepEqual(ROLE_ORG_KINDS.county_officer, ['agency']);
    assert.equal(ROLE_ORG_KINDS.fund_officer, undefined);
});

test('an edit of a user sends only what changed and knows when it signs the user out', async () => {
    const { userChange, userEditProblems } = await import('../src/pages/users.js');
    const user = { id: 'u1', display_name: '李', role: 'buyer', org_id: 'o1', disabled: false };
    const same = { display_name: ' 李 ', role: 'buyer', org_id: 'o1', disabled: false };
    assert.deepEqual(userChange(user, same), { body: {}, signsOut: false });
    assert.deepEqual(userChange(user, { ...same, display_name: '李明' }), { body: { display_name: '李明' }, signsOut: false });
    assert.deepEqual(userChange(user, { ...same, disabled: true }), { body: { disabled: true }, signsOut: true });
    // A programme-wide role has no organisation: the change clears it.
    assert.deepEqual(userChange(user, { ...same, role: 'auditor', org_id: '' }), { body: { role: 'auditor', org_id: null }, signsOut: true });
    assert.deepEqual(userChange(user, { ...same, org_id: 'o2' }), { body: { org_id: 'o2' }, signsOut: true });
    assert.deepEqual(userEditProblems({ ...same, display_name: ' ', org_id: '' }), { display_name: 'validation.required', org_id: 'validation.required' });
    assert.deepEqual(userEditProblems({ ...same, role: 'fund_officer', org_id: '' }), {});
});

test('a backup size reads in KB/MB/GB, and the newest backup is recent, overdue or missing', async () => {
    const { formatBytes } = await import('../src/format.js');
    const { backupState } = await import('../src/pages/backups.js');
    assert.equal(formatBytes(512, 'en'), '512 B');
    assert.equal(formatBytes(2048, 'en'), '2 KB');
    assert.equal(formatBytes(5.5 * 1024 * 1024, 'en'), '5.5 MB');
    assert.equal(formatBytes(3 * 1024 ** 3, 'zh-CN'), '3.0 GB');
    const now = Date.parse('2026-12-07T12:00:00Z');
    assert.equal(backupState(undefined, now), 'none');
    assert.equal(backupState({ taken_at: '2026-12-07T00:00:00Z' }, now), 'recent');
    assert.equal(backupState({ taken_at: '2026-12-06T09:00:00Z' }, now), 'overdue');
});

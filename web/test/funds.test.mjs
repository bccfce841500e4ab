import { test } from 'node:test';
import assert from 'node:assert/strict';

import { orderNodes, zeroBalancesHold } from '../src/pages/funds.js';

const account = (role, flags, dp, cp) => ({ role, flags, debits_posted: dp, credits_posted: cp, debits_pending: 0, credits_pending: 0 });
const node = (level, county_code = '', project_id = '', accounts = []) => ({ level, county_code, project_id, payee_org_id: '', accounts });

test('the tree lists each county followed by its own projects', () => {
    const nodes = [
        node('project', 'zepu', 'PZ'), node('county', 'shache'), node('payee'), node('project', 'shache', 'PS'),
        node('county', 'zepu'), node('front_command'), node('programme'),
    ];
    assert.deepEqual(orderNodes(nodes).map((n) => `${n.level}:${n.project_id || n.county_code}`),
        ['programme:', 'front_command:', 'county:shache', 'project:PS', 'county:zepu', 'project:PZ', 'payee:']);
});

test('zero balance holds only when every zero-balance account nets to zero', () => {
    const zba = (dp, cp) => node('county', 'shache', '', [account('zba', ['zero_balance'], dp, cp), account('quota', [], 0, 500)]);
    assert.equal(zeroBalancesHold([zba(100, 100)]), true);
    assert.equal(zeroBalancesHold([zba(100, 99)]), false);
});

test('the tree groups each county with its projects, and subtotals sum balances per ledger without zero-balance accounts', async () => {
    const { groupNodes, subtotals } = await import('../src/pages/funds.js');
    const acc = (ledger, balance, flags = []) => ({ ledger, balance_fen: balance, flags, debits_posted: 0, credits_posted: 0, debits_pending: 0, credits_pending: 0 });
    const nodes = [node('programme'), node('county', 'zepu', '', [acc('quota', 300), acc('cash', 7, ['zero_balance'])]), node('project', 'zepu', 'P1', [acc('quota', 200)]),
        node('project', 'bachu', 'P2', [acc('quota', 5)]), node('payee', '', '', [acc('cash', 40)])];
    const tree = groupNodes(nodes);
    assert.deepEqual(tree.counties.map((c) => [c.node.county_code, c.projects.map((p) => p.project_id)]), [['zepu', ['P1']]]);
    assert.deepEqual(tree.loose.map((p) => p.project_id), ['P2']);
    assert.equal(tree.payees.length, 1);
    assert.deepEqual(subtotals([tree.counties[0].node, ...tree.counties[0].projects]), { cash: 0n, quota: 500n });
});

// The trace graph's layout (web/src/trace/graph-layout.js) and the recall pages' pure logic
// (web/src/trace/recall-model.js): columns by depth with goods flowing left to right either way,
// rows ordered so that joined nodes sit level, edges from box side to box side, the list by level,
// a cut trace named; who may close a recall; an acknowledgement's body from what a buyer typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
    COLUMN_GAP_PX, cutReason, edgeUnit, layoutTrace, MARGIN_PX, NODE_HEIGHT_PX, NODE_WIDTH_PX, nodeName, ROW_GAP_PX, traceLevels,
} from '../src/trace/graph-layout.js';
import { acknowledgementBody, mayCloseRecall, recoveredInput, recoveredTotal } from '../src/trace/recall-model.js';

const lot = (id, depth, code, unit = 'units') => ({
    key: `lot:${id}`, kind: 'lot', depth, hidden: false, id, name: `核桃 ${code}`, name_en: `Walnuts ${code}`, lot: { quantity_unit: unit },
});
const org = (id, depth, name) => ({ key: `organisation:${id}`, kind: 'organisation', depth, hidden: false, id, name, name_en: name });

// GR-1 graded from RAW-1, which two households supplied (backward).
const backward = {
    direction: 'backward', complete: true, stopped_by: null, depth_max: 32, nodes_max: 5000,
    nodes: [lot('gr1', 0, 'GR-1'), lot('raw', 1, 'RAW-1'), org('hb', 2, '买买提家'), org('ha', 2, '阿依古丽家')],
    edges: [
        { from: 'lot:raw', to: 'lot:gr1', kind: 'transformed', quantity: 80, to_quantity: 50 },
        { from: 'organisation:ha', to: 'lot:raw', kind: 'supplied', quantity: 60, to_quantity: null },
        { from: 'organisation:hb', to: 'lot:raw', kind: 'supplied', quantity: 40, to_quantity: null },
    ],
};

// RAW-1 graded into GR-1 and GR-2; GR-2 shipped on an order the reader sees, GR-1 on one it does not.
const forward = {
    direction: 'forward', complete: true, stopped_by: null, depth_max: 32, nodes_max: 5000,
    nodes: [
        lot('raw', 0, 'RAW-1'), lot('gr1', 1, 'GR-1'), lot('gr2', 1, 'GR-2'),
        { key: 'hidden:1', kind: 'order', depth: 2, hidden: true, id: null, name: null, name_en: null },
        { key: 'order:o3', kind: 'order', depth: 2, hidden: false, id: 'o3', name: '批发市场', name_en: 'Wholesale Market' },
        org('buyer', 3, '批发市场'),
    ],
    edges: [
        { from: 'lot:raw', to: 'lot:gr1', kind: 'transformed', quantity: 80, to_quantity: 50 },
        { from: 'lot:raw', to: 'lot:gr2', kind: 'transformed', quantity: 80, to_quantity: 30 },
        { from: 'lot:gr2', to: 'order:o3', kind: 'shipped', quantity: 5, to_quantity: null },
        { from: 'lot:gr1', to: 'hidden:1', kind: 'shipped', quantity: 10, to_quantity: null },
        { from: 'order:o3', to: 'organisation:buyer', kind: 'bought', quantity: null, to_quantity: null },
    ],
};

const column = (c) => MARGIN_PX + c * (NODE_WIDTH_PX + COLUMN_GAP_PX);

test('a backward trace puts the traced lot in the last column and the households in the first', () => {
    const layout = layoutTrace(backward, 'zh-CN');
    assert.equal(layout.columns.length, 3);
    assert.equal(layout.positions.get('lot:gr1').x, column(2));
    assert.equal(layout.positions.get('lot:raw').x, column(1));
    assert.equal(layout.positions.get('organisation:ha').x, column(0));
    assert.equal(layout.width, 2 * MARGIN_PX + 3 * NODE_WIDTH_PX + 2 * COLUMN_GAP_PX);
    assert.equal(layout.height, 2 * MARGIN_PX + 2 * NODE_HEIGHT_PX + ROW_GAP_PX);
    // Ties are broken by name: 买买提家 (mǎi) before 阿依古丽家 (ā) in the locale's collation is not
    // assumed — only that the order is stable and every node has its own row.
    const rows = layout.columns[0].map((node) => layout.positions.get(node.key).row);
    assert.deepEqual(rows, [0, 1]);
    // The lone nodes of the shorter columns are centred against the two households.
    assert.equal(layout.positions.get('lot:gr1').y, MARGIN_PX + (NODE_HEIGHT_PX + ROW_GAP_PX) / 2);
});

test('a forward trace flows left to right from the traced lot, and edges join box sides', () => {
    const layout = layoutTrace(forward, 'en');
    assert.equal(layout.positions.get('lot:raw').x, column(0));
    assert.equal(layout.positions.get('organisation:buyer').x, column(3));
    const shipped = layout.edges.find(({ edge }) => edge.to === 'order:o3');
    const from = layout.positions.get('lot:gr2');
    const to = layout.positions.get('order:o3');
    assert.deepEqual(shipped.from, { x: from.x + NODE_WIDTH_PX, y: from.y + NODE_HEIGHT_PX / 2 });
    assert.deepEqual(shipped.to, { x: to.x, y: to.y + NODE_HEIGHT_PX / 2 });
    assert.equal(layout.edges.length, forward.edges.length);
});

test('rows follow the column walked before, so joined nodes sit level and edges do not cross', () => {
    const layout = layoutTrace(forward, 'en');
    const row = (key) => layout.positions.get(key).row;
    // GR-1's order (hidden) and GR-2's order keep their lots' order in the next column.
    assert.equal(Math.sign(row('lot:gr1') - row('lot:gr2')), Math.sign(row('hidden:1') - row('order:o3')));
});

test('edges naming a node the answer does not hold are left out, and an empty answer lays out nothing', () => {
    const layout = layoutTrace({ ...backward, edges: [...backward.edges, { from: 'lot:gone', to: 'lot:gr1', kind: 'transformed', quantity: 1 }] });
    assert.equal(layout.edges.length, backward.edges.length);
    const empty = layoutTrace({ direction: 'forward', nodes: [], edges: [] });
    assert.deepEqual([empty.columns.length, empty.width, empty.height, empty.edges.length], [0, 0, 0, 0]);
});

test('an edge counts in the unit of the lot it leaves, else the lot it reaches', () => {
    const nodes = new Map([['lot:a', lot('a', 0, 'A', 'grams')], ['organisation:h', org('h', 1, 'H')], ['order:o', { key: 'order:o', kind: 'order' }]]);
    assert.equal(edgeUnit({ from: 'lot:a', to: 'order:o' }, nodes), 'grams');
    assert.equal(edgeUnit({ from: 'organisation:h', to: 'lot:a' }, nodes), 'grams');
    assert.equal(edgeUnit({ from: 'order:o', to: 'organisation:h' }, nodes), 'units');
});

test('names are in the reader\'s language and a hidden node has none', () => {
    assert.equal(nodeName(lot('a', 0, 'A'), 'en'), 'Walnuts A');
    assert.equal(nodeName(lot('a', 0, 'A'), 'zh-CN'), '核桃 A');
    assert.equal(nodeName(forward.nodes[3], 'en'), '');
});

test('the list holds every node by level, each with its joins to the level before', () => {
    const levels = traceLevels(backward);
    assert.deepEqual(levels.map((level) => [level.depth, level.nodes.length]), [[0, 1], [1, 1], [2, 2]]);
    assert.equal(levels[0].nodes[0].links.length, 0);
    const raw = levels[1].nodes[0];
    assert.equal(raw.links.length, 1);
    assert.equal(raw.links[0].other.key, 'lot:gr1');
    assert.equal(raw.links[0].direction, 'out');  // RAW-1 went into GR-1
    const forwardLevels = traceLevels(forward);
    const order = forwardLevels[2].nodes.find((entry) => entry.node.key === 'order:o3');
    assert.equal(order.links[0].direction, 'in');  // the order shipped some of GR-2
    assert.equal(order.links[0].edge.quantity, 5);
});

test('a cut trace says which limit stopped it', () => {
    assert.equal(cutReason(backward), null);
    assert.equal(cutReason({ ...backward, complete: false, stopped_by: 'depth' }), 'depth');
    assert.equal(cutReason({ ...backward, complete: false, stopped_by: 'nodes' }), 'nodes');
});

test('a recall is closed early by an admin or by its opener\'s organisation in its role', () => {
    const recall = { opened_role: 'county_officer', opened_org: 'yecheng-branch' };
    assert.equal(mayCloseRecall({ role: 'admin', orgId: null }, recall), true);
    assert.equal(mayCloseRecall({ role: 'county_officer', orgId: 'yecheng-branch' }, recall), true);
    assert.equal(mayCloseRecall({ role: 'county_officer', orgId: 'shache-branch' }, recall), false);
    assert.equal(mayCloseRecall({ role: 'producer', orgId: 'yecheng-branch' }, recall), false);
    assert.equal(mayCloseRecall({ role: 'auditor', orgId: null }, { opened_role: 'auditor', opened_org: null }), false);
    assert.equal(mayCloseRecall({ role: 'buyer', orgId: 'market' }, { opened_role: 'buyer', opened_org: 'market' }), false);
});

test('what a buyer recovered is read in the lot\'s unit: kilograms to grams, units whole', () => {
    assert.equal(recoveredInput('12.5', 'grams'), 12_500);
    assert.equal(recoveredInput(' 3 ', 'grams'), 3_000);
    assert.equal(recoveredInput('0.001', 'grams'), 1);
    assert.equal(recoveredInput('1.0001', 'grams'), null);
    assert.equal(recoveredInput('7', 'units'), 7);
    assert.equal(recoveredInput('7.5', 'units'), null);
    assert.equal(recoveredInput('-1', 'units'), null);
});

test('an acknowledgement names what was recovered of each lot, refuses more than was received, and leaves empty lots out', () => {
    const notice = { items: [{ lot_id: 'a', quantity: 10 }, { lot_id: 'b', quantity: 4 }, { lot_id: 'c', quantity: 2 }] };
    const parse = (text) => recoveredInput(text, 'units');
    const made = acknowledgementBody(notice, { a: '10', b: '', c: '1' }, '  已下架 ', parse);
    assert.deepEqual(made, { body: { recovered: [{ lot_id: 'a', quantity: 10 }, { lot_id: 'c', quantity: 1 }], note: '已下架' }, errors: {} });
    assert.equal(recoveredTotal(made.body), 11);
    const wrong = acknowledgementBody(notice, { a: '11', b: 'x' }, '', parse);
    assert.deepEqual(wrong.errors, { a: 'tooMuch', b: 'format' });
    assert.deepEqual(acknowledgementBody(notice, {}, '', parse).body, { recovered: [] });
});

// The list table's pure part (components/table-model.js): sorting, the window in the address, and
// finding rows of a fully loaded list.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
    ariaSort, filterRows, listAddress, listStateFromQuery, nextSort, setWindow, sortRows, windowedApiPath, windowFromQuery,
} from '../src/components/table-model.js';

const rows = [
    { id: 'a', name: '叶城核桃', total: '900', date: '2026-03-02' },
    { id: 'b', name: 'Almond', total: '10000', date: '2026-01-15' },
    { id: 'c', name: '', total: '50', date: '2026-02-01' },
];
const byName = { sortValue: (r) => r.name };
const byTotal = { sortValue: (r) => BigInt(r.total) };

describe('list table', () => {
    test('sorts by a column either way, money as integers, blanks last', () => {
        assert.deepEqual(sortRows(rows, byTotal, 'asc').map((r) => r.id), ['c', 'a', 'b']);
        assert.deepEqual(sortRows(rows, byTotal, 'desc').map((r) => r.id), ['b', 'a', 'c']);
        assert.deepEqual(sortRows(rows, byName, 'asc').map((r) => r.id).at(-1), 'c');
        assert.deepEqual(sortRows(rows, byName, 'desc').map((r) => r.id).at(-1), 'c');
        assert.equal(sortRows(rows, { id: 'x' }, 'asc'), rows, 'a column without sortValue keeps the order');
    });

    test('a click sorts a new column ascending and flips the same one; aria-sort follows', () => {
        assert.deepEqual(nextSort(null, 'total'), { column: 'total', dir: 'asc' });
        assert.deepEqual(nextSort({ column: 'total', dir: 'asc' }, 'total'), { column: 'total', dir: 'desc' });
        assert.deepEqual(nextSort({ column: 'total', dir: 'desc' }, 'name'), { column: 'name', dir: 'asc' });
        assert.equal(ariaSort({ column: 'total', dir: 'desc' }, 'total'), 'descending');
        assert.equal(ariaSort({ column: 'total', dir: 'asc' }, 'total'), 'ascending');
        assert.equal(ariaSort({ column: 'total', dir: 'asc' }, 'name'), 'none');
    });

    test('the window comes from the address without blanks or malformed dates, and goes back', () => {
        const window = windowFromQuery(new URLSearchParams('q=%20核桃%20&from=2026-01-01&to=2026-13'));
        assert.deepEqual(window, { q: '核桃', from: '2026-01-01' });
        assert.equal(windowFromQuery(new URLSearchParams(`q=${'x'.repeat(150)}`)).q.length, 100);
        assert.equal(setWindow(new URLSearchParams('status=paid'), window).toString(), 'status=paid&q=%E6%A0%B8%E6%A1%83&from=2026-01-01');
    });

    test('a fully loaded list is found by text in any case and by date range, both ends inclusive', () => {
        const find = (window) => filterRows(rows, window, { texts: (r) => [r.name, r.id], date: (r) => r.date }).map((r) => r.id);
        assert.deepEqual(find({ q: 'ALM' }), ['b']);
        assert.deepEqual(find({ q: '核桃' }), ['a']);
        assert.deepEqual(find({ from: '2026-02-01' }), ['a', 'c']);
        assert.deepEqual(find({ from: '2026-01-15', to: '2026-02-01' }), ['b', 'c']);
        assert.deepEqual(find({}), ['a', 'b', 'c']);
    });

    test('a windowed list keeps its window and filters in the address and asks the API for them newest first', () => {
        const query = new URLSearchParams('q=%E6%A0%B8%E6%A1%83&from=2026-03-01&to=bad&status=open&other=x&cursor=zz');
        const state = listStateFromQuery(query, ['status']);
        assert.deepEqual(state, { q: '核桃', from: '2026-03-01', status: 'open' });
        assert.equal(listAddress('/offers', state, ['status']), '/offers?status=open&q=%E6%A0%B8%E6%A1%83&from=2026-03-01');
        assert.equal(listAddress('/offers', {}, ['status']), '/offers');
        // The API path: the filters, sort=newest, and the page only when asked (an export takes none).
        assert.equal(windowedApiPath('offers', state, ['status']), 'offers?status=open&q=%E6%A0%B8%E6%A1%83&from=2026-03-01&sort=newest');
        assert.equal(windowedApiPath('offers', {}, [], { limit: 50, cursor: 'c1' }), 'offers?sort=newest&limit=50&cursor=c1');
        // A filter not named is not carried.
        assert.equal(windowedApiPath('offers', { other: 'x' }, ['status']), 'offers?sort=newest');
    });
});

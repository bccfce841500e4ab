// The funds-side lists' filters kept in the address (web/src/projects/lists.js): what a to-do link
// says is what the page asks the API for.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    FLAG_FILTERS, PAYMENT_FILTERS, PROJECT_FILTERS, REQUEST_FILTERS, filtersFrom, listAddress, listPath, nameIn, projectApiFilters,
} from '../src/projects/lists.js';

const query = (text) => new URLSearchParams(text);

describe('funds lists in the address', () => {
    test('a to-do link\'s filters reach the API unchanged, newest first', () => {
        const filters = filtersFrom(query('status=submitted&others=true'), PAYMENT_FILTERS);
        assert.deepEqual(filters, { status: 'submitted', others: 'true' });
        assert.equal(listPath('payment-requests', filters, PAYMENT_FILTERS),
            'payment-requests?status=submitted&others=true&sort=newest&limit=50');
        const one = filtersFrom(query('status=open&q=019a-flag'), FLAG_FILTERS);
        assert.equal(listPath('risk/flags', one, FLAG_FILTERS, { cursor: 'abc' }),
            'risk/flags?status=open&q=019a-flag&sort=newest&limit=50&cursor=abc');
        const due = filtersFrom(query('due_by=2026-12-14'), REQUEST_FILTERS);
        assert.equal(listPath('servicebook/requests', due, REQUEST_FILTERS), 'servicebook/requests?due_by=2026-12-14&sort=newest&limit=50');
    });
    test('blank, unknown and malformed values are left out; the window is kept', () => {
        const filters = filtersFrom(query('status=&county=shache&bogus=1&from=2023-01-01&to=2023-13&q=%20水泥%20'), PROJECT_FILTERS);
        assert.deepEqual(filters, { county: 'shache', from: '2023-01-01', q: '水泥' });
        assert.equal(listAddress('/projects', filters, PROJECT_FILTERS), '/projects?county=shache&q=%E6%B0%B4%E6%B3%A5&from=2023-01-01');
        assert.equal(listAddress('/payments', {}, PAYMENT_FILTERS), '/payments');
    });
    test('projects open on this year; year=all is every year', () => {
        assert.deepEqual(projectApiFilters({}, 2026), { year: '2026' });
        assert.deepEqual(projectApiFilters({ year: 'all', status: 'planned,completed' }, 2026), { status: 'planned,completed' });
        assert.deepEqual(projectApiFilters({ year: '2023' }, 2026), { year: '2023' });
        assert.equal(listPath('projects', projectApiFilters(filtersFrom(query('year=all&status=planned,completed'), PROJECT_FILTERS), 2026), PROJECT_FILTERS),
            'projects?status=planned%2Ccompleted&sort=newest&limit=50');
    });
    test('names in the reader\'s language, the Chinese one when there is no English one', () => {
        assert.equal(nameIn('en', '莎车县建筑工程有限公司', 'Shache Construction Co.'), 'Shache Construction Co.');
        assert.equal(nameIn('en', '莎车县建筑工程有限公司', ''), '莎车县建筑工程有限公司');
        assert.equal(nameIn('zh-CN', '莎车县建筑工程有限公司', 'Shache Construction Co.'), '莎车县建筑工程有限公司');
    });
});

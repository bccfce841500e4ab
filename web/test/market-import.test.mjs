// The console's side of the offers and demands import: which files it sends, and the server's
// problems as lines in the file's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importFileProblem, importProblems } from '../src/market/import.js';

test('only a .csv file is sent; an Excel workbook must be saved as CSV first', () => {
    assert.equal(importFileProblem({ name: 'offers.csv' }), '');
    assert.equal(importFileProblem({ name: 'OFFERS-2026.CSV' }), '');
    assert.equal(importFileProblem({ name: 'offers.xlsx' }), 'import.notCsv');
    assert.equal(importFileProblem(undefined), 'import.noFile');
});

test('problems come as row, column and message, the file and the header first', () => {
    const problems = importProblems({
        'row 10/ref': 'ref dup is already on row 9',
        'row 3/price_fen_per_kg': 'must be a whole number (digits only, like 1250), not "12.5"',
        'header/colour': 'is not a column of the offers sheet',
        'row 4': 'has 12 cells; the header has 10 columns (an unquoted comma in a cell?)',
        file: 'and 3 more problems not listed',
    });
    assert.deepEqual(problems.map((p) => [p.row, p.column]), [
        [0, 'file'], [1, 'colour'], [3, 'price_fen_per_kg'], [4, ''], [10, 'ref'],
    ]);
    assert.equal(problems[2].message, 'must be a whole number (digits only, like 1250), not "12.5"');
    assert.deepEqual(importProblems(undefined), []);
});

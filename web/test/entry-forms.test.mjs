import { test } from 'node:test';
import assert from 'node:assert/strict';

import { formErrorsFrom, requiredErrors, yuanToFen } from '../src/components/entry-form.js';
import { organisationBody, organisationFormValues } from '../src/components/organisation-form.js';

test('amounts are entered in yuan and sent in fen; none, zero and nonsense are refused', () => {
    assert.equal(yuanToFen('300000'), 30_000_000);
    assert.equal(yuanToFen('1,234.56'), 123_456);
    assert.equal(yuanToFen('0'), null);
    assert.equal(yuanToFen(''), null);
    assert.equal(yuanToFen('abc'), null);
});

test('the server\'s field errors land on the form\'s fields, renamed where the form names them otherwise', () => {
    const failure = { fieldErrors: { value_fen: 'must be at least 1', title: 'is required' } };
    assert.deepEqual(formErrorsFrom(failure, { value_fen: 'value' }, 'en'), { value: 'must be at least 1', title: 'is required' });
    assert.deepEqual(formErrorsFrom(new Error('network'), {}, 'en'), {});
});

test('required fields left blank are named', () => {
    const t = (key, params) => `${key}:${params.field}`;
    assert.deepEqual(requiredErrors({ a: ' ', b: 'x' }, ['a', 'b'], (name) => name.toUpperCase(), t), { a: 'validation.required:A' });
});

test('an organisation is sent with the fields of its kind only', () => {
    const buyer = { ...organisationFormValues(null), name: ' 闵行区机关食堂 ', kind: 'buyer', district: 'minhang', channel: 'group_dining', county: 'shache' };
    assert.deepEqual(organisationBody(buyer), { name: '闵行区机关食堂', kind: 'buyer', district: 'minhang', channel: 'group_dining' });
    const producer = { ...organisationFormValues(null), name: '叶城县合作社', kind: 'cooperative', county: 'yecheng', district: 'minhang', name_en: 'Yecheng Co-op' };
    assert.deepEqual(organisationBody(producer), { name: '叶城县合作社', kind: 'cooperative', name_en: 'Yecheng Co-op', county: 'yecheng' });
    assert.deepEqual(organisationFormValues({ kind: 'agency', name: 'A', county: 'zepu' }).county, 'zepu');
});

// The server's problems written from their stable codes (src/core/problem_code.h) in zh-CN and en;
// the English message only for a code the console does not know.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { knowsCode, localizeServerMessage } from '../src/server-messages.js';
import { fieldErrorsFrom, fieldLabel, problemDetail } from '../src/api.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('server messages', () => {
    test('every code the server defines has a sentence here', () => {
        const table = fs.readFileSync(path.join(ROOT, 'src/core/problem_code.cpp'), 'utf8');
        const codes = [...table.matchAll(/\{P::(\w+), "(\w+)"/g)].map((m) => m[2]);
        assert.ok(codes.length > 40, `read only ${codes.length} codes: is the scan broken?`);
        assert.deepEqual(codes.filter((code) => !knowsCode(code)), []);
    });
    test('field errors are written from code and params in both languages', () => {
        const length = { code: 'length_out_of_range', params: { min: 1, max: 16, got: 20 }, message: 'must be between 1 and 16 characters long (it has 20)' };
        assert.equal(localizeServerMessage(length, 'zh-CN'), '长度须为 1–16 个字符（现为 20 个）。');
        assert.equal(localizeServerMessage(length, 'en'), 'Must be 1–16 characters long (it has 20).');
        assert.equal(localizeServerMessage({ code: 'required', params: {}, message: 'is required' }, 'zh-CN'), '此项必填。');
        assert.equal(localizeServerMessage({ code: 'out_of_range', params: { min: -400, max: 600 }, message: 'x' }, 'zh-CN'), '须在 -400 到 600 之间。');
    });
    test('a quota refusal names the county and the amounts in the reader\'s units', () => {
        const quota = {
            code: 'quota_exceeded',
            params: { account: 'County shache quota', county: 'shache', amount_fen: 274_500_000, available_fen: 45_840_000 },
            message: 'exceeds what County shache quota holds (exceeds_credits)',
        };
        assert.equal(localizeServerMessage(quota, 'zh-CN'), '超出莎车县的可用额度（可用 ¥45.84万，需要 ¥274.5万）。');
        assert.match(localizeServerMessage(quota, 'en'), /^Exceeds what Shache county's quota holds \(¥458\.40K available, ¥2\.745M needed\)\.$|^Exceeds what Shache county's quota holds/);
        assert.doesNotMatch(localizeServerMessage(quota, 'zh-CN'), /[A-Za-z]{3}/);
    });
    test('an unknown code, or a code whose English needs the message, shows the server words in English', () => {
        assert.equal(localizeServerMessage({ code: 'brand_new', params: {}, message: 'is odd' }, 'zh-CN'), 'is odd');
        assert.equal(localizeServerMessage({ code: 'invalid_value', params: {}, message: 'has no price for grade A' }, 'en'), 'has no price for grade A');
        assert.equal(localizeServerMessage({ code: 'invalid_value', params: {}, message: 'has no price for grade A' }, 'zh-CN'), '此值不被接受。');
        assert.equal(localizeServerMessage('a plain string', 'zh-CN'), 'a plain string');
        assert.equal(localizeServerMessage(undefined, 'zh-CN'), undefined);
    });
    test('a problem+json becomes field texts and a detail in the reader\'s language', () => {
        const problem = {
            code: 'invalid_request', detail: 'name: is required',
            errors: [{ field: 'name', code: 'required', params: {}, message: 'is required' }],
        };
        assert.deepEqual(fieldErrorsFrom(problem, 'zh-CN'), { name: '此项必填。' });
        assert.deepEqual(fieldErrorsFrom(problem, 'en'), { name: 'Required.' });
        assert.equal(problemDetail(problem, 'zh-CN'), '名称：此项必填。');
        assert.equal(problemDetail(problem, 'en'), 'Name: Required.');
        const state = { code: 'wrong_state', params: { record: 'payment_request', status: 'submitted', action: 'pay' }, detail: 'only an approved request is paid; this one is submitted' };
        assert.equal(problemDetail(state, 'zh-CN'), '当前状态（待审批）不允许此操作。');
        assert.equal(problemDetail({ code: 'refused', params: {}, detail: 'lane x is named by proposals' }, 'en'), 'lane x is named by proposals');
        assert.equal(problemDetail({ detail: 'no code at all' }, 'zh-CN'), 'no code at all');
    });
    test('a field problem names the field in words, never by its API name', () => {
        const slots = {
            code: 'invalid_request', detail: 'slot_ids/2: is not a slot of this event',
            errors: [{ field: 'slot_ids/2', code: 'unknown_reference', params: {}, message: 'is not a slot of this event' }],
        };
        assert.match(problemDetail(slots, 'zh-CN'), /^可参加时段：/);
        assert.match(problemDetail(slots, 'en'), /^Slots attended: /);
        assert.equal(fieldLabel('lines/0/quantity', 'zh-CN'), '数量');
        assert.equal(fieldLabel('row 3/org', 'en'), 'Organisation');
        // A field the console has no word for: the message alone, without the raw name.
        const odd = { code: 'invalid_request', detail: 'zz_new_field: is required', errors: [{ field: 'zz_new_field', code: 'required', params: {}, message: 'is required' }] };
        assert.equal(problemDetail(odd, 'zh-CN'), '此项必填。');
        assert.equal(problemDetail(odd, 'en'), 'Required.');
        assert.equal(fieldLabel(undefined, 'en'), '');
        for (const lang of ['zh-CN', 'en']) {
            for (const field of ['slot_ids', 'meetings_min', 'org_id', 'person_name', 'delivery_district', 'unit_price_fen']) {
                assert.doesNotMatch(fieldLabel(field, lang), /_|^$/, `${lang} ${field}`);
            }
        }
    });
});

// The API's English field messages, translated for Chinese readers when known and shown as sent
// otherwise.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localizeServerMessage } from '../src/server-messages.js';

describe('server messages', () => {
    test('known messages are translated, with their figures', () => {
        assert.equal(localizeServerMessage('is required', 'zh-CN'), '此项必填。');
        assert.equal(localizeServerMessage('must be 1 to 200 characters long (got 0)', 'zh-CN'), '此项必填。');
        assert.equal(localizeServerMessage('must be 1 to 16 characters long (got 20)', 'zh-CN'), '长度须为 1–16 个字符（现为 20 个）。');
        assert.equal(localizeServerMessage('must not be below min (90)', 'zh-CN'), '不能小于最小值（90）。');
        assert.equal(localizeServerMessage('must be between -400 and 600', 'zh-CN'), '须在 -400 到 600 之间。');
        assert.equal(localizeServerMessage('has no price for grade A', 'zh-CN'), '等级 A 缺少挂牌价。');
        assert.equal(localizeServerMessage('must be an integer, not a string', 'zh-CN'), '须为整数。');
        assert.equal(localizeServerMessage('must be a whole number (digits only, like 1250), not "12.5"', 'zh-CN'),
            '须为整数（仅数字，如 1250），而不是“12.5”。');
        assert.equal(localizeServerMessage('is not a column of the offers sheet', 'zh-CN'), '不是此表格的列。');
    });
    test('the one text rule and the identifier keys are translated', () => {
        assert.equal(localizeServerMessage('is required and must not be empty', 'zh-CN'), '此项必填。');
        assert.equal(localizeServerMessage('must be between 1 and 80 characters long (it has 90)', 'zh-CN'),
            '长度须为 1–80 个字符（现为 90 个）。');
        assert.equal(localizeServerMessage('must not be blank (white space alone is not a value)', 'zh-CN'), '不能只填空格。');
        assert.equal(localizeServerMessage('must not contain control characters (U+001B at 3)', 'zh-CN'), '不能包含控制字符。');
        assert.equal(localizeServerMessage('must not contain invisible characters (U+200B at 7)', 'zh-CN'),
            '不能包含不可见字符（如零宽空格）。');
    });
    test('English readers and unknown messages get the server words', () => {
        assert.equal(localizeServerMessage('is required', 'en'), 'is required');
        assert.equal(localizeServerMessage('is required because of a new rule', 'zh-CN'), 'is required because of a new rule');
        assert.equal(localizeServerMessage(undefined, 'zh-CN'), undefined);
    });
    test('a pattern matches the whole message, never a part of it', () => {
        assert.equal(localizeServerMessage('xis required', 'zh-CN'), 'xis required');
        assert.equal(localizeServerMessage('must not be below min (90) or else', 'zh-CN'), 'must not be below min (90) or else');
    });
});

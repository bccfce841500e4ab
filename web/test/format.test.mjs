// Unit tests of web/src/format.js: money, 万/亿, weights, parsing, Asia/Shanghai times.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
    formatCount, formatDate, formatDateTime, formatInteger, formatMoney, formatMoneyCompact, formatTime,
    formatWeight, parseMoney, parseWeight, toBigInt, todayInShanghai, yearInShanghai, addDays,
} from '../src/format.js';

describe('formatMoney', () => {
    test('shows integer fen as yuan with two decimals and grouped thousands', () => {
        assert.equal(formatMoney(123456), '¥1,234.56');
        assert.equal(formatMoney(0), '¥0.00');
        assert.equal(formatMoney(5), '¥0.05');
        assert.equal(formatMoney(100), '¥1.00');
        assert.equal(formatMoney(-500), '-¥5.00');
        assert.equal(formatMoney(100_000_000_00), '¥100,000,000.00');
    });
    test('is exact beyond the float range, from bigint and digit strings', () => {
        assert.equal(formatMoney(123456789012345678901n), '¥1,234,567,890,123,456,789.01');
        assert.equal(formatMoney('900719925474099312'), '¥9,007,199,254,740,993.12');
    });
    test('refuses what is not an integer amount of fen', () => {
        assert.throws(() => formatMoney(1.5), TypeError);
        assert.throws(() => formatMoney('12.3'), TypeError);
        assert.throws(() => formatMoney(null), TypeError);
        assert.throws(() => toBigInt(Number.MAX_SAFE_INTEGER + 2), TypeError);
    });
});

describe('formatMoneyCompact (万/亿)', () => {
    test('uses 万 from ten thousand yuan and 亿 from a hundred million', () => {
        assert.equal(formatMoneyCompact(999_999, 'zh-CN'), '¥9,999.99');
        assert.equal(formatMoneyCompact(1_000_000, 'zh-CN'), '¥1万');
        assert.equal(formatMoneyCompact(12_345_678, 'zh-CN'), '¥12.35万');
        assert.equal(formatMoneyCompact(123_456_789_00, 'zh-CN'), '¥1.23亿');
        assert.equal(formatMoneyCompact(-250_000_000, 'zh-CN'), '-¥250万');
    });
    test('moves to the larger unit when rounding reaches it', () => {
        assert.equal(formatMoneyCompact(99_999_999_00, 'zh-CN'), '¥1亿');
        assert.equal(formatMoneyCompact(99_999_999_99, 'zh-CN'), '¥1亿');
        assert.equal(formatMoneyCompact(99_999_400_00, 'zh-CN'), '¥9,999.94万');
        assert.equal(formatMoneyCompact(99_940_000_00, 'zh-CN'), '¥9,994万');
        assert.equal(formatCount(999_999, 'en'), '1M');
    });
    test('rounds half away from zero', () => {
        assert.equal(formatMoneyCompact(1_235_000, 'zh-CN'), '¥1.24万'); // 1.235万
        assert.equal(formatMoneyCompact(-1_235_000, 'zh-CN'), '-¥1.24万');
        assert.equal(formatMoneyCompact(1_234_999, 'zh-CN'), '¥1.23万');
        assert.equal(formatMoney(-5), '-¥0.05');
    });
    test('groups by thousands in English', () => {
        assert.equal(formatMoneyCompact(12_345_678, 'en'), '¥123.46K');
        assert.equal(formatMoneyCompact(123_456_789_00, 'en'), '¥123.46M');
        assert.equal(formatMoneyCompact(99_999, 'en'), '¥999.99');
    });
});

describe('formatCount and formatInteger', () => {
    test('plain and compact counts', () => {
        assert.equal(formatInteger(1234567), '1,234,567');
        assert.equal(formatInteger(-12), '-12');
        assert.equal(formatCount(9999, 'zh-CN'), '9,999');
        assert.equal(formatCount(10000, 'zh-CN'), '1万');
        assert.equal(formatCount(123456, 'zh-CN'), '12.35万');
        assert.equal(formatCount(2_500_000_000, 'zh-CN'), '25亿');
        assert.equal(formatCount(2_500_000_000, 'en'), '2.5B');
    });
    test('an unknown language falls back to Chinese grouping', () => {
        assert.equal(formatCount(123456, 'fr'), '12.35万');
    });
});

describe('formatWeight', () => {
    test('kg, jin (500 g), tonnes and grams, in both languages', () => {
        assert.equal(formatWeight(1_234_500, 'kg', 'en'), '1,234.5 kg');
        assert.equal(formatWeight(1_234_500, 'kg', 'zh-CN'), '1,234.5公斤');
        assert.equal(formatWeight(1_234_500, 'jin', 'zh-CN'), '2,469斤');
        assert.equal(formatWeight(1_234_500, 'jin', 'en'), '2,469 jin');
        assert.equal(formatWeight(1, 'jin', 'en'), '0.002 jin');
        assert.equal(formatWeight(1, 'kg', 'en'), '0.001 kg');
        assert.equal(formatWeight(2_500_000, 't', 'zh-CN'), '2.5吨');
        assert.equal(formatWeight(1_234_567_891, 't', 'en'), '1,234.568 t');
        assert.equal(formatWeight(750, 'g', 'zh-CN'), '750克');
    });
    test('refuses an unknown unit', () => {
        assert.throws(() => formatWeight(1, 'lb'), RangeError);
    });
});

describe('parseMoney', () => {
    test('reads yuan into integer fen', () => {
        assert.deepEqual(parseMoney('1,234.56'), { ok: true, fen: 123456 });
        assert.deepEqual(parseMoney('¥ 12'), { ok: true, fen: 1200 });
        assert.deepEqual(parseMoney('￥0.5'), { ok: true, fen: 50 });
        assert.deepEqual(parseMoney('-3.10'), { ok: true, fen: -310 });
        assert.deepEqual(parseMoney(' 7 '), { ok: true, fen: 700 });
    });
    test('names what is wrong', () => {
        assert.deepEqual(parseMoney(''), { ok: false, error: 'empty' });
        assert.deepEqual(parseMoney('abc'), { ok: false, error: 'format' });
        assert.deepEqual(parseMoney('1,23.4'), { ok: false, error: 'format' });
        assert.deepEqual(parseMoney('1.234'), { ok: false, error: 'precision' });
        assert.deepEqual(parseMoney('99999999999999999'), { ok: false, error: 'range' });
    });
    test('round-trips with formatMoney', () => {
        for (const fen of [0, 1, 99, 100, 123456, -77, 9_007_199_254_740_991]) {
            assert.deepEqual(parseMoney(formatMoney(fen)), { ok: true, fen });
        }
    });
});

describe('parseWeight', () => {
    test('reads every unit, in either language, into integer grams', () => {
        assert.deepEqual(parseWeight('2.5 kg'), { ok: true, grams: 2500 });
        assert.deepEqual(parseWeight('2.5公斤'), { ok: true, grams: 2500 });
        assert.deepEqual(parseWeight('3斤'), { ok: true, grams: 1500 });
        assert.deepEqual(parseWeight('3 JIN'), { ok: true, grams: 1500 });
        assert.deepEqual(parseWeight('1.2 吨'), { ok: true, grams: 1_200_000 });
        assert.deepEqual(parseWeight('1,000 g'), { ok: true, grams: 1000 });
        assert.deepEqual(parseWeight('0.001 t'), { ok: true, grams: 1000 });
        assert.deepEqual(parseWeight('4', 'jin'), { ok: true, grams: 2000 });
    });
    test('names what is wrong', () => {
        assert.deepEqual(parseWeight('  '), { ok: false, error: 'empty' });
        assert.deepEqual(parseWeight('kg'), { ok: false, error: 'format' });
        assert.deepEqual(parseWeight('2.5 lb'), { ok: false, error: 'unit' });
        assert.deepEqual(parseWeight('0.0005 kg'), { ok: false, error: 'precision' });
        assert.deepEqual(parseWeight('0.001 斤'), { ok: false, error: 'precision' });
        assert.deepEqual(parseWeight('1.2.3 kg'), { ok: false, error: 'format' });
    });
    test('round-trips with formatWeight in English', () => {
        for (const grams of [0, 1, 499, 500, 1_234_500]) {
            for (const unit of ['g', 'kg', 'jin']) {
                assert.deepEqual(parseWeight(formatWeight(grams, unit, 'en')), { ok: true, grams }, `${grams} g as ${unit}`);
            }
        }
    });
});

describe('times in Asia/Shanghai', () => {
    // 2024-12-31T16:30:05Z is already 2025-01-01 00:30:05 in Shanghai (UTC+8).
    const newYear = Date.UTC(2024, 11, 31, 16, 30, 5);
    test('shifts UTC to Shanghai whatever the machine zone is', () => {
        assert.equal(formatDate(newYear), '2025-01-01');
        assert.equal(formatTime(newYear), '00:30');
        assert.equal(formatTime(newYear, { seconds: true }), '00:30:05');
        assert.equal(formatDateTime(newYear), '2025-01-01 00:30');
    });
    test('accepts epoch ms, RFC 3339 strings and Dates', () => {
        assert.equal(formatDateTime('2025-03-05T06:07:00Z'), '2025-03-05 14:07');
        assert.equal(formatDateTime('2025-03-05T14:07:00+08:00'), '2025-03-05 14:07');
        assert.equal(formatDateTime(new Date(0)), '1970-01-01 08:00');
    });
    test('refuses what is not a time', () => {
        assert.throws(() => formatDateTime('soon'), TypeError);
        assert.throws(() => formatDateTime(undefined), TypeError);
    });
});

test("a form's default date is today in Beijing, not UTC's date", () => {
    // 2026-12-06 20:00 UTC is 2026-12-07 04:00 in Beijing: UTC's date would make a new offer expired.
    assert.equal(todayInShanghai(Date.UTC(2026, 11, 6, 20, 0)), '2026-12-07');
    assert.equal(todayInShanghai(Date.UTC(2026, 11, 6, 15, 59)), '2026-12-06');
    assert.equal(addDays('2026-12-30', 3), '2027-01-02');
});

test('a year picker opens on the current year in Beijing', () => {
    assert.equal(yearInShanghai(Date.UTC(2026, 11, 31, 16, 0)), 2027);
    assert.equal(yearInShanghai(Date.UTC(2026, 11, 31, 15, 59)), 2026);
});

// The pure helpers of an event's days (web/src/fairs/at-event-model.js): download addresses in the
// console's language, a check-in's answer in words, who records outcomes when, the sale's lines in
// fen, who reads the report, and the report's bars and conversion chart with names, never codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { translate } from '../src/i18n/index.js';
import {
    badgesPdf, badgeToken, checkInText, conversionChart, figureEntries, lineAmount, mayReadReport, mayRecordAtEvent,
    outcomeBody, outcomeText, participantDownloads, printLang, receiptPdf, reportFile, saleLines, tablePlanPath, totalText,
} from '../src/fairs/at-event-model.js';
import { participantName } from '../src/fairs/shared.js';

const zh = (key, params) => translate('zh-CN', key, params);
const en = (key, params) => translate('en', key, params);

test('downloads are asked for in the console’s language, PDFs and calendars by format', () => {
    assert.equal(printLang('zh-CN'), 'zh');
    assert.equal(printLang('en'), 'en');
    const links = participantDownloads('e 1', 'p/2', 'en');
    assert.equal(links.agendaPdf, '/api/v1/fairs/e%201/participants/p%2F2/agenda?format=pdf&lang=en');
    assert.equal(links.agendaIcs, '/api/v1/fairs/e%201/participants/p%2F2/agenda?format=ics&lang=en');
    assert.equal(links.badgePdf, '/api/v1/fairs/e%201/participants/p%2F2/badge?format=pdf&lang=en');
    assert.equal(badgesPdf('e1', 'zh-CN'), '/api/v1/fairs/e1/badges?format=pdf&lang=zh');
    assert.equal(tablePlanPath('e1', 'json', 'en'), 'fairs/e1/table-plan?schedule=published');
    assert.equal(tablePlanPath('e1', 'csv', 'en'), '/api/v1/fairs/e1/table-plan?schedule=published&format=csv');
    assert.equal(tablePlanPath('e1', 'pdf', 'zh-CN'), '/api/v1/fairs/e1/table-plan?schedule=published&format=pdf&lang=zh');
    assert.equal(reportFile('e1', 'xlsx'), '/api/v1/reports/fairs/e1?format=xlsx');
    assert.equal(receiptPdf('e1', 'x1', 'o1', 'en'), '/api/v1/fairs/e1/participants/x1/onsite-sales/o1/receipt?format=pdf&lang=en');
});

test('a scanned token loses the spaces a scanner or a person typed; a check-in is said in Beijing time', () => {
    assert.equal(badgeToken('  ABCD EFGH\n'), 'ABCDEFGH');
    assert.equal(badgeToken(undefined), '');
    const participant = { org_name: '上海某食堂', org_name_en: 'A Shanghai canteen', person_name: '王芳' };
    // 2026-10-10 01:05 UTC is 09:05 in Beijing.
    const answer = { participant, already_checked_in: false, checked_in_at_ms: Date.UTC(2026, 9, 10, 1, 5), checked_in_at: '09:05' };
    assert.equal(checkInText(zh, answer, (p) => participantName(p, 'zh-CN')), zh('fairs.scan.done', { name: '上海某食堂 · 王芳', at: '09:05' }));
    assert.equal(checkInText(en, { ...answer, already_checked_in: true }, (p) => participantName(p, 'en')),
        en('fairs.scan.already', { name: 'A Shanghai canteen · 王芳', at: '09:05' }));
});

test('a participant’s name is in English where the organisation has an English name', () => {
    assert.equal(participantName({ org_name: '叶城核桃', org_name_en: 'Yecheng Walnuts' }, 'en'), 'Yecheng Walnuts');
    assert.equal(participantName({ org_name: '叶城核桃', org_name_en: 'Yecheng Walnuts' }, 'zh-CN'), '叶城核桃');
    assert.equal(participantName({ org_name: '叶城核桃' }, 'en'), '叶城核桃');
    assert.equal(participantName(null, 'en'), '');
});

test('outcomes are recorded while live, by organisers also once closed, with the version last seen', () => {
    assert.equal(mayRecordAtEvent('live', false), true);
    assert.equal(mayRecordAtEvent('closed', false), false);
    assert.equal(mayRecordAtEvent('closed', true), true);
    assert.equal(mayRecordAtEvent('published', true), false);
    assert.deepEqual(outcomeBody('held', 0), { outcome: 'held', expected_version: 0 });
    assert.deepEqual(outcomeBody('no_show:buyer', 3), { outcome: 'no_show', no_show_side: 'buyer', expected_version: 3 });
    assert.deepEqual(outcomeBody('follow_up', undefined), { outcome: 'follow_up', expected_version: 0 });
    assert.equal(outcomeText(zh, null), zh('fairOutcome.none'));
    assert.equal(outcomeText(en, { outcome: 'no_show', no_show_side: 'both' }), 'No-show: both sides');
    assert.equal(outcomeText(zh, { outcome: 'held' }), '已洽谈');
});

test('sale lines become whole units and fen, totalled exactly; each bad field is named by the server’s path', () => {
    const good = saleLines([
        { product_id: 'p1', grade: 'A', quantity: '3', price: '28.50' },
        { product_id: 'p2', grade: '', quantity: '1000', price: '¥0.01' },
    ]);
    assert.equal(good.ok, true);
    assert.deepEqual(good.lines, [
        { product_id: 'p1', grade: 'A', quantity: 3, unit_price_fen: 2850 },
        { product_id: 'p2', quantity: 1000, unit_price_fen: 1 },
    ]);
    assert.equal(good.total_fen, 9550n);
    const bad = saleLines([{ product_id: '', quantity: '1.5', price: '2.345' }, { product_id: 'p', quantity: '0', price: '0' }]);
    assert.equal(bad.ok, false);
    assert.deepEqual(bad.errors, {
        'lines/0/product_id': 'fairs.line.error.product', 'lines/0/quantity': 'fairs.line.error.quantity', 'lines/0/unit_price_fen': 'fairs.line.error.price',
        'lines/1/quantity': 'fairs.line.error.quantity', 'lines/1/unit_price_fen': 'fairs.line.error.price',
    });
    assert.deepEqual(saleLines([]).errors, { lines: 'fairs.line.error.none' });
    // At the orders module's limits: ¥100 m per unit, a billion units per line.
    assert.equal(saleLines([{ product_id: 'p', quantity: '1000000000', price: '100000000.00' }]).ok, true);
    assert.deepEqual(saleLines([{ product_id: 'p', quantity: '1000000001', price: '100000000.01' }]).errors,
        { 'lines/0/quantity': 'fairs.line.error.quantity', 'lines/0/unit_price_fen': 'fairs.line.error.price' });
    assert.equal(lineAmount({ quantity: '4', price: '12.5' }), 5000n);
    assert.equal(totalText(1_056_000n, 'zh-CN'), '¥10,560.00（¥1.06万）');
    assert.equal(totalText(1_056_000n, 'en'), '¥10,560.00 (¥10.56K)');
    assert.equal(totalText(8800n, 'en'), '¥88.00');
    assert.equal(lineAmount({ quantity: '', price: '12.5' }), null);
});

test('the report is offered to organisers, programme readers and county officers only', () => {
    const event = { organiser_ids: ['u-officer'] };
    for (const role of ['admin', 'fund_officer', 'auditor', 'county_officer']) assert.equal(mayReadReport({ id: 'x', role }, event), true, role);
    for (const role of ['producer', 'buyer', 'logistics']) assert.equal(mayReadReport({ id: 'x', role }, event), false, role);
    assert.equal(mayReadReport({ id: 'u-officer', role: 'producer' }, event), true);
    assert.equal(mayReadReport(null, event), false);
});

test('the report’s bars are named in the reader’s language, largest first, zeros left out', () => {
    const rows = [
        { key: 'yecheng', name_zh: '叶城县', name_en: 'Yecheng', intended_fen: 500, onsite_fen: 0 },
        { key: 'zepu', name_zh: '泽普县', name_en: 'Zepu', intended_fen: 900, onsite_fen: 7 },
        { key: 'none', name_zh: '未注明县', name_en: '', intended_fen: 0, onsite_fen: 3 },
    ];
    assert.deepEqual(figureEntries(rows, 'intended_fen', 'en'), [
        { key: 'zepu', label: 'Zepu', fen: 900n }, { key: 'yecheng', label: 'Yecheng', fen: 500n }]);
    assert.deepEqual(figureEntries(rows, 'onsite_fen', 'en').map((e) => e.label), ['Zepu', '未注明县']);
    assert.deepEqual(figureEntries(rows, 'onsite_fen', 'zh-CN').map((e) => e.label), ['泽普县', '未注明县']);
});

test('the conversion chart draws the running totals per Beijing week, with its table and CSV', () => {
    const weeks = [
        { week_of: '2024-05-20', confirmed_orders: 2, confirmed_fen: 1_000_000, paid_orders: 0, paid_fen: 0, confirmed_fen_to_date: 1_000_000, paid_fen_to_date: 0 },
        { week_of: '2024-05-27', confirmed_orders: 1, confirmed_fen: 500_000, paid_orders: 1, paid_fen: 1_000_000, confirmed_fen_to_date: 1_500_000, paid_fen_to_date: 1_000_000 },
    ];
    const chart = conversionChart(weeks, { t: zh, lang: 'zh-CN' });
    assert.deepEqual(chart.option.xAxis.data, ['2024-05-20', '2024-05-27']);
    assert.deepEqual(chart.option.series.map((s) => s.type), ['line', 'line', 'line']);
    assert.deepEqual(chart.option.series[0].data, [1_000_000, 1_500_000]);
    assert.deepEqual(chart.option.series[1].data, [0, 1_000_000]);
    assert.ok(chart.option.series[0].areaStyle && !chart.option.series[2].areaStyle);
    assert.deepEqual(chart.table.columns, [zh('fairs.report.weekOf'), zh('fairs.report.confirmedToDate'), zh('fairs.report.paidToDate'), zh('fairs.report.confirmedThatWeek')]);
    assert.equal(chart.table.rows[1][1], '¥1.5万');
    const csv = chart.csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(csv[0], 'week_of,confirmed_orders,confirmed_fen,paid_orders,paid_fen,confirmed_fen_to_date,paid_fen_to_date,confirmed_yuan_to_date,paid_yuan_to_date');
    assert.equal(csv[2], '2024-05-27,1,500000,1,1000000,1500000,1000000,15000.00,10000.00');
});

// Risk flags and daily-job runs written from their stable codes (src/projects/risk_codes.h,
// src/core/daily_job.h) in zh-CN and en; the server's English words only for a code the console
// does not know (a flag raised before codes).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JOB_SUMMARIES, jobSummaryText, knowsRiskCode, refusalText, riskText, riskTitle } from '../src/risk-messages.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourcesUnder(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return sourcesUnder(full);
        return entry.name.endsWith('.cpp') ? [full] : [];
    });
}

describe('risk messages', () => {
    test('every risk code the server defines has a title and a sentence here', () => {
        const table = fs.readFileSync(path.join(ROOT, 'src/projects/risk_codes.cpp'), 'utf8');
        const codes = [...table.matchAll(/\{R::(\w+), "(\w+)"/g)].map((m) => m[2]);
        assert.ok(codes.length >= 20, `read only ${codes.length} codes: is the scan broken?`);
        assert.deepEqual(codes.filter((code) => !knowsRiskCode(code)), []);
        for (const code of codes) {
            assert.ok(riskTitle(code, 'zh-CN') && riskTitle(code, 'en'), code);
            // Every sentence is written without a parameter left undefined.
            const text = riskText({ code, params: {}, summary: 'x' }, 'zh-CN');
            assert.ok(text.length > 0, code);
        }
    });
    test('a flag is written from its code and figures, amounts the Chinese way', () => {
        const flag = {
            code: 'split_purchase', rule: 'R3', summary: 'possible split purchase: 2 goods contracts below the tender threshold sum to 274500000 fen',
            params: { contracts: 2, category: 'goods', sum_fen: 274_500_000, threshold_fen: 200_000_000 },
        };
        assert.equal(riskTitle(flag.code, 'zh-CN'), '疑似拆分采购');
        assert.equal(riskText(flag, 'zh-CN'), '2 份货物合同均低于招标限额，合计 ¥274.5万，超过限额 ¥200万。');
        assert.equal(riskText(flag, 'en'), '2 goods contracts, each below the tender threshold, sum to ¥2.75M, above its ¥2M.');
        assert.ok(!/fen|R3/.test(riskText(flag, 'zh-CN')));
    });
    test('a flag raised before codes keeps the server\'s words', () => {
        const old = { code: null, rule: 'R6', summary: 'a round amount', params: {} };
        assert.equal(riskText(old, 'zh-CN'), 'a round amount');
        assert.equal(riskTitle(old.code, 'zh-CN'), null);
    });
    test('every daily-job summary code the server sends is written here', () => {
        const sent = new Set();
        for (const file of sourcesUnder(path.join(ROOT, 'src'))) {
            for (const m of fs.readFileSync(file, 'utf8').matchAll(/JobSummary\{"(\w+)"/g)) sent.add(m[1]);
        }
        assert.deepEqual([...sent].sort(), Object.keys(JOB_SUMMARIES).sort());
        const run = { summary: '86 contract(s) and 240 payment request(s) checked, 2 new flag(s)', summary_code: 'risk_scan_done',
            summary_params: { contracts: 86, requests: 240, new_flags: 2 } };
        assert.equal(jobSummaryText(run, 'zh-CN'), '检查了 86 份合同和 240 笔付款申请，新增 2 条风险提示。');
        assert.equal(jobSummaryText(run, 'en'), '86 contract(s) and 240 payment request(s) checked, 2 new flag(s).');
        // A failed run's English error is not put in front of a Chinese reader.
        assert.equal(jobSummaryText({ summary: 'database is away', state: 'failed' }, 'zh-CN'), '');
        assert.equal(jobSummaryText({ summary: 'database is away', state: 'failed' }, 'en'), 'database is away');
    });
});

describe('payment refusals', () => {
    test('an overpayment and a quota refusal are written from their codes; an old refusal keeps its words', () => {
        const over = { refusal_reason: 'overpayment: 150000000 fen paid + 160000088 fen would exceed the contract value of 274500000 fen',
            refusal: { code: 'contract_value_exceeded', params: { total_fen: 310_000_088, value_fen: 274_500_000 }, message: 'overpayment: …' } };
        assert.equal(refusalText(over, 'zh-CN'), '本合同累计付款（含本笔）¥310万，将超出合同金额（含变更）¥274.5万。');
        assert.doesNotMatch(refusalText(over, 'en'), /fen/);
        const quota = { refusal_reason: 'the funds refused the payment: …',
            refusal: { code: 'quota_exceeded', params: { county: 'shache', amount_fen: 274_500_000, available_fen: 45_840_000 }, message: 'x' } };
        assert.match(refusalText(quota, 'zh-CN'), /超出.*可用额度/);
        assert.equal(refusalText({ refusal_reason: 'older words', refusal: null }, 'zh-CN'), 'older words');
    });
});

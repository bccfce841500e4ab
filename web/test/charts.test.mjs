// The charts' data (components/chart-data.js): what each chart draws, the table that stands in for
// it, and the CSV it downloads, from the API's answers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { csvHref, csvText, monthlyStack, monthsByCounty, moneyBars, QUOTA_BELOW, QUOTA_MET, quotaBars } from '../src/components/chart-data.js';
import { translate } from '../src/i18n/index.js';

const zh = { lang: 'zh-CN', t: (key, params) => translate('zh-CN', key, params) };
const en = { lang: 'en', t: (key, params) => translate('en', key, params) };

describe('chart data', () => {
    test('CSV quotes what needs it and starts with a byte-order mark', () => {
        assert.equal(csvText(['a', 'b'], [['x,y', 'say "hi"'], [1, null]]), '\uFEFFa,b\r\n"x,y","say ""hi"""\r\n1,\r\n');
        assert.ok(csvHref('a,b\r\n').startsWith('data:text/csv;charset=utf-8,a%2Cb'));
    });

    test('money bars: axes in 万/亿 in Chinese, the table as shown, the CSV in fen and yuan', () => {
        const entries = [{ key: 'yecheng', label: '叶城', fen: 123456789n }, { key: 'zepu', label: '泽普', fen: 5000n }];
        const { option, table, csv } = moneyBars(entries, { ...zh, series: '援疆销售额', keyName: 'county' });
        assert.deepEqual(option.yAxis.data, ['泽普', '叶城']);  // drawn bottom up
        assert.deepEqual(option.series[0].data, [5000, 123456789]);
        assert.equal(option.xAxis.axisLabel.formatter(123456789), '¥123.46万');
        assert.equal(option.tooltip.renderMode, 'richText', 'no HTML tooltip (the CSP refuses its inline styles)');
        assert.deepEqual(table.columns, ['县', '援疆销售额']);
        assert.deepEqual(table.rows[0], ['叶城', '¥123.46万']);
        assert.equal(csv, '\uFEFFcounty,county_name,amount_fen,amount_yuan\r\nyecheng,叶城,123456789,1234567.89\r\nzepu,泽普,5000,50.00\r\n');
        assert.equal(moneyBars(entries, { ...en, series: 'Aid sales', keyName: 'county' }).table.columns[0], 'County');
    });

    test('months stacked by county, with a legend and a time range on the latest twelve months', () => {
        const row = (county, month, fen) => ({ keys: { county, month }, amount_fen: fen });
        const months = Array.from({ length: 14 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`).slice(0, 12).concat(['2026-01', '2026-02']);
        const report = { rows: [row('yecheng', '2026-02', '300'), row('zepu', '2026-02', '200'), ...months.map((m) => row('yecheng', m, '100'))] };
        const data = monthsByCounty(report, (code) => ({ yecheng: 'Yecheng', zepu: 'Zepu' })[code]);
        assert.deepEqual(data.months, months);
        const { option, table, csv } = monthlyStack(data, en);
        assert.deepEqual(option.legend.data, ['Yecheng', 'Zepu']);
        assert.deepEqual(option.series.map((s) => s.stack), ['aid', 'aid']);
        assert.equal(option.series[0].data.at(-1), 400);
        assert.deepEqual([option.dataZoom[0].startValue, option.dataZoom[0].endValue], [2, 13]);
        assert.deepEqual(table.columns, ['Month', 'Yecheng', 'Zepu', 'Total']);
        assert.deepEqual(table.rows.at(-1), ['2026-02', '¥4.00', '¥2.00', '¥6.00']);
        assert.ok(csv.endsWith('2026-02,yecheng,Yecheng,400,4.00\r\n2026-02,zepu,Zepu,200,2.00\r\n'), csv);
    });

    test('quota bars are amber below the target and green once met, with the 100 % mark', () => {
        const districts = [
            { district: 'jingan', name: '静安区', target_fen: 1000000, purchased_fen: 1412500, completion_bp: 14125, completion_pct: '141.25' },
            { district: 'minhang', name: '闵行区', target_fen: null, purchased_fen: 0, completion_bp: 0, completion_pct: '0.00' },
        ];
        const { option, table, csv } = quotaBars(districts, zh);
        assert.deepEqual(option.series[0].data.map((d) => [d.value, d.itemStyle.color]), [[0, QUOTA_BELOW], [141.25, QUOTA_MET]]);
        assert.deepEqual(option.series[0].markLine.data, [{ xAxis: 100 }]);
        assert.deepEqual(table.rows[0], ['静安区', '¥1万', '¥1.41万', '141.25 %']);
        assert.deepEqual(table.met, [true, false]);
        assert.ok(csv.includes('minhang,闵行区,,0,0'), csv);
    });
});

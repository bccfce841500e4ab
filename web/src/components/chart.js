// One chart: ECharts drawing on a canvas (loaded on first use, a script of its own), named for screen
// readers, with its figures as a table beneath (a disclosure, closed) and a CSV download of exactly
// what it shows. What to draw comes from components/chart-data.js as { option, table, csv }.
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { csvHref } from './chart-data.js';

// The chart library, imported once per visit when the first chart mounts, from the address the page
// names (web/build.mjs builds it apart from the main script, under a hashed name).
const CHARTS_MODULE_META = 'meta[name="kl-charts-module"]';
let engine = null;
function loadEngine() {
    const address = document.querySelector(CHARTS_MODULE_META)?.content;
    if (!address) return Promise.reject(new Error('the page names no chart module'));
    engine ??= import(address).then((module) => module.echarts, (error) => {
        engine = null;
        throw error;
    });
    return engine;
}

function useEChart(ref, option, lang) {
    useEffect(() => {
        let live = true;
        let chart = null;
        let observer = null;
        loadEngine().then((echarts) => {
            if (!live || !ref.current) return;
            chart = echarts.init(ref.current, null, { renderer: 'canvas', locale: lang === 'zh-CN' ? 'ZH' : 'EN' });
            chart.setOption(option, true);
            ref.current.dataset.ready = 'true';
            observer = new ResizeObserver(() => chart?.resize());
            observer.observe(ref.current);
        }, () => {
            // Without the library the table below still carries every figure.
            if (live && ref.current) ref.current.dataset.ready = 'failed';
        });
        return () => {
            live = false;
            observer?.disconnect();
            chart?.dispose();
        };
    }, [option, lang]);
}

/**
 * `label` names the chart (its canvas is role="img"); `data` is { option, table: { columns, rows },
 * csv }; `file` names the download (without .csv); `size` 'short' for a few bars.
 */
export function Chart({ testId, label, data, file, size = 'tall' }) {
    const { t, lang } = useApp();
    const ref = useRef(null);
    useEChart(ref, data.option, lang);
    return html`
        <figure class="chart-figure" data-testid=${testId}>
            <div ref=${ref} class=${`chart-canvas chart-${size}`} role="img" aria-label=${label} data-testid=${`${testId}-canvas`}></div>
            <figcaption class="chart-actions small">
                <a href=${csvHref(data.csv)} download=${`${file}.csv`} data-testid=${`${testId}-csv`}>${t('chart.download')}</a>
            </figcaption>
            <details class="chart-table">
                <summary>${t('chart.table', { name: label })}</summary>
                <table class="table" data-testid=${`${testId}-table`}>
                    <caption class="visually-hidden">${label}</caption>
                    <thead><tr>${data.table.columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
                    <tbody>
                        ${data.table.rows.map((row, i) => html`
                            <tr data-testid=${`${testId}-row`} data-met=${data.table.met ? String(data.table.met[i]) : undefined}>
                                ${row.map((cell, j) => (j === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}
                            </tr>`)}
                    </tbody>
                </table>
            </details>
        </figure>`;
}

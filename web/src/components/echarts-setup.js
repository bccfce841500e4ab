// Apache ECharts as the console uses it: the core and only the parts its charts draw (bars, lines,
// axes, tooltips, legends, the time-range slider, the 100 % mark line, the canvas renderer), so the
// bundle carries a fraction of the whole library. Built as a script of its own (web/build.mjs) and imported by
// components/chart.js when a chart first mounts: pages without a chart never download or parse it.
//
// Canvas, not SVG, and tooltips as rich text inside the canvas: the Content-Security-Policy is
// `style-src 'self'`, which refuses the `style="…"` attributes of ECharts' HTML tooltips; canvas
// drawing and CSSOM styles (element.style) are not affected by it.
import { init, use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
    DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent,
    MarkLineComponent, CanvasRenderer]);

// Only init is used: the console sets options on the chart it makes.
export const echarts = { init };

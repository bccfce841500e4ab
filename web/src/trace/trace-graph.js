// The trace graph on the lot page: backward (what the lot was made of, down to the households) or
// forward (every lot, pallet, order and buyer it reached), from GET /api/v1/lots/{id}/trace. Drawn
// as layered SVG (graph-layout.js) in a box that scrolls sideways on a phone, and always also as a
// list by level — the list is what a keyboard or screen-reader user reads (the drawing is one
// labelled image), with the same names and quantities. Hidden nodes (orders outside the reader's
// scope) are drawn and listed as such; a cut trace says so before anything else.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { Link } from '../router.js';
import { LoadError, Loading } from '../components/catalog-bits.js';
import { lotQuantity } from './model.js';
import {
    cutReason, DRAWN_NODES_MAX, edgeUnit, layoutTrace, nodeName, NODE_HEIGHT_PX, NODE_WIDTH_PX, traceLevels,
} from './graph-layout.js';

export const DIRECTIONS = ['backward', 'forward'];
// Characters of a name that fit a box (the full name is the box's tooltip and is in the list).
const LABEL_CHARS_MAX = 14;

function useTrace(lotId, direction) {
    const [state, setState] = useState({ phase: 'loading', trace: null, error: null });
    const load = () => {
        setState({ phase: 'loading', trace: null, error: null });
        api.get(`lots/${encodeURIComponent(lotId)}/trace?${new URLSearchParams({ direction })}`).then(
            (trace) => setState({ phase: 'ready', trace, error: null }),
            (error) => setState({ phase: 'error', trace: null, error }),
        );
    };
    useEffect(load, [lotId, direction]);
    return { ...state, reload: load };
}

/** A node's words: its name, or what it is when hidden or nameless. */
export function nodeLabel(t, node, lang) {
    if (node.hidden) return t('graph.hiddenNode');
    return nodeName(node, lang) || t(`graph.kind.${node.kind}`);
}

function edgeQuantity(t, edge, nodesByKey, lang) {
    const quantity = edge.quantity ?? edge.to_quantity;
    if (quantity === null || quantity === undefined) return '';
    return lotQuantity(t, quantity, edgeUnit(edge, nodesByKey), lang);
}

const shortLabel = (text) => (text.length > LABEL_CHARS_MAX ? `${text.slice(0, LABEL_CHARS_MAX - 1)}…` : text);

function Drawing({ trace, layout }) {
    const { t, lang } = useApp();
    const { positions, edges, nodesByKey, width, height } = layout;
    // A quantity sits at the end of its edge away from the busier node, so that the edges fanning out
    // of one node (a farm lot's households, a lot's orders) keep their labels apart.
    const degree = new Map();
    for (const { edge } of edges) for (const key of [edge.from, edge.to]) degree.set(key, (degree.get(key) ?? 0) + 1);
    return html`
        <div class="trace-graph-scroll" data-testid="trace-graph-drawing" tabindex="0" role="region" aria-label=${t('graph.scrollLabel')}>
            <svg class="trace-graph" viewBox=${`0 0 ${width} ${height}`} width=${width} height=${height} role="img"
                 aria-label=${t('graph.drawingLabel', { count: trace.nodes.length })}>
                ${edges.map(({ edge, from, to }, index) => {
                    const middle = (from.x + to.x) / 2;
                    const label = edgeQuantity(t, edge, nodesByKey, lang);
                    const atTarget = (degree.get(edge.from) ?? 0) > (degree.get(edge.to) ?? 0);
                    const end = atTarget ? to : from;
                    const leftward = (end.x === to.x) === (from.x <= to.x);
                    return html`
                        <g key=${`e${index}`} class=${`trace-edge trace-edge-${edge.kind}${edge.declared_wrong ? ' trace-edge-wrong' : ''}`}>
                            <path d=${`M${from.x},${from.y} C${middle},${from.y} ${middle},${to.y} ${to.x},${to.y}`} />
                            ${label && html`<text x=${end.x + (leftward ? -4 : 4)} y=${end.y - 4} text-anchor=${leftward ? 'end' : 'start'}>${label}</text>`}
                        </g>`;
                })}
                ${trace.nodes.map((node) => {
                    const at = positions.get(node.key);
                    const label = nodeLabel(t, node, lang);
                    return html`
                        <g key=${node.key} class=${`trace-node trace-node-${node.hidden ? 'hidden' : node.kind}${node.depth === 0 ? ' trace-node-root' : ''}`}
                           transform=${`translate(${at.x},${at.y})`} data-testid="trace-graph-node" data-kind=${node.kind}>
                            <title>${label}</title>
                            <rect width=${NODE_WIDTH_PX} height=${NODE_HEIGHT_PX} rx="6" />
                            <text x="8" y="19">${shortLabel(label)}</text>
                            <text x="8" y="37" class="trace-node-kind">${t(`graph.kind.${node.kind}`)}</text>
                        </g>`;
                })}
            </svg>
        </div>`;
}

function NodeName({ node }) {
    const { t, lang } = useApp();
    const label = nodeLabel(t, node, lang);
    if (node.hidden) return html`<em>${label}</em>`;
    if (node.kind === 'lot' && node.id) return html`<${Link} href=${`/lots/${encodeURIComponent(node.id)}`}>${label}<//>`;
    if (node.kind === 'order' && node.id) return html`<${Link} href=${`/orders/${encodeURIComponent(node.id)}`}>${label}<//>`;
    return html`${label}`;
}

function LevelList({ trace, nodesByKey }) {
    const { t, lang } = useApp();
    const levels = traceLevels(trace);
    return html`
        <ol class="trace-levels" data-testid="trace-graph-list">
            ${levels.map((level) => html`
                <li key=${level.depth}>
                    <h4>${level.depth === 0 ? t('graph.levelRoot') : t('graph.level', { depth: level.depth })}</h4>
                    <ul>
                        ${level.nodes.map(({ node, links }) => html`
                            <li key=${node.key} data-testid="trace-graph-item" data-kind=${node.kind} data-hidden=${node.hidden ? 'true' : 'false'}>
                                <span class="badge badge-neutral">${t(`graph.kind.${node.kind}`)}</span> <${NodeName} node=${node} />
                                ${links.length > 0 && html`
                                    <span class="muted small">
                                        ${links.map(({ edge, other, direction: way }, i) => html`${i > 0 ? '; ' : ' — '}${t(`graph.edge.${edge.kind}.${way}`, {
                                            other: nodeLabel(t, other, lang),
                                            quantity: edgeQuantity(t, edge, nodesByKey, lang) || t('graph.noQuantity'),
                                        })}${edge.declared_wrong ? ` (${t('graph.declaredWrong')})` : ''}`)}
                                    </span>`}
                            </li>`)}
                    </ul>
                </li>`)}
        </ol>`;
}

function Counts({ trace }) {
    const { t } = useApp();
    const counts = trace.counts ?? {};
    const parts = ['lots', 'pallets', 'orders', 'organisations', 'hidden']
        .filter((kind) => counts[kind] > 0)
        .map((kind) => t(`graph.count.${kind}`, { count: counts[kind] }));
    return html`<p class="muted small" data-testid="trace-graph-counts">${parts.join(' · ')}</p>`;
}

export function TraceGraph({ lotId, initial = 'backward' }) {
    const { t, lang } = useApp();
    const [direction, setDirection] = useState(initial);
    const { phase, trace, error, reload } = useTrace(lotId, direction);
    const layout = phase === 'ready' ? layoutTrace(trace, lang) : null;
    const cut = phase === 'ready' ? cutReason(trace) : null;
    return html`
        <section class="card" aria-labelledby="trace-graph-title" data-testid="trace-graph">
            <h2 id="trace-graph-title">${t('graph.title')}</h2>
            <div class="button-row" role="group" aria-label=${t('graph.direction')}>
                ${DIRECTIONS.map((value) => html`
                    <button key=${value} type="button" class=${`button small${direction === value ? ' primary' : ''}`} aria-pressed=${direction === value ? 'true' : 'false'}
                            data-testid=${`trace-graph-${value}`} onClick=${() => setDirection(value)}>${t(`graph.${value}`)}</button>`)}
            </div>
            <p class="muted small">${t(`graph.${direction}Intro`)}</p>
            ${phase === 'loading' && html`<${Loading} />`}
            ${phase === 'error' && html`<${LoadError} error=${error} onRetry=${reload} />`}
            ${phase === 'ready' && html`
                ${cut && html`<p class="alert alert-error" role="status" data-testid="trace-graph-incomplete">
                    ${t(`graph.incomplete.${cut}`, { depth: trace.depth_max, nodes: trace.nodes_max })}</p>`}
                <${Counts} trace=${trace} />
                ${trace.nodes.length <= 1
                    ? html`<p class="muted" data-testid="trace-graph-alone">${t(`graph.alone.${direction}`)}</p>`
                    : html`
                        ${trace.nodes.length <= DRAWN_NODES_MAX
                            ? html`<${Drawing} trace=${trace} layout=${layout} />`
                            : html`<p class="muted small">${t('graph.tooManyToDraw', { count: trace.nodes.length })}</p>`}
                        <h3 class="small">${t('graph.asList')}</h3>
                        <${LevelList} trace=${trace} nodesByKey=${layout.nodesByKey} />`}`}
        </section>`;
}

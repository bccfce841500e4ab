// The trace graph's layout (pure; unit-tested in web/test/trace-graph.test.mjs): the answer of
// GET /api/v1/lots/{id}/trace laid out in columns by depth, goods flowing left to right whichever
// way the walk went — a backward trace puts the traced lot on the right and its farm lots and
// households on the left, a forward trace puts it on the left and the buyers on the right. Within a
// column the nodes are ordered by the mean row of the nodes they are joined to in the column walked
// before (the barycentre heuristic: fewer crossing edges than the server's order), ties by name.
// A plain layered drawing needs no layout library: every edge joins neighbouring depths or stays
// within one, and the graphs the server answers are at most trace_nodes_max nodes.

export const NODE_WIDTH_PX = 184;
export const NODE_HEIGHT_PX = 48;
export const COLUMN_GAP_PX = 72;
export const ROW_GAP_PX = 16;
export const MARGIN_PX = 8;
// Beyond this many nodes the drawing is left out and only the list is shown (a graph of thousands
// of boxes helps nobody; the list and the FSMA sheet do).
export const DRAWN_NODES_MAX = 400;

/** The unit an edge's quantity is in: that of the lot it leaves, else of the lot it reaches. */
export function edgeUnit(edge, nodesByKey) {
    const from = nodesByKey.get(edge.from);
    if (from?.lot) return from.lot.quantity_unit;
    const to = nodesByKey.get(edge.to);
    if (to?.lot) return to.lot.quantity_unit;
    return 'units';
}

/** A node's name in the reader's language ('' for a hidden one: it has none). */
export function nodeName(node, lang) {
    if (node.hidden) return '';
    return (lang === 'en' ? node.name_en : node.name) || node.name || '';
}

/**
 * Columns and positions: { columns: [[node]], positions: Map key → { x, y, column, row },
 * width, height, edges: [{ edge, from: {x, y}, to: {x, y} }] } in pixels, for a viewBox.
 * Edges naming a node the answer does not hold are dropped.
 */
export function layoutTrace(trace, lang = 'zh-CN') {
    const nodes = trace?.nodes ?? [];
    const depthMax = nodes.reduce((max, node) => Math.max(max, node.depth), 0);
    const columnOf = (node) => (trace.direction === 'backward' ? depthMax - node.depth : node.depth);
    const columns = Array.from({ length: nodes.length > 0 ? depthMax + 1 : 0 }, () => []);
    for (const node of nodes) columns[columnOf(node)].push(node);
    const nodesByKey = new Map(nodes.map((node) => [node.key, node]));
    const neighbours = new Map(nodes.map((node) => [node.key, []]));
    for (const edge of trace?.edges ?? []) {
        if (!nodesByKey.has(edge.from) || !nodesByKey.has(edge.to)) continue;
        neighbours.get(edge.from).push(edge.to);
        neighbours.get(edge.to).push(edge.from);
    }
    // Walk the columns outwards from the traced lot's, ordering each by the rows of the one before.
    const rowOf = new Map();
    const rootColumn = trace?.direction === 'backward' ? columns.length - 1 : 0;
    const order = [];
    for (let i = 0; i < columns.length; i += 1) order.push(trace?.direction === 'backward' ? rootColumn - i : rootColumn + i);
    for (const index of order) {
        const column = columns[index];
        const centre = (node) => {
            const rows = neighbours.get(node.key).filter((key) => rowOf.has(key)).map((key) => rowOf.get(key));
            return rows.length === 0 ? Number.POSITIVE_INFINITY : rows.reduce((sum, row) => sum + row, 0) / rows.length;
        };
        const keyed = column.map((node) => ({ node, centre: centre(node), name: nodeName(node, lang) }));
        keyed.sort((a, b) => a.centre - b.centre || a.name.localeCompare(b.name) || a.node.key.localeCompare(b.node.key));
        column.splice(0, column.length, ...keyed.map((entry) => entry.node));
        column.forEach((node, row) => rowOf.set(node.key, row));
    }
    const rowsMax = columns.reduce((max, column) => Math.max(max, column.length), 0);
    const positions = new Map();
    columns.forEach((column, c) => {
        // A shorter column is centred against the tallest.
        const offset = ((rowsMax - column.length) * (NODE_HEIGHT_PX + ROW_GAP_PX)) / 2;
        column.forEach((node, row) => positions.set(node.key, {
            x: MARGIN_PX + c * (NODE_WIDTH_PX + COLUMN_GAP_PX),
            y: MARGIN_PX + offset + row * (NODE_HEIGHT_PX + ROW_GAP_PX),
            column: c,
            row,
        }));
    });
    const edges = [];
    for (const edge of trace?.edges ?? []) {
        const from = positions.get(edge.from);
        const to = positions.get(edge.to);
        if (!from || !to) continue;
        const forwards = from.x <= to.x;
        edges.push({
            edge,
            from: { x: from.x + (forwards ? NODE_WIDTH_PX : 0), y: from.y + NODE_HEIGHT_PX / 2 },
            to: { x: to.x + (forwards ? 0 : NODE_WIDTH_PX), y: to.y + NODE_HEIGHT_PX / 2 },
        });
    }
    const width = columns.length === 0 ? 0 : 2 * MARGIN_PX + columns.length * NODE_WIDTH_PX + (columns.length - 1) * COLUMN_GAP_PX;
    const height = rowsMax === 0 ? 0 : 2 * MARGIN_PX + rowsMax * NODE_HEIGHT_PX + (rowsMax - 1) * ROW_GAP_PX;
    return { columns, positions, width, height, edges, nodesByKey };
}

/**
 * The same graph as a list, level by level from the traced lot: [{ depth, nodes: [{ node, links:
 * [{ edge, other, direction: 'in' | 'out' }] }] }] — each node with the edges that join it to the
 * level before (in a backward trace: what it went into; forward: where it came from), so that a
 * reader who cannot see the drawing reads the same joins and quantities.
 */
export function traceLevels(trace) {
    const nodes = trace?.nodes ?? [];
    const byKey = new Map(nodes.map((node) => [node.key, node]));
    const levels = new Map();
    for (const node of nodes) {
        if (!levels.has(node.depth)) levels.set(node.depth, []);
        const links = [];
        for (const edge of trace.edges ?? []) {
            const otherKey = edge.from === node.key ? edge.to : edge.to === node.key ? edge.from : null;
            const other = otherKey && byKey.get(otherKey);
            if (!other || other.depth >= node.depth) continue;
            links.push({ edge, other, direction: edge.to === node.key ? 'in' : 'out' });
        }
        levels.get(node.depth).push({ node, links });
    }
    return [...levels.entries()].sort((a, b) => a[0] - b[0]).map(([depth, entries]) => ({ depth, nodes: entries }));
}

/** Words for a cut trace: null when complete, else the limit that stopped it ('depth' or 'nodes'). */
export function cutReason(trace) {
    if (!trace || trace.complete) return null;
    return trace.stopped_by === 'depth' ? 'depth' : 'nodes';
}

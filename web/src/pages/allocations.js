// Allocation runs: the list with a button to start one (admin, fund officer), and a run's page with
// its totals and proposals, where the selling producer and the buying organisation accept or
// decline their side. A queued or running run is polled until it is done or failed.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, newIdempotencyKey } from '../api.js';
import { Link, navigate } from '../router.js';
import { useCursorList } from '../catalog/lists.js';
import { DataTable, ListWindow, useWindowedList } from '../components/data-table.js';
import { formatMoney, formatWeight } from '../format.js';
import { canStartRuns, mfenToFen, PROPOSAL_STATUSES, proposalActions, runInProgress } from '../market/model.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';
import { useConfirmedAction } from '../components/confirm.js';

// How often a queued or running run is read again.
const RUN_POLL_MS = 1000;

export function AllocationsPage() {
    const { t, lang, session } = useApp();
    const { run: confirmed, dialog, feedback, busy: starting } = useConfirmedAction('allocation-start');
    const list = useCursorList((cursor) => `allocations?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, 'allocations');
    // Each confirmed click is one run: its own Idempotency-Key (a resent request is answered with the
    // same run), and the button waits for the answer (a double click does not queue a second run).
    const start = async () => {
        if (starting) return;
        let run = null;
        const started = await confirmed({ title: t('allocations.confirm.start'), confirmLabel: t('allocations.start'), done: t('allocations.done.start') },
            async () => { run = await api.post('allocations', {}, { headers: { 'Idempotency-Key': newIdempotencyKey() } }); });
        if (started) navigate(`/allocations/${encodeURIComponent(run.id)}`);
    };
    return html`
        <div class="page">
            <div class="page-head">
                <h1 data-testid="allocations-heading">${t('allocations.heading')}</h1>
                <p class="muted">${t('allocations.intro')}</p>
            </div>
            ${canStartRuns(session.user) && html`<p><button class="button primary" data-testid="allocation-start" disabled=${starting} onClick=${start}>${t('allocations.start')}</button></p>`}
            ${feedback}
            ${dialog}
            ${list.phase === 'loading' && html`<${Loading} testId="allocations-loading" />`}
            ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} testId="allocations-error" />`}
            ${list.phase === 'ready' && list.items.length === 0 && html`<p class="empty" data-testid="allocations-empty">${t('allocations.none')}</p>`}
            ${list.phase === 'ready' && list.items.length > 0 && html`
                <div class="card table-scroll">
                    <table class="table" data-testid="allocations-table">
                        <thead><tr><th>${t('allocations.asOf')}</th><th>${t('market.status')}</th><th>${t('allocations.proposals')}</th>
                            <th>${t('allocations.allocated')}</th><th>${t('allocations.unmet')}</th></tr></thead>
                        <tbody>
                            ${list.items.map((run) => html`
                                <tr key=${run.id} data-testid="allocation-row">
                                    <td><${Link} href=${`/allocations/${encodeURIComponent(run.id)}`}>${run.as_of}<//></td>
                                    <td>${t(`runStatus.${run.status}`)}</td>
                                    <td>${run.totals.proposal_count}</td>
                                    <td>${formatWeight(run.totals.allocated_g, 'kg', lang)}</td>
                                    <td>${formatWeight(run.totals.unmet_g, 'kg', lang)}</td>
                                </tr>`)}
                        </tbody>
                    </table>
                </div>
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId="allocations-more" />`}
        </div>`;
}

function RunTotals({ run }) {
    const { t, lang } = useApp();
    const totals = run.totals;
    return html`
        <dl class="card facts" data-testid="run-totals">
            <dt>${t('market.status')}</dt><dd data-testid="run-status">${t(`runStatus.${run.status}`)}</dd>
            <dt>${t('allocations.asOf')}</dt><dd>${run.as_of}</dd>
            <dt>${t('allocations.pairs')}</dt><dd>${totals.arc_count}</dd>
            <dt>${t('allocations.demanded')}</dt><dd>${formatWeight(totals.demanded_g, 'kg', lang)}</dd>
            <dt>${t('allocations.allocated')}</dt><dd data-testid="run-allocated">${formatWeight(totals.allocated_g, 'kg', lang)}</dd>
            <dt>${t('allocations.unmet')}</dt><dd>${formatWeight(totals.unmet_g, 'kg', lang)}</dd>
            <dt>${t('allocations.aidShortfall')}</dt><dd>${formatWeight(totals.aided_shortfall_g, 'kg', lang)}</dd>
            <dt>${t('allocations.deliveredCost')}</dt><dd>${formatMoney(mfenToFen(totals.delivered_cost_mfen))}</dd>
            ${run.error && html`<dt>${t('allocations.error')}</dt><dd>${run.error}</dd>`}
        </dl>`;
}

/** A proposal's names in the reader's language (the API sends both): product, seller, buyer, "seller → buyer", "origin → destination". */
export function proposalText(proposal, lang) {
    const pick = (zh, en) => (lang === 'en' ? en || zh : zh || en) || '';
    const seller = pick(proposal.seller_name, proposal.seller_name_en);
    const buyer = pick(proposal.buyer_name, proposal.buyer_name_en);
    return {
        product: pick(proposal.product_name_zh, proposal.product_name_en),
        seller,
        buyer,
        parties: `${seller} → ${buyer}`,
        lane: `${pick(proposal.origin_name_zh, proposal.origin_name_en)} → ${pick(proposal.destination_name_zh, proposal.destination_name_en)}`,
    };
}

// What the organisation commits to: the quantity at the delivered price, and its value (fen).
function proposalValue(proposal) {
    return (BigInt(proposal.quantity_g) * BigInt(proposal.delivered_price_fen_per_kg)) / 1000n;
}

/**
 * The proposals table's columns (DataTable's): everything by name in the reader's language and
 * formatted (kg, ¥); `decision(proposal)` is the last cell (accept / decline for the deciding side).
 */
export function proposalColumns({ t, lang }, decision = () => '') {
    const text = (proposal) => proposalText(proposal, lang);
    const named = (id, label, value) => ({ id, label, sortValue: value, cell: (p) => html`<span data-testid=${`proposal-${id}`}>${value(p)}</span>` });
    return [
        named('product', t('allocations.product'), (p) => `${text(p).product} · ${p.grade}`),
        named('seller', t('allocations.seller'), (p) => text(p).seller),
        named('buyer', t('allocations.buyer'), (p) => text(p).buyer),
        { id: 'quantity', label: t('market.quantity'), num: true, sortValue: (p) => BigInt(p.quantity_g), cell: (p) => formatWeight(p.quantity_g, 'kg', lang) },
        { id: 'lane', label: t('allocations.lane'), sortValue: (p) => text(p).lane,
            cell: (p) => html`<span data-testid="proposal-lane">${text(p).lane} · ${t(`mode.${p.mode}`)}</span>` },
        { id: 'price', label: t('allocations.deliveredPrice'), num: true, sortValue: (p) => BigInt(p.delivered_price_fen_per_kg),
            cell: (p) => formatMoney(p.delivered_price_fen_per_kg) },
        { id: 'value', label: t('allocations.value'), num: true, sortValue: proposalValue, cell: (p) => formatMoney(proposalValue(p)) },
        { id: 'arrival', label: t('allocations.arrival'), sortValue: (p) => p.arrival_date, cell: (p) => p.arrival_date },
        { id: 'shelf', label: t('allocations.shelfLeft'), num: true, sortValue: (p) => p.shelf_life_left_days, cell: (p) => p.shelf_life_left_days },
        { id: 'status', label: t('market.status'), sortValue: (p) => PROPOSAL_STATUSES.indexOf(p.status), cell: (p) => t(`proposalStatus.${p.status}`) },
        { id: 'actions', label: '', cell: decision },
    ];
}

function ProposalDecision({ proposal, user, onDecided }) {
    const { t, lang } = useApp();
    const { run, dialog, feedback } = useConfirmedAction('proposal');
    const decide = async (action) => {
        let answer = null;
        const done = await run({
            title: t(`allocations.confirm.${action}`),
            facts: [[t('allocations.product'), `${proposalText(proposal, lang).product} · ${proposal.grade}`],
                [t('allocations.parties'), proposalText(proposal, lang).parties],
                [t('market.quantity'), formatWeight(proposal.quantity_g, 'kg', lang)],
                [t('allocations.value'), formatMoney(proposalValue(proposal))], [t('allocations.arrival'), proposal.arrival_date]],
            confirmLabel: t(`allocations.${action}`),
            danger: action === 'decline',
            done: t(`allocations.done.${action}`),
        }, async () => { answer = await api.post(`allocations/${encodeURIComponent(proposal.run_id)}/proposals/${encodeURIComponent(proposal.id)}/${action}`); });
        if (done) onDecided(answer);
    };
    return html`
        ${proposalActions(proposal, user).map((action) => html`
            <button key=${action} class="button" data-testid=${`proposal-${action}`} onClick=${() => decide(action)}>${t(`allocations.${action}`)}</button>`)}
        ${feedback}
        ${dialog}`;
}

export function AllocationRunPage({ params, location }) {
    const { t, lang, session } = useApp();
    const [run, setRun] = useState(null);
    const [error, setError] = useState(null);
    const [decided, setDecided] = useState({});
    useEffect(() => {
        let timer = null;
        let live = true;
        const read = () => api.get(`allocations/${encodeURIComponent(params.id)}`).then(
            (answer) => {
                if (!live) return;
                setRun(answer);
                if (runInProgress(answer)) timer = setTimeout(read, RUN_POLL_MS);
            },
            (problem) => live && setError(problem),
        );
        read();
        return () => {
            live = false;
            clearTimeout(timer);
        };
    }, [params.id]);
    const done = run && !runInProgress(run);
    // The run's proposals, newest first, searched (product, seller, buyer, lane by name) and dated by
    // arrival by the API, the window in the address; read again once the run is done.
    const { state, list, setWindow } = useWindowedList({ path: `allocations/${encodeURIComponent(params.id)}/proposals`, location, generation: done ? 1 : 0 });
    if (error) return html`<div class="page"><${LoadError} error=${error} onRetry=${() => setError(null)} testId="run-error" /></div>`;
    if (!run) return html`<div class="page"><${Loading} testId="run-loading" /></div>`;
    const rows = list.items.map((proposal) => decided[proposal.id] ?? proposal);
    const decision = (proposal) => html`<${ProposalDecision} proposal=${proposal} user=${session.user}
        onDecided=${(updated) => setDecided((previous) => ({ ...previous, [updated.id]: updated }))} />`;
    const windowed = Boolean(state.q || state.from || state.to);
    return html`
        <div class="page">
            <div class="page-head">
                <h1 data-testid="run-heading">${t('allocations.runHeading')}</h1>
                <p class="muted"><${Link} href="/allocations">${t('allocations.back')}<//></p>
            </div>
            <${RunTotals} run=${run} />
            ${done && (windowed || list.items.length > 0) && html`
                <div class="card filters">
                    <${ListWindow} window=${state} onChange=${setWindow} testId="proposals" searchLabel=${t('allocations.search')} dateLabel=${t('allocations.arrivalDates')} />
                </div>`}
            ${done && list.phase === 'ready' && list.items.length === 0 && html`<p class="empty" data-testid="proposals-empty">${t(windowed ? 'allocations.noneFound' : 'allocations.noProposals')}</p>`}
            ${done && list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} testId="proposals-error" />`}
            ${done && list.items.length > 0 && html`
                <div class="card table-scroll">
                    <${DataTable} testId="proposals" columns=${proposalColumns({ t, lang }, decision)} rows=${rows} rowKey=${(proposal) => proposal.id}
                        caption=${t('allocations.proposals')} rowProps=${(proposal) => ({ 'data-testid': 'proposal-row', 'data-proposal-id': proposal.id })} />
                </div>
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId="proposals-more" />`}
        </div>`;
}

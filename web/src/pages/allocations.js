// Allocation runs: the list with a button to start one (admin, fund officer), and a run's page with
// its totals and proposals, where the selling producer and the buying organisation accept or
// decline their side. A queued or running run is polled until it is done or failed.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, newIdempotencyKey } from '../api.js';
import { Link, navigate } from '../router.js';
import { useCursorList } from '../catalog/lists.js';
import { formatMoney, formatWeight } from '../format.js';
import { canStartRuns, mfenToFen, proposalActions, runInProgress } from '../market/model.js';
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

/** A proposal's names in the reader's language (the API sends both): product, "seller → buyer", "origin → destination". */
export function proposalText(proposal, lang) {
    const pick = (zh, en) => (lang === 'en' ? en || zh : zh || en) || '';
    return {
        product: pick(proposal.product_name_zh, proposal.product_name_en),
        parties: `${pick(proposal.seller_name, proposal.seller_name_en)} → ${pick(proposal.buyer_name, proposal.buyer_name_en)}`,
        lane: `${pick(proposal.origin_name_zh, proposal.origin_name_en)} → ${pick(proposal.destination_name_zh, proposal.destination_name_en)}`,
    };
}

function ProposalRow({ proposal, user, onDecided }) {
    const { t, lang } = useApp();
    const { run, dialog, feedback } = useConfirmedAction('proposal');
    // What the organisation commits to: the quantity at the delivered price, and its value.
    const value = (BigInt(proposal.quantity_g) * BigInt(proposal.delivered_price_fen_per_kg)) / 1000n;
    const decide = async (action) => {
        let answer = null;
        const done = await run({
            title: t(`allocations.confirm.${action}`),
            facts: [[t('allocations.product'), `${proposalText(proposal, lang).product} · ${proposal.grade}`],
                [t('allocations.parties'), proposalText(proposal, lang).parties],
                [t('market.quantity'), formatWeight(proposal.quantity_g, 'kg', lang)],
                [t('allocations.value'), formatMoney(value)], [t('allocations.arrival'), proposal.arrival_date]],
            confirmLabel: t(`allocations.${action}`),
            danger: action === 'decline',
            done: t(`allocations.done.${action}`),
        }, async () => { answer = await api.post(`allocations/${encodeURIComponent(proposal.run_id)}/proposals/${encodeURIComponent(proposal.id)}/${action}`); });
        if (done) onDecided(answer);
    };
    return html`
        <tr data-testid="proposal-row">
            <td data-testid="proposal-product">${proposalText(proposal, lang).product} · ${proposal.grade}</td>
            <td data-testid="proposal-parties">${proposalText(proposal, lang).parties}</td>
            <td>${formatWeight(proposal.quantity_g, 'kg', lang)}</td>
            <td data-testid="proposal-lane">${proposalText(proposal, lang).lane} · ${t(`mode.${proposal.mode}`)}</td>
            <td>${formatMoney(proposal.delivered_price_fen_per_kg)}</td>
            <td>${proposal.arrival_date}</td>
            <td>${proposal.shelf_life_left_days}</td>
            <td>${t(`proposalStatus.${proposal.status}`)}</td>
            <td>
                ${proposalActions(proposal, user).map((action) => html`
                    <button key=${action} class="button" data-testid=${`proposal-${action}`} onClick=${() => decide(action)}>${t(`allocations.${action}`)}</button>`)}
                ${feedback}
                ${dialog}
            </td>
        </tr>`;
}

export function AllocationRunPage({ params }) {
    const { t, session } = useApp();
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
    const list = useCursorList((cursor) => `allocations/${encodeURIComponent(params.id)}/proposals?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        `${params.id}-${done ? 'done' : 'waiting'}`);
    if (error) return html`<div class="page"><${LoadError} error=${error} onRetry=${() => setError(null)} testId="run-error" /></div>`;
    if (!run) return html`<div class="page"><${Loading} testId="run-loading" /></div>`;
    return html`
        <div class="page">
            <div class="page-head">
                <h1 data-testid="run-heading">${t('allocations.runHeading')}</h1>
                <p class="muted"><${Link} href="/allocations">${t('allocations.back')}<//></p>
            </div>
            <${RunTotals} run=${run} />
            ${done && list.phase === 'ready' && list.items.length === 0 && html`<p class="empty" data-testid="proposals-empty">${t('allocations.noProposals')}</p>`}
            ${done && list.items.length > 0 && html`
                <div class="card table-scroll">
                    <table class="table" data-testid="proposals-table">
                        <thead><tr><th>${t('market.product')}</th><th>${t('allocations.parties')}</th><th>${t('market.quantity')}</th><th>${t('allocations.lane')}</th>
                            <th>${t('allocations.deliveredPrice')}</th><th>${t('allocations.arrival')}</th><th>${t('allocations.shelfLeft')}</th>
                            <th>${t('market.status')}</th><th></th></tr></thead>
                        <tbody>
                            ${list.items.map((proposal) => html`<${ProposalRow} key=${proposal.id} proposal=${decided[proposal.id] ?? proposal}
                                user=${session.user} onDecided=${(updated) => setDecided((previous) => ({ ...previous, [updated.id]: updated }))} />`)}
                        </tbody>
                    </table>
                </div>
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId="proposals-more" />`}
        </div>`;
}

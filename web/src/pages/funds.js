// The aid funds' account tree (the three-level zero-balance structure): the master account, the
// Front Command, each county branch with its projects, and the payees, each account with its
// balance, as a collapsible tree with subtotals (¥ in 万/亿) and names. What a user sees is the API's rule: fund officers and auditors everything, a county
// officer its county and its projects; other roles are refused.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { formatMoney, formatMoneyCompact } from '../format.js';
import { LoadError, Loading, Refusal } from '../components/catalog-bits.js';
import { useRecordName } from '../names.js';

const LEVELS = ['programme', 'front_command', 'county', 'project', 'payee'];

/** Nodes in tree order: programme, Front Command, then each county followed by its projects, then payees. */
export function orderNodes(nodes) {
    const byLevel = (level) => nodes.filter((node) => node.level === level);
    const out = [...byLevel('programme'), ...byLevel('front_command')];
    const counties = byLevel('county');
    const projects = byLevel('project');
    const seen = new Set();
    for (const county of counties) {
        out.push(county);
        for (const project of projects.filter((p) => p.county_code === county.county_code)) {
            out.push(project);
            seen.add(project);
        }
    }
    out.push(...projects.filter((p) => !seen.has(p)), ...byLevel('payee'));
    return out;
}

/** True when every zero-balance account shown is at zero (posted and pending). */
export function zeroBalancesHold(nodes) {
    return nodes.every((node) => node.accounts.every((a) => !a.flags.includes('zero_balance')
        || (a.debits_posted === a.credits_posted && a.debits_pending === a.credits_pending)));
}

/**
 * The tree as the page draws it: { top: [programme, Front Command], counties: [{ node, projects }],
 * loose: projects of no county shown, payees }.
 */
export function groupNodes(nodes) {
    const ordered = orderNodes(nodes);
    const counties = ordered.filter((n) => n.level === 'county').map((node) => ({
        node, projects: ordered.filter((p) => p.level === 'project' && p.county_code === node.county_code),
    }));
    const shownCounties = new Set(counties.map((c) => c.node.county_code));
    return {
        top: ordered.filter((n) => n.level === 'programme' || n.level === 'front_command'),
        counties,
        loose: ordered.filter((n) => n.level === 'project' && !shownCounties.has(n.county_code)),
        payees: ordered.filter((n) => n.level === 'payee'),
    };
}

/** Balances summed per ledger over `nodes`' accounts, zero-balance accounts left out: { cash, quota } in fen. */
export function subtotals(nodes) {
    const sums = { cash: 0n, quota: 0n };
    for (const node of nodes) {
        for (const account of node.accounts) {
            if (account.flags.includes('zero_balance') || !(account.ledger in sums)) continue;
            sums[account.ledger] += BigInt(account.balance_fen);
        }
    }
    return sums;
}

function Subtotals({ nodes }) {
    const { t, lang } = useApp();
    const sums = subtotals(nodes);
    return html`<span class="funds-subtotals" data-testid="funds-subtotals">
        ${t('funds.ledgerName.cash')} ${formatMoneyCompact(sums.cash, lang)} · ${t('funds.ledgerName.quota')} ${formatMoneyCompact(sums.quota, lang)}</span>`;
}

function Accounts({ node }) {
    const { t, lang } = useApp();
    return html`
        <table class="table compact">
            <thead><tr><th>${t('funds.account')}</th><th>${t('funds.ledger')}</th><th class="num">${t('funds.balance')}</th><th class="num">${t('funds.pending')}</th></tr></thead>
            <tbody>
                ${node.accounts.map((a) => html`
                    <tr key=${a.account_id} data-testid=${`funds-account-${a.role}`}>
                        <td>${t(`funds.role.${a.role}`)}</td>
                        <td>${t(`funds.ledgerName.${a.ledger}`)}</td>
                        <td class="num" data-testid="funds-balance" title=${formatMoney(a.balance_fen)}>${formatMoney(a.balance_fen)}</td>
                        <td class="num">${a.debits_pending || a.credits_pending ? formatMoneyCompact(a.credits_pending - a.debits_pending, lang) : '—'}</td>
                    </tr>`)}
            </tbody>
        </table>`;
}

// Subtotals where they add up to something: a county with its projects, a project. The programme's
// and the Front Command's accounts include the sources money is counted from, which do not sum.
const SUBTOTALLED = ['county', 'project'];

// One collapsible branch: its title and subtotals always shown, its accounts and children on demand.
// Children are drawn only once opened, so a closed county asks nothing about its projects.
function Branch({ node, title, nodes, open = false, children }) {
    const [shown, setShown] = useState(open);
    return html`
        <details class=${`funds-branch level-${node.level}`} open=${open} data-testid=${`funds-node-${node.level}`} data-county=${node.county_code}
                 onToggle=${(event) => { if (event.currentTarget.open) setShown(true); }}>
            <summary><span class="funds-title">${title}</span> ${SUBTOTALLED.includes(node.level) && html`<${Subtotals} nodes=${nodes} />`}</summary>
            <${Accounts} node=${node} />
            ${shown && children}
        </details>`;
}

// Project and payee names: the tree names ids; the names are read once per visit (the tree itself is
// already scoped to the user).
function ProjectBranch({ node }) {
    const { t } = useApp();
    const name = useRecordName('projects', node.project_id, (p) => `${p.code} ${p.name}`);
    return html`<${Branch} node=${node} nodes=${[node]} title=${`${t('funds.level.project')} · ${name ?? '…'}`} />`;
}

function PayeeRow({ node }) {
    const { lang } = useApp();
    const org = useRecordName('organisations', node.payee_org_id, (o) => o);
    const name = org && ((lang === 'en' && org.name_en) || org.name);
    const paid = node.accounts.reduce((sum, a) => sum + BigInt(a.balance_fen), 0n);
    return html`<li data-testid="funds-payee">${name ?? '…'} · ${formatMoneyCompact(paid, lang)}</li>`;
}

function Payees({ payees }) {
    const { t } = useApp();
    const [open, setOpen] = useState(false);
    if (payees.length === 0) return null;
    return html`
        <details class="funds-branch level-payee" data-testid="funds-payees" onToggle=${(event) => setOpen(event.currentTarget.open)}>
            <summary><span class="funds-title">${t('funds.level.payee')} (${payees.length})</span> <${Subtotals} nodes=${payees} /></summary>
            ${open && html`<ul class="plain-list">${payees.map((node) => html`<${PayeeRow} key=${node.payee_org_id} node=${node} />`)}</ul>`}
        </details>`;
}

function FundsTree({ nodes }) {
    const { t } = useApp();
    const tree = groupNodes(nodes);
    return html`
        <div class="funds-tree" data-testid="funds-tree">
            ${tree.top.map((node) => html`<${Branch} key=${node.level} node=${node} nodes=${[node]} title=${t(`funds.level.${node.level}`)} open=${true} />`)}
            ${tree.counties.map(({ node, projects }) => html`
                <${Branch} key=${node.county_code} node=${node} nodes=${[node, ...projects]}
                    title=${`${t('funds.level.county')} · ${t(`funds.county.${node.county_code}`)} · ${t('funds.projectCount', { count: projects.length })}`}>
                    <div class="funds-children">${projects.map((project) => html`<${ProjectBranch} key=${project.project_id} node=${project} />`)}</div>
                <//>`)}
            ${tree.loose.map((project) => html`<${ProjectBranch} key=${project.project_id} node=${project} />`)}
            <${Payees} payees=${tree.payees} />
        </div>`;
}

export function FundsPage() {
    const { t } = useApp();
    const [state, setState] = useState({ status: 'loading' });
    const load = () => {
        setState({ status: 'loading' });
        api.get('funds/tree')
            .then((tree) => setState({ status: 'ready', nodes: tree.nodes }))
            .catch((error) => setState({ status: 'error', error }));
    };
    useEffect(load, []);
    if (state.status === 'error' && state.error.status === 403) return html`<${Refusal} status=${403} />`;
    return html`
        <div class="page" data-testid="funds-page">
            <h1>${t('funds.heading')}</h1>
            <p class="muted">${t('funds.intro')}</p>
            ${state.status === 'loading' && html`<${Loading} />`}
            ${state.status === 'error' && html`<${LoadError} error=${state.error} onRetry=${load} />`}
            ${state.status === 'ready' && html`
                <p data-testid="funds-zero" class=${zeroBalancesHold(state.nodes) ? 'ok' : 'error'}>
                    ${zeroBalancesHold(state.nodes) ? t('funds.zeroHold') : t('funds.zeroBroken')}
                </p>
                ${state.nodes.length === 0 && html`<p class="muted" data-testid="funds-empty">${t('funds.empty')}</p>`}
                ${state.nodes.length > 0 && html`<${FundsTree} nodes=${state.nodes} />`}`}
        </div>`;
}

export { LEVELS };

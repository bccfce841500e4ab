// The aid funds' account tree (the three-level zero-balance structure): the master account, the
// Front Command, each county branch with its projects, and the payees, each account with its
// balance. What a user sees is the API's rule: fund officers and auditors everything, a county
// officer its county and its projects; other roles are refused.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { formatMoney } from '../format.js';
import { LoadError, Loading, Refusal } from '../components/catalog-bits.js';

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

function nodeTitle(t, node) {
    const level = t(`funds.level.${node.level}`);
    if (node.level === 'county') return `${level} · ${t(`funds.county.${node.county_code}`)}`;
    if (node.level === 'project') return `${level} · ${node.project_id}`;
    if (node.level === 'payee') return `${level} · ${node.payee_org_id}`;
    return level;
}

function NodeCard({ node }) {
    const { t } = useApp();
    const nested = node.level === 'project' ? 'nested' : '';
    return html`
        <section class=${`card funds-node ${nested}`} data-testid=${`funds-node-${node.level}`} data-county=${node.county_code}>
            <h2>${nodeTitle(t, node)}</h2>
            <table class="table">
                <thead><tr><th>${t('funds.account')}</th><th>${t('funds.ledger')}</th><th class="num">${t('funds.balance')}</th><th class="num">${t('funds.pending')}</th></tr></thead>
                <tbody>
                    ${node.accounts.map((a) => html`
                        <tr key=${a.account_id} data-testid=${`funds-account-${a.role}`}>
                            <td title=${a.account_id}>${t(`funds.role.${a.role}`)}</td>
                            <td>${t(`funds.ledgerName.${a.ledger}`)}</td>
                            <td class="num" data-testid="funds-balance">${formatMoney(a.balance_fen)}</td>
                            <td class="num">${a.debits_pending || a.credits_pending ? formatMoney(a.credits_pending - a.debits_pending) : '—'}</td>
                        </tr>`)}
                </tbody>
            </table>
        </section>`;
}

export function FundsPage() {
    const { t } = useApp();
    const [state, setState] = useState({ status: 'loading' });
    const load = () => {
        setState({ status: 'loading' });
        api.get('funds/tree')
            .then((tree) => setState({ status: 'ready', nodes: orderNodes(tree.nodes) }))
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
                ${state.nodes.map((node) => html`<${NodeCard} key=${`${node.level}/${node.county_code}/${node.project_id}/${node.payee_org_id}`} node=${node} />`)}`}
        </div>`;
}

export { LEVELS };

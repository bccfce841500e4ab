// The to-do home: what awaits the signed-in user, as GET /api/v1/me/todo computes it for the user's
// role and organisation (src/todo on the server). Each kind of work with its count, a link to the
// page (filtered where it can be) where it is done, and the most urgent few by name, each a link to
// its record; when nothing awaits, a line that says so and the role's main pages. Below, this year's
// aid sales by county for the roles that have aid sales to see (the full dashboard is /reports).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { Link } from '../router.js';
import { formatMoneyCompact, yearInShanghai } from '../format.js';
import { aidSalesPath, mayReadAidSales, totalsBy } from '../orders/model.js';
import { navGroupsFor } from '../nav.js';
import { Bars } from '../components/aid-charts.js';
import { LoadError, Loading } from '../components/catalog-bits.js';
import { riskTitle } from '../risk-messages.js';

// How many of the role's pages the empty state offers: its first pages, in menu order.
const EMPTY_STATE_PAGES_MAX = 4;

// This year's aid sales by county, as the server scopes them to the user. Not asked for a role that
// has none to see (mayReadAidSales: the API would answer 403), and absent when the request fails
// anyway: the rest of the page does not depend on it.
function AidSalesCard() {
    const { t, lang, session } = useApp();
    const role = session.user.role;
    const year = yearInShanghai();
    const [report, setReport] = useState(null);
    useEffect(() => {
        setReport(null);
        if (!mayReadAidSales(role)) return undefined;
        let live = true;
        api.get(aidSalesPath({ groupBy: ['county'], year })).then(
            (value) => { if (live) setReport(value); },
            () => { if (live) setReport(null); });
        return () => { live = false; };
    }, [role]);
    if (!report) return null;
    const counties = totalsBy(report, 'county', (code) => t(`county.${code}`));
    return html`
        <section class="card home-aid" aria-labelledby="aid-sales-title" data-testid="home-aid-sales">
            <h2 id="aid-sales-title">${t('home.aidSales', { year })}</h2>
            <p data-testid="home-aid-total">${t('reports.total')}: ${formatMoneyCompact(BigInt(report.totals.amount_fen), lang)}</p>
            ${counties.length === 0
                ? html`<p class="muted" data-testid="home-aid-empty">${t('home.aidSalesEmpty')}</p>`
                : html`<${Bars} entries=${counties} testId="home-chart-county" label=${t('home.aidSales', { year })} file=${`aid-sales-by-county-${year}`} />`}
            <p class="small"><${Link} href="/reports" data-testid="home-aid-more">${t('home.aidSalesMore')}<//></p>
        </section>`;
}

// What a tag or code on an item means, by name: what a flag found and its severity, a project's status.
function itemNote(t, lang, kind, item) {
    if (kind === 'risk_flags_open') {
        return `${riskTitle(item.code, lang) ?? item.code} · ${t('flags.severityLevel', { level: t(`severity.${item.tag}`) })}`;
    }
    if (kind === 'projects_to_move') return t(`todo.projectNext.${item.tag}`);
    return '';
}

function WorkItem({ kind, item }) {
    const { t, lang } = useApp();
    const english = lang === 'en';
    const label = (english ? item.label_en : item.label) || item.label;
    const party = (english ? item.party_en : item.party) || item.party;
    const note = itemNote(t, lang, kind, item);
    const facts = [
        party,
        note,
        item.amount_fen === null ? '' : formatMoneyCompact(BigInt(item.amount_fen), lang),
        item.due_on ? t(`todo.date.${kind}`, { date: item.due_on }) : '',
    ].filter(Boolean);
    return html`
        <li data-testid="todo-item" data-todo-id=${item.id}>
            <${Link} href=${item.route} data-testid="todo-item-link">${label}<//>
            ${facts.length > 0 && html`<span class="muted small"> · ${facts.join(' · ')}</span>`}
        </li>`;
}

function WorkQueue({ queue }) {
    const { t, lang } = useApp();
    const titleId = `todo-title-${queue.kind}`;
    return html`
        <section class="card todo-card" aria-labelledby=${titleId} data-testid=${`todo-${queue.kind}`}>
            <h2 id=${titleId}>
                <span>${t(`todo.kind.${queue.kind}`)}</span>
                <span class="todo-count" data-testid=${`todo-count-${queue.kind}`}>${formatCountText(queue.count, lang)}</span>
            </h2>
            <ul class="todo-items">
                ${queue.items.map((item) => html`<${WorkItem} key=${item.id} kind=${queue.kind} item=${item} />`)}
            </ul>
            <p class="small"><${Link} href=${queue.route} data-testid=${`todo-link-${queue.kind}`}>${t('todo.goTo', { count: queue.count })}<//></p>
        </section>`;
}

// A count as people read it: plain digits (the cards count records, never tens of thousands).
function formatCountText(count, lang) {
    return new Intl.NumberFormat(lang === 'en' ? 'en' : 'zh-CN').format(count);
}

function NothingToDo() {
    const { t, session } = useApp();
    const pages = navGroupsFor(session.user.role).flatMap((group) => group.items)
        .filter((item) => item.id !== 'home').slice(0, EMPTY_STATE_PAGES_MAX);
    return html`
        <section class="card" data-testid="todo-empty" aria-labelledby="todo-empty-title">
            <h2 id="todo-empty-title">${t('todo.empty')}</h2>
            <p class="muted">${t('todo.emptyHint')}</p>
            <ul class="todo-pages">
                ${pages.map((item) => html`<li key=${item.id}><${Link} href=${item.path} data-testid=${`todo-page-${item.id}`}>${t(item.labelKey)}<//></li>`)}
            </ul>
        </section>`;
}

function useTodo() {
    const [state, setState] = useState({ phase: 'loading', todo: null, error: null });
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
        let live = true;
        setState({ phase: 'loading', todo: null, error: null });
        api.get('me/todo').then(
            (todo) => { if (live) setState({ phase: 'ready', todo, error: null }); },
            (error) => { if (live) setState({ phase: 'error', todo: null, error }); });
        return () => { live = false; };
    }, [attempt]);
    return { ...state, retry: () => setAttempt((n) => n + 1) };
}

export function HomePage() {
    const { t, session } = useApp();
    const todo = useTodo();
    const waiting = todo.phase === 'ready' ? todo.todo.queues.filter((queue) => queue.count > 0) : [];
    return html`
        <div class="page">
            <div class="page-head">
                <h1 data-testid="home-heading">${t('home.welcome', { name: session.user.displayName })}</h1>
                <p class="muted">${t('home.intro')}</p>
            </div>
            <section class="todo-section" aria-label=${t('todo.title')} data-testid="todo">
                ${todo.phase === 'loading' && html`<${Loading} testId="todo-loading" />`}
                ${todo.phase === 'error' && html`<${LoadError} error=${todo.error} onRetry=${todo.retry} testId="todo-error" />`}
                ${todo.phase === 'ready' && waiting.length === 0 && html`<${NothingToDo} />`}
                ${waiting.length > 0 && html`
                    <div class="grid todo-grid" data-testid="todo-list">
                        ${waiting.map((queue) => html`<${WorkQueue} key=${queue.kind} queue=${queue} />`)}
                    </div>`}
            </section>
            <${AidSalesCard} />
        </div>`;
}

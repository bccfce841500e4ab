// The ledger's transfers for the auditor and the fund officer (GET /ledger/transfers): newest first,
// a page at a time, found by an account's name (its county, project or payee), filtered by Beijing
// dates, kind and one account (picked by clicking its name in the table), the search, dates and kind
// in the page's address; each transfer's two accounts named by their node — the programme, the Front
// Command, a county, a project or a payee — and role, never by their 128-bit ids. The headers sort
// the rows loaded.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { formatDateTime, formatMoney, formatMoneyCompact, addDays } from '../format.js';
import { useCursorList } from '../catalog/lists.js';
import { navigate } from '../router.js';
import { DataTable, ListWindow } from '../components/data-table.js';
import { listAddress, listStateFromQuery } from '../components/table-model.js';
import { LoadError, Loading, LoadMore, Refusal } from '../components/catalog-bits.js';

const LEDGER_PAGE_SIZE = 50;
// Transfer codes the funds structure uses (src/funds/funds_accounts.h); others show their number.
export const TRANSFER_CODES = [1, 3, 11, 12, 13, 14, 20, 21];
// Beijing is UTC+8 all year: a Beijing day starts at 16:00 UTC the day before.
const SHANGHAI_OFFSET_HOURS = 8;

/** The UTC instant (ISO text) at which Beijing day `date` ("YYYY-MM-DD") starts. */
export function shanghaiDayStartUtc(date) {
    const [y, m, d] = date.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d, -SHANGHAI_OFFSET_HOURS)).toISOString().replace('.000Z', 'Z');
}

/** The API path of a page of transfers with the filters set. */
export function transfersPath({ q, from, to, account, code }, cursor) {
    const query = new URLSearchParams({ limit: String(LEDGER_PAGE_SIZE) });
    if (q) query.set('q', q);
    if (from) query.set('from', shanghaiDayStartUtc(from));
    if (to) query.set('to', shanghaiDayStartUtc(addDays(to, 1)));  // `to` is inclusive on screen, exclusive in the API
    if (account) query.set('account', account.id);
    if (code) query.set('code', code);
    if (cursor) query.set('cursor', cursor);
    return `ledger/transfers?${query}`;
}

/** An account as people name it: its node (county, project or payee by name) and its role. */
export function accountLabel(account, t, lang) {
    if (!account?.level) return account?.name ?? '…';
    const role = account.role ? t(`funds.role.${account.role}`) : '';
    let node = t(`funds.level.${account.level}`);
    if (account.level === 'county') node = `${t(`county.${account.county_code}`)} ${t('funds.level.county')}`;
    if (account.level === 'project') node = account.project_name ?? t('ledger.unnamedProject');
    if (account.level === 'payee') node = (lang === 'en' && account.payee_name_en) || account.payee_name || t('ledger.unnamedPayee');
    return role ? `${node} · ${role}` : node;
}

function codeName(code, t) {
    return TRANSFER_CODES.includes(code) ? t(`ledger.code.${code}`) : String(code);
}

function AccountCell({ account, onPick }) {
    const { t, lang } = useApp();
    return html`<button type="button" class="link-button" data-testid="ledger-account" title=${t('ledger.filterByAccount')}
        onClick=${() => onPick(account)}>${accountLabel(account, t, lang)}</button>`;
}

// The filter the address keeps besides the window (q, from, to); the account stays on the page.
const LEDGER_FILTERS = ['code'];

function Filters({ filters, setFilters }) {
    const { t, lang } = useApp();
    return html`
        <div class="filters" data-testid="ledger-filters">
            <${ListWindow} window=${filters} testId="ledger" searchLabel=${t('ledger.search')} dateLabel=${t('ledger.dates')}
                onChange=${(window) => setFilters({ ...filters, q: window.q, from: window.from, to: window.to })} />
            <div class="filter-row">
                <label class="filter"><span>${t('ledger.kind')}</span>
                    <select value=${filters.code ?? ''} data-testid="ledger-code" onChange=${(event) => setFilters({ ...filters, code: event.currentTarget.value })}>
                        <option value="">${t('projects.all')}</option>
                        ${TRANSFER_CODES.map((code) => html`<option key=${code} value=${String(code)}>${t(`ledger.code.${code}`)}</option>`)}
                    </select></label>
                ${filters.account && html`
                    <p class="chip" data-testid="ledger-account-filter">${t('ledger.account')}: ${accountLabel(filters.account, t, lang)}
                        <button type="button" class="button small" data-testid="ledger-account-clear" onClick=${() => setFilters({ ...filters, account: null })}>${t('ledger.clearAccount')}</button></p>`}
            </div>
        </div>`;
}

/** The transfers table's columns (DataTable's): every account by name, amounts by the formatter. */
export function transferColumns({ t, lang }, onPick) {
    const account = (side) => ({
        id: side, label: t(`ledger.${side}`), sortValue: (transfer) => accountLabel(transfer[`${side}_account`], t, lang),
        cell: (transfer) => html`<${AccountCell} account=${transfer[`${side}_account`]} onPick=${onPick} />`,
    });
    return [
        { id: 'at', label: t('audit.at'), sortValue: (transfer) => `${transfer.created_at} ${String(transfer.seq).padStart(12, '0')}`,
            cell: (transfer) => formatDateTime(transfer.created_at) },
        { id: 'kind', label: t('ledger.kind'), sortValue: (transfer) => codeName(transfer.code, t), cell: (transfer) => html`
            ${codeName(transfer.code, t)}${transfer.flags.filter((flag) => flag === 'linked' || flag === 'pending')
                .map((flag) => html` <span class="badge badge-neutral">${t(`ledger.flag.${flag}`)}</span>`)}` },
        account('debit'),
        account('credit'),
        { id: 'amount', label: t('ledger.amount'), num: true, sortValue: (transfer) => BigInt(transfer.amount),
            cell: (transfer) => html`<span title=${formatMoney(transfer.amount)} data-testid="ledger-amount">${formatMoneyCompact(transfer.amount, lang)}</span>` },
        { id: 'ledger', label: t('funds.ledger'), sortValue: (transfer) => t(`funds.ledgerName.${transfer.ledger}`), cell: (transfer) => t(`funds.ledgerName.${transfer.ledger}`) },
    ];
}

export function LedgerPage({ location }) {
    const { t, lang } = useApp();
    const [account, setAccount] = useState(null);
    const filters = { ...listStateFromQuery(location.query, LEDGER_FILTERS), account };
    const setFilters = (next) => {
        setAccount(next.account ?? null);
        navigate(listAddress(location.pathname, { ...next, code: next.code || undefined }, LEDGER_FILTERS));
    };
    const key = JSON.stringify({ ...filters, account: account?.id ?? null });
    const list = useCursorList((cursor) => transfersPath(filters, cursor), key);
    if (list.phase === 'error' && list.error?.status === 403) return html`<${Refusal} status=${403} />`;
    const pick = (picked) => setFilters({ ...filters, account: picked });
    return html`
        <div class="page" data-testid="ledger-page">
            <h1>${t('ledger.heading')}</h1>
            <p class="muted">${t('ledger.intro')}</p>
            <section class="card">
                <${Filters} filters=${filters} setFilters=${setFilters} />
                ${list.phase === 'loading' && html`<${Loading} />`}
                ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} />`}
                ${list.phase === 'ready' && list.items.length === 0 && html`<p class="empty" data-testid="ledger-empty">${t('ledger.empty')}</p>`}
                ${list.phase === 'ready' && list.items.length > 0 && html`
                    <div class="table-scroll">
                        <${DataTable} testId="ledger" columns=${transferColumns({ t, lang }, pick)} rows=${list.items} rowKey=${(transfer) => transfer.id}
                            caption=${t('ledger.heading')} rowProps=${(transfer) => ({ 'data-testid': 'ledger-transfer', 'data-seq': transfer.seq })} />
                    </div>
                    <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId="ledger-more" />`}
            </section>
        </div>`;
}

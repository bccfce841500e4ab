// The ledger's transfers for the auditor and the fund officer (GET /ledger/transfers): newest first,
// a page at a time, filtered by Beijing dates and by one account (picked by clicking its name in the
// table), each transfer's two accounts named by their node — the programme, the Front Command, a
// county, a project or a payee — and role, never by their 128-bit ids.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { formatDateTime, formatMoney, formatMoneyCompact, addDays } from '../format.js';
import { useCursorList } from '../catalog/lists.js';
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
export function transfersPath({ from, to, account, code }, cursor) {
    const query = new URLSearchParams({ limit: String(LEDGER_PAGE_SIZE) });
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

function Filters({ filters, setFilters }) {
    const { t, lang } = useApp();
    const set = (name) => (event) => setFilters({ ...filters, [name]: event.currentTarget.value });
    return html`
        <div class="filter-row filters" data-testid="ledger-filters">
            <label class="filter"><span>${t('ledger.from')}</span>
                <input type="date" value=${filters.from} data-testid="ledger-from" onInput=${set('from')} /></label>
            <label class="filter"><span>${t('ledger.to')}</span>
                <input type="date" value=${filters.to} data-testid="ledger-to" onInput=${set('to')} /></label>
            <label class="filter"><span>${t('ledger.kind')}</span>
                <select value=${filters.code} data-testid="ledger-code" onChange=${set('code')}>
                    <option value="">${t('projects.all')}</option>
                    ${TRANSFER_CODES.map((code) => html`<option key=${code} value=${String(code)}>${t(`ledger.code.${code}`)}</option>`)}
                </select></label>
            ${filters.account && html`
                <p class="chip" data-testid="ledger-account-filter">${t('ledger.account')}: ${accountLabel(filters.account, t, lang)}
                    <button type="button" class="button small" data-testid="ledger-account-clear" onClick=${() => setFilters({ ...filters, account: null })}>${t('ledger.clearAccount')}</button></p>`}
        </div>`;
}

function TransferRow({ transfer, onPick }) {
    const { t, lang } = useApp();
    const flags = transfer.flags.filter((flag) => flag === 'linked' || flag === 'pending');
    return html`
        <tr data-testid="ledger-transfer" data-seq=${transfer.seq}>
            <td>${formatDateTime(transfer.created_at)}</td>
            <td>${codeName(transfer.code, t)}${flags.map((flag) => html` <span class="badge badge-neutral">${t(`ledger.flag.${flag}`)}</span>`)}</td>
            <td><${AccountCell} account=${transfer.debit_account} onPick=${onPick} /></td>
            <td><${AccountCell} account=${transfer.credit_account} onPick=${onPick} /></td>
            <td class="number" title=${formatMoney(transfer.amount)} data-testid="ledger-amount">${formatMoneyCompact(transfer.amount, lang)}</td>
            <td>${t(`funds.ledgerName.${transfer.ledger}`)}</td>
        </tr>`;
}

export function LedgerPage() {
    const { t } = useApp();
    const [filters, setFilters] = useState({ from: '', to: '', account: null, code: '' });
    const key = JSON.stringify({ ...filters, account: filters.account?.id ?? null });
    const list = useCursorList((cursor) => transfersPath(filters, cursor), key);
    if (list.phase === 'error' && list.error?.status === 403) return html`<${Refusal} status=${403} />`;
    const pick = (account) => setFilters({ ...filters, account });
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
                        <table class="table" data-testid="ledger-table">
                            <thead><tr><th>${t('audit.at')}</th><th>${t('ledger.kind')}</th><th>${t('ledger.debit')}</th><th>${t('ledger.credit')}</th>
                                <th class="number">${t('ledger.amount')}</th><th>${t('funds.ledger')}</th></tr></thead>
                            <tbody>${list.items.map((transfer) => html`<${TransferRow} key=${transfer.id} transfer=${transfer} onPick=${pick} />`)}</tbody>
                        </table>
                    </div>
                    <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId="ledger-more" />`}
            </section>
        </div>`;
}

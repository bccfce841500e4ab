// The audit trail for an auditor to browse: newest first, found by text (the action, record type or
// id, or who acted) and by Beijing dates, filtered by record type, the window in the page's address;
// each event with its time in Beijing, who acted (by name), the action and the record by name and —
// opened on demand — the canonical JSON body and hashes that chain it to the one before.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { formatDateTime } from '../format.js';
import { hasKey } from '../i18n/index.js';
import { LoadError, Loading, LoadMore } from './catalog-bits.js';
import { useRecordName } from '../names.js';
import { DataTable, ListWindow, useWindowedList } from './data-table.js';

const AUDIT_PAGE_SIZE = 50;
// Record types the filter offers (the trail holds others too; "all" shows every one).
export const RECORD_TYPES = ['ledger.transfer', 'ledger.account', 'payment_request', 'contract', 'project', 'risk_flag', 'order', 'product',
    'certification', 'organisation', 'user', 'audit.seal'];
// The list's filter besides its window, kept in the address and sent to the API.
const AUDIT_FILTERS = ['record_type'];

/**
 * A record type ('ledger.transfer') and an action ('ledger.transfer.create': the record type and a
 * verb) by name in the reader's language (auditRecord.<type>, auditVerb.<verb>); a type or verb with
 * no name yet is shown as it is written.
 */
export function auditRecordName(type, lang, t) {
    const key = `auditRecord.${type}`;
    return hasKey(lang, key) ? t(key) : type;
}
export function auditActionName(action, recordType, lang, t) {
    const verb = action.startsWith(`${recordType}.`) ? action.slice(recordType.length + 1) : action.split('.').at(-1);
    const key = `auditVerb.${verb}`;
    return `${auditRecordName(recordType, lang, t)} · ${hasKey(lang, key) ? t(key) : verb}`;
}

// The roles the users API answers (GET /users/{id}); others see "a user" rather than an id.
const USER_READERS = ['admin', 'auditor'];

// Who acted, by name; "the command line" for the trusted CLI.
function ActorName({ id }) {
    const { t, session } = useApp();
    const human = Boolean(id) && id !== 'cli';
    const mayRead = USER_READERS.includes(session.user?.role);
    const name = useRecordName('users', id, (user) => user.display_name || user.username, { enabled: human && mayRead });
    if (!human) return t('audit.system');
    return name ?? t('audit.someone');
}

function pretty(body) {
    try {
        return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
        return body;
    }
}

/** The events table's columns (DataTable's): row, time (Beijing), who, the action and the record. */
export function auditColumns({ t, lang }) {
    const action = (event) => auditActionName(event.action, event.record_type, lang, t);
    return [
        { id: 'seq', label: t('audit.row'), num: true, sortValue: (event) => event.seq, cell: (event) => event.seq },
        { id: 'at', label: t('audit.at'), sortValue: (event) => `${event.at} ${String(event.seq).padStart(12, '0')}`,
            cell: (event) => formatDateTime(event.at, { seconds: true }) },
        { id: 'actor', label: t('audit.actor'), cell: (event) => html`<${ActorName} id=${event.actor} />` },
        { id: 'action', label: t('audit.action'), sortValue: action, cell: (event) => html`<span data-testid="audit-action">${action(event)}</span>` },
        { id: 'record', label: t('audit.record'), sortValue: (event) => auditRecordName(event.record_type, lang, t), cell: (event) => html`
            <details><summary>${auditRecordName(event.record_type, lang, t)}</summary>
                <pre class="audit-body">${pretty(event.body)}</pre>
                <p class="small muted">${t('audit.hash')}: <code>${event.hash}</code><br />${t('audit.prevHash')}: <code>${event.prev_hash}</code></p>
            </details>` },
    ];
}

export function AuditEvents({ location }) {
    const { t, lang } = useApp();
    const { state, list, setWindow, setFilter } = useWindowedList({ path: 'audit/events', location, filterNames: AUDIT_FILTERS, limit: AUDIT_PAGE_SIZE });
    return html`
        <section class="card" data-testid="audit-events">
            <h2>${t('audit.events')}</h2>
            <div class="filters">
                <${ListWindow} window=${state} onChange=${setWindow} testId="audit-events" searchLabel=${t('audit.search')} dateLabel=${t('audit.dates')} />
                <label class="filter"><span>${t('audit.recordType')}</span>
                    <select value=${state.record_type ?? ''} data-testid="audit-record-type" onChange=${(event) => setFilter('record_type', event.currentTarget.value)}>
                        <option value="">${t('projects.all')}</option>
                        ${RECORD_TYPES.map((type) => html`<option key=${type} value=${type}>${auditRecordName(type, lang, t)}</option>`)}
                    </select>
                </label>
            </div>
            ${list.phase === 'loading' && html`<${Loading} />`}
            ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} />`}
            ${list.phase === 'ready' && list.items.length === 0 && html`<p class="empty" data-testid="audit-events-empty">${t('audit.noEvents')}</p>`}
            ${list.phase === 'ready' && list.items.length > 0 && html`
                <div class="table-scroll">
                    <${DataTable} testId="audit-events" columns=${auditColumns({ t, lang })} rows=${list.items} rowKey=${(event) => event.seq}
                        caption=${t('audit.events')} rowProps=${(event) => ({ 'data-testid': 'audit-event', 'data-seq': event.seq })} />
                </div>
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId="audit-events-more" />`}
        </section>`;
}

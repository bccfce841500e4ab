// The audit trail for an auditor to browse: newest first, filtered by record type (and id), each
// event with its time in Beijing, who acted (by name), the action, the record and — opened on
// demand — the canonical JSON body and hashes that chain it to the one before.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { formatDateTime } from '../format.js';
import { useCursorList } from '../catalog/lists.js';
import { LoadError, Loading, LoadMore } from './catalog-bits.js';
import { useRecordName } from '../names.js';

const AUDIT_PAGE_SIZE = 50;
// Record types the filter offers (the trail holds others too; "all" shows every one).
const RECORD_TYPES = ['ledger.transfer', 'ledger.account', 'payment_request', 'contract', 'project', 'risk_flag', 'order', 'product',
    'certification', 'organisation', 'user', 'audit.seal'];

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

export function AuditEvents() {
    const { t } = useApp();
    const [recordType, setRecordType] = useState('');
    const list = useCursorList((cursor) => `audit/events?limit=${AUDIT_PAGE_SIZE}${recordType ? `&record_type=${encodeURIComponent(recordType)}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        recordType);
    return html`
        <section class="card" data-testid="audit-events">
            <h2>${t('audit.events')}</h2>
            <label class="filter"><span>${t('audit.recordType')}</span>
                <select value=${recordType} data-testid="audit-record-type" onChange=${(event) => setRecordType(event.currentTarget.value)}>
                    <option value="">${t('projects.all')}</option>
                    ${RECORD_TYPES.map((type) => html`<option key=${type} value=${type}>${type}</option>`)}
                </select>
            </label>
            ${list.phase === 'loading' && html`<${Loading} />`}
            ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} />`}
            ${list.phase === 'ready' && list.items.length === 0 && html`<p class="empty" data-testid="audit-events-empty">${t('audit.noEvents')}</p>`}
            ${list.phase === 'ready' && list.items.length > 0 && html`
                <div class="table-scroll">
                    <table class="table" data-testid="audit-events-table">
                        <thead><tr><th>${t('audit.row')}</th><th>${t('audit.at')}</th><th>${t('audit.actor')}</th><th>${t('audit.action')}</th><th>${t('audit.record')}</th></tr></thead>
                        <tbody>${list.items.map((event) => html`
                            <tr key=${event.seq} data-testid="audit-event" data-seq=${event.seq}>
                                <td>${event.seq}</td>
                                <td>${formatDateTime(event.at, { seconds: true })}</td>
                                <td><${ActorName} id=${event.actor} /></td>
                                <td><code>${event.action}</code></td>
                                <td><details><summary>${event.record_type}</summary>
                                    <pre class="audit-body">${pretty(event.body)}</pre>
                                    <p class="small muted">${t('audit.hash')}: <code>${event.hash}</code><br />${t('audit.prevHash')}: <code>${event.prev_hash}</code></p>
                                </details></td>
                            </tr>`)}
                        </tbody>
                    </table>
                </div>
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId="audit-events-more" />`}
        </section>`;
}

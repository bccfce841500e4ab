// The platform's backups, for the administrator (who keeps the platform) and the auditor (who checks
// that it is kept): when each was taken (Beijing time), by the daily schedule or by hand, how large, up
// to which audit row it holds, and whether the daily backup is scheduled. Taking and restoring a
// backup are operator commands (`kashlink backup`, `kashlink restore`), shown here as they are typed.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { formatBytes, formatDateTime, formatInteger } from '../format.js';
import { DataTable } from '../components/data-table.js';
import { LoadError, Loading } from '../components/catalog-bits.js';
import { Alert } from '../components/alert.js';

const BACKUPS_SHOWN = 50;
// The console's own rule of thumb for "recent": the server asks the administrator for a backup after
// 26 hours without one (src/backup/backup_runs.h backup_overdue_after_ms).
const OVERDUE_AFTER_MS = 26 * 3600 * 1000;

/** 'none' | 'overdue' | 'recent' for the newest backup (or none) at `now`. */
export function backupState(newest, now = Date.now()) {
    if (!newest) return 'none';
    return now - Date.parse(newest.taken_at) > OVERDUE_AFTER_MS ? 'overdue' : 'recent';
}

function columns(t, lang) {
    return [
        { id: 'taken', label: t('backups.takenAt'), sortValue: (b) => b.taken_at, cell: (b) => formatDateTime(b.taken_at) },
        { id: 'by', label: t('backups.takenBy'), sortValue: (b) => b.taken_by, cell: (b) => t(`backups.by.${b.taken_by}`) },
        { id: 'size', label: t('backups.size'), sortValue: (b) => b.bytes, cell: (b) => formatBytes(b.bytes, lang) },
        { id: 'elapsed', label: t('backups.elapsed'), sortValue: (b) => b.elapsed_ms, cell: (b) => t('backups.seconds', { value: (b.elapsed_ms / 1000).toFixed(1) }) },
        { id: 'audit', label: t('backups.auditRow'), sortValue: (b) => b.audit_head_seq, cell: (b) => formatInteger(b.audit_head_seq) },
        { id: 'file', label: t('backups.file'), cell: (b) => html`<code>${b.file}</code>` },
        { id: 'sha', label: t('backups.checksum'), cell: (b) => html`<code title=${b.sha256}>${b.sha256.slice(0, 12)}…</code>` },
    ];
}

export function BackupsPage() {
    const { t, lang } = useApp();
    const [state, setState] = useState({ phase: 'loading' });
    const [round, setRound] = useState(0);
    useEffect(() => {
        let live = true;
        setState({ phase: 'loading' });
        api.get(`system/backups?limit=${BACKUPS_SHOWN}`).then(
            (answer) => live && setState({ phase: 'ready', answer }),
            (error) => live && setState({ phase: 'error', error }));
        return () => { live = false; };
    }, [round]);
    if (state.phase === 'loading') return html`<div class="page"><${Loading} /></div>`;
    if (state.phase === 'error') return html`<div class="page"><${LoadError} error=${state.error} onRetry=${() => setRound(round + 1)} /></div>`;
    const { items, schedule } = state.answer;
    const newest = items[0];
    const status = backupState(newest);
    return html`
        <div class="page" data-testid="backups-page">
            <h1>${t('backups.heading')}</h1>
            <${Alert} kind=${status === 'recent' ? 'success' : 'warning'} testId="backups-status">
                ${status === 'none' ? t('backups.none') : t(status === 'recent' ? 'backups.recent' : 'backups.overdue', { when: formatDateTime(newest.taken_at) })}
            <//>
            <section class="card">
                <h2>${t('backups.scheduleHeading')}</h2>
                <p data-testid="backups-schedule">${schedule.enabled
                    ? t('backups.scheduleOn', { time: schedule.local_time, keep: schedule.keep })
                    : t('backups.scheduleOff')}</p>
                <p class="muted">${t('backups.byHand')}</p>
                <pre class="command"><code>kashlink backup --db ${'<'}URL${'>'} --out ${'<'}FILE${'>'}</code></pre>
                <p class="muted">${t('backups.restoreHint')}</p>
                <pre class="command"><code>kashlink restore ${'<'}FILE${'>'} --db ${'<'}URL${'>'}</code></pre>
            </section>
            <section class="card table-scroll">
                <h2>${t('backups.listHeading')}</h2>
                ${items.length === 0
                    ? html`<p class="muted" data-testid="backups-empty">${t('backups.empty')}</p>`
                    : html`<${DataTable} testId="backups" columns=${columns(t, lang)} initialSort=${{ column: 'taken', dir: 'desc' }}
                        rows=${items} rowKey=${(b) => `${b.taken_at} ${b.sha256}`} rowProps=${() => ({ 'data-testid': 'backup-row' })} />`}
            </section>
        </div>`;
}

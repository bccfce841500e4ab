// The organiser's tabs of an event page: sessions (a day's block and the slots generated from it, in
// Beijing time), tables, participants (register, CSV import, check in, withdraw), the schedule runs
// (start one, follow it, read its result in words, publish it) and the meetings grid (slot × table).
// Programme readers see the same tabs without the buttons.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, newIdempotencyKey } from '../api.js';
import { TextField } from '../components/field.js';
import { SelectField } from '../components/market-form.js';
import { Alert } from '../components/alert.js';
import { DataTable } from '../components/data-table.js';
import { LoadError, Loading } from '../components/catalog-bits.js';
import { useConfirmedAction } from '../components/confirm.js';
import { ImportCsv } from '../components/import-csv.js';
import { localizeServerMessage } from '../server-messages.js';
import { describeError, localize } from '../errors.js';
import { formatDateTime } from '../format.js';
import { meetingsGrid, noteText, notesByKind, optimalityText, organiserMay, PARTICIPANT_CSV_HEADER, SCHEDULE_POLL_MS, slotLabel } from './model.js';
import { participantName, useAllPages } from './shared.js';
import { mayRecordAtEvent } from './at-event-model.js';
import { MeetingAtEvent, SaleForm } from './at-event.js';
import { CheckInDesk } from './downloads.js';
import { RegisterForm } from './register-form.js';

// A form's submit: { busy, failure, errors, send(action) } — the server's field problems at their inputs.
function useSubmit() {
    const { t, lang } = useApp();
    const [state, setState] = useState({ busy: false, failure: '', errors: {}, done: '' });
    const send = async (action, done) => {
        setState({ busy: true, failure: '', errors: {}, done: '' });
        try {
            const answer = await action();
            setState({ busy: false, failure: '', errors: {}, done });
            return answer;
        } catch (error) {
            const errors = {};
            for (const [field, message] of Object.entries(error.fieldErrors ?? {})) errors[field] = localizeServerMessage(message, lang);
            setState({ busy: false, failure: `${localize(t, describeError(error))} ${t('confirm.failedHint')}`, errors, done: '' });
            return null;
        }
    };
    return { ...state, send };
}

function Outcome({ submit, testId }) {
    if (submit.failure) return html`<${Alert} kind="error" testId=${`${testId}-error`}>${submit.failure}<//>`;
    if (submit.done) return html`<${Alert} kind="success" testId=${`${testId}-done`}>${submit.done}<//>`;
    return null;
}

export function SessionsTab({ event, slots, organises, onChanged }) {
    const { t } = useApp();
    const [form, setForm] = useState({ held_on: event.starts_on, starts_at: '09:00', ends_at: '12:00' });
    const submit = useSubmit();
    const set = (name) => (value) => setForm({ ...form, [name]: value });
    const add = async (submitted) => {
        submitted.preventDefault();
        const made = await submit.send(() => api.post(`fairs/${encodeURIComponent(event.id)}/sessions`, form), t('fairs.sessionAdded'));
        if (made) onChanged();
    };
    const bySession = new Map();
    for (const slot of slots) bySession.set(slot.session_id, [...(bySession.get(slot.session_id) ?? []), slot]);
    return html`
        ${organises && organiserMay('session', event.state) && html`
            <form class="card form" data-testid="fair-session-form" onSubmit=${add} noValidate>
                <h2>${t('fairs.addSession')}</h2>
                <div class="form-grid">
                    <${TextField} id="fair-session-held_on" type="date" label=${t('fairs.field.held_on')} value=${form.held_on} onInput=${set('held_on')} error=${submit.errors.held_on} />
                    <${TextField} id="fair-session-starts_at" type="time" label=${t('fairs.field.starts_at')} value=${form.starts_at} onInput=${set('starts_at')} error=${submit.errors.starts_at ?? submit.errors.starts_min} />
                    <${TextField} id="fair-session-ends_at" type="time" label=${t('fairs.field.ends_at')} value=${form.ends_at} onInput=${set('ends_at')} error=${submit.errors.ends_at ?? submit.errors.ends_min} />
                </div>
                <p class="muted small">${t('fairs.slotRule', { slot: event.slot_minutes, break: event.break_minutes })}</p>
                <button type="submit" class="button primary" disabled=${submit.busy} data-testid="fair-session-submit">${t('fairs.addSession')}</button>
                <${Outcome} submit=${submit} testId="fair-session" />
            </form>`}
        <section class="card" data-testid="fair-slots">
            <h2>${t('fairs.slots', { count: slots.length })}</h2>
            <p class="muted small">${t('fairs.beijingTime')}</p>
            ${slots.length === 0 ? html`<p class="empty">${t('fairs.noSlots')}</p>` : html`
                <ul class="plain-list">
                    ${[...bySession.entries()].map(([id, list]) => html`
                        <li key=${id} data-testid="fair-session">
                            <strong>${list[0].held_on}</strong> · ${list.map((slot) => `${slot.starts_at}–${slot.ends_at}`).join('，')}
                        </li>`)}
                </ul>`}
        </section>`;
}

export function TablesTab({ event, tables, participants, organises, onChanged }) {
    const { t, lang } = useApp();
    const exhibitors = participants.filter((p) => p.side === 'exhibitor' && !p.withdrawn);
    const nextNumber = tables.reduce((max, table) => Math.max(max, table.number), 0) + 1;
    const [form, setForm] = useState({ number: '', owner: '' });
    const submit = useSubmit();
    const add = async (submitted) => {
        submitted.preventDefault();
        const number = Number(form.number || nextNumber);
        const body = { number };
        if (form.owner) body.owner_participant_id = form.owner;
        const made = await submit.send(() => api.post(`fairs/${encodeURIComponent(event.id)}/tables`, body), t('fairs.tableAdded', { number }));
        if (made) { setForm({ number: '', owner: '' }); onChanged(); }
    };
    const names = new Map(participants.map((p) => [p.id, participantName(p, lang)]));
    const sorted = [...tables].sort((a, b) => a.number - b.number);
    return html`
        ${organises && organiserMay('table', event.state) && html`
            <form class="card form" data-testid="fair-table-form" onSubmit=${add} noValidate>
                <h2>${t('fairs.addTable')}</h2>
                <div class="form-grid">
                    <${TextField} id="fair-table-number" label=${t('fairs.field.number')} value=${form.number || String(nextNumber)}
                        onInput=${(value) => setForm({ ...form, number: value })} error=${submit.errors.number} />
                    <${SelectField} id="fair-table-owner" label=${t('fairs.field.owner')} value=${form.owner} error=${submit.errors.owner_participant_id}
                        onChange=${(value) => setForm({ ...form, owner: value })} options=${exhibitors.map((p) => ({ value: p.id, label: participantName(p, lang) }))} />
                </div>
                <button type="submit" class="button primary" disabled=${submit.busy} data-testid="fair-table-submit">${t('fairs.addTable')}</button>
                <${Outcome} submit=${submit} testId="fair-table" />
            </form>`}
        <section class="card" data-testid="fair-tables">
            <h2>${t('fairs.tables', { count: tables.length })}</h2>
            ${sorted.length === 0 ? html`<p class="empty">${t('fairs.noTables')}</p>` : html`
                <ul class="plain-list">
                    ${sorted.map((table) => html`<li key=${table.id} data-testid="fair-table">
                        ${t('fairs.tableNumber', { number: table.number })}${table.owner_participant_id ? ` · ${t('fairs.boothOf', { name: names.get(table.owner_participant_id) ?? t('fairs.someone') })}` : ''}</li>`)}
                </ul>`}
        </section>`;
}

function ImportParticipants({ event, onImported }) {
    const { t } = useApp();
    return html`<${ImportCsv} what="fair-participants" path=${`fairs/${encodeURIComponent(event.id)}/participants/import`}
        label=${t('fairs.import')} hint=${t('fairs.importHint', { columns: PARTICIPANT_CSV_HEADER })} refused=${t('fairs.importRefused')}
        doneText=${(report) => t('fairs.imported', { count: report.registered.length, rows: report.rows })}
        isChange=${(report) => report.registered.length > 0} onImported=${onImported} />`;
}

function ParticipantActions({ event, participant, onChanged }) {
    const { t, lang } = useApp();
    const { run, dialog, feedback, busy } = useConfirmedAction(`fair-participant-${participant.id}`);
    const act = (action) => {
        const name = participantName(participant, lang);
        return run({
            title: t(`fairs.${action}Confirm`),
            facts: [[t('fairs.participant'), name], [t(`fairSide.${participant.side}`), participant.side === 'buyer' ? participant.title || '—' : participant.booth || '—']],
            confirmLabel: t(`fairs.${action}`),
            danger: action === 'withdraw',
            done: t(`fairs.${action}Done`, { name }),
        }, () => api.post(`fairs/${encodeURIComponent(event.id)}/participants/${encodeURIComponent(participant.id)}/${action === 'checkIn' ? 'check-in' : 'withdraw'}`))
            .then((ok) => ok && onChanged());
    };
    if (participant.withdrawn) return html`<span class="muted">${t('fairs.withdrawn')}</span>`;
    return html`
        <div class="button-row">
            ${participant.checked_in_at
                ? html`<span data-testid="fair-checked-in">${t('fairs.checkedInAt', { at: formatDateTime(participant.checked_in_at) })}</span>`
                : organiserMay('checkIn', event.state) && html`<button type="button" class="button small" disabled=${busy} data-testid="fair-check-in" onClick=${() => act('checkIn')}>${t('fairs.checkIn')}</button>`}
            ${organiserMay('withdraw', event.state) && html`<button type="button" class="button small danger" disabled=${busy} data-testid="fair-withdraw" onClick=${() => act('withdraw')}>${t('fairs.withdraw')}</button>`}
        </div>
        ${feedback}${dialog}`;
}

export function ParticipantsTab({ event, slots, participants, organises, onChanged }) {
    const { t, lang } = useApp();
    const [side, setSide] = useState('');
    const shown = side ? participants.filter((p) => p.side === side) : participants;
    const columns = [
        { id: 'side', label: t('fairs.field.side'), sortValue: (p) => p.side, cell: (p) => t(`fairSide.${p.side}`) },
        { id: 'org', label: t('fairs.organisation'), sortValue: (p) => p.org_name, cell: (p) => html`<span data-testid="fair-participant-name">${participantName({ ...p, person_name: '' }, lang)}</span>` },
        { id: 'person', label: t('fairs.person'), cell: (p) => (p.side === 'buyer' ? [p.person_name, p.title].filter(Boolean).join(' · ') : p.booth ? t('fairs.booth', { booth: p.booth }) : '—') },
        { id: 'phone', label: t('fairs.field.phone'), cell: (p) => p.phone || '—' },
        { id: 'products', label: t('fairs.productsShown'), num: true, cell: (p) => (p.side === 'exhibitor' ? p.product_ids.length : '—') },
        { id: 'caps', label: t('fairs.caps'), cell: (p) => t('fairs.capsRange', { min: p.meetings_min, max: p.meetings_max }) },
        { id: 'slots', label: t('fairs.availability'), cell: (p) => (p.slot_ids.length === 0 ? t('fairs.allSlots') : t('fairs.someSlots', { count: p.slot_ids.length })) },
    ];
    if (organises) columns.push({ id: 'actions', label: t('fairs.actions'), cell: (p) => html`<${ParticipantActions} event=${event} participant=${p} onChanged=${onChanged} />` });
    return html`
        ${organises && html`<${CheckInDesk} event=${event} onCheckedIn=${onChanged} />`}
        ${organises && organiserMay('register', event.state) && html`
            <${RegisterForm} event=${event} slots=${slots} onRegistered=${onChanged} />
            <div class="card"><${ImportParticipants} event=${event} onImported=${onChanged} /></div>`}
        <section class="card" data-testid="fair-participants">
            <div class="card-head">
                <h2>${t('fairs.participants', { count: participants.filter((p) => !p.withdrawn).length })}</h2>
                <div class="filter-row" role="group" aria-label=${t('fairs.field.side')}>
                    ${['', 'exhibitor', 'buyer'].map((name) => html`
                        <button key=${name || 'all'} type="button" class=${`button small${side === name ? ' primary' : ''}`} aria-pressed=${side === name ? 'true' : 'false'}
                            data-testid=${`fair-side-${name || 'all'}`} onClick=${() => setSide(name)}>${name ? t(`fairSide.${name}`) : t('fairs.bothSides')}</button>`)}
                </div>
            </div>
            ${shown.length === 0 ? html`<p class="empty" data-testid="fair-participants-empty">${t('fairs.noParticipants')}</p>` : html`
                <div class="table-scroll">
                    <${DataTable} testId="fair-participants" columns=${columns} rows=${shown} rowKey=${(p) => p.id}
                        rowProps=${(p) => ({ 'data-participant-id': p.id })} caption=${t('fairs.tab.participants')} />
                </div>`}
        </section>`;
}

// Starts a run: one Idempotency-Key per press of the button, kept for a retry of that press.
function StartRun({ event, onStarted }) {
    const { t } = useApp();
    const [pending, setPending] = useState(null);
    const submit = useSubmit();
    const start = async () => {
        const key = pending ?? newIdempotencyKey();
        setPending(key);
        const run = await submit.send(() => api.post(`fairs/${encodeURIComponent(event.id)}/schedules`, undefined, { headers: { 'Idempotency-Key': key } }), t('fairs.runStarted'));
        if (run) { setPending(null); onStarted(run); }
    };
    return html`
        <div class="card" data-testid="fair-run-start">
            <h2>${t('fairs.runSchedule')}</h2>
            <p class="muted">${t('fairs.runIntro')}</p>
            <button type="button" class="button primary" disabled=${submit.busy} data-testid="fair-run-submit" onClick=${start}>${t('fairs.runSchedule')}</button>
            <${Outcome} submit=${submit} testId="fair-run-start" />
        </div>`;
}

// Reads a run until it is done or failed (the scheduler is a job: 202, then poll).
function useRun(event, runId, generation) {
    const [run, setRun] = useState({ phase: 'loading', value: null, error: null });
    useEffect(() => {
        if (!runId) return undefined;
        let live = true;
        let timer = null;
        const read = () => api.get(`fairs/${encodeURIComponent(event.id)}/schedules/${encodeURIComponent(runId)}`).then((value) => {
            if (!live) return;
            setRun({ phase: 'ready', value, error: null });
            if (value.status === 'queued' || value.status === 'running') timer = setTimeout(read, SCHEDULE_POLL_MS);
        }, (error) => live && setRun({ phase: 'error', value: null, error }));
        read();
        return () => { live = false; clearTimeout(timer); };
    }, [runId, generation]);
    return run;
}

function RunNotes({ notes, names }) {
    const { t } = useApp();
    const groups = notesByKind(notes);
    const order = ['moved', 'dropped', 'must_meet_unmet', 'minimum_unmet', 'kept'];
    return html`${order.filter((kind) => groups[kind]?.length > 0).map((kind) => html`
        <section key=${kind} data-testid=${`fair-notes-${kind}`}>
            <h3>${t(`fairs.notes.${kind}`, { count: groups[kind].length })}</h3>
            <ul class="plain-list">${groups[kind].map((note, i) => html`<li key=${i} data-testid="fair-note">${noteText(t, note, names)}</li>`)}</ul>
        </section>`)}`;
}

function RunResult({ event, runId, names, organises, onPublished, generation }) {
    const { t } = useApp();
    const run = useRun(event, runId, generation);
    const { run: confirm, dialog, feedback, busy } = useConfirmedAction('fair-publish');
    if (run.phase === 'loading') return html`<${Loading} />`;
    if (run.phase === 'error') return html`<${LoadError} error=${run.error} />`;
    const r = run.value;
    const publish = () => confirm({
        title: t('fairs.publishConfirm'),
        facts: [[t('fairs.run.meetings'), String(r.meetings)], [t('fairs.run.weight'), String(r.weight)], [t('fairs.run.optimality'), optimalityText(t, r)]],
        note: t('fairs.publishNote'),
        confirmLabel: t('fairs.publish'),
        done: t('fairs.published', { count: r.meetings }),
    }, () => api.post(`fairs/${encodeURIComponent(event.id)}/schedules/${encodeURIComponent(r.id)}/publish`)).then((ok) => ok && onPublished());
    const row = (label, value, testId) => html`<dt>${label}</dt><dd data-testid=${testId}>${value}</dd>`;
    const finished = r.status === 'done';
    return html`
        <section class="card" data-testid="fair-run" data-status=${r.status}>
            <div class="card-head">
                <h2>${t('fairs.runOf', { at: formatDateTime(r.created_at) })}</h2>
                <span class=${`badge badge-${finished ? 'ok' : r.status === 'failed' ? 'down' : 'notice'}`} data-testid="fair-run-status">${t(`fairRunStatus.${r.status}`)}</span>
            </div>
            ${r.status === 'failed' && html`<${Alert} kind="error" testId="fair-run-failed">${t('fairs.runFailed')}<//>`}
            ${finished && html`
                <dl class="details">
                    ${row(t('fairs.run.meetings'), r.meetings, 'fair-run-meetings')}
                    ${row(t('fairs.run.weight'), r.weight, 'fair-run-weight')}
                    ${row(t('fairs.run.bound'), r.weight_bound, 'fair-run-bound')}
                    ${row(t('fairs.run.optimality'), optimalityText(t, r), 'fair-run-optimality')}
                    ${row(t('fairs.run.mustMeets'), t('fairs.run.mustMeetsOf', { met: r.must_meets_met, bound: r.must_meets_bound }), 'fair-run-must-meets')}
                    ${row(t('fairs.run.method'), r.method ? t(`fairMethod.${r.method}`) : '—', 'fair-run-method')}
                    ${row(t('fairs.run.basedOn'), r.based_on ? t('fairs.run.rerun') : t('fairs.run.first'), 'fair-run-based-on')}
                </dl>
                <${RunNotes} notes=${r.notes} names=${names} />
                ${r.published
                    ? html`<p data-testid="fair-run-published"><span class="badge badge-ok">${t('fairs.isPublished')}</span></p>`
                    : organises && organiserMay('schedule', event.state) && html`
                        <button type="button" class="button primary" disabled=${busy} data-testid="fair-publish" onClick=${publish}>${t('fairs.publish')}</button>`}`}
            ${feedback}${dialog}
        </section>`;
}

export function SchedulesTab({ event, names, organises, onChanged }) {
    const { t } = useApp();
    const [generation, setGeneration] = useState(0);
    const runs = useAllPages(`fairs/${encodeURIComponent(event.id)}/schedules`, generation);
    const [chosen, setChosen] = useState(null);
    const latest = runs.items[runs.items.length - 1];
    const current = chosen ?? latest?.id ?? null;
    const started = (run) => { setChosen(run.id); setGeneration((n) => n + 1); };
    return html`
        ${organises && organiserMay('schedule', event.state) && html`<${StartRun} event=${event} onStarted=${started} />`}
        ${organises && !organiserMay('schedule', event.state) && html`<p class="muted card" data-testid="fair-run-not-yet">${t('fairs.runNotYet')}</p>`}
        ${runs.phase === 'error' && html`<${LoadError} error=${runs.error} onRetry=${runs.reload} />`}
        ${runs.items.length > 1 && html`
            <div class="card">
                <${SelectField} id="fair-run-choice" label=${t('fairs.runs')} value=${current ?? ''} onChange=${(value) => setChosen(value || null)}
                    options=${[...runs.items].reverse().map((run) => ({ value: run.id, label: `${formatDateTime(run.created_at)} · ${t(`fairRunStatus.${run.status}`)}${run.published ? ` · ${t('fairs.isPublished')}` : ''}` }))} />
            </div>`}
        ${current ? html`<${RunResult} event=${event} runId=${current} names=${names} organises=${organises} generation=${generation}
                onPublished=${() => { setGeneration((n) => n + 1); onChanged(); }} />`
            : runs.phase === 'ready' && html`<p class="empty" data-testid="fair-runs-empty">${t('fairs.noRuns')}</p>`}`;
}

// The meetings grid; while outcomes may be recorded (live, and for organisers once closed), a meeting
// chosen in it opens beneath with its outcome and the intended-order form.
export function GridTab({ event, organises, slots, tables, participants }) {
    const { t, lang } = useApp();
    const runId = event.published_schedule_id;
    const meetings = useAllPages(runId ? `fairs/${encodeURIComponent(event.id)}/schedules/${encodeURIComponent(runId)}/meetings` : null);
    const [chosen, setChosen] = useState(null);
    if (!runId) return html`<p class="empty card" data-testid="fair-grid-empty">${t('fairs.gridNone')}</p>`;
    if (meetings.phase === 'loading') return html`<${Loading} />`;
    if (meetings.phase === 'error') return html`<${LoadError} error=${meetings.error} onRetry=${meetings.reload} />`;
    const { columns, rows } = meetingsGrid(meetings.items, slots, tables);
    const byId = new Map(participants.map((p) => [p.id, p]));
    const recording = organises && mayRecordAtEvent(event.state, organises);
    const nameOf = (id) => participantName(byId.get(id), lang) || t('fairs.someone');
    const picked = chosen && meetings.items.find((m) => m.id === chosen);
    const cell = (meeting) => html`${nameOf(meeting.exhibitor_id)}<br /><span class="muted">${nameOf(meeting.buyer_id)}</span>`;
    return html`
        <section class="card table-scroll" data-testid="fair-grid">
            <h2>${t('fairs.gridTitle', { count: meetings.items.length })}</h2>
            <p class="muted small">${t('fairs.beijingTime')}${recording ? ` ${t('fairs.outcome.pickHint')}` : ''}</p>
            <table class="table grid-table">
                <caption class="visually-hidden">${t('fairs.gridTitle', { count: meetings.items.length })}</caption>
                <thead><tr><th scope="col">${t('fairs.slot')}</th>${columns.map((table) => html`<th key=${table.id} scope="col">${t('fairs.tableNumber', { number: table.number })}</th>`)}</tr></thead>
                <tbody>${rows.map((row) => html`
                    <tr key=${row.slot.id}>
                        <th scope="row">${slotLabel(row.slot)}</th>
                        ${row.cells.map((meeting, i) => html`<td key=${i} data-testid=${meeting ? 'fair-grid-meeting' : undefined} data-meeting-id=${meeting?.id}>
                            ${meeting && (recording
                                ? html`<button type="button" class=${`link-button${chosen === meeting.id ? ' current' : ''}`} aria-pressed=${chosen === meeting.id ? 'true' : 'false'}
                                    data-testid="fair-grid-pick" onClick=${() => setChosen(meeting.id)}>${cell(meeting)}</button>`
                                : cell(meeting))}
                        </td>`)}
                    </tr>`)}
                </tbody>
            </table>
        </section>
        ${picked && html`<${MeetingAtEvent} key=${picked.id} event=${event} meetingId=${picked.id} exhibitor=${byId.get(picked.exhibitor_id)} buyer=${byId.get(picked.buyer_id)}
            title=${t('fairs.outcome.meetingTitle', { exhibitor: nameOf(picked.exhibitor_id), buyer: nameOf(picked.buyer_id), slot: slotLabel(slots.find((s) => s.id === picked.slot_id)) })} />`}`;
}

/** On-site sales at a booth, recorded by an organiser for any exhibitor (live; once closed too). */
export function SalesTab({ event, organises, participants }) {
    const { t, lang } = useApp();
    const exhibitors = participants.filter((p) => p.side === 'exhibitor' && !p.withdrawn);
    const [chosen, setChosen] = useState('');
    const exhibitor = exhibitors.find((p) => p.id === chosen);
    if (!organises || !mayRecordAtEvent(event.state, organises)) return html`<p class="empty card" data-testid="fair-sales-closed">${t('fairs.sale.notNow')}</p>`;
    return html`
        <div class="card">
            <${SelectField} id="fair-sales-exhibitor" label=${t('fairs.sale.atBooth')} value=${chosen} onChange=${setChosen}
                options=${exhibitors.map((p) => ({ value: p.id, label: `${participantName(p, lang)}${p.booth ? ` · ${t('fairs.booth', { booth: p.booth })}` : ''}` }))} />
        </div>
        ${exhibitor && html`<${SaleForm} key=${exhibitor.id} event=${event} kind="onsite" exhibitor=${exhibitor} buyers=${participants.filter((p) => p.side === 'buyer')} />`}`;
}

// /fairs/:id — one event. Its organisers (admins and the users it names) get the tabs that run it
// and the button for its next state; an organisation's user (producer, buyer) its own registration,
// preferences and agenda (participant.js); programme readers the organiser's tabs without buttons.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { Link, navigate } from '../router.js';
import { LoadError, Loading, Refusal } from '../components/catalog-bits.js';
import { useConfirmedAction } from '../components/confirm.js';
import { useRecord } from '../pages/organisation.js';
import { Organisers } from './organisers.js';
import { eventDates, eventName, isOrganiser, nextState, sideOfRole } from './model.js';
import { lookups, StateBadge, Tabs, useAllPages, useItems } from './shared.js';
import { GridTab, ParticipantsTab, SalesTab, SchedulesTab, SessionsTab, TablesTab } from './organiser.js';
import { AgendaTab } from './downloads.js';
import { mayReadReport, mayRecordAtEvent } from './at-event-model.js';
import { ParticipantView } from './participant.js';

// Who reads an event's schedule runs besides its organisers (src/fair/schedule_service.h).
const SCHEDULE_READERS = ['fund_officer', 'auditor'];
const TABS = ['sessions', 'tables', 'participants', 'schedules', 'grid', 'agenda'];

function MoveState({ event, onMoved }) {
    const { t, lang } = useApp();
    const { run, dialog, feedback, busy } = useConfirmedAction('fair-state');
    const to = nextState(event.state);
    if (!to) return html`${feedback}${dialog}`;
    const label = t('fairs.moveTo', { state: t(`fairState.${to}`) });
    const move = () => run({
        title: label,
        facts: [[t('fairs.event'), eventName(event, lang)], [t('fairs.state'), `${t(`fairState.${event.state}`)} → ${t(`fairState.${to}`)}`]],
        note: t(`fairs.moveNote.${to}`),
        confirmLabel: label,
        done: t('fairs.moved', { state: t(`fairState.${to}`) }),
    }, () => api.post(`fairs/${encodeURIComponent(event.id)}/state`, { state: to })).then((ok) => ok && onMoved());
    return html`
        <div>
            <button type="button" class="button primary" disabled=${busy} data-testid="fair-move" onClick=${move}>${label}</button>
            ${feedback}${dialog}
        </div>`;
}

function OrganiserView({ event, organises, slots, tables, location, onChanged, generation }) {
    const { t, lang, session } = useApp();
    const participants = useAllPages(`fairs/${encodeURIComponent(event.id)}/participants`, generation);
    const asked = location?.query?.get('tab');
    const readsAll = organises || SCHEDULE_READERS.includes(session.user?.role);
    // Booth sales are an organiser's tab while they may be recorded (live; organisers also once closed).
    const tabs = readsAll ? [...TABS, ...(organises && mayRecordAtEvent(event.state, organises) ? ['sales'] : [])] : ['sessions', 'tables', 'participants'];
    const [tab, setTab] = useState(tabs.includes(asked) ? asked : 'sessions');
    const choose = (name) => {
        setTab(name);
        navigate(`/fairs/${encodeURIComponent(event.id)}?tab=${name}`, { replace: true });
    };
    const names = lookups({ slots, tables, participants: participants.items }, t, lang);
    const common = { event, organises, slots, tables, participants: participants.items, onChanged };
    return html`
        <${Tabs} tabs=${tabs} current=${tab} onChoose=${choose} label=${t('fairs.tabsLabel')} />
        ${participants.phase === 'error' && html`<${LoadError} error=${participants.error} onRetry=${participants.reload} />`}
        ${tab === 'sessions' && html`<${SessionsTab} ...${common} />`}
        ${tab === 'tables' && html`<${TablesTab} ...${common} />`}
        ${tab === 'participants' && html`<${ParticipantsTab} ...${common} />`}
        ${tab === 'schedules' && html`<${SchedulesTab} ...${common} names=${names} />`}
        ${tab === 'grid' && html`<${GridTab} ...${common} />`}
        ${tab === 'agenda' && html`<${AgendaTab} ...${common} />`}
        ${tab === 'sales' && html`<${SalesTab} ...${common} />`}`;
}

export function FairEventPage({ params, location }) {
    const { t, lang, session } = useApp();
    const [generation, setGeneration] = useState(0);
    const record = useRecord(`fairs/${encodeURIComponent(params.id)}`);
    const base = `fairs/${encodeURIComponent(params.id)}`;
    const slots = useItems(record.value ? `${base}/slots` : null, generation);
    const tables = useItems(record.value ? `${base}/tables` : null, generation);
    if (record.phase === 'error') {
        if (record.error?.status === 403 || record.error?.status === 404) return html`<${Refusal} status=${record.error.status} />`;
        return html`<div class="page"><${LoadError} error=${record.error} onRetry=${record.reload} /></div>`;
    }
    if (!record.value) return html`<div class="page"><${Loading} /></div>`;
    const event = record.value;
    const user = session.user;
    const organises = isOrganiser(user, event);
    const changed = () => { record.reload(); setGeneration((n) => n + 1); };
    const participantSide = !organises && sideOfRole(user?.role);
    return html`
        <div class="page" data-testid="fair-page" data-fair-id=${event.id}>
            <div class="page-head with-actions">
                <div>
                    <p class="muted small"><${Link} href="/fairs">${participantSide ? t('fairs.myTitle') : t('fairs.title')}<//></p>
                    <h1 data-testid="fair-heading">${eventName(event, lang)}</h1>
                    <p class="muted" data-testid="fair-facts">${t(`fairKind.${event.kind}`)} · ${eventDates(event)} · ${event.venue} · <${StateBadge} state=${event.state} /></p>
                    ${mayReadReport(user, event) && html`<p><${Link} href=${`/fairs/${encodeURIComponent(event.id)}/report`} data-testid="fair-report-link">${t('fairs.report.link')}<//></p>`}
                </div>
                ${organises && html`<div class="actions"><${MoveState} event=${event} onMoved=${changed} /></div>`}
            </div>
            ${!participantSide && html`<${Organisers} event=${event} onAdded=${changed} />`}
            ${(slots.phase === 'loading' || tables.phase === 'loading') ? html`<${Loading} />` : participantSide
                ? html`<${ParticipantView} event=${event} slots=${slots.items} tables=${tables.items} location=${location} />`
                : html`<${OrganiserView} event=${event} organises=${organises} slots=${slots.items} tables=${tables.items}
                    location=${location} onChanged=${changed} generation=${generation} />`}
        </div>`;
}

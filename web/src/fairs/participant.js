// An event as an organisation's user takes part in it: its own registrations (a producer's exhibitor,
// a buyer's representatives), the form to register while registration is open, and for the one
// chosen: the preferences (the other side with the platform's score and its reasons in words, and
// must_meet / meet / no_thanks with a note) and the agenda once a schedule is published, with what the
// last run changed and why.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { TextField } from '../components/field.js';
import { SelectField } from '../components/market-form.js';
import { Alert } from '../components/alert.js';
import { LoadError, Loading } from '../components/catalog-bits.js';
import { useReference } from '../catalog/reference.js';
import { localName } from '../catalog/model.js';
import { useRecordName } from '../names.js';
import { useRecord } from '../pages/organisation.js';
import { localizeServerMessage } from '../server-messages.js';
import { describeError, localize } from '../errors.js';
import { noteText, notesByKind, otherSide, participantMay, RATINGS, reasonsText, sideOfRole, slotLabel } from './model.js';
import { lookups, participantName, Tabs, useAllPages, useItems } from './shared.js';
import { RegisterForm } from './register-form.js';
import { mayRecordAtEvent } from './at-event-model.js';
import { MeetingAtEvent, OutcomeNow, SaleForm } from './at-event.js';
import { ParticipantDownloads } from './downloads.js';

function Rater({ event, me, counterpart, rated, onRated }) {
    const { t, lang } = useApp();
    const [note, setNote] = useState(rated?.note ?? '');
    const [state, setState] = useState({ busy: false, message: null });
    const may = participantMay('rate', event.state);
    const rate = async (rating) => {
        setState({ busy: true, message: null });
        try {
            const body = { rating };
            if (note.trim()) body.note = note.trim();
            const answer = await api.put(`fairs/${encodeURIComponent(event.id)}/participants/${encodeURIComponent(me.id)}/preferences/${encodeURIComponent(counterpart.id)}`, body);
            setState({ busy: false, message: { kind: 'success', text: t('fairs.rated', { rating: t(`fairRating.${answer.rating}`) }) } });
            onRated(answer);
        } catch (error) {
            const field = Object.values(error.fieldErrors ?? {})[0];
            const text = field ? localizeServerMessage(field, lang) : localize(t, describeError(error));
            setState({ busy: false, message: { kind: 'error', text } });
        }
    };
    const current = rated?.rating ?? 'none';
    return html`
        <div class="fair-rater">
            <div class="button-row" role="group" aria-label=${t('fairs.rateLabel', { name: participantName(counterpart, lang) })}>
                ${RATINGS.map((rating) => html`
                    <button key=${rating} type="button" class=${`button small${current === rating ? (rating === 'no_thanks' ? ' danger' : ' primary') : ''}`}
                        aria-pressed=${current === rating ? 'true' : 'false'} disabled=${!may || state.busy}
                        data-testid=${`fair-rate-${rating}`} onClick=${() => rate(rating)}>${t(`fairRating.${rating}`)}</button>`)}
            </div>
            <${TextField} id=${`fair-note-${counterpart.id}`} label=${t('fairs.note')} value=${note} onInput=${setNote} disabled=${!may} />
            ${state.message && html`<${Alert} kind=${state.message.kind} testId=${`fair-rate-${state.message.kind === 'success' ? 'done' : 'error'}`}>${state.message.text}<//>`}
        </div>`;
}

function ProductNames({ ids }) {
    return html`${ids.map((id, i) => html`${i > 0 ? '、' : ''}<${ProductName} key=${id} id=${id} />`)}`;
}

function ProductName({ id }) {
    const { lang } = useApp();
    const name = useRecordName('products', id, (p) => ({ name_zh: p.name_zh, name_en: p.name_en }));
    return html`<span>${name ? localName(name, lang) : '…'}</span>`;
}

function Preferences({ event, me }) {
    const { t, lang } = useApp();
    const [generation, setGeneration] = useState(0);
    const base = `fairs/${encodeURIComponent(event.id)}/participants`;
    const others = useAllPages(`${base}?side=${otherSide(me.side)}`);
    const ratings = useItems(`${base}/${encodeURIComponent(me.id)}/preferences`, generation);
    const recommendations = useItems(`${base}/${encodeURIComponent(me.id)}/recommendations`, generation);
    const { categories } = useReference(['categories']);
    if ([others, ratings, recommendations].some((list) => list.phase === 'loading')) return html`<${Loading} />`;
    const failed = [others, ratings, recommendations].find((list) => list.phase === 'error');
    if (failed) return html`<${LoadError} error=${failed.error} onRetry=${failed.reload} />`;
    const ratedBy = new Map(ratings.items.map((r) => [r.counterpart_id, r]));
    const recommendedBy = new Map(recommendations.items.map((r) => [r.counterpart_id, r]));
    const categoryName = (id) => localName(categories.find((c) => c.id === id), lang);
    const rows = others.items.filter((p) => !p.withdrawn).map((p) => ({ p, rated: ratedBy.get(p.id), recommended: recommendedBy.get(p.id) }));
    // The strongest recommendations first; the ones already rated after them, by name.
    rows.sort((a, b) => (b.recommended?.score ?? -1) - (a.recommended?.score ?? -1) || a.p.org_name.localeCompare(b.p.org_name));
    return html`
        <section class="card" data-testid="fair-preferences">
            <h2>${t(`fairs.rateThe.${otherSide(me.side)}`, { count: rows.length })}</h2>
            <p class="muted">${t('fairs.preferencesIntro')}</p>
            ${!participantMay('rate', event.state) && html`<${Alert} testId="fair-rate-closed">${t('fairs.rateClosed')}<//>`}
            ${rows.length === 0 ? html`<p class="empty" data-testid="fair-preferences-empty">${t('fairs.noCounterparts')}</p>` : html`
                <ul class="plain-list fair-counterparts">
                    ${rows.map(({ p, rated, recommended }) => html`
                        <li key=${p.id} class="card" data-testid="fair-counterpart" data-counterpart-id=${p.id}>
                            <div class="card-head">
                                <h3 data-testid="fair-counterpart-name">${participantName(p, lang)}${p.title ? ` · ${p.title}` : ''}${p.booth ? ` · ${t('fairs.booth', { booth: p.booth })}` : ''}</h3>
                                ${recommended && html`<span class="badge badge-notice" data-testid="fair-score">${t('fairs.score', { score: recommended.score })}</span>`}
                            </div>
                            ${recommended
                                ? html`<p data-testid="fair-reasons">${reasonsText(t, lang, recommended.reasons, { categoryName })}</p>`
                                : html`<p class="muted" data-testid="fair-rated-already">${t('fairs.ratedAlready', { rating: t(`fairRating.${rated?.rating ?? 'none'}`) })}</p>`}
                            ${p.side === 'exhibitor' && p.product_ids.length > 0 && html`<p class="small">${t('fairs.shows')} <${ProductNames} ids=${p.product_ids} /></p>`}
                            <${Rater} event=${event} me=${me} counterpart=${p} rated=${rated} onRated=${() => setGeneration((n) => n + 1)} />
                        </li>`)}
                </ul>`}
        </section>`;
}

// The event's participants are read here, not before: the agenda's notes name both sides of a meeting.
function Agenda({ event, me, slots, tables }) {
    const { t, lang } = useApp();
    const path = `fairs/${encodeURIComponent(event.id)}/participants/${encodeURIComponent(me.id)}/agenda`;
    const agenda = useRecord(path);
    const everyone = useAllPages(`fairs/${encodeURIComponent(event.id)}/participants`);
    const participants = everyone.items;
    const [chosen, setChosen] = useState(null);
    const [recorded, setRecorded] = useState(0);
    if (agenda.phase === 'loading' || everyone.phase === 'loading') return html`<${Loading} />`;
    if (agenda.phase === 'error') return html`<${LoadError} error=${agenda.error} onRetry=${agenda.reload} />`;
    const a = agenda.value;
    if (!a.schedule_id) return html`<p class="empty card" data-testid="fair-agenda-none">${t('fairs.agendaNone')}</p>`;
    const names = lookups({ slots, tables, participants }, t, lang);
    const groups = notesByKind(a.notes);
    const changes = [...groups.moved, ...groups.dropped];
    const unmet = [...groups.must_meet_unmet, ...groups.minimum_unmet];
    // While the event is live either side records a meeting's outcome and signs an intended order there.
    const recording = mayRecordAtEvent(event.state, false);
    const byId = new Map(participants.map((p) => [p.id, p]));
    const picked = chosen && a.meetings.find((m) => m.meeting_id === chosen);
    const sidesOf = (m) => (me.side === 'exhibitor' ? { exhibitor: me, buyer: byId.get(m.counterpart_id) } : { exhibitor: byId.get(m.counterpart_id), buyer: me });
    const counterpartName = (m) => (m.counterpart_person ? `${m.counterpart_org_name} · ${m.counterpart_person}` : m.counterpart_org_name);
    return html`
        <section class="card" data-testid="fair-agenda">
            <h2 data-testid="fair-agenda-title">${t('fairs.agendaTitle', { count: a.meetings.length })}</h2>
            <${ParticipantDownloads} event=${event} participant=${me} />
            <p class="muted small">${t('fairs.beijingTime')}</p>
            ${a.meetings.length === 0 ? html`<p class="empty">${t('fairs.agendaEmpty')}</p>` : html`
                <table class="table">
                    <caption class="visually-hidden">${t('fairs.agendaTitle', { count: a.meetings.length })}</caption>
                    <thead><tr><th scope="col">${t('fairs.slot')}</th><th scope="col">${t('fairs.table')}</th><th scope="col">${t('fairs.counterpart')}</th>
                        <th scope="col">${me.side === 'buyer' ? t('fairs.theirProducts') : t('fairs.theirTitle')}</th>
                        ${recording && html`<th scope="col">${t('fairs.outcome.column')}</th>`}</tr></thead>
                    <tbody>${a.meetings.map((m) => html`
                        <tr key=${m.meeting_id} data-testid="fair-agenda-meeting">
                            <td>${slotLabel(m.slot)}</td>
                            <td>${t('fairs.tableNumber', { number: m.table_number })}</td>
                            <td data-testid="fair-agenda-counterpart">${counterpartName(m)}</td>
                            <td>${me.side === 'buyer' ? html`<${ProductNames} ids=${m.product_ids} />` : titleOf(participants, m.counterpart_id)}</td>
                            ${recording && html`<td><${OutcomeNow} event=${event} meetingId=${m.meeting_id} generation=${recorded} />
                                <button type="button" class="button small" aria-pressed=${chosen === m.meeting_id ? 'true' : 'false'}
                                data-testid="fair-agenda-record" onClick=${() => setChosen(m.meeting_id)}>${t('fairs.outcome.open')}</button></td>`}
                        </tr>`)}
                    </tbody>
                </table>`}
        </section>
        ${picked && html`<${MeetingAtEvent} key=${picked.meeting_id} event=${event} meetingId=${picked.meeting_id} ...${sidesOf(picked)}
            onRecorded=${() => setRecorded((n) => n + 1)}
            title=${t('fairs.outcome.withTitle', { name: counterpartName(picked), slot: slotLabel(picked.slot) })} />`}
        ${changes.length > 0 && html`
            <section class="card" data-testid="fair-agenda-changes">
                <h2>${t('fairs.changesSincePublish')}</h2>
                <ul class="plain-list">${changes.map((note, i) => html`<li key=${i} data-testid="fair-agenda-change">${noteText(t, note, names)}</li>`)}</ul>
            </section>`}
        ${unmet.length > 0 && html`
            <section class="card" data-testid="fair-agenda-unmet">
                <h2>${t('fairs.unmetForYou')}</h2>
                <ul class="plain-list">${unmet.map((note, i) => html`<li key=${i}>${noteText(t, note, names)}</li>`)}</ul>
            </section>`}`;
}

// An exhibitor's booth: its on-site sales, to a registered buyer's organisation or a walk-in customer.
function BoothSales({ event, me }) {
    const buyers = useAllPages(`fairs/${encodeURIComponent(event.id)}/participants?side=buyer`);
    if (buyers.phase === 'loading') return html`<${Loading} />`;
    if (buyers.phase === 'error') return html`<${LoadError} error=${buyers.error} onRetry=${buyers.reload} />`;
    return html`<${SaleForm} event=${event} kind="onsite" exhibitor=${me} buyers=${buyers.items} />`;
}

function titleOf(participants, id) {
    const p = participants.find((entry) => entry.id === id);
    return p?.title || '—';
}

export function ParticipantView({ event, slots, tables, location }) {
    const { t, lang, session } = useApp();
    const user = session.user;
    const side = sideOfRole(user?.role);
    const [generation, setGeneration] = useState(0);
    const own = useAllPages(`fairs/${encodeURIComponent(event.id)}/participants?side=${side}&org_id=${encodeURIComponent(user.orgId ?? '')}`, generation);
    const [chosenId, setChosenId] = useState(null);
    const asked = location?.query?.get('tab');
    const [tab, setTab] = useState(['agenda', 'sales'].includes(asked) ? asked : 'preferences');
    if (own.phase === 'loading') return html`<${Loading} />`;
    if (own.phase === 'error') return html`<${LoadError} error=${own.error} onRetry=${own.reload} />`;
    const mine = own.items.filter((p) => !p.withdrawn);
    const me = mine.find((p) => p.id === chosenId) ?? mine[0];
    // An exhibitor's user records its booth's on-site sales while the event is live.
    const tabs = ['preferences', 'agenda', ...(me?.side === 'exhibitor' && mayRecordAtEvent(event.state, false) ? ['sales'] : [])];
    const registerOpen = participantMay('register', event.state);
    // An exhibitor registers once; a buyer may send several representatives.
    const mayRegister = registerOpen && (side === 'buyer' || mine.length === 0);
    return html`
        ${mine.length === 0 && !registerOpen && html`<p class="empty card" data-testid="fair-not-registered">${t('fairs.notRegistered')}</p>`}
        ${mayRegister && html`<${RegisterForm} event=${event} slots=${slots} fixedSide=${side} fixedOrg=${user.orgId}
            onRegistered=${(made) => { setChosenId(made.id); setGeneration((n) => n + 1); }} />`}
        ${mine.length > 1 && html`
            <div class="card">
                <${SelectField} id="fair-me" label=${t('fairs.whichRepresentative')} value=${me.id} onChange=${(value) => setChosenId(value || null)}
                    options=${mine.map((p) => ({ value: p.id, label: participantName(p, lang) }))} />
            </div>`}
        ${me && html`
            <section class="card" data-testid="fair-me-card">
                <h2 data-testid="fair-me">${t(`fairs.youAre.${me.side}`, { name: participantName(me, lang) })}</h2>
                <p class="muted">${t('fairs.capsRange', { min: me.meetings_min, max: me.meetings_max })} · ${me.slot_ids.length === 0 ? t('fairs.allSlots') : t('fairs.someSlots', { count: me.slot_ids.length })}</p>
            </section>
            <${Tabs} tabs=${tabs} current=${tab} onChoose=${setTab} label=${t('fairs.tabsLabel')} />
            ${tab === 'preferences' && html`<${Preferences} key=${me.id} event=${event} me=${me} />`}
            ${tab === 'agenda' && html`<${Agenda} key=${me.id} event=${event} me=${me} slots=${slots} tables=${tables} />`}
            ${tab === 'sales' && html`<${BoothSales} key=${me.id} event=${event} me=${me} />`}`}`;
}

// /fairs: the events. An administrator creates one (kind, names in Chinese and English, venue,
// dates) and opens it to organise; an organisation's user (producer: exhibitor, buyer: buyer
// representatives) sees "My events" — those its organisation takes part in and those open for
// registration — with what it has there; programme readers see every event.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { Link, navigate } from '../router.js';
import { todayInShanghai } from '../format.js';
import { TextField } from '../components/field.js';
import { SelectField } from '../components/market-form.js';
import { Alert } from '../components/alert.js';
import { DataTable } from '../components/data-table.js';
import { LoadError, Loading } from '../components/catalog-bits.js';
import { localizeServerMessage } from '../server-messages.js';
import { describeError, localize } from '../errors.js';
import { EVENT_KINDS, eventDates, eventName, isOrganiser, sideOfRole } from './model.js';
import { StateBadge, useAllPages } from './shared.js';

const EVENT_FIELDS = ['kind', 'name_zh', 'name_en', 'venue', 'starts_on', 'ends_on', 'slot_minutes', 'break_minutes'];

function NewEventForm() {
    const { t, lang } = useApp();
    const today = todayInShanghai();
    const [form, setForm] = useState({ kind: 'matchmaking', name_zh: '', name_en: '', venue: '', starts_on: today, ends_on: today, slot_minutes: '20', break_minutes: '5' });
    const [errors, setErrors] = useState({});
    const [failure, setFailure] = useState('');
    const [busy, setBusy] = useState(false);
    const set = (name) => (value) => setForm({ ...form, [name]: value });
    const submit = async (event) => {
        event.preventDefault();
        const found = {};
        for (const name of ['kind', 'name_zh', 'name_en', 'venue', 'starts_on', 'ends_on']) if (!String(form[name]).trim()) found[name] = t('fairs.form.required');
        for (const name of ['slot_minutes', 'break_minutes']) if (!/^\d{1,3}$/.test(form[name])) found[name] = t('fairs.form.wholeNumber');
        if (!found.ends_on && form.ends_on < form.starts_on) found.ends_on = t('fairs.form.endsBeforeStart');
        setErrors(found);
        setFailure('');
        if (Object.keys(found).length > 0) return;
        const body = { ...form, slot_minutes: Number(form.slot_minutes), break_minutes: Number(form.break_minutes) };
        setBusy(true);
        try {
            const made = await api.post('fairs', body);
            navigate(`/fairs/${encodeURIComponent(made.id)}`);
        } catch (error) {
            const shown = {};
            for (const [field, message] of Object.entries(error.fieldErrors ?? {})) if (EVENT_FIELDS.includes(field)) shown[field] = localizeServerMessage(message, lang);
            setErrors(shown);
            setFailure(localize(t, describeError(error)));
        } finally {
            setBusy(false);
        }
    };
    const field = (name, type = 'text') => html`<${TextField} id=${`fair-${name}`} type=${type} label=${t(`fairs.field.${name}`)} value=${form[name]}
        onInput=${set(name)} error=${errors[name]} />`;
    return html`
        <form class="card form" data-testid="fair-new-form" onSubmit=${submit} noValidate>
            <h2>${t('fairs.new')}</h2>
            <div class="form-grid">
                <${SelectField} id="fair-kind" label=${t('fairs.field.kind')} value=${form.kind} onChange=${set('kind')} error=${errors.kind}
                    options=${EVENT_KINDS.map((kind) => ({ value: kind, label: t(`fairKind.${kind}`) }))} />
                ${field('name_zh')}
                ${field('name_en')}
                ${field('venue')}
                ${field('starts_on', 'date')}
                ${field('ends_on', 'date')}
                ${field('slot_minutes')}
                ${field('break_minutes')}
            </div>
            <p class="muted small">${t('fairs.beijingTime')}</p>
            <button type="submit" class="button primary" disabled=${busy} data-testid="fair-create">${t('fairs.create')}</button>
            ${failure && html`<${Alert} kind="error" testId="fair-new-error">${failure}<//>`}
        </form>`;
}

// For an organisation's user: its participants in each event (one request per event, by org_id).
function useOwnParticipation(events, user) {
    const side = sideOfRole(user?.role);
    const [mine, setMine] = useState({});
    useEffect(() => {
        if (!side || !user?.orgId || events.length === 0) return undefined;
        let live = true;
        Promise.all(events.map((event) => api.get(`fairs/${encodeURIComponent(event.id)}/participants?side=${side}&org_id=${encodeURIComponent(user.orgId)}&limit=200`)
            .then((answer) => [event.id, (answer?.items ?? []).filter((p) => !p.withdrawn)], () => [event.id, []])))
            .then((pairs) => live && setMine(Object.fromEntries(pairs)));
        return () => { live = false; };
    }, [events.map((event) => event.id).join(','), side, user?.orgId]);
    return { side, mine };
}

export function FairsPage() {
    const { t, lang, session } = useApp();
    const user = session.user;
    const events = useAllPages('fairs');
    const { side, mine } = useOwnParticipation(events.items, user);
    const shown = side
        ? events.items.filter((event) => (mine[event.id]?.length ?? 0) > 0 || event.state === 'registration')
        : events.items;
    const columns = [
        { id: 'name', label: t('fairs.field.name'), sortValue: (e) => eventName(e, lang),
            cell: (e) => html`<${Link} href=${`/fairs/${encodeURIComponent(e.id)}`} data-testid="fair-link">${eventName(e, lang)}<//>` },
        { id: 'kind', label: t('fairs.field.kind'), cell: (e) => t(`fairKind.${e.kind}`) },
        { id: 'dates', label: t('fairs.dates'), sortValue: (e) => e.starts_on, cell: (e) => eventDates(e) },
        { id: 'venue', label: t('fairs.field.venue'), cell: (e) => e.venue },
        { id: 'state', label: t('fairs.state'), cell: (e) => html`<${StateBadge} state=${e.state} />` },
    ];
    if (side) {
        columns.push({ id: 'mine', label: t('fairs.mine'), cell: (e) => {
            const count = mine[e.id]?.length ?? 0;
            if (count > 0) return html`<span data-testid="fair-mine">${t(`fairs.registered.${side}`, { count })}</span>`;
            return html`<span class="muted" data-testid="fair-mine">${t('fairs.canRegister')}</span>`;
        } });
    } else if (user) {
        columns.push({ id: 'role', label: t('fairs.yourRole'), cell: (e) => (isOrganiser(user, e) ? t('fairs.organiser') : '—') });
    }
    return html`
        <div class="page" data-testid="fairs-page">
            <div class="page-head">
                <h1 data-testid="fairs-heading">${side ? t('fairs.myTitle') : t('fairs.title')}</h1>
                <p class="muted">${side ? t(`fairs.myIntro.${side}`) : t('fairs.intro')}</p>
            </div>
            ${user?.role === 'admin' && html`<${NewEventForm} />`}
            ${events.phase === 'loading' && html`<${Loading} />`}
            ${events.phase === 'error' && html`<${LoadError} error=${events.error} onRetry=${events.reload} />`}
            ${events.phase === 'ready' && (shown.length === 0
                ? html`<p class="empty" data-testid="fairs-empty">${t(side ? 'fairs.noneMine' : 'fairs.none')}</p>`
                : html`<div class="card table-scroll">
                    <${DataTable} testId="fairs" columns=${columns} rows=${shown} rowKey=${(e) => e.id}
                        rowProps=${(e) => ({ 'data-fair-id': e.id })} initialSort=${{ column: 'dates', dir: 'desc' }} caption=${t('fairs.title')} />
                  </div>`)}
        </div>`;
}

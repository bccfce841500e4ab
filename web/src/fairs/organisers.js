// An event's organisers besides the administrators: listed by name for those who may read users
// (admin, auditor), by count for other readers; the administrator names another from the programme's
// and counties' officers (POST /fairs/{id}/organisers), who then runs the event as an admin would.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { useRecordName } from '../names.js';
import { SelectField } from '../components/market-form.js';
import { Alert } from '../components/alert.js';
import { localizeServerMessage } from '../server-messages.js';
import { describeError, localize } from '../errors.js';

// The roles an administrator names as organisers: the officers who run events for the programme.
export const ORGANISER_ROLES = ['fund_officer', 'county_officer'];
// The users API answers these roles (page-access.js: users).
const USER_READERS = ['admin', 'auditor'];
// Users read for the choice (one page: the programme has far fewer officers).
const USERS_READ_MAX = 200;

function UserName({ id }) {
    const { t } = useApp();
    const name = useRecordName('users', id, (user) => user.display_name || user.username);
    return html`<li data-testid="fair-organiser">${name ?? t('fairs.someone')}</li>`;
}

function AddOrganiser({ event, onAdded }) {
    const { t, lang } = useApp();
    const [users, setUsers] = useState([]);
    const [chosen, setChosen] = useState('');
    const [state, setState] = useState({ busy: false, message: null, error: '' });
    useEffect(() => {
        let live = true;
        api.get(`users?limit=${USERS_READ_MAX}`).then((answer) => live && setUsers((answer?.items ?? [])
            .filter((user) => ORGANISER_ROLES.includes(user.role) && !event.organiser_ids.includes(user.id))), () => {});
        return () => { live = false; };
    }, [event.organiser_ids.join(',')]);
    const add = async (submitted) => {
        submitted.preventDefault();
        if (!chosen) return setState({ busy: false, message: null, error: t('fairs.form.required') });
        setState({ busy: true, message: null, error: '' });
        try {
            await api.post(`fairs/${encodeURIComponent(event.id)}/organisers`, { user_id: chosen });
            const name = users.find((user) => user.id === chosen)?.display_name ?? '';
            setChosen('');
            setState({ busy: false, message: { kind: 'success', text: t('fairs.organiserAdded', { name }) }, error: '' });
            onAdded();
        } catch (error) {
            const field = error.fieldErrors?.user_id;
            setState({ busy: false, message: { kind: 'error', text: field ? localizeServerMessage(field, lang) : localize(t, describeError(error)) }, error: '' });
        }
    };
    return html`
        <form class="form" data-testid="fair-organiser-form" onSubmit=${add} noValidate>
            <${SelectField} id="fair-organiser-user" label=${t('fairs.nameOrganiser')} value=${chosen} onChange=${setChosen} error=${state.error}
                options=${users.map((user) => ({ value: user.id, label: `${user.display_name} · ${t(`role.${user.role}`)}` }))} />
            <button type="submit" class="button" disabled=${state.busy} data-testid="fair-organiser-submit">${t('fairs.addOrganiser')}</button>
            ${state.message && html`<${Alert} kind=${state.message.kind} testId=${`fair-organiser-${state.message.kind === 'success' ? 'done' : 'error'}`}>${state.message.text}<//>`}
        </form>`;
}

export function Organisers({ event, onAdded }) {
    const { t, session } = useApp();
    const role = session.user?.role;
    const ids = event.organiser_ids ?? [];
    if (role !== 'admin' && ids.length === 0) return null;
    // Folded: the event's work is in the tabs below; the administrator opens it to name someone.
    return html`
        <details class="card" data-testid="fair-organisers" open=${ids.length > 0 && USER_READERS.includes(role)}>
            <summary data-testid="fair-organisers-summary"><strong>${t('fairs.organisers', { count: ids.length })}</strong></summary>
            <p class="muted small">${t('fairs.organisersIntro')}</p>
            ${USER_READERS.includes(role) && ids.length > 0 && html`<ul class="plain-list">${ids.map((id) => html`<${UserName} key=${id} id=${id} />`)}</ul>`}
            ${role === 'admin' && html`<${AddOrganiser} event=${event} onAdded=${onAdded} />`}
        </details>`;
}

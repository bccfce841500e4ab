// The platform's users, for the administrator (who adds them and sets passwords) and the auditor
// (who reads them): each with role, organisation by name, status; a new user is tied to an
// organisation of the kind its role works for (a producer to a producing organisation, a buyer to a
// buyer, a county officer to its branch command), programme-wide roles to none.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, idempotencyKeys } from '../api.js';
import { formatDate } from '../format.js';
import { useCursorList } from '../catalog/lists.js';
import { DataTable, ListWindow } from '../components/data-table.js';
import { filterRows } from '../components/table-model.js';
import { localName, PRODUCER_KINDS } from '../catalog/model.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';
import { TextField } from '../components/field.js';
import { SelectField } from '../components/market-form.js';
import { OrganisationPicker } from '../components/producer-picker.js';
import { Alert } from '../components/alert.js';
import { ROLES } from '../page-access.js';
import { localizeServerMessage } from '../server-messages.js';
import { useRecordName } from '../names.js';

const USERS_PAGE_SIZE = 50;
// The server's minimum (access/user_service.cpp); checked here first so the form says so at once.
const PASSWORD_CHARS_MIN = 10;
/** The organisation kinds a user of each org-scoped role belongs to; programme-wide roles have none. */
export const ROLE_ORG_KINDS = { producer: PRODUCER_KINDS, buyer: ['buyer'], logistics: ['logistics'], county_officer: ['agency'] };

function OrgName({ id }) {
    const { t, lang } = useApp();
    const org = useRecordName('organisations', id, (record) => record);
    if (!id) return t('user.noOrganisation');
    return org ? localName(org, lang) : '…';
}

/** Field problems of a new user before it is sent: { field: message key }. */
export function newUserProblems(form) {
    const problems = {};
    for (const name of ['username', 'display_name', 'role']) if (!form[name].trim()) problems[name] = 'validation.required';
    if (ROLE_ORG_KINDS[form.role] && !form.org_id) problems.org_id = 'validation.required';
    if ([...form.password].length < PASSWORD_CHARS_MIN) problems.password = 'users.passwordShort';
    return problems;
}

function NewUserForm({ onAdded }) {
    const { t, lang } = useApp();
    const blank = { username: '', display_name: '', role: '', org_id: '', password: '' };
    const [form, setForm] = useState(blank);
    const [errors, setErrors] = useState({});
    const [notice, setNotice] = useState('');
    const [busy, setBusy] = useState(false);
    const [keys] = useState(() => idempotencyKeys());
    const set = (name) => (value) => setForm({ ...form, [name]: value, ...(name === 'role' ? { org_id: '' } : {}) });
    const label = (name) => t(`users.field.${name}`);
    const submit = async (event) => {
        event.preventDefault();
        setNotice('');
        const problems = newUserProblems(form);
        setErrors(Object.fromEntries(Object.entries(problems).map(([name, key]) => [name, t(key, { field: label(name), min: PASSWORD_CHARS_MIN })])));
        if (Object.keys(problems).length > 0) return;
        const body = { username: form.username.trim(), display_name: form.display_name.trim(), role: form.role, password: form.password,
            ...(ROLE_ORG_KINDS[form.role] ? { org_id: form.org_id } : {}) };
        setBusy(true);
        try {
            const added = await api.post('users', body, { headers: { 'Idempotency-Key': keys(body) } });
            setForm(blank);
            setErrors({});
            setNotice(t('users.added', { name: added.display_name }));
            onAdded();
        } catch (failure) {
            const shown = {};
            for (const [field, message] of Object.entries(failure.fieldErrors ?? {})) shown[field] = localizeServerMessage(message, lang);
            if (Object.keys(shown).length === 0) shown.username = localizeServerMessage(failure.detail || failure.message, lang);
            setErrors(shown);
        } finally {
            setBusy(false);
        }
    };
    return html`
        <form class="card form" data-testid="user-form" onSubmit=${submit}>
            <h2>${t('users.new')}</h2>
            <div class="form-grid">
                <${TextField} id="user-username" label=${label('username')} value=${form.username} onInput=${set('username')} error=${errors.username} autocomplete="off" />
                <${TextField} id="user-display_name" label=${label('display_name')} value=${form.display_name} onInput=${set('display_name')} error=${errors.display_name} />
                <${SelectField} id="user-role" label=${label('role')} value=${form.role} onChange=${set('role')} error=${errors.role}
                    options=${ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
                <${TextField} id="user-password" type="password" label=${label('password')} value=${form.password} onInput=${set('password')}
                    error=${errors.password} autocomplete="new-password" />
            </div>
            ${ROLE_ORG_KINDS[form.role] && html`<${OrganisationPicker} kinds=${ROLE_ORG_KINDS[form.role]} path="org_id" label=${label('org_id')}
                value=${form.org_id} onChange=${set('org_id')} error=${errors.org_id} testId="user-org" searchId="user-org-search" searchLabel=${t('users.findOrg')} />`}
            <button type="submit" class="button primary" disabled=${busy} data-testid="user-submit">${t('users.add')}</button>
            ${notice && html`<${Alert} kind="success" testId="user-added">${notice}<//>`}
        </form>`;
}

// Users are few (an administrator adds each): the list is searched, dated and sorted here, over the
// pages loaded, newest first.
function userColumns(t) {
    const status = (u) => (u.disabled ? t('users.disabled') : u.locked_until ? t('users.locked') : t('users.active'));
    return [
        { id: 'name', label: t('users.field.display_name'), sortValue: (u) => u.display_name, cell: (u) => u.display_name },
        { id: 'username', label: t('users.field.username'), sortValue: (u) => u.username, cell: (u) => u.username },
        { id: 'role', label: t('users.field.role'), sortValue: (u) => t(`role.${u.role}`), cell: (u) => t(`role.${u.role}`) },
        { id: 'org', label: t('users.field.org_id'), cell: (u) => html`<${OrgName} id=${u.org_id} />` },
        { id: 'created', label: t('users.created'), sortValue: (u) => `${u.created_at} ${u.id}`, cell: (u) => formatDate(u.created_at) },
        { id: 'status', label: t('users.status'), sortValue: status, cell: status },
    ];
}

export function UsersPage() {
    const { t, session } = useApp();
    const [round, setRound] = useState(0);
    const [search, setSearch] = useState({});
    const list = useCursorList((cursor) => `users?limit=${USERS_PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, String(round));
    return html`
        <div class="page" data-testid="users-page">
            <h1>${t('users.heading')}</h1>
            ${session.user.role === 'admin' && html`<${NewUserForm} onAdded=${() => setRound(round + 1)} />`}
            <section class="card table-scroll">
                ${list.phase === 'loading' && html`<${Loading} />`}
                ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} />`}
                ${list.phase === 'ready' && html`
                    <${ListWindow} window=${search} onChange=${setSearch} testId="users" searchLabel=${t('users.search')} dateLabel=${t('users.dates')} />
                    <${DataTable} testId="users" columns=${userColumns(t)} initialSort=${{ column: 'created', dir: 'desc' }}
                        rows=${filterRows(list.items, search, { texts: (u) => [u.display_name, u.username], date: (u) => formatDate(u.created_at) })}
                        rowKey=${(u) => u.id} rowProps=${(u) => ({ 'data-testid': 'user-row', 'data-username': u.username })} />
                    <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} />`}
            </section>
        </div>`;
}

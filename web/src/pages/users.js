// The platform's users, for the administrator (who adds them, changes them and sets passwords) and
// the auditor (who reads them): each with role, organisation by name, status; a new user is tied to an
// organisation of the kind its role works for (a producer to a producing organisation, a buyer to a
// buyer, a county officer to its branch command), programme-wide roles to none. A change of role,
// organisation or the disabled flag signs the user out everywhere at once (the server ends every
// session), so the page asks first and says so.
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
import { Link } from '../router.js';
import { useConfirmedAction } from '../components/confirm.js';

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

/** The PATCH body of an edit: only what changed; `signsOut` when the server will end the user's sessions. */
export function userChange(user, form) {
    const body = {};
    if (form.display_name.trim() !== user.display_name) body.display_name = form.display_name.trim();
    if (form.role !== user.role) body.role = form.role;
    const org = ROLE_ORG_KINDS[form.role] ? (form.org_id || null) : null;
    if (org !== (user.org_id ?? null)) body.org_id = org;
    if (form.disabled !== Boolean(user.disabled)) body.disabled = form.disabled;
    return { body, signsOut: 'role' in body || 'org_id' in body || 'disabled' in body };
}

/** Field problems of an edit before it is sent: { field: message key }. */
export function userEditProblems(form) {
    const problems = {};
    if (!form.display_name.trim()) problems.display_name = 'validation.required';
    if (ROLE_ORG_KINDS[form.role] && !form.org_id) problems.org_id = 'validation.required';
    return problems;
}

function UserEditor({ user, onSaved, onClose }) {
    const { t, lang, session } = useApp();
    const [form, setForm] = useState({ display_name: user.display_name, role: user.role, org_id: user.org_id ?? '', disabled: Boolean(user.disabled) });
    const [password, setPassword] = useState('');
    const [errors, setErrors] = useState({});
    const save = useConfirmedAction('user-save');
    const reset = useConfirmedAction('user-password');
    const self = user.id === session.user.id;
    const set = (name) => (value) => setForm({ ...form, [name]: value, ...(name === 'role' ? { org_id: '' } : {}) });
    const label = (name) => t(`users.field.${name}`);
    const shownErrors = (failure) => {
        const shown = {};
        for (const [field, message] of Object.entries(failure.fieldErrors ?? {})) shown[field] = localizeServerMessage(message, lang);
        return shown;
    };
    const submit = async (event) => {
        event.preventDefault();
        const problems = userEditProblems(form);
        setErrors(Object.fromEntries(Object.entries(problems).map(([name, key]) => [name, t(key, { field: label(name) })])));
        if (Object.keys(problems).length > 0) return;
        const { body, signsOut } = userChange(user, form);
        if (Object.keys(body).length === 0) {
            setErrors({ display_name: t('users.nothingChanged') });
            return;
        }
        let updated = null;
        const facts = [[label('display_name'), form.display_name.trim()], [label('role'), t(`role.${form.role}`)]];
        if (form.disabled !== Boolean(user.disabled)) facts.push([t('users.status'), form.disabled ? t('users.disabled') : t('users.active')]);
        const done = await save.run({ title: t('users.saveConfirm', { name: user.display_name }), facts,
            note: signsOut ? t('users.signsOutNote') : '', confirmLabel: t('users.save'), danger: form.disabled && !user.disabled,
            done: t('users.saved', { name: form.display_name.trim() }) }, async () => {
            try {
                updated = await api.patch(`users/${encodeURIComponent(user.id)}`, body);
            } catch (failure) {
                setErrors(shownErrors(failure));
                throw failure;
            }
        });
        // The server's answer is the editor's new baseline: a second change is measured from it.
        if (done) onSaved(updated);
    };
    const setNewPassword = async () => {
        if ([...password].length < PASSWORD_CHARS_MIN) {
            setErrors({ password: t('users.passwordShort', { min: PASSWORD_CHARS_MIN }) });
            return;
        }
        const done = await reset.run({ title: t('users.passwordConfirm', { name: user.display_name }), note: t('users.passwordNote'),
            confirmLabel: t('users.setPassword'), done: t('users.passwordSet', { name: user.display_name }) },
            () => api.put(`users/${encodeURIComponent(user.id)}/password`, { password }));
        if (done) setPassword('');
    };
    return html`
        <form class="card form" data-testid="user-edit" onSubmit=${submit} aria-labelledby="user-edit-title">
            <h2 id="user-edit-title">${t('users.editHeading', { name: user.display_name, username: user.username })}</h2>
            <div class="form-grid">
                <${TextField} id="user-edit-display_name" label=${label('display_name')} value=${form.display_name} onInput=${set('display_name')} error=${errors.display_name} />
                <${SelectField} id="user-edit-role" label=${label('role')} value=${form.role} onChange=${set('role')} error=${errors.role}
                    options=${ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
            </div>
            ${ROLE_ORG_KINDS[form.role] && html`<${OrganisationPicker} kinds=${ROLE_ORG_KINDS[form.role]} path="org_id" label=${label('org_id')}
                value=${form.org_id} onChange=${set('org_id')} error=${errors.org_id} testId="user-edit-org" searchId="user-edit-org-search" searchLabel=${t('users.findOrg')} />`}
            <label class="check">
                <input type="checkbox" id="user-edit-disabled" data-testid="user-edit-disabled" checked=${form.disabled} disabled=${self}
                    onChange=${(event) => set('disabled')(event.target.checked)} />
                ${t('users.disable')}
            </label>
            ${self && html`<p class="muted">${t('users.selfNote')}</p>`}
            <div class="button-row">
                <button type="submit" class="button primary" disabled=${save.busy} data-testid="user-edit-save">${t('users.save')}</button>
                <button type="button" class="button" data-testid="user-edit-close" onClick=${onClose}>${t('users.close')}</button>
            </div>
            ${save.feedback}${save.dialog}
            <div class="form-grid">
                <${TextField} id="user-edit-password" type="password" label=${t('users.newPassword')} value=${password} onInput=${setPassword}
                    error=${errors.password} autocomplete="new-password" />
            </div>
            <button type="button" class="button" disabled=${reset.busy} data-testid="user-edit-set-password" onClick=${setNewPassword}>${t('users.setPassword')}</button>
            ${reset.feedback}${reset.dialog}
        </form>`;
}

// Users are few (an administrator adds each): the list is searched, dated and sorted here, over the
// pages loaded, newest first.
function userColumns(t, onEdit) {
    const status = (u) => (u.disabled ? t('users.disabled') : u.locked_until ? t('users.locked') : t('users.active'));
    return [
        { id: 'name', label: t('users.field.display_name'), sortValue: (u) => u.display_name, cell: (u) => u.display_name },
        { id: 'username', label: t('users.field.username'), sortValue: (u) => u.username, cell: (u) => u.username },
        { id: 'role', label: t('users.field.role'), sortValue: (u) => t(`role.${u.role}`), cell: (u) => t(`role.${u.role}`) },
        { id: 'org', label: t('users.field.org_id'), cell: (u) => html`<${OrgName} id=${u.org_id} />` },
        { id: 'created', label: t('users.created'), sortValue: (u) => `${u.created_at} ${u.id}`, cell: (u) => formatDate(u.created_at) },
        { id: 'status', label: t('users.status'), sortValue: status, cell: status },
        ...(onEdit ? [{ id: 'edit', label: t('users.actions'), cell: (u) => html`
            <button type="button" class="button small" data-testid="user-edit-open" aria-label=${t('users.editOf', { name: u.display_name })}
                onClick=${() => onEdit(u)}>${t('users.edit')}</button>` }] : []),
    ];
}

export function UsersPage() {
    const { t, session } = useApp();
    const [round, setRound] = useState(0);
    const [search, setSearch] = useState({});
    const [editing, setEditing] = useState(null);
    const admin = session.user.role === 'admin';
    const list = useCursorList((cursor) => `users?limit=${USERS_PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, String(round));
    return html`
        <div class="page" data-testid="users-page">
            <div class="page-head with-actions">
                <h1>${t('users.heading')}</h1>
                <div class="actions"><${Link} href="/backups" class="button" data-testid="users-backups-link">${t('backups.link')}<//></div>
            </div>
            ${admin && html`<${NewUserForm} onAdded=${() => setRound(round + 1)} />`}
            ${admin && editing && html`<${UserEditor} key=${editing.id} user=${editing} onClose=${() => setEditing(null)}
                onSaved=${(updated) => { setEditing(updated); setRound(round + 1); }} />`}
            <section class="card table-scroll">
                ${list.phase === 'loading' && html`<${Loading} />`}
                ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} />`}
                ${list.phase === 'ready' && html`
                    <${ListWindow} window=${search} onChange=${setSearch} testId="users" searchLabel=${t('users.search')} dateLabel=${t('users.dates')} />
                    <${DataTable} testId="users" columns=${userColumns(t, admin ? setEditing : null)} initialSort=${{ column: 'created', dir: 'desc' }}
                        rows=${filterRows(list.items, search, { texts: (u) => [u.display_name, u.username], date: (u) => formatDate(u.created_at) })}
                        rowKey=${(u) => u.id} rowProps=${(u) => ({ 'data-testid': 'user-row', 'data-username': u.username })} />
                    <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} />`}
            </section>
        </div>`;
}

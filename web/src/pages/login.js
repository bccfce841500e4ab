// The sign-in form. Empty fields are caught here; everything else (wrong password, locked account,
// a field the server refuses) comes from the API and is shown next to the field it names, or above
// the form. On success App's route guard takes the user to ?next= or the dashboard.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { signIn } from '../session.js';
import { describeError, isLockedError, localize } from '../errors.js';
import { Alert } from '../components/alert.js';
import { TextField } from '../components/field.js';
import { Brand } from '../components/brand.js';
import { LangSwitch } from '../components/lang-switch.js';
import { Link } from '../router.js';

const FIELDS = ['username', 'password'];
const SECONDS_PER_MINUTE = 60;

const NOTICES = {
    expired: 'login.notice.expired',
    'signed-out': 'login.notice.signedOut',
};

function requiredErrors(values) {
    const errors = {};
    for (const field of FIELDS) {
        if (!values[field].trim()) {
            errors[field] = { key: 'validation.required', params: { field: { key: `login.${field}` } } };
        }
    }
    return errors;
}

// Splits a refused sign-in into messages for the fields and one for the whole form.
function failureMessages(error) {
    if (isLockedError(error)) {
        const minutes = error.retryAfterS ? Math.ceil(error.retryAfterS / SECONDS_PER_MINUTE) : 0;
        return { fields: {}, form: minutes ? { key: 'login.error.locked', params: { minutes } } : { key: 'login.error.lockedLater' } };
    }
    if (error?.status === 401) return { fields: {}, form: { key: 'login.error.invalid' } };
    if (error?.hasFieldErrors) {
        const fields = {};
        const others = [];
        for (const [field, message] of Object.entries(error.fieldErrors)) {
            if (FIELDS.includes(field)) fields[field] = message;
            else others.push(field ? `${field}: ${message}` : message);
        }
        return { fields, form: others.length ? others.join(' ') : { key: 'validation.fixBelow' } };
    }
    return { fields: {}, form: describeError(error) };
}

export function LoginPage({ location }) {
    const { t, setSession } = useApp();
    const [values, setValues] = useState({ username: '', password: '' });
    const [fieldErrors, setFieldErrors] = useState({});
    const [formError, setFormError] = useState(null);
    const [busy, setBusy] = useState(false);
    const refs = { username: useRef(null), password: useRef(null) };
    const notice = NOTICES[location.query.get('reason')];

    useEffect(() => refs.username.current?.focus(), []);

    const setValue = (field) => (value) => {
        setValues((previous) => ({ ...previous, [field]: value }));
        setFieldErrors((previous) => ({ ...previous, [field]: undefined }));
    };

    const focusFirstInvalid = (errors) => {
        const first = FIELDS.find((field) => errors[field]);
        if (first) refs[first].current?.focus();
    };

    const onSubmit = async (event) => {
        event.preventDefault();
        const missing = requiredErrors(values);
        setFormError(null);
        setFieldErrors(missing);
        if (Object.keys(missing).length) return focusFirstInvalid(missing);
        setBusy(true);
        try {
            const { user, expiresAt } = await signIn(values.username.trim(), values.password);
            setSession({ status: 'signed-in', user, expiresAt });
        } catch (error) {
            const messages = failureMessages(error);
            setFieldErrors(messages.fields);
            setFormError(messages.form);
            setValues((previous) => ({ ...previous, password: '' }));
            setBusy(false);
            focusFirstInvalid(messages.fields);
        }
    };

    return html`
        <div class="login-screen">
            <div class="login-top"><${LangSwitch} /></div>
            <main class="login-card">
                <${Brand} />
                <h1 data-testid="login-heading">${t('login.heading')}</h1>
                <p class="muted">${t('login.intro')}</p>
                ${notice && !formError && html`<${Alert} kind="info" testId="login-notice">${t(notice)}<//>`}
                ${formError && html`<${Alert} kind="error" testId="login-error">${localize(t, formError)}<//>`}
                <form class="form" onSubmit=${onSubmit} novalidate data-testid="login-form">
                    <${TextField} id="username" label=${t('login.username')} value=${values.username}
                        onInput=${setValue('username')} error=${localize(t, fieldErrors.username)}
                        autocomplete="username" inputRef=${refs.username} />
                    <${TextField} id="password" type="password" label=${t('login.password')} value=${values.password}
                        onInput=${setValue('password')} error=${localize(t, fieldErrors.password)}
                        autocomplete="current-password" inputRef=${refs.password} />
                    <button type="submit" class="button primary block" disabled=${busy} data-testid="login-submit">
                        ${busy ? t('login.submitting') : t('login.submit')}
                    </button>
                </form>
                <p class="login-public small"><${Link} href="/catalogue" data-testid="login-catalogue">${t('login.browseCatalogue')}<//></p>
            </main>
            <footer class="login-footer muted">${t('app.footer')}</footer>
        </div>`;
}

// The signed-in user's name and role, opening a menu with the account details and "sign out".
import { useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { navigate, loginPath } from '../router.js';
import { signOut } from '../session.js';
import { describeError, localize } from '../errors.js';
import { Alert } from './alert.js';
import { useDismiss } from './dismiss.js';

function initials(name) {
    const letters = Array.from(name.trim());
    return (letters.length <= 2 ? letters : letters.slice(0, 2)).join('').toUpperCase();
}

export function UserMenu() {
    const { t, session, setSession } = useApp();
    const [open, setOpen] = useState(false);
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState(null);
    const rootRef = useRef(null);
    const buttonRef = useRef(null);
    useDismiss(open, setOpen, rootRef, buttonRef);
    const { user } = session;

    const onSignOut = async () => {
        setBusy(true);
        setError(null);
        try {
            await signOut();
            setSession({ status: 'anonymous', user: null });
            navigate(loginPath('/', 'signed-out'), { replace: true });
        } catch (failure) {
            setError(describeError(failure));
            setBusy(false);
        }
    };

    return html`
        <div class="user-menu" ref=${rootRef}>
            <button type="button" class="user-button" ref=${buttonRef} aria-expanded=${open ? 'true' : 'false'} aria-controls="user-menu-panel"
                    data-testid="user-menu" onClick=${() => setOpen(!open)}>
                <span class="avatar" aria-hidden="true">${initials(user.displayName)}</span>
                <span class="user-button-text">
                    <span class="user-name" data-testid="user-name">${user.displayName}</span>
                    <span class="user-role">${t(`role.${user.role}`)}</span>
                </span>
                <span class="visually-hidden">${t('user.menu')}</span>
                <span class="caret" aria-hidden="true"></span>
            </button>
            ${open && html`
                <div class="menu" id="user-menu-panel">
                    <dl class="menu-details">
                        <dt>${t('user.username')}</dt><dd>${user.username}</dd>
                        <dt>${t('user.role')}</dt><dd>${t(`role.${user.role}`)}</dd>
                        <dt>${t('user.organisation')}</dt><dd>${user.organisationName ?? (user.orgId ? '…' : t('user.noOrganisation'))}</dd>
                    </dl>
                    ${error && html`<${Alert} kind="error" testId="sign-out-error">${localize(t, error)}<//>`}
                    <button type="button" class="menu-item danger" disabled=${busy}
                            data-testid="sign-out" onClick=${onSignOut}>
                        ${busy ? t('user.signingOut') : t('user.signOut')}
                    </button>
                </div>`}
        </div>`;
}

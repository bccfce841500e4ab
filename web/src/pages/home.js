// The dashboard after sign-in: who is signed in (name, role, organisation), the session, and the
// server's health. The catalog pages of later issues add their own cards and navigation items.
import { useEffect } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { loadCurrentUser } from '../session.js';
import { formatDateTime } from '../format.js';
import { HealthCard } from '../components/health-card.js';

function AccountCard() {
    const { t, session } = useApp();
    const { user } = session;
    return html`
        <section class="card" aria-labelledby="account-title" data-testid="account-card">
            <h2 id="account-title">${t('home.account')}</h2>
            <dl class="details">
                <dt>${t('home.displayName')}</dt><dd data-testid="account-name">${user.displayName}</dd>
                <dt>${t('user.username')}</dt><dd data-testid="account-username">${user.username}</dd>
                <dt>${t('user.role')}</dt><dd data-testid="account-role">${t(`role.${user.role}`)}</dd>
                <dt>${t('user.organisation')}</dt>
                <dd data-testid="account-org">${user.organisationName ?? user.orgId ?? t('user.noOrganisation')}</dd>
            </dl>
        </section>`;
}

function SessionCard() {
    const { t, session } = useApp();
    let expires = '—';
    try {
        if (session.expiresAt !== null && session.expiresAt !== undefined) expires = formatDateTime(session.expiresAt);
    } catch {
        // An unreadable time stays "—" rather than breaking the page.
    }
    return html`
        <section class="card" aria-labelledby="session-title" data-testid="session-card">
            <h2 id="session-title">${t('home.session')}</h2>
            <dl class="details">
                <dt>${t('home.expiresAt')}</dt><dd data-testid="session-expires">${expires}</dd>
            </dl>
            <p class="muted small">${t('home.timeZone')}</p>
        </section>`;
}

export function HomePage() {
    const { t, session, setSession } = useApp();

    // The dashboard shows the account as the server has it now (a role may have changed since
    // sign-in); a session that has ended meanwhile sends the user to the login page (api.js).
    useEffect(() => {
        loadCurrentUser({ redirectOn401: true })
            .then((current) => {
                if (!current) return;
                setSession((previous) => (previous.status === 'signed-in'
                    ? { ...previous, user: current.user, expiresAt: current.expiresAt ?? previous.expiresAt }
                    : previous));
            })
            .catch(() => {
                // Network trouble: keep what we have; the health card reports the outage.
            });
    }, []);

    return html`
        <div class="page">
            <div class="page-head">
                <h1 data-testid="home-heading">${t('home.welcome', { name: session.user.displayName })}</h1>
                <p class="muted">${t('home.intro')}</p>
            </div>
            <div class="grid">
                <${AccountCard} />
                <${SessionCard} />
                <${HealthCard} />
            </div>
        </div>`;
}

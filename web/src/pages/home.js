// The dashboard after sign-in: who is signed in (name, role, organisation), the session, the
// server's health, and this year's aid sales by county for the roles that have aid sales to see
// (the full dashboard with months, quotas and exports is /reports).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { Link } from '../router.js';
import { loadCurrentUser } from '../session.js';
import { formatDateTime, formatMoneyCompact, yearInShanghai } from '../format.js';
import { aidSalesPath, mayReadAidSales, totalsBy } from '../orders/model.js';
import { HealthCard } from '../components/health-card.js';
import { Bars } from '../components/aid-charts.js';

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
                <dd data-testid="account-org">${user.organisationName ?? (user.orgId ? '…' : t('user.noOrganisation'))}</dd>
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

// This year's aid sales by county, as the server scopes them to the user. Not asked for a role that
// has none to see (mayReadAidSales: the API would answer 403), and absent when the request fails
// anyway: the rest of the page does not depend on it.
function AidSalesCard() {
    const { t, lang, session } = useApp();
    const role = session.user.role;
    const year = yearInShanghai();
    const [report, setReport] = useState(null);
    useEffect(() => {
        setReport(null);
        if (!mayReadAidSales(role)) return undefined;
        let live = true;
        api.get(aidSalesPath({ groupBy: ['county'], year })).then(
            (value) => { if (live) setReport(value); },
            () => { if (live) setReport(null); });
        return () => { live = false; };
    }, [role]);
    if (!report) return null;
    const counties = totalsBy(report, 'county', (code) => t(`county.${code}`));
    return html`
        <section class="card" aria-labelledby="aid-sales-title" data-testid="home-aid-sales">
            <h2 id="aid-sales-title">${t('home.aidSales', { year })}</h2>
            <p data-testid="home-aid-total">${t('reports.total')}: ${formatMoneyCompact(BigInt(report.totals.amount_fen), lang)}</p>
            ${counties.length === 0
                ? html`<p class="muted" data-testid="home-aid-empty">${t('home.aidSalesEmpty')}</p>`
                : html`<${Bars} entries=${counties} testId="home-chart-county" label=${t('home.aidSales', { year })} file=${`aid-sales-by-county-${year}`} />`}
            <p class="small"><${Link} href="/reports" data-testid="home-aid-more">${t('home.aidSalesMore')}<//></p>
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
            <${AidSalesCard} />
        </div>`;
}

// A page the user's role may not open (page-access.js), reached by a typed or old link: says so and
// leads home, without calling the API the page would have called.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { Link } from '../router.js';

export function ForbiddenPage() {
    const { t, session } = useApp();
    return html`
        <div class="page narrow">
            <h1 data-testid="forbidden-heading">${t('forbidden.title')}</h1>
            <p class="muted" data-testid="forbidden-text">${t('forbidden.text', { role: t(`role.${session.user?.role}`) })}</p>
            <p><${Link} href="/" class="button" data-testid="forbidden-home">${t('forbidden.back')}<//></p>
        </div>`;
}

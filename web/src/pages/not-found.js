// Any path no route matches (the server answers unknown non-API paths with index.html).
import { html } from '../html.js';
import { useApp } from '../context.js';
import { Link } from '../router.js';

export function NotFoundPage() {
    const { t } = useApp();
    return html`
        <div class="page narrow">
            <h1 data-testid="not-found-heading">${t('notFound.title')}</h1>
            <p class="muted">${t('notFound.text')}</p>
            <p><${Link} href="/" class="button" data-testid="not-found-home">${t('notFound.back')}<//></p>
        </div>`;
}

// The product mark and name, in the header and on the login card.
import { html } from '../html.js';
import { useApp } from '../context.js';

export function Brand() {
    const { t } = useApp();
    return html`
        <span class="brand">
            <span class="brand-mark" aria-hidden="true">喀</span>
            <span class="brand-text">
                <span class="brand-name">${t('app.name')}</span>
                <span class="brand-tagline">${t('app.tagline')}</span>
            </span>
        </span>`;
}

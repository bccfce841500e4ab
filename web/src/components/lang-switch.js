// 中文 / English. Each label is written in its own language so it can be found whatever is shown.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { LANGUAGES } from '../i18n/index.js';

export function LangSwitch() {
    const { lang, setLang, t } = useApp();
    return html`
        <div class="lang-switch" role="group" aria-label=${t('lang.label')} data-testid="lang-switch">
            ${LANGUAGES.map(({ code, label }) => html`
                <button
                    type="button"
                    key=${code}
                    lang=${code}
                    class=${code === lang ? 'active' : ''}
                    aria-pressed=${code === lang ? 'true' : 'false'}
                    data-testid=${`lang-${code}`}
                    onClick=${() => setLang(code)}
                >${label}</button>`)}
        </div>`;
}

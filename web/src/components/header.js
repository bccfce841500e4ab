// The top bar: brand, main navigation (grows with the catalog pages), language switch, user menu.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { Link } from '../router.js';
import { NAV_ITEMS } from '../routes.js';
import { LangSwitch } from './lang-switch.js';
import { UserMenu } from './user-menu.js';
import { Brand } from './brand.js';

export function Header({ pathname }) {
    const { t } = useApp();
    return html`
        <header class="app-header">
            <${Link} href="/" class="brand-link"><${Brand} /><//>
            <nav class="main-nav" aria-label=${t('nav.main')}>
                ${NAV_ITEMS.map((item) => html`
                    <${Link} key=${item.path} href=${item.path} data-testid=${`nav-${item.id}`}
                        class=${pathname === item.path ? 'active' : ''}
                        aria-current=${pathname === item.path ? 'page' : undefined}>${t(item.labelKey)}<//>`)}
            </nav>
            <div class="header-tools">
                <${LangSwitch} />
                <${UserMenu} />
            </div>
        </header>`;
}

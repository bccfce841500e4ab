// The top bar: brand, main navigation, language switch, user menu. PublicHeader is the signed-out
// visitor's: brand, the public pages, language switch and a link to sign in. The items come from
// nav.js, which (unlike routes.js) imports no page: components never reach back up to the pages.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { Link, loginPath } from '../router.js';
import { isNavCurrent, NAV_ITEMS } from '../nav.js';
import { LangSwitch } from './lang-switch.js';
import { UserMenu } from './user-menu.js';
import { Brand } from './brand.js';

function MainNav({ items, pathname }) {
    const { t } = useApp();
    return html`
        <nav class="main-nav" aria-label=${t('nav.main')}>
            ${items.map((item) => html`
                <${Link} key=${item.path} href=${item.path} data-testid=${`nav-${item.id}`}
                    class=${isNavCurrent(item, pathname) ? 'active' : ''}
                    aria-current=${pathname === item.path ? 'page' : undefined}>${t(item.labelKey)}<//>`)}
        </nav>`;
}

export function Header({ pathname }) {
    return html`
        <header class="app-header two-tier">
            <${Link} href="/" class="brand-link"><${Brand} /><//>
            <${MainNav} items=${NAV_ITEMS} pathname=${pathname} />
            <div class="header-tools">
                <${LangSwitch} />
                <${UserMenu} />
            </div>
        </header>`;
}

export function PublicHeader({ pathname, search = '' }) {
    const { t } = useApp();
    return html`
        <header class="app-header">
            <${Link} href="/catalogue" class="brand-link"><${Brand} /><//>
            <${MainNav} items=${NAV_ITEMS.filter((item) => item.public)} pathname=${pathname} />
            <div class="header-tools">
                <${LangSwitch} />
                <${Link} href=${loginPath(pathname + search)} class="button small primary" data-testid="nav-sign-in">${t('nav.signIn')}<//>
            </div>
        </header>`;
}

// The top bar: brand, main navigation, language switch, user menu. PublicHeader is the signed-out
// visitor's: brand, the public pages, language switch and a link to sign in. The items come from
// nav.js, which (unlike routes.js) imports no page: components never reach back up to the pages.
// Signed in, the navigation holds only the pages the user's role may open (page-access.js), grouped
// by task; on a phone it folds behind a menu button instead of wrapping onto three rows.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { Link, loginPath } from '../router.js';
import { isNavCurrent, navGroupsFor, publicNavGroups } from '../nav.js';
import { LangSwitch } from './lang-switch.js';
import { UserMenu } from './user-menu.js';
import { Brand } from './brand.js';
import { NavIcon } from './nav-icon.js';
import { useDismiss } from './dismiss.js';

function NavGroup({ group, pathname, labelled }) {
    const { t } = useApp();
    return html`
        <div class="nav-group" role="group" aria-label=${t(group.labelKey)} data-testid=${`nav-group-${group.id}`}>
            ${labelled && html`<span class="nav-group-label" aria-hidden="true">${t(group.labelKey)}</span>`}
            ${group.items.map((item) => html`
                <${Link} key=${item.path} href=${item.path} data-testid=${`nav-${item.id}`}
                    class=${isNavCurrent(item, pathname) ? 'active' : ''}
                    aria-current=${pathname === item.path ? 'page' : undefined}>
                    <${NavIcon} name=${item.icon} /><span>${t(item.labelKey)}</span>
                <//>`)}
        </div>`;
}

function MainNav({ groups, pathname, open, id }) {
    const { t } = useApp();
    return html`
        <nav class=${`main-nav${open ? ' open' : ''}`} id=${id} aria-label=${t('nav.main')} data-testid="main-nav">
            ${groups.map((group) => html`<${NavGroup} key=${group.id} group=${group} pathname=${pathname} labelled=${groups.length > 1} />`)}
        </nav>`;
}

// The phone's menu button: opens the navigation as a panel; Escape or a click outside closes it
// (Escape gives the focus back to the button), and following a link closes it.
function useNavPanel(pathname) {
    const [open, setOpen] = useState(false);
    const buttonRef = useRef(null);
    const rootRef = useRef(null);
    useEffect(() => setOpen(false), [pathname]);
    useDismiss(open, setOpen, rootRef, buttonRef);
    return { open, setOpen, buttonRef, rootRef };
}

export function Header({ pathname }) {
    const { t, session } = useApp();
    const groups = navGroupsFor(session.user?.role);
    const { open, setOpen, buttonRef, rootRef } = useNavPanel(pathname);
    return html`
        <header class="app-header two-tier" ref=${rootRef}>
            <button type="button" class="nav-toggle" ref=${buttonRef} aria-expanded=${open ? 'true' : 'false'}
                    aria-controls="main-nav" data-testid="nav-toggle" onClick=${() => setOpen(!open)}>
                <${NavIcon} name="menu" /><span class="visually-hidden">${t('nav.menu')}</span>
            </button>
            <${Link} href="/" class="brand-link"><${Brand} /><//>
            <${MainNav} groups=${groups} pathname=${pathname} open=${open} id="main-nav" />
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
            <${MainNav} groups=${publicNavGroups()} pathname=${pathname} open=${true} id="public-nav" />
            <div class="header-tools">
                <${LangSwitch} />
                <${Link} href=${loginPath(pathname + search)} class="button small primary" data-testid="nav-sign-in">${t('nav.signIn')}<//>
            </div>
        </header>`;
}

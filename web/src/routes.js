// The console's pages. A new page is one module under pages/ and one line here (and, if it belongs
// in the top bar, one in NAV_ITEMS). access: 'user' needs a session, 'guest' is for signed-out
// users only (signed-in users are sent on), 'any' is public (e.g. the coming trace page /t/:code).
import { HomePage } from './pages/home.js';
import { LoginPage } from './pages/login.js';
import { NotFoundPage } from './pages/not-found.js';

export const ROUTES = [
    { id: 'home', path: '/', page: HomePage, access: 'user', titleKey: 'home.title' },
    { id: 'login', path: '/login', page: LoginPage, access: 'guest', titleKey: 'login.title', bare: true },
];

export const NOT_FOUND_ROUTE = { id: 'not-found', path: '', page: NotFoundPage, access: 'any', titleKey: 'notFound.title' };

export const NAV_ITEMS = [
    { id: 'home', path: '/', labelKey: 'nav.home' },
];

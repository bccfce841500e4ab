// Pure helpers of the catalogue pages: names in the reader's language, the category tree as a
// list for a <select>, a brand standard's grades best first, the catalogue's filters in the address
// bar and in the API query, and the consumption-aid status of a product's certifications.
import { addDays } from '../format.js';

/** The ids of the consumption-aid states, as the API names them (catalog_types.h: CertStatus). */
export const CERT_STATUSES = ['none', 'in_notice', 'certified', 'expired', 'revoked'];
// The badge colour of each state (styles.css: .badge-<kind>).
const CERT_BADGES = { none: 'neutral', in_notice: 'notice', certified: 'ok', expired: 'neutral', revoked: 'down' };

/** The enumerations the forms offer, in the server's order (catalog_types.h). */
export const ORG_KINDS = ['enterprise', 'cooperative', 'family_workshop', 'household', 'buyer', 'logistics', 'agency'];
export const PRODUCER_KINDS = ['enterprise', 'cooperative', 'family_workshop', 'household'];
export const BUYER_CHANNELS = ['wholesale_market', 'supermarket', 'ecommerce', 'fresh_market', 'cooperative', 'group_dining', 'vending_counter', 'budget_unit'];
export const SALES_CHANNELS = ['fair_intent', 'fair_onsite', 'wholesale', 'supermarket', 'ecommerce', 'livestream', 'canteen', 'vending_counter'];
export const UNIT_KINDS = ['kg', 'jin', 'box', 'piece'];
export const PRODUCT_STATUSES = ['draft', 'active', 'withdrawn'];
export const PACKAGING_TYPES = ['carton', 'gift_box', 'bag', 'vacuum_bag', 'crate', 'tray', 'jar', 'bottle', 'bulk'];
export const COLD_CHAINS = ['ambient', 'chilled_0_4', 'chilled_0_10', 'frozen_minus18'];

/**
 * The name of a record in `lang`: English pages show name_en when there is one, Chinese pages
 * name_zh (or `name`, the registered name organisations carry). Falls back to whichever exists.
 */
export function localName(record, lang) {
    if (!record || typeof record !== 'object') return '';
    const zh = record.name_zh || record.name || '';
    const en = record.name_en || '';
    return lang === 'en' ? en || zh : zh || en;
}

/** The other language's name, shown small under the main one when it differs (or ''). */
export function secondaryName(record, lang) {
    if (!record || typeof record !== 'object') return '';
    const zh = record.name_zh || record.name || '';
    const en = record.name_en || '';
    const other = lang === 'en' ? zh : en;
    return other && other !== localName(record, lang) ? other : '';
}

/**
 * A brand standard's grades, best (rank 1) first; [] for none. Takes the standard or the answer of
 * GET /products/{id}/standard that holds it.
 */
export function gradesByRank(standard) {
    const inner = standard?.standard ?? standard;
    return [...(inner?.grades ?? [])].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
}

/** The code of a standard's best grade, or '' when it has none. */
export function bestGrade(standard) {
    return gradesByRank(standard)[0]?.code ?? '';
}

/**
 * The code of a standard's lowest grade (its last by rank), or '' when it has none: as a minimum, the
 * one that lets every grade of the product through.
 */
export function lowestGrade(standard) {
    return gradesByRank(standard).at(-1)?.code ?? '';
}

/** A grade <select>'s options, best first, labelled "A 特级" (code, then the name in the reader's language). */
export function gradeOptions(standard, lang) {
    return gradesByRank(standard).map((grade) => ({ value: grade.code, label: `${grade.code} ${localName(grade, lang)}` }));
}

function bySortOrder(a, b) {
    const order = (a.sort_order ?? 0) - (b.sort_order ?? 0);
    if (order !== 0) return order;
    return String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0;
}

// Nested nodes ({…, children: [...]}) or a flat list with parent_id → the roots with children.
function rootsOf(tree) {
    const nodes = Array.isArray(tree) ? tree : Array.isArray(tree?.items) ? tree.items : Array.isArray(tree?.categories) ? tree.categories : [];
    if (nodes.some((node) => Array.isArray(node.children))) return nodes;
    const byId = new Map(nodes.map((node) => [node.id, { ...node, children: [] }]));
    const roots = [];
    for (const node of byId.values()) {
        const parent = node.parent_id ? byId.get(node.parent_id) : null;
        (parent ? parent.children : roots).push(node);
    }
    return roots;
}

/**
 * The category tree as a list in display order (siblings by sort_order, then id), each entry
 * { id, depth, name_zh, name_en, parentId } — for a <select> with indented options.
 */
export function flattenCategories(tree) {
    const out = [];
    const seen = new Set();
    const visit = (nodes, depth, parentId) => {
        for (const node of [...nodes].sort(bySortOrder)) {
            if (seen.has(node.id)) continue; // A cycle in bad data must not hang the page.
            seen.add(node.id);
            out.push({ id: node.id, depth, name_zh: node.name_zh ?? '', name_en: node.name_en ?? '', parentId });
            visit(node.children ?? [], depth + 1, node.id);
        }
    };
    visit(rootsOf(tree), 0, null);
    return out;
}

/** The names from the root to `id` ("坚果干果 › 核桃"), from a flattenCategories list. */
export function categoryTrail(flat, id, lang) {
    const byId = new Map(flat.map((entry) => [entry.id, entry]));
    const names = [];
    for (let entry = byId.get(id); entry && names.length <= flat.length; entry = byId.get(entry.parentId)) {
        names.unshift(localName(entry, lang));
    }
    return names.join(' › ');
}

// The catalogue's filters as they appear in the console's address (?q=…&county=…) and, renamed
// where needed, in GET /api/v1/products. "certified" is a yes/no in the address and becomes
// certified_on=<today in Shanghai> for the API.
// `from`/`to` (the day a product was added, Beijing time) go to the API as they are; `view` ('table',
// or the cards by default) stays in the address.
export const CATALOGUE_FILTERS = ['q', 'county', 'category', 'channel', 'certified', 'from', 'to', 'view'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters in an address query (URLSearchParams); unknown parameters are ignored. */
export function filtersFromQuery(query) {
    const filters = {};
    for (const name of CATALOGUE_FILTERS) {
        const value = (query.get(name) ?? '').trim();
        if (!value || ((name === 'from' || name === 'to') && !DAY.test(value))) continue;
        filters[name] = name === 'certified' ? value === '1' || value === 'true' : value;
    }
    if (filters.view !== 'table') delete filters.view;
    if (!filters.certified) delete filters.certified;
    return filters;
}

/** The address query for `filters` ("" when none), in a stable order. */
export function queryFromFilters(filters) {
    const query = new URLSearchParams();
    for (const name of CATALOGUE_FILTERS) {
        const value = filters[name];
        if (name === 'certified') {
            if (value) query.set(name, '1');
        } else if (typeof value === 'string' && value.trim()) {
            query.set(name, value.trim());
        }
    }
    const text = query.toString();
    return text ? `?${text}` : '';
}

/**
 * The API path listing products for `filters`: products?q=…&county=…&certified_on=2025-03-05&limit=…
 * &cursor=…. `today` is the date in Asia/Shanghai (format.js formatDate), `extra` adds fixed
 * filters (producer=… on an organisation's page); `newest` lists the newest first (sort=newest).
 */
export function productsPath(filters, { today, limit, cursor, extra = {}, newest = false } = {}) {
    const query = new URLSearchParams();
    for (const name of ['q', 'county', 'category', 'channel', 'from', 'to']) {
        if (typeof filters[name] === 'string' && filters[name].trim()) query.set(name, filters[name].trim());
    }
    if (filters.certified && today) query.set('certified_on', today);
    for (const [name, value] of Object.entries(extra)) {
        if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
    }
    if (newest) query.set('sort', 'newest');
    if (limit) query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    const text = query.toString();
    return text ? `products?${text}` : 'products';
}

/**
 * The spreadsheet export of a list: GET /api/v1/exports/<list>.<csv|xlsx> takes the list's filters
 * (not its page), so the file holds every row the filters select. `listPath` is what productsPath or
 * organisationsPath returned without limit or cursor.
 */
export function exportPath(listPath, format) {
    if (format !== 'csv' && format !== 'xlsx') throw new Error(`unknown export format ${format}`);
    const [list, query] = listPath.split('?');
    return `/api/v1/exports/${list}.${format}${query ? `?${query}` : ''}`;
}

/** Same for GET /api/v1/organisations with kind, county, district, channel, q. */
export const ORGANISATION_FILTERS = ['q', 'kind', 'county', 'district', 'channel'];

export function organisationsPath(filters, { limit, cursor } = {}) {
    const query = new URLSearchParams();
    for (const name of ORGANISATION_FILTERS) {
        if (typeof filters[name] === 'string' && filters[name].trim()) query.set(name, filters[name].trim());
    }
    if (limit) query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    const text = query.toString();
    return text ? `organisations?${text}` : 'organisations';
}

/** Any list answer's items: { items: [...] }, { products: [...] }, { organisations: [...] } or a bare array. */
export function itemsOf(answer, name) {
    if (Array.isArray(answer)) return answer;
    if (Array.isArray(answer?.items)) return answer.items;
    if (name && Array.isArray(answer?.[name])) return answer[name];
    return [];
}

/** The cursor of the next page, or null on the last page. */
export function nextCursorOf(answer) {
    const cursor = answer?.next_cursor;
    return typeof cursor === 'string' && cursor ? cursor : null;
}

/** The badge colour of a consumption-aid state. */
export function certBadge(status) {
    return CERT_BADGES[status] ?? 'neutral';
}

// "YYYY-MM-DD" strings compare as dates.
function isDate(text) {
    return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text);
}

// Date arithmetic lives with the other date helpers; kept importable from here for the catalogue's code.
export { addDays };

/**
 * The state of one certification on `date` (catalog_types.h: certification_state): none before
 * valid_from, revoked from the revocation date, expired after valid_to, in_notice during the notice
 * period, certified otherwise. Used when the API's answer does not carry the state itself.
 */
export function certificationState(certification, date) {
    const { valid_from: from, valid_to: to } = certification ?? {};
    if (!isDate(from) || !isDate(to) || !isDate(date)) return 'none';
    if (date < from) return 'none';
    const revokedOn = certification.revocation?.effective_on ?? certification.revoked_on;
    if (isDate(revokedOn) && date >= revokedOn) return 'revoked';
    if (date > to) return 'expired';
    const certifiedFrom = isDate(certification.certified_from)
        ? certification.certified_from
        : addDays(from, Number(certification.notice_days) || 0);
    return date < certifiedFrom ? 'in_notice' : 'certified';
}

/**
 * The product's state on `date` over all its certifications: certified beats in_notice beats
 * revoked beats expired beats none (a product with a current certificate is certified whatever
 * older ones say). Uses each certification's own `status` when the API sends one.
 */
export function productCertState(certifications, date) {
    const rank = { certified: 4, in_notice: 3, revoked: 2, expired: 1, none: 0 };
    let best = 'none';
    for (const certification of certifications ?? []) {
        const state = CERT_STATUSES.includes(certification?.status) ? certification.status : certificationState(certification, date);
        if (rank[state] > rank[best]) best = state;
    }
    return best;
}

/**
 * What the signed-in user may do with a product, by the rules of DESIGN.md (the API enforces them;
 * the console uses this only to offer the right buttons): admin edits everything, a producer its
 * own organisation's products; a county officer certifies products of its county.
 */
export function productPermissions(user, product, officerCounty = null) {
    if (!user || !product) return { edit: false, certify: false };
    const own = user.role === 'producer' && Boolean(user.orgId) && user.orgId === product.producer_id;
    return {
        edit: user.role === 'admin' || own,
        certify: user.role === 'county_officer' && Boolean(officerCounty) && officerCounty === product.county,
    };
}

/** May this user create products (admin for anyone, a producer for its own organisation)? */
export function canCreateProducts(user) {
    return user?.role === 'admin' || (user?.role === 'producer' && Boolean(user.orgId));
}

// One page for every kind of market listing (supply offers, buyer demands): the heading, the "CSV /
// Excel" export links, "Import CSV" and the create form for the roles that list this kind, and the
// list with "load more" and "withdraw". The page module of a kind passes in what differs, `kind`:
//   path          'offers': the API's list/create/import/export path, the i18n section of the page's
//                 labels (<path>.heading, .intro, .new, .submit, .created, .none: LISTING_LABELS)
//                 and the page's test ids ('offers-table')
//   one           'offer': one listing, the side mayList/mayWithdraw know (market/model.js), the
//                 form's test ids and input ids ('offer-form', 'offer-quantity'), 'data-offer-id'
//   blank()       the form's values besides org_id, empty (dates today)
//   body          form → { ok: true, body } | { ok: false, errors } (market/model.js)
//   serverFields  the API's field name → the form's (quantity_g → quantity), for its field problems
//   useFields     hook ({ form, set }) → the form's inputs after the admin's organisation, in order:
//                 [{ id, name, labelKey, type?, options? }] (`options`: a select; else an input)
//   columns       the list's columns before the ones every kind has (organisation, day listed, status):
//                 [{ id, labelKey, cell(listing, { t, lang }), sortValue?(listing, { t, lang }), num? }]
//                 (a column without sortValue does not sort)
// The list is the API's, newest first, searched and dated by the API (q, from, to: the day listed) with
// the window and the status filter kept in the address (useWindowedList); its headers sort the rows
// loaded (DataTable).
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, idempotencyKeys } from '../api.js';
import { formatDate, formatWeight, todayInShanghai } from '../format.js';
import { mayList, mayWithdraw } from '../market/model.js';
import { LoadError, Loading, LoadMore } from './catalog-bits.js';
import { TextField } from './field.js';
import { Alert } from './alert.js';
import { ExportLinks } from './export-links.js';
import { ImportCsv } from './import-csv.js';
import { WithdrawButton } from './withdraw-button.js';
import { SelectField, useMarketForm } from './market-form.js';
import { DataTable, ListWindow, useWindowedList } from './data-table.js';

/** The labels every kind has under its own section: t(`${kind.path}.${label}`). */
export const LISTING_LABELS = ['heading', 'intro', 'new', 'submit', 'created', 'none'];

/** Today in Beijing time as YYYY-MM-DD, a date field's first value. */
export function today() {
    return todayInShanghai();
}

// Every listing is a quantity of something; its input and column are the same in each kind.
export const QUANTITY_FIELD = { id: 'quantity', name: 'quantity', labelKey: 'market.quantity' };
export const QUANTITY_COLUMN = { id: 'quantity', labelKey: 'market.quantity', num: true, sortValue: (listing) => BigInt(listing.quantity_g),
    cell: (listing, { lang }) => formatWeight(listing.quantity_g, 'kg', lang) };

/** The statuses a listing has, for the list's filter (listingStatus.<status> labels). */
export const LISTING_STATUSES = ['open', 'withdrawn'];
// The list's filters besides its window, kept in the address and sent to the API.
export const LISTING_FILTERS = ['status'];

/**
 * The table's columns of a kind (DataTable's: { id, label, sortValue?(row), num?, cell(row) }): the
 * kind's own, then the organisation, the day listed (Beijing) and the status; `actions(listing)` is
 * the last cell (withdraw).
 */
export function listingColumns(kind, { t, lang }, actions = () => '') {
    const context = { t, lang };
    const own = kind.columns.map((column) => ({
        id: column.id,
        label: t(column.labelKey),
        num: column.num,
        sortValue: column.sortValue && ((listing) => column.sortValue(listing, context)),
        cell: (listing) => column.cell(listing, context),
    }));
    return [
        ...own,
        { id: 'org', label: t('market.organisation'), sortValue: (listing) => listing.org_name, cell: (listing) => listing.org_name },
        { id: 'listed', label: t('market.listed'), sortValue: (listing) => `${listing.created_at} ${listing.id}`,
            cell: (listing) => formatDate(listing.created_at) },
        { id: 'status', label: t('market.status'), sortValue: (listing) => LISTING_STATUSES.indexOf(listing.status),
            cell: (listing) => t(`listingStatus.${listing.status}`) },
        { id: 'actions', label: '', cell: actions },
    ];
}

function FormInput({ id, field, form, set, errors }) {
    const { t } = useApp();
    const common = { id, label: t(field.labelKey), value: form[field.name], error: errors[field.name] };
    return field.options
        ? html`<${SelectField} ...${common} onChange=${set(field.name)} options=${field.options} />`
        : html`<${TextField} ...${common} type=${field.type} onInput=${set(field.name)} />`;
}

function ListingForm({ kind, user, onCreated }) {
    const { t } = useApp();
    const state = useMarketForm({ org_id: user.orgId ?? '', ...kind.blank() });
    const [notice, setNotice] = useState('');
    const [keyFor] = useState(() => idempotencyKeys());
    const { form, set, errors } = state;
    const fields = kind.useFields({ form, set });
    const submit = async (event) => {
        event.preventDefault();
        setNotice('');
        const built = kind.body(form, form.org_id);
        if (!built.ok) return state.showErrors(built.errors);
        try {
            await api.post(kind.path, built.body, { headers: { 'Idempotency-Key': keyFor(built.body) } });
            state.setErrors({});
            setNotice(t(`${kind.path}.created`));
            onCreated();
        } catch (error) {
            state.serverErrors(error, kind.serverFields);
            if (!error.hasFieldErrors) setNotice(error.message);
        }
    };
    return html`
        <form class="card form" data-testid=${`${kind.one}-form`} onSubmit=${submit}>
            <h2>${t(`${kind.path}.new`)}</h2>
            <div class="form-grid">
            ${user.role === 'admin' && html`<${TextField} id=${`${kind.one}-org`} label=${t('market.orgId')} value=${form.org_id} onInput=${set('org_id')} error=${errors.org_id} />`}
            ${fields.map((field) => html`<${FormInput} key=${field.id} id=${`${kind.one}-${field.id}`} field=${field} form=${form} set=${set} errors=${errors} />`)}
            </div>
            ${notice && html`<${Alert} testId=${`${kind.one}-notice`}>${notice}<//>`}
            <button type="submit" class="button primary" data-testid=${`${kind.one}-submit`}>${t(`${kind.path}.submit`)}</button>
        </form>`;
}

export function ListingPage({ kind, location }) {
    const { t, lang, session } = useApp();
    const user = session.user;
    const [generation, setGeneration] = useState(0);
    const reload = () => setGeneration((n) => n + 1);
    const { state, list, filtersPath, setWindow, setFilter } = useWindowedList({ path: kind.path, location, filterNames: LISTING_FILTERS, generation });
    const mayCreate = mayList(user, kind.one);
    const testId = (what) => `${kind.path}-${what}`;
    const withdraw = (listing) => mayWithdraw(listing, user, kind.one) && html`<${WithdrawButton} path=${`${kind.path}/${encodeURIComponent(listing.id)}/withdraw`}
        testId=${`${kind.one}-withdraw`} onDone=${reload} />`;
    return html`
        <div class="page">
            <div class="page-head">
                <h1 data-testid=${testId('heading')}>${t(`${kind.path}.heading`)}</h1>
                <p class="muted">${t(`${kind.path}.intro`)}</p>
                <p><${ExportLinks} listPath=${filtersPath} /></p>
                ${mayCreate && html`<${ImportCsv} what=${kind.path} onImported=${reload} />`}
            </div>
            ${mayCreate && html`<${ListingForm} key=${kind.path} kind=${kind} user=${user} onCreated=${reload} />`}
            <div class="card filters">
                <div class="filter-row">
                    <label class="filter"><span>${t('market.status')}</span>
                        <select value=${state.status ?? ''} data-testid=${testId('filter-status')} onChange=${(event) => setFilter('status', event.currentTarget.value)}>
                            <option value="">${t('market.allStatuses')}</option>
                            ${LISTING_STATUSES.map((status) => html`<option key=${status} value=${status}>${t(`listingStatus.${status}`)}</option>`)}
                        </select>
                    </label>
                </div>
                <${ListWindow} window=${state} onChange=${setWindow} testId=${kind.path} searchLabel=${t(`${kind.path}.search`)} dateLabel=${t('market.listedDates')} />
            </div>
            ${list.phase === 'loading' && html`<${Loading} testId=${testId('loading')} />`}
            ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} testId=${testId('error')} />`}
            ${list.phase === 'ready' && list.items.length === 0 && html`<p class="empty" data-testid=${testId('empty')}>${t(`${kind.path}.none`)}</p>`}
            ${list.phase === 'ready' && list.items.length > 0 && html`
                <div class="card table-scroll">
                    <${DataTable} testId=${kind.path} columns=${listingColumns(kind, { t, lang }, withdraw)} rows=${list.items} rowKey=${(listing) => listing.id}
                        initialSort=${{ column: 'listed', dir: 'desc' }} caption=${t(`${kind.path}.heading`)}
                        rowProps=${(listing) => ({ 'data-testid': `${kind.one}-row`, [`data-${kind.one}-id`]: listing.id })} />
                </div>
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId=${testId('more')} />`}
        </div>`;
}

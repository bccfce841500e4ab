// The organisations taking part: producers in the four counties (enterprises, cooperatives, family
// workshops, households), Shanghai buyers by district and channel, logistics firms and agencies.
// Filters live in the address like the catalogue's. What a user sees is the API's rule: programme-
// wide roles all of them, a county officer its county's producers, others their own organisation.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { Link, navigate } from '../router.js';
import { BUYER_CHANNELS, localName, ORG_KINDS, secondaryName } from '../catalog/model.js';
import { byCode, useReference } from '../catalog/reference.js';
import { formatDate } from '../format.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';
import { ExportLinks } from '../components/export-links.js';
import { OrganisationForm } from '../components/organisation-form.js';
import { DataTable, ListWindow, useWindowedList } from '../components/data-table.js';

// Organisations per page (36 producers and 88 buyers fit in a couple of pages).
export const ORGANISATIONS_PAGE_SIZE = 50;
// The list's filters besides its window (q: name, English name or credit code; from/to: the day registered).
export const ORGANISATION_LIST_FILTERS = ['kind', 'county', 'district', 'channel'];

/** Where an organisation is: its county (producers, agencies) or district (buyers), by name. */
export function placeOf(organisation, counties, districts, lang) {
    const county = organisation.county ? byCode(counties, organisation.county) : null;
    const district = organisation.district ? byCode(districts, organisation.district) : null;
    return [county, district].filter(Boolean).map((entry) => localName(entry, lang)).join(' · ');
}

function FilterSelect({ name, label, all, value, options, onChange }) {
    return html`
        <label class="filter">
            <span>${label}</span>
            <select value=${value ?? ''} data-testid=${`org-filter-${name}`} onChange=${(event) => onChange(name, event.currentTarget.value)}>
                <option value="">${all}</option>
                ${options.map((option) => html`<option key=${option.value} value=${option.value}>${option.label}</option>`)}
            </select>
        </label>`;
}

/**
 * The organisations table's columns (DataTable's): the name (a link, the other language's name
 * under it), kind, place and channel by name in the reader's language, and the day registered.
 */
export function organisationColumns({ t, lang }, { counties = [], districts = [] } = {}) {
    const place = (organisation) => placeOf(organisation, counties, districts, lang);
    const channel = (organisation) => (organisation.channel ? t(`buyerChannel.${organisation.channel}`) : '');
    return [
        { id: 'name', label: t('org.name'), sortValue: (organisation) => localName(organisation, lang), cell: (organisation) => html`
            <${Link} href=${`/organisations/${encodeURIComponent(organisation.id)}`} data-testid="org-link">${localName(organisation, lang)}<//>
            ${secondaryName(organisation, lang) && html`<div class="muted small">${secondaryName(organisation, lang)}</div>`}` },
        { id: 'kind', label: t('org.kind'), sortValue: (organisation) => t(`orgKind.${organisation.kind}`), cell: (organisation) => t(`orgKind.${organisation.kind}`) },
        { id: 'place', label: t('org.place'), sortValue: place, cell: (organisation) => place(organisation) || '—' },
        { id: 'channel', label: t('org.channel'), sortValue: channel, cell: (organisation) => channel(organisation) || '—' },
        { id: 'registered', label: t('org.registered'), sortValue: (organisation) => `${organisation.created_at} ${organisation.id}`,
            cell: (organisation) => formatDate(organisation.created_at) },
    ];
}

function OrganisationFilters({ state, setFilter, setWindow, counties, districts }) {
    const { t, lang } = useApp();
    return html`
        <div class="card filters" data-testid="org-filters">
            <${ListWindow} window=${state} onChange=${setWindow} testId="org" searchLabel=${t('org.search')} dateLabel=${t('org.registeredDates')} />
            <div class="filter-row">
                <${FilterSelect} name="kind" label=${t('org.kind')} all=${t('org.allKinds')} value=${state.kind} onChange=${setFilter}
                    options=${ORG_KINDS.map((kind) => ({ value: kind, label: t(`orgKind.${kind}`) }))} />
                <${FilterSelect} name="county" label=${t('catalogue.county')} all=${t('catalogue.allCounties')} value=${state.county} onChange=${setFilter}
                    options=${counties.map((county) => ({ value: county.code, label: localName(county, lang) }))} />
                <${FilterSelect} name="district" label=${t('org.district')} all=${t('org.allDistricts')} value=${state.district} onChange=${setFilter}
                    options=${districts.map((district) => ({ value: district.code, label: localName(district, lang) }))} />
                <${FilterSelect} name="channel" label=${t('org.channel')} all=${t('catalogue.allChannels')} value=${state.channel} onChange=${setFilter}
                    options=${BUYER_CHANNELS.map((channel) => ({ value: channel, label: t(`buyerChannel.${channel}`) }))} />
            </div>
            ${Object.keys(state).length > 0 && html`<p class="small"><${Link} href="/organisations">${t('catalogue.clear')}<//></p>`}
        </div>`;
}

export function OrganisationsPage({ location }) {
    const { t, lang, session } = useApp();
    const { counties, districts } = useReference(['counties', 'districts']);
    const { state, list, filtersPath, setWindow, setFilter } = useWindowedList({ path: 'organisations', location,
        filterNames: ORGANISATION_LIST_FILTERS, limit: ORGANISATIONS_PAGE_SIZE });
    return html`
        <div class="page">
            <div class="page-head with-actions">
                <div>
                    <h1 data-testid="org-heading">${t('org.heading')}</h1>
                    <p class="muted">${t('org.intro')}</p>
                </div>
                <div class="actions"><${ExportLinks} listPath=${filtersPath} /></div>
            </div>
            ${session.user?.role === 'admin' && html`
                <details class="card" data-testid="org-new">
                    <summary>${t('orgForm.new')}</summary>
                    <${OrganisationForm} onSaved=${(created) => navigate(`/organisations/${encodeURIComponent(created.id)}`)} />
                </details>`}
            <${OrganisationFilters} state=${state} setFilter=${setFilter} setWindow=${setWindow} counties=${counties} districts=${districts} />
            ${list.phase === 'loading' && html`<${Loading} testId="org-loading" />`}
            ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} testId="org-error" />`}
            ${list.phase === 'ready' && list.items.length === 0 && html`<p class="empty" data-testid="org-empty">${t('org.none')}</p>`}
            ${list.phase === 'ready' && list.items.length > 0 && html`
                <div class="card table-scroll">
                    <${DataTable} testId="org" columns=${organisationColumns({ t, lang }, { counties, districts })} rows=${list.items}
                        rowKey=${(organisation) => organisation.id} caption=${t('org.heading')}
                        rowProps=${(organisation) => ({ 'data-testid': 'org-row', 'data-org-id': organisation.id })} />
                </div>
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId="org-more" />`}
        </div>`;
}

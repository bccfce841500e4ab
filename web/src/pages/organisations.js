// The organisations taking part: producers in the four counties (enterprises, cooperatives, family
// workshops, households), Shanghai buyers by district and channel, logistics firms and agencies.
// Filters live in the address like the catalogue's. What a user sees is the API's rule: programme-
// wide roles all of them, a county officer its county's producers, others their own organisation.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { Link, navigate } from '../router.js';
import { BUYER_CHANNELS, localName, ORG_KINDS, ORGANISATION_FILTERS, organisationsPath, secondaryName } from '../catalog/model.js';
import { useCursorList } from '../catalog/lists.js';
import { byCode, useReference } from '../catalog/reference.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';
import { ExportLinks } from '../components/export-links.js';
import { OrganisationForm } from '../components/organisation-form.js';

// Organisations per page (36 producers and 88 buyers fit in a couple of pages).
export const ORGANISATIONS_PAGE_SIZE = 50;

function filtersFrom(query) {
    const filters = {};
    for (const name of ORGANISATION_FILTERS) {
        const value = (query.get(name) ?? '').trim();
        if (value) filters[name] = value;
    }
    return filters;
}

function addressOf(filters) {
    const query = new URLSearchParams();
    for (const name of ORGANISATION_FILTERS) if (filters[name]) query.set(name, filters[name]);
    const text = query.toString();
    return text ? `/organisations?${text}` : '/organisations';
}

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

function OrganisationFilters({ filters, counties, districts }) {
    const { t, lang } = useApp();
    const [q, setQ] = useState(filters.q ?? '');
    useEffect(() => setQ(filters.q ?? ''), [filters.q]);
    const set = (name, value) => navigate(addressOf({ ...filters, [name]: value }));
    return html`
        <form class="card filters" role="search" data-testid="org-filters" onSubmit=${(event) => {
            event.preventDefault();
            set('q', q.trim());
        }}>
            <div class="search-box">
                <label for="org-q" class="visually-hidden">${t('org.search')}</label>
                <input id="org-q" type="search" value=${q} placeholder=${t('org.searchPlaceholder')} data-testid="org-q"
                    onInput=${(event) => setQ(event.currentTarget.value)} />
                <button type="submit" class="button primary" data-testid="org-search">${t('catalogue.search')}</button>
            </div>
            <div class="filter-row">
                <${FilterSelect} name="kind" label=${t('org.kind')} all=${t('org.allKinds')} value=${filters.kind} onChange=${set}
                    options=${ORG_KINDS.map((kind) => ({ value: kind, label: t(`orgKind.${kind}`) }))} />
                <${FilterSelect} name="county" label=${t('catalogue.county')} all=${t('catalogue.allCounties')} value=${filters.county} onChange=${set}
                    options=${counties.map((county) => ({ value: county.code, label: localName(county, lang) }))} />
                <${FilterSelect} name="district" label=${t('org.district')} all=${t('org.allDistricts')} value=${filters.district} onChange=${set}
                    options=${districts.map((district) => ({ value: district.code, label: localName(district, lang) }))} />
                <${FilterSelect} name="channel" label=${t('org.channel')} all=${t('catalogue.allChannels')} value=${filters.channel} onChange=${set}
                    options=${BUYER_CHANNELS.map((channel) => ({ value: channel, label: t(`buyerChannel.${channel}`) }))} />
            </div>
            ${Object.keys(filters).length > 0 && html`<p class="small"><${Link} href="/organisations">${t('catalogue.clear')}<//></p>`}
        </form>`;
}

export function OrganisationsPage({ location }) {
    const { t, lang, session } = useApp();
    const { counties, districts } = useReference(['counties', 'districts']);
    const filters = filtersFrom(location.query);
    const key = addressOf(filters);
    const list = useCursorList((cursor) => organisationsPath(filters, { limit: ORGANISATIONS_PAGE_SIZE, cursor }), key, 'organisations');
    return html`
        <div class="page">
            <div class="page-head with-actions">
                <div>
                    <h1 data-testid="org-heading">${t('org.heading')}</h1>
                    <p class="muted">${t('org.intro')}</p>
                </div>
                <div class="actions"><${ExportLinks} listPath=${organisationsPath(filters)} /></div>
            </div>
            ${session.user?.role === 'admin' && html`
                <details class="card" data-testid="org-new">
                    <summary>${t('orgForm.new')}</summary>
                    <${OrganisationForm} onSaved=${(created) => navigate(`/organisations/${encodeURIComponent(created.id)}`)} />
                </details>`}
            <${OrganisationFilters} filters=${filters} counties=${counties} districts=${districts} />
            ${list.phase === 'loading' && html`<${Loading} testId="org-loading" />`}
            ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} testId="org-error" />`}
            ${list.phase === 'ready' && list.items.length === 0 && html`<p class="empty" data-testid="org-empty">${t('org.none')}</p>`}
            ${list.phase === 'ready' && list.items.length > 0 && html`
                <div class="card table-scroll">
                    <table class="table" data-testid="org-table">
                        <thead>
                            <tr><th>${t('org.name')}</th><th>${t('org.kind')}</th><th>${t('org.place')}</th><th>${t('org.channel')}</th></tr>
                        </thead>
                        <tbody>
                            ${list.items.map((organisation) => html`
                                <tr key=${organisation.id} data-testid="org-row" data-org-id=${organisation.id}>
                                    <td>
                                        <${Link} href=${`/organisations/${encodeURIComponent(organisation.id)}`} data-testid="org-link">${localName(organisation, lang)}<//>
                                        ${secondaryName(organisation, lang) && html`<div class="muted small">${secondaryName(organisation, lang)}</div>`}
                                    </td>
                                    <td>${t(`orgKind.${organisation.kind}`)}</td>
                                    <td>${placeOf(organisation, counties, districts, lang) || '—'}</td>
                                    <td>${organisation.channel ? t(`buyerChannel.${organisation.channel}`) : '—'}</td>
                                </tr>`)}
                        </tbody>
                    </table>
                </div>
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} testId="org-more" />`}
        </div>`;
}

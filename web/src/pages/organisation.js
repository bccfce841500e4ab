// One organisation: its profile (kind, county or district, channel, credit code, contact), the
// products it sells (a producer), and for an enterprise or cooperative its supply links — the
// family workshops and households it buys from, with each one's share of its purchases.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { Link } from '../router.js';
import { formatDate } from '../format.js';
import { OrganisationForm } from '../components/organisation-form.js';
import { formatScaled } from '../catalog/measures.js';
import { itemsOf, localName, PRODUCER_KINDS, productsPath, secondaryName } from '../catalog/model.js';
import { useCursorList } from '../catalog/lists.js';
import { useReference } from '../catalog/reference.js';
import { CertBadge, LoadError, Loading, LoadMore, ProductStatusBadge, Refusal } from '../components/catalog-bits.js';
import { placeOf } from './organisations.js';

// Products per page on an organisation's page.
export const ORGANISATION_PRODUCTS_PAGE_SIZE = 50;
// Kinds that buy from workshops and households ("company + family workshop + household").
const SOURCING_KINDS = ['enterprise', 'cooperative'];
// Basis points (1/10000) are shown as a percent with two decimals at most.
const BP_PERCENT_DECIMALS = 2;

export function useRecord(path) {
    const [state, setState] = useState({ phase: 'loading', value: null, error: null });
    // A reload keeps what was shown (phase 'loading', value kept) so that a page can keep its forms and
    // messages on screen while the record refreshes; a new path starts empty.
    const load = (keep = false) => {
        if (!path) return setState({ phase: 'ready', value: null, error: null });
        setState((previous) => ({ phase: 'loading', value: keep ? previous.value : null, error: null }));
        return api.get(path).then(
            (value) => setState({ phase: 'ready', value, error: null }),
            (error) => setState({ phase: 'error', value: null, error }),
        );
    };
    useEffect(() => {
        load();
    }, [path]);
    return { ...state, reload: () => load(true) };
}

function Profile({ organisation }) {
    const { t, lang } = useApp();
    const { counties, districts } = useReference(['counties', 'districts']);
    const row = (label, value, testId) => value ? html`<dt>${label}</dt><dd data-testid=${testId}>${value}</dd>` : null;
    return html`
        <section class="card" data-testid="org-profile">
            <dl class="details">
                ${row(t('org.kind'), t(`orgKind.${organisation.kind}`), 'org-kind')}
                ${row(t('org.place'), placeOf(organisation, counties, districts, lang), 'org-place')}
                ${row(t('org.channel'), organisation.channel && t(`buyerChannel.${organisation.channel}`), 'org-channel')}
                ${row(t('org.creditCode'), organisation.credit_code, 'org-credit-code')}
                ${row(t('org.contact'), [organisation.contact_name, organisation.contact_phone].filter(Boolean).join(' · '), 'org-contact')}
                ${row(t('org.address'), organisation.address, 'org-address')}
                ${row(t('org.since'), organisation.created_at && formatDate(organisation.created_at), 'org-since')}
            </dl>
        </section>`;
}

function Products({ organisation }) {
    const { t, lang } = useApp();
    const list = useCursorList((cursor) => productsPath({}, { limit: ORGANISATION_PRODUCTS_PAGE_SIZE, cursor, extra: { producer: organisation.id } }), organisation.id);
    return html`
        <section class="card" data-testid="org-products">
            <h2>${t('org.products')}</h2>
            ${list.phase === 'loading' && html`<${Loading} />`}
            ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} />`}
            ${list.phase === 'ready' && list.items.length === 0 && html`<p class="muted" data-testid="org-products-empty">${t('org.noProducts')}</p>`}
            ${list.phase === 'ready' && list.items.length > 0 && html`
                <ul class="plain-list">
                    ${list.items.map((product) => html`
                        <li key=${product.id} data-testid="org-product">
                            <${Link} href=${`/products/${encodeURIComponent(product.id)}`}>${localName(product, lang)}<//>
                            ${' '}<${ProductStatusBadge} status=${product.status} />
                            ${' '}<${CertBadge} status=${product.aid_status_today} />
                        </li>`)}
                </ul>
                <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} />`}
        </section>`;
}

function SupplyLinks({ organisation }) {
    const { t } = useApp();
    const links = useRecord(`organisations/${encodeURIComponent(organisation.id)}/supply-links`);
    const items = itemsOf(links.value, 'links');
    return html`
        <section class="card" data-testid="org-supply-links">
            <h2>${t('org.supplyLinks')}</h2>
            <p class="muted small">${t('org.supplyLinksHelp')}</p>
            ${links.phase === 'loading' && html`<${Loading} />`}
            ${links.phase === 'error' && html`<${LoadError} error=${links.error} onRetry=${links.reload} />`}
            ${links.phase === 'ready' && items.length === 0 && html`<p class="muted" data-testid="org-supply-links-empty">${t('org.noSupplyLinks')}</p>`}
            ${links.phase === 'ready' && items.length > 0 && html`
                <table class="table">
                    <thead><tr><th>${t('org.supplier')}</th><th>${t('org.kind')}</th><th class="numeric">${t('org.share')}</th></tr></thead>
                    <tbody>
                        ${items.map((link) => html`
                            <tr key=${link.supplier_id} data-testid="supply-link">
                                <td><${Link} href=${`/organisations/${encodeURIComponent(link.supplier_id)}`}>${link.supplier_name}<//></td>
                                <td>${t(`orgKind.${link.supplier_kind}`)}</td>
                                <td class="numeric">${formatScaled(link.share_bp, BP_PERCENT_DECIMALS)} %</td>
                            </tr>`)}
                    </tbody>
                    ${Number.isSafeInteger(links.value?.total_share_bp) && html`
                        <tfoot><tr><th colspan="2">${t('org.shareTotal')}</th>
                            <td class="numeric" data-testid="supply-share-total">${formatScaled(links.value.total_share_bp, BP_PERCENT_DECIMALS)} %</td></tr></tfoot>`}
                </table>`}
        </section>`;
}

export function OrganisationPage({ params }) {
    const { t, lang, session } = useApp();
    const record = useRecord(`organisations/${encodeURIComponent(params.id)}`);
    if (record.phase === 'loading' && !record.value) return html`<div class="page"><${Loading} testId="org-loading" /></div>`;
    if (record.phase === 'error') {
        if (record.error?.status === 403 || record.error?.status === 404) {
            return html`<${Refusal} status=${record.error.status}><${Link} href="/organisations" class="button">${t('org.back')}<//><//>`;
        }
        return html`<div class="page"><${LoadError} error=${record.error} onRetry=${record.reload} testId="org-error" /></div>`;
    }
    const organisation = record.value;
    return html`
        <div class="page organisation-page" data-org-id=${organisation.id}>
            <div class="page-head">
                <p class="muted small"><${Link} href="/organisations">${t('org.heading')}<//></p>
                <h1 data-testid="org-name">${localName(organisation, lang)}</h1>
                ${secondaryName(organisation, lang) && html`<p class="muted secondary-name">${secondaryName(organisation, lang)}</p>`}
            </div>
            <div class="grid">
                <${Profile} organisation=${organisation} />
                ${SOURCING_KINDS.includes(organisation.kind) && html`<${SupplyLinks} organisation=${organisation} />`}
            </div>
            ${PRODUCER_KINDS.includes(organisation.kind) && html`<${Products} organisation=${organisation} />`}
            ${session.user?.role === 'admin' && html`
                <details class="card" data-testid="org-edit">
                    <summary>${t('orgForm.edit')}</summary>
                    <${OrganisationForm} organisation=${organisation} onSaved=${record.reload} />
                </details>`}
        </div>`;
}

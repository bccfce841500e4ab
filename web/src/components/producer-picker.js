// A search over organisation names that lists the organisations of the kinds wanted, as a <select>
// named by the API's field so its error shows here: the admin's choice of producer for a new
// product (enterprise, cooperative, family workshop, household), or of a new user's organisation.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { itemsOf, localName, organisationsPath, PRODUCER_KINDS } from '../catalog/model.js';
import { PathSelect } from './controls.js';

// Organisations read per search; the admin narrows by typing when there are more.
export const PRODUCER_SEARCH_LIMIT = 100;
// Typing pauses this long before the search is sent.
const SEARCH_DELAY_MS = 250;

export function ProducerPicker({ value, onChange, error }) {
    const { t } = useApp();
    return html`<${OrganisationPicker} kinds=${PRODUCER_KINDS} path="producer_id" label=${t('product.producer')} value=${value} onChange=${onChange}
        error=${error} testId="producer-select" searchId="producer-search" />`;
}

export function OrganisationPicker({ kinds, path, label, value, onChange, error, testId, searchId, searchLabel }) {
    const { t, lang } = useApp();
    const [q, setQ] = useState('');
    const [found, setFound] = useState({ items: [], failed: false });
    useEffect(() => {
        let live = true;
        const timer = setTimeout(() => {
            api.get(organisationsPath({ q, kind: kinds.length === 1 ? kinds[0] : '' }, { limit: PRODUCER_SEARCH_LIMIT })).then(
                (answer) => live && setFound({ items: itemsOf(answer, 'organisations').filter((org) => kinds.includes(org.kind)), failed: false }),
                () => live && setFound({ items: [], failed: true }),
            );
        }, q ? SEARCH_DELAY_MS : 0);
        return () => {
            live = false;
            clearTimeout(timer);
        };
    }, [q, kinds.join(',')]);
    const options = found.items.map((org) => ({ value: org.id, label: `${localName(org, lang)} · ${t(`orgKind.${org.kind}`)}` }));
    return html`
        <div class="producer-picker form-grid">
            <div class="field">
                <label for=${searchId}>${searchLabel ?? t('product.producerSearch')}</label>
                <input id=${searchId} type="search" value=${q} data-testid=${searchId}
                    onInput=${(event) => setQ(event.currentTarget.value)} />
                ${found.failed && html`<p class="field-error">${t('product.producerSearchFailed')}</p>`}
            </div>
            <${PathSelect} path=${path} label=${label} value=${value} placeholder=${t('form.choose')}
                options=${options} onChange=${onChange} error=${error} testId=${testId} />
        </div>`;
}

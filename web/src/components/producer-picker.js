// The admin's choice of producer for a new product: a search over organisation names that lists
// the producing organisations (enterprise, cooperative, family workshop, household) found, as a
// <select> named producer_id so the API's error on that field shows here.
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
    const { t, lang } = useApp();
    const [q, setQ] = useState('');
    const [found, setFound] = useState({ items: [], failed: false });
    useEffect(() => {
        let live = true;
        const timer = setTimeout(() => {
            api.get(organisationsPath({ q }, { limit: PRODUCER_SEARCH_LIMIT })).then(
                (answer) => live && setFound({ items: itemsOf(answer, 'organisations').filter((org) => PRODUCER_KINDS.includes(org.kind)), failed: false }),
                () => live && setFound({ items: [], failed: true }),
            );
        }, q ? SEARCH_DELAY_MS : 0);
        return () => {
            live = false;
            clearTimeout(timer);
        };
    }, [q]);
    const options = found.items.map((org) => ({ value: org.id, label: `${localName(org, lang)} · ${t(`orgKind.${org.kind}`)}` }));
    return html`
        <div class="producer-picker form-grid">
            <div class="field">
                <label for="producer-search">${t('product.producerSearch')}</label>
                <input id="producer-search" type="search" value=${q} data-testid="producer-search"
                    onInput=${(event) => setQ(event.currentTarget.value)} />
                ${found.failed && html`<p class="field-error">${t('product.producerSearchFailed')}</p>`}
            </div>
            <${PathSelect} path="producer_id" label=${t('product.producer')} value=${value} placeholder=${t('form.choose')}
                options=${options} onChange=${onChange} error=${error} testId="producer-select" />
        </div>`;
}

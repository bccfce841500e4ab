// The administrator's organisation form (POST /organisations, PUT /organisations/{id}): a new
// organisation of any kind, or an existing one's fields (its kind is fixed). Counties and districts
// are picked by name; a producer or an agency has a county, a buyer a district and a channel. The
// server checks the unified social credit code (with its checksum) and names the field it refuses.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { BUYER_CHANNELS, localName, ORG_KINDS } from '../catalog/model.js';
import { useReference } from '../catalog/reference.js';
import { TextField } from './field.js';
import { SelectField } from './market-form.js';
import { requiredErrors, useEntryForm } from './entry-form.js';

const TEXT_FIELDS = ['name', 'name_en', 'credit_code', 'contact_name', 'contact_phone', 'address'];

/** The form's values for `organisation` (empty for a new one). */
export function organisationFormValues(organisation) {
    const values = { kind: organisation?.kind ?? '', county: organisation?.county ?? '', district: organisation?.district ?? '', channel: organisation?.channel ?? '' };
    for (const name of TEXT_FIELDS) values[name] = organisation?.[name] ?? '';
    return values;
}

/** The API body for the form: the fields its kind has (the kind too: an update names it unchanged);
 * empty optional texts left out. */
export function organisationBody(form) {
    const body = { name: form.name.trim(), kind: form.kind };
    for (const name of TEXT_FIELDS.slice(1)) if (form[name].trim()) body[name] = form[name].trim();
    if (form.kind === 'buyer') {
        if (form.district) body.district = form.district;
        if (form.channel) body.channel = form.channel;
    } else if (form.kind !== 'logistics' && form.county) {
        body.county = form.county;
    }
    return body;
}

export function OrganisationForm({ organisation, onSaved }) {
    const { t, lang } = useApp();
    const creating = !organisation;
    const { counties, districts } = useReference(['counties', 'districts']);
    const entry = useEntryForm(organisationFormValues(organisation), creating ? 'org-new' : 'org-edit');
    const { form, errors, set } = entry;
    const id = (name) => `${creating ? 'org-new' : 'org-edit'}-${name}`;
    const submit = async (event) => {
        event.preventDefault();
        const found = requiredErrors(form, creating ? ['name', 'kind'] : ['name'], (name) => t(`org.${name === 'name' ? 'name' : 'kind'}`), t);
        const body = organisationBody(form);
        const saved = await entry.submit({ found, done: t(creating ? 'orgForm.created' : 'orgForm.saved'),
            send: () => (creating ? api.post('organisations', body, { headers: { 'Idempotency-Key': entry.key(body) } })
                : api.put(`organisations/${encodeURIComponent(organisation.id)}`, body)) });
        if (saved) onSaved(saved);
    };
    const text = (name) => html`<${TextField} id=${id(name)} label=${t(`orgForm.${name}`)} value=${form[name]} onInput=${set(name)} error=${errors[name]} />`;
    const places = (list) => list.map((place) => ({ value: place.code, label: localName(place, lang) }));
    return html`
        <form class="form" data-testid=${creating ? 'org-new-form' : 'org-edit-form'} onSubmit=${submit} noValidate>
            ${text('name')}
            ${text('name_en')}
            ${creating && html`<${SelectField} id=${id('kind')} label=${t('org.kind')} value=${form.kind}
                options=${ORG_KINDS.map((kind) => ({ value: kind, label: t(`orgKind.${kind}`) }))} onChange=${set('kind')} error=${errors.kind} />`}
            ${form.kind === 'buyer' ? html`
                <${SelectField} id=${id('district')} label=${t('orgForm.district')} value=${form.district} options=${places(districts)} onChange=${set('district')} error=${errors.district} />
                <${SelectField} id=${id('channel')} label=${t('org.channel')} value=${form.channel}
                    options=${BUYER_CHANNELS.map((channel) => ({ value: channel, label: t(`buyerChannel.${channel}`) }))} onChange=${set('channel')} error=${errors.channel} />`
            : form.kind && form.kind !== 'logistics' && html`
                <${SelectField} id=${id('county')} label=${t('orgForm.county')} value=${form.county} options=${places(counties)} onChange=${set('county')} error=${errors.county} />`}
            ${text('credit_code')}
            ${text('contact_name')}
            ${text('contact_phone')}
            ${text('address')}
            <button type="submit" class="button primary" disabled=${entry.busy} data-testid=${creating ? 'org-new-submit' : 'org-edit-submit'}>
                ${t(creating ? 'orgForm.create' : 'orgForm.save')}</button>
            ${entry.feedback}
        </form>`;
}

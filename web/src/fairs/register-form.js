// Registering a participant: an exhibitor (a producer organisation, its booth, the catalogue products
// it shows) or a buyer representative (a buyer organisation's person: name, title, phone), each with
// the slots it can attend (none ticked: every slot) and its minimum and maximum number of meetings.
// The organiser picks the side and the organisation; an organisation's user registers itself, so both
// are fixed. The server checks everything again; its field problems show at their inputs.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { TextField } from '../components/field.js';
import { SelectField } from '../components/market-form.js';
import { PathCheckboxes } from '../components/controls.js';
import { OrganisationPicker } from '../components/producer-picker.js';
import { Alert } from '../components/alert.js';
import { PRODUCER_KINDS, itemsOf, localName } from '../catalog/model.js';
import { localizeServerMessage } from '../server-messages.js';
import { describeError, localize } from '../errors.js';
import { registrationBody, SIDES, slotLabel } from './model.js';

// A producer's catalogue products offered for its booth (the first page; producers list far fewer).
const PRODUCTS_SHOWN_MAX = 100;

function useProducts(orgId) {
    const [products, setProducts] = useState([]);
    useEffect(() => {
        setProducts([]);
        if (!orgId) return undefined;
        let live = true;
        api.get(`products?producer=${encodeURIComponent(orgId)}&limit=${PRODUCTS_SHOWN_MAX}`).then(
            (answer) => live && setProducts(itemsOf(answer, 'products')), () => {});
        return () => { live = false; };
    }, [orgId]);
    return products;
}

export function RegisterForm({ event, slots, fixedSide = null, fixedOrg = null, onRegistered }) {
    const { t, lang } = useApp();
    const blank = { side: fixedSide ?? 'exhibitor', org_id: fixedOrg ?? '', person_name: '', title: '', phone: '', booth: '', product_ids: [], slot_ids: [], meetings_min: '0', meetings_max: '6' };
    const [form, setForm] = useState(blank);
    const [errors, setErrors] = useState({});
    const [outcome, setOutcome] = useState(null);
    const [busy, setBusy] = useState(false);
    const products = useProducts(form.side === 'exhibitor' ? form.org_id : '');
    const set = (name) => (value) => setForm((previous) => {
        const next = { ...previous, [name]: value };
        if (name === 'side') { next.org_id = ''; next.product_ids = []; }
        if (name === 'org_id') next.product_ids = [];
        return next;
    });
    const submit = async (submitted) => {
        submitted.preventDefault();
        setOutcome(null);
        const { body, errors: found } = registrationBody(form);
        if (found) return setErrors(Object.fromEntries(Object.entries(found).map(([field, key]) => [field, t(key)])));
        setErrors({});
        setBusy(true);
        try {
            const made = await api.post(`fairs/${encodeURIComponent(event.id)}/participants`, body);
            setForm({ ...blank, side: form.side, org_id: fixedOrg ?? '' });
            setOutcome({ kind: 'success', text: t('fairs.registeredOne', { name: made.person_name ? `${made.org_name} · ${made.person_name}` : made.org_name }) });
            onRegistered?.(made);
        } catch (error) {
            const shown = {};
            for (const [field, message] of Object.entries(error.fieldErrors ?? {})) shown[field.split('/')[0]] = localizeServerMessage(message, lang);
            setErrors(shown);
            setOutcome({ kind: 'error', text: `${localize(t, describeError(error))} ${t('confirm.failedHint')}` });
        } finally {
            setBusy(false);
        }
    };
    const text = (name) => html`<${TextField} id=${`fair-register-${name}`} label=${t(`fairs.field.${name}`)} value=${form[name]}
        onInput=${set(name)} error=${errors[name]} />`;
    const exhibitor = form.side === 'exhibitor';
    return html`
        <form class="card form" data-testid="fair-register-form" onSubmit=${submit} noValidate>
            <h2>${fixedOrg ? t(`fairs.registerOwn.${form.side}`) : t('fairs.register')}</h2>
            ${!fixedSide && html`
                <${SelectField} id="fair-register-side" label=${t('fairs.field.side')} value=${form.side} onChange=${set('side')} error=${errors.side}
                    options=${SIDES.map((side) => ({ value: side, label: t(`fairSide.${side}`) }))} />`}
            ${!fixedOrg && html`
                <${OrganisationPicker} key=${form.side} kinds=${exhibitor ? PRODUCER_KINDS : ['buyer']} path="org_id"
                    label=${t(`fairs.field.org.${form.side}`)} value=${form.org_id} onChange=${set('org_id')} error=${errors.org_id}
                    testId="fair-register-org" searchId="fair-register-org-search" searchLabel=${t('fairs.findOrg')} />`}
            <div class="form-grid">
                ${!exhibitor && text('person_name')}
                ${!exhibitor && text('title')}
                ${!exhibitor && text('phone')}
                ${exhibitor && text('booth')}
                ${text('meetings_min')}
                ${text('meetings_max')}
            </div>
            ${exhibitor && form.org_id && html`
                <${PathCheckboxes} path="product_ids" label=${t('fairs.field.product_ids')} value=${form.product_ids} onChange=${set('product_ids')}
                    error=${errors.product_ids} options=${products.map((p) => ({ value: p.id, label: localName(p, lang) }))} />`}
            ${slots.length > 0 && html`
                <${PathCheckboxes} path="slot_ids" label=${t('fairs.field.slot_ids')} value=${form.slot_ids} onChange=${set('slot_ids')}
                    error=${errors.slot_ids} options=${slots.map((slot) => ({ value: slot.id, label: slotLabel(slot) }))} />`}
            <p class="muted small">${t('fairs.availabilityHint')}</p>
            <button type="submit" class="button primary" disabled=${busy} data-testid="fair-register-submit">${t('fairs.registerSubmit')}</button>
            ${outcome && html`<${Alert} kind=${outcome.kind} testId=${`fair-register-${outcome.kind === 'success' ? 'done' : 'error'}`}>${outcome.text}<//>`}
        </form>`;
}

// A product's consumption-aid certification history (newest first) with each certificate's state
// today, and the forms around it: a county officer of the product's county certifies (certificate
// number, validity, public-notice days) and revokes with a reason; signed-in users may object while
// a notice runs. The API enforces who may do what; the forms are offered only where they can work.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, idempotencyKeys } from '../api.js';
import { formatDateTime, formatInteger } from '../format.js';
import { addDays, certificationState, itemsOf } from '../catalog/model.js';
import { describeError, localize } from '../errors.js';
import { localizeServerMessage } from '../server-messages.js';
import { Alert } from './alert.js';
import { CertBadge, LoadError, Loading } from './catalog-bits.js';
import { TextField } from './field.js';

// The API's default notice period offered in the form (the 2024 rules ask for a public notice; seven
// days is the usual length).
export const DEFAULT_NOTICE_DAYS = 7;
// A certificate is offered for one year unless the officer changes it.
const DEFAULT_VALIDITY_DAYS = 365;

const paths = {
    history: (productId) => `products/${encodeURIComponent(productId)}/certifications`,
    revoke: (id) => `certifications/${encodeURIComponent(id)}/revoke`,
    objections: (id) => `certifications/${encodeURIComponent(id)}/objections`,
};

function useHistory(productId) {
    const [state, setState] = useState({ phase: 'loading', items: [], error: null });
    const load = () => {
        setState((previous) => ({ ...previous, phase: 'loading' }));
        api.get(paths.history(productId)).then(
            (answer) => setState({ phase: 'ready', items: itemsOf(answer, 'certifications'), error: null }),
            (error) => setState({ phase: 'error', items: [], error }),
        );
    };
    useEffect(load, [productId]);
    return { ...state, reload: load };
}

// Splits an API failure into messages for the named inputs and one for the whole form.
function splitErrors(error, fields) {
    const byField = {};
    const rest = [];
    for (const [field, message] of Object.entries(error?.fieldErrors ?? {})) {
        if (fields.includes(field)) byField[field] = message;
        else rest.push(field ? `${field}: ${message}` : message);
    }
    const form = rest.length ? rest.join(' ') : error?.hasFieldErrors ? null : describeError(error);
    return { byField, form };
}

function useSubmit(fields, send, onDone) {
    const [busy, setBusy] = useState(false);
    const [errors, setErrors] = useState({ byField: {}, form: null });
    const submit = async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({ byField: {}, form: null });
        try {
            await send();
            setBusy(false);
            onDone();
        } catch (error) {
            setBusy(false);
            setErrors(splitErrors(error, fields));
        }
    };
    return { busy, errors, submit };
}

const CERTIFY_FIELDS = ['certificate_no', 'valid_from', 'valid_to', 'notice_days'];

function CertifyForm({ productId, today, onDone }) {
    const { t, lang } = useApp();
    const [values, setValues] = useState({
        certificate_no: '', valid_from: today, valid_to: addDays(today, DEFAULT_VALIDITY_DAYS - 1), notice_days: String(DEFAULT_NOTICE_DAYS),
    });
    const set = (name) => (value) => setValues((previous) => ({ ...previous, [name]: value }));
    const keyFor = useRef(idempotencyKeys()).current;
    const { busy, errors, submit } = useSubmit(CERTIFY_FIELDS, () => {
        const notice = values.notice_days.trim();
        const body = { certificate_no: values.certificate_no.trim(), valid_from: values.valid_from, valid_to: values.valid_to };
        // Text that is no whole number is sent as it is, so the API names the field.
        body.notice_days = /^\d+$/.test(notice) ? Number(notice) : notice;
        return api.post(paths.history(productId), body, { headers: { 'Idempotency-Key': keyFor(body) } });
    }, onDone);
    const field = (name, props = {}) => html`
        <${TextField} id=${`cert-${name.replace('_', '-')}`} label=${t(`cert.field.${name}`)} value=${values[name]}
            onInput=${set(name)} error=${localizeServerMessage(errors.byField[name], lang)} ...${props} />`;
    return html`
        <form class="card form cert-form" onSubmit=${submit} novalidate data-testid="certify-form">
            <h3>${t('cert.certify')}</h3>
            <p class="muted small">${t('cert.certifyHelp')}</p>
            ${errors.form && html`<${Alert} kind="error" testId="certify-error">${localize(t, errors.form)}<//>`}
            <div class="form-grid">
                ${field('certificate_no')}
                ${field('valid_from', { type: 'date' })}
                ${field('valid_to', { type: 'date' })}
                ${field('notice_days', { type: 'text' })}
            </div>
            <div><button type="submit" class="button primary" disabled=${busy} data-testid="certify-submit">${busy ? t('form.saving') : t('cert.certify')}</button></div>
        </form>`;
}

function RevokeForm({ productId, certification, today, onDone, onCancel }) {
    const { t, lang } = useApp();
    const [values, setValues] = useState({ reason: '', effective_on: today });
    const set = (name) => (value) => setValues((previous) => ({ ...previous, [name]: value }));
    const { busy, errors, submit } = useSubmit(['reason', 'effective_on'], () =>
        api.post(paths.revoke(certification.id), {
            reason: values.reason.trim(),
            ...(values.effective_on ? { effective_on: values.effective_on } : {}),
        }), onDone);
    return html`
        <form class="form inline-form" onSubmit=${submit} novalidate data-testid="revoke-form">
            ${errors.form && html`<${Alert} kind="error" testId="revoke-error">${localize(t, errors.form)}<//>`}
            <${TextField} id="revoke-reason" label=${t('cert.field.reason')} value=${values.reason} onInput=${set('reason')} error=${localizeServerMessage(errors.byField.reason, lang)} />
            <${TextField} id="revoke-effective-on" type="date" label=${t('cert.field.effective_on')} value=${values.effective_on}
                onInput=${set('effective_on')} error=${localizeServerMessage(errors.byField.effective_on, lang)} />
            <div class="button-row">
                <button type="submit" class="button danger" disabled=${busy} data-testid="revoke-submit">${t('cert.revoke')}</button>
                <button type="button" class="button" onClick=${onCancel}>${t('form.cancel')}</button>
            </div>
        </form>`;
}

function ObjectionForm({ productId, certification, onDone, onCancel }) {
    const { t, lang } = useApp();
    const [text, setText] = useState('');
    const { busy, errors, submit } = useSubmit(['text'], () =>
        api.post(paths.objections(certification.id), { text: text.trim() }), onDone);
    return html`
        <form class="form inline-form" onSubmit=${submit} novalidate data-testid="objection-form">
            ${errors.form && html`<${Alert} kind="error" testId="objection-error">${localize(t, errors.form)}<//>`}
            <${TextField} id="objection-text" label=${t('cert.field.objection')} value=${text} onInput=${setText} error=${localizeServerMessage(errors.byField.text, lang)} />
            <div class="button-row">
                <button type="submit" class="button primary" disabled=${busy} data-testid="objection-submit">${t('cert.object')}</button>
                <button type="button" class="button" onClick=${onCancel}>${t('form.cancel')}</button>
            </div>
        </form>`;
}

function Row({ product, certification, today, canCertify, canObject, onChange }) {
    const { t } = useApp();
    const [open, setOpen] = useState(null);
    // The server's word on today's state when it gives one (its clock decides), else the same rule here.
    const state = certification.status_today ?? certificationState(certification, today);
    const noticeEnd = Number(certification.notice_days) > 0 ? addDays(certification.valid_from, Number(certification.notice_days) - 1) : null;
    const revocation = certification.revocation;
    const done = () => {
        setOpen(null);
        onChange();
    };
    return html`
        <li class="cert" data-testid="cert-row" data-status=${state}>
            <div class="cert-head">
                <span class="cert-no" data-testid="cert-no">${certification.certificate_no}</span>
                <${CertBadge} status=${state} testId="cert-status" />
            </div>
            <dl class="details compact">
                <dt>${t('cert.valid')}</dt><dd>${certification.valid_from} – ${certification.valid_to}</dd>
                <dt>${t('cert.notice')}</dt>
                <dd>${noticeEnd ? t('cert.noticeUntil', { date: noticeEnd, days: formatInteger(certification.notice_days) }) : t('cert.noNotice')}</dd>
                ${certification.objection_count > 0 && html`<dt>${t('cert.objections')}</dt><dd>${formatInteger(certification.objection_count)}</dd>`}
                ${revocation && html`
                    <dt>${t('cert.revokedOn')}</dt><dd data-testid="cert-revoked">${revocation.effective_on}</dd>
                    <dt>${t('cert.field.reason')}</dt><dd>${revocation.reason}</dd>`}
                ${certification.created_at && html`<dt>${t('cert.issued')}</dt><dd>${formatDateTime(certification.created_at)}</dd>`}
            </dl>
            ${(certification.objections ?? []).length > 0 && html`
                <ul class="objections">${certification.objections.map((objection) => html`<li key=${objection.id}>${objection.text}</li>`)}</ul>`}
            <div class="button-row">
                ${canCertify && !revocation && state !== 'expired' && open === null && html`
                    <button type="button" class="button small danger" onClick=${() => setOpen('revoke')} data-testid="revoke-open">${t('cert.revoke')}</button>`}
                ${canObject && state === 'in_notice' && open === null && html`
                    <button type="button" class="button small" onClick=${() => setOpen('object')} data-testid="objection-open">${t('cert.object')}</button>`}
            </div>
            ${open === 'revoke' && html`<${RevokeForm} productId=${product.id} certification=${certification} today=${today} onDone=${done} onCancel=${() => setOpen(null)} />`}
            ${open === 'object' && html`<${ObjectionForm} productId=${product.id} certification=${certification} onDone=${done} onCancel=${() => setOpen(null)} />`}
        </li>`;
}

export function Certifications({ product, canCertify, hasStandard, today, onChange }) {
    const { t, session } = useApp();
    const history = useHistory(product.id);
    const [formKey, setFormKey] = useState(0);
    const canObject = session.status === 'signed-in' && session.user.role !== 'auditor';
    const changed = () => {
        history.reload();
        setFormKey((key) => key + 1);
        onChange();
    };
    return html`
        <div class="certifications" data-testid="certifications">
            ${history.phase === 'loading' && html`<${Loading} testId="cert-loading" />`}
            ${history.phase === 'error' && html`<${LoadError} error=${history.error} onRetry=${history.reload} testId="cert-error" />`}
            ${history.phase === 'ready' && history.items.length === 0 && html`<p class="empty" data-testid="cert-empty">${t('cert.none')}</p>`}
            ${history.phase === 'ready' && history.items.length > 0 && html`
                <ol class="cert-list">
                    ${history.items.map((certification) => html`
                        <${Row} key=${certification.id} product=${product} certification=${certification} today=${today}
                            canCertify=${canCertify} canObject=${canObject} onChange=${changed} />`)}
                </ol>`}
            ${canCertify && hasStandard && product.status !== 'withdrawn' && html`
                <${CertifyForm} key=${formKey} productId=${product.id} today=${today} onDone=${changed} />`}
            ${canCertify && !hasStandard && html`<${Alert} kind="info">${t('cert.needsStandard')}<//>`}
        </div>`;
}

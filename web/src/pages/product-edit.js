// Create (/products/new) and edit (/products/:id/edit) a product with its brand standard.
//
// A producer creates products for its own organisation; an admin picks the producer. Only the
// product's producer and admins may edit it: anyone else gets a refusal page instead of a form
// (and if the API refuses a save with 403, the page turns into that refusal too).
//
// Saving sends the form as it is; every problem the API names comes back as problem+json field
// errors and is shown at its input (product-form.js places them). Editing saves the standard first
// (PUT /products/{id}/standard), then the product's fields (PUT /products/{id}): a draft can only
// become active once it has a standard.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api, idempotencyKeys } from '../api.js';
import { Link, navigate } from '../router.js';
import { describeError, localize } from '../errors.js';
import { localizeServerMessage } from '../server-messages.js';
import {
    emptyProductForm, formPaths, placeFieldErrors, productFields, productFormFromApi, productFormToApi, standardErrorPaths,
    UNIT_NET_G,
} from '../catalog/product-form.js';
import { canCreateProducts, localName, productPermissions, PRODUCT_STATUSES, UNIT_KINDS } from '../catalog/model.js';
import { useReference } from '../catalog/reference.js';
import { Alert } from '../components/alert.js';
import { LoadError, Loading, Refusal } from '../components/catalog-bits.js';
import { PathInput, PathSelect, SectionError } from '../components/controls.js';
import { StandardEditor } from '../components/standard-editor.js';
import { ProducerPicker } from '../components/producer-picker.js';

const NO_ERRORS = { byPath: {}, unplaced: [], local: false };

// Reads the product being edited and its standard; a new product starts empty.
function useInitialForm(id, user) {
    const [state, setState] = useState({ phase: id ? 'loading' : 'ready', form: id ? null : emptyProductForm(user.role === 'producer' ? user.orgId : ''), product: null, error: null });
    const load = () => {
        if (!id) return;
        setState((previous) => ({ ...previous, phase: 'loading', error: null }));
        const path = `products/${encodeURIComponent(id)}`;
        Promise.all([
            api.get(path),
            api.get(`${path}/standard`).catch((error) => {
                if (error?.status === 404) return null;
                throw error;
            }),
        ]).then(
            ([product, standard]) => setState({ phase: 'ready', form: productFormFromApi(product, standard), product, hadStandard: Boolean(standard), error: null }),
            (error) => setState({ phase: 'error', form: null, product: null, error }),
        );
    };
    useEffect(load, [id]);
    return { ...state, reload: load };
}

// Moves the keyboard focus to the first input with a message, so the user lands on what to fix.
function focusFirstInvalid(root) {
    const target = root?.querySelector('[aria-invalid="true"], .section-error');
    if (!target) return;
    target.scrollIntoView?.({ block: 'center' });
    if (typeof target.focus === 'function' && target.matches('input, select, textarea')) target.focus();
}

function BasicsPart({ form, setForm, errorAt, isNew }) {
    const { t, lang, session } = useApp();
    const { categories } = useReference(['categories']);
    const set = (changes) => setForm({ ...form, ...changes });
    const admin = session.user.role === 'admin';
    return html`
        <fieldset class="card" data-testid="edit-basics">
            <legend>${t('product.basics')}</legend>
            ${isNew && admin && html`
                <${ProducerPicker} value=${form.producerId} onChange=${(producerId) => set({ producerId })} error=${errorAt('producer_id')} />`}
            ${!admin && html`<${SectionError} path="producer_id" error=${errorAt('producer_id')} />`}
            <div class="form-grid">
                <${PathInput} path="name_zh" label=${t('product.nameZh')} value=${form.nameZh} onInput=${(nameZh) => set({ nameZh })} error=${errorAt('name_zh')} />
                <${PathInput} path="name_en" label=${t('product.nameEn')} value=${form.nameEn} onInput=${(nameEn) => set({ nameEn })} error=${errorAt('name_en')} />
                <${PathSelect} path="category_id" label=${t('product.category')} value=${form.categoryId} placeholder=${t('form.choose')}
                    options=${categories.map((category) => ({ value: category.id, label: localName(category, lang), depth: category.depth }))}
                    onChange=${(categoryId) => set({ categoryId })} error=${errorAt('category_id')} />
                <${PathSelect} path="status" label=${t('product.statusLabel')} value=${form.status}
                    options=${PRODUCT_STATUSES.map((status) => ({ value: status, label: t(`product.status.${status}`) }))}
                    onChange=${(status) => set({ status })} error=${errorAt('status')} />
                <${PathSelect} path="unit/kind" label=${t('product.unit')} value=${form.unitKind}
                    options=${UNIT_KINDS.map((kind) => ({ value: kind, label: t(`product.unitKind.${kind}`) }))}
                    onChange=${(unitKind) => set({ unitKind })} error=${errorAt('unit/kind') ?? errorAt('unit')} />
                ${!Object.hasOwn(UNIT_NET_G, form.unitKind) && html`
                    <${PathInput} path="unit/net_g" label=${t(form.unitKind === 'box' ? 'product.boxNet' : 'product.pieceNet')}
                        value=${form.unitNet} suffix="kg" inputMode="decimal" onInput=${(unitNet) => set({ unitNet })} error=${errorAt('unit/net_g')} />`}
            </div>
            <p class="muted small">${t('product.statusHelp')}</p>
        </fieldset>`;
}

// Sends the form; resolves to the product's id, or rejects with the API's error. (A standard once
// saved cannot be removed: the form's checkbox is then fixed.)
async function save(id, form, keyFor) {
    const { product, standard } = productFormToApi(form);
    if (!id) {
        const created = await api.post('products', product, { headers: { 'Idempotency-Key': keyFor(product) } });
        return created.id;
    }
    const path = `products/${encodeURIComponent(id)}`;
    if (standard) {
        try {
            await api.put(`${path}/standard`, { standard });
        } catch (error) {
            if (error?.fieldErrors) error.fieldErrors = standardErrorPaths(error.fieldErrors);
            throw error;
        }
    }
    await api.put(path, productFields(product));
    return id;
}

function EditForm({ id, initial, product, hadStandard }) {
    const { t, lang } = useApp();
    const [form, setForm] = useState(initial);
    const [errors, setErrors] = useState(NO_ERRORS);
    const [busy, setBusy] = useState(false);
    const [refused, setRefused] = useState(false);
    const [focusTick, setFocusTick] = useState(0);
    const formRef = useRef(null);
    const keyFor = useRef(idempotencyKeys()).current;
    useEffect(() => {
        if (focusTick) focusFirstInvalid(formRef.current);
    }, [focusTick]);

    // Local messages are descriptors; the API's are its own words, translated when known.
    const show = (message) => (typeof message === 'string' ? localizeServerMessage(message, lang) : localize(t, message));
    const errorAt = (path) => {
        const message = errors.byPath[path];
        return message ? show(message) : undefined;
    };

    const onSubmit = async (event) => {
        event.preventDefault();
        const local = productFormToApi(form).errors;
        if (Object.keys(local).length) {
            setErrors({ byPath: local, unplaced: [], local: true });
            setFocusTick((tick) => tick + 1);
            return;
        }
        setBusy(true);
        setErrors(NO_ERRORS);
        try {
            const savedId = await save(id, form, keyFor);
            navigate(`/products/${encodeURIComponent(savedId)}${id ? '?saved=1' : '?created=1'}`);
        } catch (error) {
            setBusy(false);
            if (error?.status === 403 && id) return setRefused(true);
            const { aliases } = productFormToApi(form);
            const placed = placeFieldErrors(error?.fieldErrors ?? {}, formPaths(form), aliases);
            const unplaced = error?.hasFieldErrors ? placed.unplaced : [{ field: '', message: describeError(error) }];
            setErrors({ byPath: placed.byPath, unplaced, local: false });
            setFocusTick((tick) => tick + 1);
        }
    };

    if (refused) return html`<${ForbiddenEdit} id=${id} />`;
    const hasErrors = Object.keys(errors.byPath).length > 0 || errors.unplaced.length > 0;
    return html`
        <form class="form product-form" ref=${formRef} onSubmit=${onSubmit} novalidate data-testid="product-form">
            ${hasErrors && html`
                <${Alert} kind="error" testId="product-form-error">
                    ${errors.unplaced.length
                        ? errors.unplaced.map((entry) => html`<div key=${entry.field}>${entry.field ? `${entry.field}: ` : ''}${show(entry.message)}</div>`)
                        : t('validation.fixBelow')}
                <//>`}
            <${BasicsPart} form=${form} setForm=${setForm} errorAt=${errorAt} isNew=${!id} />
            <label class="check standard-toggle">
                <input type="checkbox" checked=${form.hasStandard} disabled=${hadStandard} data-testid="has-standard"
                    onChange=${(event) => setForm({ ...form, hasStandard: event.currentTarget.checked })} />
                ${t('product.hasStandard')}
            </label>
            ${form.hasStandard && html`
                <h2 class="section-title">${t('standard.title')}</h2>
                <${StandardEditor} standard=${form.standard} onChange=${(standard) => setForm({ ...form, standard })} errorAt=${errorAt} />`}
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=${busy} data-testid="product-save">
                    ${busy ? t('form.saving') : id ? t('form.save') : t('product.create')}
                </button>
                <${Link} href=${id ? `/products/${encodeURIComponent(id)}` : '/catalogue'} class="button">${t('form.cancel')}<//>
            </div>
            ${product && html`<p class="muted small">${t('product.editingId', { id: product.id })}</p>`}
        </form>`;
}

function ForbiddenEdit({ id }) {
    const { t } = useApp();
    return html`
        <${Refusal} status=${403} titleKey="product.refused.title" textKey="product.refused.text">
            <p><${Link} href=${`/products/${encodeURIComponent(id)}`} class="button" data-testid="refusal-back">${t('product.refused.back')}<//></p>
        <//>`;
}

export function ProductEditPage({ params }) {
    const { t, session } = useApp();
    const id = params.id ?? null;
    const initial = useInitialForm(id, session.user);

    if (!id && !canCreateProducts(session.user)) {
        return html`<${Refusal} status=${403} titleKey="product.createRefused.title" textKey="product.createRefused.text" />`;
    }
    if (initial.phase === 'loading') return html`<div class="page"><${Loading} testId="product-edit-loading" /></div>`;
    if (initial.phase === 'error') {
        if (initial.error?.status === 403) return html`<${ForbiddenEdit} id=${id} />`;
        if (initial.error?.status === 404) return html`<${Refusal} status=${404} />`;
        return html`<div class="page"><${LoadError} error=${initial.error} onRetry=${initial.reload} testId="product-edit-error" /></div>`;
    }
    if (id && !productPermissions(session.user, initial.product).edit) return html`<${ForbiddenEdit} id=${id} />`;
    return html`
        <div class="page product-edit">
            <div class="page-head">
                <p class="muted small"><${Link} href="/catalogue">${t('catalogue.heading')}<//></p>
                <h1 data-testid="product-edit-heading">${id ? t('product.editTitle') : t('product.newTitle')}</h1>
                <p class="muted">${t('product.formIntro')}</p>
            </div>
            <${EditForm} key=${id ?? 'new'} id=${id} initial=${initial.form} product=${initial.product} hadStandard=${Boolean(initial.hadStandard)} />
        </div>`;
}

// Pieces shared by the market's create forms: a labelled select and a form-state hook that maps the
// model's message keys and the server's field problems onto the form's fields.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';

export function SelectField({ id, label, value, options, onChange, error }) {
    return html`
        <div class=${error ? 'field field-invalid' : 'field'}>
            <label for=${id}>${label}</label>
            <select id=${id} name=${id} value=${value} data-testid=${id} aria-invalid=${error ? 'true' : 'false'}
                onChange=${(event) => onChange(event.currentTarget.value)}>
                <option value="">—</option>
                ${options.map((option) => html`<option key=${option.value} value=${option.value}>${option.label}</option>`)}
            </select>
            ${error && html`<p class="field-error" data-testid=${`${id}-error`}>${error}</p>`}
        </div>`;
}

/** { form, set(name)(value), errors, setErrors, showErrors(modelErrors), serverErrors(apiError, map) } */
export function useMarketForm(initial) {
    const { t } = useApp();
    const [form, setForm] = useState(initial);
    const [errors, setErrors] = useState({});
    return {
        form,
        errors,
        setErrors,
        set: (name) => (value) => setForm((previous) => ({ ...previous, [name]: value })),
        reset: () => setForm(initial),
        showErrors: (modelErrors) => {
            const shown = {};
            for (const [field, key] of Object.entries(modelErrors)) shown[field] = t(`marketError.${key}`);
            setErrors(shown);
        },
        // Server fields (quantity_g…) → the form's field names (quantity…).
        serverErrors: (error, names = {}) => {
            const shown = {};
            for (const [field, message] of Object.entries(error.fieldErrors ?? {})) shown[names[field] ?? field] = message;
            setErrors(shown);
        },
    };
}

// Pieces shared by the market's create forms: a labelled select, a form-state hook that maps the
// model's message keys and the server's field problems onto the form's fields, and the brand standard
// of the product a form has chosen, whose grades its grade select lists.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { readStandard } from '../catalog/prices.js';
import { FieldMessage, invalidProps } from './field.js';

export function SelectField({ id, label, value, options, onChange, error }) {
    return html`
        <div class=${error ? 'field field-invalid' : 'field'}>
            <label for=${id}>${label}</label>
            <select id=${id} name=${id} value=${value} data-testid=${id} ...${invalidProps(id, error)}
                onChange=${(event) => onChange(event.currentTarget.value)}>
                <option value="">—</option>
                ${options.map((option) => html`<option key=${option.value} value=${option.value}>${option.label}</option>`)}
            </select>
            <${FieldMessage} id=${id} error=${error} />
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

/**
 * The brand standard of the product a form has chosen (a product of a list, with its standard_version):
 * null while none is chosen or it is being read, and read again when the product changes. The grade is
 * cleared with each change, and when the standard arrives `setGrade` gets `pickGrade(standard)`
 * (catalog/model.js bestGrade or lowestGrade), the form's default.
 */
export function useChosenStandard(product, setGrade, pickGrade) {
    const [standard, setStandard] = useState(null);
    useEffect(() => {
        setStandard(null);
        setGrade('');
        if (!product || !(Number(product.standard_version) > 0)) return undefined;
        let live = true;
        readStandard(product).then((answer) => {
            if (!live) return;
            setStandard(answer);
            setGrade(pickGrade(answer));
        }, () => {});
        return () => { live = false; };
    }, [product?.id, product?.standard_version]);
    return standard;
}

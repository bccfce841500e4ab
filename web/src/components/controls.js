// Form controls of the catalog forms, each wired like TextField (field.js): a label, the message of
// the field underneath, aria-invalid and aria-describedby. Inputs are identified by the API path of
// the value they edit (product-form.js: inputId), so a field error from the API finds its input.
import { html } from '../html.js';
import { inputId } from '../catalog/product-form.js';
import { FieldMessage, invalidProps } from './field.js';

function errorLine(id, error) {
    return html`<${FieldMessage} id=${id} error=${error} />`;
}

/**
 * A text input for the value at `path`. `label` may be hidden visually (`hideLabel`, for table
 * cells) but is still read by screen readers. `suffix` is a unit shown after the input ("kg", "°C").
 */
export function PathInput({ path, label, value, onInput, error, hideLabel, suffix, inputMode, placeholder, disabled, className }) {
    const id = inputId(path);
    return html`
        <div class=${`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
            <label for=${id} class=${hideLabel ? 'visually-hidden' : ''}>${label}</label>
            <div class=${suffix ? 'input-with-suffix' : 'input-plain'}>
                <input id=${id} name=${path} type="text" value=${value} inputmode=${inputMode} placeholder=${placeholder}
                    disabled=${disabled} ...${invalidProps(id, error)}
                    onInput=${(event) => onInput(event.currentTarget.value)} />
                ${suffix && html`<span class="input-suffix" aria-hidden="true">${suffix}</span>`}
            </div>
            ${errorLine(id, error)}
        </div>`;
}

/** A <select> for the value at `path`; options are [{ value, label, depth? }] (depth indents). */
export function PathSelect({ path, label, value, onChange, options, error, hideLabel, placeholder, disabled, className, testId }) {
    const id = inputId(path);
    return html`
        <div class=${`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
            <label for=${id} class=${hideLabel ? 'visually-hidden' : ''}>${label}</label>
            <select id=${id} name=${path} value=${value} disabled=${disabled} data-testid=${testId}
                ...${invalidProps(id, error)} onChange=${(event) => onChange(event.currentTarget.value)}>
                ${placeholder !== undefined && html`<option value="">${placeholder}</option>`}
                ${options.map((option) => html`
                    <option key=${option.value} value=${option.value} selected=${option.value === value}>
                        ${'\u00a0\u00a0'.repeat(option.depth ?? 0)}${option.label}
                    </option>`)}
            </select>
            ${errorLine(id, error)}
        </div>`;
}

/** A group of checkboxes choosing a set of values (`value` is an array), with one message for the group. */
export function PathCheckboxes({ path, label, value, onChange, options, error }) {
    const id = inputId(path);
    const toggle = (option, checked) => onChange(checked ? [...value, option] : value.filter((v) => v !== option));
    return html`
        <fieldset class=${`field checks ${error ? 'field-invalid' : ''}`} id=${id} ...${invalidProps(id, error)}>
            <legend>${label}</legend>
            <div class="check-grid">
                ${options.map((option) => html`
                    <label key=${option.value} class="check">
                        <input type="checkbox" name=${path} value=${option.value} checked=${value.includes(option.value)}
                            onChange=${(event) => toggle(option.value, event.currentTarget.checked)} />
                        ${option.label}
                    </label>`)}
            </div>
            ${errorLine(id, error)}
        </fieldset>`;
}

/** A message for a section of the form (a whole grade, the tier grid) that has no input of its own. */
export function SectionError({ path, error }) {
    const id = inputId(path);
    return error ? html`<p class="field-error section-error" role="alert" data-testid=${`${id}-error`}>${error}</p>` : null;
}

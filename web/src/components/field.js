// A labelled input with its validation message underneath, wired for screen readers
// (aria-invalid, aria-describedby) so the message is read with the field, and announced when it
// appears (role="alert"). Every form control of the console wires its message through these two.
import { html } from '../html.js';

/** The message under field `id`, or nothing: announced as it appears, and named by the field. */
export function FieldMessage({ id, error }) {
    return error ? html`<p class="field-error" id=${`${id}-error`} data-testid=${`${id}-error`} role="alert">${error}</p>` : null;
}

/** aria-invalid and aria-describedby of field `id` with `error`. */
export function invalidProps(id, error) {
    return { 'aria-invalid': error ? 'true' : 'false', 'aria-describedby': error ? `${id}-error` : undefined };
}

export function TextField({ id, label, type = 'text', value, onInput, error, autocomplete, inputRef, disabled }) {
    return html`
        <div class=${error ? 'field field-invalid' : 'field'}>
            <label for=${id}>${label}</label>
            <input
                id=${id}
                name=${id}
                type=${type}
                value=${value}
                ref=${inputRef}
                disabled=${disabled}
                autocomplete=${autocomplete}
                ...${invalidProps(id, error)}
                onInput=${(event) => onInput(event.currentTarget.value)}
            />
            <${FieldMessage} id=${id} error=${error} />
        </div>`;
}

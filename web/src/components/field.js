// A labelled input with its validation message underneath, wired for screen readers
// (aria-invalid, aria-describedby) so the message is read with the field.
import { html } from '../html.js';

export function TextField({ id, label, type = 'text', value, onInput, error, autocomplete, inputRef, disabled }) {
    const errorId = `${id}-error`;
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
                aria-invalid=${error ? 'true' : 'false'}
                aria-describedby=${error ? errorId : undefined}
                onInput=${(event) => onInput(event.currentTarget.value)}
            />
            ${error && html`<p class="field-error" id=${errorId} data-testid=${errorId}>${error}</p>`}
        </div>`;
}

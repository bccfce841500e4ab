// A message box. Errors are announced at once (role=alert); notices politely (role=status).
import { html } from '../html.js';

export function Alert({ kind = 'info', testId, children }) {
    const role = kind === 'error' ? 'alert' : 'status';
    return html`<div class=${`alert alert-${kind}`} role=${role} data-testid=${testId}>${children}</div>`;
}

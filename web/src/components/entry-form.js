// What the console's entry forms share (new project, contract, invoice, progress, milestone,
// organisation): the form's values, its messages per field — the console's own checks first, then the
// server's problem mapped onto the fields it names — an Idempotency-Key per distinct body for the
// routes that take one, and the answer: a confirmation dialog first for commitments of money
// (contracts, invoices), then a green acknowledgement or a red alert where the form is.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { idempotencyKeys } from '../api.js';
import { describeError, localize } from '../errors.js';
import { localizeServerMessage } from '../server-messages.js';
import { useConfirmedAction } from './confirm.js';
import { Alert } from './alert.js';
import { parseMoney } from '../format.js';

/** Yuan text → fen as a Number for a request body, or null when not a positive amount. */
export function yuanToFen(text) {
    const amount = parseMoney(text ?? '');
    return amount.ok && amount.fen > 0n ? Number(amount.fen) : null;
}

/** The fields of a server problem as the form names them (`aliases`: API field → form field). */
export function formErrorsFrom(failure, aliases, lang) {
    const shown = {};
    for (const [field, message] of Object.entries(failure?.fieldErrors ?? {})) {
        shown[aliases[field] ?? field] = localizeServerMessage(message, lang);
    }
    return shown;
}

/**
 * { form, set(name)(value), errors, submit({ found, confirm, send, done }), reset(), busy, feedback,
 * dialog, key(body) }: `found` are the console's own messages (nothing is sent while there are any);
 * `confirm` ({ title, facts, confirmLabel }) asks first; `send()` posts; `done` is the acknowledgement.
 */
export function useEntryForm(initial, testId, aliases = {}) {
    const { t, lang } = useApp();
    const [form, setForm] = useState(initial);
    const [errors, setErrors] = useState({});
    const [plain, setPlain] = useState({ busy: false, outcome: null });
    const [keys] = useState(() => idempotencyKeys());
    const confirmed = useConfirmedAction(testId);
    const sendMapped = async (send) => {
        try {
            return await send();
        } catch (failure) {
            setErrors(formErrorsFrom(failure, aliases, lang));
            throw failure;
        }
    };
    const submitPlain = async (send, done) => {
        setPlain({ busy: true, outcome: null });
        try {
            const answer = await sendMapped(send);
            setPlain({ busy: false, outcome: { kind: 'success', text: done } });
            return answer ?? true;
        } catch (failure) {
            const reason = describeError(failure);
            const text = typeof reason === 'string' ? localizeServerMessage(reason, lang) : localize(t, reason);
            setPlain({ busy: false, outcome: { kind: 'error', text: `${text} ${t('confirm.failedHint')}` } });
            return null;
        }
    };
    const submit = async ({ found, confirm, send, done }) => {
        setErrors(found);
        if (Object.keys(found).length > 0) return null;
        if (!confirm) return submitPlain(send, done);
        let answer = null;
        const ok = await confirmed.run({ ...confirm, done }, async () => { answer = await sendMapped(send); });
        return ok ? answer ?? true : null;
    };
    const outcome = plain.outcome;
    return {
        form,
        errors,
        set: (name) => (value) => setForm((previous) => ({ ...previous, [name]: value })),
        reset: () => setForm(initial),
        submit,
        key: keys,
        busy: plain.busy || confirmed.busy,
        dialog: confirmed.dialog,
        feedback: html`${confirmed.feedback}${outcome && html`<${Alert} kind=${outcome.kind}
            testId=${`${testId}-${outcome.kind === 'success' ? 'done' : 'error'}`}>${outcome.text}<//>`}`,
    };
}

/** The console's own "is required" messages for the `names` left empty (labels from `labelOf`). */
export function requiredErrors(form, names, labelOf, t) {
    const found = {};
    for (const name of names) if (!String(form[name] ?? '').trim()) found[name] = t('validation.required', { field: labelOf(name) });
    return found;
}

// "Confirm, then acknowledge" for actions that move money or commit an organisation (pay, approve,
// cancel, accept, start an allocation, move a project): a modal dialog (the platform's <dialog>:
// focus kept inside, Escape cancels) repeats what will happen — the amount and the party — before
// anything is sent; afterwards the action's place shows a message: green when done, red naming the
// server's reason and what to do next.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { describeError, localize } from '../errors.js';
import { localizeServerMessage } from '../server-messages.js';
import { Alert } from './alert.js';

function ConfirmDialog({ request, onAnswer }) {
    const { t } = useApp();
    const ref = useRef(null);
    useEffect(() => {
        const dialog = ref.current;
        if (request && dialog && !dialog.open) dialog.showModal();
        if (!request && dialog?.open) dialog.close();
    }, [request]);
    return html`
        <dialog class="confirm-dialog" ref=${ref} aria-labelledby="confirm-title" data-testid="confirm-dialog"
                onCancel=${(event) => { event.preventDefault(); onAnswer(false); }}>
            ${request && html`
                <h2 id="confirm-title" data-testid="confirm-title">${request.title}</h2>
                ${request.facts?.length > 0 && html`
                    <dl class="facts" data-testid="confirm-facts">
                        ${request.facts.map(([label, value]) => html`<dt key=${label}>${label}</dt><dd>${value}</dd>`)}
                    </dl>`}
                ${request.note && html`<p class="muted">${request.note}</p>`}
                <div class="button-row">
                    <button type="button" class=${`button ${request.danger ? 'danger' : 'primary'}`} data-testid="confirm-yes"
                            onClick=${() => onAnswer(true)}>${request.confirmLabel ?? t('confirm.yes')}</button>
                    <button type="button" class="button" data-testid="confirm-no" onClick=${() => onAnswer(false)}>${t('confirm.no')}</button>
                </div>`}
        </dialog>`;
}

/**
 * { run(request, action), dialog, feedback, busy }: `run` asks with `request` ({ title, facts:
 * [[label, value]], note, confirmLabel, danger, done }) and, if confirmed, awaits `action()`;
 * `feedback` is the message to show where the action is (`done` text on success). Render `dialog`
 * and `feedback` once each.
 */
export function useConfirmedAction(testId = 'action') {
    const { t, lang } = useApp();
    const [request, setRequest] = useState(null);
    const [outcome, setOutcome] = useState(null);
    const [busy, setBusy] = useState(false);
    const answer = useRef(null);
    const ask = (next) => new Promise((resolve) => {
        answer.current = resolve;
        setRequest(next);
    });
    const onAnswer = (yes) => {
        setRequest(null);
        answer.current?.(yes);
        answer.current = null;
    };
    const run = async (next, action) => {
        if (!(await ask(next))) return false;
        setBusy(true);
        setOutcome(null);
        try {
            await action();
            setOutcome({ kind: 'success', text: next.done ?? t('confirm.done') });
            return true;
        } catch (failure) {
            const reason = describeError(failure);
            const text = typeof reason === 'string' ? localizeServerMessage(reason, lang) : localize(t, reason);
            setOutcome({ kind: 'error', text: `${text} ${t('confirm.failedHint')}` });
            return false;
        } finally {
            setBusy(false);
        }
    };
    const dialog = html`<${ConfirmDialog} request=${request} onAnswer=${onAnswer} />`;
    const feedback = outcome && html`<${Alert} kind=${outcome.kind} testId=${`${testId}-${outcome.kind === 'success' ? 'done' : 'error'}`}>${outcome.text}<//>`;
    return { run, dialog, feedback, busy };
}

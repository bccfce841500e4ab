// "Withdraw" on an open offer or demand: POST …/{id}/withdraw after a confirmation, then the list
// reloads. A refusal (another organisation's listing, already withdrawn) is shown beside the button.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { useConfirmedAction } from './confirm.js';

export function WithdrawButton({ path, onDone, testId }) {
    const { t } = useApp();
    const { run, dialog, feedback, busy } = useConfirmedAction(testId);
    const withdraw = async () => {
        const done = await run({ title: t('market.withdrawConfirm'), confirmLabel: t('market.withdraw'), danger: true, done: t('market.withdrawn') },
            () => api.post(path, {}));
        if (done) onDone();
    };
    return html`
        <button type="button" class="button small" data-testid=${testId} disabled=${busy} onClick=${withdraw}>${t('market.withdraw')}</button>
        ${feedback}${dialog}`;
}

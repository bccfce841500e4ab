// "Withdraw" on an open offer or demand: POST …/{id}/withdraw after a confirmation, then the list
// reloads. A refusal (another organisation's listing, already withdrawn) is shown beside the button.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';

export function WithdrawButton({ path, onDone, testId }) {
    const { t } = useApp();
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState('');
    const withdraw = async () => {
        if (!window.confirm(t('market.withdrawConfirm'))) return;
        setBusy(true);
        setError('');
        try {
            await api.post(path, {});
            onDone();
        } catch (failure) {
            setError(failure.detail || failure.message);
        } finally {
            setBusy(false);
        }
    };
    return html`
        <button type="button" class="button small" data-testid=${testId} disabled=${busy} onClick=${withdraw}>${t('market.withdraw')}</button>
        ${error && html` <span class="error">${error}</span>`}`;
}

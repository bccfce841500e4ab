// GET /healthz, shown as a status badge with whatever details the server reports, refreshed
// periodically and on demand.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { describeError, localize } from '../errors.js';
import { hasKey } from '../i18n/index.js';
import { formatTime } from '../format.js';

// Often enough to notice an outage while the dashboard is open, rarely enough to cost nothing.
export const HEALTH_REFRESH_MS = 30_000;

function scalarEntries(body) {
    if (!body || typeof body !== 'object') return [];
    return Object.entries(body).filter(([name, value]) =>
        name !== 'status' && ['string', 'number', 'boolean'].includes(typeof value));
}

export function HealthCard() {
    const { t, lang } = useApp();
    const [state, setState] = useState({ phase: 'checking', body: null, error: null, checkedAt: null });

    const check = async () => {
        setState((previous) => ({ ...previous, phase: 'checking' }));
        try {
            const body = await api.get('/healthz', { redirectOn401: false });
            const ok = body?.status === 'ok';
            setState({ phase: ok ? 'ok' : 'down', body, error: null, checkedAt: Date.now() });
        } catch (error) {
            setState({ phase: 'down', body: null, error: describeError(error), checkedAt: Date.now() });
        }
    };

    useEffect(() => {
        check();
        const timer = setInterval(check, HEALTH_REFRESH_MS);
        return () => clearInterval(timer);
    }, []);

    const label = (name) => (hasKey(lang, `health.key.${name}`) ? t(`health.key.${name}`) : name);
    const badge = { ok: 'health.ok', down: 'health.down', checking: 'health.checking' }[state.phase];
    return html`
        <section class="card" aria-labelledby="health-title" data-testid="health-card">
            <div class="card-head">
                <h2 id="health-title">${t('health.title')}</h2>
                <button type="button" class="button small" onClick=${check} disabled=${state.phase === 'checking'}
                        data-testid="health-refresh">${t('health.refresh')}</button>
            </div>
            <p><span class=${`badge badge-${state.phase}`} data-testid="health-status" data-phase=${state.phase}>${t(badge)}</span></p>
            ${state.error && html`<p class="muted">${localize(t, state.error)}</p>`}
            <dl class="details">
                ${scalarEntries(state.body).map(([name, value]) => html`
                    <dt key=${`k-${name}`}>${label(name)}</dt><dd key=${`v-${name}`}>${value === 'ok' ? t('health.value.ok') : String(value)}</dd>`)}
            </dl>
            ${state.checkedAt && html`
                <p class="muted small">${t('health.checkedAt', { time: formatTime(state.checkedAt, { seconds: true }) })}</p>`}
        </section>`;
}

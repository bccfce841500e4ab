// Small pieces the catalog pages share: the consumption-aid badge, a price with its per-kg/per-jin
// equivalents, the loading / error / empty states of a list, and the "load more" button.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { certBadge } from '../catalog/model.js';
import { unitPrice } from '../catalog/measures.js';
import { describeError, localize } from '../errors.js';
import { Alert } from './alert.js';

/** The consumption-aid state of a product or a certificate, as a coloured badge. */
export function CertBadge({ status, testId }) {
    const { t } = useApp();
    const state = status || 'none';
    return html`<span class=${`badge badge-${certBadge(state)}`} data-testid=${testId} data-status=${state}>${t(`cert.status.${state}`)}</span>`;
}

/** A product's own status (draft, withdrawn) — active products need no badge. */
export function ProductStatusBadge({ status }) {
    const { t } = useApp();
    if (!status || status === 'active') return null;
    return html`<span class="badge badge-neutral" data-testid="product-status" data-status=${status}>${t(`product.status.${status}`)}</span>`;
}

/** "¥100.00/箱（5公斤）" with "≈ ¥20.00/公斤 · ¥10.00/斤" underneath where it adds something. */
export function Price({ fen, unit, testId, compact }) {
    const { t, lang } = useApp();
    const price = unitPrice(fen, unit, t, lang);
    const equivalents = [
        price.perKg && `${price.perKg}/${t('catalog.unit.kg')}`,
        price.perJin && `${price.perJin}/${t('catalog.unit.jin')}`,
    ].filter(Boolean);
    return html`
        <span class=${compact ? 'price compact' : 'price'} data-testid=${testId}>
            <span class="price-main">${price.main}</span>
            ${equivalents.length > 0 && html`<span class="price-equivalent">≈ ${equivalents.join(' · ')}</span>`}
        </span>`;
}

/** The error of a failed read, with a retry button. */
export function LoadError({ error, onRetry, testId = 'load-error' }) {
    const { t } = useApp();
    return html`
        <${Alert} kind="error" testId=${testId}>
            ${localize(t, describeError(error))}
            ${onRetry && html` <button type="button" class="button small" onClick=${onRetry}>${t('error.retry')}</button>`}
        <//>`;
}

export function Loading({ testId = 'loading' }) {
    const { t } = useApp();
    return html`<p class="muted loading-line" data-testid=${testId}><span class="spinner small" aria-hidden="true"></span>${t('boot.loading')}</p>`;
}

/** "Load more" while there is a next page; "that is all" after the last. */
export function LoadMore({ hasMore, busy, onMore, count, testId = 'load-more' }) {
    const { t } = useApp();
    if (!hasMore) return count > 0 ? html`<p class="muted small list-end" data-testid="list-end">${t('list.end', { count })}</p>` : null;
    return html`
        <div class="load-more">
            <button type="button" class="button" disabled=${busy} onClick=${onMore} data-testid=${testId}>
                ${busy ? t('list.loading') : t('list.more')}
            </button>
        </div>`;
}

/**
 * A refusal (403) or an absence (404) shown as a page of its own, so a page the user may not use
 * never shows a half-working form.
 */
export function Refusal({ status, titleKey, textKey, children }) {
    const { t } = useApp();
    const kind = status === 404 ? 'notFound' : 'forbidden';
    return html`
        <div class="page narrow refusal" data-testid=${`refusal-${kind}`}>
            <h1 data-testid="refusal-heading">${t(titleKey ?? `refusal.${kind}.title`)}</h1>
            <${Alert} kind="error" testId="refusal-text">${t(textKey ?? `refusal.${kind}.text`)}<//>
            ${children}
        </div>`;
}

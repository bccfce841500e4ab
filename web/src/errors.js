// Turns failures into messages that follow the language switch. A message is kept as a
// descriptor — { key, params } for our own labels, or a plain string for the server's own words —
// and localized only when shown, so switching language re-translates what is already on screen.

/** A descriptor for an ApiError (or anything thrown). */
export function describeError(error) {
    if (error?.kind === 'network') return { key: 'error.network' };
    if (error?.kind === 'timeout') return { key: 'error.timeout' };
    if (error?.detail) return error.detail;
    return { key: 'error.unexpected', params: { status: error?.status || '?' } };
}

/**
 * True when the server refuses a sign-in because of repeated failures: 423 Locked, 429 Too Many
 * Requests, or a problem whose type names a lock.
 */
export function isLockedError(error) {
    return error?.status === 423 || error?.status === 429 || /lock/i.test(error?.type ?? '');
}

/** The text of a descriptor; params that are themselves descriptors are localized first. */
export function localize(t, message) {
    if (message === null || message === undefined) return '';
    if (typeof message === 'string') return message;
    const params = {};
    for (const [name, value] of Object.entries(message.params ?? {})) {
        params[name] = value && typeof value === 'object' ? localize(t, value) : value;
    }
    return t(message.key, params);
}

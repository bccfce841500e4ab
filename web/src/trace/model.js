// The trace pages' pure logic (unit-tested in web/test/trace-model.test.mjs): a journey step's and a
// place's words, a lot's quantity in its unit, and the body that ships an order with lots.
import { localName } from '../catalog/model.js';
import { formatInteger, formatWeight } from '../format.js';
import { TRACE_STEPS } from './i18n.js';

/** What a step of the journey did, in the reader's words (a transformation by its process). */
export function stepLabel(t, step) {
    if (step.type === 'TransformationEvent') return t(step.process ? `trace.process.${step.process}` : 'trace.step.transformation');
    return t(`trace.step.${TRACE_STEPS.includes(step.biz_step) ? step.biz_step : 'other'}`);
}

/** Where a step happened: an organisation by name, households by their county, a buyer by its district. */
export function placeLabel(t, place, lang) {
    if (!place || place.kind === 'none') return '';
    const name = localName(place, lang);
    if (place.kind === 'origin') return name ? t('trace.place.origin', { name }) : '';
    if (place.kind === 'buyer') return name ? t('trace.place.buyer', { name }) : t('trace.place.buyerUnknown');
    return name;
}

/** A lot's quantity in its unit: grams as 吨/公斤 (jin where asked), units of sale as a count. */
export function lotQuantity(t, quantity, quantityUnit, lang, weightUnit = 'kg') {
    if (quantityUnit === 'units') return t('lots.units', { count: formatInteger(quantity) });
    const unit = weightUnit === 'kg' && quantity >= 10_000_000 ? 't' : weightUnit;
    return formatWeight(quantity, unit, lang);
}

/**
 * The ship body of an order whose lines name lots: `picks` maps a line number to [{ lotId, quantity }]
 * (quantity as typed). Lines without picks are left out (they ship without lots). Returns { body }
 * or { error: 'mismatch', lineNo } when a line's named quantities do not add up to it.
 */
export function shipWithLotsBody(order, picks) {
    const lines = [];
    for (const line of order.lines) {
        const chosen = (picks[line.line_no] ?? []).filter((pick) => pick.lotId);
        if (chosen.length === 0) continue;
        const lots = chosen.map((pick) => ({ lot_id: pick.lotId, quantity: Number(pick.quantity) }));
        if (lots.some((lot) => !Number.isInteger(lot.quantity) || lot.quantity < 1)) return { error: 'mismatch', lineNo: line.line_no };
        const sum = lots.reduce((total, lot) => total + lot.quantity, 0);
        if (sum !== line.quantity) return { error: 'mismatch', lineNo: line.line_no };
        lines.push({ line_no: line.line_no, lots });
    }
    return { body: { lines } };
}

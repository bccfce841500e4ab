// The catalog's measured values: grade criteria (fruit weight g, sugar °Brix…), temperatures,
// and prices per unit of sale.
//
// The API carries every measure as an integer in the unit its name ends with: `_g` grams, `_mm`
// millimetres, `_x10` tenths and `_x100` hundredths of the unit (sugar_brix_x10 = 125 is 12.5 °Brix,
// carat_x100 = 150 is 1.50 ct, a temperature in `_c_x10` = -15 is −1.5 °C). People type and read the
// decimal; these helpers convert exactly, on BigInt, never through a binary float.
import { formatMoney, formatWeight, GRAMS_PER_JIN, GRAMS_PER_KG, toBigInt } from '../format.js';

// The largest integer a JSON number carries exactly; larger entries are refused.
const SAFE_INTEGER_MAX = BigInt(Number.MAX_SAFE_INTEGER);

// Shown unit of each metric (the unit after the scale suffix is removed). A metric the console does
// not know yet (added on the server later) still works: its scale comes from its name and it is
// shown with its raw name.
const METRIC_UNITS = {
    fruit_weight_g: 'g',
    diameter_mm: 'mm',
    length_mm: 'mm',
    sugar_brix_x10: '°Brix',
    defects_pct_x10: '%',
    moisture_pct_x10: '%',
    kernel_rate_pct_x10: '%',
    impurity_pct_x10: '%',
    fibre_length_mm_x10: 'mm',
    piece_weight_g: 'g',
    carat_x100: 'ct',
};

/** The metrics of grade criteria the console offers, in the server's order (catalog_types.h). */
export const METRICS = Object.keys(METRIC_UNITS);

/** Decimal places of an integer measure named `name`: 1 for `…_x10`, 2 for `…_x100`, else 0. */
export function decimalsOf(name) {
    const match = /_x(10+)$/.exec(String(name));
    return match ? match[1].length - 1 : 0;
}

/** The unit a metric is shown in ('g', '°Brix', '%'…), or '' when unknown. */
export function metricUnit(metric) {
    return Object.hasOwn(METRIC_UNITS, metric) ? METRIC_UNITS[metric] : '';
}

function abs(n) {
    return n < 0n ? -n : n;
}

/**
 * The integer `value` read with `decimals` implied decimal places: (125, 1) → "12.5",
 * (150, 2) → "1.5" (trailing zeros dropped), (-15, 1) → "-1.5", (7, 0) → "7".
 */
export function formatScaled(value, decimals) {
    const n = toBigInt(value);
    if (decimals === 0) return n.toString();
    const scale = 10n ** BigInt(decimals);
    const fraction = (abs(n) % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
    const whole = (abs(n) / scale).toString();
    return `${n < 0n ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * "12.5" with 1 decimal → { ok: true, value: 125 }. Accepts a leading '-' or '−' (U+2212) and a
 * leading '+'. Errors: 'empty', 'format' (not a plain decimal), 'precision' (more decimals than the
 * measure has), 'range' (too large to send exactly).
 */
export function parseScaled(text, decimals) {
    const trimmed = String(text ?? '').trim().replace(/^\u2212/, '-');
    if (!trimmed) return { ok: false, error: 'empty' };
    const match = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(trimmed) ?? /^([+-]?)()\.(\d+)$/.exec(trimmed);
    if (!match) return { ok: false, error: 'format' };
    const [, sign, whole, rawFraction = ''] = match;
    const fraction = rawFraction.replace(/0+$/, '');
    if (fraction.length > decimals) return { ok: false, error: 'precision' };
    const digits = BigInt((whole || '0') + fraction.padEnd(decimals, '0'));
    if (digits > SAFE_INTEGER_MAX) return { ok: false, error: 'range' };
    const value = Number(sign === '-' ? -digits : digits);
    return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** A whole number ("12", " 3 ") → { ok, value }; errors as parseScaled ('precision' for "1.5"). */
export function parseWhole(text) {
    return parseScaled(text, 0);
}

/**
 * A criterion's range as text: "≥ 12.5 °Brix", "≤ 5 %", "80–90 mm" or "= 3 g" when min equals max.
 * Values are the API's integers; a missing bound is null or undefined.
 */
export function formatRange(metric, min, max) {
    const decimals = decimalsOf(metric);
    const unit = metricUnit(metric);
    const hasMin = min !== null && min !== undefined;
    const hasMax = max !== null && max !== undefined;
    const suffix = unit ? ` ${unit}` : '';
    if (hasMin && hasMax) {
        const [low, high] = [formatScaled(min, decimals), formatScaled(max, decimals)];
        return low === high ? `= ${low}${suffix}` : `${low}–${high}${suffix}`;
    }
    if (hasMin) return `≥ ${formatScaled(min, decimals)}${suffix}`;
    if (hasMax) return `≤ ${formatScaled(max, decimals)}${suffix}`;
    return '—';
}

/** A temperature range in tenths of a degree: (-15, 40) → "-1.5 – 4 °C". */
export function formatTemperatureRange(minCx10, maxCx10) {
    return `${formatScaled(minCx10, 1)} – ${formatScaled(maxCx10, 1)} °C`;
}

// Rounds numerator/denominator (denominator > 0) half away from zero.
function divideRounded(numerator, denominator) {
    const quotient = (abs(numerator) * 2n + denominator) / (denominator * 2n);
    return numerator < 0n ? -quotient : quotient;
}

/**
 * The price of `gramsPer` grams when `priceFen` buys `netG` grams, rounded to the fen: what a
 * ¥100.00 box of 5 kg costs per kg (2000 fen) or per jin (1000 fen). null when the unit has no
 * weight (a piece sold by count).
 */
export function pricePerWeightFen(priceFen, netG, gramsPer) {
    const grams = toBigInt(netG, 'net_g');
    if (grams <= 0n) return null;
    return Number(divideRounded(toBigInt(priceFen, 'price_fen') * toBigInt(gramsPer), grams));
}

/**
 * A unit of sale as words: { kind: 'box', net_g: 5000 } → "箱（5公斤）" / "box of 5 kg". `t` is the
 * console's translate function; unit labels come from the dictionaries (catalog.unit.*).
 */
export function unitLabel(unit, t, lang) {
    const kind = unit?.kind;
    const netG = unit?.net_g ?? 0;
    if (kind === 'box') return t('catalog.unit.boxOf', { weight: formatWeight(netG, 'kg', lang) });
    if (kind === 'piece' && netG > 0) return t('catalog.unit.pieceOf', { weight: formatWeight(netG, netG >= 1000 ? 'kg' : 'g', lang) });
    return t(`catalog.unit.${kind === 'jin' || kind === 'piece' ? kind : 'kg'}`);
}

/**
 * A price per unit of sale with, for units that are not a plain kg or jin, what it comes to per kg
 * and per jin: { main: "¥100.00/箱（5公斤）", perKg: "¥20.00", perJin: "¥10.00" } (perKg/perJin
 * null when they would say nothing new or the unit has no weight).
 */
export function unitPrice(priceFen, unit, t, lang) {
    const main = `${formatMoney(priceFen)}/${unitLabel(unit, t, lang)}`;
    const netG = unit?.net_g ?? 0;
    const byWeight = unit?.kind === 'box' || (unit?.kind === 'piece' && netG > 0);
    if (!byWeight) {
        // A kg price is also shown per jin and the other way round: shoppers in Shanghai think in jin.
        if (unit?.kind === 'kg') return { main, perKg: null, perJin: formatMoney(pricePerWeightFen(priceFen, GRAMS_PER_KG, GRAMS_PER_JIN)) };
        if (unit?.kind === 'jin') return { main, perKg: formatMoney(pricePerWeightFen(priceFen, GRAMS_PER_JIN, GRAMS_PER_KG)), perJin: null };
        return { main, perKg: null, perJin: null };
    }
    return {
        main,
        perKg: formatMoney(pricePerWeightFen(priceFen, netG, GRAMS_PER_KG)),
        perJin: formatMoney(pricePerWeightFen(priceFen, netG, GRAMS_PER_JIN)),
    };
}

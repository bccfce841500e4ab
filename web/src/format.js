// Figures formatted the Chinese way: ¥ with two decimals, 万/亿 for large amounts, weights in kg,
// jin (斤, 500 g) or tonnes, and times in Asia/Shanghai whatever the browser's own zone is.
//
// The server sends money as integer fen and quantities as integer grams (DESIGN.md). All arithmetic
// here is done on BigInt so that a displayed figure is exactly the stored one, rounded once, half
// away from zero, at the last displayed digit — never through a binary float.

export const TIME_ZONE = 'Asia/Shanghai';

export const FEN_PER_YUAN = 100n;
export const GRAMS_PER_KG = 1_000n;
export const GRAMS_PER_JIN = 500n;
export const GRAMS_PER_TONNE = 1_000_000n;

// Digits shown after the decimal point of a compact figure such as ¥1.23亿.
export const COMPACT_DECIMALS_MAX = 2;

// Units of a compact figure, largest first. Chinese groups by 10⁴ (万) and 10⁸ (亿); English by 10³.
const COMPACT_UNITS = {
    'zh-CN': [
        { factor: 100_000_000n, suffix: '亿' },
        { factor: 10_000n, suffix: '万' },
    ],
    en: [
        { factor: 1_000_000_000n, suffix: 'B' },
        { factor: 1_000_000n, suffix: 'M' },
        { factor: 1_000n, suffix: 'K' },
    ],
};

// Grams per weight unit, and how many decimals each unit needs to show a whole gram exactly
// (1 g = 0.001 kg = 0.002 jin); tonnes are shown to the kilogram.
const WEIGHT_UNITS = {
    g: { grams: 1n, decimals: 0 },
    kg: { grams: GRAMS_PER_KG, decimals: 3 },
    jin: { grams: GRAMS_PER_JIN, decimals: 3 },
    t: { grams: GRAMS_PER_TONNE, decimals: 3 },
};

const WEIGHT_LABELS = {
    'zh-CN': { g: '克', kg: '公斤', jin: '斤', t: '吨' },
    en: { g: 'g', kg: 'kg', jin: 'jin', t: 't' },
};

// Spellings accepted by parseWeight, in either language.
const WEIGHT_UNIT_ALIASES = {
    g: 'g', 克: 'g',
    kg: 'kg', 公斤: 'kg', 千克: 'kg',
    jin: 'jin', 斤: 'jin',
    t: 't', 吨: 't',
};

// The largest integer a JSON number carries exactly; parsed amounts beyond it are refused.
const SAFE_INTEGER_MAX = BigInt(Number.MAX_SAFE_INTEGER);

function languageOf(lang) {
    return lang === 'en' ? 'en' : 'zh-CN';
}

// Accepts the integers the API sends (number), exact big ones (bigint) and digit strings.
export function toBigInt(value, what = 'value') {
    if (typeof value === 'bigint') return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
    throw new TypeError(`${what} must be an integer, got ${String(value)}`);
}

function abs(n) {
    return n < 0n ? -n : n;
}

// Rounds numerator/denominator (denominator > 0) half away from zero.
function divideRounded(numerator, denominator) {
    const quotient = (abs(numerator) * 2n + denominator) / (denominator * 2n);
    return numerator < 0n ? -quotient : quotient;
}

function groupThousands(digits) {
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// Formats value/divisor with `decimals` digits after the point (trailing zeros dropped when
// `trim`), thousands grouped, and the sign in front.
function formatScaled(value, divisor, decimals, trim) {
    const scale = 10n ** BigInt(decimals);
    const rounded = divideRounded(value * scale, divisor);
    const magnitude = abs(rounded);
    let text = groupThousands((magnitude / scale).toString());
    if (decimals > 0) {
        let fraction = (magnitude % scale).toString().padStart(decimals, '0');
        if (trim) fraction = fraction.replace(/0+$/, '');
        if (fraction) text += `.${fraction}`;
    }
    return { negative: rounded < 0n, text };
}

function signed({ negative, text }, prefix = '') {
    return `${negative ? '-' : ''}${prefix}${text}`;
}

/** 1234 → "1,234". */
export function formatInteger(value) {
    return signed(formatScaled(toBigInt(value), 1n, 0, false));
}

/** Integer fen → "¥1,234.56" (always two decimals; "-¥5.00" when negative). */
export function formatMoney(fen) {
    return signed(formatScaled(toBigInt(fen, 'fen'), FEN_PER_YUAN, 2, false), '¥');
}

/** Integer fen → the text a price input holds, "1234.56" (parseMoney reads it back); "" for none. */
export function moneyInputText(fen) {
    return fen === null || fen === undefined ? '' : formatMoney(fen).replace(/^(-?)¥/, '$1').replaceAll(',', '');
}

// The unit is the largest one the value reaches; values below the smallest unit are shown in full.
// When rounding carries a figure up to the next unit (99,999,999 → "10000万"), the next unit is
// used instead ("1亿").
function compact(value, unitValue, lang) {
    const units = COMPACT_UNITS[languageOf(lang)];
    const scale = 10n ** BigInt(COMPACT_DECIMALS_MAX);
    const index = units.findIndex((unit) => abs(value) >= unit.factor * unitValue);
    if (index < 0) return null;
    let unit = units[index];
    const larger = units[index - 1];
    if (larger && abs(divideRounded(value * scale, unit.factor * unitValue)) >= (larger.factor / unit.factor) * scale) {
        unit = larger;
    }
    const scaled = formatScaled(value, unit.factor * unitValue, COMPACT_DECIMALS_MAX, true);
    return { ...scaled, text: scaled.text + unit.suffix };
}

/** A count in 万/亿 (zh-CN) or K/M/B (en) when large: 123456 → "12.35万"; small ones in full. */
export function formatCount(value, lang = 'zh-CN') {
    const n = toBigInt(value);
    const short = compact(n, 1n, lang);
    return short ? signed(short) : formatInteger(n);
}

/** Integer fen → "¥1.23亿" / "¥123M" when at least 10⁴ (zh-CN) or 10³ (en) yuan, else formatMoney. */
export function formatMoneyCompact(fen, lang = 'zh-CN') {
    const n = toBigInt(fen, 'fen');
    const short = compact(n, FEN_PER_YUAN, lang);
    return short ? signed(short, '¥') : formatMoney(n);
}

/** Integer grams → "1,234.5 kg" / "2,469斤"; unit is one of g, kg, jin, t. */
export function formatWeight(grams, unit = 'kg', lang = 'zh-CN') {
    const spec = WEIGHT_UNITS[unit];
    if (!spec) throw new RangeError(`unknown weight unit: ${unit}`);
    const language = languageOf(lang);
    const number = signed(formatScaled(toBigInt(grams, 'grams'), spec.grams, spec.decimals, true));
    const label = WEIGHT_LABELS[language][unit];
    return language === 'en' ? `${number} ${label}` : `${number}${label}`;
}

// Splits "1,234.56" into digits and scale (123456n, 2). Returns null when it is not a plain decimal.
function parseDecimal(text) {
    const match = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text);
    if (!match) return null;
    const [, sign, whole, fraction = ''] = match;
    const digits = BigInt(whole.replaceAll(',', '') + fraction);
    return { value: sign ? -digits : digits, scale: fraction.length };
}

// Converts a parsed decimal times `unit` into an integer, refusing what is finer than one.
function toWhole(decimal, unit) {
    const divisor = 10n ** BigInt(decimal.scale);
    const product = decimal.value * unit;
    if (product % divisor !== 0n) return { ok: false, error: 'precision' };
    const whole = product / divisor;
    if (abs(whole) > SAFE_INTEGER_MAX) return { ok: false, error: 'range' };
    return { ok: true, value: Number(whole) };
}

/**
 * "¥1,234.5" or "1234.50" → { ok: true, fen: 123450 }. Errors: 'empty', 'format' (not a number),
 * 'precision' (finer than a fen), 'range' (too large to send exactly).
 */
export function parseMoney(text) {
    const trimmed = String(text ?? '').trim().replace(/^(-?)[¥￥]\s*/, '$1');
    if (!trimmed) return { ok: false, error: 'empty' };
    const decimal = parseDecimal(trimmed);
    if (!decimal) return { ok: false, error: 'format' };
    const result = toWhole(decimal, FEN_PER_YUAN);
    return result.ok ? { ok: true, fen: result.value } : result;
}

/**
 * "2.5 kg", "3斤", "1.2 吨", "500 g" → { ok: true, grams }. A number without a unit is read in
 * `defaultUnit`. Errors: 'empty', 'format', 'unit' (unknown unit), 'precision' (finer than a gram),
 * 'range'.
 */
export function parseWeight(text, defaultUnit = 'kg') {
    const trimmed = String(text ?? '').trim();
    if (!trimmed) return { ok: false, error: 'empty' };
    const match = /^(-?[\d,]+(?:\.\d+)?)\s*([^\d\s.,-]*)$/.exec(trimmed);
    if (!match) return { ok: false, error: 'format' };
    const decimal = parseDecimal(match[1]);
    if (!decimal) return { ok: false, error: 'format' };
    const unit = match[2] ? WEIGHT_UNIT_ALIASES[match[2].toLowerCase()] : defaultUnit;
    if (!unit || !WEIGHT_UNITS[unit]) return { ok: false, error: 'unit' };
    const result = toWhole(decimal, WEIGHT_UNITS[unit].grams);
    return result.ok ? { ok: true, grams: result.value } : result;
}

// The API's timestamps are epoch milliseconds or RFC 3339 strings.
export function toDate(value) {
    if (value instanceof Date) return value;
    if (typeof value === 'number' || typeof value === 'string') {
        const date = new Date(value);
        if (!Number.isNaN(date.getTime())) return date;
    }
    throw new TypeError(`not a time: ${String(value)}`);
}

// Intl does the time-zone arithmetic; the layout is our own (YYYY-MM-DD HH:mm, as Chinese
// administrative systems print it), so it is the same in both languages and in every browser.
const shanghaiParts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
});

function partsInShanghai(value) {
    const parts = {};
    for (const part of shanghaiParts.formatToParts(toDate(value))) parts[part.type] = part.value;
    return parts;
}

/** "2025-03-05" in Asia/Shanghai. */
export function formatDate(value) {
    const p = partsInShanghai(value);
    return `${p.year}-${p.month}-${p.day}`;
}

/** Today's date in Asia/Shanghai, "YYYY-MM-DD": a date field's default. (UTC's date, which
 * `toISOString()` gives, is yesterday's between 00:00 and 08:00 Beijing time.) */
export function todayInShanghai(now = Date.now()) {
    return formatDate(now);
}

/** `date` + `days` as "YYYY-MM-DD" (calendar arithmetic in UTC, where no day is skipped). */
export function addDays(date, days) {
    const [y, m, d] = date.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The current year in Asia/Shanghai: a year picker's default. */
export function yearInShanghai(now = Date.now()) {
    return Number(formatDate(now).slice(0, 4));
}

/** "14:07" or, with seconds, "14:07:09" in Asia/Shanghai. */
export function formatTime(value, { seconds = false } = {}) {
    const p = partsInShanghai(value);
    return seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
}

/** "2025-03-05 14:07" in Asia/Shanghai. */
export function formatDateTime(value, { seconds = false } = {}) {
    return `${formatDate(value)} ${formatTime(value, { seconds })}`;
}

/** A size in bytes as people read it: KB / MB / GB (binary steps, one decimal above KB). */
export function formatBytes(bytes, lang = 'zh-CN') {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let value = Number(bytes);
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    const digits = unit <= 1 ? 0 : 1;
    return `${value.toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${units[unit]}`;
}

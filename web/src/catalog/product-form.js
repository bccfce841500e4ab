// The product form's model: what the inputs hold (text, as typed), how it becomes the API's JSON
// (integers in fen, grams, tenths), and where the API's field errors belong on the page.
//
// Every input of the form is named by the API path of the value it edits ("name_zh",
// "unit/net_g", "standard/grades/1/criteria/0/max"), so a problem+json error naming a field lands
// next to the input that holds it. The few values that the form lays out differently from the JSON
// (a grade's list price sits in the grade's card; a tier's prices are a grid by grade) have their own
// input paths and an alias from the API's path. Errors on a path with no input of its own (a whole
// grade, the list of channels) are shown at the nearest enclosing section; the rest above the form.
import { formatWeight, moneyInputText, parseMoney, parseWeight } from '../format.js';
import { decimalsOf, formatScaled, METRICS, parseScaled } from './measures.js';
import { gradesByRank, SALES_CHANNELS } from './model.js';

// Net weight of the fixed units (catalog/product_service.h: kg_net_g, jin_net_g).
export const UNIT_NET_G = { kg: 1000, jin: 500 };
// Decimals of the storage temperature (tenths of a degree Celsius, …_c_x10).
const TEMPERATURE_DECIMALS = 1;

let nextKey = 1;
// Rows need stable keys (for Preact and for the tier grid's columns) that survive reordering.
function newKey(prefix) {
    nextKey += 1;
    return `${prefix}${nextKey}`;
}

export function emptyCriterion(metric = METRICS[0]) {
    return { key: newKey('c'), metric, min: '', max: '' };
}

export function emptyGrade() {
    return { key: newKey('g'), code: '', nameZh: '', nameEn: '', price: '', criteria: [] };
}

export function emptyTier() {
    return { key: newKey('t'), minQuantity: '', prices: {} };
}

export function emptyStandard() {
    return {
        grades: [emptyGrade()],
        packaging: { type: 'carton', netWeight: '', materials: '' },
        storage: { tempMin: '', tempMax: '', humidityMin: '', humidityMax: '', shelfLifeDays: '' },
        coldChain: 'ambient',
        channels: [],
        minOrder: '1',
        tiers: [],
    };
}

/** The form for a new product (producerId preset for a producer's own organisation). */
export function emptyProductForm(producerId = '') {
    return {
        producerId,
        nameZh: '',
        nameEn: '',
        categoryId: '',
        unitKind: 'kg',
        unitNet: '',
        status: 'draft',
        hasStandard: true,
        standard: emptyStandard(),
    };
}

// Integer → the text an input shows ('' for a missing value).
function scaledText(value, decimals) {
    return value === null || value === undefined ? '' : formatScaled(value, decimals);
}


function weightText(grams) {
    return grams === null || grams === undefined || grams === 0 ? '' : formatWeight(grams, 'kg', 'en').replace(/ kg$/, '').replaceAll(',', '');
}

function standardFromApi(standard) {
    const listPrices = new Map((standard.pricing?.list_prices ?? []).map((entry) => [entry.grade, entry.price_fen]));
    const grades = gradesByRank(standard).map((grade) => ({
        key: newKey('g'),
        code: grade.code ?? '',
        nameZh: grade.name_zh ?? '',
        nameEn: grade.name_en ?? '',
        price: moneyInputText(listPrices.get(grade.code)),
        criteria: (grade.criteria ?? []).map((criterion) => ({
            key: newKey('c'),
            metric: criterion.metric,
            min: scaledText(criterion.min, decimalsOf(criterion.metric)),
            max: scaledText(criterion.max, decimalsOf(criterion.metric)),
        })),
    }));
    const keyOfCode = new Map(grades.map((grade) => [grade.code, grade.key]));
    const storage = standard.storage ?? {};
    return {
        grades,
        packaging: {
            type: standard.packaging?.type ?? 'carton',
            netWeight: weightText(standard.packaging?.net_weight_g),
            materials: (standard.packaging?.materials ?? []).join(', '),
        },
        storage: {
            tempMin: scaledText(storage.temperature_min_c_x10, TEMPERATURE_DECIMALS),
            tempMax: scaledText(storage.temperature_max_c_x10, TEMPERATURE_DECIMALS),
            humidityMin: scaledText(storage.humidity_min_pct, 0),
            humidityMax: scaledText(storage.humidity_max_pct, 0),
            shelfLifeDays: scaledText(storage.shelf_life_days, 0),
        },
        coldChain: standard.logistics?.cold_chain ?? 'ambient',
        channels: SALES_CHANNELS.filter((channel) => (standard.channels ?? []).includes(channel)),
        minOrder: scaledText(standard.pricing?.min_order_quantity, 0),
        tiers: (standard.pricing?.tiers ?? []).map((tier) => {
            const prices = {};
            for (const entry of tier.prices ?? []) {
                const key = keyOfCode.get(entry.grade);
                if (key) prices[key] = moneyInputText(entry.price_fen);
            }
            return { key: newKey('t'), minQuantity: scaledText(tier.min_quantity, 0), prices };
        }),
    };
}

/** The form for an existing product and its standard (null when it has none yet). */
export function productFormFromApi(product, standard) {
    const unit = product.unit ?? {};
    const fixed = Object.hasOwn(UNIT_NET_G, unit.kind);
    const inner = standard?.standard ?? standard;
    return {
        producerId: product.producer_id ?? '',
        nameZh: product.name_zh ?? '',
        nameEn: product.name_en ?? '',
        categoryId: product.category_id ?? '',
        unitKind: unit.kind ?? 'kg',
        unitNet: fixed ? '' : weightText(unit.net_g),
        status: product.status ?? 'draft',
        hasStandard: Boolean(inner && Array.isArray(inner.grades)),
        standard: inner && Array.isArray(inner.grades) ? standardFromApi(inner) : emptyStandard(),
    };
}

// ---- form → API ---------------------------------------------------------------------------------

// Collects the values and the problems found while reading the inputs. An empty input is left out
// of the JSON, so the API names what is missing; only text that is no number at all (or finer than
// the unit) is refused here, since it cannot be sent.
class Reader {
    constructor() {
        this.errors = {};
    }

    fail(path, error, params = {}) {
        this.errors[path] = { key: `form.error.${error}`, params };
    }

    scaled(path, text, decimals) {
        if (!String(text ?? '').trim()) return undefined;
        const parsed = parseScaled(text, decimals);
        if (parsed.ok) return parsed.value;
        this.fail(path, parsed.error, { decimals });
        return undefined;
    }

    money(path, text) {
        if (!String(text ?? '').trim()) return undefined;
        const parsed = parseMoney(text);
        if (parsed.ok) return parsed.fen;
        this.fail(path, parsed.error === 'precision' ? 'moneyPrecision' : parsed.error);
        return undefined;
    }

    weight(path, text) {
        if (!String(text ?? '').trim()) return undefined;
        const parsed = parseWeight(text, 'kg');
        if (parsed.ok) return parsed.grams;
        this.fail(path, parsed.error === 'precision' ? 'weightPrecision' : parsed.error);
        return undefined;
    }
}

function gradesToApi(reader, grades) {
    return grades.map((grade, i) => ({
        code: grade.code.trim(),
        name_zh: grade.nameZh.trim(),
        name_en: grade.nameEn.trim(),
        rank: i + 1,
        criteria: grade.criteria.map((criterion, j) => {
            const path = `standard/grades/${i}/criteria/${j}`;
            const decimals = decimalsOf(criterion.metric);
            const out = { metric: criterion.metric };
            const min = reader.scaled(`${path}/min`, criterion.min, decimals);
            const max = reader.scaled(`${path}/max`, criterion.max, decimals);
            if (min !== undefined) out.min = min;
            if (max !== undefined) out.max = max;
            return out;
        }),
    }));
}

// Prices of the tier grid; an empty cell means "this grade has no price in this tier". Records the
// alias from each price's API path to the grid cell that holds it.
function tiersToApi(reader, standard, aliases) {
    return standard.tiers.map((tier, i) => {
        const prices = [];
        standard.grades.forEach((grade, k) => {
            const cell = tierPricePath(i, k);
            const text = tier.prices[grade.key] ?? '';
            if (!text.trim()) return;
            const price = reader.money(cell, text);
            const j = prices.length;
            for (const suffix of ['', '/price_fen', '/grade']) aliases[`standard/pricing/tiers/${i}/prices/${j}${suffix}`] = cell;
            prices.push({ grade: grade.code.trim(), ...(price === undefined ? {} : { price_fen: price }) });
        });
        const minQuantity = reader.scaled(`standard/pricing/tiers/${i}/min_quantity`, tier.minQuantity, 0);
        return { ...(minQuantity === undefined ? {} : { min_quantity: minQuantity }), prices };
    });
}

/** The input path of tier `i`'s price for the grade in row `k` (a console-only path). */
export function tierPricePath(i, k) {
    return `standard/pricing/tiers/${i}/grade/${k}`;
}

/** The input path of grade `i`'s list price (its place in pricing.list_prices). */
export function listPricePath(i) {
    return `standard/pricing/list_prices/${i}/price_fen`;
}

function defined(object) {
    return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

function standardToApi(reader, standard, aliases) {
    const s = standard.storage;
    const listPrices = standard.grades.map((grade, i) => {
        aliases[`standard/pricing/list_prices/${i}/grade`] = `standard/grades/${i}/code`;
        return defined({ grade: grade.code.trim(), price_fen: reader.money(listPricePath(i), grade.price) });
    });
    return {
        grades: gradesToApi(reader, standard.grades),
        packaging: defined({
            type: standard.packaging.type,
            net_weight_g: reader.weight('standard/packaging/net_weight_g', standard.packaging.netWeight),
            materials: standard.packaging.materials.split(/[,，、;；\n]/).map((m) => m.trim()).filter(Boolean),
        }),
        storage: defined({
            temperature_min_c_x10: reader.scaled('standard/storage/temperature_min_c_x10', s.tempMin, TEMPERATURE_DECIMALS),
            temperature_max_c_x10: reader.scaled('standard/storage/temperature_max_c_x10', s.tempMax, TEMPERATURE_DECIMALS),
            humidity_min_pct: reader.scaled('standard/storage/humidity_min_pct', s.humidityMin, 0),
            humidity_max_pct: reader.scaled('standard/storage/humidity_max_pct', s.humidityMax, 0),
            shelf_life_days: reader.scaled('standard/storage/shelf_life_days', s.shelfLifeDays, 0),
        }),
        logistics: { cold_chain: standard.coldChain },
        channels: SALES_CHANNELS.filter((channel) => standard.channels.includes(channel)),
        pricing: defined({
            list_prices: listPrices,
            min_order_quantity: reader.scaled('standard/pricing/min_order_quantity', standard.minOrder, 0),
            tiers: tiersToApi(reader, standard, aliases),
        }),
    };
}

function unitToApi(reader, form) {
    if (Object.hasOwn(UNIT_NET_G, form.unitKind)) return { kind: form.unitKind, net_g: UNIT_NET_G[form.unitKind] };
    const netG = reader.weight('unit/net_g', form.unitNet);
    // A piece sold by count has no weight (net_g 0); a box must say what it holds.
    if (netG === undefined) return form.unitKind === 'piece' ? { kind: 'piece', net_g: 0 } : { kind: form.unitKind };
    return { kind: form.unitKind, net_g: netG };
}

/**
 * The form as the API's JSON: { product, standard, errors, aliases }.
 *   product   the body of POST /products (with producer_id and, when the form has one, standard) —
 *             for PUT /products/{id} send productFields(product)
 *   standard  the brand standard alone (PUT /products/{id}/standard), or null
 *   errors    { inputPath: message descriptor } for text that cannot be sent; send nothing if any
 *   aliases   { apiPath: inputPath } for placeFieldErrors
 */
export function productFormToApi(form) {
    const reader = new Reader();
    const aliases = {};
    const standard = form.hasStandard ? standardToApi(reader, form.standard, aliases) : null;
    const product = {
        producer_id: form.producerId,
        name_zh: form.nameZh.trim(),
        name_en: form.nameEn.trim(),
        category_id: form.categoryId,
        unit: unitToApi(reader, form),
        status: form.status,
    };
    if (standard) product.standard = standard;
    return { product, standard, errors: reader.errors, aliases };
}

/** The editable fields of a product (PUT /products/{id}): no owner, no standard. */
export function productFields(product) {
    const { producer_id: _owner, standard: _standard, ...fields } = product;
    return fields;
}

// ---- where errors go ----------------------------------------------------------------------------

/**
 * Every path of the form that can show a message: each input's path and each section's (a grade
 * card, the criteria of a grade, the tier grid, the channel list…).
 */
export function formPaths(form) {
    const paths = ['producer_id', 'name_zh', 'name_en', 'category_id', 'unit', 'unit/kind', 'status'];
    if (!Object.hasOwn(UNIT_NET_G, form.unitKind)) paths.push('unit/net_g');
    if (!form.hasStandard) return new Set(paths);
    paths.push('standard', 'standard/grades', 'standard/packaging', 'standard/packaging/type',
        'standard/packaging/net_weight_g', 'standard/packaging/materials', 'standard/storage',
        'standard/storage/temperature_min_c_x10', 'standard/storage/temperature_max_c_x10',
        'standard/storage/humidity_min_pct', 'standard/storage/humidity_max_pct', 'standard/storage/shelf_life_days',
        'standard/logistics', 'standard/logistics/cold_chain', 'standard/channels', 'standard/pricing',
        'standard/pricing/list_prices', 'standard/pricing/min_order_quantity', 'standard/pricing/tiers');
    form.standard.grades.forEach((grade, i) => {
        const base = `standard/grades/${i}`;
        paths.push(base, `${base}/code`, `${base}/name_zh`, `${base}/name_en`, `${base}/rank`, `${base}/criteria`, listPricePath(i));
        grade.criteria.forEach((_, j) => paths.push(`${base}/criteria/${j}`, `${base}/criteria/${j}/metric`,
            `${base}/criteria/${j}/min`, `${base}/criteria/${j}/max`));
    });
    form.standard.tiers.forEach((_, i) => {
        paths.push(`standard/pricing/tiers/${i}`, `standard/pricing/tiers/${i}/min_quantity`, `standard/pricing/tiers/${i}/prices`);
        form.standard.grades.forEach((__, k) => paths.push(tierPricePath(i, k)));
    });
    return new Set(paths);
}

// A list price names its grade by index; the list_prices section itself is shown under the grades.
function aliasOf(path, aliases) {
    if (Object.hasOwn(aliases, path)) return aliases[path];
    const listPrice = /^standard\/pricing\/list_prices\/(\d+)$/.exec(path);
    return listPrice ? listPricePath(Number(listPrice[1])) : path;
}

/**
 * Sorts the API's field errors ({ apiPath: message }) onto the form: { byPath, unplaced }. A path
 * goes to its alias, else to itself, else to the nearest enclosing path the form shows
 * ("standard/packaging/materials/3" → "standard/packaging/materials"). Messages for the same place
 * are joined. Errors that fit nowhere (or name no field) come back in `unplaced` as
 * [{ field, message }] for the alert above the form.
 */
export function placeFieldErrors(fieldErrors, paths, aliases = {}) {
    const byPath = {};
    const unplaced = [];
    for (const [field, message] of Object.entries(fieldErrors ?? {})) {
        let place = field ? aliasOf(field, aliases) : '';
        while (place && !paths.has(place)) place = place.includes('/') ? aliasOf(place.slice(0, place.lastIndexOf('/')), aliases) : '';
        if (!place) {
            unplaced.push({ field, message });
        } else {
            byPath[place] = byPath[place] ? `${byPath[place]} ${message}` : message;
        }
    }
    return { byPath, unplaced };
}

/**
 * An answer of PUT /products/{id}/standard may name fields from the standard ("grades/0/code") or
 * from the product ("standard/grades/0/code"); the form uses the latter.
 */
export function standardErrorPaths(fieldErrors) {
    const out = {};
    for (const [field, message] of Object.entries(fieldErrors ?? {})) {
        const path = !field || field === 'standard' || field.startsWith('standard/') ? field : `standard/${field}`;
        out[path] = out[path] ? `${out[path]} ${message}` : message;
    }
    return out;
}

/** An input's DOM id from its path: "standard/grades/1/criteria/0/max" → "f-standard-grades-1-criteria-0-max". */
export function inputId(path) {
    return `f-${path.replace(/[^A-Za-z0-9_]+/g, '-')}`;
}

// ---- editing the rows ---------------------------------------------------------------------------

// Helpers return a new standard (the form state is never mutated).

export function addGrade(standard) {
    return { ...standard, grades: [...standard.grades, emptyGrade()] };
}

export function removeGrade(standard, index) {
    const removed = standard.grades[index];
    const tiers = standard.tiers.map((tier) => {
        const { [removed.key]: _gone, ...prices } = tier.prices;
        return { ...tier, prices };
    });
    return { ...standard, grades: standard.grades.filter((_, i) => i !== index), tiers };
}

/** Moves a grade up (delta −1, a better rank) or down (+1). */
export function moveGrade(standard, index, delta) {
    const target = index + delta;
    if (target < 0 || target >= standard.grades.length) return standard;
    const grades = [...standard.grades];
    [grades[index], grades[target]] = [grades[target], grades[index]];
    return { ...standard, grades };
}

export function updateGrade(standard, index, changes) {
    return { ...standard, grades: standard.grades.map((grade, i) => (i === index ? { ...grade, ...changes } : grade)) };
}

export function addCriterion(standard, gradeIndex) {
    const used = new Set(standard.grades[gradeIndex].criteria.map((c) => c.metric));
    const metric = METRICS.find((m) => !used.has(m)) ?? METRICS[0];
    const grade = standard.grades[gradeIndex];
    return updateGrade(standard, gradeIndex, { criteria: [...grade.criteria, emptyCriterion(metric)] });
}

export function removeCriterion(standard, gradeIndex, index) {
    const grade = standard.grades[gradeIndex];
    return updateGrade(standard, gradeIndex, { criteria: grade.criteria.filter((_, j) => j !== index) });
}

export function updateCriterion(standard, gradeIndex, index, changes) {
    const grade = standard.grades[gradeIndex];
    return updateGrade(standard, gradeIndex, {
        criteria: grade.criteria.map((criterion, j) => (j === index ? { ...criterion, ...changes } : criterion)),
    });
}

export function addTier(standard) {
    return { ...standard, tiers: [...standard.tiers, emptyTier()] };
}

export function removeTier(standard, index) {
    return { ...standard, tiers: standard.tiers.filter((_, i) => i !== index) };
}

export function updateTier(standard, index, changes) {
    return { ...standard, tiers: standard.tiers.map((tier, i) => (i === index ? { ...tier, ...changes } : tier)) };
}

export function setTierPrice(standard, index, gradeKey, text) {
    const tier = standard.tiers[index];
    return updateTier(standard, index, { prices: { ...tier.prices, [gradeKey]: text } });
}

// The rules and words of an event's days (issue 15 items 5–7), kept apart from the pages so that the
// unit tests read them (web/test/fairs-event.test.mjs): the download addresses of agendas, badges and
// table plans; a check-in's answer in words; who records a meeting's outcome and when; the lines of an
// intended order or an on-site sale (yuan → fen, whole units) and their total; who reads the report;
// and the report's charts (money by county, exhibitor, channel, category; conversion by Beijing week).
// The server decides every permission (src/fair/fair_outcome_service.h, fair_report.h).
import { formatMoney, formatMoneyCompact, formatTime, parseMoney } from '../format.js';
import { csvText } from '../components/chart-data.js';

export const OUTCOMES = ['held', 'no_show', 'follow_up'];
export const NO_SHOW_SIDES = ['exhibitor', 'buyer', 'both'];
// Lines of one intended order or on-site sale at most (the orders module's order_lines_max).
export const SALE_LINES_MAX = 200;
// Whole units of sale per line at most (orders::line_quantity_max) and a unit price's fen at most
// (orders::unit_price_fen_max, ¥100 m): checked here so that a typo is caught before the confirmation.
export const LINE_QUANTITY_MAX = 1_000_000_000;
export const UNIT_PRICE_FEN_MAX = 10_000_000_000;
// Bars shown at most in one of the report's charts: the largest; the table beneath and the CSV hold them all.
export const REPORT_BARS_MAX = 12;
const API_BASE = '/api/v1';

function address(path, query) {
    const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== undefined && value !== '')).toString();
    return `${API_BASE}/${path}${search ? `?${search}` : ''}`;
}

/** The language of a printed document: the console's (zh-CN → zh). */
export function printLang(lang) {
    return lang === 'en' ? 'en' : 'zh';
}

/** A participant's agenda as PDF and .ics, and its badge as PDF, in the console's language. */
export function participantDownloads(eventId, participantId, lang) {
    const base = `fairs/${encodeURIComponent(eventId)}/participants/${encodeURIComponent(participantId)}`;
    const l = printLang(lang);
    return {
        agendaPdf: address(`${base}/agenda`, { format: 'pdf', lang: l }),
        agendaIcs: address(`${base}/agenda`, { format: 'ics', lang: l }),
        badgePdf: address(`${base}/badge`, { format: 'pdf', lang: l }),
    };
}

/** Every badge of the event (organisers), one per page. */
export function badgesPdf(eventId, lang) {
    return address(`fairs/${encodeURIComponent(eventId)}/badges`, { format: 'pdf', lang: printLang(lang) });
}

/** The published schedule's table plan: `format` json (the page), csv, xlsx or pdf. */
export function tablePlanPath(eventId, format, lang) {
    const path = `fairs/${encodeURIComponent(eventId)}/table-plan`;
    if (format === 'json') return `${path}?schedule=published`;
    return address(path, { schedule: 'published', format, lang: format === 'pdf' ? printLang(lang) : undefined });
}

/** The report's sheet (csv or xlsx). */
export function reportFile(eventId, format) {
    return address(`reports/fairs/${encodeURIComponent(eventId)}`, { format });
}

/** An on-site sale's receipt as PDF in the console's language. */
export function receiptPdf(eventId, exhibitorId, orderId, lang) {
    return address(`fairs/${encodeURIComponent(eventId)}/participants/${encodeURIComponent(exhibitorId)}/onsite-sales/${encodeURIComponent(orderId)}/receipt`,
        { format: 'pdf', lang: printLang(lang) });
}

/** A scanned badge token as the API takes it: the scanner's text without spaces; '' for nothing. */
export function badgeToken(text) {
    return String(text ?? '').replace(/\s+/g, '');
}

/**
 * A check-in's answer (POST /fairs/{id}/check-in) in words: checked in, or already checked in at
 * HH:MM Beijing time, naming the participant. `nameOf(participant)` names it.
 */
export function checkInText(t, answer, nameOf) {
    const name = nameOf(answer.participant);
    const at = answer.checked_in_at_ms ? formatTime(answer.checked_in_at_ms) : answer.checked_in_at;
    return answer.already_checked_in ? t('fairs.scan.already', { name, at }) : t('fairs.scan.done', { name, at });
}

/** Who records outcomes and orders at a meeting, and when: while live; organisers also once closed. */
export function mayRecordAtEvent(state, organises) {
    return state === 'live' || (organises && state === 'closed');
}

/** An outcome record in words: "Held", "No-show: the buyer", "Follow-up"; "Not recorded" for none. */
export function outcomeText(t, outcome) {
    if (!outcome) return t('fairOutcome.none');
    if (outcome.outcome === 'no_show') return t('fairOutcome.noShowOf', { side: t(`fairNoShow.${outcome.no_show_side}`) });
    return t(`fairOutcome.${outcome.outcome}`);
}

/** The body of PUT …/outcome for a button: held, follow_up, or no_show with its side; the version last seen. */
export function outcomeBody(choice, version) {
    const [outcome, side] = choice.split(':');
    const body = { outcome, expected_version: version ?? 0 };
    if (outcome === 'no_show') body.no_show_side = side;
    return body;
}

/** A blank line of the line editor. */
export function blankLine() {
    return { product_id: '', grade: '', quantity: '1', price: '' };
}

/**
 * The lines of the editor ({ product_id, grade, quantity: whole units, price: yuan per unit }) →
 * { ok: true, lines: [{ product_id, grade?, quantity, unit_price_fen }], total_fen: BigInt } or
 * { ok: false, errors: { 'lines/i/field': key } } (keys fairs.line.*; field names as the server's).
 */
export function saleLines(lines) {
    const errors = {};
    const out = [];
    let total = 0n;
    if (!lines || lines.length === 0) return { ok: false, errors: { lines: 'fairs.line.error.none' } };
    if (lines.length > SALE_LINES_MAX) errors.lines = 'fairs.line.error.tooMany';
    lines.forEach((line, i) => {
        const at = `lines/${i}`;
        if (!line.product_id) errors[`${at}/product_id`] = 'fairs.line.error.product';
        const text = String(line.quantity ?? '').trim();
        const quantity = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
        if (!(quantity >= 1 && quantity <= LINE_QUANTITY_MAX)) errors[`${at}/quantity`] = 'fairs.line.error.quantity';
        const price = parseMoney(line.price);
        const priceOk = price.ok && price.fen >= 1n && price.fen <= BigInt(UNIT_PRICE_FEN_MAX);
        if (!priceOk) errors[`${at}/unit_price_fen`] = 'fairs.line.error.price';
        if (line.product_id && Number.isFinite(quantity) && priceOk) {
            const entry = { product_id: line.product_id, quantity, unit_price_fen: Number(price.fen) };
            if (line.grade) entry.grade = line.grade;
            out.push(entry);
            total += BigInt(price.fen) * BigInt(quantity);
        }
    });
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, lines: out, total_fen: total };
}

/** A total as people check it: "¥10,560.00（¥1.06万）", "¥10,560.00 (¥10.56K)"; small ones once, "¥88.00". */
export function totalText(fen, lang) {
    const full = formatMoney(fen);
    const compact = formatMoneyCompact(fen, lang);
    if (compact === full) return full;
    return lang === 'en' ? `${full} (${compact})` : `${full}（${compact}）`;
}

/** A line's amount in fen (BigInt), or null while its quantity or price is not a number yet. */
export function lineAmount(line) {
    const text = String(line.quantity ?? '').trim();
    const price = parseMoney(line.price);
    if (!/^\d{1,10}$/.test(text) || !price.ok) return null;
    return BigInt(price.fen) * BigInt(text);
}

// The roles GET /reports/fairs/{id} answers besides the event's organisers (src/fair/fair_report.h):
// the programme-wide readers, and a county officer (its county's exhibitors).
const REPORT_READERS = ['admin', 'fund_officer', 'auditor', 'county_officer'];

/** Whether the user may read the event's report (the page and its link are offered only then). */
export function mayReadReport(user, event) {
    if (!user || !event) return false;
    return REPORT_READERS.includes(user.role) || (event.organiser_ids ?? []).includes(user.id);
}

/**
 * A breakdown of the report (by_county, by_exhibitor, by_buyer_channel, by_category) as the money
 * bars' entries ({ key, label, fen }) of `amount` ('intended_fen' or 'onsite_fen'): named in the
 * reader's language (`nameOf(row)` for codes the console names itself), largest first, zeros left out.
 */
export function figureEntries(rows, amount, lang, nameOf = null) {
    return (rows ?? [])
        .map((row) => ({ key: row.key, label: nameOf?.(row) || (lang === 'en' ? row.name_en || row.name_zh : row.name_zh || row.name_en), fen: BigInt(row[amount] ?? 0) }))
        .filter((entry) => entry.fen > 0n)
        .sort((a, b) => (a.fen === b.fen ? 0 : a.fen > b.fen ? -1 : 1));
}

const SERIES_COLOURS = ['#2f7d5b', '#3465a4', '#c77c02'];
const yuan = (fen) => {
    const n = BigInt(fen);
    return `${n / 100n}.${String(n % 100n).padStart(2, '0')}`;
};

/**
 * The conversion of intended orders per Beijing week (the report's by_week, running totals): confirmed
 * and paid amounts to date as areas, each week's confirmations as a line — the chart, its table and CSV.
 */
export function conversionChart(weeks, { t, lang }) {
    const money = (value) => formatMoneyCompact(BigInt(Math.round(Number(value) || 0)), lang);
    const labels = weeks.map((w) => w.week_of);
    const series = [
        { name: t('fairs.report.confirmedToDate'), field: 'confirmed_fen_to_date', area: true },
        { name: t('fairs.report.paidToDate'), field: 'paid_fen_to_date', area: true },
        { name: t('fairs.report.confirmedThatWeek'), field: 'confirmed_fen', area: false },
    ];
    const option = {
        animation: false,
        color: SERIES_COLOURS,
        grid: { left: 8, right: 48, top: 40, bottom: 8, containLabel: true },
        legend: { data: series.map((s) => s.name), top: 0 },
        tooltip: {
            trigger: 'axis', renderMode: 'richText',
            formatter: (params) => [params[0]?.name ?? '', ...params.map((p) => `${p.seriesName}: ${money(p.value)}`)].join('\n'),
        },
        xAxis: { type: 'category', boundaryGap: false, data: labels },
        yAxis: { type: 'value', axisLabel: { formatter: money } },
        series: series.map((s) => ({
            name: s.name, type: 'line', data: weeks.map((w) => Number(w[s.field] ?? 0)),
            ...(s.area ? { areaStyle: { opacity: 0.25 } } : {}),
        })),
    };
    return {
        option,
        table: {
            columns: [t('fairs.report.weekOf'), ...series.map((s) => s.name)],
            rows: weeks.map((w) => [w.week_of, ...series.map((s) => formatMoneyCompact(BigInt(w[s.field] ?? 0), lang))]),
        },
        csv: csvText(['week_of', 'confirmed_orders', 'confirmed_fen', 'paid_orders', 'paid_fen', 'confirmed_fen_to_date', 'paid_fen_to_date', 'confirmed_yuan_to_date', 'paid_yuan_to_date'],
            weeks.map((w) => [w.week_of, w.confirmed_orders, w.confirmed_fen, w.paid_orders, w.paid_fen, w.confirmed_fen_to_date, w.paid_fen_to_date,
                yuan(w.confirmed_fen_to_date ?? 0), yuan(w.paid_fen_to_date ?? 0)])),
    };
}

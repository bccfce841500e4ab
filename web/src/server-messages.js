// The server's problems in the reader's language. Every problem+json, and each of its field errors,
// carries a stable `code` and `params` (src/core/problem_code.h; the list is in the OpenAPI
// document's components.x-problem-codes) beside an English `message`. This table writes each code
// in zh-CN and en from its params; the English message is shown only for a code it does not know,
// so nothing is ever hidden. A code whose message says more than its params (`invalid_value`,
// `bad_format`, the generic refusals) keeps the server's words after the sentence in English mode
// and says only the sentence in Chinese.
import { formatMoney, formatMoneyCompact } from './format.js';
import { translate } from './i18n/index.js';

const money = (fen, lang) => (Number.isInteger(fen) ? formatMoneyCompact(fen, lang) : formatMoney(fen ?? 0));
const county = (code, lang) => (code ? translate(lang, `county.${code}`) : '');
// A record's status by the console's own labels (orderStatus.*, paymentStatus.*, projectStatus.*).
const STATUS_KEYS = { order: 'orderStatus', payment_request: 'paymentStatus', project: 'projectStatus', fair_event: 'fairState' };
const stateName = (record, status, lang) => {
    const key = `${STATUS_KEYS[record] ?? 'status'}.${status}`;
    const text = translate(lang, key);
    return text === key ? status : text;
};

/** code → (params, lang, message) → text, or null to fall back to the server's message. */
export const CODES = {
    required: () => ({ zh: '此项必填。', en: 'Required.' }),
    length_out_of_range: (p) => (p.got === 0
        ? { zh: '此项必填。', en: 'Required.' }
        : { zh: `长度须为 ${p.min}–${p.max} 个字符（现为 ${p.got} 个）。`, en: `Must be ${p.min}–${p.max} characters long (it has ${p.got}).` }),
    exact_length: (p) => ({ zh: `长度须为 ${p.length} 个字符。`, en: `Must be exactly ${p.length} characters long.` }),
    blank: () => ({ zh: '不能只填空格。', en: 'Must not be blank.' }),
    invalid_utf8: () => ({ zh: '须为有效的 UTF-8 文本。', en: 'Must be valid UTF-8 text.' }),
    nul_character: () => ({ zh: '不能包含空字符。', en: 'Must not contain NUL characters.' }),
    control_character: (p) => ({ zh: `不能包含控制字符（第 ${p.at} 个字符）。`, en: `Must not contain control characters (character ${p.at}).` }),
    invisible_character: (p) => ({ zh: `不能包含不可见字符（如零宽空格，第 ${p.at} 个字符）。`, en: `Must not contain invisible characters such as a zero-width space (character ${p.at}).` }),
    out_of_range: (p) => (p.min !== undefined && p.max !== undefined
        ? { zh: `须在 ${p.min} 到 ${p.max} 之间。`, en: `Must be between ${p.min} and ${p.max}.` }
        : { zh: '超出允许范围。', en: null }),
    below_min: (p) => (p.min !== undefined ? { zh: `不能小于 ${p.min}。`, en: `Must not be below ${p.min}.` } : { zh: '数值过小。', en: null }),
    above_max: (p) => (p.max !== undefined ? { zh: `不能大于 ${p.max}。`, en: `Must not be above ${p.max}.` } : { zh: '数值过大。', en: null }),
    not_positive: () => ({ zh: '须大于零。', en: 'Must be greater than zero.' }),
    not_integer: () => ({ zh: '须为整数。', en: 'Must be a whole number.' }),
    wrong_type: () => ({ zh: '类型不正确。', en: null }),
    not_a_date: () => ({ zh: '请填写有效日期（YYYY-MM-DD）。', en: 'Must be a date (YYYY-MM-DD).' }),
    before_other_field: () => ({ zh: '不能早于其对应的起始项。', en: null }),
    not_one_of: (p) => (p.allowed ? { zh: `须为以下之一：${p.allowed}。`, en: `Must be one of ${p.allowed}.` } : { zh: '不是允许的选项。', en: null }),
    bad_format: () => ({ zh: '格式不正确。', en: null }),
    unknown_reference: () => ({ zh: '所指的记录不存在或无权使用。', en: null }),
    duplicate: () => ({ zh: '已被其他记录使用（比较时忽略大小写、全半角和连字符差异）。', en: 'Already used by another record (compared ignoring case, width and hyphens).' }),
    repeated: () => ({ zh: '在本次提交中重复出现。', en: 'Appears twice in this request.' }),
    outside_own_scope: () => ({ zh: '只能填写本单位或本县。', en: 'Must be your own organisation or county.' }),
    wrong_kind: () => ({ zh: '单位类型不符。', en: null }),
    quota_exceeded: (p, lang) => {
        const place = p.county ? county(p.county, lang) : null;
        const asked = money(p.amount_fen, lang);
        const left = p.available_fen !== undefined ? money(p.available_fen, lang) : null;
        return {
            zh: `超出${place ? `${place}县的` : '账户'}可用额度${left ? `（可用 ${left}，需要 ${asked}）` : `（需要 ${asked}）`}。`,
            en: `Exceeds what ${place ? `${place} county's quota` : 'the account'} holds${left ? ` (${left} available, ${asked} needed)` : ` (${asked} needed)`}.`,
        };
    },
    accounts_closed: () => ({ zh: '该项目的账户已关闭。', en: "The project's accounts are closed." }),
    too_many: (p) => ({ zh: `数量过多${p.max !== undefined ? `（最多 ${p.max} 个）` : ''}。`, en: p.max !== undefined ? `Too many (at most ${p.max}).` : null }),
    unknown_column: () => ({ zh: '不是此表格的列。', en: 'Not a column of this sheet.' }),
    missing_column: () => ({ zh: '缺少此列。', en: 'This column is missing.' }),
    unknown_field: () => ({ zh: '不是可接受的字段。', en: null }),
    more_not_listed: (p) => ({ zh: `另有 ${p.count} 个问题未列出。`, en: `And ${p.count} more problems not listed.` }),
    time_clash: () => ({ zh: '同一人在另一场活动的重叠时段已有安排。', en: 'The same person takes part in another event at an overlapping time.' }),
    outside_event_dates: (p) => ({ zh: `日期须在活动日期 ${p.from} 至 ${p.to} 之内。`, en: `The date must be within the event's days, ${p.from} to ${p.to}.` }),
    invalid_value: () => ({ zh: '此值不被接受。', en: null }),
    invalid_request: () => ({ zh: '请求有误，请检查各字段。', en: 'The request has errors; check each field.' }),
    unauthenticated: () => ({ zh: '请先登录。', en: 'Please sign in.' }),
    permission_denied: () => ({ zh: '无权执行此操作。', en: null }),
    not_found: () => ({ zh: '记录不存在或无权查看。', en: null }),
    already_exists: () => ({ zh: '记录已存在。', en: null }),
    conflict: () => ({ zh: '与记录的当前状态冲突，请刷新后重试。', en: null }),
    refused: () => ({ zh: '业务规则不允许此操作。', en: null }),
    limit_reached: () => ({ zh: '已达上限，请稍后再试。', en: null }),
    unavailable: () => ({ zh: '服务暂时不可用，请稍后再试。', en: 'The service is briefly unavailable; try again shortly.' }),
    internal: () => ({ zh: '服务器内部错误，已记录。', en: 'An internal error occurred; it has been logged.' }),
    idempotency_key_reused: () => ({ zh: '此请求编号已用于另一个请求，请重新提交。', en: 'This request key was used for another request; submit again.' }),
    wrong_state: (p, lang) => ({
        zh: `当前状态（${stateName(p.record, p.status, lang)}）不允许此操作。`,
        en: `Not allowed while it is ${stateName(p.record, p.status, lang)}.`,
    }),
    invoice_missing: () => ({ zh: '卖方尚未登记发票号，暂不能付款。', en: 'The seller has not recorded the invoice number yet.' }),
    open_risk_flags: (p) => ({ zh: `付款申请有未处理的高风险提示（${p.rules}），须先复核或填写理由。`, en: `The request has open high-severity risk flags (${p.rules}); review them or give an override reason.` }),
};

/**
 * A problem ({ code, params, message }, from a field error or the problem itself) in `lang`. A
 * plain string is a message without a code and is shown as it is.
 */
export function localizeServerMessage(problem, lang) {
    if (problem === null || problem === undefined || typeof problem === 'string') return problem;
    const render = CODES[problem.code];
    const english = typeof problem.message === 'string' ? problem.message : '';
    if (!render) return english;
    const text = render(problem.params ?? {}, lang, english);
    if (lang === 'zh-CN') return text.zh;
    return text.en ?? english;
}

/** True when `code` is one of the table's (the unit tests compare it with the server's list). */
export function knowsCode(code) {
    return Object.hasOwn(CODES, code);
}

// Risk flags and daily-job runs in the reader's language. Each flag carries a stable `code` and
// `params` (src/projects/risk_codes.h; the OpenAPI document's components.schemas.RiskCode lists them
// with x-risk-codes) beside an English `summary` kept for the API log; each run of a daily job a
// `summary_code` and `summary_params` (src/core/daily_job.h). This table writes each code in zh-CN
// and en: a short title (the to-do home names a flag by it) and a sentence with the figures (the
// risk-flag list). A flag raised before codes, or a code this table does not know, shows the
// server's English words, so nothing is ever hidden.
import { formatBytes, formatMoneyCompact } from './format.js';
import { translate } from './i18n/index.js';
import { localizeServerMessage } from './server-messages.js';

const money = (fen, lang) => (Number.isInteger(fen) ? formatMoneyCompact(fen, lang) : '');
const percent = (bp) => `${(Number(bp ?? 0) / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
const category = (name, lang) => {
    if (!name) return '';
    const text = translate(lang, `contractCategory.${name}`);
    return text === `contractCategory.${name}` ? name : text;
};

/** code → { title: {zh, en}, text(params, lang) → {zh, en} }. */
export const RISK_CODES = {
    contract_value_exceeded: {
        title: { zh: '付款将超出合同金额', en: 'Payments would exceed the contract value' },
        text: (p, lang) => ({
            zh: `本合同累计付款（含本笔）${money(p.total_fen, lang)}，将超出合同金额（含变更）${money(p.value_fen, lang)}。`,
            en: `Payments on the contract, this one included, would reach ${money(p.total_fen, lang)}, above its value with modifications of ${money(p.value_fen, lang)}.`,
        }),
    },
    progress_exceeded: {
        title: { zh: '付款将超出核定进度', en: 'Payments would exceed verified progress' },
        text: (p, lang) => ({
            zh: `累计付款 ${money(p.total_fen, lang)} 将超出核定进度（${p.pct}%）对应的 ${money(p.cap_fen, lang)}。`,
            en: `Payments of ${money(p.total_fen, lang)} would exceed the ${money(p.cap_fen, lang)} that the verified progress (${p.pct}%) allows.`,
        }),
    },
    retention_eaten: {
        title: { zh: '验收前付款将动用质保金', en: 'Payments would eat into the retention' },
        text: (p, lang) => ({
            zh: `验收前累计付款 ${money(p.total_fen, lang)} 将超过扣留质保金（${percent(p.retention_bp)}）后的上限 ${money(p.cap_fen, lang)}。`,
            en: `Before acceptance, payments of ${money(p.total_fen, lang)} would pass the ${money(p.cap_fen, lang)} left after the ${percent(p.retention_bp)} quality retention.`,
        }),
    },
    split_purchase: {
        title: { zh: '疑似拆分采购', en: 'Possible split purchase' },
        text: (p, lang) => ({
            zh: `${p.contracts} 份${category(p.category, lang)}合同均低于招标限额，合计 ${money(p.sum_fen, lang)}，超过限额 ${money(p.threshold_fen, lang)}。`,
            en: `${p.contracts} ${category(p.category, lang).toLowerCase()} contracts, each below the tender threshold, sum to ${money(p.sum_fen, lang)}, above its ${money(p.threshold_fen, lang)}.`,
        }),
    },
    near_tender_threshold: {
        title: { zh: '合同金额紧贴招标限额', en: 'Contract value just below the tender threshold' },
        text: (p, lang) => ({
            zh: `合同金额 ${money(p.value_fen, lang)}，略低于招标限额 ${money(p.threshold_fen, lang)}。`,
            en: `The contract's value of ${money(p.value_fen, lang)} is just below the ${money(p.threshold_fen, lang)} tender threshold.`,
        }),
    },
    invoice_cited_twice: {
        title: { zh: '发票被重复引用', en: 'Invoice cited twice' },
        text: (p) => ({
            zh: `该发票已被另外 ${p.others} 笔付款申请引用。`,
            en: `The invoice is already cited by ${p.others} other request${p.others === 1 ? '' : 's'}.`,
        }),
    },
    invoice_number_look_alike: {
        title: { zh: '发票号码重复', en: 'Duplicate invoice number' },
        text: (p) => ({
            zh: `收款方另有 ${p.others} 张发票号码与 ${p.invoice_no} 相同（忽略大小写、全半角、连字符和空格）。`,
            en: `The payee has ${p.others} other invoice${p.others === 1 ? '' : 's'} numbered like ${p.invoice_no} (ignoring case, width, dashes and spaces).`,
        }),
    },
    invoice_amount_twin: {
        title: { zh: '同额发票', en: 'Invoice of the same amount' },
        text: (p, lang) => ({
            zh: `收款方在 ${p.days} 天内另有 ${p.others} 张金额同为 ${money(p.amount_fen, lang)} 的发票。`,
            en: `The payee has ${p.others} other invoice${p.others === 1 ? '' : 's'} of the same ${money(p.amount_fen, lang)} within ${p.days} days.`,
        }),
    },
    payee_concentration: {
        title: { zh: '收款集中', en: 'Payee concentration' },
        text: (p, lang) => ({
            zh: `该收款方累计收款 ${money(p.paid_fen, lang)}，远高于本县其他收款方（上限 ${money(p.fence_fen, lang)}）。`,
            en: `The payee was paid ${money(p.paid_fen, lang)}, far above the county's other payees (fence ${money(p.fence_fen, lang)}).`,
        }),
    },
    round_amount: {
        title: { zh: '整数金额', en: 'Round amount' },
        text: (p, lang) => ({
            zh: `申请金额 ${money(p.amount_fen, lang)} 是 ${money(p.round_fen, lang)} 的整数倍。`,
            en: `The amount of ${money(p.amount_fen, lang)} is a multiple of ${money(p.round_fen, lang)}.`,
        }),
    },
    idle_funds: {
        title: { zh: '资金闲置', en: 'Idle funds' },
        text: (p, lang) => ({
            zh: `项目已 ${p.days} 天没有付款（预算 ${money(p.budget_fen, lang)}，已拨付 ${money(p.disbursed_fen, lang)}）。`,
            en: `No payment on the project for ${p.days} days (budget ${money(p.budget_fen, lang)}, ${money(p.disbursed_fen, lang)} disbursed).`,
        }),
    },
    payee_shares_details: {
        title: { zh: '收款方与关联方信息相同', en: 'Payee shares details with a related party' },
        text: (p) => ({
            zh: `收款方的信用代码、电话或地址与县级单位或本项目其他承包方有 ${p.matches} 处相同。`,
            en: `The payee's credit code, phone or address matches county staff or another contractor of the project (${p.matches} match${p.matches === 1 ? '' : 'es'}).`,
        }),
    },
    cash_payment: {
        title: { zh: '现金支付', en: 'Cash payment' },
        text: () => ({ zh: '从项目账户以现金支付。', en: 'A cash payment from a project account.' }),
    },
    household_payee: {
        title: { zh: '付款给个人', en: 'Payment to an individual' },
        text: () => ({ zh: '收款方为农户个人。', en: 'The payee is an individual household.' }),
    },
    payee_not_counterparty: {
        title: { zh: '收款方不是合同相对方', en: "Payee is not the contract's counterparty" },
        text: () => ({ zh: '收款方与合同相对方不一致。', en: "The payee is not the contract's counterparty." }),
    },
    requested_before_award: {
        title: { zh: '合同签订前申请付款', en: 'Requested before the award' },
        text: (p) => ({
            zh: `付款申请日期 ${p.requested_on} 早于合同签订日期 ${p.award_date}。`,
            en: `Requested on ${p.requested_on}, before the contract was awarded on ${p.award_date}.`,
        }),
    },
    requested_after_close: {
        title: { zh: '项目关闭后申请付款', en: 'Requested after the project closed' },
        text: (p) => ({
            zh: `付款申请日期 ${p.requested_on} 晚于项目关闭日期 ${p.closed_on}。`,
            en: `Requested on ${p.requested_on}, after the project closed on ${p.closed_on}.`,
        }),
    },
    december_share: {
        title: { zh: '年底突击支付', en: 'Year-end spending rush' },
        text: (p, lang) => ({
            zh: `${p.year} 年 12 月拨付 ${money(p.december_fen, lang)}，占全年 ${money(p.total_fen, lang)} 的比例超过 ${percent(p.limit_bp)}。`,
            en: `December ${p.year} carried ${money(p.december_fen, lang)} of the year's ${money(p.total_fen, lang)}, more than ${percent(p.limit_bp)}.`,
        }),
    },
    modification_soon_after_award: {
        title: { zh: '合同签订后不久即变更', en: 'Modified soon after the award' },
        text: (p) => ({
            zh: `合同签订后 ${p.days} 天内有 ${p.modifications} 次变更。`,
            en: `${p.modifications} modification${p.modifications === 1 ? '' : 's'} within ${p.days} days of the award.`,
        }),
    },
    modifications_above_share: {
        title: { zh: '合同变更金额过大', en: 'Modifications above the allowed share' },
        text: (p, lang) => ({
            zh: `变更增加 ${money(p.raised_fen, lang)}，超过原合同金额 ${money(p.value_fen, lang)} 的 ${percent(p.share_bp)}。`,
            en: `Modifications added ${money(p.raised_fen, lang)}, more than ${percent(p.share_bp)} of the original ${money(p.value_fen, lang)}.`,
        }),
    },
    single_bid_tender: {
        title: { zh: '单一投标', en: 'Single-bid tender' },
        text: () => ({ zh: '招标只收到一份投标。', en: 'The tender received a single bid.' }),
    },
    short_bid_period: {
        title: { zh: '投标期过短', en: 'Short bid period' },
        text: (p) => ({
            zh: `投标文件递交期 ${p.days} 天，少于 ${p.days_min} 天。`,
            en: `A bid submission period of ${p.days} days, under ${p.days_min}.`,
        }),
    },
    near_approval_limit: {
        title: { zh: '金额紧贴审批限额', en: 'Amount just below the approval limit' },
        text: (p, lang) => ({
            zh: `申请金额 ${money(p.amount_fen, lang)}，略低于审批限额 ${money(p.limit_fen, lang)}。`,
            en: `The amount of ${money(p.amount_fen, lang)} is just below the ${money(p.limit_fen, lang)} approval limit.`,
        }),
    },
};

const pick = (text, lang) => (lang === 'en' ? text.en : text.zh);

/** The flag's kind in a few words (the to-do home), or null for a code this table does not know. */
export function riskTitle(code, lang) {
    const entry = RISK_CODES[code];
    return entry ? pick(entry.title, lang) : null;
}

/** What the flag found, with its figures, in `lang`; the server's English summary for an unknown code. */
export function riskText(flag, lang) {
    const entry = RISK_CODES[flag?.code];
    if (!entry) return flag?.summary ?? '';
    return pick(entry.text(flag.params ?? {}, lang), lang);
}

/** True when `code` is one of the table's (the unit tests compare it with the server's list). */
export function knowsRiskCode(code) {
    return Object.hasOwn(RISK_CODES, code);
}

/**
 * Why a payment was refused, in `lang`: its `refusal` (code + params) written as a risk finding (an
 * overpayment is R1's contract_value_exceeded) or as a problem (the funds' quota_exceeded, …); a
 * refusal recorded before codes is its English reason.
 */
export function refusalText(request, lang) {
    const refusal = request?.refusal;
    if (!refusal?.code) return request?.refusal_reason ?? '';
    if (knowsRiskCode(refusal.code)) return riskText({ code: refusal.code, params: refusal.params }, lang);
    return localizeServerMessage(refusal, lang);
}

// ---- daily jobs ------------------------------------------------------------------------------------

/** summary_code → (params, lang) → {zh, en}. */
export const JOB_SUMMARIES = {
    risk_scan_done: (p) => ({
        zh: `检查了 ${p.contracts} 份合同和 ${p.requests} 笔付款申请，新增 ${p.new_flags} 条风险提示。`,
        en: `${p.contracts} contract(s) and ${p.requests} payment request(s) checked, ${p.new_flags} new flag(s).`,
    }),
    sweep_done: (p, lang) => ({
        zh: `从 ${p.projects} 个项目归集 ${money(p.amount_fen, lang)}，${p.expired} 笔挂起划转到期。`,
        en: `${money(p.amount_fen, lang)} swept back from ${p.projects} project(s), ${p.expired} pending transfer(s) expired.`,
    }),
    audit_checkpoint_done: (p) => ({
        zh: `审计链已在第 ${p.seq} 条记录处建立检查点。`,
        en: `Audit checkpoint at row ${p.seq}.`,
    }),
    backup_done: (p, lang) => ({
        zh: `已备份（${formatBytes(p.bytes, lang)}，含审计记录至第 ${p.seq} 条），删除 ${p.removed} 份旧备份。`,
        en: `Backup taken (${formatBytes(p.bytes, lang)}, audit rows up to ${p.seq}); ${p.removed} old cop${p.removed === 1 ? 'y' : 'ies'} removed.`,
    }),
};

/**
 * What a run of a daily job did, in `lang`: its summary code written out; a failed run's or an
 * unknown code's English words only in English (Chinese readers see the state beside it).
 */
export function jobSummaryText(run, lang) {
    const render = JOB_SUMMARIES[run?.summary_code];
    if (render) return pick(render(run.summary_params ?? {}, lang), lang);
    return lang === 'en' ? (run?.summary ?? '') : '';
}

// The API writes its field messages in English ("is required", "must not be below min (80)").
// Until it sends a machine-readable code with each one, the console translates the common ones for
// Chinese readers here; a message it does not know is shown as the server wrote it, so nothing is
// ever hidden. Each entry is an exact pattern of a message the server builds (src/access/
// validation.cpp, src/core/text_rules.cpp, src/catalog/*, src/http/json_body.cpp), so a changed server text falls back to
// English rather than to a wrong translation.
const ZH = [
    [/^is required$/, () => '此项必填。'],
    [/^is required for a box$/, () => '按箱销售须填写每箱净重。'],
    [/^must be (\d+) to (\d+) characters long \(got (\d+)\)$/, (m) => (m[3] === '0' ? '此项必填。' : `长度须为 ${m[1]}–${m[2]} 个字符（现为 ${m[3]} 个）。`)],
    [/^must be between (-?\d+) and (-?\d+)$/, (m) => `须在 ${m[1]} 到 ${m[2]} 之间。`],
    [/^must be an integer, not .*$/, () => '须为整数。'],
    [/^must be a JSON integer, not a string$/, () => '须为整数。'],
    [/^must not be below min \((.+)\)$/, (m) => `不能小于最小值（${m[1]}）。`],
    [/^must not be below temperature_min_c_x10$/, () => '不能低于最低温度。'],
    [/^must not be below humidity_min_pct$/, () => '不能低于最低湿度。'],
    [/^must not be before valid_from$/, () => '不能早于有效期起始日。'],
    [/^must be a date written YYYY-MM-DD$/, () => '请填写日期（YYYY-MM-DD）。'],
    [/^is not a calendar date: .*$/, () => '不是有效的日期。'],
    [/^must name at least one sales channel$/, () => '请至少选择一个销售渠道。'],
    [/^must price at least one grade$/, () => '请至少为一个等级定价。'],
    [/^must not be above the price for fewer units \((.+)\)$/, (m) => `不能高于更少数量时的单价（${m[1]}）。`],
    [/^has no price for grade (.+)$/, (m) => `等级 ${m[1]} 缺少挂牌价。`],
    [/^is not a grade of this standard$/, () => '不是本标准中的等级。'],
    [/^is used by another grade of this standard.*$/, () => '与本标准的其他等级重复。'],
    [/^is priced twice in this tier$/, () => '在此阶梯中重复定价。'],
    [/^(is not|must be) a category id$/, () => '请选择品类。'],
    [/^cannot be active before the product has a brand standard$/, () => '制定品牌标准后才能设为在售。'],
    [/^is already used by another certification$/, () => '该证书编号已被使用。'],
    [/^must not start or end with a space$/, () => '首尾不能有空格。'],
    [/^must not contain control characters$/, () => '不能包含控制字符。'],
    // The spreadsheet imports (src/exchange/cells.cpp).
    [/^must be a whole number \(digits only, like 1250\), not "(.*)"$/, (m) => `须为整数（仅数字，如 1250），而不是“${m[1]}”。`],
    [/^is missing$/, () => '缺少此列。'],
    [/^appears twice$/, () => '此列出现了两次。'],
    [/^is not a column of the [\w ]+ sheet$/, () => '不是此表格的列。'],
    // The one text rule (src/core/text_rules.cpp) and identifier keys (src/core/identifier.h).
    [/^is required and must not be empty$/, () => '此项必填。'],
    [/^must be between (\d+) and (\d+) characters long \(it has (\d+)\)$/, (m) => `长度须为 ${m[1]}–${m[2]} 个字符（现为 ${m[3]} 个）。`],
    [/^must be exactly (\d+) characters long$/, (m) => `长度须为 ${m[1]} 个字符。`],
    [/^must not be blank \(white space alone is not a value\)$/, () => '不能只填空格。'],
    [/^must be valid UTF-8$/, () => '须为有效的 UTF-8 文本。'],
    [/^must not contain NUL characters$/, () => '不能包含空字符。'],
    [/^must not contain control characters \(.*\).*$/, () => '不能包含控制字符。'],
    [/^must not contain invisible characters \(.*\)$/, () => '不能包含不可见字符（如零宽空格）。'],
    [/^is already used by another project \(compared ignoring case.*$/, () => '已被其他项目使用（比较时忽略大小写、全半角和连字符差异）。'],
    [/^is already recorded for this payee \(compared ignoring case.*$/, () => '该收款方已有此发票号（比较时忽略大小写、全半角和连字符差异）。'],
    [/^is already used by another order of this seller \(compared ignoring.*$/, () => '该卖方的其他订单已使用此发票号（比较时忽略大小写、全半角和连字符差异）。'],
    [/^is already used by another certification \(compared.*$/, () => '该证书编号已被使用。'],
];

/** The server's message in `lang` when it is one of the known ones, else as sent. */
export function localizeServerMessage(message, lang) {
    if (lang !== 'zh-CN' || typeof message !== 'string') return message;
    for (const [pattern, render] of ZH) {
        const match = pattern.exec(message);
        if (match) return render(match);
    }
    return message;
}

// 简体中文 — the console's default language. Keys are shared with en.js; a unit test checks that
// both dictionaries hold the same keys and the same {placeholders}.
export default {
    'app.name': '喀沪通',
    'app.tagline': '沪喀对口支援数字平台',
    'app.footer': '喀沪通 · 上海对口支援喀什 · 莎车 · 泽普 · 叶城 · 巴楚',

    'nav.main': '主导航',
    'nav.home': '工作台',

    'lang.label': '界面语言',

    'user.menu': '用户菜单',
    'user.signOut': '退出登录',
    'user.signingOut': '正在退出…',
    'user.username': '用户名',
    'user.role': '角色',
    'user.organisation': '所属机构',
    'user.noOrganisation': '无（平台级角色）',

    'role.admin': '系统管理员',
    'role.fund_officer': '资金专员（前方指挥部）',
    'role.county_officer': '县分指挥部专员',
    'role.producer': '生产经营主体',
    'role.buyer': '采购方',
    'role.logistics': '物流方',
    'role.auditor': '审计员',

    'login.title': '登录',
    'login.heading': '登录喀沪通',
    'login.intro': '连接喀什四县的生产者与上海的采购方：货品可追溯，资金与项目“账目清、项目清”。',
    'login.username': '用户名',
    'login.password': '密码',
    'login.submit': '登录',
    'login.submitting': '正在登录…',
    'login.error.invalid': '用户名或密码错误。',
    'login.error.locked': '该账户因多次登录失败已被临时锁定，请在 {minutes} 分钟后重试。',
    'login.error.lockedLater': '该账户因多次登录失败已被临时锁定，请稍后重试。',
    'login.notice.expired': '登录已过期，请重新登录。',
    'login.notice.signedOut': '您已安全退出。',

    'validation.required': '请填写{field}。',
    'validation.fixBelow': '请修正下列信息后重试。',

    'error.network': '无法连接服务器，请检查网络后重试。',
    'error.timeout': '服务器响应超时，请重试。',
    'error.unexpected': '出现意外错误（{status}），请稍后重试。',
    'error.retry': '重试',

    'boot.loading': '正在加载…',
    'boot.failed': '控制台无法启动',

    'home.title': '工作台',
    'home.welcome': '欢迎，{name}',
    'home.intro': '这里汇总您的账户信息与平台运行状态。',
    'home.account': '账户',
    'home.displayName': '姓名',
    'home.session': '会话',
    'home.expiresAt': '有效期至',
    'home.timeZone': '时间均为北京时间（Asia/Shanghai）。',

    'health.title': '服务器状态',
    'health.ok': '运行正常',
    'health.down': '服务异常',
    'health.checking': '正在检查…',
    'health.checkedAt': '检查于 {time}',
    'health.refresh': '刷新',
    'health.value.ok': '正常',
    'health.key.database': '数据库',

    'notFound.title': '页面不存在',
    'notFound.text': '您访问的地址不存在或已被移除。',
    'notFound.back': '返回工作台',
};

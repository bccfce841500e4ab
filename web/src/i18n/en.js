// English. Keys are shared with zh-CN.js; a unit test checks that both dictionaries hold the same
// keys and the same {placeholders}.
export default {
    'app.name': 'Kashlink',
    'app.tagline': 'Shanghai–Kashgar paired assistance platform',
    'app.footer': 'Kashlink · Shanghai paired assistance to Kashgar · Shache · Zepu · Yecheng · Bachu',

    'nav.main': 'Main navigation',
    'nav.home': 'Dashboard',

    'lang.label': 'Display language',

    'user.menu': 'User menu',
    'user.signOut': 'Sign out',
    'user.signingOut': 'Signing out…',
    'user.username': 'Username',
    'user.role': 'Role',
    'user.organisation': 'Organisation',
    'user.noOrganisation': 'None (platform-wide role)',

    'role.admin': 'Administrator',
    'role.fund_officer': 'Fund officer (Front Command)',
    'role.county_officer': 'County officer',
    'role.producer': 'Producer',
    'role.buyer': 'Buyer',
    'role.logistics': 'Logistics',
    'role.auditor': 'Auditor',

    'login.title': 'Sign in',
    'login.heading': 'Sign in to Kashlink',
    'login.intro': 'Linking producers in four Kashgar counties with buyers in Shanghai: every lot traceable, every fund and project accounted for.',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.submitting': 'Signing in…',
    'login.error.invalid': 'Incorrect username or password.',
    'login.error.locked': 'This account is temporarily locked after repeated failed sign-ins. Try again in {minutes} min.',
    'login.error.lockedLater': 'This account is temporarily locked after repeated failed sign-ins. Try again later.',
    'login.notice.expired': 'Your session has expired. Please sign in again.',
    'login.notice.signedOut': 'You have signed out.',

    'validation.required': '{field} is required.',
    'validation.fixBelow': 'Please correct the fields below and try again.',

    'error.network': 'Cannot reach the server. Check your connection and try again.',
    'error.timeout': 'The server took too long to answer. Please try again.',
    'error.unexpected': 'Something went wrong ({status}). Please try again later.',
    'error.retry': 'Retry',

    'boot.loading': 'Loading…',
    'boot.failed': 'The console could not start',

    'home.title': 'Dashboard',
    'home.welcome': 'Welcome, {name}',
    'home.intro': 'Your account and the platform’s health at a glance.',
    'home.account': 'Account',
    'home.displayName': 'Name',
    'home.session': 'Session',
    'home.expiresAt': 'Expires at',
    'home.timeZone': 'Times are China Standard Time (Asia/Shanghai).',

    'health.title': 'Server health',
    'health.ok': 'Operational',
    'health.down': 'Unavailable',
    'health.checking': 'Checking…',
    'health.checkedAt': 'Checked at {time}',
    'health.refresh': 'Refresh',
    'health.value.ok': 'OK',
    'health.key.database': 'Database',

    'notFound.title': 'Page not found',
    'notFound.text': 'The address you opened does not exist or has been removed.',
    'notFound.back': 'Back to the dashboard',
};

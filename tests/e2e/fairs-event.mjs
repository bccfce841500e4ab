// End-to-end journeys of an event's days (issue 15 items 5–7; web/src/fairs/downloads.js, at-event.js,
// report-page.js), each as the role that does it, in zh and en, axe-clean: the organiser prints badges
// and the table plan and checks people in by their badge's token; outcomes are recorded (a second
// writer told someone was first); an intended order is signed at a meeting and a booth sells on site,
// each confirmed before and acknowledged after (the order, the receipt); the report of the demo's
// 2024 event draws its charts with names, never ids or codes; a producer is never offered it. Live-only
// actions run on events made through the API here; the report reads the demo programme.
// Registered by run.mjs inside its suite, with its helpers.
import assert from 'node:assert/strict';

import { formatDate } from '../../web/src/format.js';
import { accessibilityViolations, describeViolations } from './accessibility.mjs';

// How long a schedule run may take when polled from the test (these events are tiny).
const RUN_WAIT_MS = 60_000;
const RUN_POLL_MS = 200;
// Codes the report must never show: the demo's county, buyer-channel and category codes.
const CODES = /\b(shache|zepu|yecheng|bachu|wholesale_market|fresh_market|group_dining|budget_unit|vending_counter|walk_in|fair_intent|fair_onsite|nuts_dried_fruit|fresh_fruit)\b/;

/**
 * Adds the tests. `kit`: as fairs.mjs takes it, with `standard` (a brand standard's body) and
 * `demo`: { origin(), signIn(page, role), baseUrl(), logins() }.
 */
export function fairEventTests(kit) {
    const { e2e, signIn, call, tokenOf, addBuyer, confirmInDialog, expectText, recordApi, zh, en, users, catalogue, rawId, sleep } = kit;
    const today = () => formatDate(Date.now());

    async function checkAccessibility(page, where, into) {
        for (const violation of await accessibilityViolations(page)) into.push({ where, ...violation });
    }

    async function switchUser(page, context, user, lang) {
        await context.clearCookies();
        await signIn(page, user);
        await page.getByTestId(`lang-${lang}`).click();
    }

    // A live event `inDays` from today (its own day: an organisation in two events at once is refused)
    // with producer A exhibiting `products` and a buyer's representative, every meeting published.
    async function liveEvent(admin, name, inDays, buyerOrg, products) {
        const day = kit.addDays(today(), inDays);
        const event = await call(admin, 'POST', 'fairs', { kind: 'trade_fair', name_zh: `${name}展销会`, name_en: `${name} fair`, venue: '上海展览中心', starts_on: day, ends_on: day });
        await call(admin, 'POST', `fairs/${event.id}/state`, { state: 'registration' });
        await call(admin, 'POST', `fairs/${event.id}/sessions`, { held_on: day, starts_at: '09:00', ends_at: '10:00' });
        for (const number of [1, 2]) await call(admin, 'POST', `fairs/${event.id}/tables`, { number });
        const exhibitor = await call(admin, 'POST', `fairs/${event.id}/participants`, { side: 'exhibitor', org_id: catalogue().a.id, booth: 'C-01', product_ids: products, meetings_min: 0, meetings_max: 4 });
        const buyer = await call(admin, 'POST', `fairs/${event.id}/participants`, { side: 'buyer', org_id: buyerOrg.id, person_name: '赵磊', title: '采购经理', meetings_min: 0, meetings_max: 4 });
        await call(admin, 'PUT', `fairs/${event.id}/participants/${buyer.id}/preferences/${exhibitor.id}`, { rating: 'must_meet' });
        await call(admin, 'POST', `fairs/${event.id}/state`, { state: 'scheduling' });
        const started = await fetch(`${kit.baseUrl()}/api/v1/fairs/${event.id}/schedules`, {
            method: 'POST', headers: { Authorization: `Bearer ${admin}`, 'Idempotency-Key': `e2e-event-${event.id}` } });
        assert.equal(started.status, 202, await started.clone().text());
        const run = await started.json();
        const deadline = Date.now() + RUN_WAIT_MS;
        let status = run.status;
        while ((status === 'queued' || status === 'running') && Date.now() < deadline) {
            await sleep(RUN_POLL_MS);
            status = (await call(admin, 'GET', `fairs/${event.id}/schedules/${run.id}`)).status;
        }
        assert.equal(status, 'done');
        await call(admin, 'POST', `fairs/${event.id}/schedules/${run.id}/publish`);
        await call(admin, 'POST', `fairs/${event.id}/state`, { state: 'live' });
        const meetings = (await call(admin, 'GET', `fairs/${event.id}/schedules/${run.id}/meetings`)).items;
        assert.equal(meetings.length, 1);
        return { event, exhibitor, buyer, meeting: meetings[0] };
    }

    // A product of producer A sold at fairs, both on intent and on site (the walnuts are not sold on site).
    let fairProduct = null;
    async function fairProductOf(admin) {
        fairProduct ??= await call(admin, 'POST', 'products', {
            producer_id: catalogue().a.id, status: 'active', name_zh: '叶城展销红枣', name_en: 'Yecheng fair jujubes', category_id: 'nuts_dried_fruit',
            unit: { kind: 'box', net_g: 2500 }, standard: kit.standard({ a: 8800, b: 6600, channels: ['fair_intent', 'fair_onsite'] }) });
        return fairProduct;
    }

    // The response to fetching a download link as the signed-in page: its type and a non-empty body.
    async function expectDownload(page, testId, type) {
        const href = await page.getByTestId(testId).first().getAttribute('href');
        const answer = await page.request.get(href);
        assert.equal(answer.status(), 200, `${testId}: ${href}`);
        assert.ok(answer.headers()['content-type'].startsWith(type), `${testId}: ${answer.headers()['content-type']}`);
        const body = await answer.body();
        assert.ok(body.length > 0, `${testId} is empty`);
        if (type === 'application/pdf') assert.equal(body.subarray(0, 5).toString(), '%PDF-');
        return href;
    }

    e2e('the organiser prints badges and the table plan and checks people in by their badge, in zh then en', async ({ page }) => {
        const admin = await tokenOf(users.ADMIN);
        const { organisation: canteen } = await addBuyer(admin, { name: 'E2E 胸卡机关食堂', district: 'xuhui', channel: 'group_dining', creditCode17: '12310104MB0E2F011' },
            { username: 'e2e-badge-buyer', displayName: 'E2E Badge Buyer' });
        const { event, exhibitor, buyer } = await liveEvent(admin, 'E2E 胸卡', 5, canteen, [catalogue().walnut.id]);
        const violations = [];
        await signIn(page, users.ADMIN);
        await page.goto(`/fairs/${event.id}?tab=agenda`);
        await page.getByTestId('fair-table-plan-seat').waitFor();
        const plan = await page.getByTestId('fair-table-plan').textContent();
        assert.ok(plan.includes(zh('fairs.tablePlan.title', { count: 1 })) && plan.includes(catalogue().a.name) && plan.includes(`${canteen.name} · 赵磊`), plan);
        assert.ok(!rawId.test(plan), `an id on screen: ${plan}`);
        assert.match(await expectDownload(page, 'fair-download-badges', 'application/pdf'), /lang=zh/);
        assert.match(await expectDownload(page, 'fair-table-plan-pdf', 'application/pdf'), /lang=zh/);
        await expectDownload(page, 'fair-table-plan-csv', 'text/csv');
        await expectDownload(page, 'fair-table-plan-xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        await checkAccessibility(page, 'organiser: badges and table plan', violations);

        // A scanner types the badge's token and Enter: checked in, the list updates; again: already.
        const { token } = await call(admin, 'GET', `fairs/${event.id}/participants/${buyer.id}/badge?format=json`);
        await page.getByTestId('fair-tab-participants').click();
        const row = page.locator(`[data-participant-id="${buyer.id}"]`);
        await row.waitFor();
        assert.equal(await row.getByTestId('fair-checked-in').count(), 0);
        await page.fill('#fair-scan-token', token);
        await page.press('#fair-scan-token', 'Enter');
        const answer = page.getByTestId('fair-scan-answer');
        await page.waitForFunction((name) => document.querySelector('[data-testid="fair-scan-answer"]')?.textContent.startsWith(name), `${canteen.name} · 赵磊 已于`);
        assert.match(await answer.textContent(), /已于 \d\d:\d\d（北京时间）签到。$/);
        await row.getByTestId('fair-checked-in').waitFor();
        assert.equal(await page.inputValue('#fair-scan-token'), '', 'the field is ready for the next badge');
        await checkAccessibility(page, 'organiser: a badge checked in', violations);

        await page.getByTestId('lang-en').click();
        await page.fill('#fair-scan-token', token);
        await page.press('#fair-scan-token', 'Enter');
        await page.waitForFunction(() => /was already checked in at \d\d:\d\d \(Beijing time\)\.$/.test(document.querySelector('[data-testid="fair-scan-answer"]')?.textContent ?? ''));
        // Another event's badge, or a made-up one, is unknown; nobody is checked in.
        const other = (await call(admin, 'GET', `fairs/${event.id}/participants/${exhibitor.id}/badge?format=json`)).token;
        await page.fill('#fair-scan-token', `${other.slice(0, 8)}${'0'.repeat(other.length - 8)}`);
        await page.press('#fair-scan-token', 'Enter');
        await expectText(page, 'fair-scan-answer', en('fairs.scan.unknown'));
        assert.equal((await call(admin, 'GET', `fairs/${event.id}/participants/${exhibitor.id}`)).checked_in_at ?? null, null);
        await page.getByTestId('fair-tab-agenda').click();
        assert.match(await expectDownload(page, 'fair-download-badges', 'application/pdf'), /lang=en/);
        await checkAccessibility(page, 'organiser: agendas tab (en)', violations);
        await call(admin, 'POST', `fairs/${event.id}/state`, { state: 'closed' });
        assert.equal(violations.length, 0, `accessibility violations:\n${describeViolations(violations)}`);
    });

    e2e('outcomes and an intended order at a meeting: the organiser in the grid, the exhibitor in its agenda; zh and en', async ({ page, context }) => {
        const admin = await tokenOf(users.ADMIN);
        const { organisation: canteen, user: buyerUser } = await addBuyer(admin, { name: 'E2E 意向机关食堂', district: 'minhang', channel: 'group_dining', creditCode17: '12310112MB0E2F012' },
            { username: 'e2e-intent-buyer', displayName: 'E2E Intent Buyer' });
        const product = await fairProductOf(admin);
        const { event, meeting } = await liveEvent(admin, 'E2E 意向', 6, canteen, [product.id]);
        const violations = [];

        // The organiser, in English, is sent from its home's to-do to the grid, picks the meeting and records it held.
        await signIn(page, users.ADMIN);
        await page.getByTestId('lang-en').click();
        const queue = page.getByTestId('todo-fair_outcomes_to_record');
        await queue.waitFor();
        assert.equal(await page.locator('#todo-title-fair_outcomes_to_record span').first().textContent(), en('todo.kind.fair_outcomes_to_record'));
        await queue.locator(`a[href="/fairs/${event.id}?tab=grid"]`).first().click();
        await page.waitForURL((url) => url.pathname === `/fairs/${event.id}` && url.search === '?tab=grid');
        await page.locator(`[data-meeting-id="${meeting.id}"]`).getByTestId('fair-grid-pick').click();
        await expectText(page, 'fair-outcome-current', en('fairs.outcome.current', { outcome: en('fairOutcome.none') }));
        await page.getByTestId('fair-outcome-held').click();
        await expectText(page, 'fair-outcome-done', en('fairs.outcome.saved', { outcome: en('fairOutcome.held') }));
        await expectText(page, 'fair-outcome-current', en('fairs.outcome.current', { outcome: en('fairOutcome.held') }));
        await checkAccessibility(page, 'organiser: a meeting in the grid', violations);
        // The buyer records a no-show meanwhile; the organiser's next choice is refused in words and the new state shown.
        await call(await tokenOf(buyerUser), 'PUT', `fairs/${event.id}/meetings/${meeting.id}/outcome`, { outcome: 'no_show', no_show_side: 'exhibitor', expected_version: 1 });
        await page.getByTestId('fair-outcome-follow_up').click();
        await expectText(page, 'fair-outcome-error', en('fairs.outcome.conflict'));
        await expectText(page, 'fair-outcome-current', en('fairs.outcome.current', { outcome: en('fairOutcome.noShowOf', { side: en('fairNoShow.exhibitor') }) }));
        await page.getByTestId('fair-outcome-follow_up').click();
        await expectText(page, 'fair-outcome-current', en('fairs.outcome.current', { outcome: en('fairOutcome.follow_up') }));

        // The intended order: lines of the exhibitor's products, total in ¥, confirmed, then acknowledged.
        await page.getByTestId('fair-intent-open').click();
        const prefix = `#fair-intent-${meeting.id}-0`;
        await page.waitForSelector(`${prefix}-product option[value="${product.id}"]`, { state: 'attached' });
        await page.selectOption(`${prefix}-product`, product.id);
        await page.waitForFunction((sel) => document.querySelector(sel)?.value === '88.00', `${prefix}-price`);
        await page.fill(`${prefix}-quantity`, '120');
        await expectText(page, 'fair-sale-total', `${en('fairs.sale.total')}: ¥10,560.00 (¥10.56K)`);
        const posted = page.waitForRequest((r) => r.url().endsWith(`/meetings/${meeting.id}/intents`) && r.method() === 'POST');
        await page.getByTestId('fair-sale-submit').click();
        await expectText(page, 'confirm-title', en('fairs.sale.confirm.intent'));
        assert.ok((await page.getByTestId('confirm-facts').textContent()).includes('¥10,560.00'));
        await checkAccessibility(page, 'organiser: confirming an intended order', violations);
        await confirmInDialog(page);
        assert.match((await posted).headers()['idempotency-key'] ?? '', /^[0-9a-f]{32}$/);
        const ack = page.getByTestId('fair-sale-ack');
        await ack.waitFor();
        await expectText(page, 'fair-sale-intent-done', en('fairs.sale.done.intent', { amount: '¥10,560.00' }));
        const orderId = await ack.getAttribute('data-order-id');
        const order = await call(admin, 'GET', `orders/${orderId}`);
        assert.equal(order.channel, 'fair_intent');
        assert.equal(order.status, 'intent');
        assert.equal(order.total_fen, 1_056_000);
        await page.getByTestId('fair-sale-order-link').click();
        await page.waitForURL((url) => url.pathname === `/orders/${orderId}`);
        await page.getByTestId('order-heading').waitFor();

        // The exhibitor, in Chinese, finds the meeting in its agenda with its downloads and records it.
        await switchUser(page, context, users.PRODUCER_A, 'zh-CN');
        const agendas = page.getByTestId('todo-fair_agenda_published');
        await agendas.waitFor();
        assert.equal(await page.locator('#todo-title-fair_agenda_published span').first().textContent(), zh('todo.kind.fair_agenda_published'));
        const item = agendas.locator(`a[href="/fairs/${event.id}?tab=agenda"]`);
        assert.equal((await item.textContent()).trim(), event.name_zh);  // the event by name
        await item.click();
        await page.getByTestId('fair-agenda-meeting').waitFor();
        await expectText(page, 'fair-outcome-now', zh('fairOutcome.follow_up'));  // each meeting's outcome in its row
        assert.match(await expectDownload(page, 'fair-download-agenda-pdf', 'application/pdf'), /format=pdf&lang=zh/);
        await expectDownload(page, 'fair-download-agenda-ics', 'text/calendar');
        await expectDownload(page, 'fair-download-badge', 'application/pdf');
        await page.getByTestId('fair-agenda-record').click();
        await expectText(page, 'fair-outcome-current', zh('fairs.outcome.current', { outcome: zh('fairOutcome.follow_up') }));
        await page.getByTestId('fair-outcome-held').click();
        await expectText(page, 'fair-outcome-current', zh('fairs.outcome.current', { outcome: zh('fairOutcome.held') }));
        await expectText(page, 'fair-outcome-now', zh('fairOutcome.held'));
        await checkAccessibility(page, 'exhibitor: agenda at the event', violations);
        const history = await call(admin, 'GET', `fairs/${event.id}/meetings/${meeting.id}/outcome`);
        assert.deepEqual(history.history.map((h) => h.outcome), ['held', 'no_show', 'follow_up', 'held']);
        await call(admin, 'POST', `fairs/${event.id}/state`, { state: 'closed' });
        assert.equal(violations.length, 0, `accessibility violations:\n${describeViolations(violations)}`);
    });

    e2e('an exhibitor sells on site at its booth to a walk-in customer: confirmed, acknowledged, receipt; zh and en; an organiser too', async ({ page, context }) => {
        const admin = await tokenOf(users.ADMIN);
        const { organisation: canteen } = await addBuyer(admin, { name: 'E2E 现场机关食堂', district: 'putuo', channel: 'group_dining', creditCode17: '12310107MB0E2F013' },
            { username: 'e2e-onsite-buyer', displayName: 'E2E Onsite Buyer' });
        const product = await fairProductOf(admin);
        const { event, exhibitor } = await liveEvent(admin, 'E2E 现场', 7, canteen, [product.id]);
        const violations = [];
        await signIn(page, users.PRODUCER_A);
        await page.goto(`/fairs/${event.id}`);
        await page.getByTestId('fair-tab-sales').click();
        const prefix = `#fair-onsite-${exhibitor.id}`;
        await page.waitForSelector(`${prefix}-0-product option[value="${product.id}"]`, { state: 'attached' });
        // A walk-in customer has no district: asked for before anything is sent.
        await page.selectOption(`${prefix}-0-product`, product.id);
        await page.waitForFunction((sel) => document.querySelector(sel)?.value === '88.00', `${prefix}-0-price`);
        await page.fill(`${prefix}-0-quantity`, '3');
        const asked = recordApi(page);
        await page.getByTestId('fair-sale-submit').click();
        await expectText(page, `fair-onsite-${exhibitor.id}-district-error`, zh('fairs.sale.districtRequired'));
        await asked.idle();
        assert.deepEqual(asked.map((e) => e.path).filter((p) => p.includes('onsite-sales')), []);
        await page.selectOption(`${prefix}-district`, 'huangpu');
        await page.getByTestId('fair-line-add').click();
        await page.selectOption(`${prefix}-1-product`, product.id);
        await page.waitForFunction((sel) => document.querySelector(sel)?.value === '88.00', `${prefix}-1-price`);
        await page.selectOption(`${prefix}-1-grade`, 'B');
        await page.waitForFunction((sel) => document.querySelector(sel)?.value === '66.00', `${prefix}-1-price`);
        await expectText(page, 'fair-sale-total', `${zh('fairs.sale.total')}: ¥330.00`);
        await page.getByTestId('fair-sale-submit').click();
        await expectText(page, 'confirm-title', zh('fairs.sale.confirm.onsite'));
        assert.ok((await page.getByTestId('confirm-facts').textContent()).includes(zh('fairs.sale.walkIn')));
        await checkAccessibility(page, 'exhibitor: confirming a sale', violations);
        await confirmInDialog(page);
        await expectText(page, 'fair-sale-onsite-done', zh('fairs.sale.done.onsite', { amount: '¥330.00' }));
        await page.getByTestId('fair-sale-ack').waitFor();
        const orderId = await page.getByTestId('fair-sale-ack').getAttribute('data-order-id');
        await expectDownload(page, 'fair-sale-receipt', 'application/pdf');
        const order = await call(admin, 'GET', `orders/${orderId}`);
        assert.equal(order.channel, 'fair_onsite');
        assert.equal(order.status, 'confirmed');
        assert.equal(order.total_fen, 33_000);
        await checkAccessibility(page, 'exhibitor: a sale acknowledged', violations);

        // The next sale, in English, is another order.
        await page.getByTestId('lang-en').click();
        await page.selectOption(`${prefix}-0-product`, product.id);
        await page.waitForFunction((sel) => document.querySelector(sel)?.value === '88.00', `${prefix}-0-price`);
        await page.selectOption(`${prefix}-buyer`, canteen.id);
        await page.getByTestId('fair-sale-submit').click();
        await expectText(page, 'confirm-title', en('fairs.sale.confirm.onsite'));
        await confirmInDialog(page);
        await expectText(page, 'fair-sale-onsite-done', en('fairs.sale.done.onsite', { amount: '¥88.00' }));
        await page.waitForFunction((first) => {
            const id = document.querySelector('[data-testid="fair-sale-ack"]')?.dataset.orderId;
            return id && id !== first;
        }, orderId);
        const second = await page.getByTestId('fair-sale-ack').getAttribute('data-order-id');
        assert.notEqual(second, orderId);
        assert.match(await expectDownload(page, 'fair-sale-receipt', 'application/pdf'), /lang=en/);

        // An organiser records a sale at the same booth from the event's "Booth sales" tab.
        await context.clearCookies();
        await signIn(page, users.ADMIN);
        await page.goto(`/fairs/${event.id}?tab=sales`);
        await page.selectOption('#fair-sales-exhibitor', exhibitor.id);
        await page.waitForSelector(`${prefix}-0-product option[value="${product.id}"]`, { state: 'attached' });
        await page.selectOption(`${prefix}-0-product`, product.id);
        await page.waitForFunction((sel) => document.querySelector(sel)?.value === '88.00', `${prefix}-0-price`);
        await page.fill(`${prefix}-0-quantity`, '2');
        await page.selectOption(`${prefix}-district`, 'huangpu');
        await page.getByTestId('fair-sale-submit').click();
        await confirmInDialog(page);
        await expectText(page, 'fair-sale-onsite-done', en('fairs.sale.done.onsite', { amount: '¥176.00' }));
        await checkAccessibility(page, 'organiser: booth sales', violations);
        const sales = (await call(admin, 'GET', `fairs/${event.id}/orders?kind=onsite`)).items;
        assert.deepEqual(sales.map((s) => s.walk_in).sort(), [false, true, true]);
        await call(admin, 'POST', `fairs/${event.id}/state`, { state: 'closed' });
        assert.equal(violations.length, 0, `accessibility violations:\n${describeViolations(violations)}`);
    });

    e2e('the demo 2024 event’s report draws its charts by name in zh and en; a producer is never offered it', async ({ page, context }) => {
        const { demo } = kit;
        const admin = (await (await fetch(`${demo.baseUrl()}/api/v1/sessions`, {
            method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(demo.logins().admin) })).json()).token;
        const events = (await (await fetch(`${demo.baseUrl()}/api/v1/fairs?limit=50`, { headers: { Authorization: `Bearer ${admin}` } })).json()).items;
        const matchmaking = events.find((e) => e.kind === 'matchmaking' && e.state === 'closed');
        assert.ok(matchmaking, 'the demo has its 2024 matchmaking event');
        const violations = [];
        await demo.signIn(page, 'admin');
        await page.goto(`/fairs/${matchmaking.id}`);
        await page.getByTestId('fair-report-link').click();
        await page.waitForURL((url) => url.pathname === `/fairs/${matchmaking.id}/report`);
        await page.getByTestId('fair-report-figures').waitFor();
        const drawn = ['fair-chart-by_county-intended_fen', 'fair-chart-by_exhibitor-intended_fen', 'fair-chart-by_buyer_channel-intended_fen',
            'fair-chart-by_category-intended_fen', 'fair-chart-conversion'];
        for (const chart of drawn) await page.waitForSelector(`[data-testid="${chart}-canvas"][data-ready="true"]`);
        const text = await page.getByTestId('fair-report').textContent();
        assert.ok(text.includes(zh('fairs.report.by_county.intended_fen')) && text.includes('叶城县'), 'counties by name');
        assert.ok(!rawId.test(text), 'no id on screen');
        assert.ok(!CODES.test(text), `a code on screen: ${text.match(CODES)?.[0]}`);
        // The demo's 2024 intents sum to about ¥560 million (src/demo/demo_fairs.cpp): the page shows the API's figures.
        const report = await (await fetch(`${demo.baseUrl()}/api/v1/reports/fairs/${matchmaking.id}`, { headers: { Authorization: `Bearer ${admin}` } })).json();
        const intended = await page.getByTestId('fair-report-intended').textContent();
        assert.ok(intended.endsWith(`亿 · ${zh('fairs.report.orders', { count: report.total.intent_orders })}`), intended);
        await expectText(page, 'fair-report-meetings-scheduled', `${zh('fairs.report.meetings.scheduled')}${report.meetings.scheduled}`);
        const csv = await page.request.get(await page.getByTestId('fair-report-csv').getAttribute('href'));
        assert.ok(csv.headers()['content-type'].startsWith('text/csv'));
        const xlsx = await page.request.get(await page.getByTestId('fair-report-xlsx').getAttribute('href'));
        assert.ok(xlsx.headers()['content-type'].startsWith('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'));
        await checkAccessibility(page, 'report (zh)', violations);
        await page.getByTestId('lang-en').click();
        await expectText(page, 'fair-report-heading', en('fairs.report.title', { name: matchmaking.name_en }));
        for (const chart of drawn) await page.waitForSelector(`[data-testid="${chart}-canvas"][data-ready="true"]`);
        const english = await page.getByTestId('fair-report').textContent();
        assert.ok(english.includes('Yecheng') && !CODES.test(english), 'counties by English name, no code');
        await checkAccessibility(page, 'report (en)', violations);
        assert.equal(violations.length, 0, `accessibility violations:\n${describeViolations(violations)}`);

        // A producer sees the event but no report link, and the report's page asks the API nothing.
        await context.clearCookies();
        await demo.signIn(page, 'producer');
        await page.goto(`/fairs/${matchmaking.id}`);
        await page.getByTestId('fair-heading').waitFor();
        assert.equal(await page.getByTestId('fair-report-link').count(), 0);
        const asked = recordApi(page);
        await page.goto(`/fairs/${matchmaking.id}/report`);
        await expectText(page, 'forbidden-heading', en('forbidden.title'));  // the language chosen above is kept
        await asked.idle();
        assert.deepEqual(asked.map((e) => e.path).filter((p) => p.startsWith('/api/v1/reports/fairs')), []);

        // A county officer reads its county's exhibitors' part, the county named.
        const officer = (await (await fetch(`${demo.baseUrl()}/api/v1/sessions`, {
            method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(demo.logins().county_officer) })).json()).token;
        const scoped = await (await fetch(`${demo.baseUrl()}/api/v1/reports/fairs/${matchmaking.id}`, { headers: { Authorization: `Bearer ${officer}` } })).json();
        assert.ok(scoped.county, 'the demo officer has a county');
        await context.clearCookies();
        await demo.signIn(page, 'county_officer');
        await page.goto(`/fairs/${matchmaking.id}`);
        await page.getByTestId('fair-report-link').click();
        await expectText(page, 'fair-report-county', en('fairs.report.countyScope', { county: en(`county.${scoped.county}`) }));
        await page.waitForSelector('[data-testid="fair-chart-by_exhibitor-intended_fen-canvas"][data-ready="true"]');
        const county = await page.getByTestId('fair-report').textContent();
        assert.ok(!rawId.test(county) && !CODES.test(county), 'names only in the county\'s report');
    }, { origin: () => kit.demo.origin() });
}

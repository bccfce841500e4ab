// End-to-end journeys of the fair pages (web/src/fairs): the organiser runs an event from creation
// to the published meetings grid; an exhibitor and a buyer register themselves, rate each other from
// the recommendations' reasons in words and read their agendas, with what a rerun changed; a role
// without fairs never sees the pages nor calls their API. Registered by run.mjs inside its suite,
// with its helpers (the server, users and catalogue it seeds).
import assert from 'node:assert/strict';

import { formatDate } from '../../web/src/format.js';
import { accessibilityViolations, describeViolations } from './accessibility.mjs';

// How long a schedule run may take to finish when polled from the test (the solver's default limit
// is 10 s; these events are tiny). Only a failure waits this long.
const RUN_WAIT_MS = 60_000;
const RUN_POLL_MS = 200;

/**
 * Adds the fair tests. `kit`: { e2e, signIn, call, tokenOf, addBuyer, creditCode, addDays, confirmInDialog,
 * expectText, recordApi, zh, en, users: { ADMIN, FUND, PRODUCER_A }, catalogue(), baseUrl(), password, rawId, sleep }.
 */
export function fairTests(kit) {
    const { e2e, signIn, call, tokenOf, addBuyer, confirmInDialog, expectText, recordApi, zh, en, users, catalogue, rawId, sleep } = kit;
    const today = () => formatDate(Date.now());

    // An event open for registration `inDays` days from today with a morning session (two 20-minute
    // slots) and two tables. Each test's event has a day of its own: an organisation registered in
    // two events at overlapping times is refused (time_clash).
    async function openEvent(admin, name, inDays) {
        const day = kit.addDays(today(), inDays);
        const event = await call(admin, 'POST', 'fairs', { kind: 'matchmaking', name_zh: `${name}对接会`, name_en: `${name} matchmaking`, venue: '上海展览中心', starts_on: day, ends_on: day });
        await call(admin, 'POST', `fairs/${event.id}/state`, { state: 'registration' });
        await call(admin, 'POST', `fairs/${event.id}/sessions`, { held_on: day, starts_at: '09:00', ends_at: '10:00' });
        for (const number of [1, 2]) await call(admin, 'POST', `fairs/${event.id}/tables`, { number });
        return event;
    }

    // Runs the scheduler as the admin (with an Idempotency-Key), waits for it and publishes it.
    async function scheduleAndPublish(admin, eventId, key) {
        const started = await fetch(`${kit.baseUrl()}/api/v1/fairs/${eventId}/schedules`, {
            method: 'POST', headers: { Authorization: `Bearer ${admin}`, 'Idempotency-Key': key } });
        assert.equal(started.status, 202, await started.clone().text());
        const run = await started.json();
        const deadline = Date.now() + RUN_WAIT_MS;
        let status = run.status;
        while ((status === 'queued' || status === 'running') && Date.now() < deadline) {
            await sleep(RUN_POLL_MS);
            status = (await call(admin, 'GET', `fairs/${eventId}/schedules/${run.id}`)).status;
        }
        assert.equal(status, 'done');
        await call(admin, 'POST', `fairs/${eventId}/schedules/${run.id}/publish`);
        return run.id;
    }

    // Signs another user in, in `lang` (the choice is kept in the browser, as it is for a real user).
    // Collects axe's WCAG 2.1 A and AA violations of the page as it is now, named by `where`.
    async function checkAccessibility(page, where, into) {
        for (const violation of await accessibilityViolations(page)) into.push({ where, ...violation });
    }

    async function switchUser(page, context, user, lang) {
        await context.clearCookies();
        await signIn(page, user);
        await page.getByTestId(`lang-${lang}`).click();
    }

    async function openFromMyEvents(page, eventId) {
        await page.getByTestId('nav-fairs').click();
        const row = page.locator(`[data-fair-id="${eventId}"]`);
        await row.getByTestId('fair-link').click();
        await page.waitForURL((url) => url.pathname === `/fairs/${eventId}`);
    }

    e2e('an organiser runs an event: creates it, adds a session, tables and participants (one by one and from CSV), schedules, publishes and reads the grid, in zh then en', async ({ page }) => {
        const admin = await tokenOf(users.ADMIN);
        const { a, b, walnut } = catalogue();
        const { organisation: canteen } = await addBuyer(admin, { name: 'E2E 展会机关食堂', district: 'xuhui', channel: 'group_dining', creditCode17: '12310104MB0E2F001' },
            { username: 'e2e-fair-organiser-buyer', displayName: 'E2E Fair Canteen' });
        const violations = [];
        await signIn(page, users.ADMIN);
        await page.getByTestId('nav-fairs').click();
        await expectText(page, 'fairs-heading', zh('fairs.title'));
        await page.selectOption('#fair-kind', 'trade_fair');
        await page.fill('#fair-name_zh', '喀什特色产品展销会（测试）');
        await page.fill('#fair-name_en', 'Kashgar specialty products fair (test)');
        await page.fill('#fair-venue', '上海国际会议中心');
        await page.fill('#fair-starts_on', today());
        await page.fill('#fair-ends_on', today());
        await page.getByTestId('fair-create').click();
        await page.waitForURL((url) => /^\/fairs\/[^/]+$/.test(url.pathname));
        const eventId = new URL(page.url()).pathname.split('/').pop();
        await expectText(page, 'fair-heading', '喀什特色产品展销会（测试）');

        // The next state only, confirmed.
        await expectText(page, 'fair-move', zh('fairs.moveTo', { state: zh('fairState.registration') }));
        await page.getByTestId('fair-move').click();
        await confirmInDialog(page);
        await page.waitForSelector('[data-testid="fair-state"][data-state="registration"]');

        // A morning block of 09:00–10:00 makes two slots of 20 minutes with 5 between, in Beijing time.
        await page.fill('#fair-session-starts_at', '09:00');
        await page.fill('#fair-session-ends_at', '10:00');
        await page.getByTestId('fair-session-submit').click();
        await expectText(page, 'fair-session', `${today()} · 09:00–09:20，09:25–09:45`);

        await page.getByTestId('fair-tab-tables').click();
        for (const number of [1, 2]) {
            await page.getByTestId('fair-table-submit').click();
            await page.locator('[data-testid="fair-table"]').nth(number - 1).waitFor();
        }
        assert.deepEqual(await page.locator('[data-testid="fair-table"]').allTextContents(), [1, 2].map((number) => zh('fairs.tableNumber', { number })));

        // One exhibitor and one buyer representative by the form.
        await page.getByTestId('fair-tab-participants').click();
        await page.fill('#fair-register-org-search', '叶城');
        await page.waitForSelector(`[data-testid="fair-register-org"] option[value="${a.id}"]`, { state: 'attached' });
        await page.selectOption('[data-testid="fair-register-org"]', a.id);
        await page.fill('#fair-register-booth', 'A-01');
        await page.check(`input[name="product_ids"][value="${walnut.id}"]`);
        await page.getByTestId('fair-register-submit').click();
        await expectText(page, 'fair-register-done', zh('fairs.registeredOne', { name: a.name }));
        await page.selectOption('#fair-register-side', 'buyer');
        await page.waitForSelector(`[data-testid="fair-register-org"] option[value="${canteen.id}"]`, { state: 'attached' });
        await page.selectOption('[data-testid="fair-register-org"]', canteen.id);
        // A buyer's name is asked for before anything is sent.
        await page.getByTestId('fair-register-submit').click();
        await expectText(page, 'fair-register-person_name-error', zh('fairs.form.personRequired'));
        await checkAccessibility(page, 'organiser: participants, an error showing', violations);
        await page.fill('#fair-register-person_name', '王芳');
        await page.fill('#fair-register-title', '采购科长');
        await page.getByTestId('fair-register-submit').click();
        await expectText(page, 'fair-register-done', zh('fairs.registeredOne', { name: `${canteen.name} · 王芳` }));

        // A CSV naming an unknown organisation is refused whole, its row named; the fixed file imports.
        const header = 'side,org,person_name,title,phone,booth,products,meetings_min,meetings_max,slots';
        const file = (rows) => ({ name: 'participants.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${rows.join('\n')}\n`) });
        await page.setInputFiles('#import-fair-participants', file([`exhibitor,${b.id},,,,B-02,,0,4,`, 'exhibitor,no-such-organisation,,,,B-03,,0,4,']));
        const problem = page.getByTestId('import-problem').first();
        await problem.waitFor();
        assert.match(await problem.textContent(), new RegExp(`^${zh('import.row', { row: 3 })}`));
        assert.equal(await page.locator('[data-testid="fair-participants-table"] tbody tr').count(), 2);
        await page.setInputFiles('#import-fair-participants', file([`exhibitor,${b.id},,,,B-02,,0,4,`]));
        await expectText(page, 'import-report', zh('fairs.imported', { count: 1, rows: 1 }));
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="fair-participants-table"] tbody tr').length === 3);
        const names = await page.locator('[data-testid="fair-participant-name"]').allTextContents();
        assert.deepEqual(names.sort(), [a.name, b.name, canteen.name].sort());

        // The buyer must meet the walnut exhibitor (an organiser may rate for a participant too).
        const participants = (await call(admin, 'GET', `fairs/${eventId}/participants`)).items;
        const id = (org) => participants.find((p) => p.org_id === org.id).id;
        await call(admin, 'PUT', `fairs/${eventId}/participants/${id(canteen)}/preferences/${id(a)}`, { rating: 'must_meet' });

        await page.getByTestId('fair-move').click();
        await confirmInDialog(page);
        await page.waitForSelector('[data-testid="fair-state"][data-state="scheduling"]');
        // No "move on" from scheduling: publishing a schedule does it.
        assert.equal(await page.getByTestId('fair-move').count(), 0);

        await page.getByTestId('fair-tab-schedules').click();
        const [started] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith(`/api/v1/fairs/${eventId}/schedules`) && r.request().method() === 'POST'),
            page.getByTestId('fair-run-submit').click(),
        ]);
        assert.equal(started.status(), 202);
        assert.match(started.request().headers()['idempotency-key'] ?? '', /^[0-9a-f]{32}$/);
        await page.waitForSelector('[data-testid="fair-run"][data-status="done"]');
        await expectText(page, 'fair-run-optimality', zh('fairs.run.proven'));
        await expectText(page, 'fair-run-must-meets', zh('fairs.run.mustMeetsOf', { met: 1, bound: 1 }));
        await checkAccessibility(page, 'organiser: a finished run', violations);
        const meetings = Number(await page.getByTestId('fair-run-meetings').textContent());
        assert.ok(meetings >= 1, `meetings: ${meetings}`);

        // The rest in English: publish (confirmed), then the grid and a check-in.
        await page.getByTestId('lang-en').click();
        await expectText(page, 'fair-publish', en('fairs.publish'));
        await page.getByTestId('fair-publish').click();
        await expectText(page, 'confirm-title', en('fairs.publishConfirm'));
        await confirmInDialog(page);
        await page.getByTestId('fair-run-published').waitFor();
        await page.waitForSelector('[data-testid="fair-state"][data-state="published"]');
        await expectText(page, 'fair-heading', 'Kashgar specialty products fair (test)');
        await page.getByTestId('fair-tab-grid').click();
        await page.getByTestId('fair-grid').waitFor();
        const grid = await page.getByTestId('fair-grid').textContent();
        assert.ok(grid.includes(en('fairs.gridTitle', { count: meetings })), grid);
        // In English an organisation is named by its English name where it has one (the canteen has none).
        assert.ok(grid.includes(a.name_en || a.name) && grid.includes(`${canteen.name} · 王芳`), grid);
        assert.ok(!rawId.test(grid), `an id on screen: ${grid}`);
        assert.equal(await page.locator('[data-testid="fair-grid-meeting"]').count(), meetings);
        await checkAccessibility(page, 'organiser: the meetings grid (en)', violations);

        await page.getByTestId('fair-tab-participants').click();
        const buyerRow = page.locator(`[data-participant-id="${id(canteen)}"]`);
        await buyerRow.getByTestId('fair-check-in').click();
        await confirmInDialog(page);
        await buyerRow.getByTestId('fair-checked-in').waitFor();
        assert.equal(violations.length, 0, `accessibility violations:\n${describeViolations(violations)}`);
    });

    e2e('an exhibitor and a buyer register themselves, rate each other from reasons in words, and read their agendas with what a rerun changed; zh and en', async ({ page, context }) => {
        const admin = await tokenOf(users.ADMIN);
        const { a, walnut } = catalogue();
        const { organisation: canteen, user: buyer } = await addBuyer(admin, { name: 'E2E 对接会机关食堂', district: 'minhang', channel: 'group_dining', creditCode17: '12310112MB0E2F002' },
            { username: 'e2e-fair-buyer', displayName: 'E2E Fair Buyer' });
        // The buyer's open demand for the walnuts: the recommendation's first reason.
        await call(await tokenOf(buyer), 'POST', 'demands', { org_id: canteen.id, product_id: walnut.id, min_grade: 'B', quantity_g: 500_000,
            max_price_fen_per_kg: 8000, deliver_by: kit.addDays(today(), 20), district: 'minhang' });
        const event = await openEvent(admin, 'E2E 产销', 2);

        // The buyer, in English, registers a representative; no exhibitor yet.
        await signIn(page, buyer);
        await page.getByTestId('lang-en').click();
        await page.getByTestId('nav-fairs').click();
        await expectText(page, 'fairs-heading', en('fairs.myTitle'));
        const listed = page.locator(`[data-fair-id="${event.id}"]`).getByTestId('fair-mine');
        await listed.waitFor();
        assert.equal((await listed.textContent()).trim(), en('fairs.canRegister'));
        await openFromMyEvents(page, event.id);
        await page.fill('#fair-register-person_name', 'Li Ming');
        await page.fill('#fair-register-title', 'Purchasing manager');
        await page.fill('#fair-register-meetings_max', '3');
        await page.getByTestId('fair-register-submit').click();
        await expectText(page, 'fair-me', en('fairs.youAre.buyer', { name: `${canteen.name} · Li Ming` }));
        await page.getByTestId('fair-preferences-empty').waitFor();

        // The exhibitor, in Chinese, registers with its booth and walnuts, and sees why to meet the buyer.
        await switchUser(page, context, users.PRODUCER_A, 'zh-CN');
        await page.getByTestId('nav-fairs').click();
        await expectText(page, 'fairs-heading', zh('fairs.myTitle'));
        await openFromMyEvents(page, event.id);
        await page.getByTestId('fair-register-form').waitFor();
        await page.fill('#fair-register-booth', 'A-08');
        await page.check(`input[name="product_ids"][value="${walnut.id}"]`);
        await page.getByTestId('fair-register-submit').click();
        await expectText(page, 'fair-me', zh('fairs.youAre.exhibitor', { name: a.name }));
        // An exhibitor registers once: no form any more.
        assert.equal(await page.getByTestId('fair-register-form').count(), 0);
        const counterpart = page.getByTestId('fair-counterpart');
        await counterpart.waitFor();
        await expectText(page, 'fair-counterpart-name', `${canteen.name} · Li Ming · Purchasing manager`);
        const reasons = await page.getByTestId('fair-reasons').textContent();
        assert.ok(reasons.startsWith('推荐理由：') && reasons.includes(zh('fairs.reason.open_demand_product', { count: 1 })), reasons);
        assert.ok(reasons.includes(zh('fairs.reason.channel_match', { channel: zh('channel.canteen') })), reasons);
        await page.fill(`#fair-note-${await counterpart.getAttribute('data-counterpart-id')}`, '想谈食堂长期供货');
        await counterpart.getByTestId('fair-rate-must_meet').click();
        await expectText(page, 'fair-rate-done', zh('fairs.rated', { rating: zh('fairRating.must_meet') }));
        await expectAttributeOf(page, '[data-testid="fair-rate-must_meet"]', 'aria-pressed', 'true');
        const violations = [];
        await checkAccessibility(page, 'exhibitor: preferences', violations);

        // The buyer rates the exhibitor, reasons in English.
        await switchUser(page, context, buyer, 'en');
        await openFromMyEvents(page, event.id);
        await page.getByTestId('fair-counterpart').waitFor();
        const english = await page.getByTestId('fair-reasons').textContent();
        assert.ok(english.startsWith('Why: ') && english.includes(en('fairs.reason.open_demand_product', { count: 1 })), english);
        // The exhibitor's products by name, in the reader's language.
        await page.waitForFunction(() => document.querySelector('[data-testid="fair-counterpart"]')?.textContent.includes('Yecheng thin-shell walnuts'));
        await page.getByTestId('fair-rate-must_meet').click();
        await expectText(page, 'fair-rate-done', en('fairs.rated', { rating: en('fairRating.must_meet') }));
        await page.getByTestId('fair-tab-agenda').click();
        await expectText(page, 'fair-agenda-none', en('fairs.agendaNone'));

        // The organiser schedules and publishes; the agendas show the meeting, names and products.
        await call(admin, 'POST', `fairs/${event.id}/state`, { state: 'scheduling' });
        await scheduleAndPublish(admin, event.id, `e2e-fair-${event.id}-1`);
        await page.reload();
        await page.getByTestId('fair-tab-agenda').click();
        await expectText(page, 'fair-agenda-counterpart', a.name);
        await page.waitForFunction(() => document.querySelector('[data-testid="fair-agenda-meeting"]')?.textContent.includes('Yecheng thin-shell walnuts'));
        const meeting = await page.getByTestId('fair-agenda-meeting').textContent();
        assert.match(meeting, new RegExp(`^${kit.addDays(today(), 2)} 09:(00–09:20|25–09:45)${en('fairs.tableNumber', { number: '[12]' })}`));

        await switchUser(page, context, users.PRODUCER_A, 'zh-CN');
        await openFromMyEvents(page, event.id);
        await page.getByTestId('fair-tab-agenda').click();
        await expectText(page, 'fair-agenda-counterpart', `${canteen.name} · Li Ming`);
        await checkAccessibility(page, 'exhibitor: agenda', violations);
        // The exhibitor reads the buyer's position where the buyer reads the exhibitor's products.
        assert.ok((await page.getByTestId('fair-agenda-meeting').textContent()).endsWith('Purchasing manager'));

        // The buyer's representative withdraws; the rerun drops the meeting and the exhibitor reads why.
        const li = (await call(admin, 'GET', `fairs/${event.id}/participants?side=buyer&org_id=${canteen.id}`)).items[0];
        await call(await tokenOf(buyer), 'POST', `fairs/${event.id}/participants/${li.id}/withdraw`);
        await scheduleAndPublish(admin, event.id, `e2e-fair-${event.id}-2`);
        await page.reload();
        await page.getByTestId('fair-tab-agenda').click();
        await expectText(page, 'fair-agenda-title', zh('fairs.agendaTitle', { count: 0 }));
        const change = await page.getByTestId('fair-agenda-change').textContent();
        assert.ok(change.startsWith(`${a.name} 与 ${canteen.name} · Li Ming：`) && change.endsWith(`——${zh('fairs.why.withdrawn')}。`), change);
        assert.ok(!rawId.test(change), change);
        await checkAccessibility(page, 'exhibitor: agenda with changes', violations);
        assert.equal(violations.length, 0, `accessibility violations:\n${describeViolations(violations)}`);

        // The organiser reads the rerun: based on the published schedule, the meeting dropped and why.
        await switchUser(page, context, users.ADMIN, 'en');
        await page.goto(`/fairs/${event.id}?tab=schedules`);
        await page.waitForSelector('[data-testid="fair-run"][data-status="done"]');
        await expectText(page, 'fair-run-based-on', en('fairs.run.rerun'));
        const dropped = page.getByTestId('fair-notes-dropped');
        assert.equal((await dropped.locator('h3').textContent()).trim(), en('fairs.notes.dropped', { count: 1 }));
        assert.ok((await dropped.getByTestId('fair-note').textContent()).endsWith(` — ${en('fairs.why.withdrawn')}.`));
    });

    e2e('an administrator names a fund officer organiser, who then runs the event; before, the officer only reads it', async ({ page, context }) => {
        const admin = await tokenOf(users.ADMIN);
        const event = await openEvent(admin, 'E2E 主办', 3);
        await signIn(page, users.FUND);
        await page.goto(`/fairs/${event.id}`);
        await page.getByTestId('fair-heading').waitFor();
        assert.equal(await page.getByTestId('fair-move').count(), 0);
        assert.equal(await page.getByTestId('fair-session-form').count(), 0);
        await page.getByTestId('fair-tab-schedules').click();
        await page.getByTestId('fair-runs-empty').waitFor();
        assert.equal(await page.getByTestId('fair-run-submit').count(), 0);

        await switchUser(page, context, users.ADMIN, 'zh-CN');
        await page.goto(`/fairs/${event.id}`);
        await page.getByTestId('fair-organisers-summary').click();
        const label = `${users.FUND.displayName} · ${zh('role.fund_officer')}`;
        await page.waitForFunction((want) => [...document.querySelectorAll('#fair-organiser-user option')].some((o) => o.textContent.trim() === want), label);
        await page.selectOption('#fair-organiser-user', { label });
        await page.getByTestId('fair-organiser-submit').click();
        await expectText(page, 'fair-organiser-done', zh('fairs.organiserAdded', { name: users.FUND.displayName }));
        await expectText(page, 'fair-organiser', users.FUND.displayName);

        await switchUser(page, context, users.FUND, 'en');
        await page.goto(`/fairs/${event.id}`);
        await expectText(page, 'fair-move', en('fairs.moveTo', { state: en('fairState.scheduling') }));
        await page.getByTestId('fair-move').click();
        await confirmInDialog(page);
        await page.waitForSelector('[data-testid="fair-state"][data-state="scheduling"]');
        await page.getByTestId('fair-tab-schedules').click();
        await page.getByTestId('fair-run-submit').waitFor();
    });

    e2e('a role without fairs never sees them nor calls their API', async ({ page }) => {
        const admin = await tokenOf(users.ADMIN);
        const event = await openEvent(admin, 'E2E 无权', 4);
        const carrier = await call(admin, 'POST', 'organisations', { name: 'E2E 展会冷链物流', kind: 'logistics', credit_code: kit.creditCode('91653101MA0E2F003') });
        const logistics = { username: 'e2e-fair-logistics', displayName: 'E2E Fair Logistics', role: 'logistics' };
        await call(admin, 'POST', 'users', { username: logistics.username, display_name: logistics.displayName, role: 'logistics', password: kit.password, org_id: carrier.id });
        await signIn(page, logistics);
        assert.equal(await page.getByTestId('nav-fairs').count(), 0);
        for (const path of ['/fairs', `/fairs/${event.id}`]) {
            const asked = recordApi(page);
            await page.goto(path);
            await expectText(page, 'forbidden-heading', zh('forbidden.title'));
            await asked.idle();
            const fairCalls = asked.map((entry) => entry.path).filter((p) => p.startsWith('/api/v1/fairs'));
            assert.deepEqual(fairCalls, [], `logistics opening ${path}`);
        }
    });

    async function expectAttributeOf(page, selector, name, expected) {
        await page.waitForFunction(([sel, attr, want]) => document.querySelector(sel)?.getAttribute(attr) === want, [selector, name, expected]);
    }
}

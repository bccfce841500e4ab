// End-to-end journeys of the recall pages and the trace graph (web/src/trace/recalls-page.js,
// trace-graph.js): producer A's lot shipped to two buyers; the producer reads the lot's forward
// trace graph (and its list) on a phone, opens a recall from the lot page (confirmed first); each
// buyer finds the recall on its to-do list, one acknowledges in Chinese and one in English with what
// it recovered; the producer closes it. Every page checked with axe. Registered by run.mjs after the
// trace tests (their lots of the walnut product oblige its shipments to name lots), with its helpers.
// And the public page of a lot merged from two farm lots: its inputs' county and households counted,
// on a phone, in zh and en.
import assert from 'node:assert/strict';

import { formatDate } from '../../web/src/format.js';
import { checkAccessibility, describeViolations } from './accessibility.mjs';

import { PHONE } from './trace.mjs';

/** Adds the recall tests. `kit`: as trace.mjs's traceTests takes it. */
export function recallTests(kit) {
    const { e2e, signIn, call, tokenOf, addBuyer, confirmInDialog, expectText, zh, en, users, catalogue } = kit;
    const today = () => formatDate(Date.now());

    // A buyer's confirmed order of `boxes` of walnuts (grade A) from producer A, shipped naming `lot`.
    async function shippedOrder(buyerToken, buyerId, lot, boxes, key) {
        const { a, walnut } = catalogue();
        const placed = await fetch(`${kit.baseUrl()}/api/v1/orders`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${buyerToken}`, 'Content-Type': 'application/json', 'Idempotency-Key': `${key}-${kit.password}` },
            body: JSON.stringify({ buyer_id: buyerId, seller_id: a.id, channel: 'fair_intent', delivery_district: 'minhang',
                delivery_date: kit.addDays(today(), 20), lines: [{ product_id: walnut.id, grade: 'A', quantity: boxes, unit_price_fen: 12000 }] }),
        });
        assert.equal(placed.status, 201, await placed.clone().text());
        const order = await placed.json();
        await call(buyerToken, 'POST', `orders/${order.id}/confirm`, {});
        const producer = await tokenOf(users.PRODUCER_A);
        await call(producer, 'POST', `orders/${order.id}/ship`, { lines: [{ line_no: 1, lots: [{ lot_id: lot.id, quantity: boxes }] }] });
        return order;
    }

    e2e('a producer opens a recall from the lot page; each buyer acknowledges from its to-do, in zh and en; the producer closes it', async ({ page }) => {
        const admin = await tokenOf(users.ADMIN);
        const { a, walnut } = catalogue();
        const lot = await call(admin, 'POST', 'lots', { producer_id: a.id, product_id: walnut.id, grade: 'A', lot_code: 'E2E-RECALL-1', quantity: 40, unit: 'carton' });
        const first = await addBuyer(admin, { name: 'E2E 召回采购一', district: 'minhang', channel: 'budget_unit', creditCode17: '12310112MB0E2E081' },
            { username: 'e2e-recall-buyer-1', displayName: 'E2E Recall Buyer 1' });
        const second = await addBuyer(admin, { name: 'E2E 召回采购二', district: 'xuhui', channel: 'budget_unit', creditCode17: '12310104MB0E2E082' },
            { username: 'e2e-recall-buyer-2', displayName: 'E2E Recall Buyer 2' });
        await shippedOrder(await tokenOf(first.user), first.organisation.id, lot, 10, 'e2e-recall-1');
        await shippedOrder(await tokenOf(second.user), second.organisation.id, lot, 12, 'e2e-recall-2');
        const violations = [];

        // The producer reads where the lot went, on a phone: the graph scrolls inside its box, the list names the buyers.
        await signIn(page, users.PRODUCER_A);
        await page.setViewportSize(PHONE);
        await page.goto(`/lots/${lot.id}`);
        await page.getByTestId('trace-graph').waitFor();
        await page.getByTestId('trace-graph-forward').click();
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="trace-graph-item"]').length === 5);
        assert.equal(await page.locator('[data-testid="trace-graph-node"]').count(), 5, 'the lot, two orders and two buyers are drawn');
        const list = await page.getByTestId('trace-graph-list').textContent();
        assert.ok(list.includes(first.organisation.name) && list.includes(second.organisation.name), 'the buyers are named in the list');
        assert.ok(list.includes(zh('lots.units', { count: '12' })), `the quantities are in the list: ${list}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= PHONE.width, `the lot page does not scroll sideways on a phone (${width} px)`);
        await checkAccessibility(page, 'lot page with its trace graph (phone)', violations);
        await page.setViewportSize({ width: 1280, height: 900 });

        // Opening a recall: the reason is required, the dialog repeats the lot, and the recall page follows.
        await page.getByTestId('recall-open').locator('summary').click();
        await page.getByTestId('recall-open-submit').click();
        await page.locator('#recall-reason-error').waitFor();
        await page.getByTestId('recall-reason-input').fill('E2E 抽检发现霉变');
        await page.getByTestId('recall-open-submit').click();
        const [opened] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/recalls' && r.request().method() === 'POST'),
            confirmInDialog(page),
        ]);
        assert.equal(opened.status(), 201, await opened.text());
        const recall = await opened.json();
        await page.waitForURL((url) => url.pathname === `/recalls/${recall.id}`);
        await page.getByTestId('recall-page').waitFor();
        await expectText(page, 'recall-reason', 'E2E 抽检发现霉变');
        await expectText(page, 'recall-reached', zh('recalls.reachedCounts', { lots: 1, pallets: 0, orders: 2, buyers: 2 }));
        assert.equal(await page.locator('[data-testid="recall-notice"][data-acknowledged="false"]').count(), 2);
        assert.equal(await page.getByTestId('recall-sheet').getAttribute('href'), `/api/v1/lots/${lot.id}/trace.xlsx`);
        await checkAccessibility(page, 'recall page (producer, zh)', violations);
        // The lot page now links to the open recall instead of offering a second one.
        await page.goto(`/lots/${lot.id}`);
        await page.getByTestId('lot-open-recall-link').waitFor();
        assert.equal(await page.getByTestId('recall-open').count(), 0);
        await page.context().clearCookies();

        // The first buyer, in Chinese: from its to-do to the recall, recovers 8 of its 10 boxes.
        await signIn(page, first.user);
        await page.getByTestId('todo-recalls_to_acknowledge').waitFor();
        await page.getByTestId('todo-recalls_to_acknowledge').getByTestId('todo-item-link').first().click();
        await page.getByTestId('recall-acknowledge-form').waitFor();
        assert.equal(await page.locator('[data-testid="recall-notice"]').count(), 1, 'a buyer reads its own notice only');
        assert.ok(!(await page.locator('body').textContent()).includes(second.organisation.name), 'nor the other buyer\'s name');
        await checkAccessibility(page, 'recall page (buyer, zh)', violations);
        await page.getByTestId('recall-recovered-input').fill('11');
        await page.getByTestId('recall-acknowledge').click();
        await page.locator('[data-testid="recall-acknowledge-form"] .field-error').waitFor();
        assert.ok((await page.getByTestId('recall-acknowledge-form').textContent()).includes(zh('recalls.error.tooMuch')), 'more than received is refused before sending');
        await page.getByTestId('recall-recovered-input').fill('8');
        await page.getByTestId('recall-note').fill('已下架 8 箱');
        await page.getByTestId('recall-acknowledge').click();
        const [acknowledged] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/recalls/${recall.id}/acknowledgements`),
            confirmInDialog(page),
        ]);
        assert.equal(acknowledged.status(), 200, await acknowledged.text());
        await page.getByTestId('recall-acknowledge-done').waitFor();
        await page.locator('[data-testid="recall-notice"][data-acknowledged="true"]').waitFor();
        await expectText(page, 'recall-recovered', zh('recalls.recoveredOf', { quantity: zh('lots.units', { count: '8' }) }));
        await page.context().clearCookies();

        // The second buyer, in English.
        await signIn(page, second.user);
        await page.getByTestId('lang-en').click();
        await page.getByTestId('todo-recalls_to_acknowledge').getByTestId('todo-item-link').first().click();
        await page.getByTestId('recall-acknowledge-form').waitFor();
        await expectText(page, 'recall-status', en('recalls.status.open'));
        await page.getByTestId('recall-recovered-input').fill('12');
        await page.getByTestId('recall-acknowledge').click();
        await expectText(page, 'confirm-title', en('recalls.acknowledgeTitle', { code: 'E2E-RECALL-1' }));
        await checkAccessibility(page, 'acknowledge dialog (buyer, en)', violations);
        await confirmInDialog(page);
        await page.getByTestId('recall-acknowledge-done').waitFor();
        // The last acknowledgement closed the recall.
        await expectText(page, 'recall-status', en('recalls.status.closed'));
        await page.getByTestId('lang-zh-CN').click();
        await page.context().clearCookies();

        // A second recall of the lot, closed early by the producer with a note.
        const producer = await tokenOf(users.PRODUCER_A);
        const again = await call(producer, 'POST', 'recalls', { lot_id: lot.id, reason: 'E2E 复检' });
        await signIn(page, users.PRODUCER_A);
        await page.getByTestId('nav-recalls').click();
        await page.getByTestId('recalls-table').waitFor();
        await page.getByTestId('recalls-status').selectOption('open');
        await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="recall-status"]')].length > 0);
        await page.locator(`[data-testid="recall-row"][data-lot-code="E2E-RECALL-1"] a`).first().click();
        await page.waitForURL((url) => url.pathname === `/recalls/${again.id}`);
        await page.getByTestId('recall-close-form').waitFor();
        await checkAccessibility(page, 'recall page with close (producer)', violations);
        await page.getByTestId('recall-close-note').fill('E2E 复检合格');
        await page.getByTestId('recall-close').click();
        await expectText(page, 'confirm-title', zh('recalls.closeTitle', { code: 'E2E-RECALL-1' }));
        const [closed] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/recalls/${again.id}/close`),
            confirmInDialog(page),
        ]);
        assert.equal(closed.status(), 200, await closed.text());
        await page.getByTestId('recall-close-done').waitFor();
        await expectText(page, 'recall-status', zh('recalls.status.closed'));
        assert.equal(violations.length, 0, `accessibility violations:\n${describeViolations(violations)}`);
    });

    // A household supplying producer A: the trace tests' supply link when it exists, else one made here.
    async function supplierOfA(admin) {
        const { a } = catalogue();
        const links = await call(admin, 'GET', `organisations/${a.id}/supply-links`);
        if (links.links.length > 0) return links.links[0].supplier_id;
        const household = await call(admin, 'POST', 'organisations', { name: 'E2E 买买提家', kind: 'household', county: 'yecheng' });
        await call(admin, 'PUT', `organisations/${a.id}/supply-links`, { links: [{ supplier_id: household.id, share_bp: 10000 }] });
        return household.id;
    }

    e2e('a merged lot\'s public page on a phone says where its inputs grew and how many households, never who, in zh and en', async ({ page }) => {
        const admin = await tokenOf(users.ADMIN);
        const { a, kernels } = catalogue();
        const supplier = await supplierOfA(admin);
        const farm = (code, grams) => call(admin, 'POST', 'lots', {
            producer_id: a.id, product_id: kernels.id, grade: 'B', lot_code: code, quantity: grams, harvest_date: kit.addDays(today(), -3),
            suppliers: [{ supplier_id: supplier, quantity: grams }],
        });
        const first = await farm('E2E-FARM-1', 50_000);
        const second = await farm('E2E-FARM-2', 30_000);
        const producer = await tokenOf(users.PRODUCER_A);
        const merged = await call(producer, 'POST', 'trace/events', {
            type: 'TransformationEvent', event_time: new Date(Date.now() - 1000).toISOString(), biz_step: 'repackaging', process: 'merge',
            input_quantity_list: [{ lot_id: first.id, quantity: 50_000 }, { lot_id: second.id, quantity: 30_000 }],
            output_quantity_list: [{ lot_code: 'E2E-MERGED-1', product_id: kernels.id, grade: 'B', quantity: 80_000 }],
        });
        const output = await call(admin, 'GET', `lots/${merged.output_quantity_list[0].lot_id}`);
        const supplierName = (await call(admin, 'GET', `organisations/${supplier}`)).name;
        const violations = [];
        await page.setViewportSize(PHONE);
        await page.goto(`/t/${output.trace_code}`);
        await page.getByTestId('trace-origins').waitFor();
        await expectText(page, 'trace-origin', zh('trace.originLine', { county: zh('county.yecheng'), suppliers: zh('trace.householdsCount', { count: 1 }) }));
        await expectText(page, 'trace-made-from', zh('trace.madeFrom', { count: 2 }));
        await expectText(page, 'trace-households', `${zh('trace.households')}${zh('trace.householdsCount', { count: 1 })}`);
        const body = await page.locator('body').textContent();
        assert.ok(!body.includes(supplierName), 'the household is never named');
        assert.ok(!body.includes('E2E-FARM-1') && !body.includes('E2E-FARM-2'), 'nor the input lots');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= PHONE.width, `no sideways scrolling on a phone (${width} px)`);
        await checkAccessibility(page, 'merged lot public page zh', violations);
        await page.getByTestId('lang-en').click();
        await expectText(page, 'trace-origin', en('trace.originLine', { county: en('county.yecheng'), suppliers: en('trace.householdsCount', { count: 1 }) }));
        await expectText(page, 'trace-made-from', en('trace.madeFrom', { count: 2 }));
        await checkAccessibility(page, 'merged lot public page en', violations);
        await page.getByTestId('lang-zh-CN').click();
        assert.equal(violations.length, 0, `accessibility violations:\n${describeViolations(violations)}`);
    });
}

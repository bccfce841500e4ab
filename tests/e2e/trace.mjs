// End-to-end journeys of the trace pages (web/src/trace): a visitor who scans a box reads the lot's
// public page on a phone (390 px) in zh and in en — product, producer, county, households by number,
// dates, the certification badge, the journey and the page's own QR — and a clear "not found" for an
// unknown code; a producer records a lot in the console and sees its trace code and QR; the seller
// ships an order naming its lots, confirmed before and acknowledged after. Registered by run.mjs at the
// end of its suite (lots of a product oblige later shipments of it to name lots), with its helpers.
import assert from 'node:assert/strict';

import { formatDate } from '../../web/src/format.js';
import { checkAccessibility, describeViolations } from './accessibility.mjs';

export const PHONE = { width: 390, height: 844 };

/**
 * Adds the trace tests. `kit`: { e2e, signIn, call, tokenOf, addBuyer, addDays, confirmInDialog, expectText, zh, en,
 * users: { ADMIN, PRODUCER_A }, catalogue(), baseUrl(), password }.
 */
export function traceTests(kit) {
    const { e2e, signIn, call, tokenOf, addBuyer, confirmInDialog, expectText, zh, en, users, catalogue } = kit;
    const today = () => formatDate(Date.now());

    // A household supplying producer A (its supply link), made once.
    let household = null;
    async function householdOfA(admin) {
        if (household) return household;
        const { a } = catalogue();
        household = await call(admin, 'POST', 'organisations', { name: 'E2E 阿依古丽家', kind: 'household', county: 'yecheng' });
        await call(admin, 'PUT', `organisations/${a.id}/supply-links`, { links: [{ supplier_id: household.id, share_bp: 10000 }] });
        return household;
    }

    e2e('a visitor reads a lot\'s public trace page on a phone in zh and en: product, producer, households by number, certification, journey and QR; an unknown code is not found', async ({ page }) => {
        const admin = await tokenOf(users.ADMIN);
        const { a, walnut } = catalogue();
        const supplier = await householdOfA(admin);
        const lot = await call(admin, 'POST', 'lots', {
            producer_id: a.id, product_id: walnut.id, grade: 'A', lot_code: 'E2E-PUBLIC-1', quantity: 30, unit: 'carton',
            harvest_date: kit.addDays(today(), -2), pack_date: today(), suppliers: [{ supplier_id: supplier.id, quantity: 30 }],
        });
        const violations = [];
        await page.setViewportSize(PHONE);
        // Typed as a person might: lower case, with hyphens.
        await page.goto(`/t/${lot.trace_code_printed.toLowerCase()}`);
        await page.getByTestId('trace-card').waitFor();
        await expectText(page, 'trace-code', lot.trace_code_printed);
        assert.ok((await page.getByTestId('trace-product').textContent()).includes('叶城薄皮核桃'));
        await expectText(page, 'trace-county', `${zh('trace.county')}${zh('county.yecheng')}`);
        await expectText(page, 'trace-households', `${zh('trace.households')}${zh('trace.householdsCount', { count: 1 })}`);
        await expectText(page, 'trace-cert-badge', zh('cert.status.certified'));
        assert.equal(await page.locator('[data-testid="trace-step"]').count(), 1);
        assert.equal(await page.locator('[data-testid="trace-step"]').first().getAttribute('data-step'), 'commissioning');
        const body = await page.locator('body').textContent();
        assert.ok(!body.includes(supplier.name), 'the household is never named');
        assert.ok(!body.includes('¥'), 'no prices');
        // The QR image is the page's own address, drawn by the server.
        const qr = page.getByTestId('trace-qr');
        await qr.waitFor();
        assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR image loaded');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= PHONE.width, `no sideways scrolling on a phone (${width} px)`);
        await checkAccessibility(page, 'trace page zh', violations);
        await page.getByTestId('lang-en').click();
        await expectText(page, 'trace-cert-badge', en('cert.status.certified'));
        await expectText(page, 'trace-county', `${en('trace.county')}${en('county.yecheng')}`);
        assert.ok((await page.getByTestId('trace-product').textContent()).includes('Yecheng thin-shell walnuts'));
        await checkAccessibility(page, 'trace page en', violations);
        // A code no lot has: said plainly, in the reader's language.
        await page.goto('/t/0000-0000-00ZZ');
        await expectText(page, 'trace-not-found', en('trace.notFound'));
        await checkAccessibility(page, 'trace not found', violations);
        assert.equal(violations.length, 0, `accessibility violations:\n${describeViolations(violations)}`);
    });

    e2e('a producer records a lot in the console and sees its trace code, QR and label', async ({ page }) => {
        const admin = await tokenOf(users.ADMIN);
        await householdOfA(admin);
        const violations = [];
        await signIn(page, users.PRODUCER_A);
        await page.getByTestId('nav-lots').click();
        await page.getByTestId('lot-form').waitFor();
        await checkAccessibility(page, 'lots page', violations);
        // Kernels sell by the kilogram: the quantity is typed in kg.
        const { kernels } = catalogue();
        await page.getByTestId('lot-product').selectOption(kernels.id);
        await page.getByTestId('lot-code').fill('E2E-LOT-KERNELS-1');
        await page.getByTestId('lot-quantity').fill('120.5');
        await page.getByTestId('lot-supplier-share').fill('100');
        await page.getByTestId('lot-submit').click();
        const [made] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/lots' && r.request().method() === 'POST'),
            confirmInDialog(page),
        ]);
        assert.equal(made.status(), 201, await made.text());
        const lot = await made.json();
        assert.equal(lot.quantity, 120_500);
        assert.equal(lot.suppliers[0].quantity, 100_000);
        await page.getByTestId('lot-recorded').waitFor();
        assert.ok((await page.getByTestId('lot-recorded').textContent()).includes(lot.trace_code_printed));
        // Found by its trace code as a person types it (lower case, hyphens).
        await page.getByTestId('lots-code').fill(lot.trace_code_printed.toLowerCase());
        await page.getByTestId('lots-search').getByRole('button').click();
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="lot-row"]').length === 1);
        await page.locator(`[data-lot-code="E2E-LOT-KERNELS-1"]`).waitFor();
        await page.locator('[data-lot-code="E2E-LOT-KERNELS-1"] a').click();
        await page.getByTestId('lot-page').waitFor();
        await expectText(page, 'lot-trace-printed', lot.trace_code_printed);
        await expectText(page, 'lot-on-hand', '120.5公斤');
        assert.equal(await page.locator('[data-testid="lot-event"]').count(), 1);
        assert.ok(await page.getByTestId('lot-qr').evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR image loaded');
        await checkAccessibility(page, 'lot page', violations);
        await page.getByTestId('lot-label-link').click();
        await page.getByTestId('lot-label').waitFor();
        assert.ok((await page.getByTestId('lot-label').textContent()).includes(`/t/${lot.trace_code}`));
        assert.equal(violations.length, 0, `accessibility violations:\n${describeViolations(violations)}`);
    });

    e2e('the seller ships an order naming the lots that fill its line, confirmed before and acknowledged after', async ({ page }) => {
        const admin = await tokenOf(users.ADMIN);
        const { a, kernels } = catalogue();
        const { organisation, user: buyer } = await addBuyer(admin, { name: 'E2E 追溯采购单位', district: 'minhang', channel: 'budget_unit', creditCode17: '12310112MB0E2E071' },
            { username: 'e2e-trace-buyer', displayName: 'E2E Trace Buyer' });
        const first = await call(admin, 'POST', 'lots', { producer_id: a.id, product_id: kernels.id, grade: 'B', lot_code: 'E2E-SHIP-1', quantity: 8000 });
        const second = await call(admin, 'POST', 'lots', { producer_id: a.id, product_id: kernels.id, grade: 'B', lot_code: 'E2E-SHIP-2', quantity: 20000 });
        const buyerToken = await tokenOf(buyer);
        const placed = await fetch(`${kit.baseUrl()}/api/v1/orders`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${buyerToken}`, 'Content-Type': 'application/json', 'Idempotency-Key': `e2e-trace-${kit.password}` },
            body: JSON.stringify({ buyer_id: organisation.id, seller_id: a.id, channel: 'fair_intent', delivery_district: 'minhang',
                delivery_date: kit.addDays(today(), 20), lines: [{ product_id: kernels.id, grade: 'B', quantity: 12, unit_price_fen: 5600 }] }),
        });
        assert.equal(placed.status, 201, await placed.clone().text());
        const order = await placed.json();
        await call(buyerToken, 'POST', `orders/${order.id}/confirm`, {});
        const violations = [];
        await signIn(page, users.PRODUCER_A);
        await page.goto(`/orders/${order.id}`);
        await page.getByTestId('ship-with-lots').waitFor();
        await checkAccessibility(page, 'ship with lots', violations);
        // 12 kg: 8 from the first lot and 4 from the second; a wrong sum is said before anything is sent.
        await page.getByTestId('ship-lot').first().selectOption(first.id);
        await page.getByTestId('ship-lot-quantity').first().fill('8');
        await page.getByTestId('ship-lots-submit').click();
        await expectText(page, 'ship-lots-problem', zh('ship.mismatch'));
        await page.getByRole('button', { name: zh('ship.addLot') }).click();
        await page.getByTestId('ship-lot').nth(1).selectOption(second.id);
        await page.getByTestId('ship-lot-quantity').nth(1).fill('4');
        await page.getByTestId('ship-lots-submit').click();
        const [shipped] = await Promise.all([
            page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/orders/${order.id}/ship`),
            confirmInDialog(page),
        ]);
        assert.equal(shipped.status(), 200, await shipped.text());
        await expectText(page, 'order-status', zh('orderStatus.shipped'));
        const lots = await call(admin, 'GET', `lots?code=E2E-SHIP-2`);
        assert.equal(lots.items[0].on_hand, 16000);
        // The buyer now reads the lot's public page: shipped, and certified or not on the shipping day.
        const publicPage = await call(null, 'GET', `public/trace/${second.trace_code}`);
        assert.deepEqual(publicPage.journey.map((step) => step.biz_step), ['commissioning', 'shipping']);
        assert.equal(publicPage.certification.basis, 'first_shipment');
        assert.equal(violations.length, 0, `accessibility violations:\n${describeViolations(violations)}`);
    });
}

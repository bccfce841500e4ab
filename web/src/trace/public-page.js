// The public trace page /t/<code> (no sign-in; phone-sized): what a consumer who scans a box reads —
// the product, its producer and county, how many households and workshops contributed, harvest and
// pack dates, the certification on the sale date, the journey as a timeline and the QR code of the
// page itself. The API (GET /api/v1/public/trace/{code}, src/trace/public_trace.h) answers no prices,
// buyers or personal data, so there are none to hide here. An unknown code says so plainly.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { localName } from '../catalog/model.js';
import { CertBadge, LoadError, Loading } from '../components/catalog-bits.js';
import { Alert } from '../components/alert.js';
import { stepLabel, placeLabel } from './model.js';

function usePublicTrace(code) {
    const [state, setState] = useState({ phase: 'loading', page: null, error: null });
    const load = () => {
        setState({ phase: 'loading', page: null, error: null });
        api.get(`public/trace/${encodeURIComponent(code)}`).then(
            (page) => setState({ phase: 'ready', page, error: null }),
            (error) => setState({ phase: error?.status === 404 ? 'not-found' : 'error', page: null, error }),
        );
    };
    useEffect(load, [code]);
    return { ...state, reload: load };
}

function Fact({ label, children, testId }) {
    return html`<div class="trace-fact" data-testid=${testId}><dt>${label}</dt><dd>${children}</dd></div>`;
}

function Journey({ steps }) {
    const { t, lang } = useApp();
    if (steps.length === 0) return html`<p class="muted" data-testid="trace-journey-empty">${t('trace.journeyEmpty')}</p>`;
    return html`
        <ol class="timeline" data-testid="trace-journey">
            ${steps.map((step, index) => html`
                <li key=${index} class="timeline-step" data-testid="trace-step" data-step=${step.biz_step ?? step.type}>
                    <strong>${stepLabel(t, step)}</strong>
                    <div class="muted small">
                        <time datetime=${step.date}>${step.date}</time>
                        ${placeLabel(t, step.place, lang) && html` · <span data-testid="trace-step-place">${placeLabel(t, step.place, lang)}</span>`}
                    </div>
                </li>`)}
        </ol>`;
}

// Where the goods grew: shown when the lot was made from others or came from more than one county
// (a farm lot's county and households are the facts above already).
const showOrigins = (page) => (page.input_lots ?? 0) > 0 || (page.origins ?? []).length > 1;

function Origins({ page }) {
    const { t, lang } = useApp();
    const separator = lang === 'en' ? ', ' : '，';
    return html`
        <ul class="plain-list" data-testid="trace-origin-list">
            ${page.origins.map((origin) => {
                const county = origin.county.code ? t(`county.${origin.county.code}`) : localName(origin.county, lang);
                const suppliers = [];
                if (origin.households > 0) suppliers.push(t('trace.householdsCount', { count: origin.households }));
                if (origin.workshops > 0) suppliers.push(t('trace.workshopsCount', { count: origin.workshops }));
                return html`<li key=${origin.county.code} data-testid="trace-origin">${suppliers.length > 0
                    ? t('trace.originLine', { county, suppliers: suppliers.join(separator) })
                    : t('trace.originOwn', { county })}</li>`;
            })}
        </ul>
        ${page.input_lots > 0 && html`<p class="muted small" data-testid="trace-made-from">${t('trace.madeFrom', { count: page.input_lots })}</p>`}
        ${page.origins_complete === false && html`<p class="muted small">${t('trace.originsCut')}</p>`}`;
}

function TraceCard({ page }) {
    const { t, lang } = useApp();
    const suppliers = [];
    if (page.households > 0) suppliers.push(t('trace.householdsCount', { count: page.households }));
    if (page.workshops > 0) suppliers.push(t('trace.workshopsCount', { count: page.workshops }));
    const cert = page.certification;
    return html`
        <article class="card trace-card" data-testid="trace-card">
            <p class="muted small">${t('trace.code')} <span class="mono" data-testid="trace-code">${page.trace_code_printed}</span></p>
            <h2 data-testid="trace-product">${localName(page.product, lang)}
                ${page.product.grade && html` <span class="badge badge-neutral">${t('trace.grade', { grade: page.product.grade })}</span>`}</h2>
            <dl class="trace-facts">
                <${Fact} label=${t('trace.producer')} testId="trace-producer">${localName(page.producer, lang)}<//>
                <${Fact} label=${t('trace.county')} testId="trace-county">${page.county.code ? t(`county.${page.county.code}`) : localName(page.county, lang)}<//>
                <${Fact} label=${t('trace.households')} testId="trace-households">${suppliers.length ? suppliers.join(lang === 'en' ? ', ' : '，') : t('trace.noSuppliers')}<//>
                ${showOrigins(page) && html`<${Fact} label=${t('trace.origins')} testId="trace-origins"><${Origins} page=${page} /><//>`}
                <${Fact} label=${t('trace.harvested')} testId="trace-harvested">${page.harvest_date ? page.harvest_date : t('trace.unknownDate')}<//>
                <${Fact} label=${t('trace.packed')} testId="trace-packed">${page.pack_date ? page.pack_date : t('trace.unknownDate')}<//>
                <${Fact} label=${t('trace.certification')} testId="trace-certification">
                    <${CertBadge} status=${cert.status} testId="trace-cert-badge" />
                    <span class="muted small"> ${t(cert.basis === 'first_shipment' ? 'trace.certOnSale' : 'trace.certOnToday', { date: cert.on })}</span>
                <//>
            </dl>
        </article>
        <section class="card" aria-labelledby="trace-journey-title">
            <h2 id="trace-journey-title">${t('trace.journey')}</h2>
            <${Journey} steps=${page.journey} />
        </section>
        <section class="card trace-qr" aria-labelledby="trace-qr-title">
            <h2 id="trace-qr-title">${t('trace.qr')}</h2>
            <img src=${page.qr_svg} width="160" height="160" alt=${t('trace.qrAlt', { code: page.trace_code_printed })} data-testid="trace-qr" />
        </section>
        <p class="muted small">${t('trace.privacy')}</p>`;
}

export function TracePage({ params }) {
    const { t } = useApp();
    const { phase, page, error, reload } = usePublicTrace(params.code);
    let body;
    if (phase === 'loading') body = html`<${Loading} />`;
    else if (phase === 'not-found') body = html`<${Alert} kind="info" testId="trace-not-found">${t('trace.notFound')}<//>`;
    else if (phase === 'error' && error?.status === 429) body = html`<${Alert} kind="error" testId="trace-too-many">${t('trace.tooMany')}<//>`;
    else if (phase === 'error') body = html`<${LoadError} error=${error} onRetry=${reload} />`;
    else body = html`<${TraceCard} page=${page} />`;
    return html`
        <div class="trace-page" data-testid="trace-page">
            <h1>${t('trace.title')}</h1>
            <p class="muted">${t('trace.lead')}</p>
            ${body}
        </div>`;
}

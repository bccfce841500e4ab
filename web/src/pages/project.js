// One aid project: its record and life-cycle button, milestones, verified progress, inspections,
// contracts and payments. A county officer of another county is refused by the server (403), and
// the page says so.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { Link } from '../router.js';
import { api, idempotencyKeys } from '../api.js';
import { formatMoney, moneyInputText, parseMoney, todayInShanghai } from '../format.js';
import { TextField } from '../components/field.js';
import { SelectField } from '../components/market-form.js';
import { localizeServerMessage } from '../server-messages.js';
import { LoadError, Loading, Refusal } from '../components/catalog-bits.js';
import { mayMove, nextStatus, PROJECT_WRITERS } from '../projects/model.js';
import { useRecord } from './organisation.js';
import { nameIn } from '../projects/lists.js';
import { refusalText } from '../risk-messages.js';
import { useConfirmedAction } from '../components/confirm.js';
import { ContractForm, InvoiceForm, MilestoneDone, MilestoneForm, ProgressForm, VerifyProgress } from '../projects/forms.js';

function Move({ project, onMoved }) {
    const { t, session } = useApp();
    const { run, dialog, feedback, busy } = useConfirmedAction('project-move');
    const to = nextStatus(project.status);
    if (!mayMove(session?.user?.role, to)) return html`${feedback}${dialog}`;
    const label = t('projects.moveTo', { status: t(`projectStatus.${to}`) });
    const move = () => run({
        title: label,
        facts: [[t('projects.title'), `${project.code} ${project.name}`], [t('projects.county'), t(`county.${project.county}`)],
            [t('projects.budget'), formatMoney(project.budget_fen)]],
        confirmLabel: label,
        done: t('projects.moved', { status: t(`projectStatus.${to}`) }),
    }, () => api.post(`projects/${encodeURIComponent(project.id)}/transitions`, { to })).then((ok) => ok && onMoved());
    return html`
        <div>
            <button type="button" class="button primary" data-testid="project-move" disabled=${busy} onClick=${move}>${label}</button>
            ${feedback}
            ${dialog}
        </div>`;
}

function Records({ title, items, render, testId }) {
    const { t } = useApp();
    return html`
        <section class="card" data-testid=${testId}>
            <h2>${title}</h2>
            ${items.length === 0 ? html`<p class="muted">${t('projects.none')}</p>`
                : html`<ul class="plain-list">${items.map((item) => html`<li key=${item.id}>${render(item)}</li>`)}</ul>`}
        </section>`;
}

// A payment request against one of the project's contracts: an invoice of that contract and a
// verified progress report, for an amount (the invoice's by default) on a date (today in Beijing).
// For the roles that submit them (the county's officer, fund officers, admin); the server checks
// amounts, the county and the flags it raises, which the acknowledgement names.
const PAYMENT_REQUEST_ROLES = ['county_officer', 'fund_officer', 'admin'];

function PaymentRequestForm({ project, contracts, onSubmitted }) {
    const { t, lang, session } = useApp();
    const [form, setForm] = useState({ contract_id: '', invoice_id: '', progress_id: '', amount: '', requested_on: todayInShanghai() });
    const [invoices, setInvoices] = useState([]);
    const [errors, setErrors] = useState({});
    const [keys] = useState(() => idempotencyKeys());
    const { run, dialog, feedback, busy } = useConfirmedAction('payment-request');
    useEffect(() => {
        setInvoices([]);
        if (!form.contract_id) return undefined;
        let live = true;
        api.get(`contracts/${encodeURIComponent(form.contract_id)}/invoices`).then((answer) => live && setInvoices(answer.items ?? []), () => {});
        return () => { live = false; };
    }, [form.contract_id]);
    if (!PAYMENT_REQUEST_ROLES.includes(session.user?.role) || contracts.length === 0) return null;
    const verified = (project.progress ?? []).filter((entry) => entry.verified);
    const set = (name) => (value) => {
        const next = { ...form, [name]: value };
        if (name === 'contract_id') next.invoice_id = '';
        if (name === 'invoice_id') {
            const invoice = invoices.find((entry) => entry.id === value);
            if (invoice && !form.amount) next.amount = moneyInputText(invoice.amount_fen);
        }
        setForm(next);
    };
    const submit = async (event) => {
        event.preventDefault();
        const found = {};
        for (const name of ['contract_id', 'invoice_id', 'progress_id']) if (!form[name]) found[name] = t('validation.required', { field: t(`paymentRequest.${name}`) });
        const amount = parseMoney(form.amount);
        if (!amount.ok || amount.fen <= 0n) found.amount = t('paymentRequest.amountInvalid');
        setErrors(found);
        if (Object.keys(found).length > 0) return;
        const body = { contract_id: form.contract_id, invoice_id: form.invoice_id, progress_id: form.progress_id, amount_fen: Number(amount.fen), requested_on: form.requested_on };
        const contract = contracts.find((entry) => entry.id === form.contract_id);
        let answer = null;
        const done = await run({
            title: t('paymentRequest.confirm'),
            facts: [[t('paymentRequest.contract_id'), contract?.title ?? ''], [t('payments.amount'), formatMoney(amount.fen)], [t('payments.requestedOn'), form.requested_on]],
            confirmLabel: t('paymentRequest.submit'),
            done: t('paymentRequest.submitted'),
        }, async () => {
            try {
                answer = await api.post('payment-requests', body, { headers: { 'Idempotency-Key': keys(body) } });
            } catch (failure) {
                const shown = {};
                for (const [field, message] of Object.entries(failure.fieldErrors ?? {})) shown[field === 'amount_fen' ? 'amount' : field] = localizeServerMessage(message, lang);
                setErrors(shown);
                throw failure;
            }
        });
        if (done) onSubmitted(answer);
    };
    const select = (name, options) => html`<${SelectField} id=${`payment-request-${name}`} label=${t(`paymentRequest.${name}`)} value=${form[name]}
        options=${options} onChange=${set(name)} error=${errors[name]} />`;
    return html`
        <form class="card form" data-testid="payment-request-form" onSubmit=${submit}>
            <h2>${t('paymentRequest.heading')}</h2>
            ${select('contract_id', contracts.map((c) => ({ value: c.id, label: `${c.title} · ${formatMoney(c.value_fen)}` })))}
            ${select('invoice_id', invoices.map((i) => ({ value: i.id, label: `${i.invoice_no} · ${formatMoney(i.amount_fen)} · ${i.issued_on}` })))}
            ${select('progress_id', verified.map((p) => ({ value: p.id, label: `${p.as_of} · ${p.pct}% · ${t(`basis.${p.basis}`)}` })))}
            <${TextField} id="payment-request-amount" label=${t('paymentRequest.amount')} value=${form.amount} onInput=${set('amount')} error=${errors.amount} />
            <${TextField} id="payment-request-date" type="date" label=${t('payments.requestedOn')} value=${form.requested_on} onInput=${set('requested_on')} error=${errors.requested_on} />
            <button type="submit" class="button primary" disabled=${busy} data-testid="payment-request-submit">${t('paymentRequest.submit')}</button>
            ${feedback}
            ${dialog}
        </form>`;
}

function MoneyRecords({ project }) {
    const { t, lang, session } = useApp();
    const writes = PROJECT_WRITERS.includes(session.user?.role);
    const contracts = useRecord(`contracts?project=${encodeURIComponent(project.id)}&limit=200`);
    const payments = useRecord(`payment-requests?project=${encodeURIComponent(project.id)}&limit=200`);
    if (!contracts.value || !payments.value) return html`<${Loading} />`;
    return html`
        ${writes && html`<${ContractForm} project=${project} onSaved=${contracts.reload} />`}
        ${writes && contracts.value.items.length > 0 && html`<${InvoiceForm} contracts=${contracts.value.items} onSaved=${contracts.reload} />`}
        <${PaymentRequestForm} project=${project} contracts=${contracts.value.items} onSubmitted=${payments.reload} />
        <${Records} title=${t('projects.contracts')} testId="project-contracts" items=${contracts.value.items}
            render=${(contract) => html`${contract.title} · <span data-testid="contract-contractor">${nameIn(lang, contract.counterparty_name, contract.counterparty_name_en)}</span>
                · ${formatMoney(contract.value_fen)} · ${t('projects.paid')} ${formatMoney(contract.paid_fen)}`} />
        <${Records} title=${t('projects.payments')} testId="project-payments" items=${payments.value.items}
            render=${(request) => html`${request.requested_on} · ${request.contract_title} · ${nameIn(lang, request.payee_name, request.payee_name_en)} · ${formatMoney(request.amount_fen)} · ${t(`paymentStatus.${request.status}`)}
                ${request.refusal_reason && html` · <span class="error">${refusalText(request, lang)}</span>`}`} />`;
}

export function ProjectPage({ params }) {
    const { t, session } = useApp();
    const record = useRecord(`projects/${encodeURIComponent(params.id)}`);
    if (record.phase === 'loading' && !record.value) return html`<div class="page"><${Loading} /></div>`;
    if (record.phase === 'error') {
        if (record.error?.status === 403 || record.error?.status === 404) {
            return html`<${Refusal} status=${record.error.status}><${Link} href="/projects" class="button">${t('projects.back')}<//><//>`;
        }
        return html`<div class="page"><${LoadError} error=${record.error} onRetry=${record.reload} /></div>`;
    }
    const project = record.value;
    const writes = PROJECT_WRITERS.includes(session.user?.role);
    return html`
        <div class="page" data-testid="project-page" data-project-id=${project.id}>
            <h1>${project.code} ${project.name}</h1>
            <section class="card">
                <dl class="details">
                    <dt>${t('projects.county')}</dt><dd>${t(`county.${project.county}`)}</dd>
                    <dt>${t('projects.sector')}</dt><dd>${t(`sector.${project.sector}`)}</dd>
                    <dt>${t('projects.budget')}</dt><dd>${formatMoney(project.budget_fen)}</dd>
                    <dt>${t('projects.status')}</dt><dd data-testid="project-status">${t(`projectStatus.${project.status}`)}</dd>
                    <dt>${t('projects.progress')}</dt><dd>${project.progress_pct}%${project.progress_basis ? ` (${t(`basis.${project.progress_basis}`)})` : ''}</dd>
                </dl>
                <${Move} project=${project} onMoved=${record.reload} />
            </section>
            <${Records} title=${t('projects.milestones')} testId="project-milestones" items=${project.milestones}
                render=${(m) => html`${m.name} · ${m.due_on}${m.done_on ? ` ✓ ${m.done_on}` : ''}${writes && html`<${MilestoneDone} milestone=${m} onDone=${record.reload} />`}`} />
            ${writes && html`<${MilestoneForm} project=${project} onSaved=${record.reload} />`}
            <${Records} title=${t('projects.progressReports')} testId="project-progress" items=${project.progress}
                render=${(p) => html`${p.as_of} · ${p.pct}% · ${t(`basis.${p.basis}`)}${p.verified ? ` · ${t('projects.verified')}` : ''}<${VerifyProgress} report=${p} onDone=${record.reload} />`} />
            ${writes && html`<${ProgressForm} project=${project} onSaved=${record.reload} />`}
            <${Records} title=${t('projects.inspections')} testId="project-inspections" items=${project.inspections}
                render=${(i) => html`${i.inspected_on} · ${t(`inspection.${i.kind}`)} · ${i.findings}
                    ${!i.passed && html` · ${t('projects.rectifyBy')} ${i.rectify_by}${i.rectified_on ? ` ✓ ${i.rectified_on}` : ''}`}`} />
            <${MoneyRecords} project=${project} />
        </div>`;
}

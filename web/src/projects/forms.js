// The project page's entry forms: contracts (the counterparty picked by name), invoices against a
// contract, progress reports and their verification, milestones and their completion. Amounts are
// entered in yuan and sent in fen; dates default to today in Beijing; a contract and an invoice are
// confirmed before they are recorded (they commit money) and acknowledged after. The server checks
// every rule and its messages land on the fields they name (useEntryForm).
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { formatMoney, todayInShanghai, yearInShanghai } from '../format.js';
import { COUNTY_CODES, PROGRESS_VERIFIERS, SECTORS } from './model.js';
import { TextField } from '../components/field.js';
import { SelectField } from '../components/market-form.js';
import { OrganisationPicker } from '../components/producer-picker.js';
import { useRecordName } from '../names.js';
import { requiredErrors, useEntryForm, yuanToFen } from '../components/entry-form.js';

const CONTRACT_CATEGORIES = ['construction', 'goods', 'services'];
const PROCUREMENT_METHODS = ['open_tender', 'invited_tender', 'competitive_negotiation', 'inquiry', 'single_source', 'direct'];
const PROGRESS_BASES = ['physical', 'cost', 'duration'];
// Contractors are firms and agencies, not households or Shanghai buyers.
const COUNTERPARTY_KINDS = ['enterprise', 'cooperative', 'family_workshop', 'logistics', 'agency'];
// Retention is entered in percent and sent in basis points.
const BASIS_POINTS_PER_PERCENT = 100;

const options = (values, prefix, t) => values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

function Submit({ entry, testId, label }) {
    return html`
        <button type="submit" class="button primary" disabled=${entry.busy} data-testid=${testId}>${label}</button>
        ${entry.feedback}
        ${entry.dialog}`;
}

export function ContractForm({ project, onSaved }) {
    const { t, lang } = useApp();
    const entry = useEntryForm({ counterparty_org_id: '', title: '', category: 'construction', value: '', retention_pct: '3',
        award_date: todayInShanghai(), procurement_method: 'open_tender', bid_count: '3', tender_days: '20' }, 'contract',
    { value_fen: 'value', retention_bp: 'retention_pct' });
    const { form, errors, set } = entry;
    const counterparty = useRecordName('organisations', form.counterparty_org_id, (org) => (lang === 'en' && org.name_en) || org.name);
    const submit = async (event) => {
        event.preventDefault();
        const label = (name) => t(`contract.${name}`);
        const found = requiredErrors(form, ['counterparty_org_id', 'title', 'award_date'], label, t);
        const value = yuanToFen(form.value);
        if (value === null) found.value = t('paymentRequest.amountInvalid');
        const body = { project_id: project.id, counterparty_org_id: form.counterparty_org_id, title: form.title.trim(), category: form.category,
            value_fen: value, retention_bp: Math.round(Number(form.retention_pct || 0) * BASIS_POINTS_PER_PERCENT), award_date: form.award_date,
            procurement_method: form.procurement_method, bid_count: Number(form.bid_count || 0) };
        if (form.tender_days !== '') body.tender_days = Number(form.tender_days);
        const saved = await entry.submit({
            found,
            confirm: { title: t('contract.confirm'), confirmLabel: t('contract.save'),
                facts: [[t('contract.counterparty_org_id'), counterparty ?? '…'], [t('contract.title'), body.title], [t('contract.value'), value === null ? '' : formatMoney(value)]] },
            send: () => api.post('contracts', body, { headers: { 'Idempotency-Key': entry.key(body) } }),
            done: t('contract.saved'),
        });
        if (saved) { entry.reset(); onSaved(); }
    };
    const field = (name, type = 'text') => html`<${TextField} id=${`contract-${name}`} type=${type} label=${t(`contract.${name}`)} value=${form[name]}
        onInput=${set(name)} error=${errors[name]} />`;
    return html`
        <form class="card form" data-testid="contract-form" onSubmit=${submit} noValidate>
            <h2>${t('contract.heading')}</h2>
            <${OrganisationPicker} kinds=${COUNTERPARTY_KINDS} path="counterparty_org_id" label=${t('contract.counterparty_org_id')}
                value=${form.counterparty_org_id} onChange=${set('counterparty_org_id')} error=${errors.counterparty_org_id}
                testId="contract-counterparty" searchId="contract-counterparty-search" searchLabel=${t('contract.counterpartySearch')} />
            ${field('title')}
            <${SelectField} id="contract-category" label=${t('contract.category')} value=${form.category} options=${options(CONTRACT_CATEGORIES, 'contractCategory', t)}
                onChange=${set('category')} error=${errors.category} />
            ${field('value')}
            ${field('retention_pct')}
            ${field('award_date', 'date')}
            <${SelectField} id="contract-procurement" label=${t('contract.procurement_method')} value=${form.procurement_method}
                options=${options(PROCUREMENT_METHODS, 'procurement', t)} onChange=${set('procurement_method')} error=${errors.procurement_method} />
            ${field('bid_count', 'number')}
            ${field('tender_days', 'number')}
            <${Submit} entry=${entry} testId="contract-submit" label=${t('contract.save')} />
        </form>`;
}

export function InvoiceForm({ contracts, onSaved }) {
    const { t, lang } = useApp();
    const entry = useEntryForm({ contract_id: '', invoice_no: '', amount: '', issued_on: todayInShanghai() }, 'invoice', { amount_fen: 'amount' });
    const { form, errors, set } = entry;
    const contract = contracts.find((c) => c.id === form.contract_id);
    const payee = useRecordName('organisations', contract?.counterparty_org_id, (org) => (lang === 'en' && org.name_en) || org.name);
    const submit = async (event) => {
        event.preventDefault();
        const found = requiredErrors(form, ['contract_id', 'invoice_no', 'issued_on'], (name) => t(`invoice.${name}`), t);
        const amount = yuanToFen(form.amount);
        if (amount === null) found.amount = t('paymentRequest.amountInvalid');
        // The contractor invoices its own contract: the payee is the contract's counterparty.
        const body = { contract_id: form.contract_id, payee_org_id: contract?.counterparty_org_id ?? '', invoice_no: form.invoice_no.trim(),
            amount_fen: amount, issued_on: form.issued_on };
        const saved = await entry.submit({
            found,
            confirm: { title: t('invoice.confirm'), confirmLabel: t('invoice.save'),
                facts: [[t('invoice.contract_id'), contract?.title ?? ''], [t('invoice.payee'), payee ?? '…'], [t('invoice.amount'), amount === null ? '' : formatMoney(amount)]] },
            send: () => api.post('invoices', body, { headers: { 'Idempotency-Key': entry.key(body) } }),
            done: t('invoice.saved'),
        });
        if (saved) { entry.reset(); onSaved(); }
    };
    return html`
        <form class="card form" data-testid="invoice-form" onSubmit=${submit} noValidate>
            <h2>${t('invoice.heading')}</h2>
            <${SelectField} id="invoice-contract_id" label=${t('invoice.contract_id')} value=${form.contract_id}
                options=${contracts.map((c) => ({ value: c.id, label: `${c.title} · ${formatMoney(c.value_fen)}` }))} onChange=${set('contract_id')} error=${errors.contract_id} />
            ${contract && html`<p class="muted" data-testid="invoice-payee">${t('invoice.payee')}: ${payee ?? '…'}</p>`}
            <${TextField} id="invoice-invoice_no" label=${t('invoice.invoice_no')} value=${form.invoice_no} onInput=${set('invoice_no')} error=${errors.invoice_no} />
            <${TextField} id="invoice-amount" label=${t('invoice.amount')} value=${form.amount} onInput=${set('amount')} error=${errors.amount} />
            <${TextField} id="invoice-issued_on" type="date" label=${t('invoice.issued_on')} value=${form.issued_on} onInput=${set('issued_on')} error=${errors.issued_on} />
            <${Submit} entry=${entry} testId="invoice-submit" label=${t('invoice.save')} />
        </form>`;
}

export function ProgressForm({ project, onSaved }) {
    const { t } = useApp();
    const entry = useEntryForm({ as_of: todayInShanghai(), pct: '', basis: 'physical', note: '' }, 'progress');
    const { form, errors, set } = entry;
    const submit = async (event) => {
        event.preventDefault();
        const found = requiredErrors(form, ['as_of', 'pct'], (name) => t(`progressForm.${name}`), t);
        const body = { as_of: form.as_of, pct: Number(form.pct), basis: form.basis, note: form.note.trim() };
        const saved = await entry.submit({ found, send: () => api.post(`projects/${encodeURIComponent(project.id)}/progress`, body), done: t('progressForm.saved') });
        if (saved) { entry.reset(); onSaved(); }
    };
    return html`
        <form class="card form" data-testid="progress-form" onSubmit=${submit} noValidate>
            <h2>${t('progressForm.heading')}</h2>
            <${TextField} id="progress-as_of" type="date" label=${t('progressForm.as_of')} value=${form.as_of} onInput=${set('as_of')} error=${errors.as_of} />
            <${TextField} id="progress-pct" type="number" label=${t('progressForm.pct')} value=${form.pct} onInput=${set('pct')} error=${errors.pct} />
            <${SelectField} id="progress-basis" label=${t('progressForm.basis')} value=${form.basis} options=${options(PROGRESS_BASES, 'basis', t)}
                onChange=${set('basis')} error=${errors.basis} />
            <${TextField} id="progress-note" label=${t('progressForm.note')} value=${form.note} onInput=${set('note')} error=${errors.note} />
            <${Submit} entry=${entry} testId="progress-submit" label=${t('progressForm.save')} />
        </form>`;
}

/** "Verify" on an unverified progress report, for the Front Command. */
export function VerifyProgress({ report, onDone }) {
    const { t, session } = useApp();
    const entry = useEntryForm({}, `progress-verify-${report.id}`);
    if (report.verified || !PROGRESS_VERIFIERS.includes(session.user?.role)) return null;
    const verify = async () => {
        const done = await entry.submit({ found: {}, send: () => api.post(`progress/${encodeURIComponent(report.id)}/verify`, {}), done: t('progressForm.verified') });
        if (done) onDone();
    };
    return html` <button type="button" class="button small" data-testid="progress-verify" disabled=${entry.busy} onClick=${verify}>${t('progressForm.verify')}</button>${entry.feedback}`;
}

export function MilestoneForm({ project, onSaved }) {
    const { t } = useApp();
    const entry = useEntryForm({ name: '', due_on: todayInShanghai() }, 'milestone');
    const { form, errors, set } = entry;
    const submit = async (event) => {
        event.preventDefault();
        const found = requiredErrors(form, ['name', 'due_on'], (name) => t(`milestoneForm.${name}`), t);
        const body = { name: form.name.trim(), due_on: form.due_on };
        const saved = await entry.submit({ found, send: () => api.post(`projects/${encodeURIComponent(project.id)}/milestones`, body), done: t('milestoneForm.saved') });
        if (saved) { entry.reset(); onSaved(); }
    };
    return html`
        <form class="card form" data-testid="milestone-form" onSubmit=${submit} noValidate>
            <h2>${t('milestoneForm.heading')}</h2>
            <${TextField} id="milestone-name" label=${t('milestoneForm.name')} value=${form.name} onInput=${set('name')} error=${errors.name} />
            <${TextField} id="milestone-due_on" type="date" label=${t('milestoneForm.due_on')} value=${form.due_on} onInput=${set('due_on')} error=${errors.due_on} />
            <${Submit} entry=${entry} testId="milestone-submit" label=${t('milestoneForm.save')} />
        </form>`;
}

/** "Done today" on an open milestone, for the roles that write the project. */
export function MilestoneDone({ milestone, onDone }) {
    const { t } = useApp();
    const entry = useEntryForm({}, `milestone-done-${milestone.id}`);
    if (milestone.done_on) return null;
    const mark = async () => {
        const done = await entry.submit({ found: {}, send: () => api.post(`milestones/${encodeURIComponent(milestone.id)}/done`, { done_on: todayInShanghai() }),
            done: t('milestoneForm.marked') });
        if (done) onDone();
    };
    return html` <button type="button" class="button small" data-testid="milestone-mark-done" disabled=${entry.busy} onClick=${mark}>${t('milestoneForm.done')}</button>${entry.feedback}`;
}

/**
 * A new planned project (fund officer, admin; a county officer for its own county — the server says
 * so on the county field otherwise): code, name, county and sector by name, year (this year in
 * Beijing), budget in yuan. The county's spending quota must cover the budget; the server names
 * the budget when it does not. Opens the new project's page when recorded.
 */
export function NewProjectForm({ onCreated }) {
    const { t } = useApp();
    const entry = useEntryForm({ code: '', name: '', county: '', sector: 'infrastructure', year: String(yearInShanghai()), budget: '' },
        'project-new', { budget_fen: 'budget' });
    const { form, errors, set } = entry;
    const submit = async (event) => {
        event.preventDefault();
        const found = requiredErrors(form, ['code', 'name', 'county', 'year'], (name) => t(`projectForm.${name}`), t);
        const budget = yuanToFen(form.budget);
        if (budget === null) found.budget = t('paymentRequest.amountInvalid');
        const body = { code: form.code.trim(), name: form.name.trim(), county: form.county, sector: form.sector, year: Number(form.year), budget_fen: budget };
        const created = await entry.submit({ found, send: () => api.post('projects', body, { headers: { 'Idempotency-Key': entry.key(body) } }),
            done: t('projectForm.saved') });
        if (created?.id) onCreated(created);
    };
    const text = (name, type = 'text') => html`<${TextField} id=${`project-new-${name}`} type=${type} label=${t(`projectForm.${name}`)} value=${form[name]}
        onInput=${set(name)} error=${errors[name]} />`;
    return html`
        <form class="form" data-testid="project-new-form" onSubmit=${submit} noValidate>
            ${text('code')}
            ${text('name')}
            <${SelectField} id="project-new-county" label=${t('projectForm.county')} value=${form.county}
                options=${COUNTY_CODES.map((code) => ({ value: code, label: t(`county.${code}`) }))} onChange=${set('county')} error=${errors.county} />
            <${SelectField} id="project-new-sector" label=${t('projectForm.sector')} value=${form.sector} options=${options(SECTORS, 'sector', t)}
                onChange=${set('sector')} error=${errors.sector} />
            ${text('year', 'number')}
            ${text('budget')}
            <${Submit} entry=${entry} testId="project-new-submit" label=${t('projectForm.save')} />
        </form>`;
}

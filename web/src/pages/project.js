// One aid project: its record and life-cycle button, milestones, verified progress, inspections,
// contracts and payments. A county officer of another county is refused by the server (403), and
// the page says so.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { Link } from '../router.js';
import { formatMoney } from '../format.js';
import { LoadError, Loading, Refusal } from '../components/catalog-bits.js';
import { mayMove, nextStatus } from '../projects/model.js';
import { useRecord } from './organisation.js';
import { useConfirmedAction } from '../components/confirm.js';

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

function MoneyRecords({ project }) {
    const { t } = useApp();
    const contracts = useRecord(`contracts?project=${encodeURIComponent(project.id)}&limit=200`);
    const payments = useRecord(`payment-requests?project=${encodeURIComponent(project.id)}&limit=200`);
    if (contracts.phase !== 'ready' || payments.phase !== 'ready') return html`<${Loading} />`;
    return html`
        <${Records} title=${t('projects.contracts')} testId="project-contracts" items=${contracts.value.items}
            render=${(contract) => html`${contract.title} · ${formatMoney(contract.value_fen)} · ${t('projects.paid')} ${formatMoney(contract.paid_fen)}`} />
        <${Records} title=${t('projects.payments')} testId="project-payments" items=${payments.value.items}
            render=${(request) => html`${request.requested_on} · ${formatMoney(request.amount_fen)} · ${t(`paymentStatus.${request.status}`)}
                ${request.refusal_reason && html` · <span class="error">${request.refusal_reason}</span>`}`} />`;
}

export function ProjectPage({ params }) {
    const { t } = useApp();
    const record = useRecord(`projects/${encodeURIComponent(params.id)}`);
    if (record.phase === 'loading') return html`<div class="page"><${Loading} /></div>`;
    if (record.phase === 'error') {
        if (record.error?.status === 403 || record.error?.status === 404) {
            return html`<${Refusal} status=${record.error.status}><${Link} href="/projects" class="button">${t('projects.back')}<//><//>`;
        }
        return html`<div class="page"><${LoadError} error=${record.error} onRetry=${record.reload} /></div>`;
    }
    const project = record.value;
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
                render=${(m) => html`${m.name} · ${m.due_on}${m.done_on ? ` ✓ ${m.done_on}` : ''}`} />
            <${Records} title=${t('projects.progressReports')} testId="project-progress" items=${project.progress}
                render=${(p) => html`${p.as_of} · ${p.pct}% · ${t(`basis.${p.basis}`)}${p.verified ? ` · ${t('projects.verified')}` : ''}`} />
            <${Records} title=${t('projects.inspections')} testId="project-inspections" items=${project.inspections}
                render=${(i) => html`${i.inspected_on} · ${t(`inspection.${i.kind}`)} · ${i.findings}
                    ${!i.passed && html` · ${t('projects.rectifyBy')} ${i.rectify_by}${i.rectified_on ? ` ✓ ${i.rectified_on}` : ''}`}`} />
            <${MoneyRecords} project=${project} />
        </div>`;
}

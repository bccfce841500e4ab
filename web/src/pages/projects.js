// Aid projects: the list (filtered by county, year and status; a county officer sees its county's
// only, the server's rule) and the funds report by county (planned, started, completed; budget,
// committed, disbursed and the execution rate), with CSV/XLSX downloads.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { apiUrl } from '../api.js';
import { Link, navigate } from '../router.js';
import { formatMoneyCompact, yearInShanghai } from '../format.js';
import { useCursorList } from '../catalog/lists.js';
import { LoadError, Loading, LoadMore } from '../components/catalog-bits.js';
import { bpPercent, COUNTY_CODES, PROJECT_STATUSES, PROJECT_WRITERS, projectsQuery } from '../projects/model.js';
import { useRecord } from './organisation.js';
import { NewProjectForm } from '../projects/forms.js';

export const PROJECTS_PAGE_SIZE = 50;

function Report({ year }) {
    const { t, lang } = useApp();
    const report = useRecord(`reports/projects?${projectsQuery({ year })}`);
    if (report.phase === 'loading') return html`<${Loading} />`;
    if (report.phase === 'error') return html`<${LoadError} error=${report.error} onRetry=${report.reload} />`;
    return html`
        <section class="card" data-testid="projects-report">
            <h2>${t('projects.report')}</h2>
            <table class="table">
                <thead><tr>
                    <th>${t('projects.county')}</th><th>${t('projects.planned')}</th><th>${t('projects.started')}</th>
                    <th>${t('projects.completed')}</th><th>${t('projects.budget')}</th><th>${t('projects.arrived')}</th><th>${t('projects.committed')}</th>
                    <th>${t('projects.disbursed')}</th><th>${t('projects.execution')}</th><th>${t('projects.openFlags')}</th>
                </tr></thead>
                <tbody>
                    ${report.value.items.map((row) => html`
                        <tr key=${row.county + row.year} data-testid="report-row">
                            <td>${t(`county.${row.county}`)}</td><td>${row.planned}</td><td>${row.started}</td><td>${row.completed}</td>
                            <td>${formatMoneyCompact(row.budget_fen, lang)}</td><td>${formatMoneyCompact(row.arrived_fen, lang)}</td>
                            <td>${formatMoneyCompact(row.committed_fen, lang)}</td>
                            <td>${formatMoneyCompact(row.disbursed_fen, lang)}</td><td>${bpPercent(row.execution_bp)}</td>
                            <td>${row.open_flags}</td>
                        </tr>`)}
                </tbody>
            </table>
            <p class="small">
                <a href=${apiUrl(`reports/projects?${projectsQuery({ year, format: 'csv' })}`)} download>CSV</a>
                ${' · '}
                <a href=${apiUrl(`reports/projects?${projectsQuery({ year, format: 'xlsx' })}`)} download>XLSX</a>
            </p>
        </section>`;
}

// The programme's years with projects to show, newest first: from the 2023 programme (the first
// the platform holds) to this year in Beijing time.
const FIRST_PROGRAMME_YEAR = 2023;
function programmeYears() {
    const years = [];
    for (let year = yearInShanghai(); year >= FIRST_PROGRAMME_YEAR; year -= 1) years.push(year);
    return years;
}

// The new-project form, folded away until asked for (most visits are to find a project).
function NewProject() {
    const { t, session } = useApp();
    if (!PROJECT_WRITERS.includes(session.user?.role)) return null;
    return html`
        <details class="card" data-testid="project-new">
            <summary>${t('projectForm.heading')}</summary>
            <${NewProjectForm} onCreated=${(project) => navigate(`/projects/${encodeURIComponent(project.id)}`)} />
        </details>`;
}

export function ProjectsPage() {
    const { t } = useApp();
    const [filters, setFilters] = useState(() => ({ county: '', status: '', year: String(yearInShanghai()) }));
    const key = projectsQuery(filters);
    const list = useCursorList((cursor) => `projects?${projectsQuery(filters, { limit: PROJECTS_PAGE_SIZE, cursor })}`, key);
    const select = (name, options, label) => html`
        <label class="filter"><span>${label}</span>
            <select value=${filters[name]} data-testid=${`projects-filter-${name}`}
                onChange=${(event) => setFilters({ ...filters, [name]: event.currentTarget.value })}>
                <option value="">${t('projects.all')}</option>
                ${options.map((option) => html`<option key=${option.value} value=${option.value}>${option.label}</option>`)}
            </select>
        </label>`;
    return html`
        <div class="page" data-testid="projects-page">
            <h1>${t('projects.title')}</h1>
            <${NewProject} />
            <${Report} year=${filters.year} />
            <div class="card filters filter-row">
                ${select('county', COUNTY_CODES.map((code) => ({ value: code, label: t(`county.${code}`) })), t('projects.county'))}
                ${select('status', PROJECT_STATUSES.map((status) => ({ value: status, label: t(`projectStatus.${status}`) })), t('projects.status'))}
                ${select('year', programmeYears().map((year) => ({ value: String(year), label: String(year) })), t('projects.year'))}
            </div>
            <section class="card">
                ${list.phase === 'loading' && html`<${Loading} />`}
                ${list.phase === 'error' && html`<${LoadError} error=${list.error} onRetry=${list.retry} />`}
                ${list.phase === 'ready' && html`
                    <ul class="plain-list" data-testid="projects-list">
                        ${list.items.map((project) => html`
                            <li key=${project.id} data-testid="project-row">
                                <${Link} href=${`/projects/${encodeURIComponent(project.id)}`}>${project.code} ${project.name}<//>
                                ${' · '}${t(`county.${project.county}`)} · ${t(`projectStatus.${project.status}`)} · ${project.progress_pct}%
                            </li>`)}
                    </ul>
                    <${LoadMore} hasMore=${list.hasMore} busy=${list.busy} onMore=${list.more} count=${list.items.length} />`}
            </section>
        </div>`;
}

// Aid projects: the funds report by county (planned, started, completed; budget, committed,
// disbursed and the execution rate, with CSV/XLSX downloads) and the list, a table newest first,
// filtered by county, year (this year's unless the address says `year=all`) and status (one or
// several), a search (code, name) and a range of the dates recorded, all kept in the address so
// that the to-do home's links open exactly their projects; a county officer sees its county's only
// (the server's rule). The headers sort the rows loaded.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { apiUrl } from '../api.js';
import { Link, navigate } from '../router.js';
import { formatMoneyCompact, yearInShanghai } from '../format.js';
import { ListWindow, PagedTable } from '../components/data-table.js';
import { PROJECT_FILTERS, filtersFrom, listAddress, listPath, projectApiFilters } from '../projects/lists.js';
import { useCursorList } from '../catalog/lists.js';
import { LoadError, Loading } from '../components/catalog-bits.js';
import { bpPercent, COUNTY_CODES, PROJECT_STATUSES, PROJECT_WRITERS, SECTORS, projectsQuery } from '../projects/model.js';
import { useRecord } from './organisation.js';
import { NewProjectForm } from '../projects/forms.js';

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

function projectColumns(t, lang) {
    return [
        { id: 'code', label: t('projects.code'), sortValue: (p) => `${p.code} ${p.id}`,
            cell: (p) => html`<${Link} href=${`/projects/${encodeURIComponent(p.id)}`} data-testid="project-link">${p.code}<//>` },
        { id: 'name', label: t('projects.name'), sortValue: (p) => p.name, cell: (p) => p.name },
        { id: 'county', label: t('projects.county'), sortValue: (p) => t(`county.${p.county}`), cell: (p) => t(`county.${p.county}`) },
        { id: 'sector', label: t('projects.sector'), sortValue: (p) => SECTORS.indexOf(p.sector), cell: (p) => t(`sector.${p.sector}`) },
        { id: 'year', label: t('projects.year'), num: true, sortValue: (p) => p.year, cell: (p) => p.year },
        { id: 'budget', label: t('projects.budgetShort'), num: true, sortValue: (p) => BigInt(p.budget_fen), cell: (p) => formatMoneyCompact(p.budget_fen, lang) },
        { id: 'status', label: t('projects.status'), sortValue: (p) => PROJECT_STATUSES.indexOf(p.status),
            cell: (p) => html`<span class=${`badge status-${p.status}`}>${t(`projectStatus.${p.status}`)}</span>` },
        { id: 'progress', label: t('projects.progress'), num: true, sortValue: (p) => p.progress_pct, cell: (p) => `${p.progress_pct}%` },
    ];
}

// The statuses of the address (`status=planned,completed`) that the console knows, in life-cycle order.
function statusesOf(filters) {
    const named = new Set((filters.status ?? '').split(','));
    return PROJECT_STATUSES.filter((status) => named.has(status));
}

export function ProjectsPage({ location }) {
    const { t, lang } = useApp();
    const filters = filtersFrom(location.query, PROJECT_FILTERS);
    const year = yearInShanghai();
    const apiFilters = projectApiFilters(filters, year);
    const address = listAddress('/projects', filters, PROJECT_FILTERS);
    const list = useCursorList((cursor) => listPath('projects', apiFilters, PROJECT_FILTERS, { cursor }), address);
    const go = (next) => navigate(listAddress('/projects', next, PROJECT_FILTERS));
    const statuses = statusesOf(filters);
    const select = (name, value, options, label, allLabel) => html`
        <label class="filter"><span>${label}</span>
            <select value=${value} data-testid=${`projects-filter-${name}`}
                onChange=${(event) => go({ ...filters, [name]: event.currentTarget.value || undefined })}>
                ${allLabel !== null && html`<option value="">${allLabel}</option>`}
                ${options.map((option) => html`<option key=${option.value} value=${option.value}>${option.label}</option>`)}
            </select>
        </label>`;
    // Several statuses (a to-do link's) show as one choice that names them.
    const statusOptions = PROJECT_STATUSES.map((status) => ({ value: status, label: t(`projectStatus.${status}`) }));
    if (statuses.length > 1) {
        statusOptions.unshift({ value: filters.status, label: statuses.map((status) => t(`projectStatus.${status}`)).join('、') });
    }
    const yearOptions = [{ value: 'all', label: t('projects.allYears') },
        ...programmeYears().map((y) => ({ value: String(y), label: String(y) }))];
    return html`
        <div class="page" data-testid="projects-page">
            <h1>${t('projects.title')}</h1>
            <${NewProject} />
            <${Report} year=${apiFilters.year ?? ''} />
            <h2>${t('projects.list')}</h2>
            <div class="card filters">
                <div class="filter-row">
                    ${select('county', filters.county ?? '', COUNTY_CODES.map((code) => ({ value: code, label: t(`county.${code}`) })), t('projects.county'), t('projects.all'))}
                    ${select('status', filters.status ?? '', statusOptions, t('projects.status'), t('projects.all'))}
                    ${select('year', filters.year ?? String(year), yearOptions, t('projects.year'), null)}
                </div>
                <${ListWindow} window=${filters} testId="projects" searchLabel=${t('projects.search')} dateLabel=${t('projects.dates')}
                    onChange=${(window) => go({ county: filters.county, status: filters.status, year: filters.year, ...window })} />
            </div>
            <${PagedTable} list=${list} testId="projects" none=${t('projects.none')} columns=${projectColumns(t, lang)}
                rowKey=${(p) => p.id} caption=${t('projects.list')}
                rowProps=${(p) => ({ 'data-testid': 'project-row', 'data-project-id': p.id, 'data-status': p.status })} />
        </div>`;
}

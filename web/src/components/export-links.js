// "CSV" and "Excel" download links for a list page: the export routes take the list's filters, so
// the file holds what the page shows, all of it rather than one page. Plain links: the session cookie
// authenticates a GET, and the browser saves the file itself.
import { html } from '../html.js';
import { useApp } from '../context.js';
import { exportPath } from '../catalog/model.js';

export function ExportLinks({ listPath }) {
    const { t } = useApp();
    return html`
        <span class="export-links" data-testid="export-links">
            <span class="muted small">${t('export.label')}</span>
            <a class="button" href=${exportPath(listPath, 'csv')} download data-testid="export-csv">CSV</a>
            <a class="button" href=${exportPath(listPath, 'xlsx')} download data-testid="export-xlsx">Excel</a>
        </span>`;
}

// "Import CSV" for the offers and demands pages: the user picks a CSV file (the export's columns,
// README "Import offers and demands"), the console sends it as text/csv, and shows what the server
// did (rows read, created, already there) or every problem it named by row and column. All or
// nothing: a refused file changed nothing, so the user fixes it and picks it again.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { useApp } from '../context.js';
import { api } from '../api.js';
import { describeError, localize } from '../errors.js';
import { importFileProblem, importProblems } from '../market/import.js';
import { localizeServerMessage } from '../server-messages.js';
import { Alert } from './alert.js';

function where(t, problem) {
    if (problem.row === 0) return t('import.wholeFile');
    if (problem.row === 1 && problem.column) return `${t('import.header')} · ${problem.column}`;
    return problem.column ? `${t('import.row', { row: problem.row })} · ${problem.column}` : t('import.row', { row: problem.row });
}

/**
 * `what` names the import (offers, demands: POST imports/<what>); another import passes its own
 * `path`, `label`, `hint`, `refused` and `doneText(report)`, and `isChange(report)` when its report
 * says otherwise than `created` whether anything changed.
 */
export function ImportCsv({ what, onImported, path = `imports/${what}`, label, hint, refused, doneText, isChange = (report) => report.created > 0 }) {
    const { t, lang } = useApp();
    const [outcome, setOutcome] = useState({ phase: 'idle' });
    const choose = async (event) => {
        const input = event.currentTarget;
        const file = input.files?.[0];
        input.value = '';  // picking the same (fixed) file again imports it again
        const problem = importFileProblem(file);
        if (problem) return setOutcome({ phase: 'failed', message: t(problem), problems: [] });
        setOutcome({ phase: 'busy' });
        try {
            const report = await api.postCsv(path, await file.text());
            setOutcome({ phase: 'done', report });
            if (isChange(report)) onImported?.();
        } catch (error) {
            setOutcome({ phase: 'failed', message: localize(t, describeError(error)), problems: importProblems(error.fieldErrors) });
        }
    };
    const id = `import-${what}`;
    return html`
        <div class="import-csv" data-testid="import-csv">
            <label class="button" for=${id} aria-disabled=${outcome.phase === 'busy'}>${label ?? t('import.label')}</label>
            <input id=${id} type="file" accept=".csv,text/csv" class="visually-hidden" data-testid="import-file"
                disabled=${outcome.phase === 'busy'} onChange=${choose} />
            <span class="muted small"> ${hint ?? t('import.hint')}</span>
            ${outcome.phase === 'done' && html`<${Alert} testId="import-report">${doneText ? doneText(outcome.report) : t('import.done', outcome.report)}<//>`}
            ${outcome.phase === 'failed' && html`
                <${Alert} kind="error" testId="import-problems">
                    <p>${refused ?? t('import.refused')}${outcome.problems.length === 0 ? ` ${outcome.message}` : ''}</p>
                    ${outcome.problems.length > 0 && html`
                        <ul>${outcome.problems.map((p, i) => html`
                            <li key=${i} data-testid="import-problem">${where(t, p)}: ${localizeServerMessage(p.message, lang)}</li>`)}
                        </ul>`}
                <//>`}
        </div>`;
}

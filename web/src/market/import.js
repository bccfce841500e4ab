// The import of offers and demands from a CSV file (POST /api/v1/imports/offers|demands): which files
// the console sends, and the server's refusal as one line per problem, in the file's order.

/** '' when `file` ({ name }) can be sent; else the i18n key of why not (an .xlsx must be saved as CSV). */
export function importFileProblem(file) {
    if (!file) return 'import.noFile';
    if (!/\.csv$/i.test(file.name ?? '')) return 'import.notCsv';
    return '';
}

/**
 * The field → message map of a refused import as [{ row, column, message }], rows ascending:
 * "row 3/price_fen_per_kg" is row 3, column price_fen_per_kg; "header/colour" is the header (row 1);
 * "file" (the file as a whole) comes first, with row 0.
 */
export function importProblems(fieldErrors = {}) {
    const problems = Object.entries(fieldErrors).map(([field, message]) => {
        const cell = /^row (\d+)(?:\/(.*))?$/.exec(field);
        if (cell) return { row: Number(cell[1]), column: cell[2] ?? '', message };
        const header = /^header\/(.*)$/.exec(field);
        if (header) return { row: 1, column: header[1], message };
        return { row: 0, column: field, message };
    });
    return problems.sort((a, b) => a.row - b.row);
}

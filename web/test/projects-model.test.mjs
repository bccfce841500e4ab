// The projects pages' helpers: which life-cycle move a role is offered, percent texts, queries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bpPercent, DAILY_JOB_ROLES, latestRun, mayMove, nextStatus, NIGHTLY_SCAN_JOB, projectsQuery } from '../src/projects/model.js';

test('the next status follows the life cycle and stops at closed', () => {
    assert.equal(nextStatus('planned'), 'approved');
    assert.equal(nextStatus('accepted'), 'closed');
    assert.equal(nextStatus('closed'), null);
});

test('county officers are offered only start and complete; fund officers every move', () => {
    assert.equal(mayMove('county_officer', 'started'), true);
    assert.equal(mayMove('county_officer', 'completed'), true);
    assert.equal(mayMove('county_officer', 'approved'), false);
    assert.equal(mayMove('fund_officer', 'closed'), true);
    assert.equal(mayMove('auditor', 'started'), false);
    assert.equal(mayMove('admin', null), false);
});

test('basis points read as percents', () => {
    assert.equal(bpPercent(4112), '41.12%');
    assert.equal(bpPercent(5000), '50%');
    assert.equal(bpPercent(0), '0%');
});

test('empty filters stay out of the query', () => {
    assert.equal(projectsQuery({ county: '', year: 2023 }, { limit: 50, cursor: null }), 'year=2023&limit=50');
});

test('the latest nightly scan is the first run of that job in the server\'s newest-first list', () => {
    const runs = [
        { job: 'day-end sweep', run_date: '2026-11-25', state: 'running' },
        { job: NIGHTLY_SCAN_JOB, run_date: '2026-11-25', state: 'done' },
        { job: NIGHTLY_SCAN_JOB, run_date: '2026-11-24', state: 'failed' },
    ];
    assert.equal(latestRun(runs, NIGHTLY_SCAN_JOB).run_date, '2026-11-25');
    assert.equal(latestRun(runs, 'day-end sweep').state, 'running');
    assert.equal(latestRun(runs, 'unknown job'), null);
    assert.equal(latestRun(undefined, NIGHTLY_SCAN_JOB), null);
    assert.deepEqual(DAILY_JOB_ROLES, ['admin', 'fund_officer', 'auditor']);
});

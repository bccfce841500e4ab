#!/usr/bin/env node
// Makes an upgrade fixture: the demo database an OLDER release of kashlink writes, with the answers its
// reports gave, for tests/cli/upgrade_test.cpp (which loads it into that release's schema, upgrades it
// to today's and checks that verify passes and the reports still say the same).
//
// Run by a developer when a release is worth keeping as an upgrade source, never by the tests:
//   git worktree add /tmp/old <commit> && cmake -S /tmp/old -B /tmp/old/build -G Ninja && \
//     cmake --build /tmp/old/build --target kashlink
//   node scripts/make-upgrade-fixture.mjs --binary /tmp/old/build/kashlink --release <commit> \
//     --out tests/cli/upgrade/release-<newest migration>.json.gz
//
// The file holds: the release's commit and newest migration; every table's rows as the old code wrote
// them (columns by name, tables ordered so that a row's foreign keys point at rows loaded before it);
// the audit signing key the old server made (a throwaway key of this fixture, there to check the seals);
// and the old server's answers to the report reads below, per user. Needs the sqlite3 command-line tool.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, word, index, all) => {
    if (word.startsWith('--')) pairs.push([word.slice(2), all[index + 1]]);
    return pairs;
  }, []));
for (const required of ['binary', 'release', 'out']) {
  if (!args[required]) {
    console.error(`make-upgrade-fixture: --${required} is required (see the comment at the top)`);
    process.exit(2);
  }
}

// The reads whose answers must survive the upgrade: the programme's reports and the fund tree, by
// the users who read them (programme-wide and scoped). Years are explicit: the default is "this year".
const year = new Date().getUTCFullYear();
const reads = [
  ['auditor', `/api/v1/reports/aid-sales?year=${year}&group_by=county,channel`],
  ['auditor', `/api/v1/reports/aid-sales?year=${year}&group_by=month,district`],
  ['auditor', `/api/v1/reports/quotas?year=${year}`],
  ['auditor', `/api/v1/reports/projects?year=${year}`],
  ['fund', '/api/v1/funds/tree'],
  ['shache', `/api/v1/reports/aid-sales?year=${year}&group_by=county,category`],
  ['buyer', `/api/v1/reports/aid-sales?year=${year}&group_by=buyer,channel`],
  ['buyer', `/api/v1/reports/quotas?year=${year}`],
];

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitHealthy(base) {
  for (let attempt = 0; attempt < 600; ++attempt) {
    try {
      const answer = await fetch(`${base}/healthz`);
      if (answer.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the old server did not become healthy in 120 s');
}

async function signIn(base, username) {
  const answer = await fetch(`${base}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `kashlink-${username}` }),
  });
  if (answer.status !== 201) throw new Error(`sign-in of ${username}: ${answer.status} ${await answer.text()}`);
  return (await answer.json()).token;
}

function sqlite(db, sql) {
  const out = execFileSync('sqlite3', ['-json', db, sql], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return out.trim() === '' ? [] : JSON.parse(out);
}

// Tables in an order where every foreign key points at a table listed earlier (self references aside).
function tablesInLoadOrder(db) {
  const names = sqlite(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' " +
                           "AND name <> 'schema_migrations' ORDER BY name").map((row) => row.name);
  const parents = new Map(names.map((name) => [name, new Set(
    sqlite(db, `SELECT "table" AS parent FROM pragma_foreign_key_list('${name}')`)
      .map((row) => row.parent).filter((parent) => parent !== name))]));
  const ordered = [];
  const placed = new Set();
  while (ordered.length < names.length) {
    const ready = names.filter((name) => !placed.has(name) && [...parents.get(name)].every((p) => placed.has(p)));
    if (ready.length === 0) throw new Error('foreign keys form a cycle between tables');
    for (const name of ready) { ordered.push(name); placed.add(name); }
  }
  return ordered;
}

const work = mkdtempSync(join(tmpdir(), 'kashlink-upgrade-fixture-'));
const db = join(work, 'demo.sqlite');
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(args.binary, ['demo', '--db', db, '--port', String(port)], { stdio: ['ignore', 'inherit', 'inherit'] });
try {
  await waitHealthy(base);
  const tokens = {};
  const answers = [];
  for (const [user, path] of reads) {
    tokens[user] ??= await signIn(base, user);
    const answer = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
    const body = await answer.text();
    if (answer.status !== 200) throw new Error(`${user} GET ${path}: ${answer.status} ${body}`);
    answers.push({ user, path, status: answer.status, body: JSON.parse(body) });
  }
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));

  const schema = sqlite(db, 'SELECT max(name) AS name FROM schema_migrations')[0].name;
  const tables = tablesInLoadOrder(db).map((name) => {
    const columns = sqlite(db, `SELECT name FROM pragma_table_info('${name}') ORDER BY cid`).map((row) => row.name);
    const rows = sqlite(db, `SELECT * FROM "${name}" ORDER BY rowid`).map((row) => columns.map((column) => row[column]));
    return { name, columns, rows };
  }).filter((table) => table.rows.length > 0);
  const fixture = {
    release: args.release,
    schema,
    made: new Date().toISOString(),
    audit_signing_key: readFileSync(db.replace(/\.sqlite$/, '.audit-key'), 'utf8'),
    tables,
    reads: answers,
  };
  // Compressed: the JSON of a demo database is megabytes, too large to keep in git as text.
  writeFileSync(args.out, gzipSync(JSON.stringify(fixture) + '\n', { level: 9 }));
  const rows = tables.reduce((sum, table) => sum + table.rows.length, 0);
  console.log(`make-upgrade-fixture: ${args.out}: schema ${schema}, ${tables.length} tables, ${rows} rows, ` +
              `${answers.length} report answers`);
} finally {
  if (server.exitCode === null) server.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}

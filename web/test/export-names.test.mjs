// A spreadsheet export names its channel codes (channel_name_zh / _en, src/catalog/place_names.cpp)
// with the words the console shows for them: the server's table and the console's i18n must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { translate } from '../src/i18n/index.js';

const server = readFileSync(new URL('../../src/catalog/place_names.cpp', import.meta.url), 'utf8');
const tables = {
    channel: server.slice(server.indexOf('sales_channel_names()'), server.indexOf('buyer_channel_names()')),
    buyerChannel: server.slice(server.indexOf('buyer_channel_names()'), server.indexOf('}  // namespace\n')),
};

for (const [prefix, text] of Object.entries(tables)) {
    test(`export names of ${prefix}.* match the console`, () => {
        const pairs = [...text.matchAll(/\{"([a-z_]+)", \{"([^"]+)", "([^"]+)"\}\}/g)];
        assert.ok(pairs.length >= 8, `the server's ${prefix} table was not found`);
        for (const [, code, zh, en] of pairs) {
            assert.equal(translate('zh-CN', `${prefix}.${code}`), zh, code);
            assert.equal(translate('en', `${prefix}.${code}`), en, code);
        }
    });
}

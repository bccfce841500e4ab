// Entry point of the bundle (web/build.mjs): esbuild resolves the bare imports 'preact',
// 'preact/hooks' and 'htm' from node_modules and bundles them with every module imported here.
import { render } from 'preact';
import { html } from './html.js';
import { App, startEarlyRequests } from './app.js';

startEarlyRequests();
render(html`<${App} />`, document.getElementById('app'));

// Entry point, loaded by index.html as an ES module (no bundler: the browser resolves the bare
// imports 'preact', 'preact/hooks' and 'htm' through the import map in index.html).
import { render } from 'preact';
import { html } from './html.js';
import { App } from './app.js';

render(html`<${App} />`, document.getElementById('app'));

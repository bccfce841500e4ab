// JSX-free components: htm tagged templates bound to Preact's h(), imported by every component.
import htm from 'htm';
import { h } from 'preact';

export const html = htm.bind(h);

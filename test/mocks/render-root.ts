/** The element a component test renders into, and its removal (with the faked worker) after the test. */
import { render } from 'preact';
import { setMessageHandler } from './browser';

export function mountRoot(): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  return root;
}

export function unmountRoot(root: HTMLElement): void {
  render(null, root);
  root.remove();
  setMessageHandler(undefined);
}

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { App } from '../../../src/popup/components/App';
import { setMessageHandler } from '../../mocks/browser';
import { mountRoot, unmountRoot } from '../../mocks/render-root';

async function flush() {
  for (let i = 0; i < 10; i++) await act(() => new Promise((r) => setTimeout(r, 5)));
}

describe('popup App', () => {
  let root: HTMLElement;
  beforeEach(() => {
    root = mountRoot();
  });
  afterEach(() => {
    unmountRoot(root);
  });

  it('shows the counts the worker reports and offers the sample archive when empty', async () => {
    let counts = { speakers: 0, talks: 0, events: 0, sources: 0 };
    setMessageHandler((msg) => {
      const m = msg as { method: string };
      if (m.method === 'loadSample') counts = { speakers: 3, talks: 8, events: 8, sources: 1 };
      return { ok: true, value: counts };
    });
    render(<App />, root);
    await flush();
    expect(root.querySelector('[data-testid=counts]')?.textContent).toContain('0 speakers, 0 talks');
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Load sample archive')!;
    await act(() => button.click());
    await flush();
    expect(root.querySelector('[data-testid=counts]')?.textContent).toContain('3 speakers, 8 talks, 8 events');
    expect(root.textContent).not.toContain('Load sample archive');
  });

  it('shows the worker’s error as an alert', async () => {
    setMessageHandler(() => ({ ok: false, error: 'The archive could not be opened.' }));
    render(<App />, root);
    await flush();
    expect(root.querySelector('[role=alert]')?.textContent).toBe('The archive could not be opened.');
  });
});

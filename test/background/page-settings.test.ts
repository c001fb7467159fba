import { pushPageSettings, readPageSettings } from '../../src/background/page-settings';
import browser from '../../src/shared/browser';
import { SETTINGS_KEY } from '../../src/shared/content-settings';

/** A newly started worker's page settings, over the same storage. */
function restarted(): typeof readPageSettings {
  let fresh!: typeof readPageSettings;
  jest.isolateModules(() => {
    jest.doMock('../../src/shared/browser', () => ({ __esModule: true, default: browser }));
    ({ readPageSettings: fresh } = require('../../src/background/page-settings'));
  });
  return fresh;
}

describe('readPageSettings', () => {
  it('reads storage once (every page start asks), then answers from memory until a write, which it follows', async () => {
    await browser.storage.local.set({ [SETTINGS_KEY]: { privacy: true, markStyle: 'underline' } });
    await new Promise((r) => setTimeout(r, 0));
    // A worker started after that write reads it from storage.
    const fresh = restarted();
    const get = jest.spyOn(browser.storage.local, 'get');
    const [a, b] = await Promise.all([fresh(), fresh()]);
    expect(await fresh()).toEqual({ marks: true, privacy: true, intentDelayMs: 300, markStyle: 'underline' });
    expect(a).toEqual(b);
    expect(get).toHaveBeenCalledTimes(1);
    // A write (from any page of the extension) replaces what it knows, with no read.
    await browser.storage.local.set({ [SETTINGS_KEY]: { marks: false } });
    await new Promise((r) => setTimeout(r, 0));
    expect(await fresh()).toEqual({ marks: false, privacy: false, intentDelayMs: 300, markStyle: 'tint' });
    await browser.storage.local.remove(SETTINGS_KEY);
    await new Promise((r) => setTimeout(r, 0));
    expect(await fresh()).toEqual({ marks: true, privacy: false, intentDelayMs: 300, markStyle: 'tint' });
    expect(get).toHaveBeenCalledTimes(1);
    // Other keys change nothing.
    await browser.storage.local.set({ other: 1 });
    await new Promise((r) => setTimeout(r, 0));
    expect((await readPageSettings()).markStyle).toBe('tint');
    get.mockRestore();
  });

  it('reads again after a failed read', async () => {
    const fresh = restarted();
    const get = jest.spyOn(browser.storage.local, 'get').mockRejectedValueOnce(new Error('storage unavailable'));
    await expect(fresh()).rejects.toThrow('storage unavailable');
    expect((await fresh()).marks).toBe(true);
    expect(get).toHaveBeenCalledTimes(2);
    get.mockRestore();
  });
});

describe('pushPageSettings', () => {
  it('tells every open tab the new settings, read like stored ones, whatever some tabs answer', async () => {
    const sent: [number, unknown][] = [];
    const send = async (tabId: number, message: unknown) => {
      sent.push([tabId, message]);
      // A tab without Podium's content script refuses the message.
      if (tabId === 2) throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    await pushPageSettings({ privacy: true, intentDelayMs: -5, markStyle: 'neon' }, send, async () => [1, 2, 3]);
    const message = { podium: 1, push: 'settingsChanged', params: { settings: { marks: true, privacy: true, intentDelayMs: 0, markStyle: 'tint' } } };
    expect(sent).toEqual([
      [1, message],
      [2, message],
      [3, message],
    ]);
  });

  it('sends the defaults when the settings were removed', async () => {
    const sent: unknown[] = [];
    await pushPageSettings(undefined, async (_, m) => sent.push(m), async () => [4]);
    expect(sent).toEqual([{ podium: 1, push: 'settingsChanged', params: { settings: { marks: true, privacy: false, intentDelayMs: 300, markStyle: 'tint' } } }]);
  });
});

import { pushPageSettings } from '../../src/background/page-settings';

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

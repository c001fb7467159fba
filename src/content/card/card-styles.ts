/**
 * The hover card's stylesheet, placed inside its shadow root. `all: initial`
 * on the card cuts inheritance from the page; sizes are in px because `rem`
 * follows the page's root font size.
 */
// Literals joined with +: the minifier folds them into one string, with no newlines to ship.
export const CARD_CSS =
  '.card{all:initial;box-sizing:border-box;position:fixed;display:block;width:340px;max-width:calc(100vw - 16px);overflow:auto;' +
  'padding:12px 14px;border-radius:8px;font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left;' +
  'color:var(--fg);background:var(--bg);border:1px solid var(--line);box-shadow:0 6px 24px rgba(0,0,0,.25);' +
  '--fg:#1d1d1f;--muted:#5b5b66;--bg:#fff;--line:#d7d7de;--accent:#8a5a00;--here:#fff3cf;--btn:#1d1d1f;--btnfg:#fff}' +
  '.card[data-scheme=dark]{--fg:#f0f0f3;--muted:#a9a9b6;--bg:#1f2024;--line:#3a3b42;--accent:#f5b000;--here:#3b3220;--btn:#f0f0f3;--btnfg:#1f2024}' +
  '.card *{box-sizing:border-box;font:inherit;color:inherit;margin:0;padding:0;text-align:inherit}' +
  '.card:focus{outline:2px solid var(--accent);outline-offset:2px}' +
  '.note{color:var(--muted);margin-bottom:8px}' +
  '.person+.person{border-top:1px solid var(--line);margin-top:10px;padding-top:10px}' +
  '.name{font-size:15px;font-weight:600;line-height:1.3}' +
  '.headline{color:var(--muted)}' +
  '.tells{color:var(--accent);font-size:12px;margin-top:2px}' +
  '.summary{margin-top:6px}' +
  '.label{display:block;margin-top:8px;font-size:11px;font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:var(--muted)}' +
  '.talks{list-style:none;margin-top:2px}' +
  '.talk{padding:3px 4px;border-radius:4px}' +
  '.talk.here{background:var(--here)}' +
  '.badge{display:inline-block;margin-right:6px;padding:0 5px;border-radius:3px;font-size:11px;font-weight:600;color:var(--bg);background:var(--accent)}' +
  '.title{font-weight:500}' +
  '.meta{display:block;color:var(--muted);font-size:12px}' +
  '.more{color:var(--muted);font-size:12px;margin-top:2px}' +
  '.links{list-style:none;display:flex;flex-wrap:wrap;gap:4px 10px;margin-top:8px}' +
  '.links a{color:var(--accent);text-decoration:underline;cursor:pointer}' +
  '.actions{display:flex;justify-content:flex-end;margin-top:10px}' +
  '.open,.close{cursor:pointer;border-radius:5px;border:0}' +
  '.open{padding:4px 10px;background:var(--btn);color:var(--btnfg);font-weight:600}' +
  '.close{position:absolute;top:6px;right:8px;width:22px;height:22px;line-height:20px;text-align:center;background:transparent;color:var(--muted);font-size:16px}' +
  // The card's focusable parts: its two buttons and its links.
  '.card :focus-visible{outline:2px solid var(--accent);outline-offset:1px}';

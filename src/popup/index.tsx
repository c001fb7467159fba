import { render } from 'preact';
import { t } from '../shared/i18n';
import { App } from './components/App';
import css from './popup.css';

// For the bench: when the browser first ran this script, the floor of "popup open → box usable" (scripts/bench/import-frab.ts).
performance.mark('podium-popup-script');

const style = document.createElement('style');
style.textContent = css;
document.head.append(style);
// The language the messages come in (popup.html says "en"), for screen readers.
document.documentElement.lang = t('extLang');
document.title = t('extName');

render(<App />, document.getElementById('app')!);

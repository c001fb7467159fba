/** Entry of the import page (import.html): `?tab=<id>` offers "Import this page" for that tab. */
import { render } from 'preact';
import { t } from '../shared/i18n';
import { ImportApp } from './components/ImportApp';
import css from './import.css';

const style = document.createElement('style');
style.textContent = css;
document.head.append(style);
document.documentElement.lang = t('extLang');
document.title = t('importPageTitle');

const tab = Number(new URLSearchParams(location.search).get('tab'));
render(<ImportApp {...(Number.isInteger(tab) && tab >= 0 && new URLSearchParams(location.search).has('tab') ? { tabId: tab } : {})} />, document.getElementById('app')!);

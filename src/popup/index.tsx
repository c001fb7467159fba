import { render } from 'preact';
import { App } from './components/App';
import css from './popup.css';

const style = document.createElement('style');
style.textContent = css;
document.head.append(style);

render(<App />, document.getElementById('app')!);

import { render } from 'preact';
import './styles.css';
import { App } from './app.tsx';
import { boot } from './features/auth/session.ts';

render(<App />, document.getElementById('app')!);
void boot();

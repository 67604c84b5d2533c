import { render } from 'preact';
import './styles.css';
import { App } from './app.tsx';
import { boot } from './features/auth/session.ts';
import { languageReady } from './i18n/index.ts';

// The English dictionary is fetched on demand: a user who chose it sees the first screen in English.
void languageReady.then(() => render(<App />, document.getElementById('app')!));
void boot();

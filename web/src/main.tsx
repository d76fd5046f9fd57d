import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { storedLang } from './i18n/i18n';
import './shell/shell.css';

// The remembered language applies before the first paint (the page itself is Vietnamese by default).
document.documentElement.lang = storedLang();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

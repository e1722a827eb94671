import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './i18n';
import { SettingsProvider } from './state/settings';
import './styles/base.css';
import './styles/notes.css';
import './styles/search.css';
import './styles/figures.css';
import './styles/overlays.css';
import './styles/folders.css';
import './styles/notes-edit.css';
import './styles/text-fix.css';
import './styles/research.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <SettingsProvider>
        <App />
      </SettingsProvider>
    </StrictMode>,
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initialLocale, setLocale } from './i18n';
import './styles.css';

// The language is known (and its catalogue loaded) before the first render, so no text changes under the reader.
const root = createRoot(document.getElementById('root')!);
setLocale(initialLocale())
  .catch(() => setLocale('en'))
  .finally(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );

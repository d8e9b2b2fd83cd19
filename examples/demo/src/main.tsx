import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'natter/styles.css';
import './app.css';
import './controls.css';
import './layout.css';
import './overlays.css';
import { App } from './app';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

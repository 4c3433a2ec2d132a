import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/staff.css';
import { App } from './app/App.tsx';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

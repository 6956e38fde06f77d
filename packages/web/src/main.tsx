import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
// Order matters: tokens first, narrow-screen overrides last.
import './styles/base.css';
import './styles/blocks.css';
import './styles/frame.css';
import './styles/content.css';
import './styles/pages.css';
import './styles/catalog.css';
import './styles/entity.css';
import './styles/graph.css';
import './styles/ownership.css';
import './styles/admin.css';
import './styles/slo.css';
import './styles/guardrails.css';
import './styles/scorecards.css';
import './styles/oncall.css';
import './styles/incidents.css';
import './styles/narrow.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/connect-api';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const connection = connectApi();
createRoot(root).render(
  <StrictMode>
    <App connection={connection} />
  </StrictMode>,
);

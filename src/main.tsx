import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { persistLayoutPrefs } from './state/layoutPrefs'
import { useWorkspaceStore } from './state/workspaceStore'
import { App } from './ui/shell/App'
import './ui/shell/global.css'

// The frame opens as the user left it. Reading `localStorage` itself can throw (storage
// disabled); the app then runs with the default layout.
try {
  persistLayoutPrefs(useWorkspaceStore, window.localStorage)
} catch {
  // Default layout, not remembered.
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './ui/shell/App'
import './ui/shell/global.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

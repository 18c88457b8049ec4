// What the Run button, the run panel and the timeline do with the execution store: start and
// stop runs with feedback, download and read files.

import { useExecutionStore } from '../../state/executionStore'
import { useWorkspaceStore } from '../../state/workspaceStore'

/** Starts the open workflow; shows the timeline. Returns false (and says why) when it cannot. */
export function runWorkflow(): boolean {
  const result = useExecutionStore.getState().startRun()
  const workspace = useWorkspaceStore.getState()
  if (!result.ok) {
    workspace.notify('error', result.message)
    if (/input/i.test(result.message) || /context/i.test(result.message)) {
      workspace.showBottomPanel('run')
    }
    return false
  }
  workspace.showBottomPanel('timeline')
  return true
}

export function rerunWorkflow(runId: string): boolean {
  const result = useExecutionStore.getState().rerun(runId)
  if (!result.ok) {
    useWorkspaceStore.getState().notify('error', result.message)
    return false
  }
  useWorkspaceStore.getState().showBottomPanel('timeline')
  return true
}

export function stopWorkflow(): void {
  void useExecutionStore.getState().stopRun()
}

/** Offers text as a file download. */
export function downloadText(text: string, fileName: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** A file name from free text: "Run 3 · FlakyThenOk" → "Run-3-FlakyThenOk". */
export function safeFileName(text: string): string {
  return (
    text
      .replace(/[^A-Za-z0-9._ -]+/g, ' ')
      .trim()
      .replace(/\s+/g, '-') || 'run'
  )
}

/** Downloads a run's history as AWS's GetExecutionHistory JSON. */
export function exportRunHistory(runId: string): void {
  const state = useExecutionStore.getState()
  const run = state.runs.find((r) => r.id === runId)
  const history = state.exportHistory(runId)
  if (!run || !history) return
  downloadText(`${JSON.stringify(history, null, 2)}\n`, `${safeFileName(run.name)}.history.json`)
}

/** Imports a history file as a run of the open workflow and shows it. */
export async function importHistoryFile(file: File): Promise<boolean> {
  const { notify, showBottomPanel } = useWorkspaceStore.getState()
  let text: string
  try {
    text = await file.text()
  } catch (error) {
    notify('error', `Could not read ${file.name}; nothing was changed.`, String(error))
    return false
  }
  const result = useExecutionStore.getState().importHistory(text, { name: file.name })
  if (!result.ok) {
    notify('error', `${file.name}: ${result.message} Nothing was changed.`)
    return false
  }
  const run = useExecutionStore.getState().runs.find((r) => r.id === result.runId)
  notify(
    'success',
    `Loaded ${file.name}: ${run?.events.length ?? 0} events, replayed on the current definition.`,
    result.warnings.join('\n') || undefined,
  )
  showBottomPanel('timeline')
  return true
}

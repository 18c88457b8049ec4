// The Run tab of the bottom panel (shell extension point).

import { useExecutionStore } from '../../state/executionStore'
import type { BottomPanelSpec } from '../shell/slots'
import { RunPanel } from './RunPanel'

function useRunBadge(): string | number | null {
  const running = useExecutionStore((s) => s.activeRunId !== null)
  const runs = useExecutionStore((s) => s.runs.length)
  return running ? '●' : runs > 0 ? runs : null
}

export const bottomPanel: BottomPanelSpec = {
  id: 'run',
  title: 'Run',
  order: 10,
  Component: RunPanel,
  useBadge: useRunBadge,
}

// The Timeline tab of the bottom panel (shell extension point).

import { selectSelectedRun, useExecutionStore } from '../../state/executionStore'
import type { BottomPanelSpec } from '../shell/slots'
import { TimelinePanel } from './TimelinePanel'

function useTimelineBadge(): string | number | null {
  const run = useExecutionStore(selectSelectedRun)
  if (!run) return null
  return run.status === 'RUNNING' ? '●' : run.status === 'SUCCEEDED' ? '✓' : '✗'
}

export const bottomPanel: BottomPanelSpec = {
  id: 'timeline',
  title: 'Timeline',
  order: 30,
  Component: TimelinePanel,
  useBadge: useTimelineBadge,
}

// The Mocks tab of the bottom panel (shell extension point).

import { selectProblems, useMocksStore } from '../../state/mocksStore'
import type { BottomPanelSpec } from '../shell/slots'
import { MocksPanel } from './MocksPanel'

function useMocksBadge(): string | number | null {
  const problems = useMocksStore(selectProblems).length
  return problems > 0 ? `${problems}!` : null
}

export const bottomPanel: BottomPanelSpec = {
  id: 'mocks',
  title: 'Mocks',
  order: 20,
  Component: MocksPanel,
  useBadge: useMocksBadge,
}

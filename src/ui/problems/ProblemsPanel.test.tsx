// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../core/asl/diagnostics'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { idOf, openWith } from '../inspector/testing'
import { useFieldFocus } from '../inspector/focus'
import { ProblemsPanel, sortDiagnostics } from './ProblemsPanel'

afterEach(cleanup)

// One error inside a Parallel branch (dangling Next), one warning (a path without .$) and a
// workflow-level error (TimeoutSeconds of the wrong type).
const BROKEN = {
  StartAt: 'Par',
  TimeoutSeconds: 'soon',
  States: {
    Par: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Inner',
          States: { Inner: { Type: 'Pass', Next: 'Nowhere' } },
        },
      ],
      Next: 'Work',
    },
    Work: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { Payload: '$.order' },
      End: true,
    },
  },
}

describe('ProblemsPanel', () => {
  it('lists diagnostics errors first, with counts', () => {
    openWith(BROKEN)
    render(<ProblemsPanel />)
    const rows = screen.getAllByTestId('problem-row')
    const severities = rows.map((row) => row.getAttribute('data-severity'))
    expect(severities.indexOf('warning')).toBeGreaterThan(severities.lastIndexOf('error'))
    const codes = rows.map((row) => row.getAttribute('data-code'))
    expect(codes).toContain('MISSING_TRANSITION_TARGET')
    expect(codes).toContain('NO_DOLLAR')
    const errors = severities.filter((s) => s === 'error').length
    expect(screen.getByTestId('problems-filter-error').textContent).toBe(
      `${errors} error${errors === 1 ? '' : 's'}`,
    )
    const inner = rows.find((row) => row.getAttribute('data-code') === 'MISSING_TRANSITION_TARGET')!
    expect(inner.textContent).toContain('Par › Inner')
  })

  it('selects and reveals the state of a clicked problem', () => {
    openWith(BROKEN)
    render(<ProblemsPanel />)
    const row = screen
      .getAllByTestId('problem-row')
      .find((r) => r.getAttribute('data-code') === 'MISSING_TRANSITION_TARGET')!
    fireEvent.click(row)
    const workspace = useWorkspaceStore.getState()
    expect(workspace.selectedIds).toEqual([idOf('Inner')])
    expect(workspace.revealRequest?.id).toBe(idOf('Inner'))
    expect(useFieldFocus.getState().request).toMatchObject({
      stateId: idOf('Inner'),
      path: ['Next'],
    })
    expect(row.getAttribute('aria-current')).toBe('true')
  })

  it('does the same on Enter, and a workflow-level problem clears the selection', () => {
    openWith(BROKEN, ['Work'])
    render(<ProblemsPanel />)
    const rows = screen.getAllByTestId('problem-row')
    const warning = rows.find((r) => r.getAttribute('data-code') === 'NO_DOLLAR')!
    useWorkspaceStore.getState().select([])
    fireEvent.keyDown(warning, { key: 'Enter' })
    expect(useWorkspaceStore.getState().selectedIds).toEqual([idOf('Work')])
    const machineLevel = rows.find((r) => r.textContent?.includes('Workflow'))!
    fireEvent.keyDown(machineLevel, { key: 'Enter' })
    expect(useWorkspaceStore.getState().selectedIds).toEqual([])
  })

  it('filters by severity and text, and says when the workflow is valid', () => {
    openWith(BROKEN)
    render(<ProblemsPanel />)
    const all = screen.getAllByTestId('problem-row').length
    fireEvent.click(screen.getByTestId('problems-filter-warning'))
    expect(screen.getAllByTestId('problem-row').length).toBeLessThan(all)
    fireEvent.change(screen.getByTestId('problems-search'), { target: { value: 'nowhere' } })
    expect(screen.getAllByTestId('problem-row')).toHaveLength(1)
    cleanup()
    openWith({ StartAt: 'A', States: { A: { Type: 'Succeed' } } })
    render(<ProblemsPanel />)
    expect(screen.queryAllByTestId('problem-row')).toHaveLength(0)
    expect(screen.getByRole('status').textContent).toMatch(/No problems/)
  })

  it('sorts by severity, keeping document order within one', () => {
    const d = (severity: Diagnostic['severity'], code: string): Diagnostic => ({
      severity,
      code,
      message: code,
      path: [],
      statePath: [],
    })
    expect(
      sortDiagnostics([d('info', 'a'), d('warning', 'b'), d('error', 'c'), d('error', 'd')]).map(
        (x) => x.code,
      ),
    ).toEqual(['c', 'd', 'b', 'a'])
  })
})

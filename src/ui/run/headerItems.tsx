// The header's Run / Stop button (UI contract: data-testid="run-button").

import type { HeaderItemSpec } from '../shell/slots'
import { selectActiveTestCase, useMocksStore } from '../../state/mocksStore'
import { useExecutionStore } from '../../state/executionStore'
import { useLiveVersion } from '../timeline/useThrottled'
import { formatCount } from './format'
import { RunIcons } from './icons'
import { runWorkflow, stopWorkflow } from './runActions'
import './run.css'

function LiveCount() {
  // Four times a second while events stream in.
  useLiveVersion(true, 250)
  const run = useExecutionStore((s) => s.runs.find((r) => r.id === s.activeRunId))
  const count = run?.events.length ?? 0
  return (
    <span className="sw-run-live" role="status" aria-live="polite">
      <span className="sw-run-spinner" aria-hidden="true" />
      Running… {formatCount(count)} events
    </span>
  )
}

function RunButton() {
  const running = useExecutionStore((s) => s.activeRunId !== null)
  const testCase = useMocksStore(selectActiveTestCase)
  if (running) {
    return (
      <div className="sw-run-header">
        <LiveCount />
        <button
          type="button"
          className="sw-hbutton sw-run-stop"
          data-testid="run-stop"
          title="Stop the run now"
          onClick={stopWorkflow}
        >
          <RunIcons.stop size={14} />
          <span>Stop</span>
        </button>
      </div>
    )
  }
  return (
    <div className="sw-run-header">
      <button
        type="button"
        className="sw-hbutton sw-run-go"
        data-testid="run-button"
        title={
          testCase
            ? `Run the workflow in the simulator with test case “${testCase}” (Ctrl+Enter in the input)`
            : 'Run the workflow in the simulator (Ctrl+Enter in the input)'
        }
        onClick={() => runWorkflow()}
      >
        <RunIcons.play size={13} />
        <span>Run</span>
        {testCase && <span className="sw-run-case">{testCase}</span>}
      </button>
    </div>
  )
}

export const headerItems: HeaderItemSpec[] = [{ id: 'run', order: 10, Component: RunButton }]

import { useEffect, useRef } from 'react'
import type { StateType } from '../../core/asl/types'
import { assertNever } from '../../core/asl/types'
import type { StateId } from '../../core/graph/model'
import { stateNamePath } from '../../core/graph/model'
import { DiagnosticList } from '../common/DiagnosticList'
import { ChoiceSection } from './ChoiceSection'
import { StateEditorProvider, useStateEditorValue } from './context'
import { CatchSection, RetrySection } from './ErrorLists'
import { FailSection, ParallelSection, PassSection, WaitSection } from './FlowSections'
import { focusFieldIn, useFieldFocus } from './focus'
import { GeneralSection } from './GeneralSection'
import { IoSection } from './IoSection'
import { MapSection } from './MapSection'
import { OtherFieldsSection, StateJsonSection } from './OtherFields'
import { describeResource } from './presets'
import { TaskSection } from './TaskSection'
import { TYPE_ICONS } from './typeIcons'

/** The form of one state: general settings, its type's settings, data flow, errors. */
export function StateInspector({ stateId }: { stateId: StateId }) {
  const editor = useStateEditorValue(stateId)
  const root = useRef<HTMLDivElement>(null)
  const request = useFieldFocus((s) => s.request)
  useEffect(() => {
    if (!request || request.stateId !== stateId || !root.current) return
    focusFieldIn(root.current, request.path)
    useFieldFocus.getState().consume(request.seq)
  }, [request, stateId])
  if (!editor) return null
  const { state, type, language, diagnostics } = editor
  const typeName = typeof state.fields.Type === 'string' ? state.fields.Type : '(no Type)'
  const resource = typeof state.fields.Resource === 'string' ? state.fields.Resource : undefined
  const path = stateNamePath(editor.graph, stateId)
  const errors = diagnostics.filter((d) => d.diagnostic.severity === 'error').length
  const warnings = diagnostics.length - errors
  return (
    <StateEditorProvider value={editor}>
      <div className="sw-inspector-state" ref={root} data-state-id={stateId}>
        <header className="sw-inspector-header">
          <span className={`sw-type-icon sw-type-${type ?? 'Unknown'}`} aria-hidden="true">
            {TYPE_ICONS[type ?? 'unknown'] ?? '?'}
          </span>
          <div className="sw-inspector-heading">
            <h2 className="sw-inspector-title" title={state.name}>
              {state.name}
            </h2>
            <div className="sw-inspector-subtitle">
              <span className="sw-typechip">{typeName}</span>
              {type === 'Task' && resource && (
                <span className="sw-muted">{describeResource(resource) ?? resource}</span>
              )}
              <span className={`sw-ql sw-ql--${language}`} title="Query language in force">
                {language}
              </span>
            </div>
            {path.length > 1 && (
              <div className="sw-breadcrumb" aria-label="Inside">
                {path.slice(0, -1).join(' › ')}
              </div>
            )}
          </div>
          {diagnostics.length > 0 && (
            <span
              className={`sw-count ${errors > 0 ? 'sw-count--error' : 'sw-count--warning'}`}
              data-testid="inspector-problem-count"
              title={`${errors} error(s), ${warnings} warning(s)`}
            >
              {diagnostics.length}
            </span>
          )}
        </header>
        {diagnostics.length > 0 && (
          <div className="sw-inspector-problems" data-testid="inspector-problems">
            <DiagnosticList diagnostics={diagnostics.map((d) => d.diagnostic)} />
          </div>
        )}
        <GeneralSection />
        {type === undefined ? (
          <p className="sw-empty">
            “{typeName}” is not a state type Stepwise knows (Task, Pass, Choice, Wait, Succeed,
            Fail, Parallel, Map). Its fields are kept; edit them below.
          </p>
        ) : (
          <TypeSections type={type} />
        )}
        <OtherFieldsSection />
        <StateJsonSection />
      </div>
    </StateEditorProvider>
  )
}

function TypeSections({ type }: { type: StateType }) {
  switch (type) {
    case 'Task':
      return (
        <>
          <TaskSection />
          <IoSection />
          <RetrySection />
          <CatchSection />
        </>
      )
    case 'Pass':
      return (
        <>
          <PassSection />
          <IoSection />
        </>
      )
    case 'Choice':
      return (
        <>
          <ChoiceSection />
          <IoSection />
        </>
      )
    case 'Wait':
      return (
        <>
          <WaitSection />
          <IoSection />
        </>
      )
    case 'Succeed':
      return <IoSection />
    case 'Fail':
      return <FailSection />
    case 'Parallel':
      return (
        <>
          <ParallelSection />
          <IoSection />
          <RetrySection />
          <CatchSection />
        </>
      )
    case 'Map':
      return (
        <>
          <MapSection />
          <IoSection />
          <RetrySection />
          <CatchSection />
        </>
      )
    default:
      return assertNever(type, 'state type')
  }
}

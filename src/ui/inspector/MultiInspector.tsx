import type { StateId } from '../../core/graph/model'
import { stateType } from '../../core/graph/model'
import { selectDiagnosticsByState, useDocumentStore } from '../../state/documentStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { TYPE_ICONS } from './typeIcons'

/** Several states selected: what they are, and a way to focus on one. */
export function MultiInspector({ ids }: { ids: readonly StateId[] }) {
  const graph = useDocumentStore((s) => s.graph)
  const byState = useDocumentStore(selectDiagnosticsByState)
  const select = useWorkspaceStore((s) => s.select)
  const counts = new Map<string, number>()
  for (const id of ids) {
    const type = stateType(graph.states[id]!) ?? '?'
    counts.set(type, (counts.get(type) ?? 0) + 1)
  }
  return (
    <div className="sw-inspector-multi" data-testid="inspector-multi">
      <header className="sw-inspector-header">
        <span className="sw-type-icon" aria-hidden="true">
          ▦
        </span>
        <div className="sw-inspector-heading">
          <h2 className="sw-inspector-title">{ids.length} states selected</h2>
          <div className="sw-inspector-subtitle sw-muted">
            {[...counts].map(([type, n]) => `${n} ${type}`).join(' · ')}
          </div>
        </div>
      </header>
      <p className="sw-help sw-help--block sw-inspector-hint">
        Move, copy, duplicate or delete them together on the canvas; pick one to edit its fields.
      </p>
      <ul className="sw-multi-list">
        {ids.map((id) => {
          const state = graph.states[id]!
          const type = stateType(state) ?? '?'
          const problems = byState.get(id)?.length ?? 0
          return (
            <li key={id}>
              <button
                type="button"
                className="sw-multi-item"
                onClick={() => select([id])}
                data-testid="inspector-multi-item"
              >
                <span
                  className={`sw-type-icon sw-type-${type} sw-type-icon--small`}
                  aria-hidden="true"
                >
                  {TYPE_ICONS[type] ?? '?'}
                </span>
                <span className="sw-multi-name">{state.name}</span>
                <span className="sw-muted">{type}</span>
                {problems > 0 && <span className="sw-count sw-count--warning">{problems}</span>}
              </button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}

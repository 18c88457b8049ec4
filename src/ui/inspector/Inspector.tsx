// The inspector: the right-hand panel that edits the selection.
//   - one state selected: its form (every field of its type, in its query language);
//   - several: a summary (pick one to edit it);
//   - none: the workflow's own settings (Comment, StartAt, TimeoutSeconds, Version,
//     QueryLanguage) and its type (STANDARD / EXPRESS).
// It reads the document and workspace stores and edits only through document commands: every
// edit is ONE apply, so one undo step. Text inputs commit on Enter or when they lose focus
// (Escape reverts); JSON editors on blur or Ctrl/Cmd+Enter, and only valid JSON. Selects,
// radios and buttons commit at once.
//
// Stable test ids (e2e and component tests rely on them; <i> is a 0-based index):
//   inspector                         the panel root (always present)
//   inspector-machine / inspector-multi   the no-selection / multi-selection views
//   inspector-name                    state name input (rename; updates every reference)
//   inspector-comment                 Comment
//   inspector-next                    Next state <select>: "" = not set, a state name, or End
//   inspector-set-start               "Set as start" button (absent when it is the start)
//   inspector-query-language          QueryLanguage <select>: "" inherit, JSONPath, JSONata
//   query-language-confirm / query-language-cancel   when a switch cannot convert everything
//   inspector-problems, inspector-problem-count      the state's diagnostics
//   inspector-json                    the whole state as JSON (section "State JSON", collapsed)
//   io-input-path, io-parameters, io-result-selector, io-result-path, io-output-path,
//   io-arguments, io-output, io-assign          data-flow fields (by query language)
//   task-resource (input with suggestions), task-resource-pattern,
//   task-timeout / task-timeout-path, task-heartbeat / task-heartbeat-path, task-credentials
//   retry-add; per retrier: retry-<i>, retry-<i>-error-equals (type a name, Enter adds it;
//     "A, B" adds both; States.ALL replaces the others, a specific name replaces a lone
//     States.ALL), retry-<i>-error-equals-preset (quick-add <select>), retry-<i>-interval,
//     retry-<i>-max-attempts, retry-<i>-backoff-rate, retry-<i>-max-delay, retry-<i>-jitter,
//     retry-<i>-up, retry-<i>-down, retry-<i>-remove
//   catch-add (States.ALL, or States.TaskFailed before an existing States.ALL; Next = the
//     first Fail state of the scope when there is one); per catcher: catch-<i>,
//     catch-<i>-error-equals(-preset), catch-<i>-next (<select> of state names),
//     catch-<i>-result-path (JSONPath) / catch-<i>-output (JSONata), catch-<i>-assign,
//     catch-<i>-up, catch-<i>-down, catch-<i>-remove
//   choice-rule-add; per top-level rule: choice-rule-<i>, choice-rule-<i>-next,
//     choice-rule-<i>-up/-down/-remove, choice-rule-<i>-assign, and
//     JSONPath: choice-rule-<i>-kind (<select> comparison | And | Or | Not),
//       choice-rule-<i>-variable, choice-rule-<i>-operator (<select>, option values are the
//       ASL operator names, e.g. NumericGreaterThan), choice-rule-<i>-value (an <input> for
//       String/Numeric/Timestamp/…Path operators, a true/false <select> for BooleanEquals
//       and Is*); nested conditions append child indexes: choice-rule-<i>-<j>-variable,
//       choice-rule-<i>-<j>-<k>-operator… (a Not's operand is child 0);
//       choice-rule-<i>[-<j>…]-add adds a condition to an And/Or, …-remove removes one;
//     JSONata: choice-rule-<i>-condition (a wrapping <textarea>: Enter commits), choice-rule-<i>-output
//   choice-default                    Default <select> ("" = none)
//   wait-mode-Seconds | -SecondsPath | -Timestamp | -TimestampPath (radios), wait-value
//   fail-error / fail-error-path, fail-cause / fail-cause-path
//   pass-result
//   branch-add, branch-<i>, branch-<i>-remove, branch-<i>-open
//   map-items-path / map-items, map-item-selector, map-parameters, map-item-reader,
//   map-item-batcher, map-mode, map-execution-type, map-max-concurrency(-path),
//   map-tolerated-count(-path), map-tolerated-percentage(-path), map-label,
//   map-result-writer, map-open-processor
//   other-fields, other-<Key>, other-<Key>-remove   fields the form has no control for
//   machine-type-STANDARD / machine-type-EXPRESS, machine-comment, machine-start-at,
//   machine-timeout, machine-version, machine-query-language(-confirm)
//   Every JSON editor is a <textarea>; `chip` marks an ErrorEquals chip.

import { useDocumentStore } from '../../state/documentStore'
import { useWorkspaceStore } from '../../state/workspaceStore'
import { MachineInspector } from './MachineInspector'
import { MultiInspector } from './MultiInspector'
import { StateInspector } from './StateInspector'
import './inspector.css'

export function Inspector() {
  const selectedIds = useWorkspaceStore((s) => s.selectedIds)
  const states = useDocumentStore((s) => s.graph.states)
  const ids = selectedIds.filter((id) => Object.prototype.hasOwnProperty.call(states, id))
  return (
    <div className="sw-inspector" data-testid="inspector">
      {ids.length === 0 ? (
        <MachineInspector />
      ) : ids.length === 1 ? (
        <StateInspector key={ids[0]} stateId={ids[0]!} />
      ) : (
        <MultiInspector ids={ids} />
      )}
    </div>
  )
}

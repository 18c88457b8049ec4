import { useId } from 'react'
import type { DocPath } from '../../core/asl/diagnostics'
import { JSONATA_CHOICE_RULE_FIELDS, findField } from '../../core/asl/fields'
import type { ChoiceOperator, JsonObject, JsonValue } from '../../core/asl/types'
import { isJsonObject } from '../../core/asl/types'
import { defaultChoiceRule } from '../../core/graph/commands'
import { findStateInScope } from '../../core/graph/model'
import { CommitInput } from '../common/CommitInput'
import { DiagnosticList } from '../common/DiagnosticList'
import { Field } from '../common/Field'
import { Section } from '../common/Section'
import { checkJsonataText } from './checks'
import type { ExpressionKind } from './choiceRules'
import {
  OPERATOR_GROUPS,
  comparisonOperator,
  expressionChildren,
  expressionKind,
  isOperator,
  operandKind,
  operatorLabel,
  summarizeExpression,
  withChild,
  withChildAdded,
  withChildRemoved,
  withKind,
  withOperand,
  withOperator,
  withVariable,
} from './choiceRules'
import { useFieldDiagnostics, useStateEditor } from './context'
import { parseScalar, scalarText } from './scalar'
import { SpecJsonRow } from './rows'
import { TargetSelect } from './TargetSelect'

// The Choice rule builder. JSONPath rules are boolean expressions (a comparison of a Variable,
// or And/Or/Not of nested expressions, to any depth) plus Next; JSONata rules are a Condition
// expression plus Next. Every edit rewrites the one top-level rule it touches: one undo step.

export function ChoiceSection() {
  const editor = useStateEditor()
  const { language, state } = editor
  const rules = editor.get(['Choices'])
  const list = Array.isArray(rules) ? rules : []
  const setList = (next: JsonValue[], label: string) =>
    editor.change({ path: ['Choices'], value: next }, label)
  const add = (
    <button
      type="button"
      className="sw-btn sw-btn--small"
      data-testid="choice-rule-add"
      onClick={() => setList([...list, defaultChoiceRule(language)], 'Add choice rule')}
    >
      + Add rule
    </button>
  )
  const defaultValue = editor.get(['Default'])
  return (
    <Section
      id="choice"
      title="Choice rules"
      badge={<span className="sw-count">{list.length}</span>}
      actions={add}
      data-testid="choice-section"
    >
      <p className="sw-help sw-help--block">
        Rules are tried in order; the first that matches chooses the next state. When none matches,
        the Default runs (without one, the execution fails with States.NoChoiceMatched).
      </p>
      {list.map((rule, index) => (
        <RuleCard
          key={index}
          index={index}
          count={list.length}
          rule={rule}
          onMove={(to) => {
            const copy = list.slice()
            const [item] = copy.splice(index, 1)
            copy.splice(to, 0, item!)
            setList(copy, 'Move choice rule')
          }}
          onRemove={() =>
            setList(
              list.filter((_, i) => i !== index),
              'Remove choice rule',
            )
          }
        />
      ))}
      <TargetSelect
        label="Default"
        value={typeof defaultValue === 'string' ? defaultValue : undefined}
        noneLabel="— none (fail with States.NoChoiceMatched) —"
        help="The state to run when no rule matches."
        diagnostics={useFieldDiagnostics(['Default'])}
        testId="choice-default"
        onChange={(name) => {
          if (name === undefined) {
            editor.apply(
              { type: 'disconnect', sourceId: state.id, kind: 'default' },
              'Remove default',
            )
            return
          }
          const targetId = findStateInScope(editor.graph, state.scopeId, name)
          if (targetId !== undefined) {
            editor.apply(
              { type: 'connect', sourceId: state.id, kind: 'default', targetId },
              'Set default',
            )
          }
        }}
      />
    </Section>
  )
}

interface RuleCardProps {
  index: number
  count: number
  rule: JsonValue
  onMove(to: number): void
  onRemove(): void
}

function RuleCard({ index, count, rule, onMove, onRemove }: RuleCardProps) {
  const editor = useStateEditor()
  const { state, language } = editor
  const prefix = `choice-rule-${index}`
  const path: DocPath = ['Choices', index]
  const object: JsonObject = isJsonObject(rule) ? rule : {}
  const next = typeof object.Next === 'string' ? object.Next : undefined
  const jsonata = language === 'JSONata' || 'Condition' in object
  const ownDiagnostics = useFieldDiagnostics(path, true)
  const nextDiagnostics = useFieldDiagnostics([...path, 'Next'])
  const commit = (value: JsonObject, label = 'Edit choice rule') =>
    editor.change({ path, value }, label)
  return (
    <div className="sw-card" data-testid={prefix} data-field={path.join('.')}>
      <div className="sw-card-header">
        <span className="sw-card-title">
          <span className="sw-card-name">Rule {index + 1}</span>
          <code className="sw-card-summary">
            {summarizeExpression(object)} → {next ?? '?'}
          </code>
        </span>
        <span className="sw-item-tools">
          <button
            type="button"
            className="sw-ibtn"
            aria-label={`Move rule ${index + 1} up`}
            disabled={index === 0}
            data-testid={`${prefix}-up`}
            onClick={() => onMove(index - 1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="sw-ibtn"
            aria-label={`Move rule ${index + 1} down`}
            disabled={index === count - 1}
            data-testid={`${prefix}-down`}
            onClick={() => onMove(index + 1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="sw-ibtn sw-ibtn--danger"
            aria-label={`Remove rule ${index + 1}`}
            data-testid={`${prefix}-remove`}
            onClick={onRemove}
          >
            ✕
          </button>
        </span>
      </div>
      {ownDiagnostics.length > 0 && <DiagnosticList diagnostics={ownDiagnostics} />}
      {jsonata ? (
        <ConditionRow rule={object} prefix={prefix} path={path} onCommit={commit} />
      ) : (
        <ExpressionEditor
          expr={object}
          path={path}
          prefix={prefix}
          depth={0}
          onChange={(value) => commit(value)}
        />
      )}
      <TargetSelect
        label="Then go to (Next)"
        value={next}
        noneLabel="— choose a state —"
        diagnostics={nextDiagnostics}
        testId={`${prefix}-next`}
        onChange={(name) => {
          if (name === undefined) {
            editor.change({ path: [...path, 'Next'], value: undefined }, 'Edit choice rule')
            return
          }
          const targetId = findStateInScope(editor.graph, state.scopeId, name)
          if (targetId !== undefined) {
            editor.apply(
              { type: 'connect', sourceId: state.id, kind: 'choice', index, targetId },
              'Connect choice rule',
            )
          }
        }}
      />
      {jsonata && (
        <SpecJsonRow
          spec={findField(JSONATA_CHOICE_RULE_FIELDS, 'Output')!}
          path={[...path, 'Output']}
          expect="any"
          dense
          testId={`${prefix}-output`}
        />
      )}
      <SpecJsonRow
        spec={findField(JSONATA_CHOICE_RULE_FIELDS, 'Assign')!}
        path={[...path, 'Assign']}
        dense
        testId={`${prefix}-assign`}
      />
    </div>
  )
}

function ConditionRow({
  rule,
  prefix,
  path,
  onCommit,
}: {
  rule: JsonObject
  prefix: string
  path: DocPath
  onCommit(value: JsonObject): void
}) {
  const id = useId()
  const diagnostics = useFieldDiagnostics([...path, 'Condition'])
  const condition = rule.Condition
  return (
    <Field label="Condition" htmlFor={id} diagnostics={diagnostics}>
      <CommitInput
        id={id}
        className="sw-code-input"
        value={typeof condition === 'string' ? condition : scalarText(condition)}
        placeholder="{% $states.input.amount > 100 %}"
        multiline
        data-testid={`${prefix}-condition`}
        validate={(text) =>
          text === 'true' || text === 'false' ? undefined : checkJsonataText(text)
        }
        onCommit={(text) =>
          onCommit({ ...rule, Condition: text === 'true' ? true : text === 'false' ? false : text })
        }
      />
    </Field>
  )
}

interface ExpressionEditorProps {
  expr: JsonObject
  path: DocPath
  prefix: string
  depth: number
  onChange(value: JsonObject): void
  onRemove?(): void
}

const KIND_LABELS: readonly { value: ExpressionKind; label: string }[] = [
  { value: 'comparison', label: 'Comparison' },
  { value: 'And', label: 'And — all of' },
  { value: 'Or', label: 'Or — any of' },
  { value: 'Not', label: 'Not' },
]

/** One boolean expression, recursively: a comparison, or And/Or/Not of nested expressions. */
function ExpressionEditor({
  expr,
  path,
  prefix,
  depth,
  onChange,
  onRemove,
}: ExpressionEditorProps) {
  const kind = expressionKind(expr)
  const kindId = useId()
  const children = expressionChildren(expr)
  return (
    <div className={`sw-expr sw-expr--depth-${Math.min(depth, 3)}`} data-testid={`${prefix}-expr`}>
      <div className="sw-expr-head">
        <label className="sw-visually-hidden" htmlFor={kindId}>
          Kind of condition
        </label>
        <select
          id={kindId}
          className="sw-select sw-select--compact"
          value={kind}
          data-testid={`${prefix}-kind`}
          onChange={(event) => onChange(withKind(expr, event.target.value as ExpressionKind))}
        >
          {KIND_LABELS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {onRemove && (
          <button
            type="button"
            className="sw-ibtn sw-ibtn--danger"
            aria-label="Remove this condition"
            data-testid={`${prefix}-remove`}
            onClick={onRemove}
          >
            ✕
          </button>
        )}
      </div>
      {kind === 'comparison' ? (
        <ComparisonEditor expr={expr} path={path} prefix={prefix} onChange={onChange} />
      ) : (
        <div className="sw-expr-children">
          {children.map((child, i) => {
            const childPath = [...path, kind, ...(kind === 'Not' ? [] : [i])]
            const childExpr = isJsonObject(child) ? child : {}
            return (
              <ExpressionEditor
                key={i}
                expr={childExpr}
                path={childPath}
                prefix={`${prefix}-${i}`}
                depth={depth + 1}
                onChange={(value) => onChange(withChild(expr, i, value))}
                onRemove={
                  kind === 'Not' || children.length <= 1
                    ? undefined
                    : () => onChange(withChildRemoved(expr, i))
                }
              />
            )
          })}
          {kind !== 'Not' && (
            <button
              type="button"
              className="sw-btn sw-btn--small sw-btn--ghost"
              data-testid={`${prefix}-add`}
              onClick={() => onChange(withChildAdded(expr))}
            >
              + Add condition
            </button>
          )}
        </div>
      )}
    </div>
  )
}

function ComparisonEditor({
  expr,
  path,
  prefix,
  onChange,
}: {
  expr: JsonObject
  path: DocPath
  prefix: string
  onChange(value: JsonObject): void
}) {
  const variableId = useId()
  const operatorId = useId()
  const valueId = useId()
  const op = comparisonOperator(expr)
  const variable = typeof expr.Variable === 'string' ? expr.Variable : ''
  const diagnostics = useFieldDiagnostics(path, true)
  const variableDiagnostics = useFieldDiagnostics([...path, 'Variable'])
  const operandDiagnostics = useFieldDiagnostics(op ? [...path, op] : [...path, '\u0000'])
  return (
    <div className="sw-comparison">
      <div className="sw-comparison-row">
        <div className="sw-comparison-cell sw-comparison-cell--variable">
          <label className="sw-label" htmlFor={variableId}>
            Variable
          </label>
          <CommitInput
            id={variableId}
            className="sw-code-input"
            value={variable}
            placeholder="$.amount"
            data-testid={`${prefix}-variable`}
            validate={(text) => {
              const parsed = parseScalar(text, { kind: 'path', required: true })
              return parsed.ok ? undefined : parsed.error
            }}
            onCommit={(text) => onChange(withVariable(expr, text))}
          />
        </div>
        <div className="sw-comparison-cell">
          <label className="sw-label" htmlFor={operatorId}>
            Operator
          </label>
          <select
            id={operatorId}
            className="sw-select"
            value={op ?? ''}
            data-testid={`${prefix}-operator`}
            onChange={(event) => {
              const next = event.target.value
              if (isOperator(next)) onChange(withOperator(expr, next))
            }}
          >
            {op === undefined && <option value="">— choose —</option>}
            {OPERATOR_GROUPS.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.operators.map((operator) => (
                  <option key={operator} value={operator}>
                    {operatorLabel(operator)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        {op && (
          <div className="sw-comparison-cell">
            <label className="sw-label" htmlFor={valueId}>
              {operandKind(op) === 'path' ? 'Path' : 'Value'}
            </label>
            <OperandInput
              id={valueId}
              operator={op}
              value={expr[op]}
              testId={`${prefix}-value`}
              onCommit={(value) => onChange(withOperand(expr, value))}
            />
          </div>
        )}
      </div>
      {[...diagnostics, ...variableDiagnostics, ...operandDiagnostics].length > 0 && (
        <DiagnosticList
          diagnostics={[...diagnostics, ...variableDiagnostics, ...operandDiagnostics]}
        />
      )}
    </div>
  )
}

function OperandInput({
  id,
  operator,
  value,
  testId,
  onCommit,
}: {
  id: string
  operator: ChoiceOperator
  value: JsonValue | undefined
  testId: string
  onCommit(value: JsonValue): void
}) {
  const kind = operandKind(operator)
  if (kind === 'boolean' || kind === 'test') {
    return (
      <select
        id={id}
        className="sw-select"
        value={value === false ? 'false' : 'true'}
        data-testid={testId}
        onChange={(event) => onCommit(event.target.value === 'true')}
      >
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    )
  }
  const spec =
    kind === 'number'
      ? ({ kind: 'number', required: true } as const)
      : kind === 'timestamp'
        ? ({ kind: 'timestamp', required: true } as const)
        : kind === 'path'
          ? ({ kind: 'path', required: true } as const)
          : ({ kind: 'string' } as const)
  const placeholder =
    kind === 'number'
      ? '100'
      : kind === 'timestamp'
        ? '2024-01-31T12:00:00Z'
        : kind === 'path'
          ? '$.other'
          : kind === 'pattern'
            ? 'log-*.txt'
            : 'text'
  return (
    <CommitInput
      id={id}
      className={kind === 'path' ? 'sw-code-input' : undefined}
      value={scalarText(value)}
      placeholder={placeholder}
      data-testid={testId}
      validate={(text) => {
        const parsed = parseScalar(text, spec)
        return parsed.ok ? undefined : parsed.error
      }}
      onCommit={(text) => {
        const parsed = parseScalar(text, spec)
        if (parsed.ok) onCommit(parsed.value ?? '')
      }}
    />
  )
}

// A run's summary: outcome, state transitions, virtual duration, and what it would cost on AWS
// (Standard per transition; Express per request and GB-second for a chosen memory size), with
// the rates editable since regions differ.

import { useId, useState } from 'react'
import {
  AWS_HISTORY_QUOTA,
  DEFAULT_PRICING,
  estimateCost,
  useExecutionStore,
  type Pricing,
  type RunRecord,
} from '../../state/executionStore'
import { formatCount, formatDuration, formatUsd } from './format'

export function StatusChip({ status }: { status: RunRecord['status'] }) {
  const label =
    status === 'RUNNING'
      ? 'Running'
      : status === 'SUCCEEDED'
        ? 'Succeeded'
        : status === 'FAILED'
          ? 'Failed'
          : status === 'TIMED_OUT'
            ? 'Timed out'
            : 'Aborted'
  return (
    <span className={`sw-status-chip is-${status.toLowerCase()}`} data-testid="run-status">
      {label}
    </span>
  )
}

export function RunSummaryView({ run }: { run: RunRecord }) {
  const pricing = useExecutionStore((s) => s.pricing)
  const summary = run.summary
  return (
    <section className="sw-run-summary" aria-label="Run summary" data-testid="run-summary">
      <header className="sw-run-summary-head">
        <StatusChip status={run.status} />
        <strong className="sw-run-summary-name" title={run.name}>
          {run.name}
        </strong>
        {run.source === 'imported' && <span className="sw-pill">imported</span>}
      </header>
      {summary?.error !== undefined && (
        <p className="sw-run-error" role={run.status === 'FAILED' ? 'alert' : undefined}>
          <code>{summary.error}</code>
          {summary.cause ? <span> {summary.cause}</span> : null}
        </p>
      )}
      {run.note && <p className="sw-run-note">{run.note}</p>}
      {summary ? (
        <>
          <dl className="sw-stats">
            <div>
              <dt>State transitions</dt>
              <dd data-testid="run-transitions">{formatCount(summary.transitions)}</dd>
            </div>
            <div>
              <dt>Virtual duration</dt>
              <dd data-testid="run-duration">{formatDuration(summary.durationMs)}</dd>
            </div>
            <div>
              <dt>History events</dt>
              <dd>{formatCount(summary.eventCount)}</dd>
            </div>
          </dl>
          {summary.eventCount > AWS_HISTORY_QUOTA && (
            <p className="sw-run-note is-warning">
              On AWS a Standard execution may have at most {formatCount(AWS_HISTORY_QUOTA)} history
              events: this one would fail there (use a Distributed Map or child workflows).
            </p>
          )}
          <CostView
            workflowType={run.workflowType}
            transitions={summary.transitions}
            durationMs={summary.durationMs}
            pricing={pricing}
          />
        </>
      ) : (
        run.status === 'RUNNING' && <p className="sw-muted">Running…</p>
      )}
    </section>
  )
}

function CostView({
  workflowType,
  transitions,
  durationMs,
  pricing,
}: {
  workflowType: RunRecord['workflowType']
  transitions: number
  durationMs: number
  pricing: Pricing
}) {
  const [editing, setEditing] = useState(false)
  const cost = estimateCost({ transitions, durationMs }, pricing)
  return (
    <div className="sw-cost" data-testid="run-cost">
      <div className="sw-cost-head">
        <span className="sw-cost-title">Cost on AWS, per execution</span>
        <button
          type="button"
          className="sw-link-button"
          aria-expanded={editing}
          onClick={() => setEditing((e) => !e)}
        >
          {editing ? 'Done' : 'Rates…'}
        </button>
      </div>
      <dl className="sw-cost-list">
        <div className={workflowType === 'STANDARD' ? 'is-this' : undefined}>
          <dt>Standard</dt>
          <dd data-testid="cost-standard">{formatUsd(cost.standard)}</dd>
          <dd className="sw-cost-why">
            {formatCount(transitions)} transitions ×{' '}
            {formatUsd(pricing.standardPerThousandTransitions)} per 1,000
          </dd>
        </div>
        <div className={workflowType === 'EXPRESS' ? 'is-this' : undefined}>
          <dt>Express</dt>
          <dd data-testid="cost-express">{formatUsd(cost.express.total)}</dd>
          <dd className="sw-cost-why">
            1 request + {formatDuration(cost.express.billedMs)} at {cost.express.billedMb} MB (
            {Number(cost.express.gbSeconds.toPrecision(3))} GB-s)
          </dd>
        </div>
      </dl>
      <p className="sw-cost-scale">
        Per million runs: Standard {formatUsd(cost.standard * 1e6)} · Express{' '}
        {formatUsd(cost.express.total * 1e6)}
      </p>
      {editing && <RatesEditor pricing={pricing} />}
    </div>
  )
}

const RATE_FIELDS: { key: keyof Pricing; label: string; step: string; unit: string }[] = [
  {
    key: 'standardPerThousandTransitions',
    label: 'Standard',
    step: '0.001',
    unit: 'USD per 1,000 transitions',
  },
  {
    key: 'expressPerMillionRequests',
    label: 'Express requests',
    step: '0.01',
    unit: 'USD per million',
  },
  {
    key: 'expressPerGbSecond',
    label: 'Express duration',
    step: '0.0000001',
    unit: 'USD per GB-second',
  },
  { key: 'expressMemoryMb', label: 'Express memory', step: '64', unit: 'MB (billed per 64 MB)' },
]

function RatesEditor({ pricing }: { pricing: Pricing }) {
  const id = useId()
  return (
    <fieldset className="sw-rates">
      <legend className="sw-label">Rates (us-east-1 list prices by default)</legend>
      {RATE_FIELDS.map((field) => (
        <label key={field.key} className="sw-rate" htmlFor={`${id}-${field.key}`}>
          <span>{field.label}</span>
          <input
            id={`${id}-${field.key}`}
            className="sw-input"
            type="number"
            min={field.key === 'expressMemoryMb' ? 64 : 0}
            step={field.step}
            value={pricing[field.key]}
            data-testid={`rate-${field.key}`}
            onChange={(e) => {
              const value = Number(e.target.value)
              if (Number.isFinite(value) && value >= 0) {
                useExecutionStore.getState().setPricing({ [field.key]: value })
              }
            }}
          />
          <span className="sw-muted">{field.unit}</span>
        </label>
      ))}
      <button
        type="button"
        className="sw-btn sw-btn--small"
        onClick={() => useExecutionStore.getState().setPricing(DEFAULT_PRICING)}
      >
        Reset to list prices
      </button>
    </fieldset>
  )
}

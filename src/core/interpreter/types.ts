// The public option and result types of runExecution and testState.

import type { JsonObject, JsonValue, WorkflowType } from '../asl/types'
import type { Clock } from './clock'
import type { EventSink } from './history'
import type { MockOptions } from './mocks'

export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED'

/** Just what an AbortSignal offers; core/ has no DOM types. */
export interface AbortSignalLike {
  readonly aborted: boolean
  addEventListener?(type: 'abort', listener: () => void, options?: { once?: boolean }): void
  removeEventListener?(type: 'abort', listener: () => void): void
}

export interface ExecutionLimits {
  /**
   * States entered (every Retry attempt counts, as AWS bills them) before the run is stopped
   * with Stepwise.TransitionLimitExceeded. Default 1,000,000: a runaway loop ends in about a
   * second instead of hanging.
   */
  maxTransitions?: number
  /**
   * History events before the run is stopped with Stepwise.HistoryLimitExceeded. Default
   * 1,000,000; AWS's own quota for a Standard workflow is 25,000.
   */
  maxHistoryEvents?: number
  /** Largest state input/output or task result in bytes; default 262,144 (256 KiB). */
  maxPayloadBytes?: number
}

export interface RunOptions {
  /** Task results: a MockConfigFile test case and/or functions (see mocks.ts). */
  mocks?: MockOptions
  /** Used for `$$.StateMachine.Name` and ARNs, and to select the MockConfigFile entry. */
  stateMachineName?: string
  /** `$$.Execution.Name`; default: a UUID from the seeded random source. */
  executionName?: string
  /** Partial context object, deep-merged over the defaults (Execution, StateMachine, State…). */
  context?: JsonObject
  accountId?: string
  region?: string
  partition?: string
  /** `$$.Execution.RoleArn`; default `arn:<partition>:iam::<account>:role/StepwiseExecutionRole`. */
  roleArn?: string
  /** STANDARD (default) or EXPRESS: Express runs time out after 5 minutes, Standard after a year. */
  workflowType?: WorkflowType
  /** Seeds UUIDs, $random, task tokens and FULL jitter; default 0. */
  seed?: string | number
  /** Start of the virtual clock (ms or ISO text); default 2024-01-01T00:00:00Z. */
  startTime?: number | string
  /** Replaces the virtual clock (e.g. a real one). */
  clock?: Clock
  limits?: ExecutionLimits
  signal?: AbortSignalLike
  /** Receives every history event as it happens. Without it no event is built at all. */
  onEvent?: EventSink
  /**
   * Also report the events of a Distributed Map's child workflows (with their statePath). AWS
   * keeps them in the child executions' own histories, so by default they are left out.
   */
  distributedMapChildEvents?: boolean
  /**
   * Called every `yieldEveryTransitions` transitions (default 2,000) so a host can handle
   * messages (an abort, say) during a long synchronous run. Absent: the run never pauses.
   */
  yieldToHost?: () => PromiseLike<void>
  yieldEveryTransitions?: number
}

export interface ExecutionResult {
  status: ExecutionStatus
  output?: JsonValue
  error?: string
  cause?: string
  /** States entered, Retry attempts included. */
  transitions: number
  /** History events the run produced (counted even when nobody listened). */
  eventCount: number
  executionArn: string
  startDate: string
  stopDate: string
}

export type InspectionLevel = 'INFO' | 'DEBUG' | 'TRACE'

/** The values a state passes through, as TestState's inspectionData reports them (parsed). */
export interface InspectionData {
  input?: JsonValue
  afterInputPath?: JsonValue
  afterParameters?: JsonValue
  afterArguments?: JsonValue
  afterItemsPath?: JsonValue
  afterItemSelector?: JsonValue
  afterItemBatcher?: JsonValue
  result?: JsonValue
  afterResultSelector?: JsonValue
  afterResultPath?: JsonValue
  maxConcurrency?: number
  toleratedFailureCount?: number
  toleratedFailurePercentage?: number
  /** Variables after the state, when it assigned any. */
  variables?: JsonObject
  errorDetails?: { catchIndex?: number; retryIndex?: number; retryBackoffIntervalSeconds?: number }
}

export type TestStateStatus = 'SUCCEEDED' | 'FAILED' | 'CAUGHT_ERROR' | 'RETRIABLE'

export interface TestStateMock {
  /** The state's result: JSON text (as AWS takes it) or a value. */
  result?: string | JsonValue
  errorOutput?: { error?: string; cause?: string }
  fieldValidationMode?: 'STRICT' | 'PRESENT' | 'NONE'
}

/** TestState's stateConfiguration: pretend parts of an execution already happened. */
export interface TestStateConfiguration {
  /** Retries already made by the retrier that matches the error. */
  retrierRetryCount?: number
  /** A Map/Parallel state: the inner state that raises the mocked errorOutput. */
  errorCausedByState?: string
  /** A Map state: how many iterations failed. */
  mapIterationFailureCount?: number
  /** A Map state with an ItemReader: the reader's data. */
  mapItemReaderData?: string | JsonValue
}

export interface TestStateOptions {
  mock?: TestStateMock
  inspectionLevel?: InspectionLevel
  /** Variables in scope when the state runs. */
  variables?: JsonObject
  /** The whole context object the state sees (as AWS's TestState: it replaces, not merges). */
  context?: JsonObject
  /** `$$.Execution.RoleArn`; null when not given, as in AWS's TestState. */
  roleArn?: string
  stateConfiguration?: TestStateConfiguration
  accountId?: string
  region?: string
  partition?: string
  seed?: string | number
  startTime?: number | string
  /** For Task states without `mock`: how their result is produced (as runExecution's mocks). */
  mocks?: MockOptions
}

export interface TestStateResult {
  status: TestStateStatus
  output?: JsonValue
  error?: string
  cause?: string
  nextState?: string
  inspectionData?: InspectionData
}

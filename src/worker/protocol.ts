// Messages between the page and the interpreter worker: plain structured-clone data, one union
// per direction. Every union is handled exhaustively on the receiving side.

import type { JsonObject, JsonValue, StateMachine, WorkflowType } from '../core/asl/types'
import type {
  ExecutionLimits,
  ExecutionStatus,
  HistoryEvent,
  MockConfigFile,
  UnmappedTaskPolicy,
} from '../core/interpreter'

/** The serialisable subset of runExecution's options. */
export interface RunStartOptions {
  executionName?: string
  context?: JsonObject
  accountId?: string
  region?: string
  partition?: string
  roleArn?: string
  workflowType?: WorkflowType
  seed?: string | number
  /** ms since the epoch, or ISO text; default: the interpreter's fixed virtual start. */
  startTime?: number | string
  limits?: ExecutionLimits
  unmappedTasks?: UnmappedTaskPolicy
  distributedMapChildEvents?: boolean
}

export interface RunStartMessage {
  type: 'run/start'
  runId: string
  definition: StateMachine
  input: JsonValue
  /** A MockConfigFile; `testCase` (and `stateMachineName`) select the mapping in it. */
  mocks?: MockConfigFile
  testCase?: string
  /** `$$.StateMachine.Name`, and the MockConfigFile entry to use. */
  stateMachineName?: string
  options?: RunStartOptions
}

export interface RunAbortMessage {
  type: 'run/abort'
  runId: string
}

export type ToWorker = RunStartMessage | RunAbortMessage

/** History events of a run, in order, batched (per N events or per macrotask). */
export interface RunEventsMessage {
  type: 'run/events'
  runId: string
  events: HistoryEvent[]
}

export interface RunFinishedMessage {
  type: 'run/finished'
  runId: string
  status: ExecutionStatus
  output?: JsonValue
  error?: string
  cause?: string
  transitions: number
  eventCount: number
  executionArn: string
  startDate: string
  stopDate: string
}

/** The worker hit an error it could not attribute to a run; it may be unusable. */
export interface WorkerCrashedMessage {
  type: 'worker/crashed'
  message: string
  runId?: string
}

export type FromWorker = RunEventsMessage | RunFinishedMessage | WorkerCrashedMessage

/** A run that could not start (a bad request, e.g. an unknown test case) ends with this error. */
export const INVALID_REQUEST = 'Stepwise.InvalidRequest'

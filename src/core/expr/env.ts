import type { JsonObject, JsonValue } from '../asl/types'

export interface VariableScope {
  /** undefined when the variable is not defined in this scope or an enclosing one. */
  get(name: string): JsonValue | undefined
}

export interface ExprRuntime {
  /** A v4 UUID from the execution's seeded random source (States.UUID, $uuid()). */
  uuid(): string
  /** A float in [0, 1) from the execution's seeded random source ($random(), MathRandom). */
  random(): number
  /** e.g. 'aws'; for JSONata $partition. */
  partition: string
}

export interface EvalEnv {
  /** The context object ($$ in JSONPath, $states.context in JSONata). */
  context: JsonObject
  variables: VariableScope
  runtime: ExprRuntime
}

export interface StatesBinding {
  input: JsonValue
  result?: JsonValue
  errorOutput?: JsonValue
  context: JsonObject
}

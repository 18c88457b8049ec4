// Workflow variables (Assign). A Parallel branch or Map iteration gets a scope of its own whose
// parent is the enclosing scope: inner states read outer variables, and what they assign stays
// inside the branch or iteration. A Distributed Map's child workflows are separate executions
// and start from an empty scope.

import type { JsonObject, JsonValue } from '../asl/types'
import type { VariableScope } from '../expr'

export class Scope implements VariableScope {
  private vars: Map<string, JsonValue> | null = null
  constructor(readonly parent: Scope | null) {}

  get(name: string): JsonValue | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars?.get(name)
      if (v !== undefined) return v
    }
    return undefined
  }

  assign(values: JsonObject): void {
    const vars = (this.vars ??= new Map())
    for (const key in values) vars.set(key, values[key]!)
  }

  /** Forgets this scope's own variables. */
  clear(): void {
    this.vars = null
  }

  /** Every visible variable, inner scopes winning (for TestState's inspectionData). */
  snapshot(): JsonObject {
    const chain: Scope[] = []
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    for (let s: Scope | null = this; s; s = s.parent) chain.unshift(s)
    const out: JsonObject = {}
    for (const s of chain) if (s.vars) for (const [k, v] of s.vars) out[k] = v
    return out
  }
}

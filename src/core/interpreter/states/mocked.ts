// TestState: a Map or Parallel state whose result is mocked does not run its children.

import type { JsonValue } from '../../asl/types'
import type { CompiledState } from '../compile'
import { StateFailure } from '../errors'
import type { Execution } from '../execution'

/** The mocked result of the state under test, undefined when it is not mocked. */
export function mockedStateResult(x: Execution, state: CompiledState): JsonValue | undefined {
  const override = x.stateOverride
  if (!override || override.stateName !== state.name || !override.entry) return undefined
  const entry = override.entry
  if (entry.Throw) throw new StateFailure(entry.Throw.Error, entry.Throw.Cause)
  return (entry.Return ?? null) as JsonValue
}

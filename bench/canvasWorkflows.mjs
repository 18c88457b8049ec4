// Deterministic workflows of an exact size for the canvas benchmark: the shapes real workflows
// have (Lambda Tasks with Retry and Catch, Choices that skip ahead, Parallels with branches,
// Maps with a processor, Waits and Passes), repeated until the count is reached.
//
//   node bench/canvasWorkflows.mjs 1000 > big.asl.json     writes one definition

const LAMBDA = 'arn:aws:states:::lambda:invoke'

/** A definition with exactly `count` states (nested ones included), `count` ≥ 2. */
export function generateCanvasWorkflow(count) {
  if (!Number.isInteger(count) || count < 2) throw new Error('count must be an integer ≥ 2')
  const states = {}
  const order = []
  let serial = 0
  let remaining = count - 1 // the final Fail every catcher goes to
  const failName = 'Handle failure'
  const name = (kind) => `${kind} ${++serial}`

  const task = (label) => ({
    Type: 'Task',
    Resource: LAMBDA,
    Parameters: { FunctionName: `fn-${label.replace(/\s+/g, '-')}`, 'Payload.$': '$' },
    Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 2 }],
  })
  const chain = (size, kind) => {
    const names = Array.from({ length: size }, () => name(kind))
    const inner = {}
    names.forEach((n, i) => {
      inner[n] = i === size - 1 ? { Type: 'Pass', End: true } : { ...task(n), Next: names[i + 1] }
    })
    return { StartAt: names[0], States: inner }
  }

  let motif = 0
  while (remaining > 0) {
    const kind = motif++ % 6
    if (kind === 0 && remaining >= 7) {
      // Parallel with two branches of three states.
      const n = name('Fan out')
      states[n] = { Type: 'Parallel', Branches: [chain(3, 'Branch step'), chain(3, 'Branch step')] }
      order.push(n)
      remaining -= 7
    } else if (kind === 1 && remaining >= 4) {
      const n = name('For each')
      states[n] = {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: 10,
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...chain(3, 'Item step') },
      }
      order.push(n)
      remaining -= 4
    } else if (kind === 2 && remaining >= 3) {
      order.push(name('Decide'))
      states[order.at(-1)] = { Type: 'Choice' } // rules filled in once the next names are known
      remaining -= 1
    } else if (kind === 3) {
      const n = name('Wait')
      states[n] = { Type: 'Wait', Seconds: 5 }
      order.push(n)
      remaining -= 1
    } else if (kind === 4) {
      const n = name('Prepare')
      states[n] = { Type: 'Pass', Result: { step: serial }, ResultPath: '$.prepared' }
      order.push(n)
      remaining -= 1
    } else {
      const n = name('Call')
      states[n] = { ...task(n), Catch: [{ ErrorEquals: ['States.ALL'], Next: failName }] }
      order.push(n)
      remaining -= 1
    }
  }
  // Wire the top level: each state to the next; a Choice's rules skip ahead.
  order.forEach((n, i) => {
    const next = order[i + 1]
    const state = states[n]
    if (state.Type === 'Choice') {
      const ahead = (k) => order[Math.min(i + k, order.length - 1)]
      const fallback = next ?? failName
      state.Choices = [
        { Variable: '$.amount', NumericGreaterThan: 100, Next: ahead(2) ?? fallback },
        { Variable: '$.priority', StringEquals: 'high', Next: ahead(3) ?? fallback },
      ]
      state.Default = fallback
    } else if (next === undefined) {
      state.End = true
    } else {
      state.Next = next
    }
  })
  states[failName] = { Type: 'Fail', Error: 'Generated.Failure', Cause: 'A generated step failed' }
  return { Comment: `Generated workflow with ${count} states`, StartAt: order[0], States: states }
}

/** Counts every state, nested ones included. */
export function countStates(definition) {
  let count = 0
  const visit = (container) => {
    for (const state of Object.values(container.States ?? {})) {
      count++
      for (const branch of state.Branches ?? []) visit(branch)
      if (state.ItemProcessor) visit(state.ItemProcessor)
    }
  }
  visit(definition)
  return count
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 100)
  process.stdout.write(JSON.stringify(generateCanvasWorkflow(count), null, 2) + '\n')
}

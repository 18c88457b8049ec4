// Micro-benchmark of the expr hot paths (not a test). Run: npx tsx src/core/expr/bench/exprBench.mjs
// Each scenario simulates N states' worth of value computation on a ~10 KB document and prints
// the time per state. Nothing here is asserted; the figures go into README.md.
import {
  applyInputPath,
  applyOutputPath,
  applyPayloadTemplate,
  applyResultPath,
  evaluateAssign,
  evaluateChoiceRule,
  evaluateJsonataValue,
} from '../index.ts'

function makeDocument() {
  const items = []
  for (let i = 0; i < 140; i++) {
    items.push({
      id: i,
      name: `item-${i}`,
      price: i * 1.25,
      tags: ['a', 'b', String(i)],
      ok: i % 2 === 0,
    })
  }
  return {
    order: { id: 'o-1', customer: { name: 'Ada', email: 'ada@example.com' }, items },
    meta: { v: 1 },
  }
}

const doc = makeDocument()
console.log(`document: ${JSON.stringify(doc).length} bytes of JSON`)

let n = 0
const vars = new Map([
  ['limit', 10],
  ['tpl', 'Order {} for {}'],
])
const env = {
  context: {
    Execution: { Id: 'arn:aws:states:us-east-1:1:execution:sm:e', Name: 'e' },
    State: { Name: 'S', EnteredTime: '2024-01-01T00:00:00Z' },
  },
  variables: { get: (k) => vars.get(k) },
  runtime: {
    random: () => (n = (n * 1103515245 + 12345) % 2 ** 31) / 2 ** 31,
    uuid: () => 'uuid',
    partition: 'aws',
  },
}

function bench(name, states, fn) {
  for (let i = 0; i < 200; i++) fn(i) // warm-up
  const t0 = performance.now()
  let rounds = 0
  while (performance.now() - t0 < 500) {
    for (let i = 0; i < states; i++) fn(i)
    rounds++
  }
  const ms = (performance.now() - t0) / rounds
  console.log(
    `${name.padEnd(58)} ${ms.toFixed(2).padStart(8)} ms per ${states} states  (${((ms * 1000) / states).toFixed(2)} µs/state)`,
  )
}

async function benchAsync(name, states, fn) {
  for (let i = 0; i < 50; i++) await fn(i)
  const t0 = performance.now()
  let rounds = 0
  while (performance.now() - t0 < 500) {
    for (let i = 0; i < states; i++) await fn(i)
    rounds++
  }
  const ms = (performance.now() - t0) / rounds
  console.log(
    `${name.padEnd(58)} ${ms.toFixed(2).padStart(8)} ms per ${states} states  (${((ms * 1000) / states).toFixed(2)} µs/state)`,
  )
}

// 1. A Pass/Task state's full JSONPath pipeline.
const parameters = {
  'orderId.$': '$.order.id',
  'customer.$': '$.order.customer.name',
  'first.$': '$.order.items[0]',
  'ctx.$': '$$.Execution.Id',
  'limit.$': '$limit',
  constant: { deep: { value: [1, 2, 3] } },
}
const resultSelector = { 'name.$': '$.customer', 'id.$': '$.orderId' }
bench(
  'JSONPath pipeline (InputPath, Parameters, ResultSelector, ResultPath, OutputPath)',
  1000,
  () => {
    const effective = applyInputPath('$', doc, env)
    const params = applyPayloadTemplate(parameters, effective, env, 'Parameters')
    const selected = applyPayloadTemplate(resultSelector, params, env, 'ResultSelector')
    const placed = applyResultPath('$.result', doc, selected)
    applyOutputPath('$', placed, env)
  },
)

bench('Parameters with an indefinite path and a filter', 1000, () => {
  applyPayloadTemplate(
    { 'cheap.$': '$.order.items[?(@.price < 10)].name', 'ids.$': '$.order.items[*].id' },
    doc,
    env,
    'Parameters',
  )
})

// 2. Intrinsics.
const intrinsicTemplate = {
  'msg.$': 'States.Format($tpl, $.order.id, $.order.customer.name)',
  'parts.$': "States.StringSplit($.order.customer.email, '@.')",
  'count.$': 'States.ArrayLength($.order.items)',
  'sum.$': 'States.MathAdd($.meta.v, 41)',
  'arr.$': "States.Array($.order.id, 'x', 1)",
  'json.$': 'States.JsonToString($.order.customer)',
}
bench('6 intrinsic functions per state', 1000, () => {
  applyPayloadTemplate(intrinsicTemplate, doc, env, 'Parameters')
})
bench('States.Hash SHA-256 of a 100-char string', 1000, () => {
  applyPayloadTemplate(
    { 'h.$': "States.Hash($.s, 'SHA-256')" },
    { s: 'x'.repeat(100) },
    env,
    'Parameters',
  )
})

// 3. Choice rules and Assign.
const rule = {
  And: [
    { Variable: '$.order.items[3].price', NumericGreaterThan: 1 },
    { Variable: '$.order.customer.name', StringMatches: 'A*' },
    { Not: { Variable: '$.meta.missing', IsPresent: true } },
  ],
  Next: 'X',
}
bench('Choice rule (And of 3 comparisons)', 1000, () => {
  evaluateChoiceRule(rule, 'JSONPath', doc, env)
})
bench('JSONPath Assign of 3 variables', 1000, () => {
  evaluateAssign(
    { 'a.$': '$.order.id', 'b.$': '$limit', c: 3 },
    'JSONPath',
    { input: doc, result: doc, context: env.context },
    env,
  )
})

// 4. JSONata, for comparison (async, the jsonata package).
const output = {
  id: '{% $states.input.order.id %}',
  total: '{% $sum($states.input.order.items.price) %}',
  n: '{% $limit + 1 %}',
}
const simple = {
  id: '{% $states.input.order.id %}',
  who: '{% $states.input.order.customer %}',
  n: '{% $limit %}',
}
await benchAsync('JSONata Output with 3 expressions', 1000, () =>
  evaluateJsonataValue(output, { input: doc, context: env.context }, env, 'Output'),
)
await benchAsync('JSONata Output with 3 plain references (fast path)', 1000, () =>
  evaluateJsonataValue(simple, { input: doc, context: env.context }, env, 'Output'),
)

// fast-check arbitraries for random VALID state machines: every state reachable, transitions
// inside their scope, terminal states last, nested Parallel branches and Map processors
// (ItemProcessor or legacy Iterator), Choice rules (JSONPath operators, And/Or/Not, JSONata
// Conditions), Retry and Catch, JSONata states, fields Stepwise does not know, odd state names,
// and keys in random order everywhere the order is the author's.

import fc from 'fast-check'
import type { JsonObject, JsonValue } from '../../asl/types'

type QL = 'JSONPath' | 'JSONata'

interface Common {
  order: number
  comment: string | null
  unknown: JsonValue | null
  ql: QL | null
}

type Spec =
  | ({ kind: 'Task' } & Common & {
        resource: string
        retry: JsonObject[]
        catchTargets: number[]
        timeout: number | null
        payload: JsonValue | null
      })
  | ({ kind: 'Pass' } & Common & { result: JsonValue | null })
  | ({ kind: 'Wait' } & Common & { seconds: number })
  | ({ kind: 'Choice' } & Common & { rules: RuleSpec[]; hasDefault: boolean })
  | ({ kind: 'Succeed' } & Common)
  | ({ kind: 'Fail' } & Common & { error: string | null })
  | ({ kind: 'Parallel' } & Common & { branches: ScopeSpec[]; catchTargets: number[] })
  | ({ kind: 'Map' } & Common & {
        key: 'ItemProcessor' | 'Iterator'
        config: JsonObject | null
        processor: ScopeSpec
        maxConcurrency: number | null
      })

interface RuleSpec {
  target: number
  expression: JsonObject
  condition: string
  order: number
}

interface ScopeSpec {
  states: Spec[]
  comment: string | null
  order: number
}

const NAME_BASES = [
  'Pass',
  'Check stock',
  'Charge card',
  'Ünïcödé ✓',
  '0',
  '10',
  '__proto__',
  'constructor',
  'a/b~c',
  'It\'s "quoted"',
  'Retry',
]

const unknownValue: fc.Arbitrary<JsonValue> = fc.jsonValue({
  maxDepth: 2,
}) as fc.Arbitrary<JsonValue>

const common: fc.Arbitrary<Common> = fc.record({
  order: fc.nat(),
  comment: fc.option(fc.string({ maxLength: 8 })),
  unknown: fc.option(unknownValue),
  ql: fc.option(fc.constantFrom<QL>('JSONPath', 'JSONata'), { freq: 5 }),
})

const retrier: fc.Arbitrary<JsonObject> = fc.record(
  {
    ErrorEquals: fc.constantFrom(
      ['States.ALL'],
      ['States.TaskFailed'],
      ['Custom.Error', 'States.Timeout'],
    ),
    IntervalSeconds: fc.integer({ min: 1, max: 10 }),
    MaxAttempts: fc.integer({ min: 0, max: 5 }),
    BackoffRate: fc.constantFrom(1, 1.5, 2),
    JitterStrategy: fc.constantFrom('FULL', 'NONE'),
  },
  { requiredKeys: ['ErrorEquals'] },
)

const comparison: fc.Arbitrary<JsonObject> = fc.oneof(
  fc.record({ Variable: fc.constant('$.n'), NumericGreaterThan: fc.integer() }),
  fc.record({ Variable: fc.constant('$.s'), StringEquals: fc.string({ maxLength: 5 }) }),
  fc.record({ Variable: fc.constant('$.s'), StringMatches: fc.constant('a*') }),
  fc.record({ Variable: fc.constant('$.b'), BooleanEquals: fc.boolean() }),
  fc.record({ Variable: fc.constant('$.t'), TimestampLessThanPath: fc.constant('$.u') }),
  fc.record({ Variable: fc.constant('$.x'), IsPresent: fc.boolean() }),
)

const expression: fc.Arbitrary<JsonObject> = fc.oneof(
  comparison,
  fc.array(comparison, { minLength: 1, maxLength: 2 }).map((list) => ({ And: list })),
  fc.array(comparison, { minLength: 1, maxLength: 2 }).map((list) => ({ Or: list })),
  comparison.map((inner) => ({ Not: inner })),
)

const rule: fc.Arbitrary<RuleSpec> = fc.record({
  target: fc.nat(),
  expression,
  condition: fc.constantFrom('{% $states.input.n > 1 %}', '{% true %}', '{% $exists($x) %}'),
  order: fc.nat(),
})

function spec(depth: number): fc.Arbitrary<Spec> {
  const leaves: fc.Arbitrary<Spec>[] = [
    fc
      .record({
        resource: fc.constantFrom(
          'arn:aws:states:::lambda:invoke',
          'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          'arn:aws:states:::aws-sdk:s3:getObject',
          '${LambdaArn}',
        ),
        retry: fc.array(retrier, { maxLength: 2 }),
        catchTargets: fc.array(fc.nat(), { maxLength: 2 }),
        timeout: fc.option(fc.integer({ min: 1, max: 3600 })),
        payload: fc.option(unknownValue),
        base: common,
      })
      .map(({ base, ...rest }) => ({ kind: 'Task' as const, ...base, ...rest })),
    fc
      .record({ result: fc.option(unknownValue), base: common })
      .map(({ base, ...rest }) => ({ kind: 'Pass' as const, ...base, ...rest })),
    fc
      .record({ seconds: fc.integer({ min: 0, max: 100 }), base: common })
      .map(({ base, ...rest }) => ({ kind: 'Wait' as const, ...base, ...rest })),
    fc
      .record({
        rules: fc.array(rule, { minLength: 1, maxLength: 3 }),
        hasDefault: fc.boolean(),
        base: common,
      })
      .map(({ base, ...rest }) => ({ kind: 'Choice' as const, ...base, ...rest })),
    common.map((base) => ({ kind: 'Succeed' as const, ...base })),
    fc
      .record({ error: fc.option(fc.constantFrom('Oops', 'States.Custom')), base: common })
      .map(({ base, ...rest }) => ({ kind: 'Fail' as const, ...base, ...rest })),
  ]
  if (depth <= 0) return fc.oneof(...leaves)
  const inner = scope(depth - 1)
  return fc.oneof(
    { arbitrary: fc.oneof(...leaves), weight: 6 },
    {
      arbitrary: fc
        .record({
          branches: fc.array(inner, { minLength: 1, maxLength: 3 }),
          catchTargets: fc.array(fc.nat(), { maxLength: 1 }),
          base: common,
        })
        .map(({ base, ...rest }): Spec => ({ kind: 'Parallel', ...base, ...rest })),
      weight: 1,
    },
    {
      arbitrary: fc
        .record({
          key: fc.constantFrom<'ItemProcessor' | 'Iterator'>('ItemProcessor', 'Iterator'),
          config: fc.option(
            fc.record(
              {
                Mode: fc.constantFrom('INLINE', 'DISTRIBUTED'),
                ExecutionType: fc.constantFrom('STANDARD', 'EXPRESS'),
              },
              { requiredKeys: [] },
            ),
          ),
          processor: inner,
          maxConcurrency: fc.option(fc.integer({ min: 0, max: 40 })),
          base: common,
        })
        .map(({ base, ...rest }): Spec => ({ kind: 'Map', ...base, ...rest })),
      weight: 1,
    },
  )
}

function scope(depth: number): fc.Arbitrary<ScopeSpec> {
  return fc.record({
    states: fc.array(spec(depth), { minLength: 1, maxLength: 5 }),
    comment: fc.option(fc.string({ maxLength: 6 })),
    order: fc.nat(),
  })
}

/** Entries in a random but reproducible order (the seed is part of the generated value). */
function shuffle<T>(entries: T[], seed: number): T[] {
  const out = entries.slice()
  let s = (seed | 0) + 1
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) | 0
    const j = Math.abs(s) % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** Builds ASL from specs, giving machine-unique names and only valid transitions. */
class Builder {
  private readonly used = new Set<string>()
  private serial = 0

  private name(): string {
    const base = NAME_BASES[this.serial++ % NAME_BASES.length]!
    let name = base
    for (let n = 2; this.used.has(name); n++) name = `${base} ${n}`
    this.used.add(name)
    return name
  }

  scope(spec: ScopeSpec, inheritedQl: QL, extra: [string, JsonValue][] = []): JsonObject {
    // Terminal states only last, and a Choice needs a later state to go to: keep it valid.
    const specs = spec.states.map((s, i, all): Spec => {
      const last = i === all.length - 1
      if (!last && (s.kind === 'Succeed' || s.kind === 'Fail'))
        return { ...s, kind: 'Pass', result: null }
      if (last && s.kind === 'Choice') return { ...s, kind: 'Succeed' }
      return s
    })
    const names = specs.map(() => this.name())
    const states = specs.map((s, i): [string, JsonValue] => [
      names[i]!,
      this.state(s, i, names, inheritedQl),
    ])
    const entries: [string, JsonValue][] = [
      ['StartAt', names[0]!],
      ['States', Object.fromEntries(states)],
    ]
    if (spec.comment !== null) entries.push(['Comment', spec.comment])
    entries.push(...extra)
    return Object.fromEntries(shuffle(entries, spec.order))
  }

  private state(spec: Spec, index: number, names: string[], inheritedQl: QL): JsonObject {
    const ql = spec.ql ?? inheritedQl
    const later = (n: number) => names[index + 1 + (n % (names.length - index - 1))]!
    const any = (n: number) => names[n % names.length]!
    const entries: [string, JsonValue][] = [['Type', spec.kind]]
    if (spec.ql !== null) entries.push(['QueryLanguage', spec.ql])
    if (spec.comment !== null) entries.push(['Comment', spec.comment])
    if (spec.unknown !== null) entries.push(['XStepwiseUnknown', spec.unknown])
    // The Default, or the first rule when there is none, reaches the next state, so every state
    // stays reachable.
    const target = (r: RuleSpec, i: number) =>
      spec.kind === 'Choice' && !spec.hasDefault && i === 0 ? names[index + 1]! : later(r.target)
    const transition = () => {
      if (index === names.length - 1) entries.push(['End', true])
      else entries.push(['Next', names[index + 1]!])
    }
    const catchers = (targets: number[]) => {
      if (targets.length === 0) return
      entries.push([
        'Catch',
        targets.map((t, i): JsonObject => ({
          ErrorEquals: i === targets.length - 1 ? ['States.ALL'] : ['States.TaskFailed'],
          ...(ql === 'JSONata'
            ? { Output: '{% $states.errorOutput %}' }
            : { ResultPath: '$.error' }),
          Next: any(t),
        })),
      ])
    }
    switch (spec.kind) {
      case 'Task':
        entries.push(['Resource', spec.resource])
        if (spec.payload !== null) {
          entries.push(
            ql === 'JSONata'
              ? ['Arguments', { value: spec.payload }]
              : ['Parameters', { 'Payload.$': '$' }],
          )
        }
        if (spec.timeout !== null) entries.push(['TimeoutSeconds', spec.timeout])
        if (spec.retry.length > 0) entries.push(['Retry', spec.retry])
        catchers(spec.catchTargets)
        transition()
        break
      case 'Pass':
        if (spec.result !== null)
          entries.push(ql === 'JSONata' ? ['Output', spec.result] : ['Result', spec.result])
        transition()
        break
      case 'Wait':
        entries.push(['Seconds', spec.seconds])
        transition()
        break
      case 'Choice':
        entries.push([
          'Choices',
          spec.rules.map((r, i) =>
            Object.fromEntries(
              shuffle(
                ql === 'JSONata'
                  ? [
                      ['Condition', r.condition],
                      ['Next', target(r, i)],
                    ]
                  : [...Object.entries(r.expression), ['Next', target(r, i)]],
                r.order,
              ),
            ),
          ),
        ])
        if (spec.hasDefault) entries.push(['Default', names[index + 1]!])
        break
      case 'Succeed':
        break
      case 'Fail':
        if (spec.error !== null) entries.push(['Error', spec.error], ['Cause', 'generated'])
        break
      case 'Parallel':
        entries.push(['Branches', spec.branches.map((b) => this.scope(b, ql))])
        catchers(spec.catchTargets)
        transition()
        break
      case 'Map': {
        const extra: [string, JsonValue][] =
          spec.key === 'ItemProcessor' && spec.config !== null
            ? [['ProcessorConfig', spec.config]]
            : []
        entries.push([spec.key, this.scope(spec.processor, ql, extra)])
        if (ql === 'JSONata') entries.push(['Items', '{% $states.input.items %}'])
        else entries.push(['ItemsPath', '$.items'])
        if (spec.maxConcurrency !== null) entries.push(['MaxConcurrency', spec.maxConcurrency])
        transition()
        break
      }
    }
    // Type first as people write it half of the time; otherwise anywhere.
    const [type, ...rest] = entries
    return Object.fromEntries(
      spec.order % 2 === 0 ? [type!, ...shuffle(rest, spec.order)] : shuffle(entries, spec.order),
    )
  }
}

export interface DefinitionOptions {
  /** How deep Parallel/Map may nest (default 2). */
  maxDepth?: number
}

/** Random valid state machine definitions. */
export function aslDefinition(options: DefinitionOptions = {}): fc.Arbitrary<JsonObject> {
  const depth = options.maxDepth ?? 2
  return fc
    .record({
      body: scope(depth),
      ql: fc.option(fc.constantFrom<QL>('JSONPath', 'JSONata')),
      timeout: fc.option(fc.integer({ min: 1, max: 99999 })),
      version: fc.option(fc.constant('1.0')),
      unknown: fc.option(unknownValue),
    })
    .map(({ body, ql, timeout, version, unknown }) => {
      const extra: [string, JsonValue][] = []
      if (ql !== null) extra.push(['QueryLanguage', ql])
      if (timeout !== null) extra.push(['TimeoutSeconds', timeout])
      if (version !== null) extra.push(['Version', version])
      if (unknown !== null) extra.push(['XTopLevel', unknown])
      return new Builder().scope(body, ql ?? 'JSONPath', extra)
    })
}

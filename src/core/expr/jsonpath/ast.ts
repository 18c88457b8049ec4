import type { JsonValue } from '../../asl/types'

// The AST of AWS's JSONPath dialect (Jayway JsonPath, which Step Functions runs on).

export type PathRoot =
  /** `$`: the state input (or the document a path is applied to). */
  | { readonly kind: 'input' }
  /** `$$`: the context object. */
  | { readonly kind: 'context' }
  /** `$name`: a workflow variable. */
  | { readonly kind: 'variable'; readonly name: string }
  /** `@`: the current node, inside filters only. */
  | { readonly kind: 'current' }

export type Segment =
  | { readonly kind: 'property'; readonly name: string }
  /** `['a','b']`: as the last step Jayway merges the present keys into one object. */
  | { readonly kind: 'properties'; readonly names: readonly string[] }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'indexes'; readonly indexes: readonly number[] }
  | { readonly kind: 'wildcard' }
  | {
      readonly kind: 'slice'
      readonly start: number | undefined
      readonly end: number | undefined
      readonly step: number | undefined
    }
  | { readonly kind: 'filter'; readonly expr: FilterExpr }
  /** `..X`: X applied to every node of the subtree, in pre-order. */
  | { readonly kind: 'scan'; readonly next: Segment }
  /** `.length()` and friends (Jayway path functions); always the last step. */
  | { readonly kind: 'function'; readonly name: PathFunctionName }

export const PATH_FUNCTIONS = [
  'length',
  'size',
  'min',
  'max',
  'avg',
  'sum',
  'stddev',
  'keys',
  'first',
  'last',
] as const
export type PathFunctionName = (typeof PATH_FUNCTIONS)[number]

export type CompareOp =
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '=~'
  | 'in'
  | 'nin'
  | 'subsetof'
  | 'anyof'
  | 'noneof'
  | 'size'
  | 'empty'
  | 'contains'

export type FilterOperand =
  | { readonly kind: 'path'; readonly path: JsonPath }
  | { readonly kind: 'value'; readonly value: JsonValue }
  | { readonly kind: 'regex'; readonly regex: RegExp }

export type FilterExpr =
  | { readonly kind: 'or'; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: 'and'; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: 'not'; readonly expr: FilterExpr }
  /** A bare operand: a path tests existence, a literal its truthiness. */
  | { readonly kind: 'test'; readonly operand: FilterOperand }
  | {
      readonly kind: 'compare'
      readonly op: CompareOp
      readonly left: FilterOperand
      readonly right: FilterOperand
    }

export interface JsonPath {
  readonly source: string
  readonly root: PathRoot
  readonly segments: readonly Segment[]
  /** Yields at most one value (no wildcard, slice, filter, union or deep scan): Jayway's rule. */
  readonly definite: boolean
  /** Only single `.name`, `['name']` and `[n]` steps. */
  readonly reference: boolean
}

// Prints JSON values back to text. Key order is the object's own enumeration order (see the note
// on integer-like keys in parse.ts).

import { Document, visit } from 'yaml'
import type { JsonValue } from './types'

export interface PrintJsonOptions {
  /** Spaces (a number) or the indent string itself; 2 spaces by default. */
  indent?: number | string
}

/** Pretty JSON with a trailing newline, numbers as JavaScript prints them. */
export function printJson(value: JsonValue, options: PrintJsonOptions = {}): string {
  return JSON.stringify(value, null, options.indent ?? 2) + '\n'
}

// Strings a YAML 1.1 reader (CloudFormation, older tooling) would take for booleans, nulls or
// numbers. YAML 1.2's core schema reads them as strings, but quoting them costs nothing and keeps
// the file meaning the same everywhere.
const YAML11_AMBIGUOUS =
  /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|~|[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?))$/

/**
 * Block-style YAML 1.2: key order kept, strings quoted only when a YAML reader would otherwise
 * take them for something else, multi-line strings as `|` literal blocks, no line folding.
 */
export function printYaml(value: JsonValue): string {
  const doc = new Document(value, { version: '1.2', schema: 'core' })
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && YAML11_AMBIGUOUS.test(node.value)) {
        node.type = 'QUOTE_DOUBLE'
      }
    },
  })
  return doc.toString({
    lineWidth: 0,
    minContentWidth: 0,
    // Lists under a key are not indented further (`key:\n  - a`), the common ASL YAML style.
    indentSeq: true,
  })
}

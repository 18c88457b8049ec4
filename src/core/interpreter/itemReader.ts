// Items for a Map state's ItemReader, from mocked data: the S3 object's body as text (JSON,
// JSONL or CSV per ReaderConfig) or the items themselves (an array, or a ListObjectsV2-like
// `{Contents: [...]}`).

import type { JsonObject, JsonValue, ReaderConfig } from '../asl/types'
import { isJsonObject } from '../asl/types'
import { StateFailure, StatesErrors } from './errors'

const DELIMITERS: Record<string, string> = {
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  SPACE: ' ',
  TAB: '\t',
}

function readerFailed(cause: string): never {
  throw new StateFailure(StatesErrors.ItemReaderFailed, cause)
}

/** The items the reader yields, before MaxItems. */
export function readerItems(data: JsonValue, config: ReaderConfig | undefined): JsonValue[] {
  if (Array.isArray(data)) return data
  if (isJsonObject(data)) {
    if (Array.isArray(data.Contents)) return data.Contents
    return readerFailed('Attempting to map over non-iterable node.')
  }
  if (typeof data !== 'string') return readerFailed('Attempting to map over non-iterable node.')
  const type = config?.InputType ?? 'JSON'
  switch (type) {
    case 'JSON': {
      let parsed: JsonValue
      try {
        parsed = JSON.parse(data) as JsonValue
      } catch {
        return readerFailed('The object content is not valid JSON.')
      }
      if (!Array.isArray(parsed)) return readerFailed('Attempting to map over non-iterable node.')
      return parsed
    }
    case 'JSONL': {
      const items: JsonValue[] = []
      for (const line of data.split(/\r?\n/)) {
        if (line.trim() === '') continue
        try {
          items.push(JSON.parse(line) as JsonValue)
        } catch {
          return readerFailed(`The object content is not valid JSON Lines: ${line}`)
        }
      }
      return items
    }
    case 'CSV':
      return csvItems(data, config!)
    default:
      return readerFailed(`Stepwise does not read ${type} objects; mock the items as an array.`)
  }
}

function csvItems(text: string, config: ReaderConfig): JsonObject[] {
  const delimiter = DELIMITERS[config.CSVDelimiter ?? 'COMMA'] ?? ','
  const rows = parseCsv(text, delimiter)
  let headers: string[]
  if ((config.CSVHeaderLocation ?? 'FIRST_ROW') === 'GIVEN') {
    headers = config.CSVHeaders ?? []
  } else {
    headers = rows.shift() ?? []
  }
  if (new Set(headers).size !== headers.length) {
    return readerFailed('CSV headers cannot contain duplicates.')
  }
  return rows.map((row) => {
    const item: JsonObject = {}
    for (let i = 0; i < headers.length; i++) item[headers[i]!] = row[i] ?? ''
    return item
  })
}

/** RFC 4180 CSV: quoted fields with "" escapes; a trailing newline ends the last row. */
export function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text[i]!
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      field += c
      i++
      continue
    }
    if (c === '"' && field === '') {
      quoted = true
      i++
    } else if (c === delimiter) {
      row.push(field)
      field = ''
      i++
    } else if (c === '\n' || c === '\r') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1
    } else {
      field += c
      i++
    }
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

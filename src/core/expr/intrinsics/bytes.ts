// UTF-8, Base64 and hex in pure TypeScript: core/ has neither TextEncoder types nor Node's Buffer.

/** UTF-8 bytes of a string; lone surrogates become U+FFFD, as TextEncoder does. */
export function utf8Encode(text: string): Uint8Array {
  const n = text.length
  let i = 0
  while (i < n && text.charCodeAt(i) < 0x80) i++
  // At most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
  const out = new Uint8Array(i === n ? n : i + (n - i) * 3)
  for (let k = 0; k < i; k++) out[k] = text.charCodeAt(k)
  if (i === n) return out
  let o = i
  for (; i < n; i++) {
    let cp = text.charCodeAt(i)
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00)
        i++
      } else cp = 0xfffd
    } else if (cp >= 0xdc00 && cp <= 0xdfff) cp = 0xfffd
    if (cp < 0x80) out[o++] = cp
    else if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6)
      out[o++] = 0x80 | (cp & 63)
    } else if (cp < 0x10000) {
      out[o++] = 0xe0 | (cp >> 12)
      out[o++] = 0x80 | ((cp >> 6) & 63)
      out[o++] = 0x80 | (cp & 63)
    } else {
      out[o++] = 0xf0 | (cp >> 18)
      out[o++] = 0x80 | ((cp >> 12) & 63)
      out[o++] = 0x80 | ((cp >> 6) & 63)
      out[o++] = 0x80 | (cp & 63)
    }
  }
  return out.subarray(0, o)
}

/** Decodes UTF-8; malformed sequences become U+FFFD (like Java's decoder AWS uses). */
export function utf8Decode(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    let cp = 0xfffd
    let need = 0
    if (b < 0x80) {
      cp = b
    } else if (b >= 0xc2 && b < 0xe0) {
      need = 1
      cp = b & 0x1f
    } else if (b >= 0xe0 && b < 0xf0) {
      need = 2
      cp = b & 0x0f
    } else if (b >= 0xf0 && b < 0xf5) {
      need = 3
      cp = b & 0x07
    }
    i++
    let ok = need > 0 || b < 0x80
    for (let k = 0; k < need; k++) {
      const c = bytes[i]
      if (c === undefined || (c & 0xc0) !== 0x80) {
        ok = false
        break
      }
      cp = (cp << 6) | (c & 0x3f)
      i++
    }
    if (
      !ok ||
      (need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
      (need === 3 && (cp < 0x10000 || cp > 0x10ffff))
    ) {
      cp = 0xfffd
    }
    out += String.fromCodePoint(cp)
  }
  return out
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]))

export function base64Encode(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    out += B64[a >> 2]
    out += B64[((a & 3) << 4) | ((b ?? 0) >> 4)]
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]
    out += c === undefined ? '=' : B64[c & 63]
  }
  return out
}

/** Strict standard Base64 (padding optional); undefined when the text is not Base64. */
export function base64Decode(text: string): Uint8Array | undefined {
  const clean = text.replace(/=+$/, '')
  if (clean.length % 4 === 1 || text.length - clean.length > 2) return undefined
  const out: number[] = []
  let buffer = 0
  let bits = 0
  for (const ch of clean) {
    const v = B64_INDEX.get(ch)
    if (v === undefined) return undefined
    buffer = (buffer << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out.push((buffer >> bits) & 0xff)
    }
  }
  return Uint8Array.from(out)
}

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
)

export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i++) out += BYTE_HEX[bytes[i]!]!
  return out
}

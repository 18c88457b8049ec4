// Seeded randomness for an execution: UUIDs (States.UUID, $uuid, execution names), $random,
// task tokens and FULL jitter all draw from one stream, so a seed reproduces a run exactly.

/** sfc32: small, fast and good enough for simulation; state from a string or number seed. */
export class SeededRandom {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: string | number = 0) {
    // xmur3-style hash of the seed text into four 32-bit words.
    const text = String(seed)
    let h = 1779033703 ^ text.length
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 3432918353)
      h = (h << 13) | (h >>> 19)
    }
    const next = () => {
      h = Math.imul(h ^ (h >>> 16), 2246822507)
      h = Math.imul(h ^ (h >>> 13), 3266489909)
      return (h ^= h >>> 16) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    for (let i = 0; i < 12; i++) this.nextUint32()
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** A float in [0, 1). */
  random(): number {
    return this.nextUint32() / 4294967296
  }

  /** A version 4 UUID. */
  uuid(): string {
    const a = this.nextUint32()
    const b = this.nextUint32()
    const c = this.nextUint32()
    const d = this.nextUint32()
    // 8-4-4-4-12 hex digits; the version nibble is 4, the variant's top bits 10.
    return (
      BYTE_HEX[a >>> 24]! +
      BYTE_HEX[(a >>> 16) & 0xff]! +
      BYTE_HEX[(a >>> 8) & 0xff]! +
      BYTE_HEX[a & 0xff]! +
      '-' +
      BYTE_HEX[b >>> 24]! +
      BYTE_HEX[(b >>> 16) & 0xff]! +
      '-4' +
      HEX[(b >>> 8) & 0xf]! +
      BYTE_HEX[b & 0xff]! +
      '-' +
      HEX[((c >>> 28) & 0x3) | 0x8]! +
      HEX[(c >>> 24) & 0xf]! +
      BYTE_HEX[(c >>> 16) & 0xff]! +
      '-' +
      BYTE_HEX[(c >>> 8) & 0xff]! +
      BYTE_HEX[c & 0xff]! +
      BYTE_HEX[d >>> 24]! +
      BYTE_HEX[(d >>> 16) & 0xff]! +
      BYTE_HEX[(d >>> 8) & 0xff]! +
      BYTE_HEX[d & 0xff]!
    )
  }

  /** An opaque token shaped like AWS task tokens (long base64 text). */
  token(): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
    let out = ''
    for (let i = 0; i < 64; i++) out += alphabet[this.nextUint32() & 63]
    return 'AQB' + out
  }
}

const HEX = '0123456789abcdef'
const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

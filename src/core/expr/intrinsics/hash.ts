// MD5 (RFC 1321), SHA-1, SHA-256, SHA-384 and SHA-512 (FIPS 180-4) for States.Hash and
// $hash(). core/ is synchronous and pure: neither Node's crypto nor Web Crypto (async) fit.
//
// Written for speed, since a workflow may hash in every state: 32-bit integer arithmetic only
// (SHA-512 on hi/lo word pairs, no BigInt), message words read straight from the input bytes,
// module-level scratch arrays instead of per-call or per-block allocations, and the padding
// built in a small scratch buffer instead of a padded copy of the message. Hashing is
// synchronous and never re-entrant, so sharing the scratch arrays is safe.

export type HashAlgorithm = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'
export const HASH_ALGORITHMS: readonly HashAlgorithm[] = [
  'MD5',
  'SHA-1',
  'SHA-256',
  'SHA-384',
  'SHA-512',
]

/** The digest as bytes. */
export function hashBytes(algorithm: HashAlgorithm, data: Uint8Array): Uint8Array {
  const words = digestWords(algorithm, data)
  const out = new Uint8Array(words.length * 4)
  const little = algorithm === 'MD5'
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    const o = i * 4
    if (little) {
      out[o] = w
      out[o + 1] = w >>> 8
      out[o + 2] = w >>> 16
      out[o + 3] = w >>> 24
    } else {
      out[o] = w >>> 24
      out[o + 1] = w >>> 16
      out[o + 2] = w >>> 8
      out[o + 3] = w
    }
  }
  return out
}

/** The digest as lowercase hex (what States.Hash and $hash return). */
export function hashHex(algorithm: HashAlgorithm, data: Uint8Array): string {
  const words = digestWords(algorithm, data)
  let out = ''
  if (algorithm === 'MD5') {
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!
      out += BYTE_HEX[w & 0xff]! + BYTE_HEX[(w >>> 8) & 0xff]!
      out += BYTE_HEX[(w >>> 16) & 0xff]! + BYTE_HEX[w >>> 24]!
    }
  } else {
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!
      out += BYTE_HEX[w >>> 24]! + BYTE_HEX[(w >>> 16) & 0xff]!
      out += BYTE_HEX[(w >>> 8) & 0xff]! + BYTE_HEX[w & 0xff]!
    }
  }
  return out
}

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
)

/** The digest's 32-bit words (a view on a scratch array: read it before hashing again). */
function digestWords(algorithm: HashAlgorithm, data: Uint8Array): Int32Array {
  switch (algorithm) {
    case 'MD5':
      return md5(data)
    case 'SHA-1':
      return sha1(data)
    case 'SHA-256':
      return sha256(data)
    case 'SHA-384':
      return sha512(data, SHA384_IV).subarray(0, 12)
    case 'SHA-512':
      return sha512(data, SHA512_IV)
  }
}

// ---- padding ----------------------------------------------------------------------------------

/** The last one or two blocks: the message's tail, 0x80, zeros, the bit length. */
const TAIL = new Uint8Array(256)

/**
 * Writes the padded tail of `data` (from `full`, a multiple of the block size) into TAIL and
 * returns its length in bytes. The bit length takes the last 8 bytes (the 16-byte length field
 * of SHA-384/512 has 8 leading zero bytes, since messages here are far below 2^64 bits).
 */
function padTail(data: Uint8Array, full: number, blockSize: number, littleEndian: boolean): number {
  const rest = data.length - full
  const lengthBytes = blockSize === 128 ? 16 : 8
  const total = rest + 1 + lengthBytes <= blockSize ? blockSize : 2 * blockSize
  for (let i = 0; i < rest; i++) TAIL[i] = data[full + i]!
  TAIL[rest] = 0x80
  TAIL.fill(0, rest + 1, total)
  const bits = data.length * 8
  const hi = Math.floor(bits / 0x100000000)
  const lo = bits >>> 0
  if (littleEndian) {
    writeLE(TAIL, total - 8, lo)
    writeLE(TAIL, total - 4, hi)
  } else {
    writeBE(TAIL, total - 8, hi)
    writeBE(TAIL, total - 4, lo)
  }
  return total
}

function writeLE(b: Uint8Array, o: number, v: number): void {
  b[o] = v
  b[o + 1] = v >>> 8
  b[o + 2] = v >>> 16
  b[o + 3] = v >>> 24
}

function writeBE(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24
  b[o + 1] = v >>> 16
  b[o + 2] = v >>> 8
  b[o + 3] = v
}

// ---- MD5 --------------------------------------------------------------------------------------

const MD5_S = new Int32Array([
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14,
  20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6,
  10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
])
const MD5_K = Int32Array.from(
  { length: 64 },
  (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0,
)
const MD5_H = new Int32Array(4)
const MD5_M = new Int32Array(16)

function md5(data: Uint8Array): Int32Array {
  const h = MD5_H
  h[0] = 0x67452301
  h[1] = 0xefcdab89 | 0
  h[2] = 0x98badcfe | 0
  h[3] = 0x10325476
  const full = data.length - (data.length % 64)
  for (let off = 0; off < full; off += 64) md5Block(h, data, off)
  const n = padTail(data, full, 64, true)
  for (let off = 0; off < n; off += 64) md5Block(h, TAIL, off)
  return h
}

function md5Block(h: Int32Array, b: Uint8Array, off: number): void {
  const m = MD5_M
  for (let i = 0, o = off; i < 16; i++, o += 4) {
    m[i] = b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)
  }
  let a = h[0]!
  let bb = h[1]!
  let c = h[2]!
  let d = h[3]!
  for (let i = 0; i < 64; i++) {
    let f: number
    let g: number
    if (i < 16) {
      f = (bb & c) | (~bb & d)
      g = i
    } else if (i < 32) {
      f = (d & bb) | (~d & c)
      g = (5 * i + 1) & 15
    } else if (i < 48) {
      f = bb ^ c ^ d
      g = (3 * i + 5) & 15
    } else {
      f = c ^ (bb | ~d)
      g = (7 * i) & 15
    }
    const x = (a + f + MD5_K[i]! + m[g]!) | 0
    const s = MD5_S[i]!
    a = d
    d = c
    c = bb
    bb = (bb + ((x << s) | (x >>> (32 - s)))) | 0
  }
  h[0] = (h[0]! + a) | 0
  h[1] = (h[1]! + bb) | 0
  h[2] = (h[2]! + c) | 0
  h[3] = (h[3]! + d) | 0
}

// ---- SHA-1 ------------------------------------------------------------------------------------

const SHA1_H = new Int32Array(5)
const SHA1_W = new Int32Array(80)

function sha1(data: Uint8Array): Int32Array {
  const h = SHA1_H
  h[0] = 0x67452301
  h[1] = 0xefcdab89 | 0
  h[2] = 0x98badcfe | 0
  h[3] = 0x10325476
  h[4] = 0xc3d2e1f0 | 0
  const full = data.length - (data.length % 64)
  for (let off = 0; off < full; off += 64) sha1Block(h, data, off)
  const n = padTail(data, full, 64, false)
  for (let off = 0; off < n; off += 64) sha1Block(h, TAIL, off)
  return h
}

function sha1Block(h: Int32Array, b: Uint8Array, off: number): void {
  const w = SHA1_W
  for (let i = 0, o = off; i < 16; i++, o += 4) {
    w[i] = (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!
  }
  for (let i = 16; i < 80; i++) {
    const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!
    w[i] = (x << 1) | (x >>> 31)
  }
  let a = h[0]!
  let bb = h[1]!
  let c = h[2]!
  let d = h[3]!
  let e = h[4]!
  for (let i = 0; i < 80; i++) {
    let f: number
    let k: number
    if (i < 20) {
      f = (bb & c) | (~bb & d)
      k = 0x5a827999
    } else if (i < 40) {
      f = bb ^ c ^ d
      k = 0x6ed9eba1
    } else if (i < 60) {
      f = (bb & c) | (bb & d) | (c & d)
      k = 0x8f1bbcdc | 0
    } else {
      f = bb ^ c ^ d
      k = 0xca62c1d6 | 0
    }
    const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]!) | 0
    e = d
    d = c
    c = (bb << 30) | (bb >>> 2)
    bb = a
    a = t
  }
  h[0] = (h[0]! + a) | 0
  h[1] = (h[1]! + bb) | 0
  h[2] = (h[2]! + c) | 0
  h[3] = (h[3]! + d) | 0
  h[4] = (h[4]! + e) | 0
}

// ---- SHA-256 ----------------------------------------------------------------------------------

const SHA256_K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])
const SHA256_IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
])
const SHA256_H = new Int32Array(8)
const SHA256_W = new Int32Array(64)

function sha256(data: Uint8Array): Int32Array {
  const h = SHA256_H
  h.set(SHA256_IV)
  const full = data.length - (data.length % 64)
  for (let off = 0; off < full; off += 64) sha256Block(h, data, off)
  const n = padTail(data, full, 64, false)
  for (let off = 0; off < n; off += 64) sha256Block(h, TAIL, off)
  return h
}

function sha256Block(h: Int32Array, b: Uint8Array, off: number): void {
  const w = SHA256_W
  for (let i = 0, o = off; i < 16; i++, o += 4) {
    w[i] = (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!
    const y = w[i - 2]!
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0
  }
  let a = h[0]!
  let bb = h[1]!
  let c = h[2]!
  let d = h[3]!
  let e = h[4]!
  let f = h[5]!
  let g = h[6]!
  let hh = h[7]!
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
    const ch = (e & f) ^ (~e & g)
    const t1 = (hh + s1 + ch + SHA256_K[i]! + w[i]!) | 0
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
    const maj = (a & bb) ^ (a & c) ^ (bb & c)
    hh = g
    g = f
    f = e
    e = (d + t1) | 0
    d = c
    c = bb
    bb = a
    a = (t1 + s0 + maj) | 0
  }
  h[0] = (h[0]! + a) | 0
  h[1] = (h[1]! + bb) | 0
  h[2] = (h[2]! + c) | 0
  h[3] = (h[3]! + d) | 0
  h[4] = (h[4]! + e) | 0
  h[5] = (h[5]! + f) | 0
  h[6] = (h[6]! + g) | 0
  h[7] = (h[7]! + hh) | 0
}

// ---- SHA-384 / SHA-512 ------------------------------------------------------------------------
// 64-bit words as (hi, lo) pairs of 32-bit integers at [2i] and [2i + 1]. Sums add the low
// halves as unsigned numbers (exact in a double) and carry into the high halves.

function words64(hex: readonly string[]): Int32Array {
  const out = new Int32Array(hex.length * 2)
  hex.forEach((h, i) => {
    out[2 * i] = parseInt(h.slice(0, 8), 16) | 0
    out[2 * i + 1] = parseInt(h.slice(8), 16) | 0
  })
  return out
}

const SHA512_K = words64([
  '428a2f98d728ae22',
  '7137449123ef65cd',
  'b5c0fbcfec4d3b2f',
  'e9b5dba58189dbbc',
  '3956c25bf348b538',
  '59f111f1b605d019',
  '923f82a4af194f9b',
  'ab1c5ed5da6d8118',
  'd807aa98a3030242',
  '12835b0145706fbe',
  '243185be4ee4b28c',
  '550c7dc3d5ffb4e2',
  '72be5d74f27b896f',
  '80deb1fe3b1696b1',
  '9bdc06a725c71235',
  'c19bf174cf692694',
  'e49b69c19ef14ad2',
  'efbe4786384f25e3',
  '0fc19dc68b8cd5b5',
  '240ca1cc77ac9c65',
  '2de92c6f592b0275',
  '4a7484aa6ea6e483',
  '5cb0a9dcbd41fbd4',
  '76f988da831153b5',
  '983e5152ee66dfab',
  'a831c66d2db43210',
  'b00327c898fb213f',
  'bf597fc7beef0ee4',
  'c6e00bf33da88fc2',
  'd5a79147930aa725',
  '06ca6351e003826f',
  '142929670a0e6e70',
  '27b70a8546d22ffc',
  '2e1b21385c26c926',
  '4d2c6dfc5ac42aed',
  '53380d139d95b3df',
  '650a73548baf63de',
  '766a0abb3c77b2a8',
  '81c2c92e47edaee6',
  '92722c851482353b',
  'a2bfe8a14cf10364',
  'a81a664bbc423001',
  'c24b8b70d0f89791',
  'c76c51a30654be30',
  'd192e819d6ef5218',
  'd69906245565a910',
  'f40e35855771202a',
  '106aa07032bbd1b8',
  '19a4c116b8d2d0c8',
  '1e376c085141ab53',
  '2748774cdf8eeb99',
  '34b0bcb5e19b48a8',
  '391c0cb3c5c95a63',
  '4ed8aa4ae3418acb',
  '5b9cca4f7763e373',
  '682e6ff3d6b2b8a3',
  '748f82ee5defb2fc',
  '78a5636f43172f60',
  '84c87814a1f0ab72',
  '8cc702081a6439ec',
  '90befffa23631e28',
  'a4506cebde82bde9',
  'bef9a3f7b2c67915',
  'c67178f2e372532b',
  'ca273eceea26619c',
  'd186b8c721c0c207',
  'eada7dd6cde0eb1e',
  'f57d4f7fee6ed178',
  '06f067aa72176fba',
  '0a637dc5a2c898a6',
  '113f9804bef90dae',
  '1b710b35131c471b',
  '28db77f523047d84',
  '32caab7b40c72493',
  '3c9ebe0a15c9bebc',
  '431d67c49c100d4c',
  '4cc5d4becb3e42b6',
  '597f299cfc657e2a',
  '5fcb6fab3ad6faec',
  '6c44198c4a475817',
])
const SHA512_IV = words64([
  '6a09e667f3bcc908',
  'bb67ae8584caa73b',
  '3c6ef372fe94f82b',
  'a54ff53a5f1d36f1',
  '510e527fade682d1',
  '9b05688c2b3e6c1f',
  '1f83d9abfb41bd6b',
  '5be0cd19137e2179',
])
const SHA384_IV = words64([
  'cbbb9d5dc1059ed8',
  '629a292a367cd507',
  '9159015a3070dd17',
  '152fecd8f70e5939',
  '67332667ffc00b31',
  '8eb44a8768581511',
  'db0c2e0d64f98fa7',
  '47b5481dbefa4fa4',
])
const SHA512_H = new Int32Array(16)
const SHA512_W = new Int32Array(160)
const TWO32 = 0x100000000

function sha512(data: Uint8Array, iv: Int32Array): Int32Array {
  const h = SHA512_H
  h.set(iv)
  const full = data.length - (data.length % 128)
  for (let off = 0; off < full; off += 128) sha512Block(h, data, off)
  const n = padTail(data, full, 128, false)
  for (let off = 0; off < n; off += 128) sha512Block(h, TAIL, off)
  return h
}

function sha512Block(h: Int32Array, b: Uint8Array, off: number): void {
  const w = SHA512_W
  for (let i = 0, o = off; i < 32; i++, o += 4) {
    w[i] = (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!
  }
  for (let i = 32; i < 160; i += 2) {
    // σ0 = rotr 1 ^ rotr 8 ^ shr 7 of w[t-15]; σ1 = rotr 19 ^ rotr 61 ^ shr 6 of w[t-2]
    const xh = w[i - 30]!
    const xl = w[i - 29]!
    const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7)
    const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25))
    const yh = w[i - 4]!
    const yl = w[i - 3]!
    const s1h = ((yh >>> 19) | (yl << 13)) ^ ((yl >>> 29) | (yh << 3)) ^ (yh >>> 6)
    const s1l = ((yl >>> 19) | (yh << 13)) ^ ((yh >>> 29) | (yl << 3)) ^ ((yl >>> 6) | (yh << 26))
    const lo = (w[i - 31]! >>> 0) + (s0l >>> 0) + (w[i - 13]! >>> 0) + (s1l >>> 0)
    w[i] = (w[i - 32]! + s0h + w[i - 14]! + s1h + ((lo / TWO32) | 0)) | 0
    w[i + 1] = lo | 0
  }
  let ah = h[0]!
  let al = h[1]!
  let bh = h[2]!
  let bl = h[3]!
  let ch = h[4]!
  let cl = h[5]!
  let dh = h[6]!
  let dl = h[7]!
  let eh = h[8]!
  let el = h[9]!
  let fh = h[10]!
  let fl = h[11]!
  let gh = h[12]!
  let gl = h[13]!
  let hh = h[14]!
  let hl = h[15]!
  for (let i = 0; i < 160; i += 2) {
    // Σ1 = rotr 14 ^ rotr 18 ^ rotr 41 of e; Σ0 = rotr 28 ^ rotr 34 ^ rotr 39 of a
    const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23))
    const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23))
    const chh = (eh & fh) ^ (~eh & gh)
    const chl = (el & fl) ^ (~el & gl)
    const t1l =
      (hl >>> 0) + (S1l >>> 0) + (chl >>> 0) + (SHA512_K[i + 1]! >>> 0) + (w[i + 1]! >>> 0)
    const t1h = (hh + S1h + chh + SHA512_K[i]! + w[i]! + ((t1l / TWO32) | 0)) | 0
    const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25))
    const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25))
    const majh = (ah & bh) ^ (ah & ch) ^ (bh & ch)
    const majl = (al & bl) ^ (al & cl) ^ (bl & cl)
    hh = gh
    hl = gl
    gh = fh
    gl = fl
    fh = eh
    fl = el
    const el2 = (dl >>> 0) + (t1l >>> 0)
    eh = (dh + t1h + ((el2 / TWO32) | 0)) | 0
    el = el2 | 0
    dh = ch
    dl = cl
    ch = bh
    cl = bl
    bh = ah
    bl = al
    const al2 = (t1l >>> 0) + (S0l >>> 0) + (majl >>> 0)
    ah = (t1h + S0h + majh + ((al2 / TWO32) | 0)) | 0
    al = al2 | 0
  }
  add64(h, 0, ah, al)
  add64(h, 2, bh, bl)
  add64(h, 4, ch, cl)
  add64(h, 6, dh, dl)
  add64(h, 8, eh, el)
  add64(h, 10, fh, fl)
  add64(h, 12, gh, gl)
  add64(h, 14, hh, hl)
}

function add64(h: Int32Array, i: number, hi: number, lo: number): void {
  const l = (h[i + 1]! >>> 0) + (lo >>> 0)
  h[i] = (h[i]! + hi + ((l / TWO32) | 0)) | 0
  h[i + 1] = l | 0
}

// java.util.Random, bit for bit: a 48-bit linear congruential generator. Step Functions runs on
// the JVM, so a seeded States.MathRandom (and JSONata's $random(seed)) is most plausibly
// `new Random(seed)`; using the same generator gives the same number for the same seed on every
// run, which is all AWS promises.

const MULTIPLIER = 0x5deece66dn
const ADDEND = 0xbn
const MASK = (1n << 48n) - 1n

export class JavaRandom {
  private seed: bigint

  constructor(seed: number) {
    this.seed = (BigInt.asIntN(64, BigInt(Math.trunc(seed))) ^ MULTIPLIER) & MASK
  }

  private next(bits: number): number {
    this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)))
  }

  /** A uniform int in [0, bound), bound > 0 (Random.nextInt(int)). */
  nextInt(bound: number): number {
    if ((bound & -bound) === bound) {
      return Number((BigInt(bound) * BigInt(this.next(31))) >> 31n)
    }
    for (;;) {
      const bits = this.next(31)
      const val = bits % bound
      // Java rejects draws from the last, incomplete range (signed overflow check).
      if (bits - val + (bound - 1) <= 0x7fffffff) return val
    }
  }

  /** A uniform double in [0, 1) (Random.nextDouble()). */
  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) * 2 ** -53
  }
}

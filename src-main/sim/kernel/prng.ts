import { codeScratch, stringOfCodes } from './flat-string'

/**
 * The simulation's one source of randomness: a seeded xoshiro128** generator.
 * The same seed always yields the same sequence, on every platform, which is what
 * makes a run reproducible byte for byte.
 */
export class Prng {
  /**
   * The four state words, kept as signed 32-bit integers: the same bits as
   * the unsigned words of the algorithm, but small integers to V8, which a
   * word at or above 2^31 is not (each draw then boxed four doubles).
   */
  private s0: number
  private s1: number
  private s2: number
  private s3: number

  constructor(seed: number) {
    // splitmix32 spreads any seed, 0 included, over the four state words.
    let x = seed >>> 0
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0
      let z = x
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
      return (z ^ (z >>> 16)) | 0
    }
    this.s0 = next()
    this.s1 = next()
    this.s2 = next()
    this.s3 = next()
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const s0 = this.s0
    const s1 = this.s1
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0
    const s2 = this.s2 ^ s0
    const s3 = this.s3 ^ s1
    this.s1 = s1 ^ s2
    this.s0 = s0 ^ s3
    this.s2 = s2 ^ (s1 << 9)
    this.s3 = rotl(s3, 11)
    return result
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  /** `length` characters drawn from `alphabet`. */
  string(alphabet: string, length: number): string {
    // Built from char codes, not by `+=`: a concatenated string keeps a node per
    // step, which for a 64-character container ID is some 2 KB where 80 bytes do.
    const codes = length <= 256 ? codeScratch(length) : new Array<number>(length)
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(this.int(alphabet.length))
    return stringOfCodes(codes)
  }

  /** A value in [base − spread, base + spread], for jittered delays. */
  jitter(base: number, spread: number): number {
    return base - spread + this.next() * 2 * spread
  }
}

/** Rotates the 32 bits of `x` left by `k`, as a signed 32-bit integer. */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}

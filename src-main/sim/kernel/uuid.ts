import { codeScratch, stringOfCodes } from './flat-string'
import type { Prng } from './prng'

const HEX = '0123456789abcdef'

/**
 * A version-4 UUID (`8-4-4-4-12` hex digits) from the seeded generator. The text
 * is built from char codes in one piece: every stored object carries one, and a
 * string joined from slices keeps each slice and join alive (~500 bytes, not 90).
 */
export function randomUuid(prng: Prng): string {
  const codes = codeScratch(36)
  let at = 0
  for (let word = 0; word < 4; word++) {
    const n = prng.nextUint32()
    for (let shift = 28; shift >= 0; shift -= 4) {
      if (at === 8 || at === 13 || at === 18 || at === 23) codes[at++] = 45 // '-'
      codes[at++] = HEX.charCodeAt((n >>> shift) & 15)
    }
  }
  codes[14] = 52 // '4': the version
  codes[19] = HEX.charCodeAt(8 + (prng.nextUint32() & 3)) // the variant: 8, 9, a or b
  return stringOfCodes(codes)
}

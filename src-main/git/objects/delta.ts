/**
 * Applies a git delta (gitformat-pack(5), "Deltified representation") to its
 * base: two sizes, then copy instructions (high bit set: offset and size bytes
 * chosen by the low seven bits, size 0 meaning 0x10000) and insert instructions
 * (1 to 127 literal bytes).
 */
export function applyDelta(base: Buffer, delta: Buffer): Buffer {
  let at = 0
  const readSize = (): number => {
    let size = 0
    let shift = 0
    let byte: number
    do {
      byte = delta[at++]!
      size += (byte & 0x7f) * 2 ** shift
      shift += 7
    } while (byte & 0x80)
    return size
  }
  const baseSize = readSize()
  if (baseSize !== base.length)
    throw new Error(`delta expects a base of ${baseSize} bytes, found ${base.length}`)
  const out = Buffer.allocUnsafe(readSize())
  let written = 0
  while (at < delta.length) {
    const op = delta[at++]!
    if (op & 0x80) {
      let offset = 0
      let size = 0
      for (let i = 0; i < 4; i++) if (op & (1 << i)) offset += delta[at++]! * 2 ** (8 * i)
      for (let i = 0; i < 3; i++) if (op & (0x10 << i)) size += delta[at++]! << (8 * i)
      if (size === 0) size = 0x10000
      if (offset + size > base.length || written + size > out.length)
        throw new Error('delta copies past the end of its base')
      written += base.copy(out, written, offset, offset + size)
    } else if (op !== 0) {
      if (at + op > delta.length || written + op > out.length)
        throw new Error('delta inserts past its end')
      written += delta.copy(out, written, at, at + op)
      at += op
    } else {
      throw new Error('delta holds the reserved instruction 0')
    }
  }
  if (written !== out.length)
    throw new Error(`delta wrote ${written} of the ${out.length} bytes it announced`)
  return out
}

import { MAX_NODE_SCORE } from '../framework'

/**
 * `helper.DefaultNormalizeScore`: scales [0, max] to [0, 100] in integers; with
 * `reverse`, the highest raw score becomes the lowest. All zeros stay zeros (or
 * become 100 when reversed).
 */
export function defaultNormalizeScore(scores: Float64Array, reverse: boolean): void {
  let max = 0
  for (const s of scores) if (s > max) max = s
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE)
    return
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * scores[i]!) / max)
    scores[i] = reverse ? MAX_NODE_SCORE - s : s
  }
}

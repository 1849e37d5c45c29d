import { describe, expect, it } from 'vitest'
import { loadCorpus } from './corpus'
import { runFuzz } from './run'

/**
 * Thousands of real manifests, mutated at random (fields dropped, retyped,
 * replaced by parts of other manifests, objects moved between kinds and
 * namespaces), applied the way `kubectl apply` writes them. Every write either
 * succeeds or is refused with an ApiError that changes nothing, the store's
 * invariants hold after each, and the controllers keep running on whatever was
 * accepted (`run.ts`). A failure prints its seed, the manifest and the mutation.
 *
 * `FUZZ_SEEDS=1-200` runs other seeds; `explore.ts` runs many, on reshuffled
 * corpora too, and groups what breaks.
 */

function seedsFromEnv(text: string | undefined): number[] | undefined {
  if (!text) return undefined
  const [from, to] = text.split('-').map(Number)
  return Array.from({ length: (to ?? from!) - from! + 1 }, (_, i) => from! + i)
}

const SEEDS = seedsFromEnv(process.env.FUZZ_SEEDS) ?? [1, 2, 3, 4]
const STEPS = 1500

describe('manifest fuzzing', () => {
  const corpus = loadCorpus()

  it('has a corpus of real manifests to start from', () => {
    expect(corpus.length).toBeGreaterThan(80)
  })

  it.each(SEEDS)(
    `keeps every store invariant through ${STEPS} mutated applies (seed %i)`,
    (seed) => {
      const { accepted, refused } = runFuzz({
        seed,
        steps: STEPS,
        corpus,
        jsWordedRefusals: 'fail',
      })
      expect(accepted).toBeGreaterThan(100)
      expect(refused).toBeGreaterThan(100)
    },
  )

  it('keeps them on a reshuffled, thinned corpus too, with what the controllers write checked', () => {
    // New fixtures shift the mutation stream the same way; strict mode validates and freezes every controller write.
    const { accepted } = runFuzz({
      seed: 5,
      corpusSeed: 5,
      steps: STEPS,
      corpus,
      strict: true,
      jsWordedRefusals: 'fail',
    })
    expect(accepted).toBeGreaterThan(100)
  })
})

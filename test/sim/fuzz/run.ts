import type { KubeObject } from '../../../src-main/sim/api/meta'
import { Prng } from '../../../src-main/sim/kernel/prng'
import { Simulation } from '../../../src-main/sim/simulation'
import { ApiError } from '../../../src-main/sim/store/errors'
import type { ObjectStore } from '../../../src-main/sim/store/store'
import { corpusVariant, type Specimen } from './corpus'
import { ChangedObjects, checkInvariants } from './invariants'
import { Mutator, type Mutation } from './mutator'

export interface FuzzOptions {
  seed: number
  steps: number
  corpus: readonly Specimen[]
  /** Shuffle and thin the corpus with this seed first (see `corpusVariant`). */
  corpusSeed?: number
  /** Validate and freeze what the controllers write too. */
  strict?: boolean
  /**
   * A refusal worded by a JavaScript TypeError (a validator that crashed, its
   * crash turned into a 400 by the store) rather than by the API server: fail
   * on it, or hand it to a callback that collects them.
   */
  jsWordedRefusals?: 'fail' | ((report: string, message: string) => void)
}

/** What V8 says when code reads a field of the wrong shape: never the API server's words. */
const JS_ERROR =
  /Cannot read properties of|is not a function|is not iterable|Cannot convert|Cannot use 'in' operator|Maximum call stack/

export interface FuzzResult {
  accepted: number
  refused: number
}

/** A failed run: what broke, and enough to replay it. */
export class FuzzFailure extends Error {}

/** `kubectl apply`, reduced: create, or replace everything but status on the live object. */
function applyObject(store: ObjectStore, obj: KubeObject): void {
  const meta = obj?.metadata
  const live =
    meta &&
    typeof meta === 'object' &&
    typeof meta.name === 'string' &&
    typeof obj.kind === 'string'
      ? store.get(
          obj.kind,
          typeof meta.namespace === 'string' ? meta.namespace : 'default',
          meta.name,
        )
      : undefined
  if (!live) {
    store.create(obj)
    return
  }
  const { status: _status, ...desired } = obj as KubeObject & { status?: unknown }
  store.update({
    ...live,
    ...desired,
    metadata: { ...live.metadata, ...(meta ?? {}), resourceVersion: live.metadata.resourceVersion },
  } as KubeObject)
}

interface Applied {
  step: number
  specimen: Specimen
  mutation: Mutation
}

function describe(applied: Applied): string {
  const json = JSON.stringify(applied.mutation.object)
  return [
    `step ${applied.step}: ${applied.specimen.source} (${applied.specimen.object.kind}/${applied.specimen.object.metadata?.name})`,
    `  mutated by: ${applied.mutation.steps.join('; ')}`,
    `  applied: ${json.length > 1500 ? `${json.slice(0, 1500)}…` : json}`,
  ].join('\n')
}

/**
 * Applies `steps` mutated manifests to a fresh simulation. Every write either
 * succeeds or is refused with an ApiError that changes nothing, the store's
 * invariants hold after each, and the controllers keep running on whatever was
 * accepted. A failure names the seed, the step, the manifest and the mutation.
 */
export function runFuzz(options: FuzzOptions): FuzzResult {
  const { seed, steps } = options
  const corpus =
    options.corpusSeed === undefined
      ? options.corpus
      : corpusVariant(options.corpus, new Prng(options.corpusSeed))
  const donors = corpus.map((s) => s.object)
  const replay = `seed ${seed}${options.corpusSeed === undefined ? '' : `, corpus variant ${options.corpusSeed}`}${options.strict ? ', strict' : ''}`
  const command = `npx tsx test/sim/fuzz/explore.ts --seeds ${seed}${options.corpusSeed === undefined ? '' : ` --corpus ${options.corpusSeed}`}${options.strict ? ' --strict' : ''} --api-words`
  const fail = (what: string, cause: unknown): never => {
    throw new FuzzFailure(`${replay}, ${what}\n  threw: ${String(cause)}\n  replay: ${command}`, {
      cause,
    })
  }
  const mutator = new Mutator(new Prng(seed))
  const sim = new Simulation({ seed, strict: options.strict ?? false })
  sim.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } })
  const changed = new ChangedObjects(sim.store)
  let accepted = 0
  let refused = 0
  // What got in since the controllers last ran on the clock, for a failure there to name.
  let sinceRun: Applied[] = []
  for (let step = 0; step < steps; step++) {
    const specimen = mutator.pick(corpus)
    const applied = { step, specimen, mutation: mutator.mutate(specimen.object, donors) }
    const before = sim.store.resourceVersion
    let ok = false
    try {
      applyObject(sim.store, applied.mutation.object)
      ok = true
    } catch (e) {
      if (!(e instanceof ApiError)) fail(describe(applied), e)
      if (sim.store.resourceVersion !== before)
        fail(`${describe(applied)}\n  a refused write changed the store`, e)
      const message = (e as Error).message
      if (options.jsWordedRefusals && JS_ERROR.test(message)) {
        const report = `${replay}, ${describe(applied)}\n  refused in JavaScript's words, not the API server's: ${message}`
        if (options.jsWordedRefusals === 'fail') fail(report, e)
        else options.jsWordedRefusals(report, message)
      }
      refused++
    }
    if (ok) {
      accepted++
      sinceRun.push(applied)
      try {
        // The controllers react at once, so a crash is laid at the write that caused it.
        sim.settle()
      } catch (e) {
        fail(`${describe(applied)}\n  the controllers failed on it`, e)
      }
    }
    try {
      changed.check()
    } catch (e) {
      fail(describe(applied), e)
    }
    // Let time pass now and then, as in a running cluster, and look at the whole store.
    if (step % 25 === 0) {
      try {
        sim.runFor(5_000)
        checkInvariants(sim.store)
      } catch (e) {
        fail(
          `running 5 s after step ${step}; written since the last run:\n${sinceRun.map(describe).join('\n')}`,
          e,
        )
      }
      sinceRun = []
    }
  }
  try {
    sim.runFor(120_000)
    checkInvariants(sim.store)
  } catch (e) {
    fail(
      `running 120 s after the last step; written since the last run:\n${sinceRun.map(describe).join('\n')}`,
      e,
    )
  }
  return { accepted, refused }
}

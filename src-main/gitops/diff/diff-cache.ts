import type { ResourceDiffView } from '../../shared/dto'
import type { Manifest } from '../manifest/types'

interface Entry {
  liveVersion: string | undefined
  view: ResourceDiffView
}

/**
 * Each resource's last diff, kept while neither side changed. Declared objects
 * are shared from one commit to the next while their file does not change
 * (the parse cache and the normalising keep them), so the same declared
 * object with the same live resourceVersion has the same diff: a commit that
 * changes one file of a 10,000-object app diffs one object again, not all.
 */
export class DiffCache {
  private entries = new WeakMap<Manifest, Entry>()

  /** The diff kept for this declared object, if the live object did not move since. */
  get(desired: Manifest, liveVersion: string | undefined): ResourceDiffView | undefined {
    const entry = this.entries.get(desired)
    return entry && entry.liveVersion === liveVersion ? entry.view : undefined
  }

  set(desired: Manifest, liveVersion: string | undefined, view: ResourceDiffView): void {
    this.entries.set(desired, { liveVersion, view })
  }
}

import type { KubeObject } from '../api/meta'

/**
 * The objects of a kind that the component writing them keeps itself, in a
 * form smaller than a stored object, and hands out as stored objects when
 * read: the recorder's Events, which outnumber every other kind together.
 * The store serves them beside the kind's own table (`KindTable`) and writes
 * nothing for them; an object written through the API is taken back from
 * the keeper (`release`) and stored as any other.
 */
export interface KeptObjects {
  readonly size: number
  has(namespace: string, name: string): boolean
  /** The object as stored; a fresh copy each time. */
  get(namespace: string, name: string): KubeObject | undefined
  values(namespace?: string): IterableIterator<KubeObject>
  /** Stops keeping it (deleted or replaced through the API); the object as it was. */
  release(namespace: string, name: string): KubeObject | undefined
}

import type { KubeObject, LabelSelector } from '../api/meta'
import { ApiError } from './errors'
import { fieldRequirementsOf, fieldSelectorFor, type FieldSelectorInput } from './fields'
import { SelectorError } from './label-requirement'
import { labelSelectorAsSelector, parseLabelSelector, type Selector } from './labels'
import type { WatchEvent } from './watch-window'

/** What narrows a list or a watch: a namespace, a label selector and a field selector. */
export interface SelectionOptions {
  namespace?: string
  /** A compiled label selector (what controllers pass). */
  selector?: Selector
  /** `a=b,c in (x,y)` as `labels.Parse` reads it, or a `metav1.LabelSelector`. */
  labelSelector?: string | LabelSelector
  /** `spec.nodeName=n,status.phase!=Running`, a map of equalities, or requirements. */
  fieldSelector?: FieldSelectorInput
}

export type Predicate = (obj: KubeObject) => boolean

function labelSelectorOf(input: string | LabelSelector): Selector {
  return typeof input === 'string' ? parseLabelSelector(input) : labelSelectorAsSelector(input)
}

/**
 * Compiles the selectors for one kind, or undefined when nothing but the
 * namespace narrows. A selector the API server would refuse is a 400 with its
 * message (`unable to parse requirement: ...`, `field label not supported: x`).
 */
export function compileSelection(kind: string, options: SelectionOptions): Predicate | undefined {
  try {
    const labels = [
      options.selector,
      options.labelSelector !== undefined ? labelSelectorOf(options.labelSelector) : undefined,
    ].filter((s): s is Selector => s !== undefined && !s.empty)
    const fields =
      options.fieldSelector !== undefined
        ? fieldSelectorFor(kind, fieldRequirementsOf(options.fieldSelector))
        : undefined
    const namespace = options.namespace
    if (labels.length === 0 && (!fields || fields.empty) && namespace === undefined)
      return undefined
    return (obj) => {
      if (namespace !== undefined && (obj.metadata.namespace ?? '') !== namespace) return false
      for (const s of labels) if (!s.matches(obj.metadata.labels)) return false
      return !fields || fields.matches(obj)
    }
  } catch (e) {
    if (e instanceof SelectorError) throw new ApiError('BadRequest', e.message)
    throw e
  }
}

/**
 * A change as a filtered watch sees it (the watch cache's `filterWithAttrsFunction`):
 * an object that starts to match is ADDED, one that stops matching is DELETED.
 */
export function filterWatchEvent(event: WatchEvent, matches: Predicate): WatchEvent | undefined {
  const now = matches(event.object)
  if (event.type !== 'MODIFIED' || !event.old) return now ? event : undefined
  const before = matches(event.old)
  if (now && before) return event
  if (now) return { type: 'ADDED', object: event.object }
  if (before) return { type: 'DELETED', object: event.object }
  return undefined
}

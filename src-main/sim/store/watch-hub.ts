import {
  filterWatchEvent,
  compileSelection,
  type Predicate,
  type SelectionOptions,
} from './selection'
import {
  DEFAULT_WATCH_WINDOW,
  parseResourceVersion,
  WatchWindow,
  type WatchEvent,
} from './watch-window'

export type WatchListener = (event: WatchEvent) => void

export interface WatchOptions extends SelectionOptions {
  /**
   * Start after this resourceVersion: every change since is delivered first,
   * then live ones. `"0"` starts with the objects as they are now (ADDED).
   * Too old for the window of recent changes is `410 Gone`.
   */
  resourceVersion?: string
}

/**
 * The store's watchers: listeners of every kind and by kind, the window of
 * recent changes a watch may start from, and the filtering a watch with
 * selectors applies (an object that starts to match is ADDED, one that stops
 * is DELETED).
 */
export class WatchHub {
  private readonly listeners: WatchListener[] = []
  private readonly kindListeners = new Map<string, WatchListener[]>()
  private readonly window: WatchWindow

  constructor(capacity = DEFAULT_WATCH_WINDOW) {
    this.window = new WatchWindow(capacity)
  }

  /**
   * Subscribes `listener`. `current` lists the objects as they are, for a watch
   * from resourceVersion `"0"`; `resourceVersion` is the newest handed out.
   */
  subscribe(
    listener: WatchListener,
    kinds: readonly string[] | undefined,
    options: WatchOptions,
    state: { resourceVersion: number; current: (kinds?: ReadonlySet<string>) => WatchEvent[] },
  ): () => void {
    const deliver = filtered(listener, kinds, options)
    const replay = this.replayFor(kinds, options.resourceVersion, state)
    // Changes made while replaying wait for the replay to end, so the order holds.
    let pending: WatchEvent[] | undefined = replay ? [] : undefined
    const live: WatchListener = replay
      ? (event) => (pending ? pending.push(event) : deliver(event))
      : deliver
    const lists = kinds ? kinds.map((kind) => this.kindList(kind)) : [this.listeners]
    for (const list of lists) list.push(live)
    if (replay) {
      for (const event of replay) deliver(event)
      while (pending!.length > 0) deliver(pending!.shift()!)
      pending = undefined
    }
    return () => {
      for (const list of lists) {
        const i = list.indexOf(live)
        if (i >= 0) list.splice(i, 1)
      }
    }
  }

  /**
   * Records a change made at `resourceVersion` to an object of `kind` and
   * tells the listeners, in order.
   */
  emit(resourceVersion: number, event: WatchEvent, kind = event.object.kind): void {
    this.window.record(resourceVersion, event)
    // Listeners added while this change is announced hear only later ones.
    const byKind = this.kindListeners.get(kind)
    if (byKind) for (let i = 0, n = byKind.length; i < n; i++) byKind[i]?.(event)
    for (let i = 0, n = this.listeners.length; i < n; i++) this.listeners[i]?.(event)
  }

  private replayFor(
    kinds: readonly string[] | undefined,
    resourceVersion: string | undefined,
    state: { resourceVersion: number; current: (kinds?: ReadonlySet<string>) => WatchEvent[] },
  ): WatchEvent[] | undefined {
    if (resourceVersion === undefined || resourceVersion === '') return undefined
    const wanted = kinds && new Set(kinds)
    if (resourceVersion === '0') return state.current(wanted)
    const events = this.window.since(parseResourceVersion(resourceVersion), state.resourceVersion)
    return wanted ? events.filter((e) => wanted.has(e.object.kind)) : events
  }

  private kindList(kind: string): WatchListener[] {
    let list = this.kindListeners.get(kind)
    if (!list) this.kindListeners.set(kind, (list = []))
    return list
  }
}

/** The listener as a watch with selectors sees changes; refuses a bad selector at once. */
function filtered(
  listener: WatchListener,
  kinds: readonly string[] | undefined,
  options: SelectionOptions,
): WatchListener {
  const { namespace, selector, labelSelector, fieldSelector } = options
  if (
    namespace === undefined &&
    !selector &&
    labelSelector === undefined &&
    fieldSelector === undefined
  )
    return listener
  const byKind = new Map<string, Predicate | undefined>()
  for (const kind of kinds ?? ['']) byKind.set(kind, compileSelection(kind, options))
  const anyKind = byKind.get('')
  return (event) => {
    const kind = event.object.kind
    if (!byKind.has(kind)) {
      let matches: Predicate | undefined
      try {
        matches = compileSelection(kind, options)
      } catch {
        // A field this kind cannot select on: only the fields every kind has count.
        matches = anyKind
      }
      byKind.set(kind, matches)
    }
    const matches = byKind.get(kind)
    const out = matches ? filterWatchEvent(event, matches) : event
    if (out) listener(out)
  }
}

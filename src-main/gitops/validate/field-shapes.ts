import type { FieldSegment } from '../manifest/locate'

/**
 * What one kind's schema allows at a place of an object: a struct with named
 * fields, a map with any keys, or free-form JSON (`RawExtension`, a CRD's
 * `default`).
 */
export type Shape =
  { kind: 'struct'; fields: ReadonlySet<string> } | { kind: 'map' } | { kind: 'free' }

/** One place of a kind's objects, and the places below it: `*` for a map's values, `[]` for a list's items. */
class Place {
  shape?: Shape
  readonly below = new Map<string, Place>()

  at(key: string): Place {
    let place = this.below.get(key)
    if (!place) this.below.set(key, (place = new Place()))
    return place
  }
}

/**
 * The generated validators know every field of a struct but say nothing of
 * fields they do not know, which is what the API server's strict decoding
 * refuses (`unknown field "spec.replica"`). They read each field they know
 * (`data.replicas`) and enumerate the keys of a map: watching one run through
 * proxies tells a struct's fields apart from a map's keys. That is learnt once
 * per place of a kind, the first time an object reaches it, so the usual run
 * is the validator alone plus a walk of the object.
 */
export class FieldShapes {
  private readonly root = new Place()

  /** The shape at a place written as `spec.template.spec.containers[]`, `metadata.labels.*`. */
  get(pattern: string): Shape | undefined {
    let place: Place | undefined = this.root
    for (const part of pattern === '' ? [] : pattern.split('.')) {
      const [key, ...lists] = part.split('[]')
      place = place?.below.get(key!)
      for (let n = lists.length; n > 0; n--) place = place?.below.get('[]')
    }
    return place?.shape
  }

  /**
   * Runs `check` over `obj` seen through proxies and keeps the shape of every
   * place the check looked into; returns what the check returned.
   */
  learn<T>(obj: unknown, check: (watched: unknown) => T): T {
    const rec = new Recording()
    // A proxy must hand back a frozen object's own values, so it watches a copy:
    // parsed objects are shared, and frozen in strict mode. Learning is rare.
    const result = check(watch(structuredClone(obj), rec))
    keep(rec, this.root)
    return result
  }

  /**
   * The fields of `obj` its schema does not know, or `undefined` when it
   * reaches a place not learnt yet (unless `skipUnlearnt`: a place the
   * validator never looked into, under a value of the wrong type).
   */
  unknownFields(obj: unknown, skipUnlearnt = false): FieldSegment[][] | undefined {
    const found: FieldSegment[][] = []
    const path: FieldSegment[] = []
    const walk = (value: unknown, place: Place | undefined): boolean => {
      if (Array.isArray(value)) {
        const items = place?.below.get('[]')
        for (let i = 0; i < value.length; i++) {
          path.push(i)
          const ok = walk(value[i], items)
          path.pop()
          if (!ok) return false
        }
        return true
      }
      if (!isRecord(value)) return true
      const shape = place?.shape
      if (!shape) return skipUnlearnt
      if (shape.kind === 'free') return true
      for (const key of Object.keys(value)) {
        let below: Place | undefined
        if (shape.kind === 'map') below = place!.below.get('*')
        else if (shape.fields.has(key)) below = place!.below.get(key)
        else {
          if (!unseenByValidators(key)) found.push([...path, key])
          continue
        }
        path.push(key)
        const ok = walk(value[key], below)
        path.pop()
        if (!ok) return false
      }
      return true
    }
    return walk(obj, this.root) ? found : undefined
  }

  /** The field path as the API server prints it: `spec.containers[0].resources.limits[cpu]`. */
  format(obj: unknown, path: readonly FieldSegment[]): string {
    let out = ''
    let value = obj
    let place: Place | undefined = this.root
    for (const segment of path) {
      if (Array.isArray(value)) {
        out += `[${segment}]`
        place = place?.below.get('[]')
      } else if (place?.shape?.kind === 'map') {
        out += `[${segment}]`
        place = place.below.get('*')
      } else {
        out += out === '' ? String(segment) : `.${segment}`
        place = place?.below.get(String(segment))
      }
      value = isRecord(value) || Array.isArray(value) ? (value as never)[segment] : undefined
    }
    return out
  }
}

/**
 * Fields the package's generator strips from the compiled schemas along with
 * the keywords of the same names: a struct's `description` (PriorityClass, a
 * CRD's printer columns) and the `x-kubernetes-*` fields of a CRD's schema. The
 * validators never read them, so they are taken as known, and not looked into.
 */
function unseenByValidators(key: string): boolean {
  return key === 'description' || key.startsWith('x-kubernetes-')
}

/** What a validator did with one object or list it was handed. */
class Recording {
  readonly reads = new Set<string>()
  enumerated = false
  readonly children = new Map<string, Recording>()
  constructor(readonly isArray = false) {}
}

function keep(rec: Recording, place: Place): void {
  if (rec.isArray) {
    for (const item of rec.children.values()) keep(item, place.at('[]'))
    return
  }
  place.shape ??= rec.enumerated
    ? { kind: 'map' }
    : rec.reads.size > 0
      ? { kind: 'struct', fields: rec.reads }
      : { kind: 'free' }
  const shape = place.shape
  if (shape.kind === 'free') return
  for (const [key, child] of rec.children) keep(child, place.at(shape.kind === 'map' ? '*' : key))
}

function watch(value: unknown, rec: Recording): unknown {
  const proxies = new Map<string, unknown>()
  return new Proxy(value as object, {
    get(target, key, receiver) {
      const raw: unknown = Reflect.get(target, key, receiver)
      if (typeof key !== 'string') return raw
      if (rec.isArray) {
        if (!/^\d+$/.test(key)) return raw
      } else rec.reads.add(key)
      if (!isRecord(raw) && !Array.isArray(raw)) return raw
      let proxy = proxies.get(key)
      if (proxy === undefined) {
        let child = rec.children.get(key)
        if (!child) rec.children.set(key, (child = new Recording(Array.isArray(raw))))
        proxy = watch(raw, child)
        proxies.set(key, proxy)
      }
      return proxy
    },
    ownKeys(target) {
      rec.enumerated = true
      return Reflect.ownKeys(target)
    },
  })
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

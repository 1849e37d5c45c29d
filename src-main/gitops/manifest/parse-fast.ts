import {
  constructFromEvents,
  defineScalarTag,
  EVENT_ID,
  FAILSAFE_SCHEMA,
  NOT_RESOLVED,
  parseEvents,
  Schema,
  type Event,
} from 'js-yaml'
import { isList, LineIndex, type RawDocument } from './documents'
import { resolvePlainScalar } from './scalars'

/** A tag that reads the plain scalars kubectl reads as `type` (see `resolvePlainScalar`). */
const kubectlTag = (tagName: string, type: 'object' | 'boolean' | 'number') =>
  defineScalarTag(tagName, {
    implicit: true,
    resolve: (source: string) => {
      const value = resolvePlainScalar(source)
      return typeof value === type ? value : NOT_RESOLVED
    },
    identify: (data: unknown) => typeof data === type,
  })

const KUBECTL_SCHEMA = new Schema([
  ...FAILSAFE_SCHEMA.tags,
  kubectlTag('tag:yaml.org,2002:null', 'object'),
  kubectlTag('tag:yaml.org,2002:bool', 'boolean'),
  kubectlTag('tag:yaml.org,2002:int', 'number'),
])

/**
 * Reads YAML with js-yaml's event parser, several times faster than the `yaml`
 * package on large repositories, keeping where each document starts. Returns
 * undefined whenever the precise reader should decide instead: a syntax error
 * (for its message), a directive (`%YAML 1.1` changes what scalars mean), or a
 * list (whose items need their own lines). Both readers resolve plain scalars
 * as kubectl does, so what they accept they read alike.
 */
export function readFast(text: string): RawDocument[] | undefined {
  if (/^%/m.test(text)) return undefined
  let events: Event[]
  let values: unknown[]
  try {
    events = parseEvents(text, {})
    values = constructFromEvents(events, { source: text, maxAliases: 100, schema: KUBECTL_SCHEMA })
  } catch {
    return undefined
  }
  const starts = documentStarts(events)
  if (starts.length !== values.length) return undefined
  const lines = new LineIndex(text)
  const out: RawDocument[] = []
  for (const [document, value] of values.entries()) {
    if (isList(value)) return undefined
    out.push({ document, line: lines.lineOf(starts[document]!), value })
  }
  return out
}

/** The offset at which each document's root node starts (or the previous one's, when empty). */
function documentStarts(events: Event[]): number[] {
  const starts: number[] = []
  let last = 0
  for (let i = 0; i < events.length; i++) {
    if (events[i]!.type !== EVENT_ID.DOCUMENT) continue
    const root = events[i + 1]
    if (root) last = nodeStart(root) ?? last
    starts.push(last)
  }
  return starts
}

function nodeStart(event: Event): number | undefined {
  switch (event.type) {
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return firstOf(event.start, event.anchorStart, event.tagStart)
    case EVENT_ID.SCALAR:
      return firstOf(event.valueStart, event.anchorStart, event.tagStart)
    case EVENT_ID.ALIAS:
      return event.anchorStart
    default:
      return undefined
  }
}

function firstOf(...offsets: number[]): number {
  return Math.min(...offsets.filter((o) => o >= 0))
}

import type { KubeObject } from '../../api/meta'
import type { DescribeContext } from './context'
import { describeEvents, searchEvents } from './events'
import { printAnnotationsMultiline, printLabelsMultiline } from './multiline'
import { tabbed } from './prefix-writer'

interface ConfigMapShape extends KubeObject {
  data?: Record<string, string>
  binaryData?: Record<string, string>
}

/** Bytes behind a base64 text. */
function decodedLength(base64: string): number {
  const clean = base64.replace(/\s/g, '')
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0
  return Math.floor((clean.length * 3) / 4) - padding
}

/**
 * `ConfigMapDescriber`: every key, then its value. kubectl walks a Go map, so
 * its key order varies from run to run; here they are sorted.
 */
export function describeConfigMap(obj: KubeObject, ctx: DescribeContext): string {
  const cm = obj as ConfigMapShape
  const events = searchEvents(ctx, cm)
  return tabbed((w) => {
    w.write(0, `Name:\t${cm.metadata.name}\n`)
    w.write(0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', cm.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations)
    w.write(0, '\nData\n====\n')
    for (const key of Object.keys(cm.data ?? {}).sort()) {
      w.write(0, `${key}:\n----\n`)
      w.write(0, `${cm.data![key]}\n`)
      w.write(0, '\n')
    }
    w.write(0, '\nBinaryData\n====\n')
    for (const key of Object.keys(cm.binaryData ?? {}).sort())
      w.write(0, `${key}: ${decodedLength(cm.binaryData![key]!)} bytes\n`)
    w.write(0, '\n')
    describeEvents(events, w, ctx)
  })
}

/** `describeSecret`: values are never shown, only their sizes. */
export function describeSecret(obj: KubeObject): string {
  const secret = obj as KubeObject & { type?: string; data?: Record<string, string> }
  return tabbed((w) => {
    w.write(0, `Name:\t${secret.metadata.name}\n`)
    w.write(0, `Namespace:\t${secret.metadata.namespace ?? ''}\n`)
    printLabelsMultiline(w, 'Labels', secret.metadata.labels)
    printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations)
    w.write(0, `\nType:\t${secret.type ?? ''}\n`)
    w.write(0, '\nData\n====\n')
    for (const key of Object.keys(secret.data ?? {}).sort())
      w.write(0, `${key}:\t${decodedLength(secret.data![key]!)} bytes\n`)
  })
}

import type { CommitInfo } from '../../gitops/ports'

export interface Signature {
  name: string
  email: string
  timestampMs: number
  /** Minutes east of UTC, as git's `+0130` means 90. */
  timezoneOffsetMinutes: number
}

/** A commit as its object says it, with what the ports' CommitInfo leaves out. */
export interface CommitRecord extends CommitInfo {
  tree: string
  author: Signature
  committer: Signature
}

/**
 * Parents and committer time only: what a history walk needs, read from the
 * header without decoding the message.
 */
export function parseCommitLinks(data: Buffer): { parents: string[]; timeSeconds: number } {
  const parents: string[] = []
  let at = 46 // "tree <40 hex>\n"
  while (data[at] === 0x70 /* p */ && data.toString('latin1', at, at + 7) === 'parent ') {
    parents.push(data.toString('latin1', at + 7, at + 47))
    at += 48
  }
  let timeSeconds = 0
  for (;;) {
    const end = data.indexOf(0x0a, at)
    if (end <= at) break
    if (data[at] === 0x63 /* c */ && data.toString('latin1', at, at + 10) === 'committer ') {
      timeSeconds = signatureTime(data.toString('latin1', at, end))
      break
    }
    at = end + 1
  }
  return { parents, timeSeconds }
}

/** Every field of a commit object; the message is decoded as UTF-8. */
export function parseCommit(oid: string, data: Buffer): CommitRecord {
  const split = data.indexOf('\n\n')
  const header = data.toString('utf8', 0, split < 0 ? data.length : split)
  const message = split < 0 ? '' : data.toString('utf8', split + 2)
  let tree = ''
  const parents: string[] = []
  let author: Signature | undefined
  let committer: Signature | undefined
  for (const line of header.split('\n')) {
    const space = line.indexOf(' ')
    const key = line.slice(0, space)
    const value = line.slice(space + 1)
    if (key === 'tree') tree = value
    else if (key === 'parent') parents.push(value)
    else if (key === 'author') author = parseSignature(value)
    else if (key === 'committer') committer = parseSignature(value)
  }
  if (!tree || !author || !committer)
    throw new Error(`commit ${oid} lacks a tree, author or committer`)
  return { sha: oid, tree, parents, author, committer, message, subject: subjectOf(message) }
}

/**
 * The subject as git's `%s` prints it: the first paragraph after any blank
 * lines, its lines joined by spaces with trailing white space dropped.
 */
export function subjectOf(message: string): string {
  const lines = message.split('\n')
  let i = 0
  while (i < lines.length && lines[i]!.trim() === '') i++
  const subject: string[] = []
  for (; i < lines.length && lines[i]!.trim() !== ''; i++) subject.push(lines[i]!.trimEnd())
  return subject.join(' ')
}

/** `Name <email> 1700000000 +0100` */
export function parseSignature(value: string): Signature {
  const open = value.indexOf('<')
  const close = value.lastIndexOf('>')
  const [seconds, zone] = value
    .slice(close + 1)
    .trim()
    .split(' ')
  const sign = zone?.startsWith('-') ? -1 : 1
  const digits = (zone ?? '+0000').replace(/^[+-]/, '').padStart(4, '0')
  return {
    name: value.slice(0, Math.max(open, 0)).trim(),
    email: value.slice(open + 1, close),
    timestampMs: Number(seconds ?? 0) * 1000,
    timezoneOffsetMinutes: sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))),
  }
}

/** The inverse of parseSignature: `Name <email> 1700000000 +0100`. */
export function formatSignature(s: Signature): string {
  const minutes = Math.abs(s.timezoneOffsetMinutes)
  const zone =
    (s.timezoneOffsetMinutes < 0 ? '-' : '+') +
    String(Math.floor(minutes / 60)).padStart(2, '0') +
    String(minutes % 60).padStart(2, '0')
  return `${s.name} <${s.email}> ${Math.floor(s.timestampMs / 1000)} ${zone}`
}

function signatureTime(line: string): number {
  const close = line.lastIndexOf('>')
  return Number(
    line
      .slice(close + 1)
      .trim()
      .split(' ')[0] ?? 0,
  )
}

import type { FieldError, GoSyntax } from './validate'

/**
 * The value checks of `k8s.io/apimachinery/pkg/util/validation` and the
 * constructors of `field.Error`, with their messages word for word, for the
 * validators of Services, storage, networking and config objects.
 */

export const invalid = (field: string, value: unknown, detail: string): FieldError => ({
  field,
  type: 'Invalid value',
  value,
  detail,
})
export const required = (field: string, detail = ''): FieldError => ({
  field,
  type: 'Required value',
  detail: detail || undefined,
})
export const forbidden = (field: string, detail: string): FieldError => ({
  field,
  type: 'Forbidden',
  detail,
})
export const duplicate = (field: string, value: unknown): FieldError => ({
  field,
  type: 'Duplicate value',
  value,
})
export const tooLong = (field: string, maxBytes: number): FieldError => ({
  field,
  type: 'Too long',
  detail: `must have at most ${maxBytes} bytes`,
})
/** `field.NotSupported`: the supported values quoted, in the order given (upstream lists them sorted). */
export const notSupported = (
  field: string,
  value: unknown,
  supported: readonly string[],
): FieldError => ({
  field,
  type: 'Unsupported value',
  value,
  detail: `supported values: ${supported.map((v) => JSON.stringify(v)).join(', ')}`,
})

/** A value to print as Go would with `%#v`. */
export const go = (goSyntax: string): GoSyntax => ({ goSyntax })
export const goStrings = (values: readonly string[]): GoSyntax =>
  go(`[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`)

/** `field.NewPath(...).Key(k)`. */
export const key = (path: string, k: string): string => `${path}[${k}]`

const maxLen = (n: number): string => `must be no more than ${n} characters`

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/
const WILDCARD_DNS1123_SUBDOMAIN =
  /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

export function isDns1123Label(value: string): string[] {
  const errs: string[] = []
  if (value.length > 63) errs.push(maxLen(63))
  if (!DNS1123_LABEL.test(value))
    errs.push(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    )
  return errs
}

export function isDns1123Subdomain(value: string): string[] {
  const errs: string[] = []
  if (value.length > 253) errs.push(maxLen(253))
  if (!DNS1123_SUBDOMAIN.test(value))
    errs.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    )
  return errs
}

export function isWildcardDns1123Subdomain(value: string): string[] {
  const errs: string[] = []
  if (value.length > 253) errs.push(maxLen(253))
  if (!WILDCARD_DNS1123_SUBDOMAIN.test(value))
    errs.push(
      "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    )
  return errs
}

export function isDns1035Label(value: string): string[] {
  const errs: string[] = []
  if (value.length > 63) errs.push(maxLen(63))
  if (!DNS1035_LABEL.test(value))
    errs.push(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    )
  return errs
}

/** `IsValidPortName`: an IANA_SVC_NAME. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = []
  if (port.length > 15) errs.push(maxLen(15))
  if (!/^[-a-z0-9]+$/.test(port))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)')
  if (port.includes('--')) errs.push('must not contain consecutive hyphens')
  if (port.startsWith('-') || port.endsWith('-')) errs.push('must not begin or end with a hyphen')
  return errs
}

export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535
    ? []
    : ['must be between 1 and 65535, inclusive']
}

/** `IsConfigMapKey`: the keys of ConfigMaps and Secrets. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = []
  if (value.length > 253) errs.push(maxLen(253))
  if (!/^[-._a-zA-Z0-9]+$/.test(value))
    errs.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    )
  if (value === '.') errs.push("must not be '.'")
  else if (value === '..') errs.push("must not be '..'")
  else if (value.startsWith('..')) errs.push("must not start with '..'")
  return errs
}

const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/

/** `IsQualifiedName`: `prefix/name` or `name`, as label keys and provisioner names are. */
export function isQualifiedName(value: string): string[] {
  const parts = value.split('/')
  let name = value
  const errs: string[] = []
  if (parts.length === 2) {
    const [prefix, rest] = parts as [string, string]
    name = rest
    if (prefix.length === 0) errs.push('prefix part must be non-empty')
    else for (const msg of isDns1123Subdomain(prefix)) errs.push(`prefix part ${msg}`)
  } else if (parts.length > 2) {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]
  }
  if (name.length === 0) errs.push('name part must be non-empty')
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`)
  // An empty name fails the pattern too, and Go says so as well.
  if (!QUALIFIED_NAME_PART.test(name))
    errs.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    )
  return errs
}

/** Each message of a check as an `Invalid value` error on one field. */
export function invalidEach(
  field: string,
  value: unknown,
  messages: readonly string[],
): FieldError[] {
  return messages.map((msg) => invalid(field, value, msg))
}

/** Bytes of a string as Go's `len` counts them (UTF-8). */
export function utf8Length(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

/** Decoded length of base64 text, without decoding it. */
export function base64DecodedLength(data: string): number {
  const clean = data.replace(/[\r\n]/g, '')
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding)
}

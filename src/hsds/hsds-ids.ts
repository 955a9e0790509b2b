import { createHash } from 'node:crypto';

/**
 * The namespace of every HSDS id Henvis derives (a fixed random UUID): the same input gives the
 * same id on every run and every machine, and no other publisher's v5 ids collide with ours.
 */
export const HENVIS_NAMESPACE = '0ae34cbd-ad83-4b47-a8d8-a63710509e86';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/** A name-based UUID (RFC 9562 version 5: SHA-1 of the namespace's bytes and the name). */
export function uuidV5(name: string, namespace: string = HENVIS_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The HSDS id of one of our services or organisations: our id itself when it already is a UUID
 * (so what an import created exports under the id it came with), else derived from it.
 */
export function entityId(kind: 'service' | 'organization', ourId: string): string {
  return isUuid(ourId) ? ourId.toLowerCase() : uuidV5(`${kind}:${ourId}`);
}

/** The id of a part of a document (its phone, an attribute), derived from its parent's id. */
export function partId(parentId: string, part: string): string {
  return uuidV5(`${parentId}/${part}`);
}

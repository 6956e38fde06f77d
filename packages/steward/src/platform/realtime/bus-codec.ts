// How events travel between processes in NOTIFY payloads: one line per event, `<seq> <topic> <event JSON>`,
// several lines per payload. Topics hold no spaces and JSON no raw newlines, so no escaping is needed.

/** An event as every process holds it: the serialised StreamEvent plus what routing needs. */
export interface BusEvent {
  topic: string;
  seq: number;
  /** The StreamEvent as JSON, serialised once and sent as is to every subscriber. */
  json: string;
}

/** An event too large for a NOTIFY payload, stored in the database under this id. */
export interface StoredEventRef {
  ref: string;
}

/** PostgreSQL rejects NOTIFY payloads of 8000 bytes or more; the channel name does not count. */
export const notifyPayloadLimit = 7_900;

export function eventJson(topic: string, seq: number, type: string, dataJson: string): string {
  return `{"topic":${JSON.stringify(topic)},"seq":${seq},"type":${JSON.stringify(type)},"data":${dataJson}}`;
}

export function encodeLine(event: BusEvent): string {
  return `${event.seq} ${event.topic} ${event.json}`;
}

export function refLine(id: string): string {
  return `@${id}`;
}

export function fitsInPayload(line: string): boolean {
  return Buffer.byteLength(line) <= notifyPayloadLimit;
}

/** Packs lines (each already within the limit) into as few payloads as fit, keeping their order. */
export function packPayloads(lines: string[], limit = notifyPayloadLimit): string[] {
  const payloads: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    const bytes = Buffer.byteLength(line);
    if (current.length > 0 && size + 1 + bytes > limit) {
      payloads.push(current.join('\n'));
      current = [];
      size = 0;
    }
    size += (current.length > 0 ? 1 : 0) + bytes;
    current.push(line);
  }
  if (current.length > 0) payloads.push(current.join('\n'));
  return payloads;
}

export function decodePayload(payload: string): Array<BusEvent | StoredEventRef> {
  return payload
    .split('\n')
    .map((line) => (line.startsWith('@') ? { ref: line.slice(1) } : decodeLine(line)));
}

export function decodeLine(line: string): BusEvent {
  const afterSeq = line.indexOf(' ');
  const afterTopic = line.indexOf(' ', afterSeq + 1);
  const seq = Number(line.slice(0, afterSeq));
  if (afterSeq < 1 || afterTopic < 0 || !Number.isSafeInteger(seq)) {
    throw new Error(`not a realtime event line: ${JSON.stringify(line.slice(0, 80))}`);
  }
  return { seq, topic: line.slice(afterSeq + 1, afterTopic), json: line.slice(afterTopic + 1) };
}

// A long recording of speech for sipp to send, made from sipp's bundled 7-second sample (g711a.pcap) played over
// and over. Replaying the sample itself from a scenario does not work: each replay sends the same RTP sequence
// numbers and timestamps again, and Asterisk drops packets that go back in sequence as stale, so a phone that
// "speaks again" is silent from its second replay on. Here every copy carries on the numbering of the one before,
// so the RTP stream is one continuous talk, as a person's would be.
import { readFileSync } from 'node:fs';

export const SPEECH_SAMPLE = '/usr/share/sip-tester/g711a.pcap';

const PCAP_HEADER = 24;
const RECORD_HEADER = 16;
const ETHERNET_HEADER = 14;
const UDP_HEADER = 8;

interface RtpRecord {
  /** Capture time of the packet, microseconds from the start of the sample. */
  atMicros: number;
  /** The whole captured frame (Ethernet, IPv4, UDP, RTP); its RTP header is rewritten for each copy. */
  frame: Buffer;
  /** Offset of the RTP header in `frame`. */
  rtpAt: number;
}

/** The sample repeated until it lasts at least `seconds`, as a pcap file (bytes) sipp's play_pcap_audio can send. */
export function speechLoopPcap(seconds: number, sample: Buffer = readFileSync(SPEECH_SAMPLE)): Buffer {
  const records = rtpRecordsOf(sample);
  if (records.length < 2) throw new Error('the speech sample holds fewer than two RTP packets');
  const first = records[0]!;
  const last = records.at(-1)!;
  const packetMicros = (last.atMicros - first.atMicros) / (records.length - 1);
  const copyMicros = last.atMicros - first.atMicros + packetMicros;
  const firstSequence = first.frame.readUInt16BE(first.rtpAt + 2);
  const firstTimestamp = first.frame.readUInt32BE(first.rtpAt + 4);
  const lastTimestamp = last.frame.readUInt32BE(last.rtpAt + 4);
  const timestampStep = (lastTimestamp - firstTimestamp) / (records.length - 1);
  const copies = Math.ceil((seconds * 1_000_000) / copyMicros);

  const out: Buffer[] = [sample.subarray(0, PCAP_HEADER)];
  for (let copy = 0; copy < copies; copy++) {
    records.forEach((record, index) => {
      const frame = Buffer.from(record.frame);
      const packet = copy * records.length + index;
      frame.writeUInt16BE((firstSequence + packet) & 0xffff, record.rtpAt + 2);
      frame.writeUInt32BE((firstTimestamp + Math.round(packet * timestampStep)) >>> 0, record.rtpAt + 4);
      // Only the first packet of the whole talk marks the start of a talkspurt.
      if (packet > 0) frame[record.rtpAt + 1] = frame[record.rtpAt + 1]! & 0x7f;
      const at = Math.round(record.atMicros + copy * copyMicros);
      const header = Buffer.alloc(RECORD_HEADER);
      header.writeUInt32LE(Math.floor(at / 1_000_000), 0);
      header.writeUInt32LE(at % 1_000_000, 4);
      header.writeUInt32LE(frame.length, 8);
      header.writeUInt32LE(frame.length, 12);
      out.push(header, frame);
    });
  }
  return Buffer.concat(out);
}

/** The RTP packets of a little-endian, microsecond, Ethernet pcap of IPv4/UDP (what g711a.pcap is). */
function rtpRecordsOf(pcap: Buffer): RtpRecord[] {
  if (pcap.readUInt32LE(0) !== 0xa1b2c3d4) throw new Error('not a little-endian microsecond pcap file');
  if (pcap.readUInt32LE(20) !== 1) throw new Error('the pcap file does not hold Ethernet frames');
  const records: RtpRecord[] = [];
  let startMicros: number | undefined;
  for (let at = PCAP_HEADER; at + RECORD_HEADER <= pcap.length;) {
    const micros = pcap.readUInt32LE(at) * 1_000_000 + pcap.readUInt32LE(at + 4);
    const length = pcap.readUInt32LE(at + 8);
    const frame = pcap.subarray(at + RECORD_HEADER, at + RECORD_HEADER + length);
    at += RECORD_HEADER + length;
    const ipHeader = (frame[ETHERNET_HEADER]! & 0x0f) * 4;
    startMicros ??= micros;
    records.push({ atMicros: micros - startMicros, frame, rtpAt: ETHERNET_HEADER + ipHeader + UDP_HEADER });
  }
  return records;
}

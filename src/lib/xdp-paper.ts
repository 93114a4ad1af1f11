// The single-core packet-drop figures of the XDP paper, as published, for the
// drop-bench page to set beside a recorded run. Typed in once, from the paper:
// they are a citation, not a measurement of this project.
export interface PublishedDrop {
  id: 'xdp' | 'dpdk' | 'linux-raw' | 'linux-conntrack';
  /** Million packets per second on one core, as the paper reports it. */
  mpps: number;
}

export const XDP_PAPER = {
  authors: 'Toke Høiland-Jørgensen, Jesper Dangaard Brouer, Daniel Borkmann, John Fastabend, Tom Herbert, David Ahern, David Miller',
  title: 'The eXpress Data Path: Fast Programmable Packet Processing in the Operating System Kernel',
  venue: 'ACM CoNEXT 2018',
  doi: '10.1145/3281411.3281443',
  /** Where in the paper: the drop test of section 4.1, Figure 3 (packet drop performance), one core. */
  where: '§4.1, Figure 3',
  setup: 'Xeon E5-1650 v4 at 3.6 GHz, Mellanox ConnectX-5 (100 Gbit/s), 64-byte packets from TRex on another machine',
  drops: [
    { id: 'dpdk', mpps: 43.5 },
    { id: 'xdp', mpps: 24 },
    { id: 'linux-raw', mpps: 4.8 },
    { id: 'linux-conntrack', mpps: 1.8 },
  ] satisfies PublishedDrop[],
} as const;

/** Nanoseconds per packet on one core: the inverse of the rate. */
export const nsPerPacket = (mpps: number): number => 1000 / mpps;

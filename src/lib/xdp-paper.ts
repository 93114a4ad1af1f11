// The single-core packet-drop figures of the XDP paper, as published, for the
// drop-bench page to set beside a recorded run. Typed in once, from the paper:
// they are a citation, not a measurement of this project. Checked against the
// paper's own source (the authors' xdp-paper repository, xdp-paper.tex, section
// "Packet Drop Performance" and the figure labelled fig:drop-test, third in the
// paper): "24 Mpps" for XDP and "43.5 Mpps" for DPDK on one core, "from 1.8 Mpps
// of single-core performance with conntrack, up to 4.8 Mpps in raw mode" for
// iptables; the setup (E5-1650 v4 at 3.60 GHz, ConnectX-5 Ex, TRex, 64-byte
// packets, a pre-release of 4.18) from its "Performance evaluation" section.
// The paper rounds XDP's 1000/24 ns down to 41.6; the page computes 41.7.
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

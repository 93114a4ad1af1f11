// xdp-meta lab: the metadata layouts the XDP programs write in front of the
// frame and the tc program reads back from the same packet. Both sides include
// this header, so they agree on every byte.
#ifndef XDP_META_H
#define XDP_META_H

#include <linux/types.h>

// region: layouts
// "XLMB" and "XLMH" in ASCII: which program wrote the metadata.
#define META_MAGIC_BASIC 0x584c4d42
#define META_MAGIC_HINTS 0x584c4d48

// Written by xdp_write_meta: what XDP parsed, for tc to compare with its own view.
struct meta_basic {
	__u32 magic;
	__u16 icmp_seq;  // the echo request's sequence number, host order
	__u16 frame_len; // data_end - data as XDP saw it
};

// Written by xdp_rx_hints: what the RX metadata kfuncs returned. 32 bytes,
// the most that every kernel allows (newer ones allow more).
struct meta_hints {
	__u32 magic;
	__u32 rx_hash;
	__u32 rx_hash_type;    // enum xdp_rss_hash_type
	__s32 rx_hash_ret;     // 0 or a negative errno
	__u64 rx_timestamp;    // nanoseconds, 0 when the device has none
	__s32 rx_timestamp_ret;
	__u32 reserved;
};
// endregion: layouts

#endif

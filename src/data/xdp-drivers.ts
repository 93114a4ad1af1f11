// What the drivers readers meet report in their net_device's xdp_features, the
// bitmask of NETDEV_XDP_ACT_* flags (include/uapi/linux/netdev.h) that the
// kernel has had since 6.3. Every cell was read in the kernel source named by
// KERNEL_READ, at the files each row lists: where the driver assigns
// xdp_features or calls xdp_set_features_flag(), xdp_clear_features_flag(),
// xdp_features_set_redirect_target() and xdp_features_clear_redirect_target().
// To read a newer kernel: in its tree,
//   grep -rn 'NETDEV_XDP_ACT_\|xdp_features\|features_flag\|redirect_target' drivers/net
// then change the cells and notes that moved, and KERNEL_READ.
//
// src/components/DriverTable.astro renders this on the XDP page in both
// languages; test/unit/xdp-drivers.test.ts checks that it is well formed.
import type { Text } from '../../labs/lib/locale.ts';

/**
 * The kernel these rows were read from: Debian's linux-source-7.2 package,
 * 7.2.13-1 (the upstream 7.2.13 stable release with Debian's patches).
 */
export const KERNEL_READ = { version: '7.2.13' } as const;

/** The table's columns, left to right: one NETDEV_XDP_ACT_ bit each. */
export const COLUMNS = ['native', 'frags', 'zerocopy', 'redirectTarget', 'offload'] as const;
export type Column = (typeof COLUMNS)[number];

/** Each column's bit, without its NETDEV_XDP_ACT_ prefix. */
export const COLUMN_BIT = {
  native: 'BASIC',
  frags: 'RX_SG',
  zerocopy: 'XSK_ZEROCOPY',
  redirectTarget: 'NDO_XMIT',
  offload: 'HW_OFFLOAD',
} as const satisfies Record<Column, string>;

/** The bits of enum netdev_xdp_act in 7.2, by name; the columns use five of them. */
export const XDP_ACT_BITS = ['BASIC', 'REDIRECT', 'NDO_XMIT', 'XSK_ZEROCOPY', 'HW_OFFLOAD', 'RX_SG', 'NDO_XMIT_SG'] as const;

/**
 * yes: the driver always reports the bit; no: never; conditional: only in the
 * setup its note names. A yes or a no may carry a note too (a bit that is
 * reported but not enough on its own, say).
 */
export type Support = 'yes' | 'no' | 'conditional';
export type Cell = { readonly support: 'yes' | 'no'; readonly note?: Text } | { readonly support: 'conditional'; readonly note: Text };

export const GROUPS = ['nic', 'soc', 'virtual', 'software'] as const;
export type Group = (typeof GROUPS)[number];

export interface DriverRow {
  /** The driver's module name, as lsmod lists it (ethtool -i prints the same for most). */
  driver: string;
  group: Group;
  /** The hardware (or the kind of device) it drives. */
  hardware: Text;
  /** The files the cells were read in, from the kernel tree's root. */
  sources: readonly string[];
  /** A condition on the whole row, shown on the driver's name. */
  note?: Text;
  cells: { readonly [C in Column]: Cell };
}

const yes: Cell = { support: 'yes' };
const no: Cell = { support: 'no' };
const when = (note: Text): Cell => ({ support: 'conditional', note });
const yesBut = (note: Text): Cell => ({ support: 'yes', note });
const noBut = (note: Text): Cell => ({ support: 'no', note });

// Notes several drivers share: one note, one footnote number on the page.

/** xdp_features_set_redirect_target() when a program is attached, ..._clear_... when it is removed. */
const WHILE_ATTACHED: Text = {
  en: 'Only while an XDP program is attached to this device itself: attaching one sets `NDO_XMIT`, detaching it clears the bit. To redirect frames into the device, attach a program to it too, even one that only returns `XDP_PASS`.',
  ko: '이 장치 자체에 XDP 프로그램이 붙어 있는 동안만입니다. 프로그램을 붙이면 `NDO_XMIT`이 설정되고, 떼어 내면 해제됩니다. 이 장치로 프레임을 리다이렉트하려면 `XDP_PASS`만 돌려주는 프로그램이라도 이 장치에 붙여 두세요.',
};

/** NDO_XMIT set at probe, then cleared and set again as programs come and go. */
const UNTIL_DETACHED: Text = {
  en: 'Reported from the start; detaching a program from the running device clears it, and attaching one sets it again.',
  ko: '처음부터 설정되어 있습니다. 동작 중인 장치에서 프로그램을 떼어 내면 해제되고, 다시 붙이면 설정됩니다.',
};

const MLX5_MERGE: Text = {
  en: 'All bits are cleared while LRO or hardware GRO is on (`ethtool -K <dev> lro off rx-gro-hw off` brings them back). VF representors and IPoIB interfaces report nothing: they do not implement XDP.',
  ko: 'LRO나 하드웨어 GRO가 켜져 있는 동안에는 모든 비트가 해제됩니다(`ethtool -K <dev> lro off rx-gro-hw off`로 끄면 돌아옵니다). VF 리프레젠터와 IPoIB 인터페이스는 XDP를 구현하지 않으므로 아무것도 알리지 않습니다.',
};

const IDPF_SPLITQ: Text = {
  en: 'Only with the split queue model; a vport in the single queue model reports nothing.',
  ko: '분할 큐 모델일 때만입니다. 단일 큐 모델의 vport는 아무것도 알리지 않습니다.',
};

const FEC_SWAP: Text = {
  en: 'Not on SoCs whose FEC needs the frame byte-swap quirk (`FEC_QUIRK_SWAP_FRAME`, the i.MX28): there the driver reports nothing.',
  ko: '프레임 바이트 순서를 뒤집어야 하는 FEC(`FEC_QUIRK_SWAP_FRAME`, i.MX28)에서는 드라이버가 아무것도 알리지 않습니다.',
};

const ENETC_REV1: Text = {
  en: 'Only on revision 1 of the ENETC (the LS1028A); the i.MX95 ENETC reports nothing yet.',
  ko: 'ENETC 리비전 1(LS1028A)에서만입니다. i.MX95의 ENETC는 아직 아무것도 알리지 않습니다.',
};

const MVNETA_BM: Text = {
  en: 'Nothing when the port uses the hardware buffer manager (a `buffer-manager` in its device tree node).',
  ko: '포트가 하드웨어 버퍼 관리자를 쓰면(장치 트리 노드에 `buffer-manager`가 있으면) 아무것도 알리지 않습니다.',
};

const MVPP2_POOLS: Text = {
  en: 'Only with per-CPU buffer pools (PPv2.2 and later, when the controller has enough pools) and at least two TX queues per CPU; otherwise nothing.',
  ko: 'CPU별 버퍼 풀(PPv2.2 이상에서 풀이 충분할 때)을 쓰고 CPU마다 TX 큐가 두 개 이상일 때만입니다. 아니면 아무것도 알리지 않습니다.',
};

const ENA_QUEUES: Text = {
  en: 'Only while at most half of the device’s queues are in use; with more, reduce the channels (`ethtool -L <dev> combined N`) and the bits come back.',
  ko: '장치 큐의 절반 이하만 쓰는 동안만입니다. 더 많이 쓰고 있다면 채널 수를 줄이면(`ethtool -L <dev> combined N`) 비트가 돌아옵니다.',
};

const GVE_FORMAT: Text = {
  en: 'Only with the GQI-QPL or DQO-RDA queue format, as the virtual device offers it; GQI-RDA and DQO-QPL report nothing.',
  ko: '가상 장치가 GQI-QPL이나 DQO-RDA 큐 형식을 제공할 때만입니다. GQI-RDA와 DQO-QPL에서는 아무것도 알리지 않습니다.',
};

const TUN_TAP: Text = {
  en: 'Only a TAP device (layer 2, `IFF_TAP`); a TUN device (layer 3) has no XDP.',
  ko: 'TAP 장치(L2, `IFF_TAP`)만 해당합니다. TUN 장치(L3)에는 XDP가 없습니다.',
};

const BOND_EVERY_SLAVE: Text = {
  en: 'Only if every slave reports it: the bond keeps the bits all its slaves share.',
  ko: '모든 슬레이브가 알릴 때만입니다. 본딩 장치는 슬레이브들이 공통으로 가진 비트만 남깁니다.',
};

export const drivers: readonly DriverRow[] = [
  // Server NICs
  {
    driver: 'mlx5_core',
    group: 'nic',
    hardware: { en: 'NVIDIA (Mellanox) ConnectX-4 and later, BlueField', ko: 'NVIDIA(Mellanox) ConnectX-4 이후, BlueField' },
    sources: ['drivers/net/ethernet/mellanox/mlx5/core/en_main.c'],
    cells: {
      native: when(MLX5_MERGE),
      frags: when({
        en: 'As the other bits, cleared while LRO or hardware GRO is on. With an MTU that does not fit one buffer the program must be `xdp.frags`, and with striding RQ some MTUs are refused (`XDP is not allowed with striding RQ and MTU(…)`).',
        ko: '다른 비트처럼 LRO나 하드웨어 GRO가 켜져 있으면 해제됩니다. MTU가 버퍼 하나에 들어가지 않으면 프로그램이 `xdp.frags`여야 하고, striding RQ에서는 일부 MTU가 거부됩니다(`XDP is not allowed with striding RQ and MTU(…)`).',
      }),
      zerocopy: when(MLX5_MERGE),
      redirectTarget: when(WHILE_ATTACHED),
      offload: no,
    },
  },
  {
    driver: 'mlx4_en',
    group: 'nic',
    hardware: { en: 'NVIDIA (Mellanox) ConnectX-3', ko: 'NVIDIA(Mellanox) ConnectX-3' },
    sources: ['drivers/net/ethernet/mellanox/mlx4/en_netdev.c'],
    cells: { native: yes, frags: no, zerocopy: no, redirectTarget: no, offload: no },
  },
  {
    driver: 'ice',
    group: 'nic',
    hardware: { en: 'Intel E800 series (E810, E830)', ko: 'Intel E800 시리즈(E810, E830)' },
    sources: ['drivers/net/ethernet/intel/ice/ice_main.c', 'drivers/net/ethernet/intel/ice/ice_sf_eth.c'],
    note: {
      en: 'Only the PF’s own interface and its subfunctions report bits; in safe mode (the DDP package did not load) nothing is reported. The VF driver, `iavf`, has no XDP.',
      ko: 'PF 자신의 인터페이스와 서브펑션만 비트를 알립니다. 안전 모드(DDP 패키지를 읽지 못한 상태)에서는 아무것도 알리지 않습니다. VF 드라이버인 `iavf`에는 XDP가 없습니다.',
    },
    cells: { native: yes, frags: yes, zerocopy: yes, redirectTarget: when(WHILE_ATTACHED), offload: no },
  },
  {
    driver: 'i40e',
    group: 'nic',
    hardware: { en: 'Intel 700 series (X710, XL710, XXV710)', ko: 'Intel 700 시리즈(X710, XL710, XXV710)' },
    sources: ['drivers/net/ethernet/intel/i40e/i40e_main.c'],
    note: {
      en: 'Only the PF’s main interface reports bits; the VF driver, `iavf`, has no XDP.',
      ko: 'PF의 주 인터페이스만 비트를 알립니다. VF 드라이버인 `iavf`에는 XDP가 없습니다.',
    },
    cells: { native: yes, frags: yes, zerocopy: yes, redirectTarget: when(WHILE_ATTACHED), offload: no },
  },
  {
    driver: 'ixgbe',
    group: 'nic',
    hardware: { en: 'Intel 82599, X540, X550 (10 GbE)', ko: 'Intel 82599, X540, X550(10GbE)' },
    sources: ['drivers/net/ethernet/intel/ixgbe/ixgbe_main.c'],
    cells: { native: yes, frags: no, zerocopy: yes, redirectTarget: when(WHILE_ATTACHED), offload: no },
  },
  {
    driver: 'igb',
    group: 'nic',
    hardware: { en: 'Intel 82575, 82576, 82580, I350, I210, I211 (1 GbE)', ko: 'Intel 82575, 82576, 82580, I350, I210, I211(1GbE)' },
    sources: ['drivers/net/ethernet/intel/igb/igb_main.c'],
    cells: { native: yes, frags: no, zerocopy: yes, redirectTarget: when(WHILE_ATTACHED), offload: no },
  },
  {
    driver: 'igc',
    group: 'nic',
    hardware: { en: 'Intel I225, I226 (2.5 GbE)', ko: 'Intel I225, I226(2.5GbE)' },
    sources: ['drivers/net/ethernet/intel/igc/igc_main.c', 'drivers/net/ethernet/intel/igc/igc_xdp.c'],
    cells: { native: yes, frags: no, zerocopy: yes, redirectTarget: when(WHILE_ATTACHED), offload: no },
  },
  {
    driver: 'idpf',
    group: 'nic',
    hardware: { en: 'Intel Infrastructure Data Path Function (IPU E2000)', ko: 'Intel Infrastructure Data Path Function(IPU E2000)' },
    sources: ['drivers/net/ethernet/intel/idpf/xdp.c', 'drivers/net/ethernet/intel/libeth/xdp.c'],
    cells: { native: when(IDPF_SPLITQ), frags: when(IDPF_SPLITQ), zerocopy: when(IDPF_SPLITQ), redirectTarget: when(WHILE_ATTACHED), offload: no },
  },
  {
    driver: 'bnxt_en',
    group: 'nic',
    hardware: { en: 'Broadcom NetXtreme-C/E (BCM573xx, BCM574xx, BCM575xx)', ko: 'Broadcom NetXtreme-C/E(BCM573xx, BCM574xx, BCM575xx)' },
    sources: ['drivers/net/ethernet/broadcom/bnxt/bnxt.c', 'drivers/net/ethernet/broadcom/bnxt/bnxt_xdp.c'],
    cells: { native: yes, frags: yes, zerocopy: no, redirectTarget: when(WHILE_ATTACHED), offload: no },
  },
  {
    driver: 'nfp',
    group: 'nic',
    hardware: { en: 'Netronome (Corigine) Agilio SmartNICs', ko: 'Netronome(Corigine) Agilio SmartNIC' },
    sources: ['drivers/net/ethernet/netronome/nfp/nfp_net_common.c'],
    cells: {
      native: yes,
      frags: no,
      zerocopy: when({
        en: 'Only with firmware that uses the NFD3 datapath, which also brings `REDIRECT`; the NFDK datapath reports neither.',
        ko: 'NFD3 데이터 경로를 쓰는 펌웨어에서만이며, 이때 `REDIRECT`도 함께 알립니다. NFDK 데이터 경로에서는 둘 다 알리지 않습니다.',
      }),
      redirectTarget: no,
      offload: when({
        en: 'Only while the card runs the BPF offload firmware (the `bpf` app); then `ip link set dev <dev> xdpoffload …` loads the program onto the card.',
        ko: '카드가 BPF 오프로드 펌웨어(`bpf` 앱)를 실행하는 동안만입니다. 그러면 `ip link set dev <dev> xdpoffload …`가 프로그램을 카드에 로드합니다.',
      }),
    },
  },
  {
    driver: 'sfc',
    group: 'nic',
    hardware: { en: 'AMD (Solarflare) X2 and other EF10 cards', ko: 'AMD(Solarflare) X2 등 EF10 카드' },
    sources: ['drivers/net/ethernet/sfc/efx.c', 'drivers/net/ethernet/sfc/siena/efx.c'],
    note: {
      en: 'EF100 cards report nothing. `sfc_siena`, the driver of the older SFC9000 cards, reports the same as `sfc`.',
      ko: 'EF100 카드는 아무것도 알리지 않습니다. 오래된 SFC9000 카드의 드라이버인 `sfc_siena`는 `sfc`와 똑같이 알립니다.',
    },
    cells: { native: yes, frags: no, zerocopy: no, redirectTarget: yes, offload: no },
  },
  {
    driver: 'qede',
    group: 'nic',
    hardware: { en: 'Marvell (QLogic) FastLinQ 41000, 45000', ko: 'Marvell(QLogic) FastLinQ 41000, 45000' },
    sources: ['drivers/net/ethernet/qlogic/qede/qede_main.c'],
    cells: { native: yes, frags: no, zerocopy: no, redirectTarget: yes, offload: no },
  },
  {
    driver: 'rvu_nicpf',
    group: 'nic',
    hardware: { en: 'Marvell OcteonTX2 and CN10K (octeontx2)', ko: 'Marvell OcteonTX2, CN10K(octeontx2)' },
    sources: ['drivers/net/ethernet/marvell/octeontx2/nic/otx2_pf.c'],
    note: {
      en: 'The PF driver; the VF driver, `rvu_nicvf`, has no XDP. `ethtool -i` prints `rvu-nicpf`.',
      ko: 'PF 드라이버입니다. VF 드라이버인 `rvu_nicvf`에는 XDP가 없습니다. `ethtool -i`는 `rvu-nicpf`로 출력합니다.',
    },
    cells: { native: yes, frags: no, zerocopy: yes, redirectTarget: when(UNTIL_DETACHED), offload: no },
  },

  // SoC and embedded Ethernet
  {
    driver: 'stmmac',
    group: 'soc',
    hardware: { en: 'Synopsys DesignWare GMAC and XGMAC, in many SoCs', ko: '여러 SoC에 들어가는 Synopsys DesignWare GMAC, XGMAC' },
    sources: ['drivers/net/ethernet/stmicro/stmmac/stmmac_main.c', 'drivers/net/ethernet/stmicro/stmmac/stmmac_xdp.c'],
    note: { en: '`ethtool -i` prints `st_gmac` or `st_xgmac`.', ko: '`ethtool -i`는 `st_gmac`이나 `st_xgmac`으로 출력합니다.' },
    cells: { native: yes, frags: no, zerocopy: yes, redirectTarget: when(WHILE_ATTACHED), offload: no },
  },
  {
    driver: 'fec',
    group: 'soc',
    hardware: { en: 'NXP i.MX FEC and ENET', ko: 'NXP i.MX FEC, ENET' },
    sources: ['drivers/net/ethernet/freescale/fec_main.c'],
    cells: { native: when(FEC_SWAP), frags: no, zerocopy: when(FEC_SWAP), redirectTarget: when(WHILE_ATTACHED), offload: no },
  },
  {
    driver: 'fsl_enetc',
    group: 'soc',
    hardware: { en: 'NXP ENETC (LS1028A, i.MX95)', ko: 'NXP ENETC(LS1028A, i.MX95)' },
    sources: ['drivers/net/ethernet/freescale/enetc/enetc_pf_common.c'],
    cells: { native: when(ENETC_REV1), frags: when(ENETC_REV1), zerocopy: no, redirectTarget: when(ENETC_REV1), offload: no },
  },
  {
    driver: 'fsl_dpaa2_eth',
    group: 'soc',
    hardware: { en: 'NXP Layerscape DPAA2 (LS2088A, LX2160A)', ko: 'NXP Layerscape DPAA2(LS2088A, LX2160A)' },
    sources: ['drivers/net/ethernet/freescale/dpaa2/dpaa2-eth.c'],
    cells: {
      native: yes,
      frags: no,
      zerocopy: when({
        en: 'Only with WRIOP version 3.0.0 or later and at most 8 queues on the interface.',
        ko: 'WRIOP 버전 3.0.0 이상이고 인터페이스의 큐가 8개 이하일 때만입니다.',
      }),
      redirectTarget: yes,
      offload: no,
    },
  },
  {
    driver: 'mvneta',
    group: 'soc',
    hardware: { en: 'Marvell Armada 370, XP, 38x, 3700', ko: 'Marvell Armada 370, XP, 38x, 3700' },
    sources: ['drivers/net/ethernet/marvell/mvneta.c'],
    cells: { native: when(MVNETA_BM), frags: when(MVNETA_BM), zerocopy: no, redirectTarget: when(MVNETA_BM), offload: no },
  },
  {
    driver: 'mvpp2',
    group: 'soc',
    hardware: { en: 'Marvell Armada 375, 7K, 8K, CN913x (PPv2)', ko: 'Marvell Armada 375, 7K, 8K, CN913x(PPv2)' },
    sources: ['drivers/net/ethernet/marvell/mvpp2/mvpp2_main.c'],
    cells: { native: when(MVPP2_POOLS), frags: no, zerocopy: no, redirectTarget: when(MVPP2_POOLS), offload: no },
  },

  // Virtual machines and clouds
  {
    driver: 'virtio_net',
    group: 'virtual',
    hardware: { en: 'virtio NIC of KVM/QEMU and other hypervisors', ko: 'KVM/QEMU 등 하이퍼바이저의 virtio NIC' },
    sources: ['drivers/net/virtio_net.c'],
    cells: {
      native: yes,
      frags: when({
        en: 'Only when the device offers mergeable receive buffers (`VIRTIO_NET_F_MRG_RXBUF`, on by default in QEMU).',
        ko: '장치가 병합 가능한 수신 버퍼(`VIRTIO_NET_F_MRG_RXBUF`, QEMU는 기본으로 켬)를 제공할 때만입니다.',
      }),
      zerocopy: yesBut({
        en: 'Always reported, but a zero-copy bind fails with `-EINVAL` unless the device goes through the DMA API, that is, offers `VIRTIO_F_ACCESS_PLATFORM` (QEMU: `iommu_platform=on`), and with `-ENOENT` in the big-packets receive mode.',
        ko: '항상 알리지만, 장치가 DMA API를 거치지 않으면, 즉 `VIRTIO_F_ACCESS_PLATFORM`을 제공하지 않으면(QEMU에서는 `iommu_platform=on`) 제로 카피 bind가 `-EINVAL`로 실패하고, big packets 수신 방식에서는 `-ENOENT`로 실패합니다.',
      }),
      redirectTarget: when(WHILE_ATTACHED),
      offload: no,
    },
  },
  {
    driver: 'ena',
    group: 'virtual',
    hardware: { en: 'AWS Elastic Network Adapter', ko: 'AWS Elastic Network Adapter' },
    sources: ['drivers/net/ethernet/amazon/ena/ena_netdev.c', 'drivers/net/ethernet/amazon/ena/ena_ethtool.c', 'drivers/net/ethernet/amazon/ena/ena_xdp.c'],
    cells: { native: when(ENA_QUEUES), frags: no, zerocopy: no, redirectTarget: when(WHILE_ATTACHED), offload: no },
  },
  {
    driver: 'gve',
    group: 'virtual',
    hardware: { en: 'Google Cloud gVNIC', ko: 'Google Cloud gVNIC' },
    sources: ['drivers/net/ethernet/google/gve/gve_main.c'],
    cells: { native: when(GVE_FORMAT), frags: no, zerocopy: when(GVE_FORMAT), redirectTarget: when(WHILE_ATTACHED), offload: no },
  },
  {
    driver: 'hv_netvsc',
    group: 'virtual',
    hardware: { en: 'Hyper-V and Azure synthetic NIC', ko: 'Hyper-V, Azure의 합성(synthetic) NIC' },
    sources: ['drivers/net/hyperv/netvsc_drv.c'],
    cells: { native: yes, frags: no, zerocopy: no, redirectTarget: yes, offload: no },
  },
  {
    driver: 'mana',
    group: 'virtual',
    hardware: { en: 'Microsoft Azure Network Adapter (MANA)', ko: 'Microsoft Azure Network Adapter(MANA)' },
    sources: ['drivers/net/ethernet/microsoft/mana/mana_en.c'],
    cells: { native: yes, frags: no, zerocopy: no, redirectTarget: yes, offload: no },
  },
  {
    driver: 'vmxnet3',
    group: 'virtual',
    hardware: { en: 'VMware paravirtual NIC', ko: 'VMware 반가상화 NIC' },
    sources: ['drivers/net/vmxnet3/vmxnet3_drv.c', 'drivers/net/vmxnet3/vmxnet3_xdp.c'],
    cells: { native: yes, frags: no, zerocopy: no, redirectTarget: when(UNTIL_DETACHED), offload: no },
  },
  {
    driver: 'ixgbevf',
    group: 'virtual',
    hardware: { en: 'Virtual function (SR-IOV) of ixgbe NICs', ko: 'ixgbe NIC의 가상 펑션(SR-IOV)' },
    sources: ['drivers/net/ethernet/intel/ixgbevf/ixgbevf_main.c'],
    cells: {
      native: yesBut({
        en: '`BASIC` alone, without `REDIRECT`: a program can drop, pass and send frames back (`XDP_TX`), but not redirect them.',
        ko: '`REDIRECT` 없이 `BASIC`만 알립니다. 프로그램은 프레임을 드롭하거나 통과시키거나 되돌려 보낼(`XDP_TX`) 수는 있지만 리다이렉트할 수는 없습니다.',
      }),
      frags: no,
      zerocopy: no,
      redirectTarget: no,
      offload: no,
    },
  },
  {
    driver: 'iavf',
    group: 'virtual',
    hardware: { en: 'Virtual function (SR-IOV) of i40e and ice NICs', ko: 'i40e, ice NIC의 가상 펑션(SR-IOV)' },
    sources: ['drivers/net/ethernet/intel/iavf/iavf_main.c'],
    cells: { native: no, frags: no, zerocopy: no, redirectTarget: no, offload: no },
  },
  {
    driver: 'e1000, e1000e',
    group: 'virtual',
    hardware: { en: 'Intel PRO/1000: 8254x, 8257x, I217–I219', ko: 'Intel PRO/1000: 8254x, 8257x, I217–I219' },
    note: {
      en: 'What VirtualBox (e1000) and QEMU’s q35 machine (e1000e) emulate. No XDP in the driver: generic mode only.',
      ko: 'VirtualBox(e1000)와 QEMU q35 머신(e1000e)이 에뮬레이션하는 NIC입니다. 드라이버에 XDP가 없으므로 제네릭 모드만 됩니다.',
    },
    sources: ['drivers/net/ethernet/intel/e1000/e1000_main.c', 'drivers/net/ethernet/intel/e1000e/netdev.c'],
    cells: { native: no, frags: no, zerocopy: no, redirectTarget: no, offload: no },
  },

  // Software devices
  {
    driver: 'veth',
    group: 'software',
    hardware: { en: 'Virtual Ethernet pair', ko: '가상 이더넷 쌍' },
    sources: ['drivers/net/veth.c'],
    note: {
      en: 'Nothing while the peer has more TX queues than this end has RX queues (one each, unless set with `numtxqueues` and `numrxqueues`).',
      ko: 'peer의 TX 큐가 이쪽 RX 큐보다 많으면 아무것도 알리지 않습니다(`numtxqueues`, `numrxqueues`로 정하지 않으면 둘 다 하나).',
    },
    cells: {
      native: yes,
      frags: yes,
      zerocopy: no,
      redirectTarget: when({
        en: 'Only while the peer has an XDP program or GRO on (`ethtool -K <peer> gro on`): frames redirected into a veth are received by its peer, which needs its NAPI instance to take them.',
        ko: 'peer에 XDP 프로그램이 있거나 GRO가 켜져 있는(`ethtool -K <peer> gro on`) 동안만입니다. veth로 리다이렉트한 프레임은 peer가 받는데, peer는 NAPI 인스턴스가 있어야 이를 가져갑니다.',
      }),
      offload: no,
    },
  },
  {
    driver: 'tun',
    group: 'software',
    hardware: { en: 'TUN and TAP devices', ko: 'TUN, TAP 장치' },
    sources: ['drivers/net/tun.c'],
    cells: { native: when(TUN_TAP), frags: no, zerocopy: no, redirectTarget: when(TUN_TAP), offload: no },
  },
  {
    driver: 'bonding',
    group: 'software',
    hardware: { en: 'Link aggregation (bond devices)', ko: '링크 묶음(본딩 장치)' },
    sources: ['drivers/net/bonding/bond_main.c'],
    cells: {
      native: when({
        en: 'Only in the `balance-rr` and `active-backup` modes, or `balance-xor` and `802.3ad` with an `xmit_hash_policy` other than `vlan+srcmac`, and only if every slave reports it; a bond without slaves reports nothing.',
        ko: '`balance-rr`, `active-backup` 모드이거나, `xmit_hash_policy`가 `vlan+srcmac`이 아닌 `balance-xor`, `802.3ad` 모드일 때만이며, 모든 슬레이브가 알려야 합니다. 슬레이브가 없는 본딩 장치는 아무것도 알리지 않습니다.',
      }),
      frags: when(BOND_EVERY_SLAVE),
      zerocopy: noBut({
        en: 'Cleared by bonding, whatever the slaves report.',
        ko: '슬레이브가 무엇을 알리든 본딩이 해제합니다.',
      }),
      redirectTarget: when(BOND_EVERY_SLAVE),
      offload: noBut({
        en: 'An all-nfp bond could show the bit, but a bond is no offload device: it takes only programs that run in the driver, so none can be offloaded through it.',
        ko: '슬레이브가 모두 nfp라면 비트가 보일 수는 있지만, 본딩 장치는 오프로드 장치가 아닙니다. 드라이버에서 실행할 프로그램만 받으므로, 본딩을 거쳐 프로그램을 오프로드할 수는 없습니다.',
      }),
    },
  },
  {
    driver: 'netkit',
    group: 'software',
    hardware: { en: 'BPF-programmable device pair for containers (Cilium)', ko: '컨테이너용 BPF 프로그래머블 장치 쌍(Cilium)' },
    sources: ['drivers/net/netkit.c'],
    cells: {
      native: noBut({
        en: 'netkit runs its own BPF programs in its transmit path and refuses an XDP program (`-EOPNOTSUPP`). A single netkit device (not a pair) reports `BASIC` anyway, so that an AF_XDP socket can bind to it.',
        ko: 'netkit은 자기 BPF 프로그램을 송신 경로에서 실행하고, XDP 프로그램은 `-EOPNOTSUPP`로 거부합니다. 다만 쌍이 아닌 단일 netkit 장치는 AF_XDP 소켓이 bind할 수 있도록 `BASIC`을 알립니다.',
      }),
      frags: no,
      zerocopy: when({
        en: 'Only a single netkit device (not the default pair): an AF_XDP socket binds to an RX queue the device leases from a physical NIC, which must do zero-copy itself.',
        ko: '기본값인 쌍이 아닌 단일 netkit 장치에서만입니다. AF_XDP 소켓은 이 장치가 물리 NIC에서 빌려 온 RX 큐에 bind하며, 그 NIC가 제로 카피를 지원해야 합니다.',
      }),
      redirectTarget: no,
      offload: no,
    },
  },
  {
    driver: 'lo',
    group: 'software',
    hardware: { en: 'Loopback', ko: '루프백' },
    sources: ['drivers/net/loopback.c'],
    note: {
      en: 'No XDP in the driver: only generic mode, and `xdpdrv` fails with `Error: Underlying driver does not support XDP in native mode.`',
      ko: '드라이버에 XDP가 없으므로 제네릭 모드만 됩니다. `xdpdrv`는 `Error: Underlying driver does not support XDP in native mode.`로 실패합니다.',
    },
    cells: { native: no, frags: no, zerocopy: no, redirectTarget: no, offload: no },
  },
];

// Why the VM cannot start, told from the facts alone: what virsh and Vagrant
// printed, which libvirt sockets exist, what the guest's console holds. Each
// cause gets its own line and hint (no VT-x advice for a daemon that is not
// running). No libvirt, no Vagrant, no VM: the facts are written down here.
import { describe, expect, test } from 'vitest';
import { explainError, PrerequisiteError } from '../../labs/lib/errors.ts';
import { LIBVIRT_SOCKETS, libvirtDaemon, type DaemonFacts } from '../../labs/vm/libvirt.ts';
import { bootTimedOut, consoleTail, knownVagrantFailure } from '../../labs/vm/vagrant.ts';

const [MONOLITHIC, MODULAR] = LIBVIRT_SOCKETS;
const NO_SOCKET = "error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory";
const VAGRANT_NO_DAEMON =
  "Error while connecting to Libvirt: Error making a connection to libvirt URI qemu:///system:\nCall to virConnectOpen failed: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory";

function refusal(facts: DaemonFacts): PrerequisiteError {
  try {
    libvirtDaemon(facts);
  } catch (error) {
    if (error instanceof PrerequisiteError) return error;
    throw error;
  }
  throw new Error('the daemon was reported as answering');
}

describe("doctor's libvirt daemon line", () => {
  test('a daemon that answers: its version', () => {
    const found = libvirtDaemon({ virsh: { exitCode: 0, stdout: 'Running against daemon: 9.0.0\n', stderr: '' }, sockets: [MONOLITHIC!] });
    expect(found).toEqual({ en: 'libvirtd 9.0.0, answering on qemu:///system', ko: 'libvirtd 9.0.0, qemu:///system에서 응답합니다' });
  });
  test('Vagrant installed, libvirtd not running, no virsh: the daemon is named, with how to start it, not the guest or VT-x', () => {
    const error = refusal({ virsh: undefined, sockets: [], vagrant: VAGRANT_NO_DAEMON });
    expect(error.message).toMatch(/^the libvirt daemon is not running/);
    expect(error.details.hint).toMatchObject({ en: expect.stringContaining('systemctl enable --now libvirtd') });
    expect(JSON.stringify(error.details.hint)).not.toMatch(/VT-x|Hyper-V|console|adduser/);
    expect(error.details.stderr).toContain('libvirt-sock');
  });
  test('virsh cannot connect and no socket exists: not running', () => {
    const error = refusal({ virsh: { exitCode: 1, stdout: '', stderr: NO_SOCKET }, sockets: [] });
    expect(error.message).toBe(`the libvirt daemon is not running: neither ${MONOLITHIC} nor ${MODULAR} exists`);
  });
  test('the socket refuses this user: the group, not the daemon', () => {
    const error = refusal({ virsh: { exitCode: 1, stdout: '', stderr: "error: Failed to connect socket to '/var/run/libvirt/libvirt-sock': Permission denied" }, sockets: [MONOLITHIC!] });
    expect(error.message).toBe('the libvirt daemon runs, but this user may not use it');
    expect(error.details.hint).toMatchObject({ en: expect.stringContaining('adduser $USER libvirt') });
    expect(JSON.stringify(error.details.hint)).not.toContain('systemctl');
  });
  test('a socket with no daemon behind it: restart it, and where to read why it stopped', () => {
    const error = refusal({ virsh: { exitCode: 1, stdout: '', stderr: "error: Failed to connect socket to '/var/run/libvirt/libvirt-sock': Connection refused" }, sockets: [MONOLITHIC!] });
    expect(error.message).toBe(`${MONOLITHIC} exists, but no daemon answers on it`);
    expect(error.details.hint).toMatchObject({ en: expect.stringContaining('journalctl -u libvirtd') });
  });
  test('no socket, no virsh and Vagrant never complained: libvirt is not installed', () => {
    const error = refusal({ virsh: undefined, sockets: [] });
    expect(error.message).toMatch(/^libvirt is not installed/);
    expect(error.details.hint).toMatchObject({ en: expect.stringContaining('apt-get install libvirt-daemon-system') });
  });
  test('a socket and no virsh to ask: present, and how to ask', () => {
    expect(libvirtDaemon({ virsh: undefined, sockets: [MODULAR!] }).en).toBe(`${MODULAR} present (install libvirt-clients for virsh to ask the daemon itself)`);
  });
  test('each cause speaks Korean under ko', () => {
    const error = refusal({ virsh: undefined, sockets: [], vagrant: VAGRANT_NO_DAEMON });
    expect(explainError(error, 'ko')).toEqual({
      message: `libvirt 데몬이 실행 중이 아닙니다: ${LIBVIRT_SOCKETS.join(', ')} 어느 것도 없습니다`,
      hint: expect.stringMatching(/^데몬을 켜 두세요: `sudo systemctl enable --now libvirtd`/),
    });
  });
});

describe("Vagrant's own failures, by cause", () => {
  test('the daemon not running, and the socket refusing this user, are two causes with two hints', () => {
    const down = knownVagrantFailure(VAGRANT_NO_DAEMON);
    expect(down?.known).toBe('libvirt-daemon');
    expect(down?.details.hint).toMatchObject({ en: expect.stringContaining('systemctl enable --now libvirtd') });
    const refused = knownVagrantFailure("Call to virConnectOpen failed: Failed to connect socket to '/var/run/libvirt/libvirt-sock': Permission denied");
    expect(refused?.known).toBe('libvirt-access');
    expect(refused?.details.hint).toMatchObject({ en: expect.stringContaining('adduser $USER libvirt') });
  });
  test('no box is its own cause', () => {
    expect(knownVagrantFailure("The box 'xdp-labs/offline' could not be found or\ncould not be accessed in the remote catalog.")?.known).toBe('box');
  });
});

describe('a guest that does not boot', () => {
  test("the console's last lines are the evidence, and the hint says where they come from", () => {
    const error = bootTimedOut('vagrant up', consoleTail('[    0.000000] Linux version 6.1.0\r\n\r\nKernel panic - not syncing: VFS\n'));
    expect(error.details.stderr).toBe('[    0.000000] Linux version 6.1.0\nKernel panic - not syncing: VFS');
    expect(error.details.hint).toMatchObject({ en: expect.stringMatching(/^The last lines of the VM's console \(.*console\.log\) above show how far the guest got\. .*VT-x/) });
  });
  test('an empty console says the kernel never started; a provider without a log says so', () => {
    const empty = bootTimedOut('vagrant up', consoleTail(''));
    expect(empty.details.stderr).toBeUndefined();
    expect(explainError(empty, 'ko').hint).toMatch(/^콘솔 로그가 비어 있습니다\. VM이 커널을 시작하지 못했습니다\./);
    expect(explainError(bootTimedOut('vagrant up', consoleTail(null)), 'en').hint).toMatch(/^There is no console log at .*; this provider does not write one\./);
  });
});

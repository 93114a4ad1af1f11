// The Vagrant target's pure parts: how argv becomes a remote command line (no
// word may ever be interpreted by the guest's shell), and how Vagrant's output
// is read. No VM needed; the VM itself is tested by the "vagrant" project.
import { execa } from 'execa';
import { describe, expect, test } from 'vitest';
import { remoteCommand } from '../../labs/targets/vagrant.ts';
import { cleanLine, errorLines, knownVagrantFailure, parseMachineStatus } from '../../labs/vm/vagrant.ts';
import { shellQuote } from '../../labs/lib/command-line.ts';
import { sshHostAlias } from '../../labs/vm/ssh.ts';

describe('shellQuote', () => {
  const nasty = ['plain', 'two words', "it's", '$(reboot)', '`id`', 'a;b|c&d', '*', '', 'line\nbreak', '"quoted"', '\\'];
  test.each(nasty)('a POSIX shell reads %j back unchanged', async (word) => {
    const { stdout } = await execa('sh', ['-c', `printf '%s' ${shellQuote(word)}`]);
    expect(stdout).toBe(word);
  });
});

describe('remoteCommand', () => {
  test('becomes root with sudo -n, in the C locale, under a time limit, inside the namespace', () => {
    expect(remoteCommand(['ip', 'link', 'show'], { netns: 'xl-xdp-drop-1a2b-a', timeoutMs: 30_000 })).toBe(
      'cd -- /home/vagrant/xdp-labs && exec sudo -n LC_ALL=C timeout --kill-after=2 30 nsenter --net=/run/netns/xl-xdp-drop-1a2b-a -- ip link show',
    );
  });
  test('skips sudo inside the root shell and announces the pid for spawn', () => {
    expect(remoteCommand(['sleep', '5'], { alreadyRoot: true, cwd: '/tmp/x y' })).toBe("cd -- '/tmp/x y' && exec sleep 5");
    expect(remoteCommand(['sleep', '5'], { announcePid: true })).toContain(`sudo -n LC_ALL=C sh -c 'ulimit -l unlimited 2>/dev/null; echo "$$"; exec "$@"' sh sleep 5`);
  });
  test('refuses a namespace that is not one of the runner\'s own', () => {
    expect(() => remoteCommand(['true'], { netns: 'default; reboot' })).toThrow(/refusing to run in namespace/);
  });
});

describe('reading Vagrant', () => {
  test('machine-readable status gives the state and the provider', () => {
    const text = ['1700000000,default,metadata,provider,libvirt', '1700000000,default,provider-name,libvirt', '1700000000,default,state,running'].join('\n');
    expect(parseMachineStatus(text)).toEqual({ state: 'running', provider: 'libvirt' });
    expect(parseMachineStatus('')).toEqual({ state: 'unknown', provider: 'unknown' });
  });
  test('progress redraws and colours are reduced to what a person reads', () => {
    expect(cleanLine('\x1b[KProgress: 99%\x1b[KProgress: 100%\x1b[K==> default: Creating image (snapshot of base box volume).')).toBe('Creating image (snapshot of base box volume).');
  });
  test('an error keeps its message and drops the Ruby backtrace', () => {
    const text = "vm_action.rb:7:in `create': Call to virDomainCreateWithFlags failed (Libvirt::Error)\n\tfrom /usr/lib/ruby/x.rb:1:in `call'\n\tfrom /usr/lib/ruby/y.rb:2:in `call'";
    expect(errorLines(text)).toBe("vm_action.rb:7:in `create': Call to virDomainCreateWithFlags failed (Libvirt::Error)");
  });
  test('the ssh-config host alias is read from its Host line', () => {
    expect(sshHostAlias('Host default\n  HostName 127.0.0.1\n  Port 2222\n')).toBe('default');
  });
});

describe('Vagrant failures with a known cause get their own hint', () => {
  test('no libvirt daemon: the daemon, not the guest, is named', () => {
    const error = knownVagrantFailure("Error while connecting to Libvirt: Error making a connection to libvirt URI qemu:///system:\nCall to virConnectOpen failed: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory");
    expect(error?.message).toBe('the libvirt daemon is not running, so Vagrant cannot reach the hypervisor');
    expect(error?.details.hint).toMatchObject({ en: expect.stringContaining('systemctl enable --now libvirtd') });
    expect(JSON.stringify(error?.details.hint)).not.toMatch(/VT-x|Hyper-V|console/);
  });
  test('no box: how to build or fetch it', () => {
    const error = knownVagrantFailure("The box 'xdp-labs/offline' could not be found or\ncould not be accessed in the remote catalog.");
    expect(error?.message).toBe("the lab VM's box is not installed");
    expect(error?.details.hint).toMatchObject({ en: expect.stringContaining('npm run box') });
  });
  test('anything else is left to the boot-failure path', () => {
    expect(knownVagrantFailure('Timed out while waiting for the machine to boot.')).toBeUndefined();
  });
});

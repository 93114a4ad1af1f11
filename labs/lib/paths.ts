// Where things are in this checkout, from one place: every module that needs
// the repository's root asks here, so no module imports a target (or the VM
// package) just to learn where the files are.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository's root on this machine, without a trailing slash. */
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
/** labs/: the Vagrantfile and Vagrant's own state (.vagrant/) live here. */
export const LABS_DIR = join(REPO_DIR, 'labs');
/** The one list of packages the labs need (the host's and the VM's). */
export const PACKAGES_FILE = join(LABS_DIR, 'provision', 'packages.txt');

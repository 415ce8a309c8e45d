/**
 * Salon data (the data folder, databases, backups, exports, import reports) holds clients' personal
 * data and the salons' credentials: readable by the operator's account only. Our own folders and
 * files are created with these modes; files a library creates (libSQL databases and their -wal and
 * -shm, VACUUM INTO snapshots) get them from the process umask, set once at the CLI's start.
 */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** New files 0600 and folders 0700 for everything this process creates from now on. */
export function restrictNewFiles(): void {
  process.umask(0o077);
}

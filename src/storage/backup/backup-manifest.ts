/**
 * Every backup has a manifest beside it (`<backup>.manifest.json`): the fingerprint of the store as the
 * backup holds it. `orderline restore` compares the restored store to it, and `orderline verify` compares
 * any store to it, so "the restore worked" is a check, not a hope.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { BackupRefusal } from './backup-refusal.js';
import type { StoreFingerprint } from './store-fingerprint.js';

export interface BackupManifest {
  readonly format: 1;
  /** ISO time the backup was taken. */
  readonly takenAt: string;
  readonly fingerprint: StoreFingerprint;
}

export const manifestPath = (backup: string) => `${backup}.manifest.json`;

export function writeManifest(backup: string, fingerprint: StoreFingerprint, takenAt: Date): void {
  const manifest: BackupManifest = { format: 1, takenAt: takenAt.toISOString(), fingerprint };
  writeFileSync(manifestPath(backup), `${JSON.stringify(manifest, null, 2)}\n`);
}

export function readManifest(backup: string): BackupManifest {
  const path = manifestPath(backup);
  if (!existsSync(path)) throw new BackupRefusal(`${path} is missing: it is written by orderline backup.`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  if (manifest.format !== 1 || !manifest.fingerprint?.tables) {
    throw new BackupRefusal(`${path} is not an Orderline backup manifest.`);
  }
  return manifest;
}

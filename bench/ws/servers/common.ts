// Shared bits of the hand-written comparison servers.
export interface PresenceRecord {
  connection_id: string;
  user_info: { name: string; joined: number };
  joined_at: number;
}

export function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : dflt;
}

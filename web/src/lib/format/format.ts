const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const compactFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** 12,345 (whole numbers) or 12.3. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
}

/** 1.2K, 3.4M: for axes and tight spots. */
export function formatCompact(value: number): string {
  return compactFormat.format(value);
}

/** Voice minutes as hours with one decimal: 90 -> "1.5 h". */
export function formatVoiceHours(minutes: number): string {
  return `${decimal.format(minutes / 60)} h`;
}

export type ChangeTone = 'up' | 'down' | 'flat';

/** "+12.5%", "−3%", "new" (from zero), "no change"; with the tone the card colours it by. */
export function formatChange(current: number, previous: number): { text: string; tone: ChangeTone } {
  if (current === previous) return { text: 'no change', tone: 'flat' };
  if (previous === 0) return { text: 'new', tone: 'up' };
  const ratio = (current - previous) / previous;
  const pct = Math.abs(ratio * 100);
  const digits = pct < 10 ? 1 : 0;
  const text = `${ratio > 0 ? '+' : '−'}${pct.toFixed(digits).replace(/\.0$/, '')}%`;
  return { text, tone: ratio > 0 ? 'up' : 'down' };
}

/** Local date and time, e.g. "Nov 21, 2026, 15:04:05"; "—" for null. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/** "5 s ago", "3 min ago", "2 h ago", "4 d ago" relative to `now`. */
export function formatAgo(iso: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** A user's label: their username, or a shortened id when the bot never saw a name. */
export function userLabel(user: { id: string; username?: string | null } | null | undefined): string {
  if (!user) return '—';
  return user.username ?? `user ${user.id}`;
}

/** Two letters for an avatar placeholder (no CDN: the dashboard works offline). */
export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return (words[0] as string).slice(0, 2).toUpperCase();
  return `${(words[0] as string)[0]}${(words[1] as string)[0]}`.toUpperCase();
}

/** UPPER_SNAKE enum values as words: "TIMEOUT_ADD" -> "Timeout add". */
export function humanizeEnum(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

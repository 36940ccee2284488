/**
 * The stations of a shared deployment as the training feed knows them: a label each
 * ("Seat 1", "Seat 2", ... in the order they first connected), who is signed in there
 * and in what role, since when, and whether it is connected. A station that disconnects
 * keeps its seat (and its claims) for the grace; after that `gone` is called.
 */
import type { ClaimRole, Operator, SeatRef } from '../../shared/feed/claims';

interface SeatState {
  label: string;
  operator: Operator | null;
  role: ClaimRole | null;
  since: string;
  connected: boolean;
  grace: NodeJS.Timeout | null;
}

const NOBODY: Operator = { id: 'nobody', name: 'nobody signed in' };

export class SeatRegistry {
  private readonly seats = new Map<string, SeatState>();

  constructor(
    private readonly graceMs: number,
    private readonly timers: Set<NodeJS.Timeout>,
    private readonly gone: (stationId: string) => void,
  ) {}

  connected(stationId: string): void {
    const seat = this.seats.get(stationId);
    if (!seat) {
      this.seats.set(stationId, {
        label: `Seat ${this.seats.size + 1}`,
        operator: null,
        role: null,
        since: new Date().toISOString(),
        connected: true,
        grace: null,
      });
      return;
    }
    if (seat.grace) clearTimeout(seat.grace);
    seat.grace = null;
    seat.connected = true;
  }

  /** `stillConnected`: another socket of the same station is still there. */
  disconnected(stationId: string, stillConnected: boolean): void {
    const seat = this.seats.get(stationId);
    if (!seat || stillConnected) return;
    seat.connected = false;
    if (seat.grace) clearTimeout(seat.grace);
    seat.grace = setTimeout(() => {
      this.timers.delete(seat.grace!);
      seat.grace = null;
      if (!seat.connected) this.gone(stationId);
    }, this.graceMs);
    seat.grace.unref();
    this.timers.add(seat.grace);
  }

  /** Who is signed in at a station (this project's `seat` message). */
  signedIn(stationId: string, operator: Operator | null, role: ClaimRole | null): void {
    const seat = this.seats.get(stationId);
    if (!seat) return;
    const changed = seat.operator?.id !== operator?.id;
    seat.operator = operator;
    seat.role = operator ? role : null;
    if (changed) seat.since = new Date().toISOString();
  }

  /** A claim or escalation names the person at the station: learnt when no `seat` said so. */
  spoke(stationId: string, operator: Operator, role: ClaimRole | null): void {
    const seat = this.seats.get(stationId);
    if (!seat) return;
    if (seat.operator?.id !== operator.id) this.signedIn(stationId, operator, role ?? seat.role);
    else if (role && !seat.role) seat.role = role;
  }

  role(stationId: string): ClaimRole | null {
    return this.seats.get(stationId)?.role ?? null;
  }

  label(stationId: string): string {
    return this.seats.get(stationId)?.label ?? stationId;
  }

  ref(stationId: string, operator: Operator | null): SeatRef {
    const seat = this.seats.get(stationId);
    return { stationId, label: this.label(stationId), operator: operator ?? seat?.operator ?? NOBODY };
  }

  knownStations(): string[] {
    return [...this.seats.keys()];
  }

  /** Connected seats (and those within their grace), for `seats`. */
  present(): Array<{
    stationId: string;
    label: string;
    operator?: Operator;
    role?: ClaimRole;
    since: string;
  }> {
    return [...this.seats]
      .filter(([, seat]) => seat.connected || seat.grace !== null)
      .map(([stationId, seat]) => ({
        stationId,
        label: seat.label,
        ...(seat.operator ? { operator: seat.operator } : {}),
        ...(seat.role ? { role: seat.role } : {}),
        since: seat.since,
      }));
  }
}

// What is kept and for how long (docs/participation.md, "Data kept"). Runs at start and every 6 hours.
import type { Store } from './store.ts';

export const RETENTION = {
  /** Contact and device hash, after a decision (published or rejected). */
  personalAfterDecisionDays: 180,
  /** Contact and device hash of a suggestion nobody decided on. */
  personalPendingDays: 365,
  /** Rejected suggestions are deleted (their audit entries stay, without the link). */
  rejectedDays: 180,
  auditDays: 730,
} as const;

export interface Purged {
  personal: number;
  rejected: number;
  sessions: number;
  audit: number;
}

export async function purge(store: Store, r = RETENTION): Promise<Purged> {
  return store.tx(async (q) => {
    const personal = await q.query(
      `UPDATE suggestions SET contact = NULL, device_hash = NULL
       WHERE (contact IS NOT NULL OR device_hash IS NOT NULL)
         AND ((status <> 'pending' AND updated_at < now() - make_interval(days => $1))
           OR (status = 'pending' AND created_at < now() - make_interval(days => $2)))`,
      [r.personalAfterDecisionDays, r.personalPendingDays],
    );
    const rejected = await q.query(
      `DELETE FROM suggestions WHERE status = 'rejected' AND updated_at < now() - make_interval(days => $1)`,
      [r.rejectedDays],
    );
    // stories: the same rules as suggestions; check-ins keep their device hash as long as a pending contact
    await q.query(
      `UPDATE stories SET device_hash = NULL WHERE device_hash IS NOT NULL
         AND ((status <> 'pending' AND updated_at < now() - make_interval(days => $1)) OR created_at < now() - make_interval(days => $2))`,
      [r.personalAfterDecisionDays, r.personalPendingDays],
    );
    const rejectedStories = await q.query(`DELETE FROM stories WHERE status = 'rejected' AND updated_at < now() - make_interval(days => $1)`, [r.rejectedDays]);
    await q.query(`UPDATE checkins SET device_hash = NULL WHERE device_hash IS NOT NULL AND created_at < now() - make_interval(days => $1)`, [r.personalAfterDecisionDays]);
    const sessions = await q.query('DELETE FROM sessions WHERE expires_at < now()');
    const audit = await q.query('DELETE FROM audit_log WHERE at < now() - make_interval(days => $1)', [r.auditDays]);
    return { personal: personal.rowCount, rejected: rejected.rowCount + rejectedStories.rowCount, sessions: sessions.rowCount, audit: audit.rowCount };
  });
}

import type { DataSource } from 'typeorm';

export interface WorkerHeartbeat {
  workerId: string;
  host: string;
  pid: number;
  queueBackend: string;
  startedAt: Date;
}

export interface LiveWorkers {
  count: number;
  // Seconds since the freshest heartbeat, null when no worker ever beat.
  newestAgeSeconds: number | null;
}

// Workers' heartbeats: written by each worker every few seconds, read by the API's readiness.
export class SqlWorkerHeartbeats {
  constructor(private readonly ds: DataSource) {}

  async beat(w: WorkerHeartbeat): Promise<void> {
    await this.ds.query(
      `INSERT INTO worker_heartbeats (worker_id, host, pid, queue_backend, started_at, seen_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (worker_id) DO UPDATE SET seen_at = now()`,
      [w.workerId, w.host, w.pid, w.queueBackend, w.startedAt],
    );
  }

  async stopped(workerId: string): Promise<void> {
    await this.ds.query(`DELETE FROM worker_heartbeats WHERE worker_id = $1`, [workerId]);
  }

  // Workers seen within `withinSeconds`, by the database's clock (no skew between hosts).
  async live(withinSeconds: number): Promise<LiveWorkers> {
    const [r] = await this.ds.query(
      `SELECT count(*) FILTER (WHERE seen_at > now() - make_interval(secs => $1))::int AS n,
              extract(epoch FROM now() - max(seen_at))::float AS age
         FROM worker_heartbeats`,
      [withinSeconds],
    );
    return { count: r.n, newestAgeSeconds: r.age === null ? null : Math.round(r.age * 10) / 10 };
  }
}
